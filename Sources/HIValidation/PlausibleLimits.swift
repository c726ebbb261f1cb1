/// Physiologically possible limits of common lab tests and vital signs, keyed by LOINC: a value outside
/// them is a typing or unit error, not a patient (rule `HI-VAL-0505`). These are *plausibility* limits, far
/// wider than reference ranges.
///
/// The table is data (``tableText``, one row a line: LOINC, UCUM unit, low, high, name, source), parsed once.
///
/// ```swift
/// let glucose = PlausibleLimits.builtIn.limit(loinc: "14749-6")
/// print(glucose?.low ?? 0, glucose?.high ?? 0, glucose?.unit ?? "")   // 0.5 60.0 mmol/L
/// ```
public struct PlausibleLimits: Sendable, Hashable {
    /// One row.
    ///
    /// ```swift
    /// let limit = PlausibleLimits.Limit(loinc: "8867-4", unit: "/min", low: 20, high: 300, name: "Heart rate",
    ///                                   source: "site")
    /// ```
    public struct Limit: Sendable, Hashable {
        /// The LOINC code.
        public var loinc: String
        /// The UCUM unit the limits are in.
        public var unit: String
        /// The lowest possible value.
        public var low: Double
        /// The highest possible value.
        public var high: Double
        /// The test name.
        public var name: String
        /// Where the limits come from.
        public var source: String

        /// Creates a row.
        public init(loinc: String, unit: String, low: Double, high: Double, name: String, source: String) {
            self.loinc = loinc
            self.unit = unit
            self.low = low
            self.high = high
            self.name = name
            self.source = source
        }
    }

    /// The rows, by LOINC code.
    public let limits: [String: Limit]

    /// Creates a table from rows (a later row replaces an earlier one with the same LOINC code).
    public init(_ rows: [Limit]) {
        var limits: [String: Limit] = [:]
        for row in rows { limits[row.loinc] = row }
        self.limits = limits
    }

    /// The row for `loinc`.
    public func limit(loinc: String) -> Limit? { limits[loinc] }

    /// This table with `row` added or replaced.
    public func adding(_ row: Limit) -> PlausibleLimits { PlausibleLimits(Array(limits.values) + [row]) }

    /// The built-in table, parsed from ``tableText``.
    public static let builtIn = PlausibleLimits(parse(tableText))

    /// Parses tab-separated rows (`loinc unit low high name source`); `#` lines and malformed rows are skipped.
    static func parse(_ text: String) -> [Limit] {
        var rows: [Limit] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 6, let low = Double(cells[2]), let high = Double(cells[3]) else { continue }
            rows.append(Limit(loinc: cells[0], unit: cells[1], low: low, high: high, name: cells[4], source: cells[5]))
        }
        return rows
    }

    /// The built-in rows. Sources: `brief` = the limits set in the project's validation issue (issue 7 brief:
    /// glucose 0.5–60 mmol/L, systolic 40–300 mmHg, heart rate 20–300/min, weight 0.3–500 kg, height 20–260 cm,
    /// HbA1c 2–25 %); `estimate` = the project's own estimate, chosen wider than the extreme values reported
    /// as survived in the clinical literature; review them against your laboratory's practice.
    public static let tableText = """
        # loinc\tunit\tlow\thigh\tname\tsource
        14749-6\tmmol/L\t0.5\t60\tGlucose [Moles/volume] in Serum or Plasma\tbrief
        14771-0\tmmol/L\t0.5\t60\tFasting glucose [Moles/volume] in Serum or Plasma\tbrief
        15074-8\tmmol/L\t0.5\t60\tGlucose [Moles/volume] in Blood\tbrief
        4548-4\t%\t2\t25\tHemoglobin A1c/Hemoglobin.total in Blood\tbrief
        8480-6\tmm[Hg]\t40\t300\tSystolic blood pressure\tbrief
        8462-4\tmm[Hg]\t20\t200\tDiastolic blood pressure\testimate
        8867-4\t/min\t20\t300\tHeart rate\tbrief
        29463-7\tkg\t0.3\t500\tBody weight\tbrief
        8302-2\tcm\t20\t260\tBody height\tbrief
        39156-5\tkg/m2\t5\t150\tBody mass index\testimate
        8310-5\tCel\t25\t45\tBody temperature\testimate
        9279-1\t/min\t2\t80\tRespiratory rate\testimate
        718-7\tg/L\t10\t300\tHemoglobin [Mass/volume] in Blood\testimate
        6690-2\t10*9/L\t0\t1000\tLeukocytes [#/volume] in Blood\testimate
        789-8\t10*12/L\t0.3\t15\tErythrocytes [#/volume] in Blood\testimate
        777-3\t10*9/L\t0\t5000\tPlatelets [#/volume] in Blood\testimate
        4544-3\t%\t3\t90\tHematocrit of Blood\testimate
        14682-9\tumol/L\t5\t5000\tCreatinine [Moles/volume] in Serum or Plasma\testimate
        22664-7\tmmol/L\t0.1\t200\tUrea [Moles/volume] in Serum or Plasma\testimate
        14933-6\tumol/L\t10\t3000\tUrate [Moles/volume] in Serum or Plasma\testimate
        14647-2\tmmol/L\t0.3\t50\tCholesterol [Moles/volume] in Serum or Plasma\testimate
        14927-8\tmmol/L\t0.05\t150\tTriglyceride [Moles/volume] in Serum or Plasma\testimate
        14646-4\tmmol/L\t0.05\t10\tCholesterol in HDL [Moles/volume] in Serum or Plasma\testimate
        22748-8\tmmol/L\t0.05\t40\tCholesterol in LDL [Moles/volume] in Serum or Plasma\testimate
        2823-3\tmmol/L\t1\t12\tPotassium [Moles/volume] in Serum or Plasma\testimate
        2951-2\tmmol/L\t90\t200\tSodium [Moles/volume] in Serum or Plasma\testimate
        1751-7\tg/L\t5\t80\tAlbumin [Mass/volume] in Serum or Plasma\testimate
        2885-2\tg/L\t10\t200\tProtein [Mass/volume] in Serum or Plasma\testimate
        14631-6\tumol/L\t0\t1500\tBilirubin.total [Moles/volume] in Serum or Plasma\testimate
        1742-6\tU/L\t0\t50000\tAlanine aminotransferase in Serum or Plasma\testimate
        1920-8\tU/L\t0\t50000\tAspartate aminotransferase in Serum or Plasma\testimate
        5803-2\t[pH]\t4\t9.5\tpH of Urine by Test strip\testimate
        5811-5\t1\t1\t1.06\tSpecific gravity of Urine by Test strip\testimate
        """
}
