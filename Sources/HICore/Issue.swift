/// How serious an ``Issue`` is.
///
/// ```swift
/// let severity: Severity = .warning
/// print(severity)           // warning
/// print(severity < .error)  // true
/// ```
public enum Severity: Int, Hashable, Sendable, Comparable, CustomStringConvertible, CaseIterable {
    /// Worth knowing; nothing is wrong.
    case information = 0
    /// The input was accepted, but something was sloppy or was repaired (lenient parsing).
    case warning = 1
    /// The input breaks a rule; the record should not be shared as it is.
    case error = 2
    /// The input could not be read at all.
    case fatal = 3

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .information: "information"
        case .warning: "warning"
        case .error: "error"
        case .fatal: "fatal"
        }
    }
}

/// A stable, machine-readable issue code such as `HI-V2-0012`.
///
/// Codes are strings so that every module can add its own (`HI-V2-…`, `HI-XML-…`, `HI-FHIR-…`,
/// `HI-ID-…`) without a central enum; tests and batch summaries compare and count them.
///
/// ```swift
/// let code = IssueCode("HI-V2-0003")
/// print(code)  // HI-V2-0003
/// ```
public struct IssueCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a code from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: IssueCode, rhs: IssueCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One recoverable finding: a lenient-parser warning, a validation error, an unmapped code.
///
/// Fatal problems are thrown as each module's typed error; everything else is collected as issues so that
/// batch tools, ACK builders and OperationOutcome writers read one list. The message says where and what
/// was expected, never the personal data it found (see ``PrivacyMask``).
///
/// ```swift
/// let issue = Issue(.warning, code: "HI-V2-0101", "segments end in LF, not CR",
///                   at: SourceLocation(record: 1, byteOffset: 57, line: 1))
/// print(issue)  // warning HI-V2-0101: segments end in LF, not CR (record 1, byte 57 (line 1))
/// ```
public struct Issue: Hashable, Sendable, CustomStringConvertible {
    /// How serious it is.
    public var severity: Severity
    /// The stable code.
    public var code: IssueCode
    /// What is wrong and what was expected, free of personal data.
    public var message: String
    /// Where it was found.
    public var location: SourceLocation

    /// Creates an issue.
    public init(_ severity: Severity, code: IssueCode, _ message: String, at location: SourceLocation = .unknown) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(severity) \(code): \(message) (\(location))" }
}

extension Sequence where Element == Issue {
    /// `true` when any issue is an error or worse.
    public var containsErrors: Bool { contains { $0.severity >= .error } }
}

/// An error that knows where in the input it happened and can be reported as an ``Issue``.
///
/// Each module has one error struct (`HL7v2Error`, `XMLError`, `FHIRError`, …) conforming to this, so
/// that the command line and batch rejects treat them alike.
///
/// ```swift
/// func report(_ error: any LocatedError) { print(error.issue) }
/// ```
public protocol LocatedError: Error, Sendable, CustomStringConvertible {
    /// The stable code of this error.
    var issueCode: IssueCode { get }
    /// Where in the input it happened.
    var location: SourceLocation { get }
    /// What went wrong and what was expected (no personal data).
    var reason: String { get }
}

extension LocatedError {
    /// This error as a fatal ``Issue``.
    public var issue: Issue { Issue(.fatal, code: issueCode, reason, at: location) }
}
