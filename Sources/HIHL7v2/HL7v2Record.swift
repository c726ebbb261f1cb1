/// One record of an HL7 v2 file: a message, or a batch envelope segment (FHS, BHS, BTS, FTS).
///
/// The records of a file, concatenated, are the file's bytes: a byte-order mark and blank lines before the
/// first record belong to it, blank lines after a record belong to that record.
///
/// ```swift
/// var reader = HL7v2MessageReader(bytes: fileBytes)
/// while let record = try reader.nextRecord() {
///     print(record.kind, record.byteOffset, record.message.segmentCount)
/// }
/// ```
public struct HL7v2Record: Sendable {
    /// What the record is.
    ///
    /// ```swift
    /// if record.kind == .message { … }
    /// ```
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// A message (MSH …).
        case message
        /// `FHS`, the file header.
        case fileHeader
        /// `BHS`, the batch header.
        case batchHeader
        /// `BTS`, the batch trailer.
        case batchTrailer
        /// `FTS`, the file trailer.
        case fileTrailer

        public var description: String {
            switch self {
            case .message: "message"
            case .fileHeader: "FHS"
            case .batchHeader: "BHS"
            case .batchTrailer: "BTS"
            case .fileTrailer: "FTS"
            }
        }
    }

    /// What the record is.
    public let kind: Kind
    /// The record's content: the message, or the envelope segment (as a one-segment message view).
    public let message: HL7v2Message
    /// The offset of the record's first byte in the file.
    public let byteOffset: Int
    /// For messages, the message's number in the file, counting from 1.
    public let messageIndex: Int?
    /// The record's bytes, exactly as read.
    public var bytes: [UInt8] { message.serializedBytes() }
}
