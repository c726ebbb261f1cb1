public import HICore

/// One finding of a validation: the rule that raised it, its level and severity, what to fix, the expected and
/// found kinds, the model path and the source location. Never contains personal data values.
///
/// ```swift
/// let report = try Validator(profile: "cn-lab-report").validate(.labReport(LabReport()))
/// for issue in report.issues {
///     print(issue.code, issue.severity, issue.modelPath, issue.message)
/// }
/// ```
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// The stable code (the rule id).
    public var code: IssueCode
    /// The level.
    public var level: ValidationLevel
    /// The severity (the rule's default or the profile's override).
    public var severity: Severity
    /// What to fix, in English.
    public var message: String
    /// The rule's title in Chinese (what it checks).
    public var chineseTitle: String
    /// What to fix, in Chinese (the rule's Chinese title when the rule gives no Chinese message).
    public var chineseMessage: String
    /// What was expected.
    public var expected: String?
    /// What was found (a kind, a code or a masked value).
    public var found: String?
    /// The model path (`labReport.results[3].value`).
    public var modelPath: String
    /// Where in the source: the record's provenance, with the model path as `path` when the provenance has none.
    public var location: SourceLocation
    /// The index of the record in the batch, for issues of collection rules and batch validation.
    public var record: Int?

    /// Creates an issue.
    public init(
        code: IssueCode, level: ValidationLevel, severity: Severity, message: String, chineseTitle: String = "",
        chineseMessage: String? = nil, expected: String? = nil, found: String? = nil, modelPath: String = "",
        location: SourceLocation = .unknown,
        record: Int? = nil
    ) {
        self.code = code
        self.level = level
        self.severity = severity
        self.message = message
        self.chineseTitle = chineseTitle
        self.chineseMessage = chineseMessage ?? chineseTitle
        self.expected = expected
        self.found = found
        self.modelPath = modelPath
        self.location = location
        self.record = record
    }

    /// The issue as HICore's ``HICore/Issue`` (message with expected and found appended).
    public var issue: Issue { Issue(severity, code: code, fullMessage, at: location) }

    /// The message with the expected and found kinds appended.
    public var fullMessage: String {
        var text = message
        if let expected { text += "; expected: " + expected }
        if let found { text += "; found: " + found }
        return text
    }

    public var description: String { "\(severity) \(code) [\(level)] \(modelPath): \(fullMessage) (\(location))" }
}
