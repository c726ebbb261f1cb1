/// Byte-level checks of the R4 primitive formats (the regular expressions of the R4 specification,
/// written out so no regex engine runs in the validator).
enum PrimitiveFormat {
    static func isValid(_ bytes: [UInt8], type: String) -> Bool {
        switch type {
        case "id": return isID(bytes[...])
        case "code": return isCode(bytes)
        case "uri", "url", "canonical": return !bytes.contains { $0 <= 0x20 }
        case "oid": return isOID(bytes[...])
        case "uuid": return isUUID(bytes[...])
        case "date": return isDate(bytes[...], allowTime: false, requireTime: false)
        case "dateTime": return isDate(bytes[...], allowTime: true, requireTime: false)
        case "instant": return isDate(bytes[...], allowTime: true, requireTime: true)
        case "time": return timeLength(bytes[...]) == bytes.count
        case "base64Binary": return isBase64(bytes)
        case "xhtml": return isXHTML(bytes)
        default: return true  // string, markdown: any non-empty text
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isID(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= 1 && bytes.count <= 64
            && bytes.allSatisfy { isDigit($0) || JSONScanner.isLetter($0) || $0 == 0x2D || $0 == 0x2E }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// `[^\s]+(\s[^\s]+)*`
    static func isCode(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last, !isWhitespace(first), !isWhitespace(last) else {
            return false
        }
        var previousWasSpace = false
        for byte in bytes {
            let space = isWhitespace(byte)
            if space && previousWasSpace { return false }
            previousWasSpace = space
        }
        return true
    }

    /// `urn:oid:[0-2](\.(0|[1-9][0-9]*))+`
    static func isOID(_ bytes: ArraySlice<UInt8>) -> Bool {
        let prefix = Array("urn:oid:".utf8)
        guard bytes.starts(with: prefix) else { return false }
        let arcs = bytes.dropFirst(prefix.count).split(separator: 0x2E, omittingEmptySubsequences: false)
        guard arcs.count >= 2, let first = arcs.first, first.count == 1, let digit = first.first,
            digit >= 0x30, digit <= 0x32
        else { return false }
        return arcs.dropFirst().allSatisfy { arc in
            !arc.isEmpty && arc.allSatisfy(isDigit) && !(arc.count > 1 && arc.first == 0x30)
        }
    }

    /// `urn:uuid:` and 8-4-4-4-12 hex digits.
    static func isUUID(_ bytes: ArraySlice<UInt8>) -> Bool {
        let prefix = Array("urn:uuid:".utf8)
        guard bytes.starts(with: prefix) else { return false }
        return isBareUUID(bytes.dropFirst(prefix.count))
    }

    static func isBareUUID(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (position, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(position) {
                if byte != 0x2D { return false }
            } else if JSONScanner.hexValue(byte) == nil {
                return false
            }
        }
        return true
    }

    private static func number(_ bytes: ArraySlice<UInt8>, at position: Int, count: Int) -> Int? {
        guard position + count <= bytes.endIndex else { return nil }
        var value = 0
        for index in position..<position + count {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - 0x30)
        }
        return value
    }

    /// FHIR date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), dateTime (optionally `Thh:mm:ss[.f+](Z|±hh:mm)` after a
    /// full date; the zone is required with a time) and instant (time and zone required).
    static func isDate(_ bytes: ArraySlice<UInt8>, allowTime: Bool, requireTime: Bool) -> Bool {
        var position = bytes.startIndex
        guard let year = number(bytes, at: position, count: 4), year >= 1 else { return false }
        position += 4
        if position == bytes.endIndex { return !requireTime }
        guard bytes[position] == 0x2D, let month = number(bytes, at: position + 1, count: 2), (1...12).contains(month)
        else { return false }
        position += 3
        if position == bytes.endIndex { return !requireTime }
        guard bytes[position] == 0x2D, let day = number(bytes, at: position + 1, count: 2), (1...31).contains(day)
        else { return false }
        position += 3
        if position == bytes.endIndex { return !requireTime }
        guard allowTime, bytes[position] == UInt8(ascii: "T") else { return false }
        position += 1
        let length = timeLength(bytes[position...])
        guard length > 0 else { return false }
        position += length
        guard position < bytes.endIndex else { return false }  // zone required with a time
        if bytes[position] == UInt8(ascii: "Z") { return position + 1 == bytes.endIndex }
        guard bytes[position] == 0x2B || bytes[position] == 0x2D,
            let hours = number(bytes, at: position + 1, count: 2), position + 3 < bytes.endIndex,
            bytes[position + 3] == 0x3A, let minutes = number(bytes, at: position + 4, count: 2),
            position + 6 == bytes.endIndex
        else { return false }
        return (hours < 14 && minutes < 60) || (hours == 14 && minutes == 0)
    }

    /// Length of `hh:mm:ss[.f+]` at the start, or 0.
    static func timeLength(_ bytes: ArraySlice<UInt8>) -> Int {
        let start = bytes.startIndex
        guard let hours = number(bytes, at: start, count: 2), hours < 24, start + 2 < bytes.endIndex,
            bytes[start + 2] == 0x3A, let minutes = number(bytes, at: start + 3, count: 2), minutes < 60,
            start + 5 < bytes.endIndex, bytes[start + 5] == 0x3A, let seconds = number(bytes, at: start + 6, count: 2),
            seconds <= 60
        else { return 0 }
        var position = start + 8
        if position < bytes.endIndex, bytes[position] == 0x2E {
            position += 1
            let digitsStart = position
            while position < bytes.endIndex, isDigit(bytes[position]) { position += 1 }
            if position == digitsStart { return 0 }
        }
        return position - start
    }

    static func isBase64(_ bytes: [UInt8]) -> Bool {
        var count = 0
        for byte in bytes {
            if isWhitespace(byte) { continue }
            guard isDigit(byte) || JSONScanner.isLetter(byte) || byte == 0x2B || byte == 0x2F || byte == 0x3D else {
                return false
            }
            count += 1
        }
        return count % 4 == 0
    }

    static func isXHTML(_ bytes: [UInt8]) -> Bool {
        var position = 0
        while position < bytes.count, isWhitespace(bytes[position]) { position += 1 }
        return bytes[position...].starts(with: Array("<div".utf8))
    }
}

/// Syntax of `Reference.reference`.
enum ReferenceSyntax {
    static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, !bytes.contains(where: { $0 <= 0x20 }) else { return false }
        if bytes[0] == UInt8(ascii: "#") { return true }
        if bytes.starts(with: Array("urn:uuid:".utf8)) { return PrimitiveFormat.isUUID(bytes[...]) }
        if bytes.starts(with: Array("urn:oid:".utf8)) { return PrimitiveFormat.isOID(bytes[...]) }
        if text.contains("://") { return true }
        // Relative: Type/id[/_history/version], or a conditional Type?query (transactions).
        guard let typeEnd = bytes.firstIndex(where: { $0 == 0x2F || $0 == 0x3F }),
            FHIRResource.isResourceTypeName(String(decoding: bytes[..<typeEnd], as: UTF8.self))
        else { return false }
        if bytes[typeEnd] == 0x3F { return typeEnd + 1 < bytes.count }
        let parts = bytes[(typeEnd + 1)...].split(separator: 0x2F, omittingEmptySubsequences: false)
        guard let id = parts.first, PrimitiveFormat.isID(id) else { return false }
        if parts.count == 1 { return true }
        return parts.count == 3 && parts[1].elementsEqual("_history".utf8) && PrimitiveFormat.isID(parts[2])
    }
}
