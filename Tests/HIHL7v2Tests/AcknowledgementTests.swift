import HICore
import HIHL7v2
import HITestSupport
import Testing

@Suite("HL7 v2 acknowledgements")
struct AcknowledgementTests {
    static let oru = Array(
        ("MSH|^~\\&|LIS|LAB|HIS|HOSP|20260101120000||ORU^R01^ORU_R01|MSG0001|P|2.5.1|||||CHN|UNICODE UTF-8\r"
            + "PID|1||X1\rOBR|1\rOBX|1|NM|GLU||5.6|mmol/L\r").utf8)

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func headerIsReadLeniently() throws {
        let header = try #require(HL7v2MessageHeader(bytes: [0xEF, 0xBB, 0xBF, 0x0A] + Self.oru))
        #expect(header.controlID == "MSG0001")
        #expect(header.messageCode == "ORU")
        #expect(header.triggerEvent == "R01")
        #expect(header.version == "2.5.1")
        #expect(header.processingID == "P")
        #expect(header.charset == .utf8)
        #expect(header.acknowledgementMode == .original)
        #expect(header.wantsApplicationAcknowledgement(success: true))
        #expect(!header.wantsCommitAcknowledgement(success: true))
        #expect(HL7v2MessageHeader(bytes: Array("PID|1\r".utf8)) == nil)
        #expect(HL7v2MessageHeader(bytes: Array("MSH|^~".utf8)) == nil)
        #expect(HL7v2MessageHeader(bytes: []) == nil)
    }

