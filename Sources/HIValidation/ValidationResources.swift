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

    init(tables: TerminologyTables, limits: PlausibleLimits) {
        self.limits = limits
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
