import Foundation
import HIModels
import HITestSupport
import Testing

/// Replays `FailCases/*.bin` through the checks of FuzzResidentID: never a trap; accepted resident IDs
/// have 18 characters and a valid check character.
@Suite struct ModelsFailCaseReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FailCases")
    static let cases: [SampleFile] = (try? SampleFiles.listFiles(under: folder)) ?? []

    @Test func folderIsThere() {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
    }

    @Test(arguments: cases)
    func replay(_ failCase: SampleFile) throws {
        let text = String(decoding: try failCase.bytes().prefix(256), as: UTF8.self)
        if let id = try? ResidentIDNumber(parsing: text) {
            #expect(id.value.utf8.count == 18)
            #expect(ResidentIDNumber.checkCharacter(for: id.value.utf8.prefix(17)) == id.value.utf8.last)
        }
        var lenient = ResidentIDOptions()
        lenient.checkCheckCharacter = false
        lenient.requireKnownRegion = false
        _ = try? ResidentIDNumber(parsing: text, options: lenient)
        if let phone = try? PhoneNumber(parsing: text) { _ = (phone.normalized, phone.e164, phone.masked) }
    }
}
