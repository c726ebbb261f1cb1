public import HICore
public import HIXML

/// Why a CDA document could not be read or built, and where.
///
/// `==` compares only the ``code``; the ``reason`` says where and what was expected and never repeats a
/// value from the document.
///
/// ```swift
/// do {
///     _ = try ClinicalDocument(parsing: Array("<html/>".utf8))
/// } catch {
///     print(error.code == .notClinicalDocument)  // true
///     print(error.issueCode)                     // HI-CDA-0002
/// }
/// ```
public struct CDAError: LocatedError, Hashable {
    /// The kind of problem, with a stable issue code `HI-CDA-nnnn`.
    ///
    /// ```swift
    /// print(CDAError.Code.xml.issueCode)  // HI-CDA-0001
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Int, Hashable, Sendable {
            case xml = 1
            case notClinicalDocument = 2
            case missingElement = 3
            case wrongTemplate = 4
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The XML itself could not be read (see ``CDAError/xmlError``).
        public static let xml = Code(.xml)
        /// The root element is not `ClinicalDocument`.
        public static let notClinicalDocument = Code(.notClinicalDocument)
        /// A required element is missing (for example `structuredBody` for a typed view).
        public static let missingElement = Code(.missingElement)
        /// The document is not of the template a typed view expects.
        public static let wrongTemplate = Code(.wrongTemplate)

        /// The stable issue code, `HI-CDA-0001` …
        public var issueCode: IssueCode {
            let number = String(base.rawValue)
            return IssueCode("HI-CDA-" + String(repeating: "0", count: max(0, 4 - number.count)) + number)
        }

        public var description: String { String(describing: base) }
    }

    /// The kind of problem.
    public let code: Code
    /// Where: the XML location (line, XPath-like path) when known.
    public let location: SourceLocation
    /// What went wrong and what was expected, free of document values.
    public let reason: String
    /// The underlying XML error for ``Code/xml``.
    public let xmlError: XMLError?

    /// Creates an error.
    public init(_ code: Code, _ reason: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.reason = reason
        self.location = location
        self.xmlError = nil
    }

    /// Wraps an XML error.
    public init(_ error: XMLError) {
        self.code = .xml
        self.reason = error.reason
        self.location = error.location
        self.xmlError = error
    }

    /// The XML error's own code for XML problems (`HI-XML-…`), otherwise this error's `HI-CDA-…` code.
    public var issueCode: IssueCode { xmlError?.issueCode ?? code.issueCode }

    public var description: String { "\(issueCode) \(reason) (\(location))" }

    public static func == (lhs: CDAError, rhs: CDAError) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
