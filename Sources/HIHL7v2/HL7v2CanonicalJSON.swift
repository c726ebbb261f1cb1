import HICore

extension HL7v2Message {
    /// The message as one line of canonical JSON, the form used to compare v2 parsers:
    /// `{"segments":[{"id":"PID","fields":[F1,F2,…]}]}` (compact, no spaces).
    ///
    /// `fields[0]` is field 1; each field is a list of repetitions, each a list of components, each a list
    /// of sub-component strings. MSH/FHS/BHS fields 1 and 2 are kept whole (`[[["|"]]]`, `[[["^~\\&"]]]`).
    /// Empty trailing sub-components, components, repetitions and fields are dropped at every level;
    /// interior empties stay: an empty sub-component is `""`, and a component, repetition or field with
    /// nothing left after dropping its trailing empties is `[]`. Leaves resolve `\F\ \S\ \T\ \R\ \E\ \P\`
    /// and `\Xhh\` (hex bytes read as UTF-8, else Latin-1) and keep formatting and charset escapes as
    /// written; values are decoded in the message's charset.
    ///
    /// ```swift
    /// let message = try HL7v2Message(parsing: Array("MSH|^~\\&|A\rPID|1||X^^Y~\r".utf8))
    /// print(message.canonicalJSON())
    /// // {"segments":[{"id":"MSH","fields":[[[["|"]]],[[["^~\\&"]]],[[["A"]]]]},
    /// //  {"id":"PID","fields":[[[["1"]]],[],[[["X"],[],["Y"]]]]}]}   (one line)
    /// ```
    public func canonicalJSON() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(storage.bytes.count * 2)
        output.append(contentsOf: #"{"segments":["#.utf8)
        for (position, segment) in segments.enumerated() {
            if position > 0 { output.append(0x2C) }
            output.append(contentsOf: #"{"id":"#.utf8)
            JSONText.appendString(segment.id, to: &output)
            output.append(contentsOf: #","fields":"#.utf8)
            var fields: [[[[String]]]] = segment.fields.map(Self.canonicalField)
            while let last = fields.last, last.isEmpty { fields.removeLast() }
            Self.write(fields, to: &output)
            output.append(0x7D)
        }
        output.append(contentsOf: "]}".utf8)
        return String(decoding: output, as: UTF8.self)
    }

    static func canonicalField(_ field: HL7v2Element) -> [[[String]]] {
        if field.level == .whole { return [[[field.value]]] }
        var repetitions: [[[String]]] = field.children.map { repetition in
            var components: [[String]] = repetition.children.map { component in
                var subcomponents = component.children.map(\.value)
                while let last = subcomponents.last, last.isEmpty { subcomponents.removeLast() }
                return subcomponents
            }
            while let last = components.last, last.isEmpty { components.removeLast() }
            return components
        }
        while let last = repetitions.last, last.isEmpty { repetitions.removeLast() }
        return repetitions
    }

    static func write(_ fields: [[[[String]]]], to output: inout [UInt8]) {
        output.append(0x5B)
        for (f, field) in fields.enumerated() {
            if f > 0 { output.append(0x2C) }
            output.append(0x5B)
            for (r, repetition) in field.enumerated() {
                if r > 0 { output.append(0x2C) }
                output.append(0x5B)
                for (c, component) in repetition.enumerated() {
                    if c > 0 { output.append(0x2C) }
                    output.append(0x5B)
                    for (s, value) in component.enumerated() {
                        if s > 0 { output.append(0x2C) }
                        JSONText.appendString(value, to: &output)
                    }
                    output.append(0x5D)
                }
                output.append(0x5D)
            }
            output.append(0x5D)
        }
        output.append(0x5D)
    }
}
