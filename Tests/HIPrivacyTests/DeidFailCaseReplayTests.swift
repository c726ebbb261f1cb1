import Foundation
import HIFHIR
import HIHL7v2
import HIPrivacy
import HITestSupport
import HIXML
import Testing

/// Replays `FailCases/*.bin` through the FuzzDeid checks (first byte picks the format): never a trap, the
/// output of v2, FHIR and CDA input parses again, and each case finishes within a time bound.
@Suite struct DeidFailCaseReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FailCases")
    static let cases: [SampleFile] = (try? SampleFiles.listFiles(under: folder, extensions: ["bin"])) ?? []
    static let deidentifier = Deidentifier(options: DeidentificationOptions(key: Array("fuzz key".utf8)))

    @Test func folderHoldsTheFailCases() {
        #expect(!Self.cases.isEmpty)
    }

    @Test(arguments: cases)
    func replay(_ failCase: SampleFile) throws {
        let all = try failCase.bytes()
        let bytes = Array(all.dropFirst())
        let formats = DeidentificationFormat.allCases
        let format = formats[Int(all.first ?? 0) % formats.count]
        let clock = ContinuousClock()
        let start = clock.now
        let result = try? Self.deidentifier.deidentify(bytes, format: format)
        #expect(clock.now - start < .seconds(5), "\(failCase.name) took too long")
        guard let result else { return }
        switch format {
        case .hl7v2: #expect((try? HL7v2Message(parsing: result.bytes)) != nil)
        case .fhirJSON: #expect((try? FHIRResource(parsing: result.bytes)) != nil)
        case .cda: #expect((try? XMLDocument(parsing: result.bytes)) != nil)
        default: break
        }
        #expect(!result.report.changes.isEmpty)
    }
}
