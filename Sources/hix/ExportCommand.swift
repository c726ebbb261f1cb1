import HealthInterchange

/// `hix export --to csv --mapping FILE|NAME INPUT…`: models from any format written as one table with the
/// mapping's columns. The work is `TabularModelWriter` in HIConvert.
enum ExportCommand {
    static let usage = """
        usage: hix export --to csv --mapping FILE|NAME INPUT… [-o FILE] [--encoding utf-8|gb18030|gbk]
                          [--delimiter comma|tab|semicolon|pipe] [--input-mapping FILE|NAME] [--from csv]

        Reads the records of every INPUT (HL7 v2, FHIR JSON/NDJSON, CDA XML, or CSV/TSV tables read with
        --input-mapping, else with the built-in mapping that fits their header) into the models and writes them
        as one table with the columns of --mapping (a JSON mapping file, or contract-list, followup-register,
        lab-extract): one row per contract, follow-up and lab result, and one per resident none of those holds.
        Codes go back to the mapping's local labels (1 → 男), dates to its first format.
          -o FILE           write the table there (default: standard output)
          --encoding NAME   output charset: utf-8 (with a BOM, the default), gb18030 or gbk (no BOM)
          --delimiter NAME  output delimiter (default comma)
        Exit status: 0 all inputs exported, 1 a record could not be read, 2 usage error.
        """

    static func run(_ rawArguments: [String]) -> Int32 {
        let arguments: Arguments
        do {
            let expanded = rawArguments.map { $0 == "-o" ? "--output" : $0 }
            arguments = try Arguments(
                expanded,
                valued: ["to", "from", "output", "mapping", "input-mapping", "encoding", "delimiter", "mappings"],
                boolean: [])
        } catch {
            Console.error("hix export: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        guard let to = arguments.value("to"), ["csv", "tsv", "table"].contains(to.lowercased()) else {
            Console.error("hix export: --to csv is required\n\n\(usage)")
            return ExitCode.usage
        }
        guard !arguments.positional.isEmpty else {
            Console.error("hix export: no input given\n\n\(usage)")
            return ExitCode.usage
        }
        var options: ConversionOptions
        do {
            options = try TabularCLI.options(arguments, command: "export")
        } catch {
            Console.error(error.description)
            return ExitCode.usage
        }
        guard options.tableMapping != nil else {
            Console.error("hix export: --mapping FILE|NAME is required\n\n\(usage)")
            return ExitCode.usage
        }
        if to.lowercased() == "tsv", arguments.value("delimiter") == nil { options.tableDialect.delimiter = .tab }
        var inputMappings = BuiltInMappings.all
        if let name = arguments.value("input-mapping") {
            if let builtIn = BuiltInMappings.named(name) {
                inputMappings = [builtIn]
            } else {
                do {
                    inputMappings = [try TableMapping(contentsOfFile: name)]
                } catch {
                    Console.error("hix export: --input-mapping: \(error)")
                    return ExitCode.usage
                }
            }
        }
        var readOptions = options
        readOptions.tableReading = TableReadingOptions()
        let forceTable = arguments.value("from").map { RecordFormat(name: $0) == .table } ?? false
        guard let mapping = options.tableMapping, let sink = TabularCLI.Sink(path: arguments.value("output")) else {
            Console.error("hix export: cannot write \(arguments.value("output") ?? "the output")")
            return ExitCode.inputError
        }
        var writer: MappedTableWriter
        do {
            writer = try MappedTableWriter(mapping: mapping, dialect: options.tableDialect)
        } catch {
            Console.error("hix export: \(error)")
            return ExitCode.inputError
        }
        let mapper = TabularModelMapper(options: options)
        var unencodable = 0
        // One source record (or table row) at a time: memory stays bounded by the largest record.
        var failures = TabularCLI.forEachRecord(
            of: arguments.positional, mappings: inputMappings, options: readOptions, forceTable: forceTable,
            command: "export"
        ) { records in
            for row in mapper.mappedRecords(from: records) {
                do {
                    try writer.write(row)
                } catch {
                    Console.error("hix export: \(error)")
                    unencodable += 1
                }
            }
            if writer.bytes.count >= 1 << 20 { sink.write(writer.takeBytes()) }
        }
        sink.write(writer.takeBytes())
        failures += unencodable
        guard sink.finish() else {
            Console.error("hix export: cannot write \(arguments.value("output") ?? "the output")")
            return ExitCode.inputError
        }
        return failures == 0 ? ExitCode.ok : ExitCode.inputError
    }
}
