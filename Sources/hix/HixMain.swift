/// Dispatches `hix <command> …` to the command implementations.
enum HixMain {
    static let version = "0.1.0"

    static let usage = """
        usage: hix <command> [options] [FILE…|-]

        commands:
          convert   convert records between HL7 v2, CDA and FHIR through the models
          inspect   show a message or document as a tree, canonical JSON or ER7
          deid      de-identify records (keyed, repeatable pseudonyms)
          followup  list residents whose contracted follow-up is overdue (followup due --as-of DATE)
          id        check and explain resident ID numbers (GB 11643)
          map       look up and translate codes between code systems
          mllp      listen for or send HL7 v2 messages over MLLP (TCP)
          referral  build a two-way referral (REF^I12, WS/T 483.20 CDA, FHIR) from source records
          validate  check records against a sharing profile (located issues)
          summary   merge the JSON summaries of sharded batch runs (`hix summary merge`)
          v3        HL7 V3 interaction messages (acknowledgements)
          export    write records of any format as a CSV table through a column mapping
          stats     contract coverage, key populations, teams, overdue follow-ups (CSV or HTML)
          help      show this text (or `hix help <command>`)

        exit codes: 0 ok, 1 input errors, 2 usage errors
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            Console.error(usage)
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "inspect": return InspectCommand.run(rest)
        case "convert": return ConvertCommand.run(rest)
        case "deid": return DeidCommand.run(rest)
        case "followup": return FollowupCommand.run(rest)
        case "id": return IDCommand.run(rest)
        case "map": return MapCommand.run(rest)
        case "mllp": return MLLPCommand.run(rest)
        case "referral": return ReferralCommand.run(rest)
        case "validate": return ValidateCommand.run(rest)
        case "v3": return V3Command.run(rest)
        case "export": return ExportCommand.run(rest)
        case "stats": return StatsCommand.run(rest)
        case "summary": return SummaryCommand.run(rest)
        case "help", "--help", "-h":
            if let topic = rest.first, let text = help(for: topic) {
                Console.output(text)
            } else {
                Console.output(usage)
            }
            return ExitCode.ok
        case "--version", "version":
            Console.output("hix \(version)")
            return ExitCode.ok
        default:
            Console.error("hix: unknown command '\(command)'\n\n\(usage)")
            return ExitCode.usage
        }
    }

    static func help(for command: String) -> String? {
        switch command {
        case "inspect": InspectCommand.usage
        case "convert": ConvertCommand.usage
        case "deid": DeidCommand.usage
        case "followup": FollowupCommand.usage
        case "id": IDCommand.usage
        case "map": MapCommand.usage
        case "mllp": MLLPCommand.usage
        case "referral": ReferralCommand.usage
        case "validate": ValidateCommand.usage
        case "v3": V3Command.usage
        case "export": ExportCommand.usage
        case "stats": StatsCommand.usage
        case "summary": SummaryCommand.usage
        default: nil
        }
    }
}

/// The process exit codes shared by every command.
enum ExitCode {
    static let ok: Int32 = 0
    static let inputError: Int32 = 1
    static let usage: Int32 = 2
}
