import HICore
public import HIModels
import HITabular

/// Renders overdue follow-ups as text, CSV or JSON. Names and ID numbers are masked unless asked.
///
/// ```swift
/// let text = ScheduleReport.render(overdue, format: .text, asOf: day, showPersonalData: false)
/// ```
public enum ScheduleReport {
    /// The output format.
    ///
    /// ```swift
    /// let format = ScheduleReport.Format(rawValue: "csv")   // .csv
    /// ```
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case text, csv, json
    }

    static func fields(_ item: OverdueFollowUp, show: Bool) -> [String] {
        let name = item.resident.names.first?.text ?? ""
        let id = item.resident.identifier(.residentIDCard)?.value ?? item.resident.identifiers.first?.value ?? ""
        return [
            show ? name : (name.isEmpty ? "" : PrivacyMask.name(name)),
            show ? id : (id.isEmpty ? "" : PrivacyMask.identifier(id)),
            item.disease.rawValue, item.contractIdentifiers.first?.value ?? "", item.teamName ?? "",
            item.lastVisit?.description ?? "", String(item.intervalDays), item.dueDate.description,
            String(item.daysOverdue),
        ]
    }

    static let header = [
        "name", "residentID", "disease", "contract", "team", "lastVisit", "intervalDays", "dueDate", "daysOverdue",
    ]

    /// The rendered report (UTF-8 text; CSV with a header row; JSON one object with `asOf` and `overdue`).
    public static func render(
        _ overdue: [OverdueFollowUp], format: Format, asOf: CalendarDate, showPersonalData: Bool = false
    ) -> String {
        switch format {
        case .text:
            var lines = ["随访逾期 / overdue follow-ups as of \(asOf): \(overdue.count)"]
            for item in overdue {
                let f = fields(item, show: showPersonalData)
                let disease = item.disease == .hypertension ? "高血压" : "2型糖尿病"
                let last = item.lastVisit.map { "last visit \($0)" } ?? "no visit since contract start"
                lines.append(
                    "\(f[0]) \(f[1])  \(disease)  due \(f[7]) (\(last), every \(f[6]) days)  "
                        + "overdue \(item.daysOverdue) days  contract \(f[3]) \(f[4])")
            }
            return lines.joined(separator: "\n")
        case .csv:
            var writer = TableWriter(dialect: TableDialect(delimiter: .comma, charset: .utf8, lineEnding: .lf))
            try? writer.writeRow(header)
            for item in overdue { try? writer.writeRow(fields(item, show: showPersonalData)) }
            var text = String(decoding: writer.takeBytes(), as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        case .json:
            var out = "{\"asOf\": \"\(asOf)\", \"count\": \(overdue.count), \"overdue\": ["
            for (index, item) in overdue.enumerated() {
                let f = fields(item, show: showPersonalData)
                out += index == 0 ? "\n  {" : ",\n  {"
                for (k, key) in header.enumerated() {
                    if k > 0 { out += ", " }
                    out += JSONText.quoted(key) + ": "
                    if key == "intervalDays" || key == "daysOverdue" {
                        out += f[k]
                    } else if f[k].isEmpty {
                        out += "null"
                    } else {
                        out += JSONText.quoted(f[k])
                    }
                }
                out += "}"
            }
            out += overdue.isEmpty ? "]}" : "\n]}"
            return out
        }
    }
}
