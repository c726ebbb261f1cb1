import Foundation
import HITestSupport
import Testing

@Suite("hix deid over CDA")
struct DeidCDACommandTests {
    @Test func deidentifiesACDADocumentAndReportsWhatChanged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hix-deid-cda-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key")
        try Data("sample key 2026".utf8).write(to: key)
        let sample = SampleFiles.samplesRoot.appendingPathComponent("cda/wst483-20-referral.xml").path
        let result = try HixRunner.run(["deid", "--key-file", key.path, "--report", sample, "-o", folder.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.contains("wst483-20-referral.xml: cda,"))
        let output = try Data(contentsOf: folder.appendingPathComponent("wst483-20-referral.xml"))
        let golden = try Data(contentsOf: SampleFiles.samplesRoot.appendingPathComponent("deid/wst483-20-referral.xml"))
        #expect(output == golden, "hix deid output differs from Samples/deid")
        let report = try String(
            contentsOf: folder.appendingPathComponent("wst483-20-referral.xml.deid.json"), encoding: .utf8)
        #expect(report.contains("\"resident-id\""))
        #expect(report.contains("\"name\""))
        let original = try String(contentsOfFile: sample, encoding: .utf8)
        let patientID = try #require(original.range(of: "extension=\"[0-9]{17}[0-9X]\"", options: .regularExpression))
        let idText = String(original[patientID])
        #expect(!String(decoding: output, as: UTF8.self).contains(idText))
        #expect(!report.contains(idText))
    }

    @Test func detectsAndDeidentifiesAnHL7v3Message() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hix-deid-v3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key")
        try Data("sample key 2026".utf8).write(to: key)
        let name = "PRPA_IN201311UV02-resident-registration.xml"
        let sample = SampleFiles.samplesRoot.appendingPathComponent("v3/valid/" + name).path
        let result = try HixRunner.run(["deid", "--key-file", key.path, sample, "-o", folder.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.contains(name + ": v3,"))
        let output = try Data(contentsOf: folder.appendingPathComponent(name))
        let golden = try Data(contentsOf: SampleFiles.samplesRoot.appendingPathComponent("deid/" + name))
        #expect(output == golden, "hix deid output differs from Samples/deid")
    }
}
