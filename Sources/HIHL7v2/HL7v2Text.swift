import HICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A decoded HL7 v2 value: text runs plus the formatting and character-set escapes it carries, so that
/// nothing in the value is lost.
///
/// Delimiter escapes (`\F\ \S\ \T\ \R\ \E\ \P\`) and hex escapes (`\Xhh…\`, read as UTF-8, else Latin-1)
/// become text; `\.br\` a line break; `\H\`/`\N\` highlight marks; `\.sp\ \.in\ \.ti\ \.sk\ \.fi\ \.nf\ \.ce\`
/// formatting commands; `\C…\`, `\M…\` character-set escapes; `\Z…\` local escapes.
///
/// ```swift
/// let message = try HL7v2Message(parsing: Array("MSH|^~\\&|A\rNTE|1||Hb \\H\\low\\N\\\\.br\\see note\r".utf8))
/// let text = message.text(at: "NTE-3")!
/// print(text.runs)       // [.text("Hb "), .highlight(true), .text("low"), .highlight(false), .lineBreak, …]
/// print(text.plainText)  // "Hb low\nsee note"
/// ```
public struct HL7v2Text: Sendable, Hashable {
    /// One piece of a value.
    ///
    /// ```swift
    /// let run = HL7v2Text.Run.formatting(command: "sp", argument: "2")  // \.sp2\
    /// ```
    public enum Run: Sendable, Hashable {
        /// Plain text (delimiter and hex escapes already resolved).
        case text(String)
        /// `\.br\`: a line break.
        case lineBreak
        /// `\H\` (`true`, start highlighting) or `\N\` (`false`, normal text).
        case highlight(Bool)
        /// `\.sp\`, `\.in\`, `\.ti\`, `\.sk\`, `\.fi\`, `\.nf\`, `\.ce\` with its argument (may be empty).
        case formatting(command: String, argument: String)
        /// `\Cxxyy\` or `\Mxxyyzz\`: a character-set switch, as written between the escape characters.
        case charsetEscape(String)
        /// `\Zxx…\`: a locally defined escape, as written between the escape characters.
        case localEscape(String)
        /// An escape sequence this module does not know, as written between the escape characters.
        case unknownEscape(String)
    }

    /// The runs, in order.
    public var runs: [Run]

    /// Creates a value from runs.
    public init(runs: [Run]) { self.runs = runs }

    /// Creates a plain-text value.
    public init(_ text: String) { self.runs = text.isEmpty ? [] : [.text(text)] }

    /// The text with line breaks (`\.br\`, `\.sp\`) as newlines; highlight, formatting and charset escapes
    /// dropped. For display, not for round trips.
    public var plainText: String {
        var text = ""
        for run in runs {
            switch run {
            case .text(let value): text += value
            case .lineBreak: text += "\n"
            case .formatting(let command, _) where command == "sp": text += "\n"
            default: break
            }
        }
        return text
    }

    /// The text with delimiter and hex escapes resolved and every other escape kept as written
    /// (the leaf form of canonical JSON).
    public func canonicalString(escape: UInt8 = 0x5C) -> String {
        let escapeText = String(decoding: [escape], as: UTF8.self)
        var text = ""
        for run in runs {
            switch run {
            case .text(let value): text += value
            case .lineBreak: text += escapeText + ".br" + escapeText
            case .highlight(let on): text += escapeText + (on ? "H" : "N") + escapeText
            case .formatting(let command, let argument): text += escapeText + "." + command + argument + escapeText
            case .charsetEscape(let raw), .localEscape(let raw), .unknownEscape(let raw):
                text += escapeText + raw + escapeText
            }
        }
        return text
    }
}

/// Escaping and unescaping of values.
enum HL7v2Escaping {
    /// The delimiter a one-letter escape (`\F\`, `\S\`, `\T\`, `\R\`, `\E\`, `\P\`) stands for, or `nil`.
    @inline(__always)
    static func delimiterEscape(_ letter: UInt8, encoding: HL7v2EncodingCharacters, escape: UInt8) -> UInt8? {
        switch letter {
        case 0x46: encoding.field  // F
        case 0x53: encoding.component  // S
        case 0x54: encoding.subcomponent  // T
        case 0x52: encoding.repetition  // R
        case 0x45: escape  // E
        case 0x50: encoding.truncation ?? 0x23  // P
        default: nil
        }
    }

