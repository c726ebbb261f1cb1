/// One code of a code system with its display text.
///
/// ```swift
/// let male = Concept(code: "1", display: "男")
/// print(male)  // 1 男
/// ```
public struct Concept: Hashable, Sendable, CustomStringConvertible {
    /// The code, e.g. `1`.
    public var code: String
    /// The display text, e.g. `男`; empty when the table gives none.
    public var display: String

    /// Creates a concept.
    public init(code: String, display: String = "") {
        self.code = code
        self.display = display
    }

    public var description: String { display.isEmpty ? code : "\(code) \(display)" }
}

/// How a target concept relates to its source concept (FHIR R4 ConceptMapEquivalence).
///
/// A validated string value: the table's `equivalence` column holds one of these words; unknown words
/// are kept as they are.
///
/// ```swift
/// let equivalence = Equivalence(rawValue: "wider")
/// print(equivalence == .wider, Equivalence.wider.reversed)  // true narrower
/// ```
public struct Equivalence: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Same meaning.
    public static let equivalent = Equivalence(rawValue: "equivalent")
    /// Exactly the same concept.
    public static let equal = Equivalence(rawValue: "equal")
    /// The target is broader than the source.
    public static let wider = Equivalence(rawValue: "wider")
    /// The target is narrower than the source.
    public static let narrower = Equivalence(rawValue: "narrower")
    /// Some overlap.
    public static let inexact = Equivalence(rawValue: "inexact")
    /// Related in some other way.
    public static let relatedTo = Equivalence(rawValue: "relatedto")

    /// The relation read the other way round (`wider` ↔ `narrower`).
    public var reversed: Equivalence {
        switch self {
        case .wider: .narrower
        case .narrower: .wider
        default: self
        }
    }

    /// `true` for `equivalent` and `equal`.
    public var isExact: Bool { self == .equivalent || self == .equal }

    public var description: String { rawValue }
}
