public import HICore

/// A problem in HL7 v2 input or in a call to this module: the stable code, where in the input it happened
/// (message, segment, field/component, byte offset, line) and what was expected. Never the value itself.
///
/// Codes compare with `==`, so a test builds the expected code directly:
///
/// ```swift
/// do {
///     _ = try HL7v2Message(parsing: [])
/// } catch {
///     print(error.code == .emptyInput)  // true
///     print(error.issueCode)            // HI-V2-0001
/// }
/// ```
public struct HL7v2Error: LocatedError, Hashable {
    /// What kind of problem it is. A struct over a private enum, so codes can be added without breaking
    /// clients.
    ///
    /// ```swift
    /// let code = HL7v2Error.Code.truncatedEscape
    /// print(code.issueCode)  // HI-V2-0007
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Int, Hashable, Sendable {
            case emptyInput = 1
            case noMSH, mshTooShort, repeatedDelimiter, nulByte, invalidSegmentID
            case truncatedEscape, nonASCIIDelimiter, invalidCharsetBytes, unknownCharset
            case messageTooLarge, tooManySegments, tooManyFields, invalidEncodingCharacters
            case unexpectedMessageStart, invalidPath, pathNotFound, unencodableValue
            case nestedBatch, segmentOutsideMessage, batchCountMismatch, missingBatchEnvelope
            case nonstandardTerminator, invalidValue, issuesTruncated, fieldTooLarge
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input holds no bytes (or only a byte-order mark and blank lines).
        public static let emptyInput = Code(.emptyInput)
        /// The first segment is not `MSH`.
        public static let noMSH = Code(.noMSH)
        /// `MSH` ends before its field separator and encoding characters.
        public static let mshTooShort = Code(.mshTooShort)
        /// Two delimiters (MSH-1, MSH-2) are the same character.
        public static let repeatedDelimiter = Code(.repeatedDelimiter)
        /// A NUL byte (0x00) inside a message.
        public static let nulByte = Code(.nulByte)
        /// A segment whose ID is not three upper-case letters or digits.
        public static let invalidSegmentID = Code(.invalidSegmentID)
        /// An escape character without its closing escape character in the same value.
        public static let truncatedEscape = Code(.truncatedEscape)
        /// A delimiter (MSH-1 or a character of MSH-2) that is not a printable ASCII character.
        public static let nonASCIIDelimiter = Code(.nonASCIIDelimiter)
        /// Bytes that are not valid in the declared character set (MSH-18).
        public static let invalidCharsetBytes = Code(.invalidCharsetBytes)
        /// MSH-18 names a character set this module does not know.
        public static let unknownCharset = Code(.unknownCharset)
        /// A message larger than ``HL7v2ParseOptions/maximumMessageBytes``.
        public static let messageTooLarge = Code(.messageTooLarge)
        /// More segments than ``HL7v2ParseOptions/maximumSegments``.
        public static let tooManySegments = Code(.tooManySegments)
        /// More fields than ``HL7v2ParseOptions/maximumFieldsPerSegment``.
        public static let tooManyFields = Code(.tooManyFields)
        /// MSH-2 is empty or longer than five characters.
        public static let invalidEncodingCharacters = Code(.invalidEncodingCharacters)
        /// A second `MSH` (or `FHS`/`BHS`) inside what was parsed as one message.
        public static let unexpectedMessageStart = Code(.unexpectedMessageStart)
        /// A terser path that does not follow `SEG[n]-field[r].component.subcomponent`.
        public static let invalidPath = Code(.invalidPath)
        /// A path naming a segment the message does not have (when writing).
        public static let pathNotFound = Code(.pathNotFound)
        /// A value that cannot be written in the message's character set or structure.
        public static let unencodableValue = Code(.unencodableValue)
        /// `BHS` while a batch is still open, or `FHS` inside a file.
        public static let nestedBatch = Code(.nestedBatch)
        /// A segment outside any message (after `FHS`/`BHS`/`BTS`, before `MSH`).
        public static let segmentOutsideMessage = Code(.segmentOutsideMessage)
        /// BTS-1 or FTS-1 does not match the number of messages or batches.
        public static let batchCountMismatch = Code(.batchCountMismatch)
        /// A batch or file trailer without its header, or a header without its trailer.
        public static let missingBatchEnvelope = Code(.missingBatchEnvelope)
        /// Segments end in LF or CR LF instead of CR.
        public static let nonstandardTerminator = Code(.nonstandardTerminator)
        /// More issues than ``HL7v2ParseOptions/maximumIssues``; the rest are counted, not listed.
        public static let issuesTruncated = Code(.issuesTruncated)
        /// A field larger than ``HL7v2ParseOptions/maximumFieldBytes``.
        public static let fieldTooLarge = Code(.fieldTooLarge)
        /// A value given to a builder that cannot be used (for example a segment ID that is not valid).
        public static let invalidValue = Code(.invalidValue)

        /// The stable issue code, `HI-V2-nnnn`.
        public var issueCode: IssueCode {
            let digits = String(base.rawValue)
            return IssueCode("HI-V2-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits)
        }

        public var description: String { String(describing: base) }
    }

    /// What kind of problem it is.
    public let code: Code
    /// Where: record (message index from 1), path (`PID-5.1`), byte offset from the start of the message's
    /// bytes, line and column.
    public var location: SourceLocation
    /// The segment's position in its message, counting from 1, when known.
    public var segmentIndex: Int?
    /// The segment ID (`PID`), when known.
    public var segmentID: String?
    /// What was expected there.
    public var expected: String

    /// Creates an error.
    public init(
        _ code: Code, expected: String, location: SourceLocation = .unknown, segmentIndex: Int? = nil,
        segmentID: String? = nil
    ) {
        self.code = code
        self.expected = expected
        self.location = location
        self.segmentIndex = segmentIndex
        self.segmentID = segmentID
    }

    public var issueCode: IssueCode { code.issueCode }

    /// What went wrong and what was expected, with the segment position; no values.
    public var reason: String {
        var text = "\(code): expected \(expected)"
        if let segmentIndex {
            text += " (segment \(segmentIndex)" + (segmentID.map { " \($0)" } ?? "") + ")"
        }
        return text
    }

    public var description: String { "\(issueCode) \(reason) at \(location)" }

    /// This problem as an issue of the given severity.
    public func issue(_ severity: Severity) -> Issue { Issue(severity, code: issueCode, reason, at: location) }

    public static func == (lhs: HL7v2Error, rhs: HL7v2Error) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
