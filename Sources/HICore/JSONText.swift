/// Minimal JSON text helpers for the places that write small JSON documents (canonical dumps, issue
/// lists, summaries) without the FHIR codec.
///
/// ```swift
/// var out: [UInt8] = []
/// JSONText.appendString("a\"b\n", to: &out)   // "a\"b\n" with quotes and escapes
/// ```
public enum JSONText {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as a quoted, escaped JSON string.
    public static func appendString(_ value: String, to output: inout [UInt8]) {
        output.append(0x22)
        appendEscaped(value, to: &output)
        output.append(0x22)
    }

    /// Appends `value` JSON-escaped, without quotes: `"`, `\` and control characters (as `\n`, `\t`, … or
    /// `\u00XX`); everything else, non-ASCII included, as its UTF-8 bytes.
    public static func appendEscaped(_ value: String, to output: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: output.append(contentsOf: [0x5C, 0x72])
            case 0x09: output.append(contentsOf: [0x5C, 0x74])
            case 0x08: output.append(contentsOf: [0x5C, 0x62])
            case 0x0C: output.append(contentsOf: [0x5C, 0x66])
            case 0x00..<0x20:
                output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: output.append(byte)
            }
        }
    }

    /// `value` as a quoted, escaped JSON string.
    public static func quoted(_ value: String) -> String {
        var output: [UInt8] = []
        appendString(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

extension Issue {
    /// This issue as one compact JSON object:
    /// `{"severity":"error","code":"HI-V2-0003","message":"…","location":{"file":…,"byteOffset":…}}`.
    public var jsonText: String {
        var fields: [String] = []
        if let file = location.file { fields.append("\"file\":\(JSONText.quoted(file))") }
        if let record = location.record { fields.append("\"record\":\(record)") }
        if let path = location.path { fields.append("\"path\":\(JSONText.quoted(path))") }
        if let offset = location.byteOffset { fields.append("\"byteOffset\":\(offset)") }
        if let line = location.line { fields.append("\"line\":\(line)") }
        if let column = location.column { fields.append("\"column\":\(column)") }
        return "{\"severity\":\"\(severity)\",\"code\":\(JSONText.quoted(code.rawValue)),"
            + "\"message\":\(JSONText.quoted(message)),\"location\":{\(fields.joined(separator: ","))}}"
    }
}
