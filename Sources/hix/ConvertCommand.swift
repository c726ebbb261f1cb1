import Foundation
import HealthInterchange

/// `hix convert`: reads HL7 v2 and FHIR records from files, directories and standard input, converts each
/// through the models and writes one output per record; bad records go to a reject directory and the batch
/// goes on. The work is done by `RecordConverter` in HIConvert; this file only splits inputs into records,
/// names and writes files and keeps the summary.
enum ConvertCommand {
    static let usage = """
        usage: hix convert --to fhir|v2|cda [--from v2|fhir|ndjson|cda] INPUT… -o OUTDIR [--rejects DIR] [--summary FILE]
                           [--strict] [--carry-unmapped] [--mappings DIR]

        Converts each record of INPUT (files, directories searched recursively, or - for standard input) through
        the models and writes one output per record into OUTDIR, named after the input file and the record
        number (adt-1.json, oru-r01-lab-1.hl7). Multi-message ER7 files and FHS/BHS batches are split into
        messages, NDJSON into lines. The format is detected from the bytes; --from forces it.
          --strict          treat any source element with no place in the target as an error (record rejected)
          --carry-unmapped  keep such elements as FHIR extensions, ZUN segments or CDA entries
          --rejects DIR     write rejected records (original bytes) and a .error.json beside each
          --summary FILE    write the JSON summary there instead of standard error
          --mappings DIR    add or override code tables from a directory of .tsv files
        Exit status: 0 all records converted, 1 a record was rejected, 2 usage error.
        """

    /// One record of one input.
    struct Record {
        var inputName: String
        var index: Int
        var bytes: [UInt8]
        var format: RecordFormat?
        var problem: String?
    }

    struct Summary {
        var recordsIn = 0
        var converted = 0
        var rejected = 0
        var warnings = 0
        var unmapped: [String: Int] = [:]
        var rejects: [(input: String, record: Int, code: String)] = []

        var json: String {
            var text = "{\n"
            text += "  \"recordsIn\": \(recordsIn),\n  \"converted\": \(converted),\n"
            text += "  \"rejected\": \(rejected),\n  \"warnings\": \(warnings),\n"
            let paths = unmapped.keys.sorted()
            text += "  \"unmappedByPath\": {"
            text += paths.map { "\n    \(JSONText.quoted($0)): \(unmapped[$0] ?? 0)" }.joined(separator: ",")
            text += paths.isEmpty ? "},\n" : "\n  },\n"
            text += "  \"rejectedRecords\": ["
            text += rejects.map {
                "\n    {\"input\": \(JSONText.quoted($0.input)), \"record\": \($0.record), \"code\": \(JSONText.quoted($0.code))}"
            }.joined(separator: ",")
            text += rejects.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
            return text
        }
    }

