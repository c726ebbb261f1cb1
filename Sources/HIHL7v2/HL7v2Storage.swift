import HICore

/// The boundaries recorded by one pass over a message, in ONE `[Int32]` (one allocation per message):
///
/// - `table[0]`: the number of segments `n`;
/// - `table[1 + 3i]`, `table[2 + 3i]`, `table[3 + 3i]`: segment `i`'s first byte (its ID), the offset just
///   past its content (its terminator is not included), and the table index of its first field separator;
/// - `table[1 + 3n]`, `table[2 + 3n]`, `table[3 + 3n]`: `0`, `0` and the table index past the last separator;
/// - from `4 + 3n` on: the offsets of all field separators, segment after segment.
///
/// Everything below field level is split lazily when asked for.
struct HL7v2Layout: Sendable {
    var table: [Int32]

    init(table: [Int32]) { self.table = table }

    /// A layout of no segments.
    init() { self.table = [0, 0, 0, 4] }

    @inline(__always) var segmentCount: Int { Int(UInt32(bitPattern: table[0])) }

    @inline(__always) func segmentStart(_ index: Int) -> Int { Int(UInt32(bitPattern: table[1 + 3 &* index])) }

    @inline(__always) func segmentEnd(_ index: Int) -> Int { Int(UInt32(bitPattern: table[2 + 3 &* index])) }

    /// The table indices of segment `index`'s field separators.
    @inline(__always) func separatorIndices(_ index: Int) -> Range<Int> {
        let lower = Int(UInt32(bitPattern: table[3 + 3 &* index]))
        return lower..<max(lower, Int(UInt32(bitPattern: table[6 + 3 &* index])))
    }

    /// The byte offset of the separator at table index `tableIndex`.
    @inline(__always) func separator(_ tableIndex: Int) -> Int { Int(UInt32(bitPattern: table[tableIndex])) }
}

/// Immutable tokenized message shared by the message value and its views.
final class HL7v2Storage: Sendable {
    let bytes: [UInt8]
    let layout: HL7v2Layout
    let encoding: HL7v2EncodingCharacters
    let charset: Charset
    /// `true` when the charset's trail bytes may equal ASCII delimiters (GB18030, GBK).
    let stepsCharacters: Bool

    init(bytes: [UInt8], layout: HL7v2Layout, encoding: HL7v2EncodingCharacters, charset: Charset) {
        self.bytes = bytes
        self.layout = layout
        self.encoding = encoding
        self.charset = charset
        self.stepsCharacters = charset.hasASCIITrailBytes
    }

    var segmentCount: Int { layout.segmentCount }

    func segmentRange(_ index: Int) -> Range<Int> {
        layout.segmentStart(index)..<layout.segmentEnd(index)
    }

    func separatorRange(_ index: Int) -> Range<Int> { layout.separatorIndices(index) }

    func segmentID(_ index: Int) -> String {
        let range = segmentRange(index)
        let seps = separatorRange(index)
        let end = seps.isEmpty ? range.upperBound : layout.separator(seps.lowerBound)
        return String(decoding: bytes[range.lowerBound..<min(end, range.lowerBound + 16)], as: UTF8.self)
    }

    /// `true` for an MSH/FHS/BHS segment whose field separator follows the ID (MSH-1 is then the separator).
    func isHeaderSegment(_ index: Int) -> Bool {
        let start = layout.segmentStart(index)
        let seps = separatorRange(index)
        return !seps.isEmpty && layout.separator(seps.lowerBound) == start + 3
            && HL7v2Tokenizer.isHeaderID(bytes, at: start)
    }

    /// Number of fields (MSH/FHS/BHS count MSH-1, the separator itself).
    func fieldCount(_ index: Int) -> Int {
        let count = separatorRange(index).count
        return isHeaderSegment(index) ? count + 1 : count
    }

    /// The byte range of field `number` (1-based) and the level it is split at, or `nil` past the end.
    func field(_ index: Int, _ number: Int) -> (range: Range<Int>, level: HL7v2Element.Level)? {
        guard number >= 1 else { return nil }
        let seps = separatorRange(index)
        var separatorIndex = number &- 1
        let header = isHeaderSegment(index)
        if header {
            let first = layout.separator(seps.lowerBound)
            if number == 1 { return (first..<first + 1, .whole) }
            separatorIndex = number &- 2
        }
        guard separatorIndex < seps.count else { return nil }
        let position = seps.lowerBound + separatorIndex
        let start = layout.separator(position) + 1
        let stop = position + 1 < seps.upperBound ? layout.separator(position + 1) : layout.segmentEnd(index)
        let level: HL7v2Element.Level = header && number == 2 ? .whole : .field
        return (start..<stop, level)
    }

    /// The elements of `range` split at `separator` (as ``split(_:at:)``), built in one allocation: the
    /// parts are counted first, so no intermediate range array is made.
    func splitElements(_ range: Range<Int>, at separator: UInt8?, level: HL7v2Element.Level) -> [HL7v2Element] {
        guard let separator, !stepsCharacters else {
            return split(range, at: separator).map { HL7v2Element(storage: self, byteRange: $0, level: level) }
        }
        return bytes.withUnsafeBufferPointer { buffer -> [HL7v2Element] in
            let lower = max(range.lowerBound, 0)
            let upper = min(range.upperBound, buffer.count)
            guard lower < upper else { return [HL7v2Element(storage: self, byteRange: range, level: level)] }
            var parts = 1
            for index in lower..<upper where buffer[index] == separator { parts += 1 }
            if parts == 1 { return [HL7v2Element(storage: self, byteRange: range, level: level)] }
            var elements: [HL7v2Element] = []
            elements.reserveCapacity(parts)
            var start = lower
            for index in lower..<upper where buffer[index] == separator {
                elements.append(HL7v2Element(storage: self, byteRange: start..<index, level: level))
                start = index + 1
            }
            elements.append(HL7v2Element(storage: self, byteRange: start..<upper, level: level))
            return elements
        }
    }

    /// Splits `range` at `separator`, stepping over multi-byte characters when needed.
    func split(_ range: Range<Int>, at separator: UInt8?) -> [Range<Int>] {
        guard let separator else { return [range] }
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            if byte == separator {
                parts.append(start..<index)
                index += 1
                start = index
            } else if byte >= 0x80 && stepsCharacters {
                index += min(charset.characterLength(at: index, in: bytes) ?? 1, end - index)
            } else {
                index += 1
            }
        }
        parts.append(start..<end)
        return parts
    }
}
