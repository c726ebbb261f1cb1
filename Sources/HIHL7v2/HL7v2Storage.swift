import HICore

/// Flat boundary arrays recorded by one pass over a message: where each segment starts and ends and where
/// each field separator is. Everything below field level is split lazily when asked for.
struct HL7v2Layout: Sendable {
    /// Offset of the first byte of the first segment (after a byte-order mark and blank lines).
    var contentStart = 0
    /// Offset of each segment's first byte (its ID).
    var segmentStarts: [Int32] = []
    /// Offset just past each segment's content (its terminator is not included).
    var segmentEnds: [Int32] = []
    /// For segment `i`, its field separators are `separators[separatorStarts[i]..<separatorStarts[i + 1]]`.
    var separatorStarts: [Int32] = [0]
    /// Offsets of all field separators, segment after segment.
    var separators: [Int32] = []
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

    var segmentCount: Int { layout.segmentStarts.count }

    func segmentRange(_ index: Int) -> Range<Int> {
        Int(layout.segmentStarts[index])..<Int(layout.segmentEnds[index])
    }

    func separatorRange(_ index: Int) -> Range<Int> {
        Int(layout.separatorStarts[index])..<Int(layout.separatorStarts[index + 1])
    }

    func segmentID(_ index: Int) -> String {
        let range = segmentRange(index)
        let seps = separatorRange(index)
        let end = seps.isEmpty ? range.upperBound : Int(layout.separators[seps.lowerBound])
        return String(decoding: bytes[range.lowerBound..<min(end, range.lowerBound + 16)], as: UTF8.self)
    }

    func isHeaderSegment(_ index: Int) -> Bool {
        let start = Int(layout.segmentStarts[index])
        return HL7v2Tokenizer.isHeaderID(bytes, at: start) && !separatorRange(index).isEmpty
            && Int(layout.separators[Int(layout.separatorStarts[index])]) == start + 3
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
        let end = Int(layout.segmentEnds[index])
        var separatorIndex = number - 1
        if isHeaderSegment(index) {
            let first = Int(layout.separators[seps.lowerBound])
            if number == 1 { return (first..<first + 1, .whole) }
            separatorIndex = number - 2
        }
        guard separatorIndex < seps.count else { return nil }
        let start = Int(layout.separators[seps.lowerBound + separatorIndex]) + 1
        let stop = separatorIndex + 1 < seps.count ? Int(layout.separators[seps.lowerBound + separatorIndex + 1]) : end
        let level: HL7v2Element.Level = isHeaderSegment(index) && number == 2 ? .whole : .field
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
