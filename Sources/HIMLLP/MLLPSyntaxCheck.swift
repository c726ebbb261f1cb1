public import HICore
public import HIHL7v2

/// A minimal, syntax-level check for received messages, until profile validation exists: the parser's own
/// warnings plus the MSH fields every receiver needs (MSH-9.1 message code, MSH-9.2 trigger event, MSH-10
/// control id, MSH-11 processing id, MSH-12 version). Used by `hix mllp listen --validate syntax`.
///
/// Missing fields are errors (the acknowledgement becomes AE with one ERR segment each); parser warnings
/// stay warnings (ERR with severity `W` in an AA).
///
/// ```swift
/// let listener = MLLPListener(options: options) { received in
///     MLLPHandlerResult(issues: MLLPSyntaxCheck.issues(in: received.message))
/// }
/// ```
public enum MLLPSyntaxCheck {
    /// The required MSH fields, with what each holds.
    static let required: [(path: String, what: String)] = [
        ("MSH-9.1", "message code"), ("MSH-9.2", "trigger event"), ("MSH-10", "message control id"),
        ("MSH-11", "processing id"), ("MSH-12", "version id"),
    ]

    /// The issues found in `message` (empty when it is fine).
    public static func issues(in message: HL7v2Message) -> [Issue] {
        var issues = message.issues
        for (path, what) in required where (message.value(at: path) ?? "").isEmpty {
            issues.append(
                Issue(
                    .error, code: "HI-MLLP-0401", "required field \(path) (\(what)) is empty",
                    at: SourceLocation(record: message.index, path: path)))
        }
        return issues
    }

    /// ERR-3 for these issues: `101` (required field missing) for the MSH checks, else the default mapping.
    /// Install it with `options.acknowledgement.errorCondition = MLLPSyntaxCheck.condition(for:)`.
    public static func condition(for issue: Issue) -> HL7v2ErrorCondition {
        issue.code == "HI-MLLP-0401" ? .requiredFieldMissing : .default(for: issue)
    }
}
