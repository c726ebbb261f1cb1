import HealthInterchange

/// `hix validate`: lists and checks validation profiles and rules. Validating files arrives when the format
/// readers (HL7 v2, CDA, FHIR → models) are connected; the engine and every model-level rule are in
/// `HIValidation` already.
enum ValidateCommand {
    static let usage = """
        usage: hix validate --list-profiles | --list-rules | --list-elements
               hix validate --profile NAME|FILE --show-profile [--format text|json]

        Sharing profiles decide whether a record may be shared: required elements, data types, code
        bindings (GB/T 2261.1, GB 3304, WS 364, HL7 tables, UCUM) and business rules, each issue with a
        stable code (HI-VAL-…), a severity and what to fix.

        options:
          --list-profiles   list the built-in profiles
          --list-rules      list the rules (id, level, default severity, title)
          --list-elements   list the element names profiles may require or recommend
          --profile P       a built-in profile name or a profile JSON file (which may extend a built-in one)
          --show-profile    print the profile merged with the profiles it extends (checks a profile file:
                            unknown rules, tables, elements or profiles are reported, exit 1)
          --format F        text (default) or json (--show-profile: the merged profile as profile JSON)

        Validating input files (hix validate [--profile P] INPUT…) needs the format readers and is not
        available yet.

        exit codes: 0 ok, 1 invalid profile, 2 usage error
        """

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(
                arguments, valued: ["profile", "format"],
                boolean: ["list-profiles", "list-rules", "list-elements", "show-profile", "help"])
        } catch {
            Console.error("hix validate: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if parsed.flag("help") {
            Console.output(usage)
            return ExitCode.ok
        }
        let format = parsed.value("format") ?? "text"
        guard format == "text" || format == "json" else {
            Console.error("hix validate: --format must be text or json\n\n\(usage)")
            return ExitCode.usage
        }
        if parsed.flag("list-profiles") {
            Console.output(listProfiles())
            return ExitCode.ok
        }
        if parsed.flag("list-elements") {
            Console.output(Validator.elementNames.joined(separator: "\n"))
            return ExitCode.ok
        }
        if parsed.flag("list-rules") {
            Console.output(listRules())
            return ExitCode.ok
        }
        if !parsed.positional.isEmpty {
            Console.error(
                "hix validate: validating input files needs the HL7 v2, CDA and FHIR readers, which are not"
                    + " connected yet; use --show-profile to check a profile")
            return ExitCode.usage
        }
        guard parsed.flag("show-profile"), let profileArgument = parsed.value("profile") else {
            Console.error("hix validate: give --list-profiles, --list-rules or --profile P --show-profile\n\n\(usage)")
            return ExitCode.usage
        }
        do {
            let (profile, library) = try loadProfile(profileArgument)
            let validator = try Validator(profile: profile, library: library)
            Console.output(format == "json" ? flattened(validator).jsonText : describe(validator))
            return ExitCode.ok
        } catch {
            Console.error("hix validate: \(error)")
            return ExitCode.inputError
        }
    }

    /// A built-in profile by name, or a profile file added to the built-in library.
    static func loadProfile(_ argument: String) throws(ValidationError) -> (ValidationProfile, ProfileLibrary) {
        if let builtIn = ProfileLibrary.builtIn.profile(named: argument) { return (builtIn, .builtIn) }
        guard argument.hasSuffix(".json") || argument.contains("/") else {
            throw ValidationError(
                .unknownProfile,
                "no built-in profile named '\(argument)' (a profile file name ends in .json); known: "
                    + ProfileLibrary.builtIn.names.joined(separator: ", "))
        }
        let profile = try ValidationProfile(contentsOfFile: argument)
        return (profile, ProfileLibrary.builtIn.adding(profile))
    }

    static func listProfiles() -> String {
        ProfileLibrary.builtIn.names.compactMap { name in
            guard let profile = ProfileLibrary.builtIn.profile(named: name) else { return nil }
            let subject = (try? ProfileLibrary.builtIn.resolve(profile))?.subject?.rawValue ?? "any"
            var line = pad(name, 34) + pad(subject, 14) + (profile.title ?? "")
            if let parent = profile.extends { line += " (extends \(parent))" }
            return line
        }.joined(separator: "\n")
    }

    static func listRules() -> String {
        RuleRegistry.builtIn.rules.map { rule in
            pad(rule.id.rawValue, 13) + pad(rule.level.rawValue, 14) + pad(rule.defaultSeverity.description, 9)
                + rule.title + " / " + rule.chineseTitle
        }.joined(separator: "\n")
    }

    static func describe(_ validator: Validator) -> String {
        var lines = [
            "profile \(validator.profileName)",
            "chain: " + validator.profile.chain.joined(separator: " > "),
            "subject: " + (validator.profile.subject?.rawValue ?? "any"),
            "rules:",
        ]
        for applied in validator.appliedRules {
            var line =
                "  " + pad(applied.rule.id.rawValue, 13) + pad(applied.severity.description, 9) + applied.rule.title
            if !applied.tables.isEmpty { line += " [" + applied.tables.joined(separator: ", ") + "]" }
            lines.append(line)
        }
        lines.append("required: " + validator.profile.required.joined(separator: ", "))
        lines.append("recommended: " + validator.profile.recommended.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// The merged profile as one profile without `extends`.
    static func flattened(_ validator: Validator) -> ValidationProfile {
        ValidationProfile(
            name: validator.profileName, subject: validator.profile.subject?.rawValue,
            rules: validator.appliedRules.map {
                ValidationProfile.RuleEntry(id: $0.rule.id, severity: $0.severity, tables: $0.tables)
            },
            required: validator.profile.required, recommended: validator.profile.recommended)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
