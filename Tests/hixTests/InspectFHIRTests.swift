import Foundation
import HITestSupport
import Testing

@Suite("hix inspect FHIR")
struct InspectFHIRTests {
    private func sample(_ path: String) -> String {
        SampleFiles.samplesRoot.appendingPathComponent("fhir/" + path).path
    }

    @Test func treeMasksPersonalData() throws {
        let result = try HixRunner.run(["inspect", sample("valid/patient-zhangsan.json")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.hasPrefix("Patient zhangsan\n"))
        #expect(result.output.contains("urn:oid:2.16.156.10011.1.3 | 1101**********1234"))
        #expect(result.output.contains("name[0]: 张*"))
        #expect(result.output.contains("telecom[0]: phone 138****8000"))
        #expect(!result.output.contains("110105198503121234"))
        #expect(!result.output.contains("张三"))
        let shown = try HixRunner.run(["inspect", "--show", sample("valid/patient-zhangsan.json")])
        #expect(shown.output.contains("110105198503121234"))
        #expect(shown.output.contains("name[0]: 张三"))
    }

    @Test func jsonFormatIsCanonicalPretty() throws {
        let path = sample("valid/observation-glucose.json")
        let result = try HixRunner.run(["inspect", "--format", "json", path])
        #expect(result.status == 0)
        #expect(result.standardOutput == [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        let compact = try HixRunner.run(["inspect", "--format", "canonical-json", path])
        #expect(compact.output.hasPrefix(#"{"resourceType":"Observation","id":"glucose-1","#))
    }

    @Test func ndjsonFromStandardInput() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sample("valid/observations.ndjson"))))
        let result = try HixRunner.run(["inspect", "-"], input: bytes)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.contains("line 5: Observation bulk-5"))
        #expect(result.output.contains("value: 6.30 10*9/L"))
    }

    @Test func structuralErrorsExitOneWithPathAndLine() throws {
        let result = try HixRunner.run(["inspect", sample("invalid/observation-missing-status.json")])
        #expect(result.status == 1)
        #expect(result.standardError.contains("HI-FHIR-0103"))
        #expect(result.standardError.contains("Observation.status"))
        #expect(result.standardError.contains("line 1"))
        let broken = try HixRunner.run(["inspect", sample("invalid/patient-duplicate-key.json")])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("HI-FHIR-0008"))
        #expect(broken.standardError.contains("Patient.gender"))
        #expect(!broken.standardError.contains("female"))
    }

    @Test func badNDJSONLineIsLocatedAndOthersStillShown() throws {
        let input = Array("{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\"Patient\",\"id\":\n".utf8)
        let result = try HixRunner.run(["inspect", "--from", "ndjson", "-"], input: input)
        #expect(result.status == 1)
        #expect(result.output.contains("Patient a"))
        #expect(result.standardError.contains("record 2"))
    }

    @Test func blankNDJSONLinesWarnAndFailOnlyWhenStrict() throws {
        let input = Array(
            "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n\n{\"resourceType\":\"Patient\",\"id\":\"b\"}\n".utf8)
        let lenient = try HixRunner.run(["inspect", "--from", "ndjson", "-"], input: input)
        #expect(lenient.status == 0)
        #expect(lenient.standardError.contains("HI-FHIR-0113"))
        #expect(lenient.output.contains("line 3: Patient b"))
        let strict = try HixRunner.run(["inspect", "--strict", "--from", "ndjson", "-"], input: input)
        #expect(strict.status == 1)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus"))
    func corpusInvalidObservationFails() throws {
        let path = SharedCorpus.url("fhir/invalid/fhir-server__Observation-For-Patient-f001.json").path
        let result = try HixRunner.run(["inspect", path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("Observation.interpretation"))
    }
}
