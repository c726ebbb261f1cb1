import HICore

/// A view of one segment of a message.
///
/// Field numbers follow HL7: for `MSH` (and `FHS`/`BHS`) field 1 is the field separator itself and field 2
/// the encoding characters.
///
/// ```swift
/// let message = try HL7v2Message(parsing: Array("MSH|^~\\&|LIS\rPID|1||A1\r".utf8))
/// let pid = message.segments[1]
/// print(pid.id, pid.fieldCount, pid.field(3)!.value)  // PID 3 A1
/// ```
public struct HL7v2Segment: Sendable {
    let storage: HL7v2Storage
    /// The position of the segment in its message, counting from 0.
    public let index: Int

    init(storage: HL7v2Storage, index: Int) {
        self.storage = storage
        self.index = index
    }

    /// The segment ID (`PID`, `ZPV`, …).
    public var id: String { storage.segmentID(index) }

    /// The number of fields, counting trailing empty fields that are written.
    public var fieldCount: Int { storage.fieldCount(index) }

    /// Field `number` (from 1), or `nil` past the last field.
    public func field(_ number: Int) -> HL7v2Element? {
        guard let (range, level) = storage.field(index, number) else { return nil }
        return HL7v2Element(storage: storage, byteRange: range, level: level)
    }

    /// All fields, from field 1.
    public var fields: [HL7v2Element] {
        let count = fieldCount
        guard count > 0 else { return [] }
        return (1...count).compactMap { field($0) }
    }

    /// The byte range of the segment (without its terminator).
    public var byteRange: Range<Int> { storage.segmentRange(index) }

    /// The bytes of the segment as written (without its terminator).
    public var rawBytes: ArraySlice<UInt8> { storage.bytes[byteRange] }
}
