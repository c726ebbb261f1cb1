import HealthInterchange

/// One input of `hix inspect`: its display name and bytes.
struct InspectInput {
    let name: String
    let bytes: [UInt8]
}

/// `hix inspect FILE…|-`: detects each input's format and hands it to that format's inspector.
enum InspectCommand {
    static let usage = """
        usage: hix inspect [--format tree|json|canonical-json|er7] [--from hl7v2|xml|fhir|ndjson] [--lenient] FILE…|-

        Shows each message or document in FILE (or standard input for -) for people (tree, the default), as
        JSON, as canonical JSON (HL7 v2) or written back as ER7 (HL7 v2, byte-identical when unmodified).
        Personal data is masked in trees unless --show is given.
        """

    /// What the user asked for, shared by the per-format inspectors.
    struct Options {
        /// `tree`, `json`, `canonical-json` or `er7`.
        var format = "tree"
        /// Accept recoverable problems as warnings.
        var lenient = true
        /// Show personal data unmasked.
        var show = false
    }

    static func run(_ rawArguments: [String]) -> Int32 {
        let arguments: Arguments
        do {
            arguments = try Arguments(
                rawArguments, valued: ["format", "from"], boolean: ["lenient", "strict", "show"])
        } catch {
            Console.error("hix inspect: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        var options = Options()
        if let format = arguments.value("format") {
            guard ["tree", "json", "canonical-json", "er7"].contains(format) else {
                Console.error("hix inspect: unknown --format '\(format)'\n\n\(usage)")
                return ExitCode.usage
            }
            options.format = format
        }
        options.lenient = !arguments.flag("strict")
        options.show = arguments.flag("show")
        var forced: DocumentFormat? = nil
        if let from = arguments.value("from") {
            switch from {
            case "hl7v2", "v2", "er7": forced = .hl7v2
            case "xml", "cda": forced = .xml
            case "v3", "hl7v3": forced = .hl7v3
            case "fhir", "json": forced = .fhirJSON
            case "ndjson": forced = .ndjson
            default:
                Console.error("hix inspect: unknown --from '\(from)'\n\n\(usage)")
                return ExitCode.usage
            }
        }
        guard !arguments.positional.isEmpty else {
            Console.error("hix inspect: no input given\n\n\(usage)")
            return ExitCode.usage
        }
        var status = ExitCode.ok
        for path in arguments.positional {
            let input: InspectInput
            do {
                let bytes = try ByteSource.readInput(path)
                input = InspectInput(name: path, bytes: bytes)
            } catch {
                Console.error("hix inspect: \(error)")
                status = ExitCode.inputError
                continue
            }
            guard let format = forced ?? DocumentFormat.detect(input.bytes) else {
                Console.error(
                    "hix inspect: \(path): not HL7 v2, XML or FHIR JSON (format not recognised from the first bytes)")
                status = ExitCode.inputError
                continue
            }
            let result: Int32
            switch format {
            case .hl7v2: result = InspectHL7v2.inspect(input, options: options)
            case .xml, .hl7v3: result = InspectXML.inspect(input, options: options)
            case .fhirJSON, .ndjson: result = InspectFHIR.inspect(input, format: format, options: options)
            case .table:
                Console.error("hix inspect: \(path): tables are not inspected yet")
                result = ExitCode.inputError
            }
            if result != ExitCode.ok { status = max(status, result) }
        }
        Console.flush()
        return status
    }
}
