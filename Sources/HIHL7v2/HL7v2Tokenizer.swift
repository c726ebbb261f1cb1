import HICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        /// Counts lines on from the previous warning: warnings come in increasing offsets, so all of them
        /// together cost one pass over the message.
        var lineCursor = LineIndex.Cursor()

        func error(
            _ code: HL7v2Error.Code, _ expected: String, at offset: Int, segmentIndex: Int? = nil,
            segmentStart: Int? = nil, encoding: HL7v2EncodingCharacters? = nil, countsLines: Bool = true
        ) -> HL7v2Error {
            var path: String? = nil
            var segmentID: String? = nil
            if let segmentStart {
                let described = HL7v2Tokenizer.describe(bytes, segmentStart: segmentStart, offset: offset, encoding)
                path = described.path
                segmentID = described.id
            }
            var location =
                countsLines
                ? LineIndex.location(of: offset, in: bytes, path: path, record: record)
                : SourceLocation(record: record, path: path, byteOffset: offset)
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
            var warning = error(
                code, expected, at: offset, segmentIndex: segmentIndex, segmentStart: segmentStart, encoding: encoding,
                countsLines: false)
            let (line, column) = lineCursor.lineAndColumn(of: offset, in: bytes)
            warning.location.line = line
            warning.location.column = column
            issues.append(warning.issue(.warning))
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
        // Up to five roles (component, repetition, escape, sub-component, truncation) without an array.
        var roles: (UInt8?, UInt8?, UInt8?, UInt8?, UInt8?) = (nil, nil, nil, nil, nil)
        var roleCount = 0
        func append(_ role: UInt8?) {
            switch roleCount {
            case 0: roles.0 = role
            case 1: roles.1 = role
            case 2: roles.2 = role
            case 3: roles.3 = role
            default: roles.4 = role
            }
            roleCount += 1
        }
        var index = fieldIndex + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == field || byte == 0x0D || byte == 0x0A { break }
            if roleCount == 5 {
                throw reporter.error(.invalidEncodingCharacters, "at most five encoding characters in MSH-2", at: index)
            }
            if byte >= 0x80 {
                let length = Charset.utf8.characterLength(at: index, in: bytes) ?? 1
                try reporter.recoverable(
                    .nonASCIIDelimiter, "ASCII encoding characters in MSH-2", at: index)
                append(nil)
                index += length
                continue
            }
            guard isDelimiterByte(byte) else {
                throw reporter.error(
                    .invalidEncodingCharacters, "printable, non-alphanumeric encoding characters in MSH-2", at: index)
            }
            append(byte)
            index += 1
        }
        if roleCount == 0 {
            if index >= bytes.count || bytes[index] == 0x0D || bytes[index] == 0x0A {
                throw reporter.error(.mshTooShort, "encoding characters in MSH-2", at: index)
            }
            throw reporter.error(.invalidEncodingCharacters, "at least one encoding character in MSH-2", at: index)
        }
        var encoding = HL7v2EncodingCharacters(
            field: field, component: roles.0, repetition: roles.1, escape: roles.2, subcomponent: roles.3,
            truncation: roles.4)
        // Repeated delimiters: escape == sub-component is recoverable (the escape character is dropped).
        if let escape = encoding.escape, escape == encoding.subcomponent {
            try reporter.recoverable(
                .repeatedDelimiter, "distinct escape and sub-component characters in MSH-2 (escapes disabled)",
                at: min(fieldIndex + 4, bytes.count))
            encoding.escape = nil
        }
        // Every delimiter is printable ASCII here: a 128-bit mask finds a repeat without allocating.
        var seenLow: UInt64 = 0
        var seenHigh: UInt64 = 0
        var repeated = false
        func mark(_ delimiter: UInt8?) {
            guard let delimiter else { return }
            let bit: UInt64 = 1 << UInt64(delimiter & 63)
            if delimiter < 64 {
                if seenLow & bit != 0 { repeated = true }
                seenLow |= bit
            } else {
                if seenHigh & bit != 0 { repeated = true }
                seenHigh |= bit
            }
        }
        mark(encoding.field)
        mark(encoding.component)
        mark(encoding.repetition)
        mark(encoding.escape)
        mark(encoding.subcomponent)
        mark(encoding.truncation)
        if repeated {
            // Point at the first character of MSH-2 that repeats an earlier delimiter.
            var seen: Set<UInt8> = [field]
            var offset = fieldIndex + 1
            while offset < index, offset < bytes.count {
                if seen.contains(bytes[offset]) && bytes[offset] != encoding.subcomponent { break }
                seen.insert(bytes[offset])
                offset += 1
            }
            throw reporter.error(
                .repeatedDelimiter, "distinct delimiter characters in MSH-1 and MSH-2", at: min(offset, index))
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
        if stepping == nil {
            // Byte by byte over the buffer (no character stepping): the common case, once per message.
            let found = bytes.withUnsafeBufferPointer { buffer -> Range<Int>? in
                // Whole words with no terminator and no separator of interest are skipped, counting their
                // separators from a bit mask.
                if let base = buffer.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    let fieldPattern = ones &* UInt64(field)
                    while index >= 0, index &+ 8 <= buffer.count {
                        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                        let separators = Scanner.zeroBytes(word ^ fieldPattern)
                        let terminators =
                            Scanner.zeroBytes(word ^ (ones &* 0x0D)) | Scanner.zeroBytes(word ^ (ones &* 0x0A))
                        let seen = separators.nonzeroBitCount
                        guard terminators == 0, count &+ seen < number else { break }
                        count &+= seen
                        index &+= 8
                    }
                }
                while index < buffer.count {
                    let byte = buffer[index]
                    if byte == field {
                        count &+= 1
                        if count == number {
                            fieldStart = index &+ 1
                        } else if count == number &+ 1 {
                            return fieldStart..<index
                        }
                    } else if byte == 0x0D || byte == 0x0A {
                        break
                    }
                    index &+= 1
                }
                return nil
            }
            if let found { return found }
            return fieldStart >= 0 ? fieldStart..<min(index, bytes.count) : nil
        }
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

    /// The same spellings as bytes, compared without building a `String` (the common case per message).
    static let knownCharsetBytes: [(bytes: [UInt8], name: String, charset: Charset)] = knownCharsets.map {
        (Array($0.key.utf8), $0.key, $0.value)
    }

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
            let raw = bytes[range.lowerBound..<end]
            let lower = range.lowerBound
            let length = end - lower
            for known in knownCharsetBytes where length == known.bytes.count {
                let same = bytes.withUnsafeBufferPointer { buffer in
                    known.bytes.withUnsafeBufferPointer { name in
                        guard let base = buffer.baseAddress, let nameBase = name.baseAddress, lower >= 0,
                            lower + length <= buffer.count
                        else { return false }
                        return memcmp(base + lower, nameBase, length) == 0
                    }
                }
                if same { return (known.name, known.charset, range.lowerBound) }
            }
            let name = String(decoding: raw, as: UTF8.self).trimmingSpaces()
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
        let headerFirst = isHeaderID(bytes, at: contentStart)
        // Room for about one separator per four bytes before the scratch grows (on the stack for messages
        // up to about 16 KB, so one message's parse allocates only its layout table and storage).
        let scratchCapacity = min(bytes.count / 4 + 64, 4096)
        var layout = HL7v2Layout()
        let scanner = withUnsafeTemporaryAllocation(of: Int32.self, capacity: scratchCapacity) { stack -> Scanner in
            var scanner = Scanner(
                scratch: Scratch(borrowing: stack) ?? Scratch(capacity: scratchCapacity), reporter: reporter,
                encoding: encoding, charset: charset, mode: mode, headerFirst: headerFirst,
                maximumSegments: options.maximumSegments, maximumFields: options.maximumFieldsPerSegment)
            // Byte classes: 0 ordinary, 1 field separator, 2 segment terminator, 3 escape, 4 NUL, 5 non-ASCII.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { table in
                table.initialize(repeating: 0)
                if mode != .bytes { for byte in 0x80...0xFF { table[byte] = 5 } }
                table[0x0D] = 2
                table[0x0A] = 2
                table[0] = 4
                table[Int(encoding.field)] = 1
                if let escape = encoding.escape { table[Int(escape)] = 3 }
                let classes = UnsafeBufferPointer(table)
                bytes.withUnsafeBufferPointer { scanner.run($0, table: classes, from: contentStart) }
            }
            if scanner.fatal == nil { layout = scanner.scratch.makeLayout() }
            // The scratch is freed (when it grew onto the heap) and not used after this closure.
            scanner.scratch.deallocate()
            return scanner
        }
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
                    .warning, code: HL7v2Error.Code.issuesTruncated.issueCode,
                    "\(reporter.dropped) further issues not listed", at: SourceLocation(record: record)))
        }
        return Result(
            layout: layout, encoding: encoding, charset: charset, issues: reporter.issues)
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
