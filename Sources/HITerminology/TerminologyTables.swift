import Foundation
public import HICore

/// The code systems, value sets, crosswalks and GB/T 2260 regions the library translates with: the
/// built-in `Mappings/` tables, optionally overridden and extended from a directory or through the API.
///
/// An immutable value: build it once and pass it explicitly to whatever translates codes. Lookups are
/// dictionary reads built when the value is made.
///
/// ```swift
/// let tables = TerminologyTables.builtIn
/// let sex = try tables.translate("F", from: "hl7-0001", to: "gb-t-2261.1")
/// print(sex.code)                                           // 2 女
///
/// // Site tables override built-in tables of the same name and add new ones:
/// let site = try TerminologyTables(loadingDirectory: "/etc/hix/mappings")
/// print(site.codeSystem(matching: "2.16.840.1.113883.12.1")?.name ?? "")  // hl7-0001
/// ```
public struct TerminologyTables: Sendable {
    /// The known code systems, in registration order.
    public private(set) var codeSystems: [CodeSystem] = []
    /// The tables, in load order (later tables win when two map the same pair of systems).
    public private(set) var tables: [TerminologyTable] = []

    private var systemsByName: [String: CodeSystem] = [:]
    private var systemsByOID: [String: CodeSystem] = [:]
    private var systemsByURI: [String: CodeSystem] = [:]
    private var valueSets: [String: ValueSet] = [:]
    private var crosswalks: [String: ConceptMap] = [:]
    private var regionIndex: [String: [Region]] = [:]

    /// The name of the table that lists code systems (`code-systems.tsv`: name, oid, uri, title, version).
    public static let codeSystemsTableName = "code-systems"
    /// The name of the GB/T 2260 region table.
    public static let regionsTableName = "gb-t-2260-regions"

    /// An empty set of tables.
    public init() {}

    /// Tables and code systems given directly.
    /// - Parameters:
    ///   - tables: the tables; a later table replaces an earlier one of the same name.
    ///   - codeSystems: the code systems; a later one replaces an earlier one of the same name.
    public init(tables: [TerminologyTable], codeSystems: [CodeSystem] = CodeSystem.wellKnown) {
        for system in codeSystems { registerSystem(system) }
        for table in tables { replaceTable(table) }
        rebuildIndexes()
    }

    /// The tables shipped in the library (generated from `Mappings/`), parsed on first use.
    public static let builtIn: TerminologyTables = {
        do {
            return try TerminologyTables(builtInTexts: BuiltInTableText.all)
        } catch {
            // The built-in tables are checked by the test suite; reaching this is a build defect.
            preconditionFailure("built-in Mappings tables are invalid: \(error)")
        }
    }()

    init(builtInTexts: [(name: String, text: String)]) throws(TerminologyError) {
        var systems = CodeSystem.wellKnown
        if let registry = builtInTexts.first(where: { $0.name == Self.codeSystemsTableName }) {
            systems += try Self.parseCodeSystems(Array(registry.text.utf8), file: registry.name + ".tsv")
        }
        for system in systems { registerSystem(system) }
        let known = Set(systemsByName.keys)
        for entry in builtInTexts where entry.name != Self.codeSystemsTableName {
            replaceTable(try TerminologyTable(name: entry.name, text: entry.text, knownSystems: known))
        }
        rebuildIndexes()
    }

