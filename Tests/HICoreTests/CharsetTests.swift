import HICore
import Testing

@Suite("Charset")
struct CharsetTests {
    @Test(arguments: [
        ("UNICODE UTF-8", Charset.utf8), ("utf8", .utf8), ("GB 18030-2000", .gb18030), ("GB18030", .gb18030),
        ("GBK", .gbk), ("gb2312", .gbk), ("8859/1", .latin1), ("ISO-8859-1", .latin1), ("ASCII", .ascii),
    ])
    func recognisesDeclaredNames(name: String, expected: Charset) {
        #expect(Charset(name: name) == expected)
    }

    @Test func unknownNameIsNil() {
        #expect(Charset(name: "EBCDIC") == nil)
    }

    @Test func gb18030DecodesAndEncodesChineseNames() throws {
        // 张 = D5 C5, 瑋 = AC 7C (second byte is '|'), 琝 = AC 5C (second byte is '\').
        let bytes: [UInt8] = [0xD5, 0xC5, 0xAC, 0x7C, 0xAC, 0x5C]
        #expect(try Charset.gb18030.decode(bytes) == "张瑋琝")
        #expect(try Charset.gb18030.encode("张瑋琝") == bytes)
    }

    @Test func gb18030FourByteSequence() throws {
        // U+00A5 (¥) is a four-byte sequence in GB18030: 81 30 84 36.
        let bytes: [UInt8] = [0x81, 0x30, 0x84, 0x36]
        #expect(Charset.gb18030.characterLength(at: 0, in: bytes) == 4)
        #expect(try Charset.gb18030.decode(bytes) == "\u{A5}")
        #expect(Charset.gbk.characterLength(at: 0, in: bytes) == nil)
    }

    @Test func characterLengthStepsOverASCIITrailBytes() {
        let bytes: [UInt8] = [0xAC, 0x7C, 0x41]
        #expect(Charset.gb18030.characterLength(at: 0, in: bytes) == 2)
        #expect(Charset.gb18030.characterLength(at: 2, in: bytes) == 1)
        #expect(Charset.gb18030.hasASCIITrailBytes)
        #expect(!Charset.utf8.hasASCIITrailBytes)
    }

    @Test func invalidBytesAreLocated() {
        #expect(throws: CharsetError(charset: .ascii, byteOffset: 2)) { try Charset.ascii.decode([0x41, 0x42, 0xC3]) }
        #expect(throws: CharsetError(charset: .utf8, byteOffset: 1)) { try Charset.utf8.decode([0x41, 0xC3, 0x28]) }
        #expect(throws: CharsetError.self) { try Charset.gb18030.decode([0x41, 0xFF, 0x41]) }
    }

    @Test func latin1RoundTrips() throws {
        let bytes: [UInt8] = [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]
        #expect(try Charset.latin1.decode(bytes) == "Müller")
        #expect(try Charset.latin1.encode("Müller") == bytes)
        #expect(throws: CharsetError(charset: .latin1, byteOffset: 0)) { try Charset.latin1.encode("张") }
    }

    @Test func lossyDecodeReplacesOnlyTheBadByte() {
        #expect(Charset.gb18030.decodeLossy([0xD5, 0xC5, 0xFF, 0x41]) == "张\u{FFFD}A")
    }
}
