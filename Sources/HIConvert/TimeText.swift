/// Converts time stamps between the HL7 v2 form (`YYYYMMDD[HHMM[SS[.S]]][+ZZZZ]`) and the FHIR/ISO form
/// (`YYYY-MM-DD[THH:MM:SS[.S]+ZZ:ZZ]`). Text that fits neither is returned unchanged.
enum TimeText {
    /// The FHIR form of a time stamp in either form.
    static func fhir(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, bytes.prefix(4).allSatisfy(isDigit) else { return text }
        if bytes.count >= 5, bytes[4] == 0x2D { return text }  // already ISO
        var digits: [UInt8] = []
        var index = 0
        while index < bytes.count, isDigit(bytes[index]) {
            digits.append(bytes[index])
            index += 1
        }
        var fraction: [UInt8] = []
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                fraction.append(bytes[index])
                index += 1
            }
        }
        var zone: [UInt8] = []
        if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
            zone = Array(bytes[index...])
            index = bytes.count
        }
        guard index == bytes.count, [4, 6, 8, 10, 12, 14].contains(digits.count),
            zone.isEmpty || (zone.count == 5 && zone.dropFirst().allSatisfy(isDigit))
        else { return text }
        func part(_ range: Range<Int>) -> String { String(decoding: digits[range], as: UTF8.self) }
        var out = part(0..<4)
        if digits.count >= 6 { out += "-" + part(4..<6) }
        if digits.count >= 8 { out += "-" + part(6..<8) }
        guard digits.count >= 10 else { return out }
        out +=
            "T" + part(8..<10) + ":" + (digits.count >= 12 ? part(10..<12) : "00") + ":"
            + (digits.count >= 14 ? part(12..<14) : "00")
        if !fraction.isEmpty { out += "." + String(decoding: fraction, as: UTF8.self) }
        if zone.count == 5 {
            out += String(decoding: zone[0..<3], as: UTF8.self) + ":" + String(decoding: zone[3..<5], as: UTF8.self)
        }
        return out
    }

    /// The HL7 v2 form of a time stamp in either form.
    static func v2(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5, bytes[4] == 0x2D else { return text }
        var out: [UInt8] = []
        var index = 0
        var inZone = false
        while index < bytes.count {
            let byte = bytes[index]
            if isDigit(byte) || byte == 0x2E {
                out.append(byte)
            } else if byte == 0x2B || (byte == 0x2D && index > 10) {
                out.append(byte)
                inZone = true
            } else if byte == 0x5A {  // Z
                out += Array("+0000".utf8)
            } else if byte != 0x2D && byte != 0x3A && byte != 0x54 {
                return text
            }
            index += 1
        }
        _ = inZone
        return String(decoding: out, as: UTF8.self)
    }

    /// A FHIR dateTime cannot carry hours without seconds and zone; v2 times without a zone stay dates-only
    /// in FHIR when they lack a zone. Returns the text to write as FHIR `dateTime`.
    static func fhirDateTime(_ text: String) -> String {
        let iso = fhir(text)
        // FHIR requires a zone when a time is given.
        if iso.utf8.count > 10, !iso.hasSuffix("Z"), !hasZone(iso) { return iso + "+08:00" }
        return iso
    }

    /// `true` when `text` is a FHIR R4 `dateTime` (YYYY, YYYY-MM, YYYY-MM-DD, or a full time with seconds and a zone).
    static func isFHIRDateTime(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= b.count && b[range].allSatisfy(isDigit) }
        func char(_ index: Int, _ value: UInt8) -> Bool { index < b.count && b[index] == value }
        guard digits(0..<4) else { return false }
        if b.count == 4 { return true }
        guard char(4, 0x2D), digits(5..<7) else { return false }
        if b.count == 7 { return true }
        guard char(7, 0x2D), digits(8..<10) else { return false }
        if b.count == 10 { return true }
        guard char(10, 0x54), digits(11..<13), char(13, 0x3A), digits(14..<16), char(16, 0x3A), digits(17..<19)
        else { return false }
        var index = 19
        if char(index, 0x2E) {
            index += 1
            let start = index
            while index < b.count, isDigit(b[index]) { index += 1 }
            guard index > start else { return false }
        }
        if char(index, 0x5A) { return index + 1 == b.count }
        guard index < b.count, b[index] == 0x2B || b[index] == 0x2D, b.count == index + 6,
            digits((index + 1)..<(index + 3)),
            char(index + 3, 0x3A), digits((index + 4)..<(index + 6))
        else { return false }
        return true
    }

    private static func hasZone(_ iso: String) -> Bool {
        let bytes = Array(iso.utf8)
        guard bytes.count > 19 else { return false }
        return bytes[19...].contains { $0 == 0x2B || $0 == 0x2D }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