    /// These tables with the `*.tsv` tables of `directory` added: a table whose name (file name without
    /// `.tsv`) matches an existing one replaces it; a `code-systems.tsv` there adds or replaces code systems.
    /// - Parameters:
    ///   - directory: the directory path.
    ///   - base: the tables to start from (default: the built-in ones).
    /// - Throws: ``TerminologyError`` `.unreadableTable` when the directory or a file cannot be read,
    ///   `.malformedTable` / `.invalidCodeSystem` for a bad table.
    public init(loadingDirectory directory: String, over base: TerminologyTables = .builtIn)
        throws(TerminologyError)
    {
        self = base
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TerminologyError(
                .unreadableTable, "cannot list the mappings directory", at: SourceLocation(file: directory))
        }
        let tableFiles = names.filter { $0.hasSuffix(".tsv") && !$0.hasPrefix(".") }.sorted()
        var contents: [(name: String, file: String, bytes: [UInt8])] = []
        for file in tableFiles {
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            do {
                contents.append((String(file.dropLast(4)), path, try ByteSource.readFile(path)))
            } catch {
                throw TerminologyError(.unreadableTable, "cannot read the table file", at: SourceLocation(file: path))
            }
        }
        if let registry = contents.first(where: { $0.name == Self.codeSystemsTableName }) {
            for system in try Self.parseCodeSystems(registry.bytes, file: registry.file) { registerSystem(system) }
        }
        let known = Set(systemsByName.keys)
        for entry in contents where entry.name != Self.codeSystemsTableName {
            replaceTable(
                try TerminologyTable(name: entry.name, bytes: entry.bytes, knownSystems: known, file: entry.file))
        }
        rebuildIndexes()
    }

    /// These tables with `table` added (replacing a table of the same name).
    public func adding(_ table: TerminologyTable) -> TerminologyTables {
        var copy = self
        copy.add(table)
        return copy
    }

    /// Adds `table`, replacing a table of the same name.
    public mutating func add(_ table: TerminologyTable) {
        replaceTable(table)
        rebuildIndexes()
    }

    /// These tables with `system` registered (replacing a system of the same name).
    public func adding(_ system: CodeSystem) -> TerminologyTables {
        var copy = self
        copy.registerSystem(system)
        copy.rebuildIndexes()
        return copy
    }

    // MARK: Lookups

    /// The table named `name`.
    public func table(named name: String) -> TerminologyTable? { tables.first { $0.name == name } }

    /// The code system named `name` (`hl7-0001`).
    public func codeSystem(named name: String) -> CodeSystem? { systemsByName[name] }

    /// The code system with this OID.
    public func codeSystem(oid: String) -> CodeSystem? { systemsByOID[oid] }

    /// The code system with this FHIR URI (or `urn:oid:` URI).
    public func codeSystem(uri: String) -> CodeSystem? {
        if let system = systemsByURI[uri] { return system }
        if uri.hasPrefix("urn:oid:") { return systemsByOID[String(uri.dropFirst(8))] }
        return nil
    }

    /// The code system known by `key`: a name, an OID, a FHIR URI or a `urn:oid:` URI.
    public func codeSystem(matching key: String) -> CodeSystem? {
        systemsByName[key] ?? systemsByOID[key] ?? codeSystem(uri: key)
    }

    /// The codes of `system` (a name, OID or URI) that the tables list.
    public func valueSet(for system: String) -> ValueSet? { valueSets[resolveName(system)] }

    /// The crosswalk `source` → `target` (names, OIDs or URIs), from the last table holding both columns.
    public func crosswalk(from source: String, to target: String) -> ConceptMap? {
        crosswalks[resolveName(source) + ">" + resolveName(target)]
    }

    /// Every crosswalk, sorted by source and target.
    public var allCrosswalks: [ConceptMap] {
        crosswalks.values.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
    }

    /// Every entry of the GB/T 2260 code `code` (several when it was renamed), current entries first.
    public func regions(code: String) -> [Region] { regionIndex[code] ?? [] }

    /// The best entry for `code`: the current one, otherwise the one with the latest last revision.
    public func region(code: String) -> Region? { regionIndex[code]?.first }

    /// The province and prefecture above `code` and the entry for `code` itself, top down
    /// (`湖北省`, `武汉市`, `武昌区` for `420106`); levels the tables do not know are left out.
    public func regionHierarchy(code: String) -> [Region] {
        guard code.utf8.count == 6 else { return [] }
        let province = String(code.prefix(2)) + "0000"
        let prefecture = String(code.prefix(4)) + "00"
        var result: [Region] = []
        if province != code, let region = region(code: province) { result.append(region) }
        if prefecture != code, prefecture != province, let region = region(code: prefecture) { result.append(region) }
        if let region = region(code: code) { result.append(region) }
        return result
    }

    // MARK: Translation

    /// Translates `code` from `source` to `target` (code-system names, OIDs or URIs).
    /// - Parameters:
    ///   - code: the source code.
    ///   - source: the source code system.
    ///   - target: the target code system.
    ///   - policy: what to do when the code has no mapping (default: keep the source code and warn).
    ///   - location: where the code was found, for the issues.
    /// - Returns: the result with its issues; an unmapped code always yields an issue.
    /// - Throws: ``TerminologyError`` `.noCrosswalk` when no table maps the pair, `.unmappedCode` when the
    ///   code has no mapping and `policy` is `.fail`.
    public func translate(
        _ code: String, from source: String, to target: String, policy: UnmappedCodePolicy = .keepSource,
        at location: SourceLocation = .unknown
    ) throws(TerminologyError) -> Translation {
        let sourceName = resolveName(source)
        let targetName = resolveName(target)
        guard let map = crosswalks[sourceName + ">" + targetName] else {
            throw TerminologyError(
                .noCrosswalk, "no table maps '\(sourceName)' to '\(targetName)'", at: location)
        }
        let sourceDisplay =
            map.sourceConcepts.first { $0.code == code }?.display ?? valueSets[sourceName]?.concept(code: code)?.display
            ?? ""
        let sourceConcept = Concept(code: code, display: sourceDisplay)
        var issues: [Issue] = []
        if let mapped = map.target(for: code) {
            var concept = mapped.concept
            if concept.display.isEmpty, let display = valueSets[targetName]?.concept(code: concept.code)?.display {
                concept.display = display
            }
            if !mapped.equivalence.isExact {
                issues.append(
                    Issue(
                        .information, code: "HI-TERM-0006",
                        "code '\(code)' of \(sourceName) maps to \(targetName) '\(concept.code)' as "
                            + "'\(mapped.equivalence)' (table \(map.table))", at: location))
            }
            return Translation(
                source: sourceConcept, sourceSystem: sourceName, code: concept, system: targetName,
                outcome: .mapped(mapped.equivalence), table: map.table, issues: issues)
        }
        if !map.knows(code) && valueSets[sourceName]?.contains(code) != true {
            issues.append(
                Issue(
                    .warning, code: "HI-TERM-0007", "code '\(code)' is not in code system \(sourceName)", at: location))
        }
        switch policy {
        case .fail:
            throw TerminologyError(
                .unmappedCode, "code '\(code)' of \(sourceName) has no mapping to \(targetName) (table \(map.table))",
                at: location)
        case .keepSource:
            issues.append(
                Issue(
                    .warning, code: "HI-TERM-0003",
                    "code '\(code)' of \(sourceName) has no mapping to \(targetName) (table \(map.table)); "
                        + "kept the source code", at: location))
            return Translation(
                source: sourceConcept, sourceSystem: sourceName, code: sourceConcept, system: sourceName,
                outcome: .keptSource, table: map.table, issues: issues)
        case .useDefault(let fallback):
            issues.append(
                Issue(
                    .warning, code: "HI-TERM-0004",
                    "code '\(code)' of \(sourceName) has no mapping to \(targetName) (table \(map.table)); "
                        + "used the default '\(fallback.code)'", at: location))
            return Translation(
                source: sourceConcept, sourceSystem: sourceName, code: fallback, system: targetName,
                outcome: .defaulted, table: map.table, issues: issues)
        }
    }

    /// Translates `code` with the policy `options` gives for this crosswalk.
    /// - Throws: as ``translate(_:from:to:policy:at:)``.
    public func translate(
        _ code: String, from source: String, to target: String, options: TranslationOptions,
        at location: SourceLocation = .unknown
    ) throws(TerminologyError) -> Translation {
        let policy = options.policy(from: resolveName(source), to: resolveName(target))
        return try translate(code, from: source, to: target, policy: policy, at: location)
    }

    // MARK: Building

    private func resolveName(_ key: String) -> String { codeSystem(matching: key)?.name ?? key }

    private mutating func registerSystem(_ system: CodeSystem) {
        if let index = codeSystems.firstIndex(where: { $0.name == system.name }) {
            codeSystems[index] = system
        } else {
            codeSystems.append(system)
        }
        systemsByName = [:]
        systemsByOID = [:]
        systemsByURI = [:]
        for system in codeSystems {
            systemsByName[system.name] = system
            if let oid = system.oid, systemsByOID[oid] == nil { systemsByOID[oid] = system }
            if let uri = system.uri, systemsByURI[uri] == nil { systemsByURI[uri] = system }
        }
    }

    private mutating func replaceTable(_ table: TerminologyTable) {
        if let index = tables.firstIndex(where: { $0.name == table.name }) {
            tables[index] = table
        } else {
            tables.append(table)
        }
    }

    /// The code columns of `table`: those it declares plus any column named after a registered system.
    public func effectiveCodeColumns(_ table: TerminologyTable) -> [String] {
        table.header.filter { column in
            table.codeColumns.contains(column) || (!column.hasSuffix(".display") && systemsByName[column] != nil)
        }
    }

    private mutating func rebuildIndexes() {
        var concepts: [String: [Concept]] = [:]
        var crosswalks: [String: ConceptMap] = [:]
        var regions: [String: [Region]] = [:]
        for table in tables {
            let codeColumns = effectiveCodeColumns(table)
            for system in codeColumns {
                guard let codeIndex = table.column(system) else { continue }
                let displayIndex = table.column(system + ".display")
                var list = concepts[system, default: []]
                for row in table.rows where !row[codeIndex].isEmpty {
                    list.append(Concept(code: row[codeIndex], display: displayIndex.map { row[$0] } ?? ""))
                }
                concepts[system] = list
                for other in codeColumns where other != system {
                    if let map = ConceptMap(table: table, source: system, target: other) {
                        crosswalks[system + ">" + other] = map
                    }
                }
            }
            if codeColumns.contains(CodeSystem.gbT2260.name), let codeIndex = table.column("gb-t-2260") {
                let nameIndex = table.column("gb-t-2260.display")
                let firstIndex = table.column("first_revision")
                let lastIndex = table.column("last_revision")
                let currentIndex = table.column("current")
                for row in table.rows where !row[codeIndex].isEmpty {
                    let code = row[codeIndex]
                    let region = Region(
                        code: code, name: nameIndex.map { row[$0] } ?? "", level: Region.level(of: code),
                        firstRevision: firstIndex.map { row[$0] } ?? "", lastRevision: lastIndex.map { row[$0] } ?? "",
                        isCurrent: currentIndex.map { row[$0] == "yes" } ?? true)
                    regions[code, default: []].append(region)
                }
            }
        }
        for (code, list) in regions {
            regions[code] = list.sorted { lhs, rhs in
                if lhs.isCurrent != rhs.isCurrent { return lhs.isCurrent }
                return lhs.lastRevision > rhs.lastRevision
            }
        }
        var valueSets: [String: ValueSet] = [:]
        for (system, list) in concepts { valueSets[system] = ValueSet(system: system, concepts: list) }
        self.valueSets = valueSets
        self.crosswalks = crosswalks
        self.regionIndex = regions
    }

    static func parseCodeSystems(_ bytes: [UInt8], file: String) throws(TerminologyError) -> [CodeSystem] {
        let table = try TerminologyTable(
            name: codeSystemsTableName, bytes: bytes, knownSystems: ["name"], file: file)
        guard table.column("name") != nil else {
            throw TerminologyError(
                .malformedTable, "code-systems table needs a 'name' column", at: SourceLocation(file: file, line: 1))
        }
        var systems: [CodeSystem] = []
        for (index, row) in table.rows.enumerated() {
            func cell(_ column: String) -> String? {
                guard let value = table.value(row, column), !value.isEmpty else { return nil }
                return value
            }
            guard
                let system = CodeSystem(
                    name: cell("name") ?? "", oid: cell("oid"), uri: cell("uri"), title: cell("title") ?? "",
                    version: cell("version"))
            else {
                throw TerminologyError(
                    .invalidCodeSystem, "code system row has an invalid name, OID or URI",
                    at: SourceLocation(file: file, record: index + 1, line: index + 2))
            }
            systems.append(system)
        }
        return systems
    }
}
