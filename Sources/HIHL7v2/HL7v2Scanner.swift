import HICore

/// The state of the one-pass scan; a struct so the hot loop touches plain stored properties.
struct Scanner {
    enum Mode { case bytes, utf8, ascii, stepping }
    /// Boundaries as they are found: separators grow from the front, segment records (start, end,
    /// separator count before the segment) from the back; ``makeLayout()`` packs them into one table.
    var scratch: Scratch
    var reporter: HL7v2Tokenizer.Reporter
    let encoding: HL7v2EncodingCharacters
    let charset: Charset
    let mode: Mode
    let headerFirst: Bool
    let maximumSegments: Int
    let maximumFields: Int
    var sawLF = false
    var sawCRLF = false
    var sawCR = false
    var firstLF = -1
    var reportedCharset = false
    var nulReported = false
    var fatal: HL7v2Error? = nil

    /// Length of the UTF-8 character at `index` (lead byte ≥ 0x80), or `nil` when it is not valid.
    @inline(__always)
    static func utf8Length(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int? {
        // Four bytes at once when they are there: the lead byte's range and the continuation bits.
        if index >= 0, index &+ 4 <= buffer.count, let base = buffer.baseAddress {
            let word = UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self))
            let lead = word & 0xFF
            if lead &- 0xE0 < 0x10 { return word & 0x00C0_C000 == 0x0080_8000 ? 3 : nil }
            if lead &- 0xC2 < 0x1E { return word & 0x0000_C000 == 0x0000_8000 ? 2 : nil }
            if lead &- 0xF0 < 0x05 { return word & 0xC0C0_C000 == 0x8080_8000 ? 4 : nil }
            return nil
        }
        let lead = buffer[index]
        let length: Int
        if lead >= 0xC2 && lead <= 0xDF {
            length = 2
        } else if lead >= 0xE0 && lead <= 0xEF {
            length = 3
        } else if lead >= 0xF0 && lead <= 0xF4 {
            length = 4
        } else {
            return nil
        }
        guard index + length <= buffer.count else { return nil }
        var offset = 1
        while offset < length {
            if buffer[index + offset] & 0xC0 != 0x80 { return nil }
            offset += 1
        }
        return length
    }

    /// Length of the GB18030/GBK character at `index` (lead byte ≥ 0x80), or `nil` when it is not valid.
    @inline(__always)
    static func gbLength(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int, fourByte: Bool) -> Int? {
        let lead = buffer[index]
        guard lead >= 0x81, lead <= 0xFE, index + 1 < buffer.count else { return nil }
        let second = buffer[index + 1]
        if (second >= 0x40 && second <= 0x7E) || (second >= 0x80 && second <= 0xFE) { return 2 }
        if fourByte, second >= 0x30, second <= 0x39, index + 3 < buffer.count {
            let third = buffer[index + 2]
            let fourth = buffer[index + 3]
            if third >= 0x81, third <= 0xFE, fourth >= 0x30, fourth <= 0x39 { return 4 }
        }
        return nil
    }

    /// High bit set in each byte of `word` that is zero (exact: no false positives).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    mutating func run(
        _ buffer: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>, from contentStart: Int
    ) {
        let encoding = self.encoding
        let mode = self.mode
        let fourByteGB = charset == .gb18030
        let count = buffer.count
        guard let base = buffer.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        // Word-at-a-time patterns: the field separator (recorded), the escape character, control bytes below
        // 0x0E (CR, LF and NUL among them) and, unless every byte is one character, bytes >= 0x80.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let fieldPattern = ones &* UInt64(encoding.field)
        let escapePattern = ones &* UInt64(encoding.escape ?? encoding.field)
        let belowControl = ones &* 0x72  // 0x80 - 0x0E
        let nonASCII: UInt64 = mode == .bytes ? 0 : highBits
        var index = contentStart
        segmentLoop: while index < count {
            let segmentStart = index
            let segmentIndex = scratch.segmentCount
            if segmentIndex >= maximumSegments {
                fatal = reporter.error(.tooManySegments, "at most \(maximumSegments) segments", at: index)
                return
            }
            let separatorBase = scratch.separatorCount
            if segmentIndex == 0 && headerFirst {
                // MSH-1 is the separator itself; MSH-2 holds the encoding characters, not escapes.
                scratch.appendSeparator(index + 3)
                index += 4
                while index < count, buffer[index] != encoding.field, buffer[index] != 0x0D,
                    buffer[index] != 0x0A
                {
                    index += 1
                }
            }
            scan: while true {
                // Ordinary bytes: a tight loop with no branch table.
                var byteClass: UInt8 = 0
                // Eight bytes per step: field separators are recorded from a bit mask; the first other
                // special byte ends the step and is classified below.
                while index &+ 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    var separators = Self.zeroBytes(word ^ fieldPattern)
                    let special =
                        Self.zeroBytes(word ^ escapePattern) | (~(((word & low) &+ belowControl) | word) & highBits)
                        | (word & nonASCII)
                    if special != 0 { separators &= (special & (0 &- special)) &- 1 }
                    while separators != 0 {
                        scratch.appendSeparator(index &+ (separators.trailingZeroBitCount &>> 3))
                        separators &= separators &- 1
                    }
                    if special != 0 {
                        index &+= special.trailingZeroBitCount &>> 3
                        break
                    }
                    index &+= 8
                }
                while index < count {
                    byteClass = table[Int(buffer[index])]
                    if byteClass != 0 { break }
                    index += 1
                }
                if index >= count { break scan }
                switch byteClass {
                case 1:
                    scratch.appendSeparator(index)
                    index += 1
                case 2:
                    break scan
                case 3:
                    // An escape sequence must close before the next delimiter in the same value.
                    var probe = index + 1
                    var closed = false
                    while probe < count {
                        let byte = buffer[probe]
                        if byte == encoding.escape {
                            closed = true
                            break
                        }
                        if byte == encoding.field || byte == encoding.component || byte == encoding.repetition
                            || byte == encoding.subcomponent || byte == 0x0D || byte == 0x0A || byte >= 0x80
                        {
                            break
                        }
                        probe += 1
                    }
                    if closed {
                        index = probe + 1
                    } else {
                        do throws(HL7v2Error) {
                            try reporter.recoverable(
                                .truncatedEscape, "a closing escape character before the next delimiter",
                                at: index, segmentIndex: segmentIndex, segmentStart: segmentStart,
                                encoding: encoding)
                        } catch {
                            fatal = error
                            return
                        }
                        index += 1
                    }
                case 4:
                    if !nulReported {
                        nulReported = true
                        do throws(HL7v2Error) {
                            try reporter.recoverable(
                                .nulByte, "no NUL bytes inside a message", at: index, segmentIndex: segmentIndex,
                                segmentStart: segmentStart, encoding: encoding)
                        } catch {
                            fatal = error
                            return
                        }
                    }
                    index += 1
                default:
                    var length: Int? = nil
                    switch mode {
                    case .stepping: length = Self.gbLength(buffer, index, fourByte: fourByteGB)
                    case .utf8: length = Self.utf8Length(buffer, index)
                    case .ascii, .bytes: length = nil
                    }
                    if let length {
                        index += length
                        // Text runs of several characters (Chinese names, addresses) stay in this loop; an
                        // invalid sequence ends it and is reported by the next pass of the outer loop.
                        switch mode {
                        case .utf8:
                            while index < count, buffer[index] >= 0x80, let next = Self.utf8Length(buffer, index) {
                                index += next
                            }
                        case .stepping:
                            while index < count, buffer[index] >= 0x80,
                                let next = Self.gbLength(buffer, index, fourByte: fourByteGB)
                            {
                                index += next
                            }
                        case .ascii, .bytes: break
                        }
                    } else {
                        if !reportedCharset {
                            reportedCharset = true
                            do throws(HL7v2Error) {
                                try reporter.recoverable(
                                    .invalidCharsetBytes, "bytes valid in the declared character set \(charset)",
                                    at: index, segmentIndex: segmentIndex, segmentStart: segmentStart,
                                    encoding: encoding)
                            } catch {
                                fatal = error
                                return
                            }
                        }
                        index += 1
                    }
                }
            }
            let fieldCount = scratch.separatorCount - separatorBase
            if fieldCount > maximumFields {
                fatal = reporter.error(
                    .tooManyFields, "at most \(maximumFields) fields", at: segmentStart,
                    segmentIndex: segmentIndex)
                return
            }
            scratch.appendSegment(start: segmentStart, end: index, firstSeparator: separatorBase)
            // Segment ID: three upper-case letters or digits, the first a letter.
            let idEnd = fieldCount > 0 ? scratch.separator(separatorBase) : index
            var validID = idEnd - segmentStart == 3
            if validID {
                let first = buffer[segmentStart]
                validID = first >= 0x41 && first <= 0x5A
                for offset in 1..<3 {
                    let byte = buffer[segmentStart + offset]
                    if !((byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)) { validID = false }
                }
            }
            if !validID {
                do throws(HL7v2Error) {
                    try reporter.recoverable(
                        .invalidSegmentID, "a segment ID of three upper-case letters or digits", at: segmentStart,
                        segmentIndex: segmentIndex)
                } catch {
                    fatal = error
                    return
                }
            } else if segmentIndex > 0 {
                let a = buffer[segmentStart]
                let b = buffer[segmentStart + 1]
                let c = buffer[segmentStart + 2]
                let header =
                    (a == 0x4D && b == 0x53 && c == 0x48) || (b == 0x48 && c == 0x53 && (a == 0x46 || a == 0x42))
                    || (b == 0x54 && c == 0x53 && (a == 0x46 || a == 0x42))
                if header {
                    fatal = reporter.error(
                        .unexpectedMessageStart,
                        "one message (read files with several messages or batches with HL7v2MessageReader)",
                        at: segmentStart, segmentIndex: segmentIndex)
                    return
                }
            }
            // Terminator, then any blank lines.
            if index < count {
                if buffer[index] == 0x0D {
                    if index + 1 < count, buffer[index + 1] == 0x0A {
                        sawCRLF = true
                        if firstLF < 0 { firstLF = index }
                        index += 2
                    } else {
                        sawCR = true
                        index += 1
                    }
                } else {
                    sawLF = true
                    if firstLF < 0 { firstLF = index }
                    index += 1
                }
                while index < count, buffer[index] == 0x0D || buffer[index] == 0x0A { index += 1 }
            }
            continue segmentLoop
        }
    }
}

