import HICore

/// Writes a ``JSONValue`` tree in one of two canonical layouts.
///
/// - ``Style/pretty``: the layout of the FHIR specification's examples: 2-space indent, `"key": value`,
///   one member or array element per line, `[]`/`{}` for empty containers, and a final line feed.
/// - ``Style/compact``: no white space at all and no final line feed (one NDJSON line).
///
/// Strings and numbers are written with their source bytes (escapes and digits as read), so reading then
/// writing a file that is already in one of the layouts gives the same bytes.
///
/// ```swift
/// let tree = try JSONReader.read(Array(#"{"a":[1.50,"x"]}"#.utf8))
/// print(String(decoding: JSONWriter.write(tree, style: .compact), as: UTF8.self))  // {"a":[1.50,"x"]}
/// ```
public enum JSONWriter {
    /// The output layout.
    ///
    /// ```swift
    /// let line = JSONWriter.write(tree, style: .compact)   // one NDJSON line, no final line feed
    /// ```
    public enum Style: Sendable, Hashable {
        /// 2-space indented, final line feed.
        case pretty
        /// No white space.
        case compact
    }

    /// Writes `value`.
    public static func write(_ value: JSONValue, style: Style = .pretty) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        append(value, style: style, to: &output)
        return output
    }

    /// Appends `value` to `output`.
    public static func append(_ value: JSONValue, style: Style, to output: inout [UInt8]) {
        switch style {
        case .pretty:
            writePretty(value, indent: 0, to: &output)
            output.append(0x0A)
        case .compact:
            writeCompact(value, to: &output)
        }
    }

    private static func writeScalar(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(true): output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        case .bool(false): output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .number(let number): output.append(contentsOf: number.rawBytes)
        case .string(let string):
            output.append(0x22)
            output.append(contentsOf: string.rawBytes)
            output.append(0x22)
        case .array, .object: break
        }
    }

    private static func writeCompact(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .array(let elements):
            output.append(0x5B)
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(0x2C) }
                writeCompact(element, to: &output)
            }
            output.append(0x5D)
        case .object(let object):
            output.append(0x7B)
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(0x2C) }
                output.append(0x22)
                output.append(contentsOf: member.key.rawBytes)
                output.append(contentsOf: [0x22, 0x3A])
                writeCompact(member.value, to: &output)
            }
            output.append(0x7D)
        default:
            writeScalar(value, to: &output)
        }
    }

    private static func newline(_ indent: Int, to output: inout [UInt8]) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: indent))
    }

    private static func writePretty(_ value: JSONValue, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .array(let elements):
            output.append(0x5B)
            guard !elements.isEmpty else {
                output.append(0x5D)
                return
            }
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(0x2C) }
                newline(indent + 2, to: &output)
                writePretty(element, indent: indent + 2, to: &output)
            }
            newline(indent, to: &output)
            output.append(0x5D)
        case .object(let object):
            output.append(0x7B)
            guard !object.members.isEmpty else {
                output.append(0x7D)
                return
            }
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(0x2C) }
                newline(indent + 2, to: &output)
                output.append(0x22)
                output.append(contentsOf: member.key.rawBytes)
                output.append(contentsOf: [0x22, 0x3A, 0x20])
                writePretty(member.value, indent: indent + 2, to: &output)
            }
            newline(indent, to: &output)
            output.append(0x7D)
        default:
            writeScalar(value, to: &output)
        }
    }

    /// Appends `text` JSON-escaped (without quotes): `"`, `\`, and control characters.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        JSONText.appendEscaped(text, to: &output)
    }
}