    @Test func originalModeAcceptSwapsApplicationsAndCopiesHeader() throws {
        let header = try #require(HL7v2MessageHeader(bytes: Self.oru))
        let ack = HL7v2Acknowledgement.build(
            for: header, code: .applicationAccept, controlID: "ACK1", timestamp: "20260101120001")
        #expect(
            Self.text(ack.bytes)
                == "MSH|^~\\&|HIS|HOSP|LIS|LAB|20260101120001||ACK^R01^ACK|ACK1|P|2.5.1|||||CHN|UNICODE UTF-8\r"
                + "MSA|AA|MSG0001\r")
        #expect(ack.code == .applicationAccept)
        #expect(ack.acknowledgedControlID == "MSG0001")
        #expect(ack.errorSegmentCount == 0)
    }

    @Test func issuesBecomeVersion25ErrSegments() throws {
        let header = try #require(HL7v2MessageHeader(bytes: Self.oru))
        let issues = [
            Issue(.error, code: "HI-V2-0012", "value is not a number", at: SourceLocation(path: "OBX[1]-5.1")),
            Issue(.warning, code: "HI-VAL-0003", "unit not UCUM | check ^", at: SourceLocation(path: "PID-3[2]")),
            Issue(.error, code: "HI-APP-0001", "store failed"),
        ]
        let ack = HL7v2Acknowledgement.build(
            for: header, code: .applicationError, issues: issues, controlID: "ACK2", timestamp: "20260101")
        let segments = Self.text(ack.bytes).split(separator: "\r").map(String.init)
        #expect(segments.count == 5)
        #expect(segments[1] == "MSA|AE|MSG0001|value is not a number (and 2 more)")
        #expect(
            segments[2]
                == "ERR||OBX^1^5^1^1|102^Data type error^HL70357|E|HI-V2-0012||OBX[1]-5.1|value is not a number")
        #expect(
            segments[3]
                == "ERR||PID^1^3^2|0^Message accepted^HL70357|W|HI-VAL-0003||PID-3[2]|unit not UCUM \\F\\ check \\S\\"
        )
        #expect(
            segments[4] == "ERR|||207^Application internal error^HL70357|E|HI-APP-0001||unknown location|store failed")
        #expect(ack.errorSegmentCount == 3)
        let read = try #require(HL7v2Acknowledgement(parsing: ack.bytes))
        #expect(read.code == .applicationError)
        #expect(read.acknowledgedControlID == "MSG0001")
        #expect(read.controlID == "ACK2")
        #expect(read.errorSegmentCount == 3)
        #expect(read.text == "value is not a number (and 2 more)")
    }

    @Test func olderVersionsUseErr1() throws {
        let bytes = Array("MSH|^~\\&|A|B|C|D|2026||ADT^A04|X9|P|2.3\rPID|1\r".utf8)
        let header = try #require(HL7v2MessageHeader(bytes: bytes))
        let issue = Issue(.error, code: "HI-V2-0001", "missing", at: SourceLocation(path: "PID-5"))
        var options = HL7v2AcknowledgementOptions()
        options.errorCondition = { _ in .requiredFieldMissing }
        options.includesTextMessage = false
        let ack = HL7v2Acknowledgement.build(
            for: header, code: .applicationError, issues: [issue], controlID: "K", timestamp: "2026", options: options)
        #expect(
            Self.text(ack.bytes)
                == "MSH|^~\\&|C|D|A|B|2026||ACK^A04^ACK|K|P|2.3\rMSA|AE|X9\rERR|PID^1^5^101&Required field missing&HL70357\r"
        )
    }

    @Test(arguments: [
        ("AL", "NE", true, true, false, false),
        ("ER", "AL", false, true, true, true),
        ("SU", "ER", true, false, false, true),
        ("NE", "SU", false, false, true, false),
        ("", "AL", true, true, true, true),
    ])
    func enhancedModeFollowsMSH15And16(
        accept: String, application: String, commitOnSuccess: Bool, commitOnError: Bool, appOnSuccess: Bool,
        appOnError: Bool
    ) throws {
        let bytes = Array("MSH|^~\\&|A|B|C|D|2026||ORU^R01|E1|P|2.5|||\(accept)|\(application)\r".utf8)
        let header = try #require(HL7v2MessageHeader(bytes: bytes))
        #expect(header.acknowledgementMode == .enhanced)
        #expect(header.wantsCommitAcknowledgement(success: true) == commitOnSuccess)
        #expect(header.wantsCommitAcknowledgement(success: false) == commitOnError)
        #expect(header.wantsApplicationAcknowledgement(success: true) == appOnSuccess)
        #expect(header.wantsApplicationAcknowledgement(success: false) == appOnError)
        let ack = HL7v2Acknowledgement.build(for: header, code: .commitAccept, controlID: "C1", timestamp: "2026")
        // The ACK itself asks for no acknowledgement: MSH-15/16 stay empty.
        #expect(Self.text(ack.bytes) == "MSH|^~\\&|C|D|A|B|2026||ACK^R01^ACK|C1|P|2.5\rMSA|CA|E1\r")
    }

    @Test func unparseableMessageIsRejectedWithWhatCanBeSalvaged() throws {
        let broken = Array("MSH|^~\\&|LIS|LAB|HIS|HOSP|2026||ORU^R01|BAD7|P|2.5\rP\u{0}D|||\r".utf8)
        let issue = Issue(.fatal, code: "HI-V2-0007", "NUL byte in segment 2", at: SourceLocation(byteOffset: 52))
        let ack = HL7v2Acknowledgement.build(rejecting: broken, issues: [issue], controlID: "R1", timestamp: "2026")
        #expect(ack.code == .applicationReject)
        #expect(ack.acknowledgedControlID == "BAD7")
        #expect(Self.text(ack.bytes).hasPrefix("MSH|^~\\&|HIS|HOSP|LIS|LAB|2026||ACK^R01^ACK|R1|P|2.5\rMSA|AR|BAD7|"))

        let garbage = HL7v2Acknowledgement.build(
            rejecting: Array("hello".utf8), issues: [issue], controlID: "R2", timestamp: "2026")
        #expect(garbage.acknowledgedControlID == "")
        #expect(Self.text(garbage.bytes).hasPrefix("MSH|^~\\&|||||2026||ACK|R2|P|2.5\rMSA|AR||NUL byte"))
        #expect(HL7v2Acknowledgement(parsing: garbage.bytes)?.code == .applicationReject)
    }

    @Test func gb18030HeaderWithDelimiterTrailBytes() throws {
        // 瑋 is 0xAC 0x7C in GB18030: its second byte is a `|`.
        let text = "MSH|^~\\&|HIS|瑋琝医院|LIS|检验科|2026||ADT^A04|G1|P|2.5||||||GB 18030-2000\rPID|1\r"
        let bytes = try Charset.gb18030.encode(text)
        let header = try #require(HL7v2MessageHeader(bytes: bytes))
        #expect(header.charset == .gb18030)
        #expect(header.controlID == "G1")
        #expect(try header.rawField(4) == Charset.gb18030.encode("瑋琝医院"))
        let ack = HL7v2Acknowledgement.build(
            for: header, code: .applicationError,
            issues: [Issue(.error, code: "HI-X-1", "检查失败")], controlID: "A", timestamp: "2026")
        let decoded = try Charset.gb18030.decode(ack.bytes)
        #expect(
            decoded == "MSH|^~\\&|LIS|检验科|HIS|瑋琝医院|2026||ACK^A04^ACK|A|P|2.5||||||GB 18030-2000\r"
                + "MSA|AE|G1|检查失败\rERR|||207^Application internal error^HL70357|E|HI-X-1||unknown location|检查失败\r")
        let read = try #require(HL7v2Acknowledgement(parsing: ack.bytes))
        #expect(read.text == "检查失败")
    }

    @Test func timestampHasHL7Shape() {
        let now = HL7v2Acknowledgement.now()
        #expect(now.utf8.count == 19)
        #expect(now.prefix(14).allSatisfy { $0.isNumber })
    }
}