/// A growable `Int32` buffer filled from both ends, packed into the message's one layout table at the end.
/// The owner calls ``deallocate()``.
struct Scratch {
    private var base: UnsafeMutablePointer<Int32>
    private var capacity: Int
    /// Separators occupy `[0, front)`.
    private var front = 0
    /// Segment records (start, end, index of the first separator) occupy `[back, capacity)`, the first
    /// segment at the very end.
    private var back: Int

    /// `false` while the scratch is the caller's (stack) buffer; `true` once it grew onto the heap.
    private var owned: Bool

    init(capacity: Int) {
        let capacity = max(capacity, 16)
        self.base = .allocate(capacity: capacity)
        self.capacity = capacity
        self.back = capacity
        self.owned = true
    }

    /// Starts in `buffer` (not freed here; it must outlive the scratch's use).
    init?(borrowing buffer: UnsafeMutableBufferPointer<Int32>) {
        guard let base = buffer.baseAddress, buffer.count >= 16 else { return nil }
        self.base = base
        self.capacity = buffer.count
        self.back = buffer.count
        self.owned = false
    }

    func deallocate() { if owned { base.deallocate() } }

    var separatorCount: Int { front }

    var segmentCount: Int { (capacity &- back) / 3 }

    @inline(__always)
    func separator(_ index: Int) -> Int { index >= 0 && index < front ? Int(UInt32(bitPattern: base[index])) : 0 }

