import HICore
import Testing

@Suite("Locations, issues and masking")
struct LocationAndMaskTests {
    @Test func lineAndColumnCountCRLFAndCRLF() {
        let bytes = Array("MSH|a\rPID|b\nOBX|c\r\nNTE|d".utf8)
        #expect(LineIndex.lineAndColumn(of: 0, in: bytes) == (1, 1))
        #expect(LineIndex.lineAndColumn(of: 6, in: bytes) == (2, 1))
        #expect(LineIndex.lineAndColumn(of: 14, in: bytes) == (3, 3))
        #expect(LineIndex.lineAndColumn(of: 19, in: bytes) == (4, 1))
    }

    @Test func locationDescriptionNamesEveryPart() {
        let location = SourceLocation(
            file: "a.hl7", record: 3, path: "PID-5.1", byteOffset: 412, line: 4, column: 18)
        #expect(location.description == "a.hl7, record 3, PID-5.1, byte 412 (line 4, column 18)")
        #expect(SourceLocation.unknown.description == "unknown location")
        #expect(SourceLocation(record: 2).with(file: "x").with(record: 9).record == 2)
    }

    @Test func issueJSONIsEscaped() {
        let issue = Issue(.warning, code: "HI-V2-0101", "a \"quoted\" word", at: SourceLocation(byteOffset: 7))
        #expect(
            issue.jsonText
                == #"{"severity":"warning","code":"HI-V2-0101","message":"a \"quoted\" word","location":{"byteOffset":7}}"#
        )
        #expect([issue].containsErrors == false)
        #expect([issue, Issue(.error, code: "X", "y")].containsErrors)
    }

    @Test(arguments: [
        ("11010519491231002X", "1101**********002X"), ("420106196303129995", "4201**********9995"),
        ("AB12", "**12"),
    ])
    func identifiersAreMasked(raw: String, masked: String) {
        #expect(PrivacyMask.identifier(raw) == masked)
    }

    @Test func phonesAndNamesAreMasked() {
        #expect(PrivacyMask.phone("13812345678") == "138****5678")
        #expect(PrivacyMask.phone("0571-88886666") == "057******6666")
        #expect(PrivacyMask.name("张三丰") == "张**")
        #expect(PrivacyMask.name("") == "")
    }
}
