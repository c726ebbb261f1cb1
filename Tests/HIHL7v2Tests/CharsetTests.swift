import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

@Suite("HL7 v2 character sets")
struct HL7v2CharsetTests {
    func gbSample() throws -> [UInt8] {
        try #require(try SampleFiles.list("hl7v2/valid").first { $0.name == "oru-r01-gb18030.hl7" }).bytes()
    }

    @Test func gb18030TrailBytesThatEqualDelimitersDoNotSplit() throws {
        let bytes = try gbSample()
        // 瑋 is 0xAC 0x7C ('|' as second byte), 琝 is 0xAC 0x5C ('\'), 區 ends in '^'.
        #expect(bytes.contains(0xAC))
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.issues.isEmpty)
        #expect(message.charset == .gb18030)
        #expect(message.serializedBytes() == bytes)
        #expect(message.value(at: "PID-5.1") == "陈")
        #expect(message.value(at: "PID-5.2") == "瑋琝")
        #expect(message.value(at: "PID-5.7") == "L")
        #expect(message.segments[1].fieldCount == 11)
        #expect(message.value(at: "PID-11.1") == "東山路88號區")
        #expect(message.value(at: "PID-11.3") == "青溪县")
        #expect(message.value(at: "NK1-2.2") == "琝瑋")
        #expect(message.value(at: "NK1-3.2") == "配偶")
        #expect(message.value(at: "PV1-7.3") == "億")
        // Escapes next to GB characters: \F\ is a field separator, 乗 (trail '\') and 俓 stay characters.
        #expect(message.value(at: "OBX[3]-5.1") == "復查：瑋琝東區 | 乗")
        #expect(message.value(at: "OBX[3]-5.2") == "俓")
        #expect(message.segments(withID: "OBX").count == 3)
        #expect(message.value(at: "NTE-3") == "审核：林琝")
    }

    @Test func gbkIsSteppedLikeGB18030() throws {
        var bytes = Array("MSH|^~\\&|A||||||ORU^R01|1|P|2.5|||||CHN|GBK\rPID|1||||".utf8)
        bytes += try Charset.gbk.encode("陈^瑋琝") + Array("|19780512\r".utf8)
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.charset == .gbk)
        #expect(message.issues.isEmpty)
        #expect(message.value(at: "PID-5.2") == "瑋琝")
        #expect(message.value(at: "PID-6") == "19780512")
        #expect(message.serializedBytes() == bytes)
    }

    @Test func gb18030CanonicalJSONIsUTF8() throws {
        let message = try HL7v2Message(parsing: gbSample())
        let json = message.canonicalJSON()
        #expect(json.contains(#"{"id":"PID","fields":[[[["1"]]],[],"#))
        #expect(json.contains(#"[[["陈"],["瑋琝"],[],[],[],[],["L"]]]"#))
        #expect(json.contains(#"[[["GB 18030-2000"]]]"#))
    }

    @Test func readingAsUTF8WouldSplitInsideCharacters() throws {
        // The same bytes read as Latin-1 split 瑋 at its '|' trail byte: more fields, different values.
        var options = HL7v2ParseOptions()
        options.charset = .latin1
        let wrong = try HL7v2Message(parsing: gbSample(), options: options)
        #expect(wrong.segments[1].fieldCount != 11)
    }

    @Test func settingAGBValueEncodesAndEscapesPerCharacter() throws {
        var message = try HL7v2Message(parsing: gbSample())
        try message.setValue("琝瑋^東", at: "PID-5.2")
        #expect(message.value(at: "PID-5.2") == "琝瑋^東")
        let raw = try #require(message.element(at: "PID-5.2")).rawBytes
        // GB bytes for 琝瑋 then \S\ for '^' then 東: the trail bytes 0x5C and 0x7C are not escaped.
        #expect(Array(raw) == [0xAC, 0x5C, 0xAC, 0x7C, 0x5C, 0x53, 0x5C] + (try Charset.gb18030.encode("東")))
        #expect(throws: HL7v2Error(.unencodableValue, expected: "")) {
            var ascii = try HL7v2Message(
                parsing: Array(("MSH|^~\\&" + String(repeating: "|", count: 16) + "ASCII\rPID|1\r").utf8))
            try ascii.setValue("张", at: "PID-5")
        }
    }

    @Test func declaredCharsetsAndSpellings() throws {
        let spellings: [(String, Charset)] = [
            ("ASCII", .ascii), ("8859/1", .latin1), ("UNICODE UTF-8", .utf8), ("UTF-8", .utf8),
            ("GB 18030-2000", .gb18030), ("GB18030", .gb18030), ("GBK", .gbk),
        ]
        for (name, charset) in spellings {
            let text = "MSH|^~\\&|A||||||ADT^A04|1|P|2.5|||||CHN|\(name)\rPID|1\r"
            let message = try HL7v2Message(parsing: Array(text.utf8))
            #expect(message.charset == charset, "\(name)")
        }
        // No MSH-18: the default (UTF-8), or the override.
        let plain = Array("MSH|^~\\&|A\rPID|1||||Müller\r".utf8)
        #expect(try HL7v2Message(parsing: plain).value(at: "PID-5") == "Müller")
        var options = HL7v2ParseOptions()
        options.charset = .latin1
        #expect(try HL7v2Message(parsing: plain, options: options).value(at: "PID-5") == "MÃ¼ller")
    }

    @Test func latin1ValuesDecodeInLatin1() throws {
        var bytes = Array("MSH|^~\\&|A||||||ADT^A04|1|P|2.5|||||DEU|8859/1\rPID|1||||M".utf8)
        bytes += [0xFC] + Array("ller\r".utf8)
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.issues.isEmpty)
        #expect(message.value(at: "PID-5") == "Müller")
    }

    @Test func bytesThatDoNotFitTheDeclaredCharsetGiveALocatedWarning() throws {
        // Declared ASCII, but UTF-8 bytes in PID-5.
        let text = "MSH|^~\\&|A||||||ADT^A04|1|P|2.5|||||CHN|ASCII\rPID|1||||张^三\r"
        let message = try HL7v2Message(parsing: Array(text.utf8))
        let issue = try #require(message.issues.first)
        #expect(issue.code == HL7v2Error.Code.invalidCharsetBytes.issueCode)
        #expect(issue.severity == .warning)
        #expect(issue.location.path == "PID-5")
        #expect(issue.location.line == 2)
        #expect(issue.location.byteOffset == text.utf8.count - 8)
        #expect(message.value(at: "PID-5.1") == "张")  // decoded as UTF-8 as a fallback
        // GB18030 declared, invalid lead byte.
        var gb = Array("MSH|^~\\&|A||||||ADT^A04|1|P|2.5|||||CHN|GB18030\rPID|1||||".utf8)
        gb += [0xFF, 0x41, 0x0D]
        let bad = try HL7v2Message(parsing: gb)
        #expect(bad.issues.first?.code == HL7v2Error.Code.invalidCharsetBytes.issueCode)
        #expect(bad.issues.first?.location.byteOffset == gb.count - 3)
    }

    @Test func msh18FoundAfterChineseMSHFields() throws {
        // MSH-4 holds a GB18030 name whose trail byte is '|'; MSH-18 is still found.
        var bytes = Array("MSH|^~\\&|LIS|".utf8) + (try Charset.gb18030.encode("瑋县医院"))
        bytes += Array("|||||ORU^R01|1|P|2.5|||||CHN|GB 18030-2000\rPID|1||||".utf8)
        bytes += try Charset.gb18030.encode("陈^瑋") + [0x0D]
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.charset == .gb18030)
        #expect(message.value(at: "MSH-4") == "瑋县医院")
        #expect(message.value(at: "PID-5.2") == "瑋")
    }
}
