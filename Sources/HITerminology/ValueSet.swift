/// The codes of one code system that the tables know, with their display texts.
///
/// Built by ``TerminologyTables`` from every code column naming the system (first display wins).
///
/// ```swift
/// let ethnicity = TerminologyTables.builtIn.valueSet(for: "gb-3304")
/// print(ethnicity?.concept(code: "01")?.display ?? "")  // 汉族
/// ```
public struct ValueSet: Sendable, Hashable {
    /// The code system name.
    public let system: String
    /// The concepts in table order, each code once.
    public let concepts: [Concept]
    private let index: [String: Int]

    /// Creates a value set; repeated codes keep their first display.
    public init(system: String, concepts: [Concept]) {
        var unique: [Concept] = []
        var index: [String: Int] = [:]
        for concept in concepts where !concept.code.isEmpty && index[concept.code] == nil {
            index[concept.code] = unique.count
            unique.append(concept)
        }
        self.system = system
        self.concepts = unique
        self.index = index
    }

    /// The concept with `code`, or `nil`.
    public func concept(code: String) -> Concept? {
        guard let position = index[code] else { return nil }
        return concepts[position]
    }

    /// `true` when `code` is in the value set.
    public func contains(_ code: String) -> Bool { index[code] != nil }

    public static func == (lhs: ValueSet, rhs: ValueSet) -> Bool {
        lhs.system == rhs.system && lhs.concepts == rhs.concepts
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(system)
        hasher.combine(concepts.count)
    }
}
