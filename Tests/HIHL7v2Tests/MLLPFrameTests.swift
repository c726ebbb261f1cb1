import HICore
import HIHL7v2
import Testing

@Suite("MLLP frame codec")
struct MLLPFrameTests {
    static let message = Array(
        "MSH|^~\\&|LIS|LAB|HIS|HOSP|20260101120000||ORU^R01^ORU_R01|MSG0001|P|2.5\rPID|1||X1\r".utf8)

    static func payloads(_ events: [MLLPFrameEvent]) -> [[UInt8]] {
        events.compactMap { if case .frame(let frame) = $0 { frame.payload } else { nil } }
    }

    static func framed(_ payload: [UInt8]) throws -> [UInt8] { try MLLPFrameEncoder.encode(payload) }

    @Test func encodeWrapsPayload() throws {
        let framed = try MLLPFrameEncoder.encode([0x41, 0x42])
        #expect(framed == [0x0B, 0x41, 0x42, 0x1C, 0x0D])
    }

    @Test func encodeRejectsFramingBytes() {
        #expect(throws: MLLPFrameError(.payloadContainsEndByte, streamOffset: 0)) {
            _ = try MLLPFrameEncoder.encode([0x41, 0x1C])
        }
        do {
            _ = try MLLPFrameEncoder.encode([0x41, 0x42, 0x0B])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .payloadContainsStartByte)
            #expect(error.streamOffset == 2)
        }
    }

    @Test func wholeStreamDecodes() throws {
        var decoder = MLLPFrameDecoder()
        let stream = try Self.framed(Self.message) + Self.framed([0x41])
        let events = decoder.decode(stream) + decoder.finish()
        #expect(Self.payloads(events) == [Self.message, [0x41]])
        #expect(events.count == 2)
        guard case .frame(let second) = events[1] else { return }
        #expect(second.streamOffset == Self.message.count + 3)
    }

    @Test func everySplitPointDecodesTheSame() throws {
        let stream = try Self.framed(Self.message) + [0x0A, 0x20] + Self.framed(Array("MSH|^~\\&|B\r".utf8))
        var reference = MLLPFrameDecoder()
        let expected = reference.decode(stream) + reference.finish()
        #expect(Self.payloads(expected).count == 2)
        for split in 0...stream.count {
            var decoder = MLLPFrameDecoder()
            let events =
                decoder.decode(Array(stream[..<split])) + decoder.decode(Array(stream[split...])) + decoder.finish()
            #expect(events == expected, "split at \(split)")
        }
        var byteByByte = MLLPFrameDecoder()
        var events: [MLLPFrameEvent] = []
        for byte in stream { events += byteByByte.decode([byte]) }
        events += byteByByte.finish()
        #expect(events == expected)
    }

    @Test func junkBetweenFramesIsReportedWithOffsetsAndSkipped() throws {
        let first = try Self.framed([0x41])
        let stream = try [0x58, 0x59] + first + Array("garbage\r\n".utf8) + Self.framed([0x42]) + [0x5A]
        var decoder = MLLPFrameDecoder()
        let events = decoder.decode(stream) + decoder.finish()
        #expect(Self.payloads(events) == [[0x41], [0x42]])
        let skipped = events.compactMap { if case .skipped(let issue) = $0 { issue } else { nil } }
        #expect(skipped.map(\.location.byteOffset) == [0, 2 + first.count, stream.count - 1])
        #expect(skipped.allSatisfy { $0.code == "HI-MLLP-0004" && $0.severity == .warning })
        #expect(skipped[1].message.hasPrefix("9 bytes"))
    }

    @Test func oversizeFrameIsDroppedAndDecoderResynchronises() throws {
        var options = MLLPFrameOptions()
        options.maximumFrameBytes = 64
        options.keptHeadBytes = 16
        var decoder = MLLPFrameDecoder(options: options)
        let big = try Self.framed(Array(repeating: 0x41, count: 200))
        let exact = try Self.framed(Array(repeating: 0x43, count: 64))
        let stream = try big + Self.framed([0x42]) + exact
        var events: [MLLPFrameEvent] = []
        for start in stride(from: 0, to: stream.count, by: 7) {
            events += decoder.decode(Array(stream[start..<min(start + 7, stream.count)]))
        }
        events += decoder.finish()
        #expect(Self.payloads(events) == [[0x42], Array(repeating: 0x43, count: 64)])
        guard case .dropped(let error, let head) = events.first else {
            Issue.record("expected a dropped frame first")
            return
        }
        #expect(error.code == .frameTooLarge)
        #expect(error.issueCode == "HI-MLLP-0001")
        #expect(error.streamOffset == 0)
        #expect(head == Array(repeating: 0x41, count: 16))
    }

    @Test func oversizeFrameResynchronisesOnNextStartByteWithoutEnd() throws {
        var options = MLLPFrameOptions()
        options.maximumFrameBytes = 8
        var decoder = MLLPFrameDecoder(options: options)
        let stream = try [0x0B] + Array(repeating: 0x41, count: 20) + Self.framed([0x42])
        let events = decoder.decode(stream) + decoder.finish()
        #expect(Self.payloads(events) == [[0x42]])
    }

    @Test func neverEndingFrameStaysBounded() {
        var options = MLLPFrameOptions()
        options.maximumFrameBytes = 1024
        var decoder = MLLPFrameDecoder(options: options)
        var dropped = 0
        let chunk = [UInt8](repeating: 0x41, count: 4096)
        var events = decoder.decode([0x0B])
        for _ in 0..<256 { events += decoder.decode(chunk) }  // 1 MiB of one endless frame
        for event in events {
            if case .dropped(let error, _) = event, error.code == .frameTooLarge { dropped += 1 }
        }
        #expect(dropped == 1)
        #expect(decoder.isInsideFrame)
        #expect(decoder.finish().isEmpty)
        #expect(decoder.streamOffset == 1 + 256 * 4096)
    }

    @Test func startByteInsideFrameDropsTheUnfinishedFrame() throws {
        var decoder = MLLPFrameDecoder()
        let stream = try [0x0B, 0x41, 0x41] + Self.framed([0x42])
        let events = decoder.decode(stream) + decoder.finish()
        #expect(Self.payloads(events) == [[0x42]])
        guard case .dropped(let error, let head) = events.first else {
            Issue.record("expected a dropped frame")
            return
        }
        #expect(error.code == .unterminatedFrame)
        #expect(head == [0x41, 0x41])
    }

    @Test func streamEndingInsideFrameIsIncomplete() {
        var decoder = MLLPFrameDecoder()
        #expect(decoder.decode([0x0B, 0x41, 0x42]).isEmpty)
        let events = decoder.finish()
        guard case .dropped(let error, let head) = events.first else {
            Issue.record("expected a dropped frame")
            return
        }
        #expect(error.code == .incompleteFrame)
        #expect(error.byteCount == 2)
        #expect(head == [0x41, 0x42])
    }

    @Test func streamEndingAfterEndByteKeepsTheFrame() {
        var decoder = MLLPFrameDecoder()
        let events = decoder.decode([0x0B, 0x41, 0x1C]) + decoder.finish()
        #expect(MLLPFrameTests.payloads(events) == [[0x41]])
        #expect(events.count == 2)
    }

    @Test func endByteWithoutCarriageReturnIsAcceptedWithWarning() {
        var decoder = MLLPFrameDecoder()
        let events = decoder.decode([0x0B, 0x41, 0x1C, 0x0B, 0x42, 0x1C, 0x0D]) + decoder.finish()
        #expect(Self.payloads(events) == [[0x41], [0x42]])
        let warnings = events.compactMap { if case .skipped(let issue) = $0 { issue } else { nil } }
        #expect(warnings.map(\.code) == ["HI-MLLP-0005"])
    }

    @Test func gb18030PayloadPassesIntact() throws {
        let text =
            "MSH|^~\\&|HIS|第一人民医院|LIS|检验科|20260101||ADT^A04|C1|P|2.5||||||GB 18030-2000\r"
            + "PID|1||110101199003071234^^^^ID||欧阳瑋琝^^||19900307|F|||朝阳区建国路88号\r"
        let payload = try Charset.gb18030.encode(text)
        #expect(!payload.contains(0x1C) && !payload.contains(0x0B))
        #expect(payload.contains(0x7C) && payload.count > text.utf8.count / 2)
        let stream = try MLLPFrameEncoder.encode(payload)
        var decoder = MLLPFrameDecoder()
        var events: [MLLPFrameEvent] = []
        for byte in stream { events += decoder.decode([byte]) }
        let decoded = Self.payloads(events)
        #expect(decoded == [payload])
        #expect(try Charset.gb18030.decode(decoded[0]) == text)
    }
}

