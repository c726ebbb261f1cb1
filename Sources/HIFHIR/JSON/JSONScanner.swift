import HICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Single-pass JSON scanner: validates the grammar (RFC 8259 with FHIR's restrictions) and records a flat
/// list of entries (kind, byte offset, length or child count). Values are decoded later, on demand.
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
        var keySet: Set<ArraySlice<UInt8>>? = nil
    }

    let bytes: [UInt8]
    let options: FHIRDecodingOptions
    private(set) var entries: [Entry] = []
    private var frames: [Frame] = []
    /// Member names of the open objects (the first twelve of each; a set takes over beyond that).
    private var keyStack: [Key] = []
    /// Unescaped bytes of member names written with escapes (rare), referenced from ``Key``.
    private var escapedNames: [[UInt8]] = []

    /// A member name: its bytes in the input, or (when written with escapes) its unescaped bytes.
    private struct Key {
        var offset: Int
        var length: Int
        /// Index in `escapedNames`, or -1 when the bytes in the input are the name.
        var escaped: Int
    }
    private var index = 0
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

    private mutating func skipWhitespace() {
        let start = index
        index = bytes.withUnsafeBufferPointer { buffer in
            var position = start
            while position < buffer.count {
                let byte = buffer[position]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { break }
                position += 1
            }
            return position
        }
    }

    mutating func scan() throws(FHIRError) {
        guard bytes.count <= options.maximumInputBytes else {
            throw FHIRError(
                .tooLarge, "input exceeds \(options.maximumInputBytes) bytes", at: SourceLocation(byteOffset: 0))
        }
        entries.reserveCapacity(bytes.count / 12 + 4)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        start = index
        let maximumDepth = min(max(options.maximumDepth, 1), 1000)
        var expectingValue = true
        while true {
            if expectingValue {
                skipWhitespace()
                guard index < bytes.count else { throw error(.unexpectedEnd, "expected a value", at: index) }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard frames.count < maximumDepth else {
                        throw error(.tooDeep, "nesting deeper than \(maximumDepth) levels", at: index)
                    }
                    let isObject = byte == UInt8(ascii: "{")
                    entries.append(Entry(kind: isObject ? .object : .array, offset: index, length: 0))
                    frames.append(Frame(entry: entries.count - 1, isObject: isObject, keyBase: keyStack.count))
                    index += 1
                    skipWhitespace()
                    if index < bytes.count, bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        index += 1
                        closeFrame()
                        expectingValue = false
                    } else if isObject {
                        try scanKey()
                    } else {
                        frames[frames.count - 1].count = 1
                    }
                    continue
                case UInt8(ascii: "\""):
                    try scanString()
                    if frames.count == 1, rootTypeEntry < 0, let frame = frames.last, frame.isObject,
                        frame.lastKey >= 0, isKey(frame.lastKey, "resourceType")
                    {
                        rootTypeEntry = entries.count - 1
                    }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try scanNumber()
                case UInt8(ascii: "t"): try scanLiteral("true", .trueValue)
                case UInt8(ascii: "f"): try scanLiteral("false", .falseValue)
                case UInt8(ascii: "n"): try scanLiteral("null", .null)
                case UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "N"), UInt8(ascii: "I"):
                    throw error(.invalidNumber, "not a JSON number (no '+', NaN, Infinity or leading '.')", at: index)
                default:
                    throw error(.unexpectedByte, "expected a value", at: index)
                }
                expectingValue = false
            }
            // A value is complete.
            skipWhitespace()
            guard let frame = frames.last else {
                if index < bytes.count {
                    throw error(.trailingContent, "unexpected content after the top-level value", at: index)
                }
                return
            }
            guard index < bytes.count else {
                throw error(.unexpectedEnd, frame.isObject ? "expected ',' or '}'" : "expected ',' or ']'", at: index)
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") {
                index += 1
                if frame.isObject {
                    skipWhitespace()
                    try scanKey()
                } else {
                    frames[frames.count - 1].count += 1
                }
                expectingValue = true
            } else if byte == (frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                index += 1
                closeFrame()
            } else {
                throw error(
                    .unexpectedByte, frame.isObject ? "expected ',' or '}'" : "expected ',' or ']'", at: index)
            }
        }
    }

    private mutating func closeFrame() {
        guard let frame = frames.popLast() else { return }
        entries[frame.entry].length = frame.count
        keyStack.removeSubrange(frame.keyBase...)
    }

    private func isKey(_ entryIndex: Int, _ name: StaticString) -> Bool {
        let entry = entries[entryIndex]
        guard entry.kind == .string, entry.length == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { buffer in
            bytes[entry.offset..<entry.offset + entry.length].elementsEqual(buffer)
        }
    }

    private mutating func scanKey() throws(FHIRError) {
        guard index < bytes.count else { throw error(.unexpectedEnd, "expected a member name", at: index) }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw error(.unexpectedByte, "expected a member name in double quotes", at: index)
        }
        let keyOffset = index
        try scanString()
        let entryIndex = entries.count - 1
        let entry = entries[entryIndex]
        var key = Key(offset: entry.offset, length: entry.length, escaped: -1)
        if entry.kind == .escapedString {
            escapedNames.append(JSONString.unescape(bytes[entry.offset..<entry.offset + entry.length]))
            key.escaped = escapedNames.count - 1
        }
        let top = frames.count - 1
        let existing = keyStack.count - frames[top].keyBase
        if existing < 12 {
            for position in frames[top].keyBase..<keyStack.count where sameName(keyStack[position], key) {
                frames[top].lastKey = entryIndex
                throw error(.duplicateKey, "member name repeated in one object", at: keyOffset)
            }
            keyStack.append(key)
        } else {
            if frames[top].keySet == nil {
                let names = Set(keyStack[frames[top].keyBase...].map { name($0) })
                frames[top].keySet = names
            }
            let keyName = name(key)
            if frames[top].keySet?.insert(keyName).inserted == false {
                frames[top].lastKey = entryIndex
                throw error(.duplicateKey, "member name repeated in one object", at: keyOffset)
            }
        }
        frames[top].count += 1
        frames[top].lastKey = entryIndex
        skipWhitespace()
        guard index < bytes.count else { throw error(.unexpectedEnd, "expected ':'", at: index) }
        guard bytes[index] == UInt8(ascii: ":") else { throw error(.unexpectedByte, "expected ':'", at: index) }
        index += 1
    }

    /// The bytes of a member name.
    private func name(_ key: Key) -> ArraySlice<UInt8> {
        key.escaped >= 0 ? escapedNames[key.escaped][...] : bytes[key.offset..<key.offset + key.length]
    }

    /// Whether two member names are equal (compared in place unless one was written with escapes).
    private func sameName(_ a: Key, _ b: Key) -> Bool {
        guard a.escaped < 0, b.escaped < 0 else { return name(a) == name(b) }
        guard a.length == b.length else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, a.offset + a.length <= buffer.count,
                b.offset + b.length <= buffer.count
            else { return false }
            return memcmp(base + a.offset, base + b.offset, a.length) == 0
        }
    }

    private mutating func scanLiteral(_ literal: StaticString, _ kind: Kind) throws(FHIRError) {
        let length = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { buffer in
            index + length <= bytes.count && bytes[index..<index + length].elementsEqual(buffer)
        }
        guard matches else { throw error(.unexpectedByte, "expected true, false or null", at: index) }
        entries.append(Entry(kind: kind, offset: index, length: length))
        index += length
    }

    private mutating func scanNumber() throws(FHIRError) {
        let length = Self.numberLength(bytes[index...])
        if length == 0 || (index + length < bytes.count && Self.continuesNumber(bytes[index + length])) {
            throw error(
                .invalidNumber, "not a number FHIR allows (no leading zeros, '+', '.5' or '5.')", at: index)
        }
        entries.append(Entry(kind: .number, offset: index, length: length))
        index += length
    }

    private static func continuesNumber(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2B || byte == 0x2D || isLetter(byte)
    }

    /// Length of the JSON number at the start of `slice`, or 0 when it is not one.
    static func numberLength(_ slice: ArraySlice<UInt8>) -> Int {
        var position = slice.startIndex
        let end = slice.endIndex
        func isDigit(_ at: Int) -> Bool { at < end && slice[at] >= 0x30 && slice[at] <= 0x39 }
        if position < end, slice[position] == 0x2D { position += 1 }
        guard isDigit(position) else { return 0 }
        if slice[position] == 0x30 {
            position += 1
        } else {
            while isDigit(position) { position += 1 }
        }
        if position < end, slice[position] == 0x2E {
            position += 1
            guard isDigit(position) else { return 0 }
            while isDigit(position) { position += 1 }
        }
        if position < end, slice[position] == 0x65 || slice[position] == 0x45 {
            position += 1
            if position < end, slice[position] == 0x2B || slice[position] == 0x2D { position += 1 }
            guard isDigit(position) else { return 0 }
            while isDigit(position) { position += 1 }
        }
        return position - slice.startIndex
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }

    private func hex4(at position: Int) -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = Self.hexValue(bytes[position + offset]) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func scanString() throws(FHIRError) {
        let quote = index
        index += 1
        let contentStart = index
        var escaped = false
        let count = bytes.count
        while true {
            // Fast path over plain ASCII (the loop condition keeps every read in bounds).
            let from = index
            index = bytes.withUnsafeBufferPointer { buffer in
                var position = from
                while position < buffer.count {
                    let byte = buffer[position]
                    if byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80 { break }
                    position += 1
                }
                return position
            }
            guard index < count else { throw error(.unexpectedEnd, "string not closed", at: quote) }
            let byte = bytes[index]
            if byte == 0x22 {
                entries.append(
                    Entry(kind: escaped ? .escapedString : .string, offset: contentStart, length: index - contentStart))
                index += 1
                return
            }
            if byte < 0x20 {
                throw error(.controlCharacterInString, "control character in a string must be escaped", at: index)
            }
            if byte == 0x5C {
                escaped = true
                guard index + 1 < count else { throw error(.unexpectedEnd, "string not closed", at: quote) }
                switch bytes[index + 1] {
                case 0x22, 0x5C, 0x2F, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
                    UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard let value = hex4(at: index + 2) else {
                        throw error(.invalidEscape, "\\u must be followed by four hex digits", at: index)
                    }
                    if (0xDC00..<0xE000).contains(value) {
                        throw error(.loneSurrogate, "low surrogate escape without a high surrogate", at: index)
                    }
                    if (0xD800..<0xDC00).contains(value) {
                        guard index + 12 <= count,
                            bytes[index + 6] == 0x5C, bytes[index + 7] == UInt8(ascii: "u"),
                            let low = hex4(at: index + 8), (0xDC00..<0xE000).contains(low)
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
            // Multi-byte UTF-8: validate the sequence.
            let length = Self.utf8SequenceLength(bytes, at: index)
            guard length > 0 else { throw error(.invalidUTF8, "bytes are not valid UTF-8", at: index) }
            index += length
        }
    }

    /// Length of the valid UTF-8 sequence starting with a non-ASCII byte at `position`, or 0.
    static func utf8SequenceLength(_ bytes: [UInt8], at position: Int) -> Int {
        let lead = bytes[position]
        let count = bytes.count
        func continuation(_ at: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            at < count && bytes[at] >= low && bytes[at] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(position + 1) ? 2 : 0
        case 0xE0:
            return continuation(position + 1, 0xA0) && continuation(position + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF:
            return continuation(position + 1) && continuation(position + 2) ? 3 : 0
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
        var cursor = 0
        return build(&cursor)
    }

    private func build(_ cursor: inout Int) -> JSONValue {
        guard cursor < entries.count else { return .null }
        let entry = entries[cursor]
        cursor += 1
        switch entry.kind {
        case .object:
            var members: [JSONMember] = []
            members.reserveCapacity(entry.length)
            for _ in 0..<entry.length {
                guard cursor < entries.count else { break }
                let keyEntry = entries[cursor]
                cursor += 1
                let key = JSONString(
                    raw: bytes[keyEntry.offset..<keyEntry.offset + keyEntry.length],
                    hasEscapes: keyEntry.kind == .escapedString, offset: keyEntry.offset - 1)
                members.append(JSONMember(key: key, value: build(&cursor)))
            }
            return .object(JSONObject(members: members, offset: entry.offset))
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(entry.length)
            for _ in 0..<entry.length { elements.append(build(&cursor)) }
            return .array(elements)
        case .string, .escapedString:
            return .string(
                JSONString(
                    raw: bytes[entry.offset..<entry.offset + entry.length], hasEscapes: entry.kind == .escapedString,
                    offset: entry.offset - 1))
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
