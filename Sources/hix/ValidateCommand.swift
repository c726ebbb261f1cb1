import Foundation
import HealthInterchange

/// `hix validate`: validates records (HL7 v2, FHIR, CDA) against sharing
/// profiles, and lists and checks profiles and rules.
enum ValidateCommand {
    static let usage = """
        usage: hix validate [--profile NAME|FILE] [--format text|json] INPUT…|-
               hix validate --list-profiles | --list-rules | --list-elements
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

        INPUT is a file, a directory (recursive) or - for standard input; HL7 v2 (multi-message files and
        batches split into messages), FHIR JSON/NDJSON and CDA documents of the typed WS/T 500 and WS/T 483
        templates are read into models first (what the reader reports becomes syntax-level findings).
        Without --profile each record is checked with the profile for its kind (cn-lab-report,
        cn-resident-registration, …). Output: one block (text) or one JSON object (json)
        per record on standard output; issue counts by code on standard error.

        exit codes: 0 no errors, 1 a record has errors (or the profile is invalid), 2 usage error
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
            return validateInputs(parsed.positional, profile: parsed.value("profile"), format: format)
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

    /// Validates every record of the inputs (files, directories, `-`): text or one JSON object per record on
    /// standard output, a summary of issue counts by code on standard error; exit 1 when any record has errors.
    static func validateInputs(_ inputs: [String], profile: String?, format: String) -> Int32 {
        let validation: RecordValidation
        do {
            if let profile {
                let (loaded, library) = try loadProfile(profile)
                validation = try RecordValidation(profile: Validator(profile: loaded, library: library))
            } else {
                validation = try RecordValidation()
            }
        } catch {
            Console.error("hix validate: \(error)")
            return ExitCode.inputError
        }
        var records = 0
        var withErrors = 0
        var counts: [IssueCode: Int] = [:]
        for input in inputs {
            let sources: [(name: String, path: String)] =
                input == "-"
                ? [("-", "-")]
                : FileManager.default.isDirectory(input)
                    ? ConvertCommand.files(under: input).map { ("\(input)/\($0.name)", $0.path) } : [(input, input)]
            for source in sources {
                let bytes: [UInt8]
                do {
                    bytes = try ByteSource.readInput(source.path)
                } catch {
                    Console.error("hix validate: \(error)")
                    withErrors += 1
                    continue
                }
                for record in ConvertCommand.split(bytes, name: source.name, forced: nil, forcedNDJSON: false) {
                    records += 1
                    let reports: [ValidationReport]
                    if let recordFormat = record.format, record.problem == nil {
                        reports = validation.validate(record.bytes, as: recordFormat)
                    } else {
                        let issue = HICore.Issue(
                            .fatal, code: "HI-VAL-0003",
                            record.problem ?? "the input is not HL7 v2, FHIR JSON or CDA XML",
                            at: SourceLocation(file: source.name, record: record.index, byteOffset: 0))
                        reports = [ValidationReport(profile: profile ?? "auto", issues: []).addingSyntaxIssues([issue])]
                    }
                    var hasErrors = false
                    for report in reports {
                        let located = report.locatedIn(file: source.name, record: record.index)
                        if !located.isShareable { hasErrors = true }
                        for (code, count) in located.countsByCode { counts[code, default: 0] += count }
                        if format == "json" {
                            Console.output(located.jsonText)
                        } else {
                            let verdict = located.isShareable ? "shareable" : "NOT shareable"
                            var lines = ["\(source.name) record \(record.index) [\(located.profile)]: \(verdict)"]
                            lines += located.textLines.map { "  " + $0 }
                            Console.output(lines.joined(separator: "\n"))
                        }
                    }
                    if hasErrors { withErrors += 1 }
                }
            }
        }
        var summary = "hix validate: \(records) record(s), \(withErrors) with errors"
        for code in counts.keys.sorted() { summary += "\n  \(code): \(counts[code] ?? 0)" }
        Console.error(summary)
        return withErrors > 0 ? ExitCode.inputError : ExitCode.ok
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

extension FileManager {
    /// `true` when `path` names a directory.
    func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

extension ValidationReport {
    /// This report with the file name and record number filled into every issue's location.
    func locatedIn(file: String, record: Int) -> ValidationReport {
        ValidationReport(
            profile: profile,
            issues: issues.map { issue in
                var copy = issue
                copy.location = copy.location.with(file: file).with(record: record)
                return copy
            })
    }
}