    static func run(_ rawArguments: [String]) -> Int32 {
        if let status = ConvertTabular.run(ifTabular: rawArguments) { return status }  // --from csv|tsv, --mapping
        let arguments: Arguments
        do {
            let expanded = rawArguments.map { $0 == "-o" ? "--output" : $0 }
            arguments = try Arguments(
                expanded, valued: ["to", "from", "output", "rejects", "summary", "mappings"],
                boolean: ["strict", "carry-unmapped"])
        } catch {
            Console.error("hix convert: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        guard let toName = arguments.value("to") else {
            Console.error("hix convert: --to is required\n\n\(usage)")
            return ExitCode.usage
        }
        guard let target = RecordFormat(name: toName) else {
            Console.error("hix convert: unknown --to '\(toName)' (fhir, v2 or cda)\n\n\(usage)")
            return ExitCode.usage
        }
        var forced: RecordFormat? = nil
        var forcedNDJSON = false
        if let from = arguments.value("from") {
            guard let format = RecordFormat(name: from) else {
                Console.error("hix convert: unknown --from '\(from)'\n\n\(usage)")
                return ExitCode.usage
            }
            forced = format
            forcedNDJSON = from == "ndjson"
        }
        guard let outputDirectory = arguments.value("output") else {
            Console.error("hix convert: -o OUTDIR is required\n\n\(usage)")
            return ExitCode.usage
        }
        guard !arguments.positional.isEmpty else {
            Console.error("hix convert: no input given\n\n\(usage)")
            return ExitCode.usage
        }
        var options = ConversionOptions()
        options.strict = arguments.flag("strict")
        options.carryUnmapped = arguments.flag("carry-unmapped")
        if let mappings = arguments.value("mappings") {
            do {
                options.terminology = try TerminologyTables(loadingDirectory: mappings)
            } catch {
                Console.error("hix convert: --mappings: \(error)")
                return ExitCode.usage
            }
        }
        let rejectDirectory = arguments.value("rejects")
        let converter = RecordConverter.allFormats
        var summary = Summary()

        for argument in arguments.positional {
            let inputs: [(name: String, path: String)]
            if argument == "-" {
                inputs = [("stdin", "-")]
            } else {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                    Console.error("hix convert: \(argument): no such file or directory")
                    summary.rejected += 1
                    summary.rejects.append((argument, 0, "HI-CONV-0001"))
                    continue
                }
                inputs =
                    isDirectory.boolValue
                    ? files(under: argument) : [((argument as NSString).lastPathComponent, argument)]
            }
            for input in inputs {
                let bytes: [UInt8]
                do {
                    bytes = try ByteSource.readInput(input.path)
                } catch {
                    Console.error("hix convert: \(error)")
                    summary.rejected += 1
                    summary.rejects.append((input.name, 0, error.issueCode.rawValue))
                    continue
                }
                for record in split(bytes, name: input.name, forced: forced, forcedNDJSON: forcedNDJSON) {
                    summary.recordsIn += 1
                    convert(
                        record, to: target, converter: converter, options: options, outputDirectory: outputDirectory,
                        rejectDirectory: rejectDirectory, summary: &summary)
                }
            }
        }
        if let file = arguments.value("summary") {
            if !writeAtomically(Array(summary.json.utf8), to: file) {
                Console.error("hix convert: cannot write the summary to \(file)")
            }
        } else {
            Console.error(summary.json)
        }
        return summary.rejected == 0 ? ExitCode.ok : ExitCode.inputError
    }

    static func convert(
        _ record: Record, to target: RecordFormat, converter: RecordConverter, options: ConversionOptions,
        outputDirectory: String, rejectDirectory: String?, summary: inout Summary
    ) {
        let base = stem(record.inputName) + "-" + String(record.index)
        let location = SourceLocation(file: record.inputName, record: record.index)
        func reject(_ issue: HICore.Issue) {
            summary.rejected += 1
            summary.rejects.append((record.inputName, record.index, issue.code.rawValue))
            var located = issue
            located.location.file = record.inputName
            located.location.record = record.index
            if let rejectDirectory {
                let original = rejectDirectory + "/" + base + "." + extensionOf(record.inputName)
                _ = writeAtomically(record.bytes, to: original)
                _ = writeAtomically(
                    Array((located.jsonText + "\n").utf8), to: rejectDirectory + "/" + base + ".error.json")
            } else {
                Console.error("hix convert: rejected: \(located)")
            }
        }
        if let problem = record.problem {
            reject(HICore.Issue(.error, code: "HI-CONV-0002", problem, at: location))
            return
        }
        guard let format = record.format else {
            reject(
                HICore.Issue(
                    .error, code: "HI-CONV-0001",
                    "not HL7 v2, FHIR JSON or CDA XML (format not recognised from the first bytes)",
                    at: location))
            return
        }
        do {
            let result = try converter.convert(record.bytes, from: format, to: target, options: options)
            let name = base + (target == .fhir ? ".json" : target == .cda || target == .v3 ? ".xml" : ".hl7")
            guard writeAtomically(result.output, to: outputDirectory + "/" + name) else {
                reject(HICore.Issue(.error, code: "HI-CONV-0006", "cannot write the output file", at: location))
                return
            }
            summary.converted += 1
            summary.warnings += result.report.issues.filter { $0.severity == .warning }.count
            for (path, count) in result.report.unmappedCountsByPath { summary.unmapped[path, default: 0] += count }
        } catch {
            var issue = error.issue
            issue.severity = .error
            reject(issue)
        }
    }

