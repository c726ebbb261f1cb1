#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What lies at a position between records.
enum SeparatorScan: Equatable {
    /// Separator bytes (blank lines, envelope segments) up to this index; look again there.
    case skipped(Int)
    /// More input is needed to decide.
    case needMore
    /// A record starts here.
    case recordAt(Int)
}

/// The byte-level record splitters of ``RecordStream``, one small scanner per ``RecordLayout``. Scanning state
/// is kept between calls so that a record spread over many read chunks is scanned once (no quadratic rescans).
struct Splitter {
    private enum XMLMode: Equatable {
        case text
        case until(UInt8, UInt8, UInt8, count: Int)
        case tag(quote: UInt8, kind: UInt8, bracket: Int)
    }

    /// Where scanning resumes.
    private var scan = 0
    /// ER7: `scan` is at a line start that has not been checked yet.
    private var atLineStart = false
    private var xmlMode = XMLMode.text
    private var depth = 0
    private var sawRoot = false

    /// Starts scanning a record at `start`.
    mutating func begin(at start: Int) {
        scan = start
        atLineStart = false
        xmlMode = .text
        depth = 0
        sawRoot = false
    }

    /// The buffer lost its first `count` bytes.
    mutating func shift(by count: Int) {
        scan = max(0, scan - count)
    }

    /// The earliest index the scanner still needs (bytes before it may be dropped).
    func resumePoint(_ buffer: [UInt8]) -> Int { scan }

    // MARK: - Between records

    func skipSeparators(
        _ layout: RecordLayout, _ buffer: [UInt8], from: Int, atFileStart: Bool, atEnd: Bool
    ) -> SeparatorScan {
        switch layout {
        case .json, .opaque:
            return .recordAt(from)
        case .xml, .v3:
            if atFileStart { return .recordAt(from) }
            var index = from
            while index < buffer.count, Self.isSpace(buffer[index]) { index += 1 }
            if index >= buffer.count { return atEnd ? .recordAt(index) : (index > from ? .skipped(index) : .needMore) }
            return .recordAt(index)
        case .ndjson:
            var index = from
            if atFileStart, buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
            while index < buffer.count, Self.isSpace(buffer[index]) { index += 1 }
            if index >= buffer.count { return atEnd ? .recordAt(index) : (index > from ? .skipped(index) : .needMore) }
            return .recordAt(index)
        case .er7:
            var index = from
            if atFileStart, buffer.count < 3, !atEnd { return .needMore }
            if atFileStart, buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
            while index < buffer.count, Self.isSpace(buffer[index]) || buffer[index] == 0x1C || buffer[index] == 0x0B {
                index += 1
            }
            if index >= buffer.count { return atEnd ? .recordAt(index) : (index > from ? .skipped(index) : .needMore) }
            if index + 4 > buffer.count, !atEnd { return index > from ? .skipped(index) : .needMore }
            guard Self.isEnvelopeStart(buffer, index) else { return .recordAt(index) }
            // An envelope line (FHS, BHS, BTS, FTS): skip it and its terminators.
            var end = index
            while end < buffer.count, buffer[end] != 0x0D, buffer[end] != 0x0A { end += 1 }
            if end >= buffer.count && !atEnd { return index > from ? .skipped(index) : .needMore }
            while end < buffer.count, buffer[end] == 0x0D || buffer[end] == 0x0A { end += 1 }
            return .skipped(end)
        }
    }

