import HealthInterchange

/// `hix map`: translates codes between code systems and lists the `Mappings/` tables.
enum MapCommand {
    static let usage = """
        usage: hix map --from SYSTEM --to SYSTEM [--unmapped fail|keep|default:CODE] CODE…
               hix map --list
               hix map --table NAME
               hix map --systems

        Translates codes through the Mappings tables (SYSTEM is a name such as hl7-0001 or gb-t-2261.1,
        an OID or a FHIR URI), lists the tables and code systems, or prints one table as TSV.

        options:
          --from, --to     source and target code systems
          --unmapped P     what to do with a code that has no mapping: fail (default; exit 1), keep (keep
                           the source code, warn) or default:CODE (use CODE, warn); always reported
          --list           list tables: name, code systems, rows
          --table NAME     print table NAME as TSV
          --systems        list code systems: name, OID, URI, title
          --mappings DIR   add or override tables from DIR (*.tsv, same format as Mappings/)

        exit codes: 0 ok, 1 unmapped or unknown code, 2 usage error
        example: hix map --from hl7-0001 --to gb-t-2261.1 F
        """

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(
                arguments, valued: ["from", "to", "table", "mappings", "unmapped"],
                boolean: ["list", "systems", "help"])
        } catch {
            Console.error("hix map: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if parsed.flag("help") {
            Console.output(usage)
            return ExitCode.ok
        }
        guard let tables = loadTables(parsed.value("mappings"), command: "map") else { return ExitCode.inputError }
        if parsed.flag("list") { return list(tables) }
        if parsed.flag("systems") { return systems(tables) }
        if let name = parsed.value("table") {
            guard let table = tables.table(named: name) else {
                Console.error("hix map: no table named '\(name)' (see hix map --list)")
                return ExitCode.inputError
            }
            Console.outputBytes(Array(table.tsvText.utf8))
            return ExitCode.ok
        }
        guard let from = parsed.value("from"), let to = parsed.value("to"), !parsed.positional.isEmpty else {
            Console.error("hix map: give --from, --to and one or more codes, or --list / --table\n\n\(usage)")
            return ExitCode.usage
        }
        let policy: UnmappedCodePolicy
        switch parsed.value("unmapped") ?? "fail" {
        case "fail": policy = .fail
        case "keep": policy = .keepSource
        case let value where value.hasPrefix("default:") && value.count > 8:
            let code = String(value.dropFirst(8))
            let display = tables.valueSet(for: to)?.concept(code: code)?.display ?? ""
            policy = .useDefault(Concept(code: code, display: display))
        default:
            Console.error("hix map: --unmapped must be fail, keep or default:CODE\n\n\(usage)")
            return ExitCode.usage
        }
        var status = ExitCode.ok
        for code in parsed.positional {
            do {
                let result = try tables.translate(code, from: from, to: to, policy: policy)
                var line = "\(code)\t\(result.code.code)\t\(result.code.display)"
                if result.system != (tables.codeSystem(matching: to)?.name ?? to) { line += "\t(\(result.system))" }
                Console.output(line)
                // Unmapped codes kept or defaulted on request: reported, exit status stays 0.
                for issue in result.issues {
                    Console.error("hix map: \(issue.severity) \(issue.code): \(issue.message)")
                }
            } catch {
                Console.error("hix map: \(error.issueCode) \(error.reason)")
                status = ExitCode.inputError
            }
        }
        return status
    }

    static func list(_ tables: TerminologyTables) -> Int32 {
        var lines = ["table\tcode systems\trows"]
        for table in tables.tables {
            let columns = tables.effectiveCodeColumns(table)
            lines.append("\(table.name)\t\(columns.joined(separator: " ↔ "))\t\(table.rows.count)")
        }
        Console.output(lines.joined(separator: "\n"))
        return ExitCode.ok
    }

    static func systems(_ tables: TerminologyTables) -> Int32 {
        var lines = ["name\toid\turi\ttitle"]
        for system in tables.codeSystems {
            lines.append("\(system.name)\t\(system.oid ?? "")\t\(system.uri ?? "")\t\(system.title)")
        }
        Console.output(lines.joined(separator: "\n"))
        return ExitCode.ok
    }

    /// The built-in tables, with `directory` loaded over them when given; `nil` (after printing why) on error.
    static func loadTables(_ directory: String?, command: String) -> TerminologyTables? {
        guard let directory else { return .builtIn }
        do {
            return try TerminologyTables(loadingDirectory: directory)
        } catch {
            Console.error("hix \(command): \(error.issueCode) \(error.reason) (\(error.location))")
            return nil
        }
    }
}
