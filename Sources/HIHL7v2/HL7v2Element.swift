import HICore

/// A view of one field, repetition, component or sub-component: a byte range in the message. Children are
/// split on demand; the value is decoded (in the message's charset) only when asked for.
///
/// ```swift
/// let message = try HL7v2Message(parsing: Array("MSH|^~\\&|LIS\rPID|1||A1^^^HOSP^MR~B2\r".utf8))
/// let pid3 = message.segments[1].field(3)!
/// print(pid3.repetitions.count)                       // 2
/// print(pid3.repetitions[0].components[3].value)      // HOSP
/// ```
public struct HL7v2Element: Sendable {
    /// How deep in the tree an element sits.
    ///
    /// ```swift
    /// print(HL7v2Element.Level.component)  // component
    /// ```
    public enum Level: Sendable, Hashable, CustomStringConvertible {
        /// A whole field (all its repetitions).
        case field
        /// One repetition of a field.
        case repetition
        /// One component of a repetition.
        case component
        /// One sub-component of a component.
        case subcomponent
        /// A field kept whole, never split: MSH-1 and MSH-2 (and FHS/BHS-1 and -2).
        case whole

        public var description: String {
            switch self {
            case .field: "field"
            case .repetition: "repetition"
            case .component: "component"
            case .subcomponent: "subcomponent"
            case .whole: "whole"
            }
        }

        var child: Level? {
            switch self {
            case .field: .repetition
            case .repetition: .component
            case .component: .subcomponent
            case .subcomponent, .whole: nil
            }
        }
    }

    let storage: HL7v2Storage
    /// The byte range of this element in ``HL7v2Message/serializedBytes()``.
    public let byteRange: Range<Int>
    /// The level of this element.
    public let level: Level

    init(storage: HL7v2Storage, byteRange: Range<Int>, level: Level) {
        self.storage = storage
        self.byteRange = byteRange
        self.level = level
    }

    /// The raw ER7 bytes, escapes and delimiters as written.
    public var rawBytes: ArraySlice<UInt8> { storage.bytes[byteRange] }

    /// `true` when the element holds no bytes.
    public var isEmpty: Bool { byteRange.isEmpty }

    /// The children one level down (repetitions of a field, components of a repetition, …); a leaf has none.
    public var children: [HL7v2Element] {
        guard let child = level.child else { return [] }
        return storage.splitElements(byteRange, at: storage.encoding.separator(below: level), level: child)
    }

    /// The repetitions of a field (a repetition, component or sub-component answers itself).
    public var repetitions: [HL7v2Element] { level == .field ? children : [self] }

    /// The components of a repetition (or of the first repetition of a field).
    public var components: [HL7v2Element] {
        switch level {
        case .field: repetitions.first?.children ?? []
        case .repetition: children
        case .component, .subcomponent, .whole: [self]
        }
    }

    /// The sub-components of a component.
    public var subcomponents: [HL7v2Element] { level == .component ? children : [self] }

    /// The decoded value with its escapes as structure.
    public var text: HL7v2Text {
        if level == .whole { return HL7v2Text(HL7v2Escaping.decode(storage, rawBytes)) }
        return HL7v2Escaping.text(storage, byteRange)
    }

    /// The decoded value: delimiter and hex escapes resolved, formatting and charset escapes kept as written
    /// (the form canonical JSON uses). Delimiters inside a field or component stay as written.
    public var value: String {
        if level == .whole { return HL7v2Escaping.decode(storage, rawBytes) }
        if let value = HL7v2Escaping.plainValue(storage, byteRange) { return value }
        // Without an escape character in the range the value is the decoded bytes (no runs to build).
        if !HL7v2Escaping.containsEscape(storage, byteRange) { return HL7v2Escaping.decode(storage, rawBytes) }
        if let value = HL7v2Escaping.canonicalValue(storage, byteRange) { return value }
        return text.canonicalString(escape: storage.encoding.escape ?? 0x5C)
    }

    /// The element as ER7 text decoded in the message's charset, escapes and delimiters as written.
    public var er7: String { HL7v2Escaping.decode(storage, rawBytes) }
}
