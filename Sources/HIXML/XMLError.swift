public import HICore

/// Why XML could not be read, written, canonicalized or validated, and where.
///
/// The ``code`` is a struct over a private enum, so codes can be added without breaking clients; `==`
/// compares only the code, so tests build the expected error from the code alone. The ``reason`` says
/// where and what was expected; it never repeats text or attribute values from the document.
///
/// ```swift
/// do {
///     _ = try XMLDocument(parsing: Array("<a><b></a>".utf8))
/// } catch {
///     print(error.code == .notWellFormed)  // true
///     print(error.location.line ?? 0)      // 1
/// }
/// ```
public struct XMLError: LocatedError, Hashable {
    /// The kind of problem, with a stable issue code `HI-XML-nnnn`.
    ///
    /// ```swift
    /// print(XMLError.Code.tooDeep.issueCode)  // HI-XML-0004
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Int, Hashable, Sendable {
            case notWellFormed = 1
            case undeclaredNamespacePrefix = 2
            case inputTooLarge = 3
            case tooDeep = 4
            case textTooLarge = 5
            case entityDeclarationRefused = 6
            case unsupportedEncoding = 7
            case emptyDocument = 8
            case schemaNotLoaded = 9
            case schemaViolation = 10
            case encodingFailed = 11
            case libraryFailure = 12
            case canonicalizationFailed = 13
            case tooManyAttributes = 14
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The bytes are not well-formed XML (a tag mismatch, a stray `&`, text after the root …).
        public static let notWellFormed = Code(.notWellFormed)
        /// A prefix (for example `xsi:`) is used without an `xmlns:` declaration in scope.
        public static let undeclaredNamespacePrefix = Code(.undeclaredNamespacePrefix)
        /// The input is larger than ``XMLParsingOptions/maximumInputBytes``.
        public static let inputTooLarge = Code(.inputTooLarge)
        /// Elements nest deeper than ``XMLParsingOptions/maximumDepth``.
        public static let tooDeep = Code(.tooDeep)
        /// One text node is larger than ``XMLParsingOptions/maximumTextBytes``.
        public static let textTooLarge = Code(.textTooLarge)
        /// The document declares entities in a DOCTYPE (billion laughs, external entities): refused.
        public static let entityDeclarationRefused = Code(.entityDeclarationRefused)
        /// The declared encoding is unknown or the bytes are not valid in it.
        public static let unsupportedEncoding = Code(.unsupportedEncoding)
        /// The input holds no root element.
        public static let emptyDocument = Code(.emptyDocument)
        /// An XML schema could not be read or compiled.
        public static let schemaNotLoaded = Code(.schemaNotLoaded)
        /// A document breaks its XML schema (used for validation issues).
        public static let schemaViolation = Code(.schemaViolation)
        /// Text could not be written in the requested encoding.
        public static let encodingFailed = Code(.encodingFailed)
        /// libxml2 failed for a reason of its own (out of memory).
        public static let libraryFailure = Code(.libraryFailure)
        /// Canonical XML (C14N) could not be produced.
        public static let canonicalizationFailed = Code(.canonicalizationFailed)
        /// A start tag has more attributes than ``XMLParsingOptions/maximumAttributesPerElement``.
        public static let tooManyAttributes = Code(.tooManyAttributes)

        /// The stable issue code, `HI-XML-0001` …
        public var issueCode: IssueCode {
            let number = String(base.rawValue)
            return IssueCode("HI-XML-" + String(repeating: "0", count: max(0, 4 - number.count)) + number)
        }

        public var description: String { String(describing: base) }
    }

    /// The kind of problem.
    public let code: Code
    /// Where: line and column (from libxml2), byte offset when known, and an XPath-like path when known.
    public let location: SourceLocation
    /// What went wrong and what was expected; free of document values.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var issueCode: IssueCode { code.issueCode }

    public var description: String { "\(code.issueCode) \(reason) (\(location))" }

    public static func == (lhs: XMLError, rhs: XMLError) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// This error with the file name set in its location.
    public func with(file: String) -> XMLError { XMLError(code, reason, at: location.with(file: file)) }
}
