import HITerminology

/// Lookups built once per validator so that rules do dictionary reads only: local lab codes to LOINC,
/// unit spellings to UCUM, the plausibility table.
struct ValidationResources: Sendable {
    let limits: PlausibleLimits
    /// `cn-lab-test` code → LOINC.
    let labCodeToLOINC: [String: String]
    /// Unit as written (`×10^9/L`, `mmol/l`) or UCUM code → UCUM code.
    let unitToUCUM: [String: String]
    let loincSystem: String
    let ucumCodes: Set<String>
    /// Unit spellings of the `cn-lab-unit` table.
    let unitSpellings: Set<String>

    /// Every spelling of a code system (name, OID, FHIR URI, `urn:oid:` URI) → its name.
    let systemNames: [String: String]
    /// The codes of each code system with a value set, by name.
    let codes: [String: Set<String>]

    /// The name of the code system `key` names (itself when unknown).
    func systemName(_ key: String) -> String { systemNames[key] ?? key }

    /// `true` when `code` is in the value set of the code system named `system`.
    func contains(_ code: String, system: String) -> Bool { codes[system]?.contains(code) ?? false }

    init(tables: TerminologyTables, limits: PlausibleLimits) {
        self.limits = limits
        var names: [String: String] = [:]
        var codes: [String: Set<String>] = [:]
        for system in tables.codeSystems {
            names[system.name] = system.name
            if let oid = system.oid {
                names[oid] = system.name
                names["urn:oid:" + oid] = system.name
            }
            if let uri = system.uri { names[uri] = system.name }
        }
        // Value sets of every code column, also of systems the code-system registry does not list.
        for table in tables.tables {
            for column in tables.effectiveCodeColumns(table) {
                let name = names[column] ?? column
                if codes[name] == nil, let valueSet = tables.valueSet(for: name) {
                    codes[name] = Set(valueSet.concepts.map(\.code))
                }
            }
        }
        self.systemNames = names
        self.codes = codes
        var labCodes: [String: String] = [:]
        if let map = tables.crosswalk(from: "cn-lab-test", to: "loinc") {
            for concept in map.sourceConcepts {
                if let target = map.target(for: concept.code) { labCodes[concept.code] = target.concept.code }
            }
        }
        self.labCodeToLOINC = labCodes
        var units: [String: String] = [:]
        let ucum = tables.valueSet(for: "ucum")?.concepts.map(\.code) ?? []
        for code in ucum { units[code] = code }
        if let map = tables.crosswalk(from: "cn-lab-unit", to: "ucum") {
            for concept in map.sourceConcepts {
                if let target = map.target(for: concept.code) { units[concept.code] = target.concept.code }
            }
        }
        self.unitToUCUM = units
        self.unitSpellings = Set(tables.valueSet(for: "cn-lab-unit")?.concepts.map(\.code) ?? [])
        self.ucumCodes = Set(ucum)
        self.loincSystem = "loinc"
    }
}
