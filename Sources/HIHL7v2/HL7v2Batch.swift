public import HICore

/// A whole HL7 v2 file read at once: every record (messages and batch envelopes) and the batch warnings.
/// Use ``HL7v2MessageReader`` to stream large files instead.
///
/// ```swift
/// let batch = try HL7v2Batch(parsing: bytes)
/// print(batch.messages.count, batch.issues.count)
/// assert(batch.serializedBytes() == bytes)
/// ```
public struct HL7v2Batch: Sendable {
    /// Every record, in order.
    public let records: [HL7v2Record]
    /// Batch-structure warnings and every message's issues.
    public let issues: [Issue]

    /// Reads all records.
    ///
    /// - Throws: the first ``HL7v2Error`` met.
    public init(parsing bytes: [UInt8], options: HL7v2ParseOptions = HL7v2ParseOptions()) throws(HL7v2Error) {
        var reader = HL7v2MessageReader(bytes: bytes, options: options)
        var records: [HL7v2Record] = []
        var issues: [Issue] = []
        while let record = try reader.nextRecord() {
            issues += record.message.issues
            records.append(record)
        }
        self.records = records
        self.issues = issues + reader.issues
    }

    /// The messages, in order.
    public var messages: [HL7v2Message] { records.filter { $0.kind == .message }.map(\.message) }

    /// The file's bytes again: every record's bytes, concatenated.
    public func serializedBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(records.reduce(0) { $0 + $1.message.serializedBytes().count })
        for record in records { output += record.message.serializedBytes() }
        return output
    }
}
