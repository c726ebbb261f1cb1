import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

@Suite("HL7 v2 samples")
struct SampleTests {
    @Test(arguments: try SampleFiles.list("hl7v2/valid"))
    func roundTripIsByteExact(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let batch = try HL7v2Batch(parsing: bytes)
        #expect(batch.serializedBytes() == bytes, "\(sample.name)")
        #expect(!batch.messages.isEmpty)
        #expect(!batch.issues.containsErrors)
        for message in batch.messages {
            let again = try HL7v2Message(parsing: message.serializedBytes())
            #expect(again.canonicalJSON() == message.canonicalJSON())
            #expect(again.segments.map(\.id) == message.segments.map(\.id))
        }
    }

    @Test(arguments: try SampleFiles.list("hl7v2/valid"))
    func streamingReaderGivesTheSameRecords(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let whole = try HL7v2Batch(parsing: bytes)
        // Tiny chunks exercise every refill path of the streaming reader.
        var reader = try HL7v2MessageReader(source: ByteSource(path: sample.url.path))
        reader.chunkSize = 7
        var output: [UInt8] = []
        var offsets: [Int] = []
        while let record = try reader.nextRecord() {
            #expect(record.byteOffset == output.count)
            output += record.bytes
            offsets.append(record.byteOffset)
        }
        #expect(output == bytes)
        #expect(offsets == whole.records.map(\.byteOffset))
    }

    @Test func labReportHasTheExpectedContent() throws {
        let bytes = try SampleFiles.list("hl7v2/valid").first { $0.name == "oru-r01-lab.hl7" }!.bytes()
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.issues.isEmpty)
        #expect(message.charset == .utf8)
        #expect(message.messageType == "ORU^R01^ORU_R01")
        #expect(message.value(at: "MSH-9.2") == "R01")
        #expect(message.controlID == "LIS20240315000123")
        #expect(message.version == "2.5.1")
        let observations = message.segments(withID: "OBX")
        #expect(observations.count == 12)
        #expect(Set(try message.values(at: "OBX[*]-2")) == ["NM", "CWE", "CE", "ST", "TX"])
        #expect(message.value(at: "OBX[3]-5") == "118")
        #expect(message.value(at: "OBX[3]-6.1") == "g/L")
        #expect(message.value(at: "OBX[3]-7") == "130-175")
        #expect(message.value(at: "OBX[3]-8") == "L")
        #expect(message.value(at: "OBX[8]-5.2") == "A型")
        #expect(message.value(at: "PID-5.1") == "陈")
        #expect(message.value(at: "PID-5.2") == "瑋琝")
        #expect(message.value(at: "PID-3[2].1") == "350922197805123016")
        #expect(message.value(at: "PID-3[2].5") == "NNCHN")
        let text = try #require(message.text(at: "OBX[12]-5"))
        #expect(text.runs.contains(.lineBreak))
        #expect(text.plainText.contains("\n血红蛋白轻度降低"))
        #expect(message.value(at: "NTE[2]-3") == "审核者：林琝 & 张億")
    }

    @Test func batchSampleCountsRecords() throws {
        let bytes = try SampleFiles.list("hl7v2/valid").first { $0.name == "batch-fhs-bhs.hl7" }!.bytes()
        var reader = HL7v2MessageReader(bytes: bytes)
        var kinds: [HL7v2Record.Kind] = []
        var indices: [Int] = []
        while let record = try reader.nextRecord() {
            kinds.append(record.kind)
            if let index = record.messageIndex { indices.append(index) }
        }
        #expect(
            kinds == [
                .fileHeader, .batchHeader, .message, .message, .batchTrailer, .batchHeader, .message, .batchTrailer,
                .fileTrailer,
            ])
        #expect(indices == [1, 2, 3])
        #expect(reader.issues.isEmpty)
        #expect(reader.messageCount == 3)
    }

    @Test func batchCountMismatchIsAWarning() throws {
        let text = "BHS|^~\\&|A\rMSH|^~\\&|A||||||ADT^A04|1|P|2.5\rPID|1\rBTS|5\rFTS|3\r"
        let batch = try HL7v2Batch(parsing: Array(text.utf8))
        let codes = batch.issues.map(\.code)
        #expect(codes.filter { $0 == HL7v2Error.Code.batchCountMismatch.issueCode }.count == 2)
        #expect(codes.contains(HL7v2Error.Code.missingBatchEnvelope.issueCode))  // FTS without FHS
        #expect(batch.issues.allSatisfy { $0.severity == .warning })
        let mismatch = try #require(batch.issues.first { $0.code == HL7v2Error.Code.batchCountMismatch.issueCode })
        #expect(mismatch.location.byteOffset == 49)  // BTS
    }

    @Test func lfTerminatorsBOMAndMissingFinalTerminatorAreKept() throws {
        let bytes = try SampleFiles.list("hl7v2/valid").first { $0.name == "adt-a08-lf-bom.hl7" }!.bytes()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.serializedBytes() == bytes)
        #expect(message.segmentCount == 4)
        #expect(message.issues.map(\.code) == [HL7v2Error.Code.nonstandardTerminator.issueCode])
        #expect(message.issues[0].severity == .warning)
        // Trailing spaces and space-only values are kept.
        #expect(message.value(at: "PV1-3.4") == "QXXRMYY   ")
        #expect(message.value(at: "PID-11") == "  ")
        // Strict reading still only warns about LF.
        #expect(try HL7v2Message(parsing: bytes, options: .strict).issues.count == 1)
    }

    @Test func unusualDelimitersAreReadFromMSH() throws {
        let bytes = try SampleFiles.list("hl7v2/valid").first { $0.name == "oru-r01-odd-delimiters.hl7" }!.bytes()
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.encodingCharacters == HL7v2EncodingCharacters(field: 0x5E, component: 0x7E, repetition: 0x7C))
        #expect(message.value(at: "MSH-1") == "^")
        #expect(message.value(at: "MSH-2") == "~|\\&")
        #expect(message.value(at: "MSH-9.2") == "R01")
        #expect(message.value(at: "PID-3[2].1") == "350922197805123016")
        #expect(message.value(at: "OBX-3.2") == "葡萄糖")
    }

    @Test func truncationCharacterIsRead() throws {
        let bytes = try SampleFiles.list("hl7v2/valid").first { $0.name == "oru-r01-v27-truncation.hl7" }!.bytes()
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.encodingCharacters.truncation == 0x23)
        #expect(message.value(at: "MSH-2") == "^~\\&#")
        #expect(message.value(at: "OBX[2]-5") == "含井号#的值")
        #expect(message.value(at: "OBX[1]-5") == "文本被截断#")
    }

    @Test func threeEncodingCharactersAndZSegment() throws {
        let bytes = try SampleFiles.list("hl7v2/valid").first {
            $0.name == "adt-a31-multi-three-encoding-chars.hl7"
        }!.bytes()
        let batch = try HL7v2Batch(parsing: bytes)
        #expect(batch.messages.count == 2)
        let first = batch.messages[0]
        #expect(first.encodingCharacters.subcomponent == nil)
        #expect(first.value(at: "ZQX-2.1") == "医保结算标志&旧值")
        #expect(batch.messages[1].encodingCharacters.subcomponent == 0x26)
        #expect(batch.messages[1].byteOffset == first.serializedBytes().count)
        #expect(batch.messages[1].index == 2)
    }
}