    /// Decodes `bytes[range]` in the storage's charset, resolving escapes into runs.
    static func text(_ storage: HL7v2Storage, _ range: Range<Int>) -> HL7v2Text {
        let bytes = storage.bytes
        guard let escape = storage.encoding.escape, containsEscape(storage, range) else {
            return HL7v2Text(decode(storage, bytes[range]))
        }
        let encoding = storage.encoding
        var runs: [HL7v2Text.Run] = []
        var pending: [UInt8] = []
        var text = ""
        func flushPending() {
            if !pending.isEmpty {
                text += decode(storage, pending[...])
                pending.removeAll(keepingCapacity: true)
            }
        }
        func flushText() {
            flushPending()
            if !text.isEmpty {
                runs.append(.text(text))
                text = ""
            }
        }
        var index = range.lowerBound
        let end = range.upperBound
        let stepping = storage.stepsCharacters
        while index < end {
            if !stepping, bytes[index] != escape {
                // A run of plain bytes up to the next escape character, appended at once.
                var next = index + 1
                while next < end, bytes[next] != escape { next += 1 }
                pending.append(contentsOf: bytes[index..<next])
                index = next
                continue
            }
            let byte = bytes[index]
            if byte >= 0x80 && stepping {
                let length = min(storage.charset.characterLength(at: index, in: bytes) ?? 1, end - index)
                pending.append(contentsOf: bytes[index..<index + length])
                index += length
                continue
            }
            guard byte == escape else {
                pending.append(byte)
                index += 1
                continue
            }
            var close = index + 1
            while close < end, bytes[close] != escape, bytes[close] < 0x80 { close += 1 }
            guard close < end, bytes[close] == escape else {
                pending.append(byte)  // truncated escape: kept as a literal character
                index += 1
                continue
            }
            let content = Array(bytes[index + 1..<close])
            index = close + 1
            if content.count == 1 {
                if let replacement = Self.delimiterEscape(content[0], encoding: encoding, escape: escape) {
                    pending.append(replacement)
                    continue
                }
                if content[0] == 0x48 || content[0] == 0x4E {  // H, N
                    flushText()
                    runs.append(.highlight(content[0] == 0x48))
                    continue
                }
            }
            let raw = String(decoding: content, as: UTF8.self)
            if content.first == 0x58, let hex = hexBytes(content.dropFirst()) {  // X
                flushPending()
                text += String(validating: hex, as: UTF8.self) ?? Charset.latin1.decodeLossy(hex)
                continue
            }
            flushText()
            if content.first == 0x2E, content.count >= 3 {  // .
                let command = String(decoding: content[1..<3], as: UTF8.self)
                let argument = String(decoding: content[3...], as: UTF8.self)
                if command == "br" && argument.isEmpty {
                    runs.append(.lineBreak)
                    continue
                }
                if ["sp", "in", "ti", "sk", "fi", "nf", "ce"].contains(command) {
                    runs.append(.formatting(command: command, argument: argument))
                    continue
                }
            }
            switch content.first {
            case 0x43, 0x4D: runs.append(.charsetEscape(raw))  // C, M
            case 0x5A: runs.append(.localEscape(raw))  // Z
            default: runs.append(.unknownEscape(raw))
            }
        }
        flushText()
        return HL7v2Text(runs: runs)
    }

