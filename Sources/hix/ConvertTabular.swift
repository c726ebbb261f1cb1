import Foundation
import HealthInterchange

/// `hix convert --from csv|tsv --mapping FILE --to fhir|cda|v2|csv`: table input, one output per data row.
/// Kept apart from `ConvertCommand` (which calls ``run(ifTabular:)`` first): the row loop, rejects with row
/// number, column name and byte offset, optional validation of the models, and the JSON summary.
enum ConvertTabular {
    static let usage = """
        usage: hix convert --from csv|tsv --mapping FILE|NAME --to fhir|cda|v2|csv TABLE… -o OUTDIR
                           [--rejects DIR] [--summary FILE] [--validate] [--strict] [--carry-unmapped]
                           [--encoding utf-8|gb18030|gbk] [--delimiter comma|tab|semicolon|pipe] [--mappings DIR]

        Reads each data row of each TABLE (CSV/TSV, or - for standard input) through the column mapping (a JSON
        mapping file, or a built-in one: contract-list, followup-register, lab-extract) into the models and
        writes one output per row into OUTDIR (contract-list-2.json for data row 2, the header being row 1).
        The charset and delimiter are detected unless given. A row with an error (a quoting problem, a missing
        required value, a bad date, and with --validate an error of the sharing profile for its models) is
        rejected alone, with its row number, column name and byte offset; the batch goes on.
          --validate        check each row's models against the sharing profile for their kind
          --rejects DIR     write each rejected row's issues as DIR/<table>-<row>.error.json
          --summary FILE    write the JSON summary there instead of standard error
        Exit status: 0 all rows converted, 1 a row was rejected, 2 usage error.
        """

    /// Runs a table conversion when `--from` names a table format (or `--mapping` is given); `nil` otherwise.
    static func run(ifTabular rawArguments: [String]) -> Int32? {
        var from: String? = nil
        var hasMapping = false
        for (index, argument) in rawArguments.enumerated() {
            if argument == "--from", index + 1 < rawArguments.count { from = rawArguments[index + 1] }
            if argument.hasPrefix("--from=") { from = String(argument.dropFirst(7)) }
            if argument == "--mapping" || argument.hasPrefix("--mapping=") { hasMapping = true }
        }
        if let from, RecordFormat(name: from) == .table { return run(rawArguments) }
        if from == nil, hasMapping { return run(rawArguments) }
        return nil
    }

    struct Summary {
        var rows = 0
        var converted = 0
        var rejected = 0
        var warnings = 0
        var unmapped: [String: Int] = [:]
        var rejects: [(input: String, row: Int, code: String, column: String?, byteOffset: Int?)] = []

        var json: String {
            var text = "{\n"
            text += "  \"recordsIn\": \(rows),\n  \"converted\": \(converted),\n"
            text += "  \"rejected\": \(rejected),\n  \"warnings\": \(warnings),\n"
            let paths = unmapped.keys.sorted()
            text += "  \"unmappedByPath\": {"
            text += paths.map { "\n    \(JSONText.quoted($0)): \(unmapped[$0] ?? 0)" }.joined(separator: ",")
            text += paths.isEmpty ? "},\n" : "\n  },\n"
            text += "  \"rejectedRecords\": ["
            text += rejects.map { reject in
                var item = "\n    {\"input\": \(JSONText.quoted(reject.input)), \"record\": \(reject.row), "
                item += "\"code\": \(JSONText.quoted(reject.code))"
                if let column = reject.column { item += ", \"column\": \(JSONText.quoted(column))" }
                if let offset = reject.byteOffset { item += ", \"byteOffset\": \(offset)" }
                return item + "}"
            }.joined(separator: ",")
            text += rejects.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
            return text
        }
    }

