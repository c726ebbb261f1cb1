public import HICore

/// A fatal problem reading FHIR JSON: malformed JSON, a limit exceeded, or input that is not a resource.
///
/// `==` compares only the code, so tests can build the expected error directly. The location says where in
/// the input (JSON path such as `Patient.name[0].given[1]`, byte offset, line and column); the reason says
/// what was expected, never the value found (it may be personal data).
///
/// ```swift
/// do {
///     _ = try JSONReader.read(Array(#"{"a": 01}"#.utf8))
/// } catch {
///     print(error.code == .invalidNumber)  // true
///     print(error.location.path ?? "")     // $.a
/// }
/// ```
public struct FHIRError: LocatedError, Equatable {
    /// What went wrong, as a stable code (see ``issueCode``).
    ///
    /// ```swift
    /// print(FHIRError.Code.duplicateKey.issueCode)   // HI-FHIR-0008
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Int, Hashable, Sendable {
            case unexpectedEnd = 1
            case unexpectedByte
            case invalidUTF8
            case controlCharacterInString
            case invalidEscape
            case loneSurrogate
            case invalidNumber
            case duplicateKey
            case tooDeep
            case tooLarge
            case trailingContent
            case notAnObject
            case missingResourceType
            case invalidResourceType
            case wrongResourceType
            case lineTooLong
            case readFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input ended inside a value.
        public static let unexpectedEnd = Code(.unexpectedEnd)
        /// A byte that cannot start or continue a JSON value here.
        public static let unexpectedByte = Code(.unexpectedByte)
        /// Bytes that are not UTF-8 (JSON is UTF-8).
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// An unescaped control character (U+0000–U+001F) inside a string.
        public static let controlCharacterInString = Code(.controlCharacterInString)
        /// A backslash escape JSON does not define, or a malformed `\u` escape.
        public static let invalidEscape = Code(.invalidEscape)
        /// A `\u` escape for a UTF-16 surrogate without its pair.
        public static let loneSurrogate = Code(.loneSurrogate)
        /// A number FHIR JSON does not allow (leading zeros or `+`, `.5`, `5.`, NaN, Infinity, …).
        public static let invalidNumber = Code(.invalidNumber)
        /// The same member name twice in one object.
        public static let duplicateKey = Code(.duplicateKey)
        /// Nesting deeper than ``FHIRDecodingOptions/maximumDepth``.
        public static let tooDeep = Code(.tooDeep)
        /// Input larger than ``FHIRDecodingOptions/maximumInputBytes``.
        public static let tooLarge = Code(.tooLarge)
        /// Something other than white space after the top-level value.
        public static let trailingContent = Code(.trailingContent)
        /// A resource must be a JSON object.
        public static let notAnObject = Code(.notAnObject)
        /// The object has no `resourceType` member.
        public static let missingResourceType = Code(.missingResourceType)
        /// `resourceType` is not a non-empty string of letters.
        public static let invalidResourceType = Code(.invalidResourceType)
        /// A typed view was asked for a resource of another type.
        public static let wrongResourceType = Code(.wrongResourceType)
        /// An NDJSON line longer than ``FHIRDecodingOptions/maximumInputBytes``.
        public static let lineTooLong = Code(.lineTooLong)
        /// The byte source could not be read.
        public static let readFailed = Code(.readFailed)

        /// The stable issue code, `HI-FHIR-0001` …
        public var issueCode: IssueCode {
            let number = String(base.rawValue)
            return IssueCode("HI-FHIR-" + String(repeating: "0", count: max(0, 4 - number.count)) + number)
        }
        public var description: String { String(describing: base) }
    }

    /// What went wrong.
    public let code: Code
    /// Where in the input.
    public let location: SourceLocation
    /// What was expected (never the offending value).
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String, at location: SourceLocation) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var issueCode: IssueCode { code.issueCode }
    public var description: String { "\(code.issueCode) \(code): \(reason) (\(location))" }

    public static func == (lhs: FHIRError, rhs: FHIRError) -> Bool { lhs.code == rhs.code }
}
