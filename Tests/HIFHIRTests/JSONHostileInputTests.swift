import Foundation
import HICore
import HIFHIR
import HITestSupport
import Testing

/// Hostile JSON: each case ends with a located error (or parses) within a bounded time, never a crash.
///
/// Bounds. Time: `ContinuousClock` with limits generous for a debug build. Memory: the depth limit bounds
/// the parser's stack (checked on every descent), and `maximumInputBytes` is checked before scanning, so an
/// input over it is refused before any allocation proportional to it; for accepted input the test checks
/// the process's peak resident set (`VmHWM`) grew by less than a multiple of the input.
@Suite(.serialized) struct JSONHostileInputTests {
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return (Int(line.filter(\.isNumber)) ?? 0) * 1024
        }
        return 0
    }

    static func read(_ bytes: [UInt8], options: FHIRDecodingOptions = .init()) -> (
        Result<JSONValue, FHIRError>, Duration
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = Result { () throws(FHIRError) in try JSONReader.read(bytes, options: options) }
        return (result, clock.now - start)
    }

    @Test(arguments: ["[", "{\"a\":", "[{\"b\":["])
    func deepNesting(_ opener: String) {
        let unit = Array(opener.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(unit.count * 100_000)
        for _ in 0..<100_000 { bytes += unit }
        let (result, time) = Self.read(bytes)
        guard case .failure(let error) = result else {
            Issue.record("accepted 100,000 levels")
            return
        }
        #expect(error.code == .tooDeep)
        #expect(error.location.byteOffset != nil)
        #expect(time < .seconds(2), "\(time)")
        // Also through the resource parser and NDJSON.
        #expect(throws: FHIRError.self) { _ = try FHIRResource(parsing: bytes) }
        var reader = NDJSONReader(bytes: bytes + [0x0A] + Array(#"{"resourceType":"Patient"}"#.utf8))
        #expect(throws: FHIRError.self) { _ = try reader.next() }
        #expect((try? reader.next())??.resource.resourceType == "Patient")
    }

    @Test func depthExactlyAtTheLimitIsAccepted() throws {
        var options = FHIRDecodingOptions()
        options.maximumDepth = 64
        let inside = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { _ = try JSONReader.read(Array(inside.utf8), options: options) }
        let over = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: FHIRError.self) { _ = try JSONReader.read(Array(over.utf8), options: options) }
    }

    @Test func inputOverTheSizeLimitIsRefusedAtOnce() {
        var options = FHIRDecodingOptions()
        options.maximumInputBytes = 1 << 20
        let bytes =
            Array(#"{"resourceType":"Binary","data":""#.utf8) + [UInt8](repeating: 0x41, count: 2 << 20)
            + Array(#""}"#.utf8)
        let (result, time) = Self.read(bytes, options: options)
        guard case .failure(let error) = result else {
            Issue.record("accepted input over the limit")
            return
        }
        #expect(error.code == .tooLarge)
        #expect(time < .milliseconds(500))
    }

    @Test func ndjsonLineOverTheLimitIsLocatedAndReadingGoesOn() throws {
        var options = FHIRDecodingOptions()
        options.maximumInputBytes = 1 << 16
        let long =
            Array(#"{"resourceType":"Basic","x":""#.utf8) + [UInt8](repeating: 0x41, count: 1 << 17)
            + Array(#""}"#.utf8)
        let bytes = long + [0x0A] + Array(#"{"resourceType":"Patient"}"#.utf8) + [0x0A]
        var reader = NDJSONReader(bytes: bytes, options: options)
        do {
            _ = try reader.next()
            Issue.record("accepted a line over the limit")
        } catch {
            #expect(error.code == .lineTooLong || error.code == .tooLarge)
            #expect(error.location.line == 1 || error.location.record == 1)
        }
        #expect(try reader.next()?.resource.resourceType == "Patient")
    }

    @Test func manyTinyValuesAreBounded() throws {
        var bytes: [UInt8] = [0x5B]
        bytes.reserveCapacity(2_000_002)
        for _ in 0..<999_999 { bytes += [0x30, 0x2C] }
        bytes += [0x30, 0x5D]
        var options = FHIRDecodingOptions()
        options.maximumValues = 500_000
        let (result, time) = Self.read(bytes, options: options)
        guard case .failure(let error) = result else {
            Issue.record("accepted more values than the limit")
            return
        }
        #expect(error.code == .tooLarge)
        #expect(error.location.byteOffset == 1 + 2 * (500_000 - 1))
        #expect(time < .seconds(5))
        let (accepted, _) = Self.read(bytes)
        #expect(try accepted.get().arrayValue?.count == 1_000_000)
    }

    @Test func hugeStringWithinLimits() throws {
        let size = 50 << 20
        var bytes = Array(#"{"resourceType":"Binary","data":""#.utf8)
        bytes.reserveCapacity(size + 64)
        bytes += [UInt8](repeating: 0x41, count: size)
        bytes += Array(#""}"#.utf8)
        let before = Self.peakResidentBytes()
        let (result, time) = Self.read(bytes)
        let value = try result.get()
        #expect(value["data"]?.stringValue?.utf8.count == size)
        #expect(time < .seconds(10), "\(time)")
        #expect(Self.peakResidentBytes() - before < 6 * bytes.count + (64 << 20))
    }

    static let invalid: [(String, [UInt8], FHIRError.Code)] = [
        ("invalid UTF-8", Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), .invalidUTF8),
        ("overlong UTF-8", Array(#"{"a":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8), .invalidUTF8),
        ("surrogate bytes", Array(#"{"a":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8), .invalidUTF8),
        ("GB18030 text", Array(#"{"a":""#.utf8) + [0xD5, 0xC5, 0xC8, 0xFD] + Array(#""}"#.utf8), .invalidUTF8),
        ("NUL in string", Array(#"{"a":""#.utf8) + [0x00] + Array(#""}"#.utf8), .controlCharacterInString),
        ("NUL outside", Array(#"{"a":1}"#.utf8) + [0x00], .trailingContent),
        ("lone surrogate escape", Array(#"{"a":"\ud800"}"#.utf8), .loneSurrogate),
        ("huge exponent", Array(#"{"a":1e999999999999999999}"#.utf8), .invalidNumber),
    ]

    @Test(arguments: 0..<invalid.count)
    func invalidInputIsLocated(_ index: Int) {
        let (name, bytes, _) = Self.invalid[index]
        let (result, time) = Self.read(bytes)
        #expect(time < .milliseconds(500))
        switch result {
        case .failure(let error):
            #expect(error.location.byteOffset != nil || error.location.line != nil, "\(name)")
            #expect(!error.description.isEmpty)
        case .success:
            // Only a number the grammar allows may parse (its digits are kept as written).
            #expect(name == "huge exponent", "\(name) was accepted")
        }
    }

    /// Every prefix of two FHIR samples: parses or fails with a located error, never traps.
    @Test(
        arguments: try SampleFiles.list("fhir/valid").filter {
            ["patient-zhangsan.json", "observation-glucose.json"].contains($0.name)
        })
    func truncatedAtEveryByte(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let clock = ContinuousClock()
        let start = clock.now
        for length in 0..<bytes.count {
            let prefix = Array(bytes.prefix(length))
            do {
                let value = try JSONReader.read(prefix)
                // Only whole values parse: a prefix that parses must re-read from its own output.
                #expect(try JSONReader.read(JSONWriter.write(value, style: .compact)) == value)
            } catch {
                #expect(error.location.byteOffset != nil, "\(sample.name) at \(length)")
            }
        }
        #expect(clock.now - start < .seconds(20))
    }
}