@Suite("HL7 v2 acknowledgements: delimiters and parsed messages")
struct AcknowledgementDelimiterTests {
    @Test func fewerEncodingCharactersAndOddDelimiters() throws {
        let three = Array("MSH#$%!#A#B#C#D#2026##ADT$A31#Q3#P#2.4\r".utf8)
        let header = try #require(HL7v2MessageHeader(bytes: three))
        #expect(header.encoding.subcomponent == nil)
        #expect(header.encoding.component == UInt8(ascii: "$"))
        #expect(header.triggerEvent == "A31")
        let issue = Issue(.error, code: "HI-X-1", "bad # and $ here", at: SourceLocation(path: "PID-5"))
        let ack = HL7v2Acknowledgement.build(
            for: header, code: .applicationError, issues: [issue], controlID: "K", timestamp: "2026")
        #expect(
            String(decoding: ack.bytes, as: UTF8.self)
                == "MSH#$%!#C#D#A#B#2026##ACK$A31$ACK#K#P#2.4\rMSA#AE#Q3#bad !F! and !S! here\rERR#PID$1$5$207\r")
        #expect(HL7v2MessageHeader(bytes: Array("MSH|AB\\&|A\r".utf8)) == nil)
        // A doubled escape character (seen in the field) is read leniently.
        let doubled = try #require(
            HL7v2MessageHeader(bytes: Array("MSH|^~\\\\&|A|B|C|D|2026||ADT^A01|D1|T|2.6\r".utf8)))
        #expect(doubled.controlID == "D1")
        #expect(doubled.encodingCharacters == Array("^~\\\\&".utf8))
    }

    @Test func headerOfAParsedMessage() throws {
        let bytes = Array("MSH|^~\\&|LIS|LAB|HIS|HOSP|2026||ORU^R01|P1|P|2.5\rPID|1\r".utf8)
        let message = try HL7v2Message(parsing: bytes)
        let header = try #require(HL7v2MessageHeader(message: message))
        #expect(header.controlID == message.controlID)
        #expect(header.encoding == message.encodingCharacters)
        let ack = HL7v2Acknowledgement.build(for: header, code: .applicationAccept, controlID: "A", timestamp: "2026")
        let parsed = try HL7v2Message(parsing: ack.bytes)
        #expect(parsed.value(at: "MSA-2") == "P1")
        #expect(parsed.value(at: "MSH-9.3") == "ACK")
        #expect(parsed.value(at: "MSH-3") == "HIS")
    }

    @Test(arguments: try SampleFiles.list("hl7v2/valid"))
    func everyValidSampleCanBeAcknowledged(_ sample: SampleFile) throws {
        var reader = HL7v2MessageReader(bytes: try sample.bytes())
        while let message = try reader.next() {
            let header = try #require(HL7v2MessageHeader(message: message), "\(sample.name)")
            #expect(header.controlID == message.controlID, "\(sample.name)")
            #expect(header.charset == message.charset || message.value(at: "MSH-18") == nil, "\(sample.name)")
            let ack = HL7v2Acknowledgement.build(
                for: header, code: .applicationAccept, controlID: "A1", timestamp: "2026")
            let parsed = try HL7v2Message(parsing: ack.bytes)
            #expect(parsed.value(at: "MSA-2") == message.controlID, "\(sample.name)")
            #expect(parsed.charset == message.charset, "\(sample.name)")
            #expect(parsed.value(at: "MSH-5") == message.value(at: "MSH-3"), "\(sample.name)")
        }
    }
}
