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

/// The one-pass ER7 tokenizer.
enum HL7v2Tokenizer {
    struct Result {
        var layout: HL7v2Layout
        var encoding: HL7v2EncodingCharacters
        var charset: Charset
        var issues: [Issue]
    }

    static func isHeaderID(_ bytes: [UInt8], at start: Int) -> Bool {
        guard start + 3 <= bytes.count else { return false }
        let a = bytes[start]
        let b = bytes[start + 1]
        let c = bytes[start + 2]
        return (a == 0x4D && b == 0x53 && c == 0x48) || (a == 0x46 && b == 0x48 && c == 0x53)
            || (a == 0x42 && b == 0x48 && c == 0x53)
    }

    static func isRecordStartID(_ bytes: [UInt8], at start: Int) -> Bool {
        guard start + 3 <= bytes.count else { return false }
        if isHeaderID(bytes, at: start) { return true }
        let a = bytes[start]
        let b = bytes[start + 1]
        let c = bytes[start + 2]
        return (a == 0x42 || a == 0x46) && b == 0x54 && c == 0x53
    }

    /// Offset after a UTF-8 byte-order mark and blank lines at `start`.
    static func skipLeading(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
        return index
    }

    /// Collects issues, turning recoverable ones into thrown errors in strict mode.
    struct Reporter {
        let bytes: [UInt8]
        let options: HL7v2ParseOptions
        let record: Int?
        var issues: [Issue] = []
        var dropped = 0

        func error(
            _ code: HL7v2Error.Code, _ expected: String, at offset: Int, segmentIndex: Int? = nil,
            segmentStart: Int? = nil, encoding: HL7v2EncodingCharacters? = nil
        ) -> HL7v2Error {
            var path: String? = nil
            var segmentID: String? = nil
            if let segmentStart {
                let described = HL7v2Tokenizer.describe(bytes, segmentStart: segmentStart, offset: offset, encoding)
                path = described.path
                segmentID = described.id
            }
            var location = LineIndex.location(of: offset, in: bytes, path: path, record: record)
            if path == nil { location.path = nil }
            return HL7v2Error(
                code, expected: expected, location: location, segmentIndex: segmentIndex.map { $0 + 1 },
                segmentID: segmentID)
        }

        /// Records a recoverable problem (a warning) or, in strict mode, throws it.
        mutating func recoverable(
            _ code: HL7v2Error.Code, _ expected: String, at offset: Int, segmentIndex: Int? = nil,
            segmentStart: Int? = nil, encoding: HL7v2EncodingCharacters? = nil, alwaysWarning: Bool = false
        ) throws(HL7v2Error) {
            if options.strict && !alwaysWarning {
                throw error(
                    code, expected, at: offset, segmentIndex: segmentIndex, segmentStart: segmentStart,
                    encoding: encoding)
            }
            guard issues.count < options.maximumIssues else {
                dropped += 1
                return
            }
            issues.append(
                error(
                    code, expected, at: offset, segmentIndex: segmentIndex, segmentStart: segmentStart,
                    encoding: encoding
                ).issue(.warning))
        }
    }

