import HIPrivacy
import HITestSupport
import Testing

/// De-identification of truncated and mutated samples never traps: it either succeeds (and the output
/// parses again through the same path) or throws a located ``PrivacyError``.
@Suite struct DeidentifierHostileInputTests {
    static let deidentifier = Deidentifier(options: DeidentificationOptions(key: Array("hostile".utf8)))

    static func exercise(_ bytes: [UInt8], _ format: DeidentificationFormat) {
        do {
            let result = try deidentifier.deidentify(bytes, format: format)
            // What was de-identified once can be de-identified again.
            _ = try? deidentifier.deidentify(result.bytes, format: format)
        } catch {
            #expect(!error.description.isEmpty)
        }
    }

    @Test(arguments: [
        ("hl7v2/valid/adt-a04-registration.hl7", DeidentificationFormat.hl7v2),
        ("hl7v2/valid/oru-r01-gb18030.hl7", .hl7v2), ("fhir/valid/patient-zhangsan.json", .fhirJSON),
        ("tables/contract-list-utf8.csv", .table),
    ])
    func truncatedAndMutated(_ path: String, _ format: DeidentificationFormat) throws {
        let sample = try #require(
            try SampleFiles.list(String(path.split(separator: "/").dropLast().joined(separator: "/")))
                .first { path.hasSuffix($0.name) })
        let bytes = try sample.bytes()
        let clock = ContinuousClock()
        let start = clock.now
        for length in stride(from: 0, through: bytes.count, by: format == .hl7v2 ? 9 : 23) {
            Self.exercise(Array(bytes.prefix(length)), format)
        }
        var state: UInt64 = 0x9E37_79B9
        let interesting: [UInt8] = [0x00, 0x0D, 0x0A, 0x7C, 0x5E, 0x7E, 0x5C, 0x26, 0x22, 0x2C, 0x7B, 0x80, 0xFF]
        for _ in 0..<30 {
            var mutated = bytes
            for _ in 0..<3 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let index = Int((state >> 33) % UInt64(mutated.count))
                mutated[index] = interesting[Int((state >> 20) % UInt64(interesting.count))]
            }
            Self.exercise(mutated, format)
        }
        #expect(clock.now - start < .seconds(30))
    }
}
