public import HICore
public import HIModels
public import HITerminology

/// Options of ``ResultRecognition``.
///
/// ```swift
/// var options = RecognitionOptions()
/// options.windowDays["糖化血红蛋白"] = 90     // HbA1c reflects three months
/// options.defaultWindowDays = 7
/// ```
public struct RecognitionOptions: Sendable {
    /// The window in days for tests without their own: 7 days for lab results (a common regional rule;
    /// platforms set their own).
    public var defaultWindowDays = 7
    /// Windows per test category: the `panel` of `Mappings/lab-tests.tsv` (血常规, 血糖, 血脂, 肾功能 …) or a
    /// LOINC code.
    public var windowDays: [String: Int] = [:]
    /// The tables used to crosswalk local codes to LOINC and local units to UCUM.
    public var tables: TerminologyTables = .builtIn
    /// Relative tolerance when a converted value is reported (for display only; recognition never depends
    /// on the value).
    public var significantDigits = 4

    /// Default options.
    public init() {}
}

/// The outcome for one pair of results.
///
/// ```swift
/// if pair.outcome == .recognised { print("reuse", pair.loinc) }
/// ```
public enum RecognitionOutcome: String, Hashable, Sendable {
    /// Same test, compatible unit, same specimen, within the window: the result can be reused.
    case recognised
    /// Same test but the units do not convert.
    case unitNotConvertible
    /// Same test, but the results are further apart than the window (or a date is missing).
    case outsideWindow
    /// Same test on a different specimen type.
    case differentSpecimen
}

/// One pair of results that are the same test, with the outcome.
///
/// ```swift
/// print(pair.loinc, pair.outcome, pair.daysApart ?? -1, pair.convertedValue ?? 0)
/// ```
public struct RecognitionPair: Hashable, Sendable {
    /// Index of the result in the first report.
    public var firstIndex: Int
    /// Index of the result in the second report.
    public var secondIndex: Int
    /// The LOINC code of the first result (after crosswalk).
    public var loinc: String
    /// The outcome.
    public var outcome: RecognitionOutcome
    /// Whole days between the two results, when both are dated.
    public var daysApart: Int?
    /// The window that applied.
    public var windowDays: Int
    /// The second result's value in the first result's unit, when both are quantities that convert.
    public var convertedValue: Double?

    /// Creates a pair.
    public init(
        firstIndex: Int, secondIndex: Int, loinc: String, outcome: RecognitionOutcome, daysApart: Int?,
        windowDays: Int, convertedValue: Double?
    ) {
        self.firstIndex = firstIndex
        self.secondIndex = secondIndex
        self.loinc = loinc
        self.outcome = outcome
        self.daysApart = daysApart
        self.windowDays = windowDays
        self.convertedValue = convertedValue
    }
}

/// The comparison of two reports.
///
/// ```swift
/// let report = ResultRecognition().compare(township, hospital)
/// print(report.pairs.filter { $0.outcome == .recognised }.count, report.issues)
/// ```
public struct RecognitionReport: Hashable, Sendable {
    /// Pairs of results that are the same test.
    public var pairs: [RecognitionPair]
    /// Problems (different residents, results without a code that maps to LOINC).
    public var issues: [Issue]
}

/// Mutual recognition of results (检查检验结果互认): given two lab reports for one resident, which results are
/// the same test (same LOINC after the `cn-lab-test` → `loinc` crosswalk, or the mass/substance LOINC pair of
/// one analyte), with a compatible unit (UCUM, converted through ``RecognitionUnits``), on the same specimen
/// type and within the recognition window.
///
/// ```swift
/// let report = ResultRecognition().compare(first, second)
/// for pair in report.pairs { print(pair.loinc, pair.outcome) }
/// ```
public struct ResultRecognition: Sendable {
    /// The options.
    public var options: RecognitionOptions

    /// Creates a matcher.
    public init(options: RecognitionOptions = RecognitionOptions()) { self.options = options }

    /// The LOINC code of a result: its code when in LOINC, a LOINC translation it carries, or the crosswalk
    /// from its system.
    public func loinc(of code: CodedValue) -> String? {
        let tables = options.tables
        for candidate in [code] + code.translations where tables.codeSystem(matching: candidate.system)?.name == "loinc"
        {
            return candidate.code
        }
        if candidate(code.system, is: "loinc") { return code.code }
        guard let system = tables.codeSystem(matching: code.system)?.name ?? (code.system.isEmpty ? nil : code.system),
            let result = try? tables.translate(code.code, from: system, to: "loinc", policy: .fail),
            result.isMapped
        else { return nil }
        return result.code.code
    }

    private func candidate(_ system: String, is name: String) -> Bool {
        let lower = system.lowercased()
        return lower == name || lower == "ln" || lower == "http://loinc.org" || lower == "2.16.840.1.113883.6.1"
    }

    /// The UCUM form of a unit: the quantity's UCUM code, or its unit through the `cn-lab-unit` → `ucum` table.
    public func ucum(of quantity: Quantity) -> String? {
        if let ucum = quantity.ucum, !ucum.isEmpty { return ucum }
        guard let unit = quantity.unit, !unit.isEmpty else { return nil }
        if let result = try? options.tables.translate(unit, from: "cn-lab-unit", to: "ucum", policy: .fail),
            result.isMapped
        {
            return result.code.code
        }
        return unit
    }

