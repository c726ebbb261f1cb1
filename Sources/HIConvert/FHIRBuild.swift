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
    var bytes: [UInt8] = []
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
        bytes.reserveCapacity(capacity)
    }

    /// A line feed and 64 spaces: each line break of the pretty layout is one slice of it.
    static let lineBreak: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 64)

    @inline(__always)
    mutating func newline(_ spaces: Int) {
        if spaces <= 64 {
            Self.lineBreak.withUnsafeBufferPointer { buffer in
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<(1 + max(0, spaces))]))
            }
            return
        }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: spaces))
    }

    /// Comma (after the first member) and, pretty, the line break and indentation of the next member.
    @inline(__always)
    mutating func separator() {
        if count > 0 { bytes.append(0x2C) }
        if pretty { newline(indent) }
        count += 1
    }

    mutating func key(_ key: StaticString) {
        separator()
        bytes.append(0x22)
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `text` as a quoted JSON string.
    mutating func string(_ text: String) {
        bytes.append(0x22)
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { buffer in
            for byte in buffer where byte == 0x22 || byte == 0x5C || byte < 0x20 {
                JSONText.appendEscaped(text, to: &bytes)
                return
            }
            bytes.append(contentsOf: buffer)
        }
        if done == nil { JSONText.appendEscaped(text, to: &bytes) }
        bytes.append(0x22)
    }

    // MARK: Containers

    /// Opens the root object (no separator before it).
    mutating func openRoot() -> Scope {
        bytes.append(0x7B)
        let scope = Scope(mark: bytes.count, parentCount: 0, dropEmpty: false)
        count = 0
        indent += 2
        return scope
    }

    @inline(__always)
    private mutating func open(_ bracket: UInt8, mark: Int, dropEmpty: Bool) -> Scope {
        bytes.append(bracket)
        let scope = Scope(mark: mark, parentCount: count, dropEmpty: dropEmpty)
        count = 0
        indent += 2
        return scope
    }

    /// Opens member `key` as an object; it is taken back on close when it stays empty.
    mutating func openObject(_ key: StaticString) -> Scope {
        let mark = bytes.count
        let before = count
        self.key(key)
        _ = open(0x7B, mark: mark, dropEmpty: true)
        return Scope(mark: mark, parentCount: before, dropEmpty: true)
    }

    /// Opens member `key` as an array; it is taken back on close when it stays empty.
    mutating func openArray(_ key: StaticString) -> Scope {
        let mark = bytes.count
        let before = count
        self.key(key)
        _ = open(0x5B, mark: mark, dropEmpty: true)
        return Scope(mark: mark, parentCount: before, dropEmpty: true)
    }

    /// Opens an object as the next array element (kept even when empty, as `{}`).
    mutating func openElement() -> Scope {
        separator()
        let parent = count
        bytes.append(0x7B)
        count = 0
        indent += 2
        return Scope(mark: bytes.count, parentCount: parent, dropEmpty: false)
    }

    /// Closes the container opened as `scope` with `bracket` (`}` or `]`).
    mutating func close(_ scope: Scope, _ bracket: UInt8) {
        indent -= 2
        if count == 0 {
            if scope.dropEmpty {
                bytes.removeLast(bytes.count - scope.mark)
                count = scope.parentCount
                return
            }
            bytes.append(bracket)
        } else {
            if pretty { newline(indent) }
            bytes.append(bracket)
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
        bytes.append(0x22)
        raw(text)
        bytes.append(0x22)
    }

    /// `"key": number`, the number's text as it is (a valid JSON number, see ``JSONOut/isNumber(_:)``).
    mutating func number(_ key: StaticString, text: String) {
        self.key(key)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func number(_ key: StaticString, _ value: Int) {
        self.key(key)
        appendInt(value)
    }

    mutating func appendInt(_ value: Int) {
        // Small integers are small strings: no allocation.
        bytes.append(contentsOf: String(value).utf8)
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
