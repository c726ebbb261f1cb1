import Foundation
import Testing

@Suite("hix validate over files")
struct ValidateFilesTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    /// The ORU sample's resident ID says female (digit 17 is even) while PID-8 says male: a cross-field error,
    /// reported with its rule code, located in the file and record, without the ID number itself.
    @Test func oruSampleSexDisagreesWithItsResidentID() throws {
        let path = Self.samples.appendingPathComponent("hl7v2/valid/oru-r01-lab.hl7").path
        let result = try HixRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.output.contains("[cn-lab-report]: NOT shareable"))
        #expect(result.output.contains("HI-VAL-0502"))
        #expect(result.output.contains("oru-r01-lab.hl7, record 1"))
        #expect(!result.output.contains("350922197805123024"))
        #expect(result.standardError.contains("1 record(s), 1 with errors"))
    }

    /// JSON output: one object per record, with the profile picked by record kind.
    @Test func jsonOutputPicksTheProfileByKind() throws {
        let path = Self.samples.appendingPathComponent("fhir/valid/observation-glucose.json").path
        let result = try HixRunner.run(["validate", "--format", "json", path])
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(object?["profile"] as? String == "cn-lab-report")
        #expect(object?["shareable"] as? Bool == false)
    }

    /// A fixed profile of another kind is refused per record (HI-VAL-0002); an unreadable record is reported.
    @Test func fixedProfileOfAnotherKindAndUnreadableInput() throws {
        let path = Self.samples.appendingPathComponent("hl7v2/valid/adt-a31-multi-three-encoding-chars.hl7").path
        let result = try HixRunner.run(["validate", "--profile", "cn-lab-report", path])
        #expect(result.status == 1)
        #expect(result.output.contains("HI-VAL-0002"))
        let junk = try HixRunner.run(["validate", "-"], input: Array("not a record".utf8))
        #expect(junk.status == 1)
        #expect(junk.output.contains("HI-VAL-0003"))
    }

    /// A WS/T 500 lab report CDA read through the CDA reader passes its profile (warnings only): exit 0.
    @Test func cdaLabReportSampleIsShareable() throws {
        let path = Self.samples.appendingPathComponent("cda/wst500-27-lab-report.xml").path
        let result = try HixRunner.run(["validate", path])
        #expect(result.status == 0)
        #expect(result.output.contains("[cn-lab-report]: shareable"))
        #expect(result.standardError.contains("1 record(s), 0 with errors"))
    }
}
