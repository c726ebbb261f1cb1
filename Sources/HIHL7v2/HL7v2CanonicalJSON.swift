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
        var writer = HL7v2CanonicalWriter(storage: storage)
        storage.bytes.withUnsafeBufferPointer { writer.write($0) }
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// The same as ``canonicalJSON()``, built from element views (slower); kept as a test oracle.
    func canonicalJSONReference() -> String {
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

/// Writes canonical JSON straight from byte ranges: no element views, and leaves that need no unescaping or
/// decoding are copied as bytes.
struct HL7v2CanonicalWriter {
    let storage: HL7v2Storage
    var output: [UInt8] = []

    init(storage: HL7v2Storage) {
        self.storage = storage
        output.reserveCapacity(storage.bytes.count * 2 + 64)
    }

    mutating func write(_ buffer: UnsafeBufferPointer<UInt8>) {
        output.append(contentsOf: #"{"segments":["#.utf8)
        for index in 0..<storage.segmentCount {
            if index > 0 { output.append(0x2C) }
            output.append(contentsOf: #"{"id":"#.utf8)
            JSONText.appendString(storage.segmentID(index), to: &output)
            output.append(contentsOf: #","fields":["#.utf8)
            let listStart = output.count
            var lastKept = listStart
            let count = storage.fieldCount(index)
            if count > 0 {
                for number in 1...count {
                    guard let (range, level) = storage.field(index, number) else { continue }
                    if number > 1 { output.append(0x2C) }
                    if level == .whole {
                        output.append(contentsOf: "[[[".utf8)
                        JSONText.appendString(HL7v2Escaping.decode(storage, storage.bytes[range]), to: &output)
                        output.append(contentsOf: "]]]".utf8)
                        lastKept = output.count
                    } else if writeField(buffer, range) {
                        lastKept = output.count
                    }
                }
            }
            output.removeSubrange(lastKept...)
            output.append(contentsOf: "]}".utf8)
        }
        output.append(contentsOf: "]}".utf8)
    }

    /// The index of the next `separator` in `start..<end`, or `end`.
    func next(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ separator: UInt8?) -> Int {
        guard let separator else { return end }
        var index = start
        while index < end {
            let byte = buffer[index]
            if byte == separator { return index }
            if byte >= 0x80 && storage.stepsCharacters {
                index += Scanner.gbLength(buffer, index, fourByte: storage.charset == .gb18030) ?? 1
            } else {
                index += 1
            }
        }
        return end
    }

    /// Writes one field; `true` when anything is left after dropping trailing empties.
    mutating func writeField(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let encoding = storage.encoding
        output.append(0x5B)
        let fieldStart = output.count
        var keptRepetition = fieldStart
        var repetitionStart = range.lowerBound
        while true {
            let repetitionEnd = next(buffer, repetitionStart, range.upperBound, encoding.repetition)
            if repetitionStart > range.lowerBound { output.append(0x2C) }
            output.append(0x5B)
            let componentsStart = output.count
            var keptComponent = componentsStart
            var componentStart = repetitionStart
            while true {
                let componentEnd = next(buffer, componentStart, repetitionEnd, encoding.component)
                if componentStart > repetitionStart { output.append(0x2C) }
                output.append(0x5B)
                let subcomponentsStart = output.count
                var keptSubcomponent = subcomponentsStart
                var subcomponentStart = componentStart
                while true {
                    let subcomponentEnd = next(buffer, subcomponentStart, componentEnd, encoding.subcomponent)
                    if subcomponentStart > componentStart { output.append(0x2C) }
                    writeLeaf(buffer, subcomponentStart..<subcomponentEnd)
                    if subcomponentEnd > subcomponentStart { keptSubcomponent = output.count }
                    if subcomponentEnd >= componentEnd { break }
                    subcomponentStart = subcomponentEnd + 1
                }
                output.removeSubrange(keptSubcomponent...)
                output.append(0x5D)
                if keptSubcomponent > subcomponentsStart { keptComponent = output.count }
                if componentEnd >= repetitionEnd { break }
                componentStart = componentEnd + 1
            }
            output.removeSubrange(keptComponent...)
            output.append(0x5D)
            if keptComponent > componentsStart { keptRepetition = output.count }
            if repetitionEnd >= range.upperBound { break }
            repetitionStart = repetitionEnd + 1
        }
        output.removeSubrange(keptRepetition...)
        output.append(0x5D)
        return keptRepetition > fieldStart
    }

    /// Writes one leaf as a JSON string: copied as bytes when it holds no escape and is ASCII (or valid
    /// UTF-8 in a UTF-8 message), decoded and unescaped otherwise.
    mutating func writeLeaf(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        let escape = storage.encoding.escape
        var plain = true
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = buffer[index]
            if byte == escape || byte < 0x20 || byte == 0x7F {
                plain = false
                break
            }
            if byte >= 0x80 {
                guard storage.charset == .utf8, let length = HL7v2UTF8.length(buffer, index),
                    index + length <= range.upperBound
                else {
                    plain = false
                    break
                }
                index += length
            } else {
                index += 1
            }
        }
        guard plain else {
            let value =
                HL7v2Escaping.canonicalValue(storage, range)
                ?? HL7v2Escaping.text(storage, range).canonicalString(escape: escape ?? 0x5C)
            JSONText.appendString(value, to: &output)
            return
        }
        output.append(0x22)
        for position in range {
            let byte = buffer[position]
            if byte == 0x22 || byte == 0x5C { output.append(0x5C) }
            output.append(byte)
        }
        output.append(0x22)
    }
}
