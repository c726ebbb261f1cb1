import Foundation
import Testing

@Suite("hix validate over files")
struct ValidateFilesTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    /// The ORU sample with PID-8 changed to female while its resident ID says male (digit 17 is odd): a
    /// cross-field error, reported with its rule code, located in the file and record, without the ID number.
    @Test func sexDisagreeingWithTheResidentIDIsAnError() throws {
        let sample = Self.samples.appendingPathComponent("hl7v2/valid/oru-r01-lab.hl7")
        let text = try String(contentsOf: sample, encoding: .utf8)
        #expect(text.contains("|19780512|M|"))
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hix-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("oru-sex-mismatch.hl7").path
        try Data(text.replacingOccurrences(of: "|19780512|M|", with: "|19780512|F|").utf8).write(
            to: URL(fileURLWithPath: path))
        let result = try HixRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.output.contains("[cn-lab-report]: NOT shareable"))
        #expect(result.output.contains("HI-VAL-0502"))
        #expect(result.output.contains("oru-sex-mismatch.hl7, record 1"))
        #expect(!result.output.contains("350922197805123016"))
        #expect(result.standardError.contains("1 record(s), 1 with errors"))
        let original = try HixRunner.run(["validate", sample.path])
        #expect(!original.output.contains("HI-VAL-0502"), "the sample's resident ID agrees with PID-8")
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
