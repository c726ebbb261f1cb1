import HICore
import HIHL7v2

/// Byte-level reads of ER7 values for ``V2ReadState``: the n-th repetition, component or sub-component is found
/// by scanning the element's bytes for the delimiter (no intermediate `[HL7v2Element]` arrays, no `HL7v2Text`),
/// and a `String` is decoded only for the value asked for. The fast path covers values without an escape
/// character in a charset whose multi-byte characters never contain ASCII bytes (UTF-8, ASCII, Latin-1) and
/// that decode as HIHL7v2 would (ASCII, or valid UTF-8); anything else (escapes, GB18030, invalid bytes) takes
/// HIHL7v2's element accessors, so the values are the same either way.
struct V2ByteReader {
    let bytes: [UInt8]
    let repetition: UInt8?
    let component: UInt8?
    let subcomponent: UInt8?
    let escape: UInt8?
    /// Whether delimiters can be found by a plain byte scan and values decoded without HIHL7v2.
    let enabled: Bool
    let utf8: Bool

    init(_ message: HL7v2Message) {
        bytes = message.serializedBytes()
        let encoding = message.encodingCharacters
        repetition = encoding.repetition
        component = encoding.component
        subcomponent = encoding.subcomponent
        escape = encoding.escape
        let charset = message.charset
        utf8 = charset == .utf8
        enabled =
            !charset.hasASCIITrailBytes && charset != .utf16BE && charset != .utf16LE
    }

    /// Whether `range` lies in the message bytes (element ranges always do; checked so that a scan never traps).
    func holds(_ range: Range<Int>) -> Bool { range.lowerBound >= 0 && range.upperBound <= bytes.count }

    /// The first part of `range` split at `separator` (the whole range when there is none).
    @inline(__always)
    func first(_ range: Range<Int>, _ separator: UInt8?) -> Range<Int> {
        guard let separator else { return range }
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == separator { return range.lowerBound..<index }
            index += 1
        }
        return range
    }

    /// The part `number` (1-based) of `range` split at `separator`, or nil past the last part.
    @inline(__always)
    func part(_ range: Range<Int>, _ separator: UInt8?, _ number: Int) -> Range<Int>? {
        guard number >= 1 else { return nil }
        guard let separator else { return number == 1 ? range : nil }
        var start = range.lowerBound
        var seen = 1
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == separator {
                if seen == number { return start..<index }
                seen += 1
                start = index + 1
            }
            index += 1
        }
        return seen == number ? start..<range.upperBound : nil
    }

    /// The decoded text of `range`, or nil when HIHL7v2 must decode it (escape, non-ASCII outside valid UTF-8).
    func decode(_ range: Range<Int>) -> String? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        if range.isEmpty { return "" }
        return bytes.withUnsafeBufferPointer { buffer -> String? in
            let slice = UnsafeBufferPointer(rebasing: buffer[range])
            var ascii = true
            if let escape {
                for byte in slice {
                    if byte == escape { return nil }
                    if byte >= 0x80 { ascii = false }
                }
            } else {
                for byte in slice where byte >= 0x80 {
                    ascii = false
                    break
                }
            }
            if ascii { return String(decoding: slice, as: UTF8.self) }
            return utf8 ? String(validating: slice, as: UTF8.self) : nil
        }
    }

    /// The range of the components of `element`: its first repetition for a field, itself otherwise.
    func componentsRange(_ element: HL7v2Element) -> Range<Int>? {
        guard holds(element.byteRange) else { return nil }
        return switch element.level {
        case .field: first(element.byteRange, repetition)
        case .repetition: element.byteRange
        case .component, .subcomponent, .whole: nil
        }
    }
}

extension V2ReadState {
    /// Component `number` of `element` (its first sub-component when it has several), nil when empty or absent.
    func component(_ element: HL7v2Element, _ number: Int) -> String? {
        if reader.enabled, let range = reader.componentsRange(element) {
            guard let part = reader.part(range, reader.component, number) else { return nil }
            let value = reader.first(part, reader.subcomponent)
            if let text = reader.decode(value) { return text.isEmpty ? nil : text }
        }
        return Self.component(element, number)
    }

    /// Every component of `element` as text (sub-components as written), nil for empty ones.
    func components(_ element: HL7v2Element) -> [String?] {
        if reader.enabled, let range = reader.componentsRange(element) {
            var values: [String?] = []
            var start = range.lowerBound
            var index = range.lowerBound
            var failed = false
            func add(_ part: Range<Int>) {
                guard let text = reader.decode(part) else {
                    failed = true
                    return
                }
                values.append(text.isEmpty ? nil : text)
            }
            if let separator = reader.component {
                while index < range.upperBound {
                    if reader.bytes[index] == separator {
                        add(start..<index)
                        start = index + 1
                    }
                    index += 1
                }
            }
            add(start..<range.upperBound)
            if !failed { return values }
        }
        return Self.components(element)
    }

    /// The whole first repetition's text of `element` (components joined as written).
    func firstRepetitionText(_ element: HL7v2Element) -> String {
        if reader.enabled, element.level == .field, reader.holds(element.byteRange),
            let text = reader.decode(reader.first(element.byteRange, reader.repetition))
        {
            return text
        }
        return element.repetitions.first?.text.plainText ?? ""
    }

    /// Every repetition's text of `element`, one per line.
    func allRepetitionsText(_ element: HL7v2Element) -> String {
        if reader.enabled, element.level == .field, reader.holds(element.byteRange),
            reader.part(element.byteRange, reader.repetition, 2) == nil,
            let text = reader.decode(element.byteRange)
        {
            return text
        }
        return element.repetitions.map { $0.text.plainText }.joined(separator: "\n")
    }
}
