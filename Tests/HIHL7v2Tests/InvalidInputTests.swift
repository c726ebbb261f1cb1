import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

/// What each file under Samples/hl7v2/invalid must give: code, byte offset, line, segment and path.
struct InvalidExpectation: Sendable, CustomStringConvertible {
    let file: String
    let code: HL7v2Error.Code
    let byteOffset: Int
    let line: Int?
    let segmentIndex: Int?
    let path: String?
    /// `true` when lenient reading accepts the file with a warning of the same code.
    let recoverable: Bool
    var description: String { file }

    static let all: [InvalidExpectation] = [
        .init(
            file: "empty-input.hl7", code: .emptyInput, byteOffset: 4, line: nil, segmentIndex: nil, path: nil,
            recoverable: false),
        .init(
            file: "no-msh.hl7", code: .noMSH, byteOffset: 0, line: 1, segmentIndex: nil, path: nil,
            recoverable: false),
        .init(
            file: "msh-too-short.hl7", code: .mshTooShort, byteOffset: 4, line: 1, segmentIndex: nil, path: nil,
            recoverable: false),
        .init(
            file: "repeated-delimiter.hl7", code: .repeatedDelimiter, byteOffset: 5, line: 1, segmentIndex: nil,
            path: nil, recoverable: false),
        .init(
            file: "nul-byte.hl7", code: .nulByte, byteOffset: 60, line: 2, segmentIndex: 2, path: "PID-3",
            recoverable: true),
        .init(
            file: "invalid-segment-id.hl7", code: .invalidSegmentID, byteOffset: 61, line: 3, segmentIndex: 3,
            path: nil, recoverable: true),
        .init(
            file: "truncated-escape.hl7", code: .truncatedEscape, byteOffset: 70, line: 2, segmentIndex: 2,
            path: "OBX-5", recoverable: true),
        .init(
            file: "non-ascii-delimiter.hl7", code: .nonASCIIDelimiter, byteOffset: 3, line: 1, segmentIndex: nil,
            path: nil, recoverable: false),
        .init(
            file: "invalid-charset-bytes.hl7", code: .invalidCharsetBytes, byteOffset: 84, line: 2,
            segmentIndex: 2, path: "PID-5", recoverable: true),
        .init(
            file: "nested-batch.hl7", code: .nestedBatch, byteOffset: 77, line: 4, segmentIndex: nil, path: nil,
            recoverable: false),
        .init(
            file: "segment-outside-message.hl7", code: .segmentOutsideMessage, byteOffset: 21, line: 2,
            segmentIndex: 2, path: nil, recoverable: false),
    ]
}

@Suite("HL7 v2 bad input")
struct InvalidInputTests {
    @Test func everyInvalidSampleHasAnExpectation() throws {
        let names = try SampleFiles.list("hl7v2/invalid").map(\.name)
        #expect(names.sorted() == InvalidExpectation.all.map(\.file).sorted())
    }

