/// A directed crosswalk from one code system to another, read from the rows of a table with both columns.
///
/// For each source code the first row that gives a target code wins; a source code listed only in rows
/// without a target is known but unmapped. The `equivalence` column (when present) says how the row's
/// later columns relate to its earlier ones; read right to left, `wider` and `narrower` swap.
///
/// ```swift
/// let map = TerminologyTables.builtIn.crosswalk(from: "hl7-0001", to: "gb-t-2261.1")
/// print(map?.target(for: "F")?.concept.display ?? "")  // 女
/// ```
public struct ConceptMap: Sendable, Hashable {
    /// One mapping of a source code.
    ///
    /// ```swift
    /// let target = map.target(for: "F")   // concept 2 女, equivalence .equivalent
    /// ```
    public struct Target: Sendable, Hashable {
        /// The target concept.
        public let concept: Concept
        /// How the target relates to the source.
        public let equivalence: Equivalence
    }

    /// The table the crosswalk comes from.
    public let table: String
    /// The source code system name.
    public let source: String
    /// The target code system name.
    public let target: String
    /// Every source concept the table lists (mapped or not), in table order.
    public let sourceConcepts: [Concept]
    private let targets: [String: Target]
    private let known: Set<String>

    /// Builds the crosswalk `source` → `target` from `table`; `nil` when the table lacks either column.
    public init?(table: TerminologyTable, source: String, target: String) {
        guard let sourceIndex = table.column(source), let targetIndex = table.column(target), source != target
        else { return nil }
        let sourceDisplay = table.column(source + ".display")
        let targetDisplay = table.column(target + ".display")
        let equivalenceIndex = table.column("equivalence")
        let forwards = sourceIndex < targetIndex
        var targets: [String: Target] = [:]
        var concepts: [Concept] = []
        var known: Set<String> = []
        for row in table.rows {
            let code = row[sourceIndex]
            guard !code.isEmpty else { continue }
            if known.insert(code).inserted {
                concepts.append(Concept(code: code, display: sourceDisplay.map { row[$0] } ?? ""))
            }
            let targetCode = row[targetIndex]
            guard !targetCode.isEmpty, targets[code] == nil else { continue }
            var equivalence = Equivalence.equivalent
            if let equivalenceIndex, !row[equivalenceIndex].isEmpty {
                equivalence = Equivalence(rawValue: row[equivalenceIndex])
                if !forwards { equivalence = equivalence.reversed }
            }
            targets[code] = Target(
                concept: Concept(code: targetCode, display: targetDisplay.map { row[$0] } ?? ""),
                equivalence: equivalence)
        }
        self.table = table.name
        self.source = source
        self.target = target
        self.sourceConcepts = concepts
        self.targets = targets
        self.known = known
    }

    /// The mapping of `code`, or `nil` when it has none.
    public func target(for code: String) -> Target? { targets[code] }

    /// `true` when the table lists `code` as a source code (with or without a mapping).
    public func knows(_ code: String) -> Bool { known.contains(code) }

    /// Number of source codes with a mapping.
    public var mappedCount: Int { targets.count }

    public static func == (lhs: ConceptMap, rhs: ConceptMap) -> Bool {
        lhs.table == rhs.table && lhs.source == rhs.source && lhs.target == rhs.target
            && lhs.sourceConcepts == rhs.sourceConcepts && lhs.targets == rhs.targets
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(table)
        hasher.combine(source)
        hasher.combine(target)
    }
}
