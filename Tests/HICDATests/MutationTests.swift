import HICDA
import HITestSupport
import HIXML
import Testing

/// Deterministic mutations of a sample: whatever parses must read through every view and write back;
/// nothing traps.
@Suite("Mutated documents")
struct MutationTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    @Test func mutatedSamplesNeverTrap() throws {
        let file = try #require(try SampleFiles.list("cda").first { $0.name == "wst500-27-lab-report.xml" })
        let original = try file.bytes()
        var generator = Generator(state: 42)
        var parsed = 0
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<(1 + generator.below(4)) {
                let position = generator.below(bytes.count)
                switch generator.below(4) {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(contentsOf: Array("<x>".utf8), at: position)
                default: bytes.removeSubrange(position..<min(bytes.count, position + generator.below(400)))
                }
            }
            guard let document = try? ClinicalDocument(parsing: bytes) else { continue }
            parsed += 1
            _ = WSTypedView(document: document)
            _ = document.dataElements
            _ = CNDocumentHeader(document: document)
            for section in document.allSections {
                _ = section.narrativeText
                for entry in section.entries {
                    _ = entry.statement?.values.map(\.displayText)
                    _ = entry.statement?.referenceRanges.map(\.interval)
                }
            }
            let again = try ClinicalDocument(parsing: document.serialized())
            #expect(again == document)
        }
        #expect(parsed > 0)
    }
}
