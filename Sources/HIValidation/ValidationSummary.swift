public import HICore

/// Counts over the reports of a batch: records, shareable records, issues by code and by severity, for the
/// summary a nightly import or `hix validate` prints.
///
/// ```swift
/// let reports = validator.validate(batch: records)
/// let summary = ValidationSummary(reports)
/// print(summary.text)   // 120 records, 117 shareable … then one line per code
/// ```
public struct ValidationSummary: Hashable, Sendable {
    /// Records validated.
    public var records: Int
    /// Records with no error or fatal issue.
    public var shareable: Int
    /// Issues by code.
    public var countsByCode: [IssueCode: Int]
    /// Issues by severity.
    public var countsBySeverity: [Severity: Int]

    /// Sums `reports`.
    public init(_ reports: [ValidationReport]) {
        records = reports.count
        shareable = reports.count { $0.isShareable }
        countsByCode = [:]
        countsBySeverity = [:]
        for report in reports {
            for issue in report.issues {
                countsByCode[issue.code, default: 0] += 1
                countsBySeverity[issue.severity, default: 0] += 1
            }
        }
    }

    /// `N records, M shareable, E errors, W warnings` and one `CODE  COUNT` line per code, sorted by code.
    public var text: String {
        var lines = [
            "\(records) records, \(shareable) shareable, \(countsBySeverity[.fatal, default: 0] + countsBySeverity[.error, default: 0]) errors, "
                + "\(countsBySeverity[.warning, default: 0]) warnings, \(countsBySeverity[.information, default: 0]) information"
        ]
        for code in countsByCode.keys.sorted() { lines.append("\(code)  \(countsByCode[code] ?? 0)") }
        return lines.joined(separator: "\n")
    }

    /// `{"records":N,"shareable":M,"codes":{"HI-VAL-0101":3,…}}` (codes sorted).
    public var jsonText: String {
        let codes = countsByCode.keys.sorted().map { "\(JSONText.quoted($0.rawValue)):\(countsByCode[$0] ?? 0)" }
        return "{\"records\":\(records),\"shareable\":\(shareable),\"codes\":{\(codes.joined(separator: ","))}}"
    }
}
