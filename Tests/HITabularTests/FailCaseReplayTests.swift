import Foundation
import HICore
import HITabular
import HITestSupport
import Testing

/// Replays `FailCases/*.bin` through the checks of FuzzTable: the reader with detection (lenient and
/// strict) ends, every error is located, never a trap.
@Suite struct TableFailCaseReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FailCases")
    static let cases: [SampleFile] = (try? SampleFiles.listFiles(under: folder)) ?? []

    @Test func folderIsThere() {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
    }

    @Test(arguments: cases)
    func replay(_ failCase: SampleFile) throws {
        let bytes = try failCase.bytes()
        for options in [TableReadingOptions(), TableReadingOptions.strict] {
            guard var reader = try? TableReader(bytes: bytes, options: options) else { continue }
            var ended = false
            for _ in 0...(bytes.count + 1) {
                do throws(TabularError) {
                    guard let row = try reader.next() else {
                        ended = true
                        break
                    }
                    _ = try? row.strings()
                } catch {
                    #expect(!error.description.isEmpty)
                    if !options.lenient {
                        ended = true
                        break
                    }
                }
            }
            #expect(ended, "\(failCase.name): the reader did not end")
        }
    }
}
