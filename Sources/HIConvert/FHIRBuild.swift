import HICore
import HIFHIR
import HIModels
import HITerminology

/// Writes FHIR JSON bytes directly, in the layouts of HIFHIR's `JSONWriter`: pretty (2-space indent,
/// `"key": value`, one member or element per line, `[]`/`{}` when empty) or compact (no white space). Keys are
/// static strings written as they are; values are escaped only when they hold `"`, `\` or control characters.
/// A member whose object or array turns out empty is taken back (``close(_:_:)``), as the tree builder dropped
/// empty members.
struct JSONOut {
    /// The output so far: its first `length` bytes (the rest is zeroed room to grow into, so that each write
    /// is one capacity check and one copy instead of an `Array.append` per piece).
    private var buffer: [UInt8]
    private(set) var length = 0
    let pretty: Bool
    /// Spaces before the members of the innermost open container.
    var indent: Int
    /// Members or elements written so far in the innermost open container.
    var count = 0

    /// Where a container began: the output length before its separator and key, and the enclosing count.
    struct Scope {
        let mark: Int
        let parentCount: Int
        let dropEmpty: Bool
    }

    /// A writer whose root object starts at `base` spaces of indentation (its members at `base + 2`).
    init(pretty: Bool, base: Int, capacity: Int = 1024) {
        self.pretty = pretty
        self.indent = base
        buffer = [UInt8](repeating: 0, count: max(64, capacity))
    }

    /// The bytes written (the writer is left empty).
    mutating func takeBytes() -> [UInt8] {
        var result: [UInt8] = []
        swap(&result, &buffer)
        result.removeLast(result.count - length)
        length = 0
        return result
    }

