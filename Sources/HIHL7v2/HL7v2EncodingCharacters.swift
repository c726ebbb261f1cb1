/// The delimiters of an HL7 v2 message, read from MSH-1 and MSH-2 (or FHS/BHS): field, component,
/// repetition, escape, sub-component and (v2.7+) truncation characters.
///
/// A message may declare fewer than four encoding characters; the missing ones are `nil` and the
/// corresponding level is never split (or, for the escape character, no escapes are recognised).
///
/// ```swift
/// let standard = HL7v2EncodingCharacters.standard
/// print(standard.msh2)                  // ^~\&
/// print(Character(Unicode.Scalar(standard.field)))  // |
/// ```
public struct HL7v2EncodingCharacters: Sendable, Hashable, CustomStringConvertible {
    /// Field separator (MSH-1), usually `|`.
    public var field: UInt8
    /// Component separator, usually `^`.
    public var component: UInt8?
    /// Repetition separator, usually `~`.
    public var repetition: UInt8?
    /// Escape character, usually `\`.
    public var escape: UInt8?
    /// Sub-component separator, usually `&`.
    public var subcomponent: UInt8?
    /// Truncation character (v2.7+), usually `#`.
    public var truncation: UInt8?

    /// Creates a set of delimiters.
    public init(
        field: UInt8 = 0x7C, component: UInt8? = 0x5E, repetition: UInt8? = 0x7E, escape: UInt8? = 0x5C,
        subcomponent: UInt8? = 0x26, truncation: UInt8? = nil
    ) {
        self.field = field
        self.component = component
        self.repetition = repetition
        self.escape = escape
        self.subcomponent = subcomponent
        self.truncation = truncation
    }

    /// `|^~\&`, the delimiters nearly every feed uses.
    public static let standard = HL7v2EncodingCharacters()

    /// MSH-2 as written by ``HL7v2Message/build(encodingCharacters:charset:)``: component, repetition,
    /// escape, sub-component and truncation characters, stopping at the first one that is missing.
    public var msh2: String {
        var bytes: [UInt8] = []
        for byte in [component, repetition, escape, subcomponent, truncation] {
            guard let byte else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { String(decoding: [field], as: UTF8.self) + msh2 }

    /// The separator that splits `level` into its children, if any.
    func separator(below level: HL7v2Element.Level) -> UInt8? {
        switch level {
        case .field: repetition
        case .repetition: component
        case .component: subcomponent
        case .subcomponent, .whole: nil
        }
    }
}
