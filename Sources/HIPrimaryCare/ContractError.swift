public import HICore

/// A contract, follow-up or result input that cannot be read: not JSON, not a contract object, a FHIR Bundle
/// without a CarePlan, a CSV without the required columns. Findings about readable contracts are
/// ``Issue``s from ``ContractValidator``, never throws.
///
/// ```swift
/// do {
///     _ = try ContractJSON.decode(Array("[1]".utf8))
/// } catch {
///     print(error.code == .notAContract, error.issueCode)   // true HI-PC-0002
/// }
/// ```
public struct ContractError: LocatedError, Hashable {
    /// What went wrong.
    ///
    /// ```swift
    /// let code = ContractError.Code.unreadableInput
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case unreadableInput, notAContract, missingElement, invalidValue, tooLarge
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The bytes are not JSON / CSV / FHIR at all.
        public static let unreadableInput = Code(.unreadableInput)
        /// The input is well formed but holds no contract where one was expected.
        public static let notAContract = Code(.notAContract)
        /// A required element is missing.
        public static let missingElement = Code(.missingElement)
        /// An element has a value of the wrong kind or form.
        public static let invalidValue = Code(.invalidValue)
        /// The input exceeds a limit of the options.
        public static let tooLarge = Code(.tooLarge)

        /// The issue code.
        public var issueCode: IssueCode {
            switch base {
            case .unreadableInput: "HI-PC-0001"
            case .notAContract: "HI-PC-0002"
            case .missingElement: "HI-PC-0003"
            case .invalidValue: "HI-PC-0004"
            case .tooLarge: "HI-PC-0005"
            }
        }

        public var description: String {
            switch base {
            case .unreadableInput: "unreadable input"
            case .notAContract: "not a contract"
            case .missingElement: "missing element"
            case .invalidValue: "invalid value"
            case .tooLarge: "too large"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// Where.
    public let location: SourceLocation
    /// What was expected (never a personal-data value).
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    /// The stable issue code.
    public var issueCode: IssueCode { code.issueCode }

    public var description: String { "\(code.issueCode) \(code): \(reason) (\(location))" }

    public static func == (lhs: ContractError, rhs: ContractError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