    /// Makes room for `needed` more bytes.
    @inline(__always)
    private mutating func reserve(_ needed: Int) {
        if buffer.count - length < needed { grow(needed) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, needed)))
    }

    /// Writes `count` bytes (room for them reserved first) through `body`, which gets the address to write
    /// at and returns how many it wrote (at most `count`).
    @inline(__always)
    private mutating func write(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(count)
        let start = length
        let written = buffer.withUnsafeMutableBufferPointer { buffer in
            // `reserve` made room: start + count <= buffer.count.
            body(buffer.baseAddress.unsafelyUnwrapped + start)
        }
        length = start + written
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        write(1) { pointer in
            pointer.pointee = byte
            return 1
        }
    }

    /// Appends `bytes` as they are.
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        write(bytes.count) { pointer in
            pointer.update(from: source, count: bytes.count)
            return bytes.count
        }
    }

    /// Appends `bytes` as they are.
    mutating func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { put($0) }
    }

    /// Writes `count` spaces at `pointer`, eight at a time: may write up to 7 bytes past them, so callers
    /// reserve ``spaceSlack`` more bytes than they write (bytes past `length` are never read).
    @inline(__always)
    private static func spaces(at pointer: UnsafeMutablePointer<UInt8>, count: Int) {
        let raw = UnsafeMutableRawPointer(pointer)
        var offset = 0
        while offset < count {
            raw.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
    }

    private static let spaceSlack = 8

    /// The separator (and, pretty, the line break and indentation) of the next member after `count` members:
    /// written at `pointer`, returns the number of bytes; needs `separatorRoom` bytes.
    @inline(__always)
    private static func separator(
        at pointer: UnsafeMutablePointer<UInt8>, count: Int, pretty: Bool, spaces: Int
    ) -> Int {
        var at = 0
        if count > 0 {
            pointer[0] = 0x2C
            at = 1
        }
        if pretty {
            pointer[at] = 0x0A
            Self.spaces(at: pointer + at + 1, count: spaces)
            at += 1 + spaces
        }
        return at
    }

    /// Comma (after the first member) and, pretty, the line break and indentation of the next member.
    @inline(__always)
    mutating func separator() {
        let (count, pretty, spaces) = (count, pretty, max(0, indent))
        write(pretty ? 2 + spaces + Self.spaceSlack : 1) {
            Self.separator(at: $0, count: count, pretty: pretty, spaces: spaces)
        }
        self.count += 1
    }

    mutating func key(_ key: StaticString) {
        let (count, pretty, spaces) = (count, pretty, max(0, indent))
        key.withUTF8Buffer { name in
            write((pretty ? 2 + spaces + Self.spaceSlack : 1) + name.count + 4) { pointer in
                var at = Self.separator(at: pointer, count: count, pretty: pretty, spaces: spaces)
                pointer[at] = 0x22
                if let source = name.baseAddress { (pointer + at + 1).update(from: source, count: name.count) }
                at += 1 + name.count
                pointer[at] = 0x22
                pointer[at + 1] = 0x3A
                at += 2
                if pretty {
                    pointer[at] = 0x20
                    at += 1
                }
                return at
            }
        }
        self.count += 1
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { put($0) }
    }

    /// Whether `buffer` holds a byte a JSON string must escape (`"`, `\`, or below 0x20), eight bytes per step
    /// (exact word tests for "some byte is zero" and "some byte is below 0x20").
    @inline(__always)
    static func needsEscape(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        while offset + 8 <= buffer.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let found =
                ((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
            if found & highs != 0 { return true }
            offset += 8
        }
        while offset < buffer.count {
            let byte = base[offset]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 { return true }
            offset += 1
        }
        return false
    }

    /// `text` as a quoted JSON string.
    mutating func string(_ text: String) {
        var contiguous = text
        contiguous.withUTF8 { buffer in
            if Self.needsEscape(buffer) {
                var escaped: [UInt8] = [0x22]
                JSONText.appendEscaped(text, to: &escaped)
                escaped.append(0x22)
                put(escaped)
                return
            }
            write(buffer.count + 2) { pointer in
                pointer[0] = 0x22
                if let source = buffer.baseAddress { (pointer + 1).update(from: source, count: buffer.count) }
                pointer[buffer.count + 1] = 0x22
                return buffer.count + 2
            }
        }
    }

    // MARK: Containers

    /// Opens the root object (no separator before it).
    mutating func openRoot() -> Scope {
        put(0x7B)
        let scope = Scope(mark: length, parentCount: 0, dropEmpty: false)
        count = 0
        indent += 2
        return scope
    }

    @inline(__always)
    private mutating func open(_ bracket: UInt8, mark: Int, dropEmpty: Bool) -> Scope {
        put(bracket)
        let scope = Scope(mark: mark, parentCount: count, dropEmpty: dropEmpty)
        count = 0
        indent += 2
        return scope
    }

    /// Opens member `key` as an object; it is taken back on close when it stays empty.
    mutating func openObject(_ key: StaticString) -> Scope {
        let mark = length
        let before = count
        self.key(key)
        _ = open(0x7B, mark: mark, dropEmpty: true)
        return Scope(mark: mark, parentCount: before, dropEmpty: true)
    }

    /// Opens member `key` as an array; it is taken back on close when it stays empty.
    mutating func openArray(_ key: StaticString) -> Scope {
        let mark = length
        let before = count
        self.key(key)
        _ = open(0x5B, mark: mark, dropEmpty: true)
        return Scope(mark: mark, parentCount: before, dropEmpty: true)
    }

    /// Opens an object as the next array element (kept even when empty, as `{}`).
    mutating func openElement() -> Scope {
        separator()
        let parent = count
        put(0x7B)
        count = 0
        indent += 2
        return Scope(mark: length, parentCount: parent, dropEmpty: false)
    }

    /// Closes the container opened as `scope` with `bracket` (`}` or `]`).
    mutating func close(_ scope: Scope, _ bracket: UInt8) {
        indent -= 2
        if count == 0 {
            if scope.dropEmpty {
                length = scope.mark
                count = scope.parentCount
                return
            }
            put(bracket)
        } else if pretty {
            let spaces = max(0, indent)
            write(spaces + 2 + Self.spaceSlack) { pointer in
                pointer[0] = 0x0A
                Self.spaces(at: pointer + 1, count: spaces)
                pointer[spaces + 1] = bracket
                return spaces + 2
            }
        } else {
            put(bracket)
        }
        count = scope.dropEmpty ? scope.parentCount + 1 : scope.parentCount
    }

    mutating func closeObject(_ scope: Scope) { close(scope, 0x7D) }
    mutating func closeArray(_ scope: Scope) { close(scope, 0x5D) }

    // MARK: Members

    /// `"key": "text"`, left out when `text` is nil or empty.
    mutating func field(_ key: StaticString, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        self.key(key)
        string(text)
    }

    /// `"key": "text"` for a static text.
    mutating func field(_ key: StaticString, literal text: StaticString) {
        self.key(key)
        put(0x22)
        raw(text)
        put(0x22)
    }

    /// `"key": number`, the number's text as it is (a valid JSON number, see ``JSONOut/isNumber(_:)``).
    mutating func number(_ key: StaticString, text: String) {
        self.key(key)
        var text = text
        text.withUTF8 { put($0) }
    }

    mutating func number(_ key: StaticString, _ value: Int) {
        self.key(key)
        appendInt(value)
    }

    mutating func appendInt(_ value: Int) {
        // Small integers are small strings: no allocation.
        var text = String(value)
        text.withUTF8 { put($0) }
    }

    /// `"key": {"reference": "url"}`, left out when `url` is nil.
    mutating func reference(_ key: StaticString, _ url: String?) {
        guard let url else { return }
        let scope = openObject(key)
        field("reference", url)
        closeObject(scope)
    }

    /// `{"reference": "url"}` as the next array element.
    mutating func referenceElement(_ url: String) {
        let scope = openElement()
        field("reference", url)
        closeObject(scope)
    }

    /// `"key": [{"reference": …}, …]`, left out when there is none.
    mutating func references(_ key: StaticString, _ urls: [String?]) {
        let scope = openArray(key)
        for case let url? in urls { referenceElement(url) }
        closeArray(scope)
    }

    /// Whether `text` is a JSON number (what `JSONNumber(_:)` accepts).
    static func isNumber(_ text: String) -> Bool {
        let slice = Array(text.utf8)[...]
        var position = slice.startIndex
        let end = slice.endIndex
        func isDigit(_ at: Int) -> Bool { at < end && slice[at] >= 0x30 && slice[at] <= 0x39 }
        if position < end, slice[position] == 0x2D { position += 1 }
        guard isDigit(position) else { return false }
        if slice[position] == 0x30 {
            position += 1
        } else {
            while isDigit(position) { position += 1 }
        }
        if position < end, slice[position] == 0x2E {
            position += 1
            guard isDigit(position) else { return false }
            while isDigit(position) { position += 1 }
        }
        if position < end, slice[position] == 0x65 || slice[position] == 0x45 {
            position += 1
            if position < end, slice[position] == 0x2B || slice[position] == 0x2D { position += 1 }
            guard isDigit(position) else { return false }
            while isDigit(position) { position += 1 }
        }
        return position == end
    }
}

/// Deterministic ids: FNV-1a over the input key, formatted as a UUID.
enum StableID {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func fold(_ hash: inout UInt64, _ byte: UInt8) {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }

    static func hash(_ text: String) -> UInt64 {
        var hash = offsetBasis
        for byte in text.utf8 { fold(&hash, byte) }
        return hash
    }

    static func uuid(_ key: String) -> String {
        var hash = offsetBasis
        for byte in key.utf8 { fold(&hash, byte) }
        return uuid(folded: hash)
    }

    /// The id of `key + "/" + type + "/" + index`, without building that text.
    static func uuid(key: String, type: String, index: Int) -> String {
        var hash = offsetBasis
        for byte in key.utf8 { fold(&hash, byte) }
        fold(&hash, 0x2F)
        for byte in type.utf8 { fold(&hash, byte) }
        fold(&hash, 0x2F)
        if index < 0 { fold(&hash, 0x2D) }
        let magnitude = index.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            fold(&hash, UInt8(truncatingIfNeeded: (magnitude / divisor) % 10) + 0x30)
            divisor /= 10
        }
        return uuid(folded: hash)
    }

    /// The UUID text of a key whose FNV-1a hash is `a` (the second half hashes the key + "#2").
    static func uuid(folded a: UInt64) -> String {
        var b = a
        fold(&b, 0x23)
        fold(&b, 0x32)
        let hex: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { buffer in
            hex.withUTF8Buffer { digits in
                var position = 0
                var nibble = 0
                func put(_ value: UInt64) {
                    for shift in stride(from: 60, through: 0, by: -4) {
                        if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                            buffer[position] = 0x2D
                            position += 1
                        }
                        var digit = digits[Int((value >> UInt64(shift)) & 0xF)]
                        // Version 5-style marker nibbles keep the text a valid RFC 4122 UUID.
                        if nibble == 12 { digit = 0x35 }
                        if nibble == 16 { digit = 0x38 }
                        buffer[position] = digit
                        position += 1
                        nibble += 1
                    }
                }
                put(a)
                put(b)
                return position
            }
        }
    }
}

