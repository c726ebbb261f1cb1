import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

/// The shared corpus files that are not deliberately malformed (NEGATIVE in INDEX.tsv).
enum CorpusHL7v2 {
    static let rows: [[String: String]] = (try? SharedCorpus.index("hl7v2/INDEX.tsv")) ?? []

    static let positive: [SampleFile] = rows.filter { !($0["note"] ?? "").hasPrefix("NEGATIVE:") }.compactMap {
        guard let file = $0["file"] else { return nil }
        return SampleFile(name: file, url: SharedCorpus.url("hl7v2/" + file))
    }

    static let negative: [SampleFile] = rows.filter { ($0["note"] ?? "").hasPrefix("NEGATIVE:") }.compactMap {
        guard let file = $0["file"] else { return nil }
        return SampleFile(name: file, url: SharedCorpus.url("hl7v2/" + file))
    }

    static func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: SharedCorpus.url("hl7v2/" + file)))
    }
}

@Suite("HL7 v2 round trip over ../shared/corpus")
struct CorpusRoundTripTests {
    @Test(arguments: CorpusHL7v2.positive)
    func roundTripIsByteExact(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        let batch = try HL7v2Batch(parsing: bytes)
        #expect(batch.serializedBytes() == bytes, "\(file.name)")
        #expect(!batch.messages.isEmpty, "\(file.name)")
        for message in batch.messages {
            // Re-reading what was written gives the same tree.
            let again = try HL7v2Message(parsing: message.serializedBytes())
            #expect(again.canonicalJSON() == message.canonicalJSON(), "\(file.name)")
        }
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func everyNonNegativeFileIsChecked() throws {
        #expect(CorpusHL7v2.rows.count == 101)
        #expect(CorpusHL7v2.positive.count == CorpusHL7v2.rows.count - 3)
        #expect(CorpusHL7v2.negative.count == 3)
    }
}
