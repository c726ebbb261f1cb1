import HIFHIR
import HIModels
import HITerminology

/// Small helpers to build FHIR JSON trees in member order.
struct JSONBuilder {
    var members: [JSONMember] = []

    mutating func set(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        if case .array(let items) = value, items.isEmpty { return }
        if case .object(let object) = value, object.members.isEmpty { return }
        members.append(JSONMember(key: key, value: value))
    }

    mutating func set(_ key: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        members.append(JSONMember(key: key, value: .string(text)))
    }

    var value: JSONValue { .object(JSONObject(members)) }
}

/// Deterministic ids: FNV-1a over the input key, formatted as a UUID.
enum StableID {
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func uuid(_ key: String) -> String {
        let a = hash(key)
        let b = hash(key + "#2")
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        let high = hex(a, 16)
        let low = hex(b, 16)
        let all = Array(high + low)
        // Version 5-style marker nibbles keep the text a valid RFC 4122 UUID.
        var chars = all
        chars[12] = "5"
        chars[16] = "8"
        let text = String(chars)
        func slice(_ from: Int, _ to: Int) -> String {
            String(text[text.index(text.startIndex, offsetBy: from)..<text.index(text.startIndex, offsetBy: to)])
        }
        return slice(0, 8) + "-" + slice(8, 12) + "-" + slice(12, 16) + "-" + slice(16, 20) + "-" + slice(20, 32)
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
