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

extension HL7v2Segment {
    /// The elements a path names inside this segment; the path's segment part (`PID[3]`) is not looked at.
    /// A walk over a message's segments reads each one this way without looking the segment up again.
    ///
    /// ```swift
    /// let pid = message.segments(withID: "PID")[0]
    /// let ids = pid.elements(at: try HL7v2Path("PID-3[*].1"))   // the ID of every identifier
    /// ```
    public func elements(at path: HL7v2Path) -> [HL7v2Element] {
        guard let fieldNumber = path.field, let field = field(fieldNumber) else { return [] }
        if field.level == .whole {
            return path.component ?? 1 == 1 && path.subcomponent ?? 1 == 1 ? [field] : []
        }
        if path.repetition == nil && path.component == nil { return [field] }
        var repetitions = field.children
        switch path.repetition ?? .number(1) {
        case .all: break
        case .number(let n): repetitions = n <= repetitions.count ? [repetitions[n - 1]] : []
        }
        var result: [HL7v2Element] = []
        for repetition in repetitions {
            guard let c = path.component else {
                result.append(repetition)
                continue
            }
            let components = repetition.children
            guard c <= components.count else { continue }
            guard let s = path.subcomponent else {
                result.append(components[c - 1])
                continue
            }
            let subcomponents = components[c - 1].children
            if s <= subcomponents.count { result.append(subcomponents[s - 1]) }
        }
        return result
    }
}