    /// Regular files under `directory`, recursively, sorted by relative path.
    static func files(under directory: String) -> [(name: String, path: String)] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [(name: String, path: String)] = []
        while let relative = enumerator.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !(relative as NSString).lastPathComponent.hasPrefix(".")
            else { continue }
            if ["md", "txt"].contains((relative as NSString).pathExtension) { continue }
            result.append((relative, path))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Splits an input into records: ER7 messages (envelope segments dropped), NDJSON lines, or one JSON/XML document.
    static func split(_ bytes: [UInt8], name: String, forced: RecordFormat?, forcedNDJSON: Bool) -> [Record] {
        let detected = DocumentFormat.detect(bytes)
        let format: DocumentFormat? =
            switch forced {
            case .hl7v2?: .hl7v2
            case .fhir?: forcedNDJSON ? .ndjson : (detected == .ndjson ? .ndjson : .fhirJSON)
            case .cda?: .xml
            case .v3?: .hl7v3
            case .table?: nil  // handled by ConvertTabular
            case nil: detected
            }
        switch format {
        case .hl7v2?:
            return splitER7(bytes).enumerated().map { index, slice in
                Record(inputName: name, index: index + 1, bytes: Array(slice), format: .hl7v2)
            }
        case .ndjson?:
            var records: [Record] = []
            var start = 0
            var number = 0
            for position in 0...bytes.count where position == bytes.count || bytes[position] == 0x0A {
                let line = bytes[start..<position]
                start = position + 1
                guard line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
                number += 1
                records.append(Record(inputName: name, index: number, bytes: Array(line), format: .fhir))
            }
            return records
        case .fhirJSON?:
            return [Record(inputName: name, index: 1, bytes: bytes, format: .fhir)]
        case .xml?:
            return [Record(inputName: name, index: 1, bytes: bytes, format: .cda)]
        case .hl7v3?:
            return [Record(inputName: name, index: 1, bytes: bytes, format: .v3)]
        default:
            return [Record(inputName: name, index: 1, bytes: bytes, format: nil)]
        }
    }

    /// Byte ranges of the messages of an ER7 file: each starts at an `MSH` line; FHS/BHS/BTS/FTS lines end one.
    static func splitER7(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var messages: [ArraySlice<UInt8>] = []
        var start: Int? = nil
        var lineStart = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineStart = 3 }
        var position = lineStart
        func isLine(_ id: String) -> Bool { bytes[lineStart...].starts(with: Array(id.utf8)) }
        while lineStart < bytes.count {
            while position < bytes.count, bytes[position] != 0x0D, bytes[position] != 0x0A { position += 1 }
            while position < bytes.count, bytes[position] == 0x0D || bytes[position] == 0x0A { position += 1 }
            if isLine("MSH") {
                if let begun = start { messages.append(bytes[begun..<lineStart]) }
                start = lineStart
            } else if isLine("FHS") || isLine("BHS") || isLine("BTS") || isLine("FTS") {
                if let begun = start { messages.append(bytes[begun..<lineStart]) }
                start = nil
            }
            lineStart = position
        }
        if let begun = start { messages.append(bytes[begun..<bytes.count]) }
        return messages
    }

    static func stem(_ name: String) -> String {
        let ext = (name as NSString).pathExtension
        return ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
    }

    static func extensionOf(_ name: String) -> String {
        let ext = (name as NSString).pathExtension
        return ext.isEmpty ? "dat" : ext
    }

    /// Writes to a temporary file beside `path`, then renames it into place (creating directories).
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let temporary = (directory.isEmpty ? "." : directory) + "/." + (path as NSString).lastPathComponent + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return false }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