    /// The segment ID and the `SEG-f[r].c.s` path of `offset` inside the segment starting at `segmentStart`.
    static func describe(
        _ bytes: [UInt8], segmentStart: Int, offset: Int, _ encoding: HL7v2EncodingCharacters?
    ) -> (id: String?, path: String?) {
        var idEnd = segmentStart
        while idEnd < bytes.count, idEnd - segmentStart < 3, bytes[idEnd] != 0x0D, bytes[idEnd] != 0x0A,
            bytes[idEnd] != encoding?.field
        {
            idEnd += 1
        }
        let idBytes = bytes[segmentStart..<idEnd]
        let valid =
            idBytes.count == 3
            && idBytes.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
        let id = valid ? String(decoding: idBytes, as: UTF8.self) : nil
        guard let encoding, let id else { return (id, nil) }
        let header = isHeaderID(bytes, at: segmentStart)
        var field = 0
        var repetition = 1
        var component = 1
        var subcomponent = 1
        var index = segmentStart
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == encoding.field {
                field += 1
                repetition = 1
                component = 1
                subcomponent = 1
            } else if !(header && field == 1) {
                if byte == encoding.repetition {
                    repetition += 1
                    component = 1
                    subcomponent = 1
                } else if byte == encoding.component {
                    component += 1
                    subcomponent = 1
                } else if byte == encoding.subcomponent {
                    subcomponent += 1
                }
            }
            index += 1
        }
        if header && field >= 1 { field += 1 }
        guard field > 0 else { return (id, id) }
        var path = "\(id)-\(field)"
        if repetition > 1 { path += "[\(repetition)]" }
        if component > 1 || subcomponent > 1 { path += ".\(component)" }
        if subcomponent > 1 { path += ".\(subcomponent)" }
        return (id, path)
    }

    static func isDelimiterByte(_ byte: UInt8) -> Bool {
        byte >= 0x21 && byte <= 0x7E && !(byte >= 0x30 && byte <= 0x39) && !(byte >= 0x41 && byte <= 0x5A)
            && !(byte >= 0x61 && byte <= 0x7A)
    }

    /// Reads the delimiters of the header segment starting at `start` (MSH, FHS or BHS).
    static func readDelimiters(
        _ bytes: [UInt8], at start: Int, reporter: inout Reporter
    ) throws(HL7v2Error) -> HL7v2EncodingCharacters {
        let fieldIndex = start + 3
        guard fieldIndex < bytes.count, bytes[fieldIndex] != 0x0D, bytes[fieldIndex] != 0x0A else {
            throw reporter.error(
                .mshTooShort, "a field separator after the segment ID", at: min(fieldIndex, bytes.count))
        }
        let field = bytes[fieldIndex]
        if field >= 0x80 {
            throw reporter.error(.nonASCIIDelimiter, "an ASCII field separator in MSH-1", at: fieldIndex)
        }
        guard isDelimiterByte(field) else {
            throw reporter.error(
                .invalidEncodingCharacters, "a printable, non-alphanumeric field separator in MSH-1", at: fieldIndex)
        }
        var roles: [UInt8?] = []
        var index = fieldIndex + 1
        var sawNonASCII = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == field || byte == 0x0D || byte == 0x0A { break }
            if roles.count == 5 {
                throw reporter.error(.invalidEncodingCharacters, "at most five encoding characters in MSH-2", at: index)
            }
            if byte >= 0x80 {
                let length = Charset.utf8.characterLength(at: index, in: bytes) ?? 1
                try reporter.recoverable(
                    .nonASCIIDelimiter, "ASCII encoding characters in MSH-2", at: index)
                sawNonASCII = true
                roles.append(nil)
                index += length
                continue
            }
            guard isDelimiterByte(byte) else {
                throw reporter.error(
                    .invalidEncodingCharacters, "printable, non-alphanumeric encoding characters in MSH-2", at: index)
            }
            roles.append(byte)
            index += 1
        }
        if roles.isEmpty {
            if index >= bytes.count || bytes[index] == 0x0D || bytes[index] == 0x0A {
                throw reporter.error(.mshTooShort, "encoding characters in MSH-2", at: index)
            }
            throw reporter.error(.invalidEncodingCharacters, "at least one encoding character in MSH-2", at: index)
        }
        _ = sawNonASCII
        while roles.count < 5 { roles.append(nil) }
        var encoding = HL7v2EncodingCharacters(
            field: field, component: roles[0], repetition: roles[1], escape: roles[2], subcomponent: roles[3],
            truncation: roles[4])
        // Repeated delimiters: escape == sub-component is recoverable (the escape character is dropped).
        if let escape = encoding.escape, escape == encoding.subcomponent {
            try reporter.recoverable(
                .repeatedDelimiter, "distinct escape and sub-component characters in MSH-2 (escapes disabled)",
                at: fieldIndex + 1)
            encoding.escape = nil
        }
        let all = [
            encoding.field, encoding.component, encoding.repetition, encoding.escape, encoding.subcomponent,
            encoding.truncation,
        ].compactMap { $0 }
        if Set(all).count != all.count {
            throw reporter.error(.repeatedDelimiter, "distinct delimiter characters in MSH-1 and MSH-2", at: fieldIndex)
        }
        return encoding
    }

    /// The byte range of header field `number` (≥ 3) of the segment at `start`, scanning byte by byte or
    /// stepping over GB18030 characters.
    static func headerField(
        _ bytes: [UInt8], at start: Int, field: UInt8, number: Int, stepping: Charset?
    ) -> Range<Int>? {
        var count = 1
        var index = start + 3
        var fieldStart = -1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A { break }
            if byte == field {
                count += 1
                if count == number {
                    fieldStart = index + 1
                } else if count == number + 1 {
                    return fieldStart..<index
                }
                index += 1
            } else if byte >= 0x80, let stepping {
                index += stepping.characterLength(at: index, in: bytes) ?? 1
            } else {
                index += 1
            }
        }
        return fieldStart >= 0 ? fieldStart..<min(index, bytes.count) : nil
    }

    /// The MSH-18 spellings seen most, looked up before the general (slower) ``Charset/init(name:)``.
    static let knownCharsets: [String: Charset] = [
        "UNICODE UTF-8": .utf8, "UTF-8": .utf8, "ASCII": .ascii, "8859/1": .latin1, "GB 18030-2000": .gb18030,
        "GB18030": .gb18030, "GBK": .gbk,
    ]

    /// Reads MSH-18 (first repetition) as a charset name.
    static func declaredCharset(
        _ bytes: [UInt8], at start: Int, encoding: HL7v2EncodingCharacters
    ) -> (name: String, charset: Charset?, offset: Int)? {
        func read(_ stepping: Charset?) -> (String, Charset?, Int)? {
            guard let range = headerField(bytes, at: start, field: encoding.field, number: 18, stepping: stepping),
                !range.isEmpty
            else { return nil }
            var end = range.lowerBound
            while end < range.upperBound, bytes[end] != encoding.repetition, bytes[end] != encoding.component {
                end += 1
            }
            let name = String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
                .trimmingSpaces()
            return name.isEmpty ? nil : (name, knownCharsets[name] ?? Charset(name: name), range.lowerBound)
        }
        let plain = read(nil)
        if let plain, plain.1 != nil { return plain }
        if let stepped = read(.gb18030), let charset = stepped.1, charset.hasASCIITrailBytes { return stepped }
        return plain
    }

    /// Tokenizes one message (or one batch envelope segment when `inherited` delimiters are given).
    static func tokenize(
        _ bytes: [UInt8], options: HL7v2ParseOptions, record: Int?,
        inherited: (HL7v2EncodingCharacters, Charset)? = nil
    ) throws(HL7v2Error) -> Result {
        var reporter = Reporter(bytes: bytes, options: options, record: record)
        guard bytes.count <= min(options.maximumMessageBytes, Int(Int32.max)) else {
            throw reporter.error(.messageTooLarge, "at most \(options.maximumMessageBytes) bytes", at: 0)
        }
        let contentStart = skipLeading(bytes, from: 0)
        guard contentStart < bytes.count else {
            throw reporter.error(.emptyInput, "an MSH segment", at: contentStart)
        }
        var encoding: HL7v2EncodingCharacters
        var charset: Charset
        if isHeaderID(bytes, at: contentStart) {
            encoding = try readDelimiters(bytes, at: contentStart, reporter: &reporter)
            if let forced = options.charset {
                charset = forced
            } else if let declared = declaredCharset(bytes, at: contentStart, encoding: encoding) {
                if let known = declared.charset {
                    charset = known
                } else {
                    charset = options.defaultCharset
                    try reporter.recoverable(
                        .unknownCharset, "a character set of HL7 table 0211 in MSH-18 (using \(charset))",
                        at: declared.offset, segmentIndex: 0, segmentStart: contentStart, encoding: encoding,
                        alwaysWarning: true)
                }
            } else {
                charset = options.defaultCharset
            }
        } else if let inherited {
            encoding = inherited.0
            charset = options.charset ?? inherited.1
        } else {
            throw reporter.error(.noMSH, "MSH as the first segment", at: contentStart)
        }
        var layout = HL7v2Layout()
        layout.contentStart = contentStart
        layout.segmentStarts.reserveCapacity(32)
        layout.segmentEnds.reserveCapacity(32)
        layout.separatorStarts.reserveCapacity(33)
        layout.separators.reserveCapacity(bytes.count / 8)

        // Byte classes: 0 ordinary, 1 field separator, 2 segment terminator, 3 escape, 4 NUL, 5 non-ASCII.
        var table = [UInt8](repeating: 0, count: 256)
        let mode: Scanner.Mode
        if charset == .latin1 {
            mode = .bytes
        } else if charset.hasASCIITrailBytes {
            mode = .stepping
        } else if charset == .ascii {
            mode = .ascii
        } else if charset == .utf8 {
            mode = .utf8
        } else {
            mode = .bytes
        }
        if mode != .bytes { for byte in 0x80...0xFF { table[byte] = 5 } }
        table[0x0D] = 2
        table[0x0A] = 2
        table[0] = 4
        table[Int(encoding.field)] = 1
        if let escape = encoding.escape { table[Int(escape)] = 3 }

        let headerFirst = isHeaderID(bytes, at: contentStart)
        let maximumSegments = options.maximumSegments
        let maximumFields = options.maximumFieldsPerSegment

        var scanner = Scanner(
            layout: layout, reporter: reporter, encoding: encoding, charset: charset, table: table, mode: mode,
            headerFirst: headerFirst, maximumSegments: maximumSegments, maximumFields: maximumFields)
        bytes.withUnsafeBufferPointer { scanner.run($0, from: contentStart) }
        layout = scanner.layout
        reporter = scanner.reporter
        let sawLF = scanner.sawLF
        let sawCRLF = scanner.sawCRLF
        let sawCR = scanner.sawCR
        let firstLF = scanner.firstLF
        if let fatal = scanner.fatal { throw fatal }
        if firstLF >= 0 {
            let kind = sawCR ? "CR mixed with LF" : (sawLF && sawCRLF ? "LF and CR LF" : (sawLF ? "LF" : "CR LF"))
            try reporter.recoverable(
                .nonstandardTerminator, "segments ending in CR (found \(kind))", at: firstLF, alwaysWarning: true)
        }
        if reporter.dropped > 0 {
            reporter.issues.append(
                Issue(
                    .warning, code: HL7v2Error.Code.invalidValue.issueCode,
                    "\(reporter.dropped) further issues not listed", at: SourceLocation(record: record)))
        }
        return Result(layout: layout, encoding: encoding, charset: charset, issues: reporter.issues)
    }
}

/// The state of the one-pass scan; a struct so the hot loop touches plain stored properties.
struct Scanner {
    enum Mode { case bytes, utf8, ascii, stepping }
    var layout: HL7v2Layout
    var reporter: HL7v2Tokenizer.Reporter
    let encoding: HL7v2EncodingCharacters
    let charset: Charset
    let table: [UInt8]
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

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, from contentStart: Int) {
        table.withUnsafeBufferPointer { run(buffer, table: $0, from: contentStart) }
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

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
