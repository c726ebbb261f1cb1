import HealthInterchange

/// `hix id NUMBER…`: checks resident ID numbers (GB 11643) and explains them.
enum IDCommand {
    static let usage = """
        usage: hix id [--show] [--format text|json] [--mappings DIR] NUMBER…

        Checks each resident ID number (GB 11643-1999): length, characters, ISO 7064 MOD 11-2 check
        character, birth date (real, not in the future) and region (GB/T 2260, incl. codes retired in
        earlier revisions); 15-digit numbers are upgraded. Prints the region, birth date and sex.

        options:
          --show           print the full number and birth date (masked by default)
          --format F       text (default) or json (one JSON array)
          --mappings DIR   add or override Mappings tables from DIR (*.tsv)

        exit codes: 0 all valid, 1 any invalid, 2 usage error
        """

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(arguments, valued: ["format", "mappings"], boolean: ["show", "help"])
        } catch {
            Console.error("hix id: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if parsed.flag("help") {
            Console.output(usage)
            return ExitCode.ok
        }
        let format = parsed.value("format") ?? "text"
        guard format == "text" || format == "json" else {
            Console.error("hix id: --format must be text or json\n\n\(usage)")
            return ExitCode.usage
        }
        guard !parsed.positional.isEmpty else {
            Console.error("hix id: give one or more ID numbers\n\n\(usage)")
            return ExitCode.usage
        }
        guard let tables = MapCommand.loadTables(parsed.value("mappings"), command: "id") else {
            return ExitCode.inputError
        }
        let show = parsed.flag("show")
        var anyInvalid = false
        var jsonItems: [String] = []
        for input in parsed.positional {
            let report = check(input, tables: tables, show: show)
            if !report.valid { anyInvalid = true }
            if format == "json" {
                jsonItems.append(report.json)
            } else {
                Console.output(report.text)
            }
        }
        if format == "json" {
            Console.output("[\n" + jsonItems.map { "  " + $0 }.joined(separator: ",\n") + "\n]")
        }
        return anyInvalid ? ExitCode.inputError : ExitCode.ok
    }

    /// The findings about one number, as text and JSON.
    struct Report {
        var valid: Bool
        var text: String
        var json: String
    }

    static func check(_ input: String, tables: TerminologyTables, show: Bool) -> Report {
        let shown = show ? input : PrivacyMask.identifier(input)
        do {
            let id = try ResidentIDNumber(parsing: input, tables: tables)
            let number = show ? id.value : id.masked
            let birth = show ? id.birthDate.description : String(id.birthDate.description.prefix(4)) + "-**-**"
            let sexCode = id.sex == .male ? "1" : "2"
            let sexName = tables.valueSet(for: "gb-t-2261.1")?.concept(code: sexCode)?.display ?? ""
            var lines = ["\(number)  valid"]
            var regionJSON = "null"
            if let region = id.region {
                let path = regionPath(id.regionCode, tables: tables)
                var line = "  region:     \(id.regionCode) \(region.name)"
                if !path.isEmpty { line += " (\(path))" }
                if !region.isCurrent {
                    line +=
                        " [retired; valid \(Region.formatRevision(region.firstRevision))"
                        + " to \(Region.formatRevision(region.lastRevision))]"
                }
                lines.append(line)
                regionJSON =
                    "{\"code\": \(JSONText.quoted(id.regionCode)), \"name\": \(JSONText.quoted(region.name)), "
                    + "\"path\": \(JSONText.quoted(path)), \"current\": \(region.isCurrent), "
                    + "\"firstRevision\": \(JSONText.quoted(region.firstRevision)), "
                    + "\"lastRevision\": \(JSONText.quoted(region.lastRevision))}"
            } else {
                lines.append("  region:     \(id.regionCode) (not in any GB/T 2260 revision)")
            }
            lines.append("  birth date: \(birth)")
            lines.append("  sex:        \(id.sex.rawValue)" + (sexName.isEmpty ? "" : " (\(sexName))"))
            if id.wasUpgraded { lines.append("  upgraded:   15 → 18 digits (\(number))") }
            for issue in id.issues where issue.code != "HI-ID-0008" && issue.code != "HI-ID-0010" {
                lines.append("  \(issue.severity) \(issue.code): \(issue.message)")
            }
            let issuesJSON = id.issues.map(\.jsonText).joined(separator: ", ")
            let json =
                "{\"input\": \(JSONText.quoted(shown)), \"valid\": true, \"number\": \(JSONText.quoted(number)), "
                + "\"region\": \(regionJSON), \"birthDate\": \(JSONText.quoted(birth)), "
                + "\"sex\": \(JSONText.quoted(id.sex.rawValue)), \"upgraded\": \(id.wasUpgraded), "
                + "\"issues\": [\(issuesJSON)]}"
            return Report(valid: true, text: lines.joined(separator: "\n"), json: json)
        } catch {
            var text = "\(shown)  invalid: \(error.issueCode) \(error.reason)"
            if show, error.code == .wrongCheckCharacter,
                let expected = ResidentIDNumber.checkCharacter(forPrefixOf: input.trimmingSpaces)
            {
                text += " (expected check character \(expected))"
            }
            let json =
                "{\"input\": \(JSONText.quoted(shown)), \"valid\": false, "
                + "\"error\": {\"code\": \(JSONText.quoted(error.issueCode.rawValue)), "
                + "\"reason\": \(JSONText.quoted(error.reason))}}"
            return Report(valid: false, text: text, json: json)
        }
    }

    /// `湖北省 武汉市` for a county code: the names of its province and prefecture.
    static func regionPath(_ code: String, tables: TerminologyTables) -> String {
        tables.regionHierarchy(code: code).filter { $0.code != code }.map(\.name).joined(separator: " ")
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars = scalars.dropFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
