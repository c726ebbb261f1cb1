import Foundation
import HICore
import HIFHIR
import HITestSupport
import Testing

/// Replays `FailCases/*.bin` through the checks of FuzzJSON, FuzzFHIR and FuzzNDJSON: never a trap; what the
/// reader accepts writes (compact and pretty) and re-reads to an equal tree; resources validate; NDJSON ends.
@Suite struct FHIRFailCaseReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FailCases")
    static let cases: [SampleFile] = (try? SampleFiles.listFiles(under: folder)) ?? []

    @Test func folderIsThere() {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
    }

    @Test(arguments: cases)
    func replay(_ failCase: SampleFile) throws {
        let bytes = try failCase.bytes()
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let tree = try JSONReader.read(bytes)
            for style in [JSONWriter.Style.compact, .pretty] {
                let written = JSONWriter.write(tree, style: style)
                let again = try JSONReader.read(written)
                #expect(again == tree, "\(failCase.name)")
                #expect(JSONWriter.write(again, style: style) == written, "\(failCase.name)")
            }
        } catch {
            #expect(error.location.byteOffset != nil || error.location.path != nil, "\(failCase.name)")
        }
        if let resource = try? FHIRResource(parsing: bytes) {
            _ = FHIRValidator().validate(resource, source: bytes)
            if let bundle = resource.typed(as: FHIR.Bundle.self) {
                for entry in bundle.resources { _ = FHIRValidator().validate(entry) }
            }
        }
        var reader = NDJSONReader(bytes: bytes)
        var ended = false
        for _ in 0...(bytes.count + 1) {
            do throws(FHIRError) {
                guard try reader.next() != nil else {
                    ended = true
                    break
                }
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
        #expect(ended, "\(failCase.name): the NDJSON reader did not end")
        #expect(clock.now - start < .seconds(5), "\(failCase.name)")
    }
}
