import HealthInterchange

/// `hix followup due --as-of DATE INPUT…`: lists residents whose contracted follow-up is overdue.
enum FollowupCommand {
    static let usage = """
        usage: hix followup due --as-of YYYY-MM-DD [--format text|csv|json] [--show] INPUT…

        Reads family-doctor contracts and follow-ups from the INPUT files (contract JSON export, FHIR
        contract Bundles, FHIR follow-ups, CDA WS/T 483.12/.13 follow-up documents, contract CSV or a
        follow-up register CSV/TSV; '-' is standard input) and lists the residents whose hypertension or
        type 2 diabetes follow-up is overdue on the date: due = last visit (or contract start) + the
        package item's interval (4 a year = every 91 days). Most overdue first.

        options:
          --as-of DATE   the day to check (required)
          --format F     text (default), csv or json
          --show         print names and ID numbers in full (masked by default)

        exit codes: 0 ok (the list may be empty), 1 an input could not be read, 2 usage error
        """

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, valued: ["as-of", "format"], boolean: ["show", "help"])
        } catch {
            Console.error("hix followup: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if parsed.flag("help") {
            Console.output(usage)
            return ExitCode.ok
        }
        guard parsed.positional.first == "due" else {
            Console.error("hix followup: the only subcommand is 'due'\n\n\(usage)")
            return ExitCode.usage
        }
        guard let asOfText = parsed.value("as-of"), let asOf = CalendarDate(asOfText) else {
            Console.error("hix followup: --as-of YYYY-MM-DD is required\n\n\(usage)")
            return ExitCode.usage
        }
        guard let format = ScheduleReport.Format(rawValue: parsed.value("format") ?? "text") else {
            Console.error("hix followup: --format must be text, csv or json\n\n\(usage)")
            return ExitCode.usage
        }
        let inputs = Array(parsed.positional.dropFirst())
        guard !inputs.isEmpty else {
            Console.error("hix followup: give one or more input files\n\n\(usage)")
            return ExitCode.usage
        }
        var read = ScheduleInputs(asOf: asOf, keepFollowUps: false)
        var failed = false
        for input in inputs {
            do {
                let bytes = try ByteSource.readInput(input)
                try read.read(bytes, name: input == "-" ? "<stdin>" : input)
            } catch let error as IOError {
                Console.error("hix followup: \(error)")
                failed = true
            } catch let error as ContractError {
                Console.error("hix followup: \(error)")
                failed = true
            } catch {
                Console.error("hix followup: \(input): unreadable")
                failed = true
            }
        }
        for issue in read.issues where issue.severity >= .warning { Console.error(issue.description) }
        let history = read.history ?? FollowUpHistory(asOf: asOf)
        let overdue = FollowUpSchedule().overdue(contracts: read.contracts, history: history)
        Console.output(
            ScheduleReport.render(overdue, format: format, asOf: asOf, showPersonalData: parsed.flag("show")))
        return failed ? ExitCode.inputError : ExitCode.ok
    }
}