    @inline(__always)
    mutating func appendSeparator(_ offset: Int) {
        if front >= back { grow() }
        base[front] = Int32(truncatingIfNeeded: offset)
        front &+= 1
    }

    mutating func appendSegment(start: Int, end: Int, firstSeparator: Int) {
        if back &- front < 3 { grow() }
        back &-= 3
        base[back] = Int32(truncatingIfNeeded: start)
        base[back &+ 1] = Int32(truncatingIfNeeded: end)
        base[back &+ 2] = Int32(truncatingIfNeeded: firstSeparator)
    }

    private mutating func grow() {
        let newCapacity = capacity &* 2
        let new = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        new.initialize(from: base, count: front)
        let tail = capacity &- back
        (new + (newCapacity &- tail)).initialize(from: base + back, count: tail)
        if owned { base.deallocate() }
        owned = true
        base = new
        back = newCapacity &- tail
        capacity = newCapacity
    }

    /// The layout table (see ``HL7v2Layout``), in one allocation.
    func makeLayout() -> HL7v2Layout {
        let segments = segmentCount
        let separators = front
        let separatorBase = 4 &+ 3 &* segments
        let size = separatorBase &+ separators
        let table = [Int32](unsafeUninitializedCapacity: size) { output, initialized in
            guard let out = output.baseAddress, output.count >= size else { return }
            out[0] = Int32(truncatingIfNeeded: segments)
            var record = capacity
            for segment in 0..<segments {
                record &-= 3
                let slot = 1 &+ 3 &* segment
                out[slot] = base[record]
                out[slot &+ 1] = base[record &+ 1]
                out[slot &+ 2] = Int32(truncatingIfNeeded: separatorBase &+ Int(UInt32(bitPattern: base[record &+ 2])))
            }
            out[separatorBase &- 3] = 0
            out[separatorBase &- 2] = 0
            out[separatorBase &- 1] = Int32(truncatingIfNeeded: size)
            (out + separatorBase).initialize(from: base, count: separators)
            initialized = size
        }
        return HL7v2Layout(table: table)
    }
}