    static func run(_ rawArguments: [String]) -> Int32 {
        let arguments: Arguments
        do {
            let expanded = rawArguments.map { $0 == "-o" ? "--output" : $0 }
            arguments = try Arguments(
                expanded,
                valued: ["to", "from", "output", "rejects", "summary", "mappings", "mapping", "encoding", "delimiter"],
                boolean: ["strict", "carry-unmapped", "validate", "quiet"])  // --quiet: tables print no progress anyway
        } catch {
            Console.error("hix convert: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        guard let toName = arguments.value("to"), let target = RecordFormat(name: toName) else {
            Console.error("hix convert: --to fhir|cda|v2|csv is required\n\n\(usage)")
            return ExitCode.usage
        }
        guard let outputDirectory = arguments.value("output") else {
            Console.error("hix convert: -o OUTDIR is required\n\n\(usage)")
            return ExitCode.usage
        }
        guard !arguments.positional.isEmpty else {
            Console.error("hix convert: no input given\n\n\(usage)")
            return ExitCode.usage
        }
        var options: ConversionOptions
        do {
            options = try TabularCLI.options(arguments, command: "convert")
        } catch {
            Console.error(error.description)
            return ExitCode.usage
        }
        guard options.tableMapping != nil else {
            Console.error("hix convert: --mapping FILE|NAME is required for table input\n\n\(usage)")
            return ExitCode.usage
        }
        options.strict = arguments.flag("strict")
        options.carryUnmapped = arguments.flag("carry-unmapped")
        if target == .table { options.tableDialect = TableDialect(byteOrderMark: true) }
        let validation: RecordValidation?
        if arguments.flag("validate") {
            do {
                validation = try RecordValidation(options: options)
            } catch {
                Console.error("hix convert: the sharing profiles could not be loaded: \(error)")
                return ExitCode.usage
            }
        } else {
            validation = nil
        }
        let converter = RecordConverter.withPrimaryCare
        var summary = Summary()
        for path in arguments.positional {
            let name = path == "-" ? "stdin" : (path as NSString).lastPathComponent
            var stream: TabularModelStream
            do {
                stream = try TabularCLI.stream(path: path, name: name, options: options)
            } catch {
                Console.error("hix convert: \(name): \(error.reason)")
                summary.rejected += 1
                summary.rejects.append((name, 0, error.issueCode.rawValue, nil, nil))
                continue
            }
            for issue in stream.fileIssues where issue.severity >= .warning {
                Console.error("hix convert: \(issue)")
            }
            while true {
                let row: TabularRow?
                do {
                    row = try stream.next()
                } catch {
                    Console.error("hix convert: \(name): \(error)")
                    summary.rejected += 1
                    summary.rejects.append((name, 0, error.issueCode.rawValue, nil, error.location.byteOffset))
                    break
                }
                guard let row else { break }
                summary.rows += 1
                convert(
                    row, input: name, to: target, converter: converter, options: options, validation: validation,
                    outputDirectory: outputDirectory, rejectDirectory: arguments.value("rejects"), summary: &summary)
            }
        }
        if let file = arguments.value("summary") {
            if !BatchFiles.writeAtomically(Array(summary.json.utf8), to: file) {
                Console.error("hix convert: cannot write the summary to \(file)")
            }
        } else {
            Console.error(summary.json)
        }
        return summary.rejected == 0 ? ExitCode.ok : ExitCode.inputError
    }

    static func convert(
        _ row: TabularRow, input: String, to target: RecordFormat, converter: RecordConverter,
        options: ConversionOptions, validation: RecordValidation?, outputDirectory: String, rejectDirectory: String?,
        summary: inout Summary
    ) {
        let base = TabularCLI.stem(input) + "-" + String(row.rowNumber)
        func reject(_ issues: [Issue]) {
            summary.rejected += 1
            let first = issues.first { $0.severity >= .error } ?? issues.first
            let column = first.flatMap { TabularCLI.columnName(in: $0.location.path) }
            summary.rejects.append(
                (input, row.rowNumber, first?.code.rawValue ?? "HI-CONV-0001", column, first?.location.byteOffset))
            let located = issues.map { issue -> Issue in
                var copy = issue
                copy.location.file = input
                if copy.location.record == nil { copy.location.record = row.rowNumber }
                return copy
            }
            if let rejectDirectory {
                let json = "[" + located.map(\.jsonText).joined(separator: ",\n") + "]\n"
                _ = BatchFiles.writeAtomically(Array(json.utf8), to: rejectDirectory + "/" + base + ".error.json")
            } else {
                for issue in located where issue.severity >= .error { Console.error("hix convert: rejected: \(issue)") }
            }
        }
        guard !row.isRejected else {
            reject(row.report.issues)
            return
        }
        var report = row.report
        if let validation {
            var findings: [Issue] = []
            for record in row.records {
                let subject: ValidationSubject?
                if case .contract(let contract) = record {
                    subject = .contract(contract)
                } else {
                    subject = ValidationSubject(record)
                }
                guard let subject, let validator = validation.validatorsByKind[subject.kind] else { continue }
                for issue in validator.validate(subject).issues {
                    var located = Issue(issue.severity, code: issue.code, issue.message, at: row.location)
                    located.location.path = issue.location.path
                    findings.append(located)
                }
            }
            if findings.containsErrors {
                reject(report.issues + findings)
                return
            }
            report.issues += findings
        }
        guard let writer = converter.writers[target] else {
            reject([Issue(.error, code: "HI-CONV-0005", "no writer for \(target) output", at: row.location)])
            return
        }
        do throws(ConversionError) {
            let output = try writer.write(row.records, options: options, report: &report)
            if options.strict, let first = report.unmapped.first {
                throw ConversionError(
                    .unmappedContent, "\(report.unmapped.count) element(s) have no place in the target",
                    at: SourceLocation(record: row.rowNumber, path: first.path))
            }
            let suffix =
                switch target {
                case .fhir: ".json"
                case .cda: ".xml"
                case .table: ".csv"
                default: ".hl7"
                }
            guard BatchFiles.writeAtomically(output, to: outputDirectory + "/" + base + suffix) else {
                reject([Issue(.error, code: "HI-CONV-0006", "cannot write the output file", at: row.location)])
                return
            }
            summary.converted += 1
            summary.warnings += report.issues.filter { $0.severity == .warning }.count
            for (path, count) in report.unmappedCountsByPath { summary.unmapped[path, default: 0] += count }
        } catch {
            var issue = error.issue
            issue.severity = .error
            if issue.location.record == nil { issue.location.record = row.rowNumber }
            reject(report.issues + [issue])
        }
    }
}

/// Flag handling and input reading shared by the table commands (`convert --from csv`, `export`, `stats`).
enum TabularCLI {
    /// A usage problem with a ready message.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Conversion options from `--mapping`, `--mappings`, `--encoding` and `--delimiter`.
    static func options(_ arguments: Arguments, command: String) throws(Failure) -> ConversionOptions {
        var options = ConversionOptions()
        if let mappings = arguments.value("mappings") {
            do {
                options.terminology = try TerminologyTables(loadingDirectory: mappings)
            } catch {
                throw Failure(description: "hix \(command): --mappings: \(error)")
            }
        }
        if let mapping = arguments.value("mapping") {
            if let builtIn = BuiltInMappings.named(mapping) {
                options.tableMapping = builtIn
            } else {
                do {
                    options.tableMapping = try TableMapping(contentsOfFile: mapping)
                } catch {
                    throw Failure(description: "hix \(command): --mapping: \(error)")
                }
            }
        }
        if let encoding = arguments.value("encoding") {
            guard let charset = Charset(name: encoding) else {
                throw Failure(description: "hix \(command): unknown --encoding '\(encoding)' (utf-8, gb18030, gbk)")
            }
            options.tableReading.charset = charset
            options.tableDialect.charset = charset
            options.tableDialect.byteOrderMark = charset == .utf8
        }
        if let name = arguments.value("delimiter") {
            let delimiters: [String: Delimiter] = [
                "comma": .comma, ",": .comma, "tab": .tab, "\\t": .tab, "semicolon": .semicolon, ";": .semicolon,
                "pipe": .pipe, "|": .pipe,
            ]
            guard let delimiter = delimiters[name] else {
                throw Failure(
                    description: "hix \(command): unknown --delimiter '\(name)' (comma, tab, semicolon, pipe)")
            }
            options.tableReading.delimiter = delimiter
            options.tableDialect.delimiter = delimiter
        }
        return options
    }