    /// The category (lab-tests panel) of a LOINC code, when the tables list it.
    public func category(ofLOINC loinc: String) -> String? {
        guard let table = options.tables.table(named: "lab-tests") else { return nil }
        for row in table.rows where table.value(row, "loinc") == loinc { return table.value(row, "panel") }
        return nil
    }

    /// The window for a LOINC code.
    public func windowDays(forLOINC loinc: String) -> Int {
        if let days = options.windowDays[loinc] { return days }
        if let category = category(ofLOINC: loinc), let days = options.windowDays[category] { return days }
        return options.defaultWindowDays
    }

    /// Compares two reports of one resident.
    public func compare(_ first: LabReport, _ second: LabReport) -> RecognitionReport {
        var issues: [Issue] = []
        if let a = first.resident.flatMap(ResidentKey.of), let b = second.resident.flatMap(ResidentKey.of), a != b {
            issues.append(
                Issue(
                    .error, code: "HI-PC-0301", "两份报告不属于同一居民 / the reports are for different residents",
                    at: SourceLocation(path: "labReport.resident")))
            return RecognitionReport(pairs: [], issues: issues)
        }
        let firstCodes = codes(first, issues: &issues, label: "first")
        let secondCodes = codes(second, issues: &issues, label: "second")
        var pairs: [RecognitionPair] = []
        var used = Set<Int>()
        for (i, codeA) in firstCodes.enumerated() {
            guard let codeA else { continue }
            guard
                let j = secondCodes.indices.first(where: { index in
                    !used.contains(index) && secondCodes[index].map { RecognitionUnits.sameTest(codeA, $0) } == true
                })
            else { continue }
            used.insert(j)
            pairs.append(pair(first, i, second, j, loinc: codeA, secondLOINC: secondCodes[j] ?? codeA))
        }
        return RecognitionReport(pairs: pairs, issues: issues)
    }

    private func codes(_ report: LabReport, issues: inout [Issue], label: String) -> [String?] {
        report.results.enumerated().map { index, result in
            let code = loinc(of: result.code)
            if code == nil {
                issues.append(
                    Issue(
                        .information, code: "HI-PC-0302",
                        "检验项目无法对照到LOINC / result code has no LOINC crosswalk (\(label) report)",
                        at: SourceLocation(path: "labReport.results[\(index)].code")))
            }
            return code
        }
    }

    static func date(_ result: LabResult, _ report: LabReport) -> CalendarDate? {
        (result.observedAt ?? report.specimen?.collectedAt ?? report.reportedAt)?.date
    }

    private func pair(
        _ first: LabReport, _ i: Int, _ second: LabReport, _ j: Int, loinc: String, secondLOINC: String
    ) -> RecognitionPair {
        let window = windowDays(forLOINC: loinc)
        let a = first.results[i]
        let b = second.results[j]
        var days: Int?
        if let dateA = Self.date(a, first), let dateB = Self.date(b, second) {
            days = abs(ContractPeriod.days(from: dateA, to: dateB))
        }
        var converted: Double?
        var convertible = true
        if case .quantity(let qa)? = a.value, case .quantity(let qb)? = b.value {
            if let unitA = ucum(of: qa), let unitB = ucum(of: qb), let value = qb.decimalValue {
                let analyte = RecognitionUnits.analyte(loinc: loinc) ?? RecognitionUnits.analyte(loinc: secondLOINC)
                converted = RecognitionUnits.convert(value, from: unitB, to: unitA, analyte: analyte)
                convertible = converted != nil
            } else if ucum(of: qa) != ucum(of: qb) {
                convertible = false
            }
        }
        let outcome: RecognitionOutcome
        if let typeA = first.specimen?.type, let typeB = second.specimen?.type, !Self.sameSpecimen(typeA, typeB) {
            outcome = .differentSpecimen
        } else if !convertible {
            outcome = .unitNotConvertible
        } else if let days, days <= window {
            outcome = .recognised
        } else {
            outcome = .outsideWindow
        }
        return RecognitionPair(
            firstIndex: i, secondIndex: j, loinc: loinc, outcome: outcome, daysApart: days, windowDays: window,
            convertedValue: converted.map { Self.rounded($0, digits: options.significantDigits) })
    }

    static func sameSpecimen(_ a: CodedValue, _ b: CodedValue) -> Bool {
        if a.system == b.system { return a.code.lowercased() == b.code.lowercased() }
        if let x = a.display, let y = b.display { return x == y }
        return a.code.lowercased() == b.code.lowercased()
    }

    static func rounded(_ value: Double, digits: Int) -> Double {
        guard value != 0, value.isFinite else { return value }
        var scale = 1.0
        var magnitude = abs(value)
        var exponent = 0
        while magnitude >= 10, exponent < 400 {
            magnitude /= 10
            exponent += 1
        }
        while magnitude < 1, exponent > -400 {
            magnitude *= 10
            exponent -= 1
        }
        let shift = max(0, digits - 1 - exponent)
        for _ in 0..<min(shift, 15) { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
