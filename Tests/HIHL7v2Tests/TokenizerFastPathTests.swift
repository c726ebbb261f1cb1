import HICore
import Testing

@testable import HIHL7v2

/// The word-at-a-time tokenizer, the one-table layout and the escaped-value fast path against simple
/// byte-by-byte oracles, on generated messages whose delimiters fall at every offset of an 8-byte word.
@Suite("HL7 v2 tokenizer fast paths")
struct TokenizerFastPathTests {
    /// A small deterministic generator (no global state).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Pieces a segment's content is built from: plain text, delimiters, escapes (valid, truncated, hex,
    /// formatting), Chinese text, control bytes and invalid UTF-8.
    static let pieces: [[UInt8]] = [
        Array("A".utf8), Array("abc123".utf8), Array("|".utf8), Array("||".utf8), Array("^".utf8), Array("~".utf8),
        Array("&".utf8), Array("\\F\\".utf8), Array("\\S\\".utf8), Array("\\T\\".utf8), Array("\\R\\".utf8),
        Array("\\E\\".utf8), Array("\\P\\".utf8), Array("\\.br\\".utf8), Array("\\H\\".utf8),
        Array("\\X41E4B8AD\\".utf8), Array("\\XE9\\".utf8), Array("\\X4\\".utf8), Array("\\C2842\\".utf8),
        Array("\\Zfoo\\".utf8), Array("\\".utf8), Array("\\\\".utf8), Array("血糖明显升高".utf8),
        Array("王^小明".utf8), [0x01], [0x0B], [0x7F], [0x00], [0xFF], [0xE4, 0xB8], [0xC3, 0xA9],
        [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80], Array("        ".utf8),
    ]

    static func message(seed: UInt64, header: String = "MSH|^~\\&|A|B|C|D|20260101||ORU^R01|X|P|2.5.1") -> [UInt8] {
        var generator = Generator(state: seed)
        var bytes = Array(header.utf8)
        bytes.append(0x0D)
        for _ in 0..<(1 + generator.next(6)) {
            bytes += Array(["PID", "OBX", "NTE", "ZXY"][generator.next(4)].utf8)
            bytes.append(0x7C)
            for _ in 0..<generator.next(30) { bytes += pieces[generator.next(pieces.count)] }
            bytes.append(0x0D)
        }
        return bytes
    }

    /// Field byte ranges by splitting the segment's bytes at the field separator, byte by byte.
    static func referenceFields(_ bytes: [UInt8], _ range: Range<Int>, header: Bool) -> [Range<Int>] {
        var separators: [Int] = []
        for index in range where bytes[index] == 0x7C { separators.append(index) }
        var fields: [Range<Int>] = []
        if header, let first = separators.first { fields.append(first..<first + 1) }
        for (position, separator) in separators.enumerated() {
            let end = position + 1 < separators.count ? separators[position + 1] : range.upperBound
            fields.append(separator + 1..<end)
        }
        return fields
    }

    @Test(arguments: 0..<200)
    func fieldsMatchByteByByteSplit(seed: Int) throws {
        let bytes = Self.message(seed: UInt64(seed))
        let message = try HL7v2Message(parsing: bytes)
        var expectedSegments = 0
        for byte in bytes where byte == 0x0D { expectedSegments += 1 }
        #expect(message.segmentCount == expectedSegments)
        for segment in message.segments {
            let expected = Self.referenceFields(bytes, segment.byteRange, header: segment.index == 0)
            #expect(segment.fields.map(\.byteRange) == expected, "seed \(seed), segment \(segment.index)")
            #expect(segment.fieldCount == expected.count)
        }
        #expect(message.serializedBytes() == bytes)
        #expect(message.canonicalJSON() == message.canonicalJSONReference(), "seed \(seed)")
    }

    @Test(arguments: 0..<200)
    func valuesMatchTheGeneralPath(seed: Int) throws {
        let bytes = Self.message(seed: UInt64(seed) &+ 1_000)
        let message = try HL7v2Message(parsing: bytes)
        for segment in message.segments.dropFirst() {
            for field in segment.fields {
                for repetition in field.repetitions {
                    for component in repetition.components {
                        let raw = Array(component.rawBytes)
                        if !raw.contains(0x5C) {
                            let expected =
                                String(validating: raw, as: UTF8.self) ?? Charset.latin1.decodeLossy(raw)
                            #expect(component.value == expected, "seed \(seed)")
                        }
                        #expect(component.value == component.text.canonicalString(escape: 0x5C), "seed \(seed)")
                    }
                }
                #expect(field.value == field.text.canonicalString(escape: 0x5C), "seed \(seed)")
            }
        }
    }

    @Test func utf8ValidationMatchesTheStandardLibrary() {
        var generator = Generator(state: 7)
        let interesting: [UInt8] = [
            0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1,
            0xF3, 0xF4, 0xF5, 0xFF, 0x8F, 0x90, 0x9F, 0xA0,
        ]
        for _ in 0..<20_000 {
            let count = generator.next(7)
            let bytes = (0..<count).map { _ in interesting[generator.next(interesting.count)] }
            #expect(HL7v2UTF8.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    @Test func gb18030TrailBytesEqualToDelimitersStayInsideCharacters() throws {
        // 0x7C ("|") and 0x5C ("\") as GB18030 trail bytes: 0x81 0x7C, 0x95 0x5C.
        var bytes = Array("MSH|^~\\&|A|B|C|D|20260101||ADT^A01|X|P|2.5|||||CHN|GB 18030-2000\rPID|1||".utf8)
        bytes += [0x81, 0x7C, 0x95, 0x5C, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x81, 0x7C]
        bytes += Array("|X\r".utf8)
        let message = try HL7v2Message(parsing: bytes)
        let pid = try #require(message.segments(withID: "PID").first)
        #expect(pid.fieldCount == 4)
        #expect(pid.field(3)?.rawBytes.count == 13)
        #expect(pid.field(4)?.value == "X")
    }
}