    /// The value of `storage.bytes[range]` when it holds no escape character and decodes on the fast path
    /// (ASCII, or valid UTF-8 in a UTF-8 message), in one pass over the buffer; `nil` otherwise.
    @inline(__always)
    static func plainValue(_ storage: HL7v2Storage, _ range: Range<Int>) -> String? {
        let escape = storage.encoding.escape
        let utf8 = storage.charset == .utf8
        return storage.bytes.withUnsafeBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, range.lowerBound >= 0, range.upperBound <= buffer.count else {
                return nil
            }
            let count = range.count
            if count == 0 { return "" }
            let start = base + range.lowerBound
            if let escape, memchr(start, Int32(escape), count) != nil { return nil }
            let slice = UnsafeBufferPointer(start: start, count: count)
            var index = 0
            let raw = UnsafeRawPointer(start)
            while index &+ 8 <= count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                index &+= 8
            }
            while index < count, slice[index] < 0x80 { index &+= 1 }
            if index < count {
                guard utf8, HL7v2UTF8.isValid(slice, from: index) else { return nil }
            }
            return String(decoding: slice, as: UTF8.self)
        }
    }

    /// The canonical leaf string of `storage.bytes[range]` (as `text(storage, range).canonicalString(...)`)
    /// built as bytes and decoded once, for UTF-8 and ASCII messages whose range is valid UTF-8; `nil`
    /// otherwise (the caller then takes the general path).
    static func canonicalValue(_ storage: HL7v2Storage, _ range: Range<Int>) -> String? {
        guard let escape = storage.encoding.escape, storage.charset == .utf8 || storage.charset == .ascii else {
            return nil
        }
        let encoding = storage.encoding
        return storage.bytes.withUnsafeBufferPointer { buffer -> String? in
            guard range.lowerBound >= 0, range.upperBound <= buffer.count,
                HL7v2UTF8.isValid(UnsafeBufferPointer(rebasing: buffer[range]), from: 0)
            else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(range.count)
            var index = range.lowerBound
            let end = range.upperBound
            guard let base = buffer.baseAddress else { return nil }
            while index < end {
                // Plain bytes up to the next escape character, copied at once.
                let plainEnd =
                    memchr(base + index, Int32(escape), end - index).map {
                        UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base
                    } ?? end
                if plainEnd > index {
                    output.append(contentsOf: UnsafeBufferPointer(start: base + index, count: plainEnd - index))
                    index = plainEnd
                    continue
                }
                let byte = buffer[index]
                var close = index + 1
                while close < end, buffer[close] != escape, buffer[close] < 0x80 { close += 1 }
                guard close < end, buffer[close] == escape else {
                    output.append(byte)  // truncated escape: kept as a literal character
                    index += 1
                    continue
                }
                let contentStart = index + 1
                let count = close - contentStart
                if count == 1 {
                    if let replacement = Self.delimiterEscape(buffer[contentStart], encoding: encoding, escape: escape)
                    {
                        output.append(replacement)
                        index = close + 1
                        continue
                    }
                }
                if count >= 1, buffer[contentStart] == 0x58,  // X
                    let hex = hexBytes(storage.bytes[contentStart + 1..<close])
                {
                    if HL7v2UTF8.isValid(hex) {
                        output.append(contentsOf: hex)
                    } else {
                        output.append(contentsOf: Charset.latin1.decodeLossy(hex).utf8)
                    }
                    index = close + 1
                    continue
                }
                // Every other escape is kept as written.
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index...close]))
                index = close + 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// `true` when `storage.bytes[range]` holds the escape character.
    @inline(__always)
    static func containsEscape(_ storage: HL7v2Storage, _ range: Range<Int>) -> Bool {
        guard let escape = storage.encoding.escape, !range.isEmpty else { return false }
        return storage.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, range.lowerBound >= 0, range.upperBound <= buffer.count else {
                return false
            }
            return memchr(base + range.lowerBound, Int32(escape), range.count) != nil
        }
    }

    static func hexBytes(_ digits: ArraySlice<UInt8>) -> [UInt8]? {
        guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Decodes raw (unescaped) bytes in the message charset, falling back to UTF-8 and then Latin-1 when
    /// the bytes do not fit the declared charset.
    static func decode(_ storage: HL7v2Storage, _ bytes: ArraySlice<UInt8>) -> String {
        let fast = bytes.withUnsafeBufferPointer { buffer -> String? in
            var index = 0
            let count = buffer.count
            // Eight bytes at a time while all are ASCII.
            if let base = buffer.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= count {
                    if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                    index += 8
                }
            }
            while index < count, buffer[index] < 0x80 { index += 1 }
            if index == count { return String(decoding: buffer, as: UTF8.self) }
            // UTF-8 (the usual MSH-18) validated in place, without the generic (metadata-heavy) path.
            guard storage.charset == .utf8, HL7v2UTF8.isValid(buffer, from: index) else { return nil }
            return String(decoding: buffer, as: UTF8.self)
        }
        if let fast { return fast }
        if storage.charset == .latin1 { return Charset.latin1.decodeLossy(bytes) }
        if storage.charset != .utf8, let text = try? storage.charset.decode(bytes) { return text }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if storage.charset.hasASCIITrailBytes { return storage.charset.decodeLossy(bytes) }
        return Charset.latin1.decodeLossy(bytes)
    }

    /// Encodes `value` in `charset` and escapes delimiters, CR and LF.
    static func escape(
        _ value: String, encoding: HL7v2EncodingCharacters, charset: Charset
    ) throws(HL7v2Error) -> [UInt8] {
        let raw: [UInt8]
        do {
            raw = try charset.encode(value)
        } catch {
            throw HL7v2Error(.unencodableValue, expected: "text representable in \(charset)")
        }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count + 8)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte >= 0x80 {
                let length = charset.hasASCIITrailBytes ? (charset.characterLength(at: index, in: raw) ?? 1) : 1
                output.append(contentsOf: raw[index..<min(index + length, raw.count)])
                index += length
                continue
            }
            index += 1
            let code: [UInt8]?
            switch byte {
            case encoding.field: code = [0x46]
            case encoding.component: code = [0x53]
            case encoding.subcomponent: code = [0x54]
            case encoding.repetition: code = [0x52]
            case encoding.escape: code = [0x45]
            case encoding.truncation: code = [0x50]
            case 0x0D: code = Array("X0D".utf8)
            case 0x0A: code = Array("X0A".utf8)
            default: code = nil
            }
            guard let code else {
                output.append(byte)
                continue
            }
            guard let escape = encoding.escape else {
                throw HL7v2Error(
                    .unencodableValue, expected: "no delimiter characters (the message has no escape character)")
            }
            output.append(escape)
            output.append(contentsOf: code)
            output.append(escape)
        }
        return output
    }

    /// Escapes a structured value (runs) back into ER7 bytes.
    static func escape(
        _ text: HL7v2Text, encoding: HL7v2EncodingCharacters, charset: Charset
    ) throws(HL7v2Error) -> [UInt8] {
        var output: [UInt8] = []
        func command(_ content: String) throws(HL7v2Error) {
            guard let escape = encoding.escape else {
                throw HL7v2Error(.unencodableValue, expected: "an escape character in MSH-2 for formatting escapes")
            }
            output.append(escape)
            output.append(contentsOf: content.utf8)
            output.append(escape)
        }
        for run in text.runs {
            switch run {
            case .text(let value): output += try escape(value, encoding: encoding, charset: charset)
            case .lineBreak: try command(".br")
            case .highlight(let on): try command(on ? "H" : "N")
            case .formatting(let name, let argument): try command("." + name + argument)
            case .charsetEscape(let raw), .localEscape(let raw), .unknownEscape(let raw): try command(raw)
            }
        }
        return output
    }
}

