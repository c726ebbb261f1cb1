import HICore
import HIModels
import HIPrimaryCare
import Testing

@Suite struct RecognitionTests {
    static let resident = ContractFixtures.resident("420106195603120410", name: "李建国")

    static func result(_ system: String, _ code: String, _ value: String, _ unit: String, at: String? = nil)
        -> LabResult
    {
        var result = LabResult(
            code: CodedValue(system: system, code: code), value: .quantity(Quantity(value: value, unit: unit)))
        result.observedAt = at.map { Timestamp($0) }
        return result
    }

    static func report(_ results: [LabResult], collected: String, specimen: String = "serum") -> LabReport {
        var report = LabReport(resident: resident, results: results)
        report.specimen = Specimen(
            type: CodedValue(system: "urn:test:specimen", code: specimen), collectedAt: Timestamp(collected))
        return report
    }

    /// A township clinic's report (local codes, SI units) and a hospital's (LOINC, conventional units).
    static let township = report(
        [
            result("cn-lab-test", "GLU", "6.2", "mmol/L"), result("cn-lab-test", "TC", "5.1", "mmol/L"),
            result("cn-lab-test", "CREA", "80", "μmol/L"), result("cn-lab-test", "HBA1C", "6.5", "%"),
            result("cn-lab-test", "WBC", "6.1", "10^9/L"), result("local", "ZZ99", "1", "U/L"),
        ], collected: "2026-11-20T08:10:00+08:00")
    static let hospital = report(
        [
            result("http://loinc.org", "6690-2", "6.1", "10*3/uL", at: "2026-11-30T09:00:00+08:00"),
            result("http://loinc.org", "2345-7", "111.6", "mg/dL"),
            result("http://loinc.org", "2093-3", "197", "mg/dL"),
            result("http://loinc.org", "2160-0", "0.9", "mg/dL"),
            result("http://loinc.org", "4548-4", "48", "mmol/mol"),
        ], collected: "2026-11-23T10:00:00+08:00")

    @Test func pairsAndOutcomes() throws {
        let report = ResultRecognition().compare(Self.township, Self.hospital)
        let byLOINC = Dictionary(report.pairs.map { ($0.loinc, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(report.pairs.count == 5)
        let glucose = try #require(byLOINC["14749-6"])
        #expect(glucose.outcome == .recognised)
        #expect(glucose.secondIndex == 1)
        #expect(glucose.daysApart == 3)
        #expect(glucose.windowDays == 7)
        #expect(glucose.convertedValue == 6.194)
        #expect(byLOINC["14647-2"]?.convertedValue == 5.095)
        #expect(byLOINC["14647-2"]?.outcome == .recognised)
        #expect(byLOINC["14682-9"]?.convertedValue == 79.56)
        #expect(byLOINC["4548-4"]?.outcome == .unitNotConvertible)
        let wbc = try #require(byLOINC["6690-2"])
        #expect(wbc.outcome == .outsideWindow)
        #expect(wbc.daysApart == 10)
        #expect(wbc.convertedValue == 6.1)
        // The local code has no LOINC: reported, not paired.
        #expect(report.issues.map(\.code) == ["HI-PC-0302"])
        #expect(report.issues.first?.location.path == "labReport.results[5].code")
    }

    @Test func windowPerCategory() {
        var options = RecognitionOptions()
        options.windowDays["血常规"] = 14
        let report = ResultRecognition(options: options).compare(Self.township, Self.hospital)
        #expect(report.pairs.first { $0.loinc == "6690-2" }?.outcome == .recognised)
        #expect(report.pairs.first { $0.loinc == "6690-2" }?.windowDays == 14)
        #expect(ResultRecognition().category(ofLOINC: "14749-6") == "血糖")
    }

    @Test func differentSpecimen() {
        var urine = Self.hospital
        urine.specimen?.type = CodedValue(system: "urn:test:specimen", code: "urine")
        let report = ResultRecognition().compare(Self.township, urine)
        #expect(report.pairs.allSatisfy { $0.outcome == .differentSpecimen })
    }

    @Test func differentResidentsAreNotCompared() {
        var other = Self.hospital
        other.resident = ContractFixtures.resident("420106195807220528", name: "张秀珍")
        let report = ResultRecognition().compare(Self.township, other)
        #expect(report.pairs.isEmpty)
        #expect(report.issues.map(\.code) == ["HI-PC-0301"])
        #expect(!report.issues[0].message.contains("420106"))
    }

    @Test func unitConversions() {
        #expect(RecognitionUnits.convert(1, from: "g/dL", to: "g/L") == 10)
        #expect(RecognitionUnits.convert(5, from: "mmol/L", to: "umol/L") == 5000)
        #expect(RecognitionUnits.convert(100, from: "mg/dL", to: "mmol/L") == nil)  // no analyte
        let glucose = RecognitionUnits.convert(5.5, from: "mmol/L", to: "mg/dL", analyte: .glucose) ?? 0
        #expect(abs(glucose - 99.09) < 0.01)
        let creatinine = RecognitionUnits.convert(1, from: "mg/dL", to: "umol/L", analyte: .creatinine) ?? 0
        #expect(abs(creatinine - 88.4) < 0.05)
        #expect(RecognitionUnits.convert(6.5, from: "%", to: "mmol/mol") == nil)
        #expect(RecognitionUnits.sameTest("2345-7", "14749-6"))
        #expect(!RecognitionUnits.sameTest("2345-7", "14771-0"))
    }
}