/// A small deterministic generator so hostile-input tests are reproducible.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("MLLP and ACK hostile input")
struct MLLPHostileInputTests {
    /// Random bytes biased towards framing bytes and delimiters, cut into random chunks: the decoder never
    /// traps, never holds more than the limit, and accounts for every byte.
    @Test(arguments: 0..<8)
    func randomStreamsNeverTrap(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &* 7919)
        let alphabet: [UInt8] = [0x0B, 0x1C, 0x0D, 0x0A, 0x7C, 0x5E, 0x4D, 0x53, 0x48, 0x00, 0xFF, 0x81, 0x41]
        let stream = (0..<10_000).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
        var options = MLLPFrameOptions()
        options.maximumFrameBytes = 64
        var decoder = MLLPFrameDecoder(options: options)
        var events: [MLLPFrameEvent] = []
        var start = 0
        while start < stream.count {
            let length = Int(random.next() % 300) + 1
            let end = min(stream.count, start + length)
            events += decoder.decode(stream[start..<end])
            start = end
        }
        events += decoder.finish()
        #expect(decoder.streamOffset == stream.count)
        for event in events {
            switch event {
            case .frame(let frame):
                #expect(frame.payload.count <= 64)
                #expect(!frame.payload.contains(0x0B) && !frame.payload.contains(0x1C))
                _ = HL7v2MessageHeader(bytes: frame.payload)
                _ = HL7v2Acknowledgement(parsing: frame.payload)
                let ack = HL7v2Acknowledgement.build(rejecting: frame.payload, issues: [], controlID: "R")
                #expect(!ack.bytes.isEmpty)
            case .dropped(_, let head):
                #expect(head.count <= options.keptHeadBytes)
            case .skipped:
                break
            }
        }
    }

    /// Headers built from random field contents: reading and acknowledging them never traps, and an ACK
    /// always parses back with the same MSA-2 when the control id is plain.
    @Test(arguments: 0..<20)
    func randomHeadersNeverTrap(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed) &+ 1)
        let pieces = ["|", "^", "~", "\\", "&", "#", "A", "2.5", "AL", "NE", "\r", "\n", "瑋", "\u{0}", "GB18030"]
        var text = "MSH|^~\\&"
        for _ in 0..<60 { text += pieces[Int(random.next() % UInt64(pieces.count))] }
        let bytes = Array(text.utf8)
        if let header = HL7v2MessageHeader(bytes: bytes) {
            _ = header.controlID
            _ = header.acknowledgementMode
            let ack = HL7v2Acknowledgement.build(
                for: header, code: .applicationReject,
                issues: [Issue(.error, code: "HI-X-1", "x | y ^ z", at: SourceLocation(path: "PID[2]-3[4].5.6"))],
                controlID: "C")
            let read = try #require(HL7v2Acknowledgement(parsing: ack.bytes))
            #expect(read.code == .applicationReject)
        }
        for cut in stride(from: 0, through: bytes.count, by: 7) {
            _ = HL7v2MessageHeader(bytes: Array(bytes[..<cut]))
            _ = HL7v2Acknowledgement(parsing: Array(bytes[..<cut]))
        }
    }

    /// A header line of many separators is read in linear time and bounded memory.
    @Test func millionsOfSeparatorsStayCheap() throws {
        var bytes = Array("MSH|^~\\&".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "|"), count: 100_000)
        bytes += Array("\rMSA".utf8) + [UInt8](repeating: UInt8(ascii: "|"), count: 100_000)
        let header = try #require(HL7v2MessageHeader(bytes: bytes))
        #expect(header.controlID == nil)
        #expect(header.rawField(30).isEmpty)
        #expect(HL7v2Acknowledgement(parsing: bytes) == nil)  // MSA-1 is empty
        let ack = HL7v2Acknowledgement.build(for: header, code: .applicationReject, controlID: "R")
        #expect(ack.bytes.count < 200)
    }
}
