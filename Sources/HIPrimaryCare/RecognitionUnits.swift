/// Unit conversion for mutual recognition of lab results: UCUM units of one dimension convert by a
/// factor; substance ↔ mass concentration converts only for analytes with a molar mass here.
///
/// Factors are exact SI prefix ratios. Molar masses (g/mol), from PubChem: glucose C6H12O6 180.16 (CID 5793),
/// cholesterol C27H46O 386.65 (CID 5997), creatinine C4H7N3O 113.12 (CID 588); they give the clinical
/// factors mg/dL ÷ 18.016 = mmol/L (glucose), mg/dL ÷ 38.67 = mmol/L (cholesterol),
/// mg/dL × 88.4 = µmol/L (creatinine). Other pairs (e.g. HbA1c % ↔ mmol/mol, which is not a factor) are
/// not convertible.
///
/// ```swift
/// let mmol = RecognitionUnits.convert(126, from: "mg/dL", to: "mmol/L", analyte: .glucose)   // ≈ 6.99
/// ```
public enum RecognitionUnits {
    /// An analyte with a molar mass.
    ///
    /// ```swift
    /// print(RecognitionUnits.Analyte.creatinine.molarMass)   // 113.12
    /// ```
    public enum Analyte: String, Hashable, Sendable, CaseIterable {
        case glucose, cholesterol, creatinine

        /// g/mol (PubChem).
        public var molarMass: Double {
            switch self {
            case .glucose: 180.16
            case .cholesterol: 386.65
            case .creatinine: 113.12
            }
        }
    }

    enum Dimension: Hashable { case mass, substance, count, enzyme, fraction }

    /// Unit → (dimension, factor to the dimension's base: g/L, mol/L, 1/L, U/L, 1).
    static let units: [String: (Dimension, Double)] = [
        "g/L": (.mass, 1), "g/dL": (.mass, 10), "mg/dL": (.mass, 0.01), "mg/L": (.mass, 0.001), "mg/mL": (.mass, 1),
        "ug/mL": (.mass, 0.001), "ug/L": (.mass, 1e-6), "ng/mL": (.mass, 1e-6),
        "mol/L": (.substance, 1), "mmol/L": (.substance, 1e-3), "umol/L": (.substance, 1e-6),
        "nmol/L": (.substance, 1e-9), "pmol/L": (.substance, 1e-12),
        "10*9/L": (.count, 1e9), "10*12/L": (.count, 1e12), "10*3/uL": (.count, 1e9), "10*6/uL": (.count, 1e12),
        "U/L": (.enzyme, 1), "[IU]/L": (.enzyme, 1), "%": (.fraction, 0.01),
    ]

    /// LOINC codes of each analyte (mass and substance concentration variants).
    static let analyteCodes: [String: Analyte] = [
        "2345-7": .glucose, "14749-6": .glucose, "1558-6": .glucose, "14771-0": .glucose, "2339-0": .glucose,
        "15074-8": .glucose, "2093-3": .cholesterol, "14647-2": .cholesterol, "2160-0": .creatinine,
        "14682-9": .creatinine,
    ]

    /// Pairs of LOINC codes that measure the same thing in mass and in substance units, so results under
    /// either are the same test.
    static let samePairs: [String: String] = [
        "2345-7": "14749-6", "14749-6": "2345-7", "1558-6": "14771-0", "14771-0": "1558-6", "2339-0": "15074-8",
        "15074-8": "2339-0", "2093-3": "14647-2", "14647-2": "2093-3", "2160-0": "14682-9", "14682-9": "2160-0",
    ]

    /// The analyte a LOINC code measures, when it has a molar mass here.
    public static func analyte(loinc: String) -> Analyte? { analyteCodes[loinc] }

    /// Whether two LOINC codes are the same test (identical, or the mass/substance pair of one analyte).
    public static func sameTest(_ a: String, _ b: String) -> Bool { a == b || samePairs[a] == b }

    /// `value` in `unit` expressed in `target`, or nil when the units do not convert (unknown unit, other
    /// dimension, or mass ↔ substance without a molar mass).
    public static func convert(_ value: Double, from unit: String, to target: String, analyte: Analyte? = nil)
        -> Double?
    {
        if unit == target { return value }
        guard let (fromDimension, fromFactor) = units[unit], let (toDimension, toFactor) = units[target] else {
            return nil
        }
        let base = value * fromFactor
        switch (fromDimension, toDimension) {
        case let (a, b) where a == b:
            return base / toFactor
        case (.mass, .substance):
            guard let analyte else { return nil }
            return base / analyte.molarMass / toFactor
        case (.substance, .mass):
            guard let analyte else { return nil }
            return base * analyte.molarMass / toFactor
        default:
            return nil
        }
    }
}
