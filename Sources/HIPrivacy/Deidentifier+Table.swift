import HICore
import HITabular

extension Deidentifier {
    /// The kind of value a table column holds: from ``DeidentificationOptions/tableColumns``, else
    /// ``DeidentificationKind/defaultColumns``, else from words in the header name (`身份证`, `电话`, `住址`,
    /// `日期`, `姓名`, `备注` …); `nil` for columns left alone.
    public func columnKind(_ header: String) -> DeidentificationKind? {
        let name = header.trimmingCharacters(in: [" ", "\u{FEFF}"])
        if let kind = options.tableColumns[name] ?? DeidentificationKind.defaultColumns[name] { return kind }
        let lower = name.lowercased()
        let rules: [([String], DeidentificationKind)] = [
            (["身份证", "证件号"], .residentID), (["电话", "手机", "phone", "mobile"], .phone),
            (["住址", "地址", "address"], .address), (["姓名", "医生", "name"], .name),
            (["日期", "时间", "date"], .date), (["备注", "描述", "note", "comment"], .freeText),
            (["病历号", "门诊号", "住院号", "卡号", "档案号"], .identifier),
        ]
        for (words, kind) in rules where words.contains(where: { lower.contains($0) }) { return kind }
        return nil
    }

    /// De-identifies a CSV/TSV table with a header row; written back in the detected dialect.
    func deidentifyTable(_ bytes: [UInt8]) throws(PrivacyError) -> Result {
        var report = DeidentificationReport(format: .table)
        let table: Table
        do throws(TabularError) {
            table = try TableReader.readAll(bytes: bytes)
        } catch {
            throw PrivacyError(
                .unreadableInput, expected: "a CSV/TSV table (\(error.issueCode) \(error.reason))",
                at: error.location)
        }
        guard let header = table.header else {
            throw PrivacyError(.unreadableInput, expected: "a table with a header row")
        }
        let kinds = header.names.map { columnKind($0) }
        var writer = TableWriter(dialect: table.dialect)
        do throws(TabularError) {
            try writer.writeRow(header.names)
            for row in table.rows {
                var fields = try row.strings()
                deidentifyRow(&fields, kinds: kinds, names: header.names, row: row.rowNumber, report: &report)
                try writer.writeRow(fields)
            }
        } catch {
            throw PrivacyError(
                .unwritableValue, expected: "a writable table (\(error.issueCode) \(error.reason))",
                at: error.location)
        }
        report.issues = table.issues
        return Result(bytes: writer.bytes, report: report)
    }

    func deidentifyRow(
        _ fields: inout [String], kinds: [DeidentificationKind?], names: [String], row: Int,
        report: inout DeidentificationReport
    ) {
        var personKey = ""
        for (index, kind) in kinds.enumerated() where index < fields.count && !fields[index].isEmpty {
            if kind == .residentID, Self.isValidResidentID(fields[index]) {
                personKey = fields[index]
                break
            }
            if personKey.isEmpty, kind == .residentID || kind == .identifier || kind == .name {
                personKey = fields[index]
            }
        }
        let offset = dateOffset(forPerson: personKey)
        var replaced: [(String, String)] = []
        for (index, kind) in kinds.enumerated() where index < fields.count {
            guard let kind else { continue }
            let original = fields[index]
            guard !original.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            var new: String?
            switch kind {
            case .residentID, .identifier:
                if options.identifiers { new = pseudonymousIdentifier(original, dateOffset: offset) }
            case .name:
                if options.names { new = pseudonymousName(original) }
            case .phone:
                if options.phones { new = pseudonymousPhone(original) }
            case .address:
                if options.addresses { new = pseudonymousAddress(original) }
            case .date:
                if options.dates { new = Self.shiftDate(original, by: offset) }
            case .freeText:
                new = freeTextReplacement
            }
            guard let new, new != original else { continue }
            fields[index] = new
            if kind != .date && kind != .freeText { replaced.append((original, new)) }
            let reportedKind = kind == .residentID && !Self.isValidResidentID(original) ? .identifier : kind
            report.changes.append(.init(path: "row \(row), \(names[index])", kind: reportedKind, record: row))
        }
        // Originals repeated in other cells (a name inside a note, an ID inside a card number).
        let pairs = replaced.filter { $0.0.count >= 2 }.sorted { $0.0.count > $1.0.count }
        for index in fields.indices where index >= kinds.count || kinds[index] == nil {
            var text = fields[index]
            for (original, pseudonym) in pairs {
                if let replacedText = Deidentifier.replacingBytes(of: original, with: pseudonym, in: text) {
                    text = replacedText
                }
            }
            if text != fields[index] {
                fields[index] = text
                let name = index < names.count ? names[index] : "column \(index + 1)"
                report.changes.append(.init(path: "row \(row), \(name)", kind: .freeText, record: row))
            }
        }
    }
}
