import HICore

/// The state of the one-pass scan; a struct so the hot loop touches plain stored properties.
struct Scanner {
    enum Mode { case bytes, utf8, ascii, stepping }
    var layout: HL7v2Layout
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

    mutating func run(
        _ buffer: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>, from contentStart: Int
    ) {
        let encoding = self.encoding
        let mode = self.mode
        let fourByteGB = charset == .gb18030
        let count = buffer.count
        var index = contentStart
        segmentLoop: while index < count {
            let segmentStart = index
            let segmentIndex = layout.segmentStarts.count
            if segmentIndex >= maximumSegments {
                fatal = reporter.error(.tooManySegments, "at most \(maximumSegments) segments", at: index)
                return
            }
            let separatorBase = layout.separators.count
            if segmentIndex == 0 && headerFirst {
                // MSH-1 is the separator itself; MSH-2 holds the encoding characters, not escapes.
                layout.separators.append(Int32(truncatingIfNeeded: index + 3))
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
                while index < count {
                    byteClass = table[Int(buffer[index])]
                    if byteClass != 0 { break }
                    index += 1
                }
                if index >= count { break scan }
                switch byteClass {
                case 1:
                    layout.separators.append(Int32(truncatingIfNeeded: index))
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
            let fieldCount = layout.separators.count - separatorBase
            if fieldCount > maximumFields {
                fatal = reporter.error(
                    .tooManyFields, "at most \(maximumFields) fields", at: segmentStart,
                    segmentIndex: segmentIndex)
                return
            }
            layout.segmentStarts.append(Int32(truncatingIfNeeded: segmentStart))
            layout.segmentEnds.append(Int32(truncatingIfNeeded: index))
            layout.separatorStarts.append(Int32(truncatingIfNeeded: layout.separators.count))
            // Segment ID: three upper-case letters or digits, the first a letter.
            let idEnd = fieldCount > 0 ? Int(layout.separators[separatorBase]) : index
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
