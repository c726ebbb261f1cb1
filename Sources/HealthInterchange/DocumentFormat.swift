/// The interchange syntax of a piece of input, detected from its first bytes.
///
/// ```swift
/// let format = DocumentFormat.detect(Array("MSH|^~\\&|LIS".utf8))   // .hl7v2
/// ```
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// HL7 v2 ER7 ("pipe") messages, single or batched (MSH, FHS or BHS first).
    case hl7v2
    /// XML: CDA R2 documents (and, later, HL7 V3 messages).
    case xml
    /// One FHIR JSON resource (or Bundle).
    case fhirJSON = "fhir-json"
    /// NDJSON: one FHIR resource per line.
    case ndjson
    /// Tabular exports (CSV/TSV).
    case table

    public var description: String { rawValue }

    /// Detects the format from the first bytes of `bytes`, skipping a UTF-8 byte-order mark and
    /// leading white space. Returns `nil` when the bytes look like none of the formats.
    public static func detect(_ bytes: [UInt8]) -> DocumentFormat? {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let rest = bytes[index...]
        if rest.starts(with: Array("MSH".utf8)) || rest.starts(with: Array("FHS".utf8))
            || rest.starts(with: Array("BHS".utf8))
        {
            return .hl7v2
        }
        switch bytes[index] {
        case UInt8(ascii: "<"):
            return .xml
        case UInt8(ascii: "{"):
            // NDJSON when a second non-blank line also starts an object.
            var depth = 0
            var inString = false
            var escaped = false
            var position = index
            while position < bytes.count {
                let byte = bytes[position]
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == 0x5C {
                        escaped = true
                    } else if byte == 0x22 {
                        inString = false
                    }
                } else if byte == 0x22 {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { break }
                } else if byte == 0x0A && depth > 0 {
                    // Pretty-printed JSON spans lines: keep scanning.
                }
                position += 1
            }
            var next = position + 1
            var sawNewline = false
            while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) {
                if bytes[next] == 0x0A { sawNewline = true }
                next += 1
            }
            return sawNewline && next < bytes.count && bytes[next] == UInt8(ascii: "{") ? .ndjson : .fhirJSON
        default:
            return nil
        }
    }
}
