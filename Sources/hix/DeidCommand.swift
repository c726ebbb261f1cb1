import Foundation
import HealthInterchange

/// `hix deid`: de-identifies HL7 v2, FHIR JSON/NDJSON, CDA and CSV/TSV files with keyed, repeatable pseudonyms.
enum DeidCommand {
    static let usage = """
        usage: hix deid (--key-file FILE | --key-env VAR) [--date-shift-days N] [--free-text mask|empty|keep]
                        [--format auto|hl7v2|fhir|ndjson|cda|v3|table] [--report] INPUT… -o OUTDIR

        Replaces resident ID numbers (region kept, valid check digit), names, phones, addresses below the
        county and free text with pseudonyms derived from HMAC-SHA-256 under the key, and shifts each
        person's dates by one offset of 1…N days (default 180) either way. The same key gives the same
        pseudonyms. Writes OUTDIR/<input name> and, with --report, OUTDIR/<input name>.deid.json (paths and
        kinds of the changes, never the original values). Refuses to run without a key.
        """

    static func run(_ rawArguments: [String]) -> Int32 {
        let arguments: Arguments
        do {
            // `-o DIR` is accepted as `--output DIR`.
            let expanded = rawArguments.map { $0 == "-o" ? "--output" : $0 }
            arguments = try Arguments(
                expanded, valued: ["key-file", "key-env", "date-shift-days", "format", "output", "free-text"],
                boolean: ["report"])
        } catch {
            Console.error("hix deid: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        let key: [UInt8]
        if let file = arguments.value("key-file") {
            guard let bytes = try? ByteSource.readFile(file) else {
                Console.error("hix deid: cannot read the key file")
                return ExitCode.usage
            }
            var trimmed = bytes
            while let last = trimmed.last, last == 0x0A || last == 0x0D { trimmed.removeLast() }
            key = trimmed
        } else if let variable = arguments.value("key-env") {
            key = Array((ProcessInfo.processInfo.environment[variable] ?? "").utf8)
        } else {
            Console.error("hix deid: a key is required (--key-file FILE or --key-env VAR)\n\n\(usage)")
            return ExitCode.usage
        }
        guard !key.isEmpty else {
            Console.error("hix deid: the key is empty")
            return ExitCode.usage
        }
        var options = DeidentificationOptions(key: key)
        if let text = arguments.value("date-shift-days") {
            guard let days = Int(text), days >= 0, days <= 36500 else {
                Console.error("hix deid: --date-shift-days needs a number of days (0…36500)\n\n\(usage)")
                return ExitCode.usage
            }
            options.dateShiftDays = days == 0 ? 0...0 : 1...days
        }
        if let text = arguments.value("free-text") {
            guard let policy = DeidentificationOptions.FreeTextPolicy(rawValue: text) else {
                Console.error("hix deid: unknown --free-text '\(text)'\n\n\(usage)")
                return ExitCode.usage
            }
            options.freeText = policy
        }
        var forced: DeidentificationFormat? = nil
        switch arguments.value("format") ?? "auto" {
        case "auto": forced = nil
        case "hl7v2", "v2", "er7": forced = .hl7v2
        case "fhir", "json", "fhir-json": forced = .fhirJSON
        case "ndjson": forced = .ndjson
        case "table", "csv", "tsv": forced = .table
        case "cda", "xml": forced = .cda
        case "v3", "hl7v3": forced = .v3
        case let other:
            Console.error("hix deid: unknown --format '\(other)'\n\n\(usage)")
            return ExitCode.usage
        }
        guard let outputDirectory = arguments.value("output") else {
            Console.error("hix deid: an output folder is required (-o OUTDIR)\n\n\(usage)")
            return ExitCode.usage
        }
        guard !arguments.positional.isEmpty else {
            Console.error("hix deid: no input\n\n\(usage)")
            return ExitCode.usage
        }
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            Console.error("hix deid: cannot create the output folder")
            return ExitCode.inputError
        }
        let deidentifier = Deidentifier(options: options)
        var status = ExitCode.ok
        for input in arguments.positional {
            let name = (input as NSString).lastPathComponent
            let bytes: [UInt8]
            do {
                bytes = try ByteSource.readFile(input)
            } catch {
                Console.error("hix deid: \(error.reason)")
                status = ExitCode.inputError
                continue
            }
            guard let format = forced ?? detect(bytes, name: name) else {
                Console.error("hix deid: \(name): unknown format (use --format)")
                status = ExitCode.inputError
                continue
            }
            do {
                let result = try deidentifier.deidentify(bytes, format: format)
                let target = (outputDirectory as NSString).appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: target, contents: Data(result.bytes)) else {
                    Console.error("hix deid: cannot write \(target)")
                    status = ExitCode.inputError
                    continue
                }
                if arguments.flag("report") {
                    let report = Data((result.report.jsonText + "\n").utf8)
                    _ = FileManager.default.createFile(atPath: target + ".deid.json", contents: report)
                }
                let counts = result.report.counts.sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
                Console.output("\(name): \(format.rawValue), \(result.report.changes.count) changes (\(counts))")
            } catch {
                Console.error("hix deid: \(name): \(error.description)")
                status = ExitCode.inputError
            }
        }
        return status
    }

    static func detect(_ bytes: [UInt8], name: String) -> DeidentificationFormat? {
        switch DocumentFormat.detect(bytes) {
        case .hl7v2: return .hl7v2
        case .fhirJSON: return .fhirJSON
        case .ndjson: return .ndjson
        case .table: return .table
        case .xml: return .cda
        case .hl7v3: return .v3
        case nil:
            let lower = name.lowercased()
            return lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") ? .table : nil
        }
    }
}
