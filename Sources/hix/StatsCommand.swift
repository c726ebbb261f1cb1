import HealthInterchange

/// `hix stats INPUT…`: contract coverage, key-population coverage, contracts per team and overdue follow-ups
/// over records from any format, as CSV or as a self-contained HTML page. The figures are `TableStatistics`.
enum StatsCommand {
    static let usage = """
        usage: hix stats INPUT… [--population N] [--population-group NAME=N]… [--as-of YYYY-MM-DD]
                         [--format csv|html] [-o FILE] [--mapping FILE|NAME]… [--encoding utf-8|gb18030]

        Reads contract lists, follow-up registers (CSV/TSV, each read with the first --mapping, else built-in
        mapping, whose required columns its header has) and HL7 v2 / FHIR / CDA records into the models, and
        reports as of --as-of (default: today in China):
          签约率          residents with a contract in force (signed by that day, not past its end date or
                          one year after signing) against --population
          重点人群覆盖率  contracted residents per key population (老年人, 高血压, 糖尿病, 孕产妇 …) against
                          --population-group NAME=N (NAME in Chinese, e.g. 老年人=300, or a code: elderly=300)
          团队签约人数    contracted residents per contract team
          随访逾期        hypertension / diabetes residents whose last follow-up for the disease is more than
                          3 months before --as-of (or who have none), against all such residents
        --format csv (default; UTF-8 with a BOM, or --encoding gb18030) or html (one page, inline SVG bar
        charts, no scripts or external resources). Names and ID numbers never appear in the report.
        Exit status: 0 ok, 1 an input could not be read (the report covers the rest), 2 usage error.
        """

    static func run(_ rawArguments: [String]) -> Int32 {
        let arguments: Arguments
        do {
            let expanded = rawArguments.map { $0 == "-o" ? "--output" : $0 }
            arguments = try Arguments(
                expanded,
                valued: [
                    "population", "population-group", "as-of", "format", "output", "mapping", "encoding", "from",
                    "mappings",
                ],
                boolean: [])
        } catch {
            Console.error("hix stats: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        guard !arguments.positional.isEmpty else {
            Console.error("hix stats: no input given\n\n\(usage)")
            return ExitCode.usage
        }
        let format = arguments.value("format") ?? "csv"
        guard format == "csv" || format == "html" else {
            Console.error("hix stats: unknown --format '\(format)' (csv or html)")
            return ExitCode.usage
        }
        var asOf = CalendarDate.todayInChina()
        if let text = arguments.value("as-of") {
            guard let date = CalendarDate(text) else {
                Console.error("hix stats: --as-of needs a date like 2026-11-26")
                return ExitCode.usage
            }
            asOf = date
        }
        var statisticsOptions = TableStatistics.Options(asOf: asOf)
        if let text = arguments.value("population") {
            guard let population = Int(text), population > 0 else {
                Console.error("hix stats: --population needs a positive whole number")
                return ExitCode.usage
            }
            statisticsOptions.population = population
        }
        for item in arguments.values("population-group") {
            guard let equals = item.firstIndex(of: "="), let count = Int(item[item.index(after: equals)...]),
                count > 0, equals != item.startIndex
            else {
                Console.error("hix stats: --population-group needs NAME=N, e.g. 老年人=300")
                return ExitCode.usage
            }
            statisticsOptions.populationByGroup[String(item[..<equals])] = count
        }
        var options: ConversionOptions
        do {
            options = try TabularCLI.options(arguments, command: "stats")
        } catch {
            Console.error(error.description)
            return ExitCode.usage
        }
        var mappings: [TableMapping] = []
        for name in arguments.values("mapping") {
            if let builtIn = BuiltInMappings.named(name) {
                mappings.append(builtIn)
            } else {
                do {
                    mappings.append(try TableMapping(contentsOfFile: name))
                } catch {
                    Console.error("hix stats: --mapping: \(error)")
                    return ExitCode.usage
                }
            }
        }
        if mappings.isEmpty { mappings = BuiltInMappings.all }
        var readOptions = options
        readOptions.tableReading.delimiter = nil
        let forceTable = arguments.value("from").map { RecordFormat(name: $0) == .table } ?? false
        var tally = TableStatistics.Tally(options: statisticsOptions)
        let failures = TabularCLI.forEachRecord(
            of: arguments.positional, mappings: mappings, options: readOptions, forceTable: forceTable,
            command: "stats"
        ) { records in
            for record in records { tally.add(record) }
        }
        let statistics = TableStatistics(tally: tally)
        let bytes: [UInt8]
        if format == "html" {
            bytes = Array(statistics.html().utf8)
        } else {
            do {
                bytes = try statistics.csvBytes(dialect: options.tableDialect)
            } catch {
                Console.error("hix stats: \(error)")
                return ExitCode.inputError
            }
        }
        guard TabularCLI.emit(bytes, to: arguments.value("output"), command: "stats") else {
            return ExitCode.inputError
        }
        return failures == 0 ? ExitCode.ok : ExitCode.inputError
    }
}
