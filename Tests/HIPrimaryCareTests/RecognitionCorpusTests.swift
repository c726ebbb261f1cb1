import Foundation
import HIConvert
import HICore
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

/// A third-party FHIR glucose Observation (US Core, mg/dL, LOINC 2345-7) against a synthetic township report
/// (local code GLU, mmol/L): the same test after crosswalk, and the units convert through the molar mass.
@Suite struct RecognitionCorpusTests {
    @Test(.enabled(if: SharedCorpus.isPresent, "../shared/corpus not found beside the checkout"))
    func usCoreGlucoseAgainstALocalReport() throws {
        let bytes = try [UInt8](Data(contentsOf: SharedCorpus.url("fhir/us-core/observation-serum-glucose.json")))
        let records = try FHIRModelReader().read(bytes, options: ConversionOptions()).records
        let labs: [LabReport] = records.compactMap { if case .labReport(let report) = $0 { report } else { nil } }
        var hospital = try #require(labs.first)
        hospital.resident = nil
        let result = try #require(hospital.results.first)
        #expect(result.code.code == "2345-7")
        var local = LabResult(
            code: CodedValue(system: "cn-lab-test", code: "GLU"),
            value: .quantity(Quantity(value: "4.2", unit: "mmol/L")))
        local.observedAt = Timestamp("2005-07-07")
        let township = LabReport(results: [local])
        let report = ResultRecognition().compare(township, hospital)
        let pair = try #require(report.pairs.first)
        #expect(pair.loinc == "14749-6")
        #expect(pair.outcome == .recognised)
        #expect(pair.daysApart == 2)
        // 76 mg/dL glucose = 76 × 0.01 g/L ÷ 180.16 g/mol = 4.218 mmol/L.
        #expect(pair.convertedValue == 4.218)
    }
}
