public import HICore

/// A document that cannot be de-identified: it does not parse, or its format is not supported.
///
/// Messages say where and what was wrong, never a value from the document.
///
/// ```swift
/// do { _ = try Deidentifier(options: options).deidentify(bytes, format: .hl7v2) }
/// catch { print(error.issueCode, error.location) }
/// ```
public struct PrivacyError: LocatedError, Hashable {
    /// What went wrong.
    ///
    /// ```swift
    /// if error.code == .unreadableInput { … }
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable { case unreadableInput, unsupportedFormat, missingKey, unwritableValue }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The input does not parse in its format.
        public static let unreadableInput = Code(.unreadableInput)
        /// The format cannot be de-identified (yet).
        public static let unsupportedFormat = Code(.unsupportedFormat)
        /// No key, or an empty one.
        public static let missingKey = Code(.missingKey)
        /// A pseudonym could not be written back.
        public static let unwritableValue = Code(.unwritableValue)
        /// The issue code (`HI-PRIV-000n`).
        public var issueCode: IssueCode {
            switch base {
            case .unreadableInput: "HI-PRIV-0001"
            case .unsupportedFormat: "HI-PRIV-0002"
            case .missingKey: "HI-PRIV-0003"
            case .unwritableValue: "HI-PRIV-0004"
            }
        }
        /// The code's name.
        public var description: String { String(describing: base) }
    }

    /// What went wrong.
    public let code: Code
    /// Where in the input.
    public var location: SourceLocation
    /// What was expected (never a value from the input).
    public var expected: String

    /// An error at `location`.
    public init(_ code: Code, expected: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.expected = expected
        self.location = location
    }

    /// The issue code.
    public var issueCode: IssueCode { code.issueCode }
    /// A sentence without personal data.
    public var reason: String { "\(code): \(expected)" }
    /// Code, reason and location.
    public var description: String { "\(issueCode) \(reason) at \(location)" }

    /// Equal when the codes are.
    public static func == (lhs: PrivacyError, rhs: PrivacyError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
