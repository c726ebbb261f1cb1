public import HICore
public import HIXML

/// The error thrown when an HL7 V3 message cannot be read or a typed interaction is not what was asked for.
///
/// The code is a struct over a private enum (codes can be added without breaking clients); `==` compares
/// only the code. Reasons say where and what was expected, never a personal value.
///
/// ```swift
/// do {
///     _ = try V3Message(parsing: Array("<a/>".utf8))
/// } catch {
///     print(error.code == .notV3Message)  // true
/// }
/// ```
public struct V3Error: LocatedError, Hashable {
    /// The kind of failure.
    ///
    /// ```swift
    /// let code = V3Error.Code.missingElement
    /// print(code.issueCode)  // HI-V3-0003
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Int, Hashable, Sendable {
            case xml = 1
            case notV3Message = 2
            case missingElement = 3
            case wrongInteraction = 4
            case payload = 5
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The bytes are not well-formed or safe XML (the underlying ``HIXML/XMLError`` is kept).
        public static let xml = Code(.xml)
        /// The root element is not an HL7 V3 interaction (nor an XDS.b document exchange message).
        public static let notV3Message = Code(.notV3Message)
        /// An element the interaction needs (the patient, the order, the document) is missing.
        public static let missingElement = Code(.missingElement)
        /// The message is another interaction than the one a typed reader was asked for.
        public static let wrongInteraction = Code(.wrongInteraction)
        /// The CDA payload of a document exchange cannot be decoded or read.
        public static let payload = Code(.payload)

        /// `HI-V3-0001` …
        public var issueCode: IssueCode { V3IssueCodes.code(base.rawValue) }

        public var description: String { String(describing: base) }
    }

    /// The code.
    public let code: Code
    /// Where in the input (file, XPath, line).
    public let location: SourceLocation
    /// What went wrong and what was expected.
    public let reason: String
    /// The XML error, for ``Code/xml``.
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

    public var issueCode: IssueCode { xmlError?.issueCode ?? code.issueCode }

    public var description: String { "\(issueCode) \(reason) (\(location))" }

    public static func == (lhs: V3Error, rhs: V3Error) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// The `HI-V3-nnnn` codes: 0001… for errors, 0101… for lenient-reading warnings.
enum V3IssueCodes {
    static func code(_ number: Int) -> IssueCode {
        let digits = String(number)
        return IssueCode("HI-V3-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits)
    }

    /// `name xsi:type="BAG_EN"` with `item/part` (data types R2 style) instead of a plain PN.
    static let bagName = code(101)
    /// `interactionId/@extension` is not a normative HL7 V3 interaction id (a vendor service code).
    static let vendorInteractionId = code(102)
    /// Specimen codes in vendor elements `code1` … `code4`.
    static let vendorSpecimenCode = code(103)
    /// A value with leading or trailing white space.
    static let paddedValue = code(104)
    /// An OID under a private arc (`1.2.156.*`) where a national `2.16.156.10011.*` root is expected.
    static let privateOID = code(105)
    /// A wrapper value that is present but empty.
    static let emptyValue = code(106)
    /// A wrapper element that is missing.
    static let missingWrapperElement = code(107)
    /// A CDA document inline in an XDS.b `Document` instead of base64 text.
    static let inlineDocument = code(108)
    /// The root element name and `interactionId/@extension` disagree.
    static let interactionMismatch = code(109)
    /// The message root is in no namespace (expected `urn:hl7-org:v3`).
    static let noNamespace = code(110)
}
