import Foundation
import HealthInterchange

/// `hix validate`: validates records (HL7 v2, FHIR, CDA) against sharing
/// profiles, and lists and checks profiles and rules.
enum ValidateCommand {
    static let usage = """
        usage: hix validate [--profile NAME|FILE] [--format text|json|operation-outcome|ack] [--jobs N]
                            [--include GLOB] [--exclude GLOB] [--shard I/N] [--summary FILE] [--quiet] INPUT…|-
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
          --format F        text (default), json, operation-outcome (one FHIR OperationOutcome per line and
                            record) or ack (an HL7 v2 ACK with ERR segments per v2 record; other records get
                            an OperationOutcome); --show-profile: text or json (the merged profile JSON)
          --jobs N          records validated in parallel (default: all cores); output order never changes
          --include GLOB, --exclude GLOB, --shard I/N, --quiet   as for hix convert (see docs/batch.md)
          --summary FILE    also write a JSON summary (records, valid, withErrors, by issue code and input)

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
                arguments, valued: ["profile", "format", "jobs", "include", "exclude", "shard", "summary"],
                boolean: ["list-profiles", "list-rules", "list-elements", "show-profile", "help", "quiet"])
        } catch {
            Console.error("hix validate: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if parsed.flag("help") {
            Console.output(usage)
            return ExitCode.ok
        }
        let format = parsed.value("format") ?? "text"
        guard ["text", "json", "operation-outcome", "ack"].contains(format) else {
            Console.error("hix validate: --format must be text, json, operation-outcome or ack\n\n\(usage)")
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
            return validateInputs(parsed, format: format)
        }
        guard parsed.flag("show-profile"), let profileArgument = parsed.value("profile") else {
            Console.error("hix validate: give --list-profiles, --list-rules or --profile P --show-profile\n\n\(usage)")
            return ExitCode.usage
        }
        do {
            let (profile, library) = try loadProfile(profileArgument)
            let validator = try Validator(profile: profile, library: library)
            guard format == "text" || format == "json" else {
                Console.error("hix validate: --show-profile prints text or json")
                return ExitCode.usage
            }
            Console.output(format == "json" ? flattened(validator).jsonText : describe(validator))
            return ExitCode.ok
        } catch {
            Console.error("hix validate: \(error)")
            return ExitCode.inputError
        }
    }

    /// Validates every record of the inputs (files, directories, `-`) with the batch engine: text, JSON,
    /// OperationOutcome or ACK output per record on standard output in input order, a summary of issue counts
    /// by code on standard error (and `--summary FILE`); exit 1 when any record has errors.
    static func validateInputs(_ parsed: Arguments, format: String) -> Int32 {
        let profile = parsed.value("profile")
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
        var settings = ValidateBatch.Settings(validation: validation, profile: profile, format: format)
        settings.arguments = parsed.positional
        if let jobs = parsed.value("jobs") {
            guard let count = Int(jobs), count >= 1, count <= 1024 else {
                Console.error("hix validate: --jobs needs a number from 1 to 1024")
                return ExitCode.usage
            }
            settings.jobs = count
        }
        settings.selection.include = parsed.values("include")
        settings.selection.exclude = parsed.values("exclude")
        if let shardText = parsed.value("shard") {
            guard let shard = BatchShard(parsing: shardText) else {
                Console.error("hix validate: --shard needs I/N with 0 <= I < N")
                return ExitCode.usage
            }
            settings.selection.shard = shard
        }
        settings.summaryFile = parsed.value("summary")
        settings.quiet = parsed.flag("quiet")
        BatchSignals.install()
        let ready = settings
        return BatchEngine.blocking { await ValidateBatch(settings: ready).run() }
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
