import HICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Single-pass JSON scanner: validates the grammar (RFC 8259 with FHIR's restrictions) and records a flat
/// list of entries (kind, byte offset, length or child count). Values are decoded later, on demand.
///
/// The scan runs over the input's buffer pointer: every read is guarded by an explicit `position < count`
/// test, strings are searched eight bytes at a time for `"`, `\`, control and non-ASCII bytes, and the open
/// containers are kept in a stack of plain values (member-name sets of large objects live beside it).
struct JSONScanner {
    enum Kind: UInt8 {
        case object, array, string, escapedString, number, trueValue, falseValue, null
    }

    struct Entry {
        var kind: Kind
        /// Byte offset of the value (for strings, of the first byte after the quote).
        var offset: Int
        /// Byte length (scalars) or number of members/elements (containers).
        var length: Int
    }

    private struct Frame {
        var entry: Int
        var isObject: Bool
        var count = 0
        var lastKey = -1
        var keyBase: Int
        /// Index in `keySets` once the object has more than ``linearNameLimit`` members, else -1.
        var keySet = -1
    }

    let bytes: [UInt8]
    let options: FHIRDecodingOptions
    private(set) var entries: [Entry] = []
    private var frames: [Frame] = []
    /// Members an object's names are compared with one by one (by fingerprint) before a set takes over: a
    /// set costs about 8,000 instructions to build and 6,000 per insert, a fingerprint compare about four.
    static let linearNameLimit = 32
    /// Member names of the open objects (the first 32 of each; a set takes over beyond that): the first
    /// `keyCount` entries are live (the storage is reused, never shrunk, while scanning).
    private var keyStack: [Key] = []
    /// A fingerprint of each name in `keyStack` (length and some bytes), compared first.
    private var keyPrints: [UInt64] = []
    private var keyCount = 0
    /// Member-name sets of open objects with more than ``linearNameLimit`` members (rare), referenced from ``Frame``.
    private var keySets: [Set<ArraySlice<UInt8>>] = []
    /// Unescaped bytes of member names written with escapes (rare), referenced from ``Key``.
    private var escapedNames: [[UInt8]] = []

    /// A member name: its bytes in the input, or (when written with escapes) its unescaped bytes.
    private struct Key {
        var offset: Int
        var length: Int
        /// Index in `escapedNames`, or -1 when the bytes in the input are the name.
        var escaped: Int
    }
    private var rootTypeEntry = -1
    /// Offset where scanning started (after a byte-order mark).
    private(set) var start = 0

    init(bytes: [UInt8], options: FHIRDecodingOptions) {
        self.bytes = bytes
        self.options = options
    }

    // MARK: - Errors

    func error(_ code: FHIRError.Code, _ reason: String, at offset: Int) -> FHIRError {
        FHIRError(code, reason, at: LineIndex.location(of: offset, in: bytes, path: currentPath()))
    }

    private func currentPath() -> String {
        var path = "$"
        if rootTypeEntry >= 0, rootTypeEntry < entries.count {
            let entry = entries[rootTypeEntry]
            let raw = bytes[entry.offset..<entry.offset + entry.length]
            if !raw.isEmpty, raw.allSatisfy({ Self.isLetter($0) }) { path = String(decoding: raw, as: UTF8.self) }
        }
        for frame in frames {
            if frame.isObject {
                guard frame.lastKey >= 0 else { continue }
                let key = entries[frame.lastKey]
                let raw = bytes[key.offset..<key.offset + key.length]
                let name = key.kind == .escapedString ? JSONString.unescape(raw) : Array(raw)
                path += "." + String(decoding: name, as: UTF8.self)
            } else if frame.count > 0 {
                path += "[\(frame.count - 1)]"
            }
        }
        return path
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    // MARK: - Scanning

    @inline(__always)
    private static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ from: Int, _ count: Int) -> Int {
        var position = from
        while position < count {
            let byte = p[position]
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { break }
            position += 1
        }
        return position
    }

    mutating func scan() throws(FHIRError) {
        guard bytes.count <= options.maximumInputBytes else {
            throw FHIRError(
                .tooLarge, "input exceeds \(options.maximumInputBytes) bytes", at: SourceLocation(byteOffset: 0))
        }
        // Minified FHIR has about one value per 9.5 bytes; big inputs grow the list as they need.
        entries.reserveCapacity(min(bytes.count / 8 + 16, 1 << 20))
        frames.reserveCapacity(16)
        keyStack.reserveCapacity(64)
        keyPrints.reserveCapacity(64)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let input = bytes
        let result = input.withUnsafeBufferPointer { buffer -> FHIRError? in
            guard let base = buffer.baseAddress else { return self.error(.unexpectedEnd, "expected a value", at: 0) }
            do throws(FHIRError) {
                try scanValues(base, buffer.count)
                return nil
            } catch {
                return error
            }
        }
        if let result { throw result }
    }

    private mutating func scanValues(_ p: UnsafePointer<UInt8>, _ count: Int) throws(FHIRError) {
        var index = start
        let maximumDepth = min(max(options.maximumDepth, 1), 1000)
        var expectingValue = true
        while true {
            if expectingValue {
                index = Self.skipWhitespace(p, index, count)
                guard index < count else { throw error(.unexpectedEnd, "expected a value", at: index) }
                let byte = p[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index = try scanString(p, count, index)
                    if frames.count == 1, rootTypeEntry < 0, frames[0].isObject, frames[0].lastKey >= 0,
                        isKey(frames[0].lastKey, "resourceType", p)
                    {
                        rootTypeEntry = entries.count - 1
                    }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard frames.count < maximumDepth else {
                        throw error(.tooDeep, "nesting deeper than \(maximumDepth) levels", at: index)
                    }
                    let isObject = byte == UInt8(ascii: "{")
                    entries.append(Entry(kind: isObject ? .object : .array, offset: index, length: 0))
                    frames.append(Frame(entry: entries.count - 1, isObject: isObject, keyBase: keyCount))
                    index = Self.skipWhitespace(p, index + 1, count)
                    if index < count, p[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        index += 1
                        closeFrame()
                        expectingValue = false
                    } else if isObject {
                        index = try scanKey(p, count, index)
                    } else {
                        frames[frames.count - 1].count = 1
                    }
                    if expectingValue { continue }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    index = try scanNumber(p, count, index)
                case UInt8(ascii: "t"): index = try scanLiteral("true", .trueValue, p, count, index)
                case UInt8(ascii: "f"): index = try scanLiteral("false", .falseValue, p, count, index)
                case UInt8(ascii: "n"): index = try scanLiteral("null", .null, p, count, index)
                case UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "N"), UInt8(ascii: "I"):
                    throw error(.invalidNumber, "not a JSON number (no '+', NaN, Infinity or leading '.')", at: index)
                default:
                    throw error(.unexpectedByte, "expected a value", at: index)
                }
                expectingValue = false
            }
            // A value is complete.
            index = Self.skipWhitespace(p, index, count)
            let top = frames.count - 1
            guard top >= 0 else {
                if index < count {
                    throw error(.trailingContent, "unexpected content after the top-level value", at: index)
                }
                return
            }
            let isObject = frames[top].isObject
            guard index < count else {
                throw error(.unexpectedEnd, isObject ? "expected ',' or '}'" : "expected ',' or ']'", at: index)
            }
            let byte = p[index]
            if byte == UInt8(ascii: ",") {
                index += 1
                if isObject {
                    index = try scanKey(p, count, Self.skipWhitespace(p, index, count))
                } else {
                    frames[top].count += 1
                }
                expectingValue = true
            } else if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                index += 1
                closeFrame()
            } else {
                throw error(.unexpectedByte, isObject ? "expected ',' or '}'" : "expected ',' or ']'", at: index)
            }
        }
    }

    private mutating func closeFrame() {
        guard let frame = frames.popLast() else { return }
        entries[frame.entry].length = frame.count
        keyCount = frame.keyBase
        if frame.keySet >= 0 { keySets.removeSubrange(frame.keySet...) }
    }

    private func isKey(_ entryIndex: Int, _ name: StaticString, _ p: UnsafePointer<UInt8>) -> Bool {
        let entry = entries[entryIndex]
        guard entry.kind == .string, entry.length == name.utf8CodeUnitCount else { return false }
        return memcmp(p + entry.offset, name.utf8Start, entry.length) == 0
    }

    private mutating func scanKey(_ p: UnsafePointer<UInt8>, _ count: Int, _ from: Int) throws(FHIRError) -> Int {
        guard from < count else { throw error(.unexpectedEnd, "expected a member name", at: from) }
        guard p[from] == UInt8(ascii: "\"") else {
            throw error(.unexpectedByte, "expected a member name in double quotes", at: from)
        }
        var index = try scanString(p, count, from)
        let entryIndex = entries.count - 1
        let entry = entries[entryIndex]
        var key = Key(offset: entry.offset, length: entry.length, escaped: -1)
        if entry.kind == .escapedString {
            escapedNames.append(JSONString.unescape(bytes[entry.offset..<entry.offset + entry.length]))
            key.escaped = escapedNames.count - 1
        }
        let top = frames.count - 1
        let keyBase = frames[top].keyBase
        if frames[top].keySet < 0 && keyCount - keyBase < Self.linearNameLimit {
            let print = fingerprint(key, p, count)
            let repeated = keyPrints.withUnsafeBufferPointer { prints in
                var position = keyBase
                while position < keyCount && position < prints.count {
                    if prints[position] == print && sameName(keyStack[position], key, p) { return true }
                    position += 1
                }
                return false
            }
            if repeated {
                frames[top].lastKey = entryIndex
                throw error(.duplicateKey, "member name repeated in one object", at: from)
            }
            if keyCount < keyStack.count {
                keyStack[keyCount] = key
                keyPrints[keyCount] = print
            } else {
                keyStack.append(key)
                keyPrints.append(print)
            }
            keyCount += 1
        } else {
            if frames[top].keySet < 0 {
                keySets.append(Set(keyStack[keyBase..<keyCount].map { name($0) }))
                frames[top].keySet = keySets.count - 1
            }
            let set = frames[top].keySet
            if keySets[set].insert(name(key)).inserted == false {
                frames[top].lastKey = entryIndex
                throw error(.duplicateKey, "member name repeated in one object", at: from)
            }
        }
        frames[top].count += 1
        frames[top].lastKey = entryIndex
        index = Self.skipWhitespace(p, index, count)
        guard index < count else { throw error(.unexpectedEnd, "expected ':'", at: index) }
        guard p[index] == UInt8(ascii: ":") else { throw error(.unexpectedByte, "expected ':'", at: index) }
        return index + 1
    }

    /// The length and up to the first and last eight bytes of a member name (of its unescaped bytes when it
    /// was written with escapes): equal names have equal prints.
    @inline(__always)
    private func fingerprint(_ key: Key, _ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        guard key.escaped < 0 else {
            return escapedNames[key.escaped].withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return Self.fingerprint(base, buffer.count, readable: buffer.count)
            }
        }
        return Self.fingerprint(p + key.offset, key.length, readable: count - key.offset)
    }

    /// Names under eight bytes: the length in the top byte, the bytes little-endian below it (one masked
    /// load when eight bytes are readable); longer names: the first and last eight bytes and the length.
    @inline(__always)
    private static func fingerprint(_ name: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> UInt64 {
        guard length >= 8 else {
            let top = UInt64(truncatingIfNeeded: length) << 56
            if readable >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(name).loadUnaligned(as: UInt64.self))
                return top | (word & ((1 << (UInt64(truncatingIfNeeded: length) &* 8)) &- 1))
            }
            var print = top
            var position = 0
            while position < length {
                print |= UInt64(name[position]) << (UInt64(truncatingIfNeeded: position) &* 8)
                position += 1
            }
            return print
        }
        let first = UnsafeRawPointer(name).loadUnaligned(as: UInt64.self)
        let last = UnsafeRawPointer(name + (length - 8)).loadUnaligned(as: UInt64.self)
        return first ^ (last &* 31) ^ (UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The bytes of a member name.
    private func name(_ key: Key) -> ArraySlice<UInt8> {
        key.escaped >= 0 ? escapedNames[key.escaped][...] : bytes[key.offset..<key.offset + key.length]
    }

    /// Whether two member names are equal (compared in place unless one was written with escapes).
    @inline(__always)
    private func sameName(_ a: Key, _ b: Key, _ p: UnsafePointer<UInt8>) -> Bool {
        guard a.length == b.length || a.escaped >= 0 || b.escaped >= 0 else { return false }
        guard a.escaped < 0, b.escaped < 0 else { return name(a) == name(b) }
        return memcmp(p + a.offset, p + b.offset, a.length) == 0
    }

    private mutating func scanLiteral(
        _ literal: StaticString, _ kind: Kind, _ p: UnsafePointer<UInt8>, _ count: Int, _ from: Int
    ) throws(FHIRError) -> Int {
        let length = literal.utf8CodeUnitCount
        guard count - from >= length, memcmp(p + from, literal.utf8Start, length) == 0 else {
            throw error(.unexpectedByte, "expected true, false or null", at: from)
        }
        entries.append(Entry(kind: kind, offset: from, length: length))
        return from + length
    }

    private mutating func scanNumber(_ p: UnsafePointer<UInt8>, _ count: Int, _ from: Int) throws(FHIRError) -> Int {
        let length = Self.numberLength(p, from, count)
        if length == 0 || (from + length < count && Self.continuesNumber(p[from + length])) {
            throw error(
                .invalidNumber, "not a number FHIR allows (no leading zeros, '+', '.5' or '5.')", at: from)
        }
        entries.append(Entry(kind: .number, offset: from, length: length))
        return from + length
    }

    private static func continuesNumber(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2B || byte == 0x2D || isLetter(byte)
    }

    /// Length of the JSON number at the start of `slice`, or 0 when it is not one.
    static func numberLength(_ slice: ArraySlice<UInt8>) -> Int {
        slice.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return numberLength(base, 0, buffer.count)
        }
    }

    /// Length of the JSON number at `from` (reads stay below `end`), or 0 when it is not one.
    @inline(__always)
    static func numberLength(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var position = from
        @inline(__always) func isDigit(_ at: Int) -> Bool { at < end && p[at] &- 0x30 < 10 }
        if position < end, p[position] == 0x2D { position += 1 }
        guard isDigit(position) else { return 0 }
        if p[position] == 0x30 {
            position += 1
        } else {
            while isDigit(position) { position += 1 }
        }
        if position < end, p[position] == 0x2E {
            position += 1
            guard isDigit(position) else { return 0 }
            while isDigit(position) { position += 1 }
        }
        if position < end, p[position] == 0x65 || p[position] == 0x45 {
            position += 1
            if position < end, p[position] == 0x2B || p[position] == 0x2D { position += 1 }
            guard isDigit(position) else { return 0 }
            while isDigit(position) { position += 1 }
        }
        return position - from
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }

    private static func hex4(_ p: UnsafePointer<UInt8>, _ position: Int, _ count: Int) -> UInt32? {
        guard position >= 0, count - position >= 4 else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(p[position + offset]) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// High bit set in each byte of `word` that is `"`, `\`, below 0x20 or 0x80 and above. The lowest flagged
    /// byte is exact (borrows of the subtractions only reach bytes above a flagged one).
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let quotes = (quote &- ones) & ~quote
        let backslashes = (backslash &- ones) & ~backslash
        return (word | control | quotes | backslashes) & (ones &* 0x80)
    }

    /// Scans the string whose opening quote is at `quote`, appends its entry and returns the offset after
    /// the closing quote.
    private mutating func scanString(
        _ p: UnsafePointer<UInt8>, _ count: Int, _ quote: Int
    ) throws(FHIRError) -> Int {
        let contentStart = quote + 1
        var index = contentStart
        var escaped = false
        while true {
            // Fast path over plain ASCII, eight bytes at a time, then byte by byte for the tail.
            while count - index >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self))
                let special = Self.specialBytes(word)
                if special != 0 {
                    index += special.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            while index < count {
                let byte = p[index]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80 { break }
                index += 1
            }
            guard index < count else { throw error(.unexpectedEnd, "string not closed", at: quote) }
            let byte = p[index]
            if byte == 0x22 {
                entries.append(
                    Entry(kind: escaped ? .escapedString : .string, offset: contentStart, length: index - contentStart))
                return index + 1
            }
            if byte < 0x20 {
                throw error(.controlCharacterInString, "control character in a string must be escaped", at: index)
            }
            if byte == 0x5C {
                escaped = true
                guard index + 1 < count else { throw error(.unexpectedEnd, "string not closed", at: quote) }
                switch p[index + 1] {
                case 0x22, 0x5C, 0x2F, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
                    UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard let value = Self.hex4(p, index + 2, count) else {
                        throw error(.invalidEscape, "\\u must be followed by four hex digits", at: index)
                    }
                    if (0xDC00..<0xE000).contains(value) {
                        throw error(.loneSurrogate, "low surrogate escape without a high surrogate", at: index)
                    }
                    if (0xD800..<0xDC00).contains(value) {
                        guard count - index >= 12,
                            p[index + 6] == 0x5C, p[index + 7] == UInt8(ascii: "u"),
                            let low = Self.hex4(p, index + 8, count), (0xDC00..<0xE000).contains(low)
                        else {
                            throw error(.loneSurrogate, "high surrogate escape without a low surrogate", at: index)
                        }
                        index += 12
                    } else {
                        index += 6
                    }
                default:
                    throw error(
                        .invalidEscape, "unknown escape (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)", at: index)
                }
                continue
            }
            // Multi-byte UTF-8: validate the sequences (runs of them, as in Chinese text, stay in this loop).
            repeat {
                let length = Self.utf8SequenceLength(p, index, count)
                guard length > 0 else { throw error(.invalidUTF8, "bytes are not valid UTF-8", at: index) }
                index += length
            } while index < count && p[index] >= 0x80
        }
    }

    /// Length of the valid UTF-8 sequence starting with a non-ASCII byte at `position`, or 0.
    static func utf8SequenceLength(_ bytes: [UInt8], at position: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, position >= 0, position < buffer.count else { return 0 }
            return utf8SequenceLength(base, position, buffer.count)
        }
    }

    /// Length of the valid UTF-8 sequence starting with a non-ASCII byte at `position` (< `count`), or 0.
    @inline(__always)
    static func utf8SequenceLength(_ p: UnsafePointer<UInt8>, _ position: Int, _ count: Int) -> Int {
        let lead = p[position]
        @inline(__always) func continuation(_ at: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            at < count && p[at] >= low && p[at] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(position + 1) ? 2 : 0
        case 0xE1...0xEC, 0xEE, 0xEF:
            return continuation(position + 1) && continuation(position + 2) ? 3 : 0
        case 0xE0:
            return continuation(position + 1, 0xA0) && continuation(position + 2) ? 3 : 0
        case 0xED:
            return continuation(position + 1, 0x80, 0x9F) && continuation(position + 2) ? 3 : 0
        case 0xF0:
            return continuation(position + 1, 0x90) && continuation(position + 2) && continuation(position + 3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(position + 1) && continuation(position + 2) && continuation(position + 3) ? 4 : 0
        case 0xF4:
            return continuation(position + 1, 0x80, 0x8F) && continuation(position + 2) && continuation(position + 3)
                ? 4 : 0
        default:
            return 0
        }
    }

    // MARK: - Tree

    /// Builds the lossless tree from the entries (after a successful ``scan()``).
    func buildTree() -> JSONValue {
        entries.withUnsafeBufferPointer { list in
            var cursor = 0
            return build(list, &cursor)
        }
    }

    /// The value whose entry is at `cursor` (advanced past the value and its children). Containers are
    /// reserved at their final size (the scanner counted their members).
    private func build(_ list: UnsafeBufferPointer<Entry>, _ cursor: inout Int) -> JSONValue {
        guard cursor < list.count else { return .null }
        let entry = list[cursor]
        cursor += 1
        switch entry.kind {
        case .string, .escapedString:
            return .string(
                JSONString(
                    raw: bytes[entry.offset..<entry.offset + entry.length], hasEscapes: entry.kind == .escapedString,
                    offset: entry.offset - 1))
        case .object:
            // reserveCapacity + append: `Array(unsafeUninitializedCapacity:)` runs the unspecialised buffer
            // allocation of the standard library, which looks the storage class up at run time (~500
            // instructions per container).
            var members: [JSONMember] = []
            members.reserveCapacity(entry.length)
            var remaining = entry.length
            while remaining > 0, cursor < list.count {
                let keyEntry = list[cursor]
                cursor += 1
                let key = JSONString(
                    raw: bytes[keyEntry.offset..<keyEntry.offset + keyEntry.length],
                    hasEscapes: keyEntry.kind == .escapedString, offset: keyEntry.offset - 1)
                members.append(JSONMember(key: key, value: build(list, &cursor)))
                remaining -= 1
            }
            return .object(JSONObject(members: members, offset: entry.offset))
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(entry.length)
            for _ in 0..<entry.length { elements.append(build(list, &cursor)) }
            return .array(elements)
        case .number:
            return .number(JSONNumber(raw: bytes[entry.offset..<entry.offset + entry.length], offset: entry.offset))
        case .trueValue: return .bool(true)
        case .falseValue: return .bool(false)
        case .null: return .null
        }
    }
}

