import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

/// Hostile ER7 input: each case ends with a located error or a documented warning within a bounded time,
/// never a crash.
///
/// Bounds. Time: `ContinuousClock` around the parse, with a limit generous enough for an unoptimised
/// debug build on a loaded 2-core machine. Memory: the parsed tree is a view over the input (the message
/// holds the input bytes once plus an offset table of a few bytes per delimiter), so the test asserts the
/// serialized size equals the input size (no copy per field) and checks the process's peak resident set
/// (`VmHWM` in /proc/self/status) grew by less than a multiple of the input. Sizes: a 100 MB single field and
/// 1,000,000 segments (about 2 s each in a debug build); `HI_HOSTILE_SMALL=1` shrinks them to 10 MB and
/// 100,000 for slow machines.
@Suite(.serialized) struct HL7v2HostileInputTests {
    static var full: Bool { ProcessInfo.processInfo.environment["HI_HOSTILE_SMALL"] != "1" }

    /// Peak resident set of this process in bytes (0 where /proc is missing).
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }

    static func measure<T>(_ body: () throws -> T) rethrows -> (T, Duration, Int) {
        let before = peakResidentBytes()
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, clock.now - start, peakResidentBytes() - before)
    }

    static let header = Array("MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5.1\r".utf8)

    @Test func hugeSingleField() throws {
        let size = Self.full ? 100 << 20 : 10 << 20
        var bytes = Self.header + Array("OBX|1|ED|X||".utf8)
        bytes.reserveCapacity(bytes.count + size + 2)
        bytes += [UInt8](repeating: 0x41, count: size)
        bytes.append(0x0D)
        // Over the default 64 MB limit: a located error at once, before any tokenizing.
        var small = HL7v2ParseOptions()
        small.maximumMessageBytes = size / 2
        let (rejected, rejectTime, _) = Self.measure {
            Result { () throws(HL7v2Error) in try HL7v2Message(parsing: bytes, options: small) }
        }
        guard case .failure(let error) = rejected else {
            Issue.record("accepted a message over the limit")
            return
        }
        #expect(error.code == .messageTooLarge)
        #expect(error.location.byteOffset != nil)
        #expect(rejectTime < .seconds(1))
        // With room for it: parsed, one field of `size` bytes, no copy.
        var options = HL7v2ParseOptions()
        options.maximumMessageBytes = size + 1024
        options.maximumFieldBytes = size + 1024
        let (message, time, grown) = try Self.measure { try HL7v2Message(parsing: bytes, options: options) }
        #expect(message.segmentCount == 2)
        #expect(message.segments[1].field(5)?.byteRange.count == size)
        #expect(message.serializedBytes().count == bytes.count)
        #expect(time < .seconds(Self.full ? 30 : 10), "\(time)")
        #expect(grown < 4 * bytes.count + (64 << 20), "peak grew by \(grown) bytes")
        // A field over `maximumFieldBytes`: located at the field.
        options.maximumFieldBytes = size / 2
        do {
            _ = try HL7v2Message(parsing: bytes, options: options)
            Issue.record("accepted a field over the limit")
        } catch {
            #expect(error.code == .fieldTooLarge)
            #expect(error.location.path == "OBX-5")
            #expect(error.location.byteOffset == Self.header.count + 12)
            #expect(error.issueCode == "HI-V2-0026")
        }
    }

    @Test func manyTinySegments() throws {
        let count = Self.full ? 1_000_000 : 100_000
        var bytes = Self.header
        bytes.reserveCapacity(bytes.count + count * 6)
        for _ in 0..<count { bytes += [0x5A, 0x5A, 0x5A, 0x7C, 0x31, 0x0D] }  // "ZZZ|1\r"
        var options = HL7v2ParseOptions()
        options.maximumSegments = count + 1
        let (message, time, grown) = try Self.measure { try HL7v2Message(parsing: bytes, options: options) }
        #expect(message.segmentCount == count + 1)
        #expect(message.serializedBytes().count == bytes.count)
        #expect(time < .seconds(Self.full ? 60 : 15), "\(time)")
        #expect(grown < 40 * bytes.count + (64 << 20), "peak grew by \(grown) bytes")
        // One segment over the limit: a located error naming the limit.
        options.maximumSegments = count
        #expect(throws: HL7v2Error(.tooManySegments, expected: "")) {
            _ = try HL7v2Message(parsing: bytes, options: options)
        }
    }

    @Test func readerSkipsAMessageOverTheLimitAndGoesOn() throws {
        var options = HL7v2ParseOptions()
        options.maximumMessageBytes = 1 << 16
        var bytes = Self.header + Array("OBX|1|ED|X||".utf8) + [UInt8](repeating: 0x41, count: 1 << 17) + [0x0D]
        bytes += Array("MSH|^~\\&|A|B|C|D|20240101||ADT^A01|2|P|2.5.1\rPID|1\r".utf8)
        var reader = HL7v2MessageReader(bytes: bytes, options: options)
        do {
            _ = try reader.next()
            Issue.record("accepted a message over the limit")
        } catch {
            #expect(error.code == .messageTooLarge)
            #expect(error.location.byteOffset != nil || error.location.record != nil)
        }
        #expect(try reader.next()?.controlID == "2")
    }

    @Test func tooManyFieldsIsLocated() throws {
        var options = HL7v2ParseOptions()
        options.maximumFieldsPerSegment = 1000
        let bytes = Self.header + Array("PID".utf8) + [UInt8](repeating: 0x7C, count: 5000) + [0x0D]
        do {
            _ = try HL7v2Message(parsing: bytes, options: options)
            Issue.record("accepted too many fields")
        } catch {
            #expect(error.code == .tooManyFields)
            #expect(error.location.byteOffset != nil)
        }
    }

    static let hostile: [(String, [UInt8])] = [
        ("invalid UTF-8", Array("PID|1||".utf8) + [0xC3, 0x28, 0xE2, 0x82, 0xFF, 0xFE, 0xED, 0xA0, 0x80] + [0x0D]),
        (
            "overlong UTF-8",
            Array("PID|1||".utf8) + [0xC0, 0xAF, 0xE0, 0x80, 0xAF, 0xF8, 0x88, 0x80, 0x80, 0x80] + [0x0D]
        ),
        ("NUL bytes", Array("PID|1||A".utf8) + [0x00, 0x00] + Array("B|".utf8) + [0x00, 0x0D]),
        ("lone GB18030 lead", Array("PID|1||".utf8) + [0x81, 0x7C, 0x81, 0x30, 0x81, 0xFF] + [0x0D]),
    ]

    @Test(arguments: 0..<hostile.count)
    func invalidBytes(_ index: Int) throws {
        let (name, body) = Self.hostile[index]
        for charsetName in ["UNICODE UTF-8", "GB 18030-2000"] {
            let bytes = Array("MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5|||||CHN|\(charsetName)\r".utf8) + body
            for options in [HL7v2ParseOptions(), HL7v2ParseOptions.strict] {
                let clock = ContinuousClock()
                let start = clock.now
                do {
                    let message = try HL7v2Message(parsing: bytes, options: options)
                    // Lenient: parsed with a documented warning, values decode lossily, bytes kept.
                    #expect(message.serializedBytes() == bytes, "\(name)")
                    for segment in message.segments { for field in segment.fields { _ = field.value } }
                } catch {
                    #expect(error.location.byteOffset != nil, "\(name): \(error)")
                    #expect(!error.description.isEmpty)
                }
                #expect(clock.now - start < .seconds(1))
            }
        }
    }

    @Test func invalidCharsetBytesWarnWhenLenient() throws {
        let bytes =
            Array("MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5|||||CHN|UNICODE UTF-8\rPID|1||".utf8)
            + [0xFF, 0xFE, 0x0D]
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.issues.contains { $0.severity == .warning || $0.severity == .error })
        #expect(throws: HL7v2Error(.invalidCharsetBytes, expected: "")) {
            _ = try HL7v2Message(parsing: bytes, options: .strict)
        }
    }

    /// Truncation at every byte, also through the streaming reader (the in-memory parser is covered by
    /// InvalidInputTests.hostileInputNeverCrashes).
    @Test func truncatedBatchThroughReader() throws {
        let sample = try #require(try SampleFiles.list("hl7v2/valid").first { $0.name == "batch-fhs-bhs.hl7" })
        let bytes = try sample.bytes()
        let clock = ContinuousClock()
        let start = clock.now
        for length in 0...bytes.count {
            var reader = HL7v2MessageReader(bytes: Array(bytes.prefix(length)))
            var rounds = 0
            while rounds < 1000 {
                rounds += 1
                do throws(HL7v2Error) {
                    guard try reader.nextRecord() != nil else { break }
                } catch {
                    #expect(!error.reason.isEmpty)
                }
            }
            #expect(rounds < 1000, "the reader did not end at length \(length)")
        }
        #expect(clock.now - start < .seconds(10))
    }
}