/// Code-system names as HL7 v2 writes them (table 0396) and as the terminology tables name them, to FHIR URIs.
enum SystemNames {
    static let v2ToURI: [String: String] = [
        "LN": "http://loinc.org", "LOINC": "http://loinc.org", "UCUM": "http://unitsofmeasure.org",
        "SCT": "http://snomed.info/sct", "SNM": "http://snomed.info/sct", "I10": "http://hl7.org/fhir/sid/icd-10",
        "ICD10": "http://hl7.org/fhir/sid/icd-10", "I10C": "http://hl7.org/fhir/sid/icd-10-cm",
        "I9C": "http://hl7.org/fhir/sid/icd-9-cm",
    ]

    static func fhirSystem(_ system: String, tables: TerminologyTables) -> String? {
        guard !system.isEmpty, system != "L", system != "99L" else { return nil }
        if let uri = v2ToURI[system] { return uri }
        if system.hasPrefix("HL7"), system.utf8.count == 7 {
            return "http://terminology.hl7.org/CodeSystem/v2-" + system.dropFirst(3)
        }
        if let known = tables.codeSystem(matching: system) {
            if let uri = known.uri { return uri }
            if let oid = known.oid { return "urn:oid:" + oid }
            return "http://healthinterchange.example/CodeSystem/" + known.name
        }
        if system.hasPrefix("http:") || system.hasPrefix("https:") || system.hasPrefix("urn:") { return system }
        if CodeSystem.isValidOID(system) { return "urn:oid:" + system }
        return "http://healthinterchange.example/CodeSystem/" + percentEncoded(system)
    }

