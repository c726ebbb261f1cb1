import HIConvert
import HICore
import HIFHIR
import HIHL7v2
import HIModels

/// Small helpers shared by the referral, follow-up and prescription codecs.
enum ER7 {
    /// `value` with the standard delimiters escaped (`|^~\&`).
    static func escape(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "" }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "\\": out += "\\E\\"
            case "|": out += "\\F\\"
            case "^": out += "\\S\\"
            case "&": out += "\\T\\"
            case "~": out += "\\R\\"
            case "\r", "\n": out += "\\X0D\\"
            default: out.append(character)
            }
        }
        return out
    }

    /// Components joined with `^`, trailing empty ones dropped (values are escaped by the caller).
    static func components(_ parts: [String]) -> String {
        var parts = parts
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        return parts.joined(separator: "^")
    }

    /// A segment line: fields by number (1-based), missing ones empty, no trailing empty fields.
    static func segment(_ id: String, _ fields: [Int: String]) -> String {
        let count = fields.filter { !$0.value.isEmpty }.keys.max() ?? 0
        var line = id
        if count > 0 {
            for number in 1...count { line += "|" + (fields[number] ?? "") }
        }
        return line
    }

    /// The decoded text of component `component` (and sub-component `sub`) of the first repetition of field
    /// `field`, `nil` when empty or absent.
    static func value(_ segment: HL7v2Segment, _ field: Int, _ component: Int = 1, _ sub: Int? = nil) -> String? {
        guard let element = segment.field(field), !element.isEmpty else { return nil }
        let components = element.components
        guard component >= 1, component <= components.count else { return nil }
        var target = components[component - 1]
        if let sub {
            let subs = target.subcomponents
            guard sub >= 1, sub <= subs.count else { return nil }
            target = subs[sub - 1]
        } else if target.subcomponents.count > 1 {
            target = target.subcomponents[0]
        }
        let text = target.value
        return text.isEmpty ? nil : text
    }
}

/// FHIR JSON building and reading helpers.
enum FHIRJSON {
    static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        var members: [JSONMember] = []
        for (key, value) in pairs {
            guard let value else { continue }
            if case .array(let items) = value, items.isEmpty { continue }
            if case .object(let object) = value, object.members.isEmpty { continue }
            members.append(JSONMember(key: key, value: value))
        }
        return .object(JSONObject(members))
    }

    static func string(_ text: String?) -> JSONValue? {
        guard let text, !text.isEmpty else { return nil }
        return .string(text)
    }

    static func number(_ text: String?) -> JSONValue? {
        guard let text, let number = JSONNumber(text) else { return nil }
        return .number(number)
    }

    static func integer(_ value: Int?) -> JSONValue? { value.map { .number(JSONNumber($0)) } }

    static func reference(_ url: String?, display: String? = nil) -> JSONValue? {
        guard let url else { return nil }
        return object([("reference", .string(url)), ("display", string(display))])
    }

    /// `value` with the members of `object` replaced or appended (members with `nil` removed).
    static func setting(_ value: JSONValue, _ pairs: [(String, JSONValue?)]) -> JSONValue {
        guard case .object(var object) = value else { return value }
        for (key, newValue) in pairs {
            let empty: Bool
            switch newValue {
            case .none: empty = true
            case .array(let items)?: empty = items.isEmpty
            default: empty = false
            }
            if let index = object.index(of: key) {
                if let newValue, !empty {
                    object.members[index].value = newValue
                } else {
                    object.members.remove(at: index)
                }
            } else if let newValue, !empty {
                object.members.append(JSONMember(key: key, value: newValue))
            }
        }
        return .object(object)
    }

    /// The entries of a Bundle as (fullUrl, resource), or the resource itself.
    static func resources(_ root: JSONValue) -> [(url: String?, resource: JSONValue)] {
        if root["resourceType"]?.stringValue == "Bundle" {
            return (root["entry"]?.arrayValue ?? []).compactMap { entry in
                guard let resource = entry["resource"] else { return nil }
                return (entry["fullUrl"]?.stringValue, resource)
            }
        }
        return [(nil, root)]
    }

    /// Finds the resource a reference points to inside a Bundle (by fullUrl, or by `Type/id`).
    static func resolve(_ reference: JSONValue?, in resources: [(url: String?, resource: JSONValue)]) -> JSONValue? {
        guard let target = reference?["reference"]?.stringValue else { return nil }
        for item in resources {
            if let url = item.url, url == target { return item.resource }
            if let type = item.resource["resourceType"]?.stringValue, let id = item.resource["id"]?.stringValue,
                target == type + "/" + id || target.hasSuffix("/" + type + "/" + id)
            {
                return item.resource
            }
        }
        return nil
    }

    static func extensionValue(_ resource: JSONValue?, url: String) -> JSONValue? {
        for item in resource?["extension"]?.arrayValue ?? [] where item["url"]?.stringValue == url {
            return item
        }
        return nil
    }
}

