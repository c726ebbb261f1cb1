public import HICore

/// The outcome of validating one record (or a batch): the issues, level by level, and whether the record may
/// be shared (no error or fatal issue).
///
/// ```swift
/// let validator = try Validator(profile: "cn-lab-report")
/// let report = validator.validate(.labReport(LabReport()))
/// print(report.isShareable)                              // false
/// print(report.issues(at: .structure).count)             // the missing elements
/// print(report.countsByCode["HI-VAL-0101"] ?? 0)
/// ```
public struct ValidationReport: Hashable, Sendable {
    /// The profile used.
    public var profile: String
    /// The issues, ordered by level, then as raised.
    public private(set) var issues: [ValidationIssue]

    /// Creates a report; the issues are ordered by level (stable within a level).
    public init(profile: String, issues: [ValidationIssue]) {
        self.profile = profile
        self.issues = Self.ordered(issues)
    }

    private static func ordered(_ issues: [ValidationIssue]) -> [ValidationIssue] {
        var isSorted = true
        var previous = ValidationLevel.syntax
        for issue in issues {
            if issue.level < previous {
                isSorted = false
                break
            }
            previous = issue.level
        }
        if isSorted { return issues }
        return issues.enumerated().sorted { ($0.element.level, $0.offset) < ($1.element.level, $1.offset) }
            .map(\.element)
    }

    /// `true` when no issue is an error or fatal: the record may be shared.
    public var isShareable: Bool { !issues.contains { $0.severity >= .error } }

    /// The issues of `level`.
    public func issues(at level: ValidationLevel) -> [ValidationIssue] { issues.filter { $0.level == level } }

    /// The issues grouped by level (every level present, possibly empty), in level order.
    public var issuesByLevel: [(level: ValidationLevel, issues: [ValidationIssue])] {
        ValidationLevel.allCases.map { level in (level, issues(at: level)) }
    }

    /// How many issues each code raised.
    public var countsByCode: [IssueCode: Int] {
        var counts: [IssueCode: Int] = [:]
        for issue in issues { counts[issue.code, default: 0] += 1 }
        return counts
    }

    /// How many issues of each severity.
    public var countsBySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for issue in issues { counts[issue.severity, default: 0] += 1 }
        return counts
    }

    /// The codes of the issues, in order (handy in tests).
    public var codes: [IssueCode] { issues.map(\.code) }

    /// This report with `issues` of a format layer added at the syntax level (their code, severity, message
    /// and location kept).
    public func addingSyntaxIssues(_ syntaxIssues: [Issue]) -> ValidationReport {
        let converted = syntaxIssues.map {
            ValidationIssue(
                code: $0.code, level: .syntax, severity: $0.severity, message: $0.message,
                modelPath: $0.location.path ?? "", location: $0.location)
        }
        return ValidationReport(profile: profile, issues: converted + issues)
    }

    /// This report with the issues of `other` appended.
    public func merging(_ other: ValidationReport) -> ValidationReport {
        ValidationReport(profile: profile, issues: issues + other.issues)
    }
}