/// Strict UTF-8 validation (Unicode table 3-7: no overlongs, surrogates or code points past U+10FFFF), the
/// same bytes `String(validating:as:)` accepts, without its generic path.
enum HL7v2UTF8 {
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0, from: 0) }
    }

    /// `true` when `buffer[start...]` is well-formed UTF-8.
    static func isValid(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = max(start, 0)
        let count = buffer.count
        while index < count {
            if buffer[index] < 0x80 {
                index &+= 1
                continue
            }
            guard let length = length(buffer, index) else { return false }
            index &+= length
        }
        return true
    }

    /// The length of the well-formed character starting at `buffer[index]`, or `nil`.
    @inline(__always)
    static func length(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int? {
        let count = buffer.count
        guard index >= 0, index < count else { return nil }
        let lead = buffer[index]
        if lead < 0x80 { return 1 }
        if lead < 0xC2 { return nil }
        if lead < 0xE0 {
            guard index &+ 1 < count, buffer[index &+ 1] & 0xC0 == 0x80 else { return nil }
            return 2
        }
        if lead < 0xF0 {
            guard index &+ 2 < count else { return nil }
            let second = buffer[index &+ 1]
            let lower: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
            let upper: UInt8 = lead == 0xED ? 0x9F : 0xBF
            guard second >= lower, second <= upper, buffer[index &+ 2] & 0xC0 == 0x80 else { return nil }
            return 3
        }
        guard lead < 0xF5, index &+ 3 < count else { return nil }
        let second = buffer[index &+ 1]
        let lower: UInt8 = lead == 0xF0 ? 0x90 : 0x80
        let upper: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
        guard second >= lower, second <= upper, buffer[index &+ 2] & 0xC0 == 0x80,
            buffer[index &+ 3] & 0xC0 == 0x80
        else { return nil }
        return 4
    }
}