/// Deterministic ids for generated resources and documents (FNV-1a, formatted as a UUID).
enum PrimaryCareID {
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func uuid(_ key: String) -> String {
        func hex(_ value: UInt64) -> [Character] {
            let text = String(value, radix: 16)
            return Array(String(repeating: "0", count: max(0, 16 - text.count)) + text)
        }
        var chars = hex(hash(key)) + hex(hash(key + "#2"))
        chars[12] = "5"
        chars[16] = "8"
        let text = String(chars)
        var out = ""
        for (index, character) in text.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { out += "-" }
            out.append(character)
        }
        return out
    }
}

extension Organization {
    /// `true` when nothing but provenance is known.
    var isBlank: Bool { name == nil && identifiers.isEmpty && addresses.isEmpty && telecom.isEmpty && type == nil }
}

extension ConversionReport {
    /// Drops unmapped items whose path starts with one of `prefixes` (elements a primary-care codec consumes).
    mutating func consume(_ prefixes: [String]) {
        unmapped.removeAll { item in prefixes.contains { item.path.hasPrefix($0) } }
    }
}

extension [UnmappedFragment] {
    func consuming(_ prefixes: [String]) -> [UnmappedFragment] {
        filter { fragment in !prefixes.contains { fragment.path.hasPrefix($0) } }
    }
}

/// Compact HL7 times (`20261120`, `20261120093000+0800`) ↔ FHIR dates and dateTimes.
enum FHIRTime {
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The FHIR form of a compact time, `nil` when it is not one (a time without a zone gets `+08:00`).
    static func dateTime(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var digits = 0
        while digits < bytes.count, isDigit(bytes[digits]) { digits += 1 }
        let zone = bytes[digits...]
        guard [4, 6, 8, 12, 14].contains(digits),
            zone.isEmpty
                || (zone.count == 5 && (zone.first == 0x2B || zone.first == 0x2D)
                    && zone.dropFirst().allSatisfy(isDigit))
        else { return nil }
        func part(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }
        var out = part(0, 4)
        if digits >= 6 { out += "-" + part(4, 6) }
        if digits >= 8 { out += "-" + part(6, 8) }
        guard digits >= 12 else { return zone.isEmpty ? out : nil }
        out += "T" + part(8, 10) + ":" + part(10, 12) + ":" + (digits >= 14 ? part(12, 14) : "00")
        if zone.isEmpty { return out + "+08:00" }
        let zoneText = String(decoding: zone, as: UTF8.self)
        return out + String(zoneText.prefix(3)) + ":" + String(zoneText.suffix(2))
    }

    /// The compact form of a FHIR date or dateTime (`2026-11-20T09:30:00+08:00` → `20261120093000+0800`).
    static func compact(_ text: String) -> String {
        var out: [UInt8] = []
        var inTime = false
        for byte in text.utf8 {
            if isDigit(byte) {
                out.append(byte)
            } else if byte == 0x54 {
                inTime = true
            } else if inTime, byte == 0x2B || byte == 0x2D {
                out.append(byte)
            } else if byte == 0x5A {
                out += Array("+0000".utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension ConversionOptions {
    /// In strict mode, throws when anything the source held had no place in the model.
    func checkStrict(_ report: ConversionReport) throws(ConversionError) {
        guard strict, let first = report.unmapped.first else { return }
        throw ConversionError(
            .unmappedContent, "\(report.unmapped.count) source element(s) have no place in the model",
            at: SourceLocation(path: first.path))
    }
}
