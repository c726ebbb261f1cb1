public import HICore

/// The one error type of `HIModels`: a resident ID number or a phone number that does not follow its rules.
///
/// Equality compares only ``code``. Messages say which rule failed, never the number itself.
///
/// ```swift
/// do {
///     _ = try ResidentIDNumber(parsing: "420106201101011919")
/// } catch {
///     print(error.code == .wrongCheckCharacter)  // true
///     print(error.issueCode)                     // HI-ID-0003
/// }
/// ```
public struct ModelError: LocatedError, Hashable {
    /// What went wrong; a struct over a private enum so codes can be added without breaking clients.
    ///
    /// ```swift
    /// print(ModelError.Code.wrongCheckCharacter.issueCode)  // HI-ID-0003
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case wrongLength, invalidCharacter, wrongCheckCharacter, unknownRegion, impossibleBirthDate
            case futureBirthDate, implausibleBirthDate, invalidPhoneNumber
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Not 15 or 18 characters.
        public static let wrongLength = Code(.wrongLength)
        /// A character other than a digit (or a final `X` in 18-character numbers).
        public static let invalidCharacter = Code(.invalidCharacter)
        /// The check character does not match the first 17 digits (ISO 7064 MOD 11-2).
        public static let wrongCheckCharacter = Code(.wrongCheckCharacter)
        /// The first six digits are in no GB/T 2260 revision.
        public static let unknownRegion = Code(.unknownRegion)
        /// The birth date is not a calendar date (month 13, 30 February …).
        public static let impossibleBirthDate = Code(.impossibleBirthDate)
        /// The birth date lies in the future.
        public static let futureBirthDate = Code(.futureBirthDate)
        /// The birth date is before 1880.
        public static let implausibleBirthDate = Code(.implausibleBirthDate)
        /// Not a mainland mobile or landline number.
        public static let invalidPhoneNumber = Code(.invalidPhoneNumber)

        /// The stable issue code.
        public var issueCode: IssueCode {
            switch base {
            case .wrongLength: "HI-ID-0001"
            case .invalidCharacter: "HI-ID-0002"
            case .wrongCheckCharacter: "HI-ID-0003"
            case .unknownRegion: "HI-ID-0004"
            case .impossibleBirthDate: "HI-ID-0005"
            case .futureBirthDate: "HI-ID-0006"
            case .implausibleBirthDate: "HI-ID-0007"
            case .invalidPhoneNumber: "HI-MODEL-0001"
            }
        }

        public var description: String {
            switch base {
            case .wrongLength: "wrong length"
            case .invalidCharacter: "invalid character"
            case .wrongCheckCharacter: "wrong check character"
            case .unknownRegion: "unknown region"
            case .impossibleBirthDate: "impossible birth date"
            case .futureBirthDate: "future birth date"
            case .implausibleBirthDate: "implausible birth date"
            case .invalidPhoneNumber: "invalid phone number"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// Where the value was found (the caller's location).
    public let location: SourceLocation
    /// Which rule failed (no personal data).
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var issueCode: IssueCode { code.issueCode }
    public var description: String { "\(code.issueCode) \(code): \(reason) (\(location))" }

    public static func == (lhs: ModelError, rhs: ModelError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