    /// A row stream over a table file (or standard input for `-`).
    static func stream(path: String, name: String, options: ConversionOptions) throws(ConversionError)
        -> TabularModelStream
    {
        var reading = options.tableReading
        reading.fileName = name
        let reader: TableReader
        do {
            reader =
                path == "-"
                ? try TableReader(bytes: ByteSource.readInput("-"), options: reading)
                : try TableReader(path: path, options: reading)
        } catch let error as TabularError {
            throw ConversionError(.unreadableInput, error.reason, at: error.location)
        } catch {
            throw ConversionError(.unreadableInput, "standard input could not be read")
        }
        return try TabularModelStream(reader: reader, options: options)
    }

    /// The column name of a tabular location path (`row 3, column 备注` → `备注`).
    static func columnName(in path: String?) -> String? {
        guard let path, let range = path.range(of: "column ") else { return nil }
        return String(path[range.upperBound...])
    }

    /// The first of `mappings` whose required columns the table's header has (each table of a `stats` run
    /// may be a different export).
    static func mapping(for path: String, options: ConversionOptions, among mappings: [TableMapping]) -> TableMapping? {
        guard mappings.count > 1, path != "-" else { return mappings.first }
        guard let reader = try? TableReader(path: path, options: options.tableReading), let header = reader.header
        else { return mappings.first }
        return mappings.first { mapping in
            mapping.columns.allSatisfy { column in
                !column.required || ([column.column] + column.aliases).contains { header.index(of: $0) != nil }
            }
        } ?? mappings.first
    }