/// Reads JSON bytes into the lossless ``JSONValue`` tree.
///
/// A UTF-8 byte-order mark at the start is accepted silently (9 published FHIR examples have one); the
/// writer never writes one. Everything else outside RFC 8259 (and FHIR's number rules) is rejected.
///
/// ```swift
/// let tree = try JSONReader.read(Array(#"{"resourceType":"Patient","id":"p1"}"#.utf8))
/// print(tree["id"]?.stringValue ?? "")   // p1
/// ```
public enum JSONReader {
    /// Reads one JSON value.
    /// - Throws: ``FHIRError`` with the JSON path, byte offset, line and column of the first problem.
    public static func read(_ bytes: [UInt8], options: FHIRDecodingOptions = .init()) throws(FHIRError) -> JSONValue {
        var scanner = JSONScanner(bytes: bytes, options: options)
        try scanner.scan()
        // The tree is built only within the value limit (the flat entry list is bounded by the input size).
        if scanner.entries.count > max(options.maximumValues, 1) {
            let offset = scanner.entries[max(options.maximumValues, 1)].offset
            throw FHIRError(
                .tooLarge, "more than \(options.maximumValues) JSON values",
                at: LineIndex.location(of: offset, in: bytes, path: nil))
        }
        return scanner.buildTree()
    }
}
