public import HICore

/// A profile that cannot be used: bad JSON, an unknown rule, table or element, a missing or circular
/// `extends`. Validation of records never throws; only building a validator does.
///
/// ```swift
/// do {
///     _ = try ValidationProfile(json: #"{"name":"x","rules":["HI-VAL-9999"]}"#).validator()
/// } catch {
///     print(error.code == .unknownRule, error.issueCode)   // true HI-VAL-9003
/// }
/// ```
public struct ValidationError: LocatedError, Hashable {
    /// What went wrong.
    ///
    /// ```swift
    /// let code = ValidationError.Code.unknownRule
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case invalidProfile, unknownProfile, unknownRule, unknownTable, unknownElement, circularExtension
            case unknownSubject, duplicateRule
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The profile JSON is malformed or misses `name`.
        public static let invalidProfile = Code(.invalidProfile)
        /// A profile (named directly or in `extends`) is not in the library.
        public static let unknownProfile = Code(.unknownProfile)
        /// A rule id is not in the registry.
        public static let unknownRule = Code(.unknownRule)
        /// A bound table names no code system with a value set.
        public static let unknownTable = Code(.unknownTable)
        /// A required element name is not in the element catalog (or not for the profile's subject).
        public static let unknownElement = Code(.unknownElement)
        /// `extends` loops back.
        public static let circularExtension = Code(.circularExtension)
        /// `subject` names no record kind.
        public static let unknownSubject = Code(.unknownSubject)
        /// A rule added to a registry has the id of a rule already there.
        public static let duplicateRule = Code(.duplicateRule)

        /// The issue code.
        public var issueCode: IssueCode {
            switch base {
            case .invalidProfile: "HI-VAL-9001"
            case .unknownProfile: "HI-VAL-9002"
            case .unknownRule: "HI-VAL-9003"
            case .unknownTable: "HI-VAL-9004"
            case .unknownElement: "HI-VAL-9005"
            case .circularExtension: "HI-VAL-9006"
            case .unknownSubject: "HI-VAL-9007"
            case .duplicateRule: "HI-VAL-9008"
            }
        }

        public var description: String {
            switch base {
            case .invalidProfile: "invalid profile"
            case .unknownProfile: "unknown profile"
            case .unknownRule: "unknown rule"
            case .unknownTable: "unknown table"
            case .unknownElement: "unknown element"
            case .circularExtension: "circular extension"
            case .unknownSubject: "unknown subject"
            case .duplicateRule: "duplicate rule"
            }
        }
    }

    /// The code.
    public let code: Code
    /// The profile file or name.
    public let location: SourceLocation
    /// What is wrong and what to do.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var issueCode: IssueCode { code.issueCode }
    public var description: String { "\(code.issueCode) \(code): \(reason) (\(location))" }

    public static func == (lhs: ValidationError, rhs: ValidationError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