    /// `text` with every byte outside A–Z a–z 0–9 - . _ ~ percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let plain =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if plain {
                out.append(Character(UnicodeScalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index] == 0x25, index + 2 < source.count,
                let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The model system name for a FHIR system URI (inverse of ``fhirSystem(_:tables:)``).
    static func modelSystem(_ uri: String?, tables: TerminologyTables) -> String {
        guard let uri, !uri.isEmpty else { return "" }
        if let known = tables.codeSystem(uri: uri) { return known.name }
        if uri.hasPrefix("urn:oid:"), let known = tables.codeSystem(oid: String(uri.dropFirst(8))) { return known.name }
        if let v2 = v2ToURI.first(where: {
            $0.value == uri && ["LN", "UCUM", "SCT", "I10", "I10C", "I9C"].contains($0.key)
        }) {
            return v2.key
        }
        let local = "http://healthinterchange.example/CodeSystem/"
        if uri.hasPrefix(local) { return percentDecoded(String(uri.dropFirst(local.utf8.count))) }
        let v2Prefix = "http://terminology.hl7.org/CodeSystem/v2-"
        if uri.hasPrefix(v2Prefix), uri.utf8.count == v2Prefix.utf8.count + 4 {
            return "HL7" + uri.dropFirst(v2Prefix.utf8.count)
        }
        if uri.hasPrefix("urn:oid:") { return String(uri.dropFirst(8)) }
        return uri
    }
}