    /// Hands the model records of every input to `body`, one source record or table row at a time: tables (by extension `.csv`/`.tsv` or `forceTable`, read with the
    /// first of `mappings` that fits their header), HL7 v2 (each message), FHIR JSON or NDJSON, CDA XML.
    /// Unreadable records and rejected rows are reported on standard error and counted.
    static func forEachRecord(
        of paths: [String], mappings: [TableMapping], options tableOptions: ConversionOptions, forceTable: Bool,
        command: String, _ body: ([ModelRecord]) -> Void
    ) -> Int {
        let converter = RecordConverter.withPrimaryCare
        let options = ConversionOptions()
        var failures = 0
        let listed = RecordInputs.enumerate(paths)
        for missing in listed.missing {
            Console.error("hix \(command): \(missing): no such file or directory")
            failures += 1
        }
        for input in listed.inputs {
            let extensionName = (input.name as NSString).pathExtension.lowercased()
            if forceTable || ["csv", "tsv"].contains(extensionName) {
                var rowOptions = tableOptions
                rowOptions.tableMapping = mapping(for: input.path, options: tableOptions, among: mappings)
                do {
                    var stream = try stream(path: input.path, name: input.name, options: rowOptions)
                    while let row = try stream.next() {
                        if row.isRejected {
                            failures += 1
                            let issue = row.report.issues.first { $0.severity >= .error }
                            Console.error(
                                "hix \(command): \(input.name): row \(row.rowNumber) skipped: \(issue.map { "\($0)" } ?? "")"
                            )
                        } else {
                            body(row.records)
                        }
                    }
                } catch {
                    Console.error("hix \(command): \(input.name): \(error.reason)")
                    failures += 1
                }
                continue
            }
            let records: RecordStream
            do throws(IOError) {
                records = try RecordStream(path: input.path, name: input.name)
            } catch {
                Console.error("hix \(command): \(error)")
                failures += 1
                continue
            }
            while let record = records.next() {
                guard record.problem == nil, let format = record.format, let reader = converter.readers[format] else {
                    Console.error(
                        "hix \(command): \(record.location): \(record.problem ?? "format not recognised")")
                    failures += 1
                    continue
                }
                do {
                    body(try reader.read(record.bytes, options: options).records)
                } catch {
                    Console.error("hix \(command): \(record.location): \(error.reason)")
                    failures += 1
                }
            }
            if let error = records.readError {
                Console.error("hix \(command): \(error)")
                failures += 1
            }
        }
        return failures
    }

    /// The file name without its extension.
    static func stem(_ name: String) -> String {
        let ext = (name as NSString).pathExtension
        return ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
    }

    /// Writes `bytes` to `path`, or to standard output when `path` is `nil` or `-`.
    static func emit(_ bytes: [UInt8], to path: String?, command: String) -> Bool {
        guard let path, path != "-" else {
            Console.outputBytes(bytes)
            return true
        }
        guard BatchFiles.writeAtomically(bytes, to: path) else {
            Console.error("hix \(command): cannot write \(path)")
            return false
        }
        return true
    }

    /// An output written in pieces: a temporary file renamed into place at the end, or standard output.
    struct Sink {
        let path: String?
        private let temporary: String?
        private let handle: FileHandle?

        /// Opens `path` (standard output for `nil` or `-`); `nil` when the file cannot be created.
        init?(path: String?) {
            guard let path, path != "-" else {
                self.path = nil
                temporary = nil
                handle = nil
                return
            }
            BatchFiles.makeParent(of: path)
            let temporary = BatchFiles.temporaryPath(for: path)
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary)
            else { return nil }
            self.path = path
            self.temporary = temporary
            self.handle = handle
        }

        func write(_ bytes: [UInt8]) {
            guard !bytes.isEmpty else { return }
            if let handle { handle.write(Data(bytes)) } else { Console.outputBytes(bytes) }
        }

        /// Closes the file and moves it into place.
        func finish() -> Bool {
            guard let handle, let temporary, let path else { return true }
            try? handle.close()
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                return false
            }
            return true
        }
    }
}
