import Foundation
import HITestSupport
import HIV3
import HIXML
import Testing

/// Replays `FailCases/*.bin` through the checks of the FuzzV3 target: a message that parses gets an
/// acknowledgement that parses and reads back, and its serialization re-parses to an equal root element.
@Suite struct V3FailCaseReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FailCases")
    static let cases: [SampleFile] = (try? SampleFiles.listFiles(under: folder, extensions: ["bin"])) ?? []

    @Test func folderHoldsTheFailCases() {
        #expect(!Self.cases.isEmpty)
    }

    @Test(arguments: cases)
    func replay(_ failCase: SampleFile) throws {
        let message = try V3Message(parsing: try failCase.bytes())
        let acknowledgement = V3Acknowledgement.responding(to: message)
        let read = try V3Acknowledgement(reading: try V3Message(parsing: acknowledgement.serialized()))
        #expect(read.targetMessageID?.extension == message.id?.extension)
        let reparsed = try V3Message(parsing: message.serialized())
        #expect(reparsed.element == message.element, "\(failCase.name)")
    }

    @Test func undeclarableEncodingIsRewrittenAsUTF8() throws {
        let failCase = try #require(Self.cases.first { $0.name.contains("utf7") })
        let message = try V3Message(parsing: try failCase.bytes())
        #expect(message.xml.declaration?.encoding == "UTF-7")
        let written = message.serialized()
        #expect(String(decoding: written.prefix(60), as: UTF8.self).contains("encoding=\"UTF-8\""))
        #expect(try V3Message(parsing: written).xml.declaration?.encoding == "UTF-8")
    }
}
