import Foundation
import HITestSupport
import Testing

@Suite("hix inspect (HL7 v2)")
struct InspectHL7v2Tests {
    static func sample(_ name: String) -> String {
        SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/" + name).path
    }

    @Test func readmeCommandPrintsATree() throws {
        let result = try HixRunner.run(["inspect", Self.sample("oru-r01-lab.hl7")])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let output = result.output
        #expect(output.hasPrefix("message 1 (byte 0): ORU^R01^ORU_R01, 19 segments, UTF-8\n  MSH\n    MSH-1  |\n"))
        #expect(output.contains("    OBX-5  118\n"))
        #expect(output.contains("    OBX-3  HGB^血红蛋白^L\n"))
        // Personal data is masked: resident ID, name, address, phone.
        #expect(!output.contains("350922197805123016"))
        #expect(output.contains("3509**********3016"))
        #expect(!output.contains("瑋琝"))
        #expect(output.contains("    PID-5  陈^**^^^^^L\n"))
        #expect(!output.contains("东山路88号"))
        #expect(!output.contains("13905931234"))
    }

    @Test func treeGolden() throws {
        let result = try HixRunner.run(["inspect", Self.sample("adt-a08-lf-bom.hl7")])
        #expect(result.status == 0)
        let expected = """
            message 1 (byte 0): ADT^A08^ADT_A01, 4 segments, UTF-8
              MSH
                MSH-1  |
                MSH-2  ^~\\&
                MSH-3  PHIS
                MSH-4  QXXRMYY
                MSH-5  EMPI
                MSH-6  QXWJW
                MSH-7  20240311120000+0800
                MSH-9  ADT^A08^ADT_A01
                MSH-10  PHIS0311000009
                MSH-11  P
                MSH-12  2.5
                MSH-15  AL
                MSH-16  NE
                MSH-17  CHN
                MSH-18  UNICODE UTF-8
              EVN
                EVN-1  A08
                EVN-2  20240311120000
              PID
                PID-1  1
                PID-3  *******01^^^QXXRMYY^MR
                PID-5  黄^*^^^^^L
                PID-7  19851130
                PID-8  F
                PID-11  <2 characters>
              PV1
                PV1-1  1
                PV1-2  I
                PV1-3  病区3^305^2^QXXRMYY\u{20}\u{20}\u{20}

            """
        #expect(result.output == expected)
    }

    @Test func showUnmasks() throws {
        let result = try HixRunner.run(["inspect", "--show", Self.sample("oru-r01-lab.hl7")])
        #expect(result.status == 0)
        #expect(result.output.contains("    PID-5  陈^瑋琝^^^^^L\n"))
    }

    @Test func canonicalJSONIsOneLinePerMessage() throws {
        let result = try HixRunner.run(["inspect", "--format", "canonical-json", Self.sample("batch-fhs-bhs.hl7")])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix(#"{"segments":[{"id":"MSH","fields":[[[["|"]]],[[["^~\\&"]]],"#) })
        #expect(lines[0].contains(#"{"id":"PID","fields":[[[["1"]]],[],[[["QXB00001"],[],[],["QXXRMYY"],["MR"]]],[],"#))
        #expect(lines[2].contains(#"[[["刘"],["晓东"]]]"#))
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
        }
    }

    @Test(arguments: try SampleFiles.list("hl7v2/valid"))
    func er7IsByteIdentical(_ sample: SampleFile) throws {
        let result = try HixRunner.run(["inspect", "--format", "er7", sample.url.path])
        #expect(result.status == 0)
        #expect(result.standardOutput == (try sample.bytes()))
    }

    @Test func standardInputAndWarnings() throws {
        let bytes = Array("MSH|^~\\&|A|||||ADT^A04|1|P|2.5\nPID|1\n".utf8)
        let result = try HixRunner.run(["inspect", "--format", "er7", "-"], input: bytes)
        #expect(result.status == 0)
        #expect(result.standardOutput == bytes)
        #expect(result.standardError.hasPrefix("warning: HI-V2-0023"))
        #expect(result.standardError.contains("-, record 1"))
    }

    @Test func repeatedWarningsAreCounted() throws {
        let message = Array("MSH|^~\\&|A||||||ADT^A04|1|P|2.5\nPID|1\n".utf8)
        let bytes = Array([[UInt8]](repeating: message, count: 25).joined())
        let result = try HixRunner.run(["inspect", "--format", "canonical-json", "-"], input: bytes)
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").count == 25)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 21)
        #expect(lines.last == "warning: -: 5 more HI-V2-0023 warnings not shown")
    }

    @Test func inputErrorsExitOneWithTheirLocation() throws {
        let invalid = SampleFiles.samplesRoot.appendingPathComponent("hl7v2/invalid/truncated-escape.hl7").path
        let strict = try HixRunner.run(["inspect", "--strict", invalid])
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("error: HI-V2-0007"))
        #expect(strict.standardError.contains("record 1, OBX-5, byte 70 (line 2, column 21)"))
        let lenient = try HixRunner.run(["inspect", invalid])
        #expect(lenient.status == 0)
        #expect(lenient.standardError.contains("warning: HI-V2-0007"))
        let nested = SampleFiles.samplesRoot.appendingPathComponent("hl7v2/invalid/nested-batch.hl7").path
        let batch = try HixRunner.run(["inspect", "--format", "canonical-json", nested])
        #expect(batch.status == 1)
        #expect(batch.standardError.contains("HI-V2-0019"))
        #expect(batch.output.split(separator: "\n").count == 1)  // the message before the error is still shown
        let missing = try HixRunner.run(["inspect", "--from", "hl7v2", "-"], input: Array("PID|1\r".utf8))
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("HI-V2-0002"))
    }

    @Test func usageErrorsExitTwo() throws {
        let result = try HixRunner.run(["inspect", "--format", "xml", Self.sample("ack.hl7")])
        #expect(result.status == 2)
    }

    @Test func gb18030TreeIsUTF8() throws {
        let result = try HixRunner.run(["inspect", "--show", Self.sample("oru-r01-gb18030.hl7")])
        #expect(result.status == 0)
        #expect(result.output.contains("9 segments, GB18030"))
        #expect(result.output.contains("    PID-5  陈^瑋琝^^^^^L\n"))
        #expect(result.output.contains("    NK1-2  林^琝瑋\n"))
    }
}
