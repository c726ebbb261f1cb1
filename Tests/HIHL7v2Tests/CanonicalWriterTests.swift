import Foundation
import HICore
import HITestSupport
import Testing

@testable import HIHL7v2

/// The fast canonical JSON writer agrees with the one built from element views.
@Suite("HL7 v2 canonical JSON writer")
struct CanonicalWriterTests {
    static let files: [SampleFile] =
        ((try? SampleFiles.list("hl7v2/valid")) ?? []) + ((try? SampleFiles.list("hl7v2/invalid")) ?? [])
        + CorpusHL7v2.positive

    @Test(arguments: files)
    func fastWriterMatchesTheReference(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        guard let batch = try? HL7v2Batch(parsing: bytes) else { return }
        for record in batch.records {
            #expect(record.message.canonicalJSON() == record.message.canonicalJSONReference(), "\(file.name)")
        }
    }

    @Test func mutatedInputsAgreeToo() throws {
        let bytes = try #require(try SampleFiles.list("hl7v2/valid").first { $0.name == "oru-r01-gb18030.hl7" })
            .bytes()
        var generator = SplitMix(seed: 42)
        let interesting: [UInt8] = [0x7C, 0x5E, 0x7E, 0x5C, 0x26, 0xAC, 0x22, 0x01, 0x80]
        for _ in 0..<200 {
            var mutated = bytes
            for _ in 0..<3 {
                let index = Int(generator.next() % UInt64(mutated.count))
                mutated[index] = interesting[Int(generator.next() % UInt64(interesting.count))]
            }
            if let message = try? HL7v2Message(parsing: mutated) {
                #expect(message.canonicalJSON() == message.canonicalJSONReference())
            }
        }
    }

    @Test func emptiesFollowTheDocumentedRule() throws {
        let message = try HL7v2Message(parsing: Array("MSH|^~\\&|A\rPID||^^|a&&~~|x^^y&&^^|\"\"| |||\r".utf8))
        #expect(
            message.canonicalJSON()
                == #"{"segments":[{"id":"MSH","fields":[[[["|"]]],[[["^~\\&"]]],[[["A"]]]]},"#
                + #"{"id":"PID","fields":[[],[],[[["a"]]],[[["x"],[],["y"]]],[[["\"\""]]],[[[" "]]]]}]}"#)
    }
}