    /// Whether the bytes of a finished record hold anything (not only white space).
    func isRecord(_ layout: RecordLayout, _ buffer: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            if !Self.isSpace(buffer[index]) { return true }
            index += 1
        }
        return false
    }

    // MARK: - Record ends

    /// The index where the record that began at `start` ends, or `nil` when more input is needed.
    mutating func recordEnd(_ layout: RecordLayout, _ buffer: [UInt8], start: Int, atEnd: Bool) -> Int? {
        switch layout {
        case .json, .opaque:
            scan = buffer.count
            return atEnd ? buffer.count : nil
        case .ndjson:
            if let found = Self.find(0x0A, in: buffer, from: scan) { return found }
            scan = buffer.count
            return atEnd ? buffer.count : nil
        case .er7:
            return er7End(buffer, atEnd: atEnd)
        case .xml, .v3:
            return xmlEnd(buffer, atEnd: atEnd)
        }
    }

    private mutating func er7End(_ buffer: [UInt8], atEnd: Bool) -> Int? {
        let count = buffer.count
        while true {
            if atLineStart {
                if scan >= count { return atEnd ? count : nil }
                if scan + 4 > count, !atEnd { return nil }
                if Self.isRecordStart(buffer, scan) { return scan }
                atLineStart = false
            }
            let terminator = buffer.withUnsafeBufferPointer { pointer -> Int? in
                var index = scan
                while index < count {
                    let byte = pointer[index]
                    if byte == 0x0D || byte == 0x0A { return index }
                    index += 1
                }
                return nil
            }
            guard var position = terminator else {
                scan = count
                return atEnd ? count : nil
            }
            while position < count, buffer[position] == 0x0D || buffer[position] == 0x0A { position += 1 }
            scan = position
            atLineStart = true
        }
    }

    private mutating func xmlEnd(_ buffer: [UInt8], atEnd: Bool) -> Int? {
        let count = buffer.count
        while true {
            switch xmlMode {
            case .text:
                if sawRoot && depth == 0 {
                    while scan < count, Self.isSpace(buffer[scan]) { scan += 1 }
                    if scan < count { return scan }
                    return atEnd ? count : nil
                }
                guard let open = Self.find(0x3C, in: buffer, from: scan) else {
                    scan = count
                    return atEnd ? count : nil
                }
                scan = open
                if open + 9 > count, !atEnd { return nil }
                if Self.matches(buffer, open, "<?") {
                    xmlMode = .until(0x3F, 0x3E, 0, count: 2)
                    scan = open + 2
                } else if Self.matches(buffer, open, "<!--") {
                    xmlMode = .until(0x2D, 0x2D, 0x3E, count: 3)
                    scan = open + 4
                } else if Self.matches(buffer, open, "<![CDATA[") {
                    xmlMode = .until(0x5D, 0x5D, 0x3E, count: 3)
                    scan = open + 9
                } else if Self.matches(buffer, open, "<!") {
                    xmlMode = .tag(quote: 0, kind: 0x21, bracket: 0)
                    scan = open + 2
                } else if Self.matches(buffer, open, "</") {
                    xmlMode = .tag(quote: 0, kind: 0x2F, bracket: 0)
                    scan = open + 2
                } else {
                    xmlMode = .tag(quote: 0, kind: 0, bracket: 0)
                    scan = open + 1
                }
            case .until(let first, let second, let third, let length):
                var index = scan
                var found: Int? = nil
                while index + length <= count {
                    if buffer[index] == first, buffer[index + 1] == second, length == 2 || buffer[index + 2] == third {
                        found = index
                        break
                    }
                    index += 1
                }
                guard let found else {
                    scan = max(scan, count - (length - 1))
                    return atEnd ? count : nil
                }
                scan = found + length
                xmlMode = .text
            case .tag(var quote, let kind, var bracket):
                var index = scan
                var closed = false
                while index < count {
                    let byte = buffer[index]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == 0x22 || byte == 0x27 {
                        quote = byte
                    } else if kind == 0x21 && byte == 0x5B {
                        bracket += 1
                    } else if kind == 0x21 && byte == 0x5D {
                        bracket -= 1
                    } else if byte == 0x3E && bracket <= 0 {
                        closed = true
                        break
                    }
                    index += 1
                }
                guard closed else {
                    xmlMode = .tag(quote: quote, kind: kind, bracket: bracket)
                    scan = count
                    return atEnd ? count : nil
                }
                switch kind {
                case 0x2F:
                    depth = max(0, depth - 1)
                case 0x21:
                    break
                default:
                    sawRoot = true
                    if !(index > 0 && buffer[index - 1] == 0x2F) { depth += 1 }
                }
                scan = index + 1
                xmlMode = .text
            }
        }
    }

    // MARK: - Byte helpers

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// `MSH`, `FHS`, `BHS`, `BTS` or `FTS` at `index`, not followed by a letter or digit.
    static func isRecordStart(_ buffer: [UInt8], _ index: Int) -> Bool {
        guard index + 3 <= buffer.count else { return false }
        let id = (buffer[index], buffer[index + 1], buffer[index + 2])
        guard id == (0x4D, 0x53, 0x48) || isEnvelopeID(id) else { return false }
        return index + 3 >= buffer.count || !isAlphanumeric(buffer[index + 3])
    }

    /// `FHS`, `BHS`, `BTS` or `FTS` at `index`, not followed by a letter or digit.
    static func isEnvelopeStart(_ buffer: [UInt8], _ index: Int) -> Bool {
        guard index + 3 <= buffer.count else { return false }
        guard isEnvelopeID((buffer[index], buffer[index + 1], buffer[index + 2])) else { return false }
        return index + 3 >= buffer.count || !isAlphanumeric(buffer[index + 3])
    }

    private static func isEnvelopeID(_ id: (UInt8, UInt8, UInt8)) -> Bool {
        id == (0x46, 0x48, 0x53) || id == (0x42, 0x48, 0x53) || id == (0x42, 0x54, 0x53) || id == (0x46, 0x54, 0x53)
    }

    private static func matches(_ buffer: [UInt8], _ index: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= buffer.count else { return false }
        return text.withUTF8Buffer { pattern in
            for offset in 0..<count where buffer[index + offset] != pattern[offset] { return false }
            return true
        }
    }

    /// The first index of `byte` at or after `from` (memchr), or `nil`.
    static func find(_ byte: UInt8, in buffer: [UInt8], from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { pointer -> Int? in
            guard let base = pointer.baseAddress else { return nil }
            guard let found = memchr(base + from, Int32(byte), pointer.count - from) else { return nil }
            return from + UnsafeRawPointer(base + from).distance(to: UnsafeRawPointer(found))
        }
    }
}