    @Test(arguments: InvalidExpectation.all)
    func strictReadingThrowsALocatedError(_ expected: InvalidExpectation) throws {
        let bytes = try #require(try SampleFiles.list("hl7v2/invalid").first { $0.name == expected.file }).bytes()
        do {
            _ = try HL7v2Batch(parsing: bytes, options: .strict)
            Issue.record("\(expected.file) was accepted")
        } catch {
            #expect(error.code == expected.code)
            #expect(error.issueCode == expected.code.issueCode)
            #expect(error.issueCode.rawValue.hasPrefix("HI-V2-"))
            #expect(error.location.byteOffset == expected.byteOffset)
            #expect(error.location.line == expected.line)
            #expect(error.segmentIndex == expected.segmentIndex)
            #expect(error.location.path == expected.path)
            if expected.segmentIndex != nil, expected.code != .invalidSegmentID { #expect(error.segmentID != nil) }
            if expected.code != .emptyInput, expected.code != .nestedBatch, expected.code != .segmentOutsideMessage {
                #expect(error.location.record == 1)
            }
            #expect(!error.expected.isEmpty)
            #expect(error.description.contains(expected.code.issueCode.rawValue))
        }
    }

    @Test(arguments: InvalidExpectation.all)
    func lenientReadingWarnsOnlyForRecoverableProblems(_ expected: InvalidExpectation) throws {
        let bytes = try #require(try SampleFiles.list("hl7v2/invalid").first { $0.name == expected.file }).bytes()
        let batch: HL7v2Batch
        do {
            batch = try HL7v2Batch(parsing: bytes)
        } catch {
            #expect(!expected.recoverable, "\(expected.file): \(error)")
            #expect(error.code == expected.code)
            return
        }
        #expect(expected.recoverable, "\(expected.file) should not be accepted")
        let warning = try #require(batch.issues.first { $0.code == expected.code.issueCode })
        #expect(warning.severity == .warning)
        #expect(warning.location.byteOffset == expected.byteOffset)
        #expect(batch.serializedBytes() == bytes)
    }

    @Test func errorsNeverContainValues() throws {
        // The name bytes of the charset sample must not reach the error text.
        let bytes = Array("MSH|^~\\&|A|||||ADT^A04|1|P|2.5\rPID|1||SECRET\\Fvalue\r".utf8)
        do {
            _ = try HL7v2Message(parsing: bytes, options: .strict)
            Issue.record("accepted")
        } catch {
            #expect(!error.description.contains("SECRET"))
            #expect(!error.description.contains("value"))
            #expect(error.location.path == "PID-3")
        }
    }

    @Test func limitsAreEnforced() throws {
        var options = HL7v2ParseOptions()
        options.maximumSegments = 3
        let message = Array("MSH|^~\\&|A\rPID|1\rPV1|1\rOBX|1\r".utf8)
        #expect(throws: HL7v2Error(.tooManySegments, expected: "")) {
            _ = try HL7v2Message(parsing: message, options: options)
        }
        options = HL7v2ParseOptions()
        options.maximumFieldsPerSegment = 4
        #expect(throws: HL7v2Error(.tooManyFields, expected: "")) {
            _ = try HL7v2Message(parsing: Array("MSH|^~\\&|A\rPID|1|2|3|4|5\r".utf8), options: options)
        }
        options = HL7v2ParseOptions()
        options.maximumMessageBytes = 20
        #expect(throws: HL7v2Error(.messageTooLarge, expected: "")) {
            _ = try HL7v2Message(parsing: message, options: options)
        }
        // The reader skips an oversized message and goes on with the next one.
        var reader = HL7v2MessageReader(
            bytes: Array("MSH|^~\\&|A\rPID|1234567890123456789012345\rMSH|^~\\&|B\r".utf8), options: options)
        #expect(throws: HL7v2Error(.messageTooLarge, expected: "")) { _ = try reader.next() }
        let next = try reader.next()
        #expect(next?.value(at: "MSH-3") == "B")
        #expect(try reader.next() == nil)
    }

    @Test func streamingSkipsAnOversizedLineWithBoundedMemory() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hi-v2-long-\(getpid()).hl7")
        defer { try? FileManager.default.removeItem(at: url) }
        var bytes = Array("MSH|^~\\&|A\rNTE|1||".utf8) + [UInt8](repeating: 0x58, count: 200_000)
        bytes += Array("\rMSH|^~\\&|B\rPID|1\r".utf8)
        try Data(bytes).write(to: url)
        var options = HL7v2ParseOptions()
        options.maximumMessageBytes = 1000
        var reader = HL7v2MessageReader(source: try ByteSource(path: url.path), options: options)
        reader.chunkSize = 512
        #expect(throws: HL7v2Error(.messageTooLarge, expected: "")) { _ = try reader.next() }
        let next = try reader.next()
        #expect(next?.value(at: "MSH-3") == "B")
        #expect(next?.byteOffset == bytes.count - 17)  // "MSH|^~\\&|B\rPID|1\r"
        #expect(try reader.next() == nil)
    }

    @Test func issuesAreCappedAndCounted() throws {
        var options = HL7v2ParseOptions()
        options.maximumIssues = 2
        let bytes = Array("MSH|^~\\&|A\rp1|1\rp2|1\rp3|1\rp4|1\r".utf8)
        let message = try HL7v2Message(parsing: bytes, options: options)
        #expect(message.issues.count == 3)
        #expect(message.issues.last?.code == HL7v2Error.Code.issuesTruncated.issueCode)
        #expect(message.issues.last?.message.hasPrefix("2 further issues") == true)
    }

    @Test func secondMessageInOneMessageIsAnError() throws {
        let bytes = Array("MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B\r".utf8)
        #expect(throws: HL7v2Error(.unexpectedMessageStart, expected: "")) { _ = try HL7v2Message(parsing: bytes) }
        #expect(try HL7v2Batch(parsing: bytes).messages.count == 2)
    }

    /// Truncating a sample at every byte and flipping random bytes never crashes; what parses re-serializes.
    @Test func hostileInputNeverCrashes() throws {
        let samples = try SampleFiles.list("hl7v2/valid").filter {
            ["oru-r01-lab.hl7", "oru-r01-gb18030.hl7", "batch-fhs-bhs.hl7", "oru-r01-escapes.hl7"].contains($0.name)
        }
        #expect(samples.count == 4)
        var generator = SplitMix(seed: 0x5EED)
        let interesting: [UInt8] = [0x00, 0x0D, 0x0A, 0x7C, 0x5E, 0x7E, 0x5C, 0x26, 0x80, 0xAC, 0xFF, 0x4D, 0x23]
        for sample in samples {
            let bytes = try sample.bytes()
            for length in 0...bytes.count { exercise(Array(bytes.prefix(length)), deep: length % 16 == 0) }
            for _ in 0..<120 {
                var mutated = bytes
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let index = Int(generator.next() % UInt64(mutated.count))
                    mutated[index] =
                        generator.next() % 2 == 0
                        ? interesting[Int(generator.next() % UInt64(interesting.count))]
                        : UInt8(truncatingIfNeeded: generator.next())
                }
                exercise(mutated, deep: true)
            }
        }
    }

    func exercise(_ bytes: [UInt8], deep: Bool) {
        for options in [HL7v2ParseOptions(), HL7v2ParseOptions.strict] {
            if let batch = try? HL7v2Batch(parsing: bytes, options: options) {
                #expect(batch.serializedBytes() == bytes)
                for message in batch.messages where deep {
                    _ = message.canonicalJSON()
                    _ = try? message.values(at: "PID-5.1")
                    for segment in message.segments { for field in segment.fields { _ = field.text } }
                }
            }
            if let message = try? HL7v2Message(parsing: bytes, options: options) {
                #expect(message.serializedBytes() == bytes)
            }
        }
    }
}

/// A small deterministic random generator for the hostile-input loop.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
