import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

/// Canonical JSON of corpus messages, checked value by value against what the file bytes hold.
@Suite("HL7 v2 canonical JSON of ../shared/corpus messages", .enabled(if: SharedCorpus.isPresent, "corpus absent"))
struct CorpusCanonicalJSONTests {
    /// Parses the canonical JSON of every message in a corpus file.
    func canonical(_ file: String) throws -> [[(id: String, fields: [[[[String]]]])]] {
        let batch = try HL7v2Batch(parsing: CorpusHL7v2.bytes(file))
        return try batch.messages.map { message in
            let json = message.canonicalJSON()
            #expect(!json.contains("\n"))
            #expect(json.hasPrefix(#"{"segments":[{"id":""#))
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let segments = try #require(object?["segments"] as? [[String: Any]])
            return try segments.map { segment in
                let id = try #require(segment["id"] as? String)
                let fields = try #require(segment["fields"] as? [[[[String]]]])
                return (id, fields)
            }
        }
    }

    @Test func customDelimitersSegmentFinder() throws {
        // MSH^~|\&^SENDING^200M^…^ADT~A24^…  (field ^, component ~, repetition |, CR LF)
        let messages = try canonical("hapi-hl7v2/segmentfinder_a24.hl7")
        #expect(messages.count == 1)
        let msh = messages[0][0]
        #expect(msh.id == "MSH")
        #expect(msh.fields[0] == [[["^"]]])
        #expect(msh.fields[1] == [[["~|\\&"]]])
        #expect(msh.fields[2] == [[["SENDING"]]])
        #expect(msh.fields[7] == [])
        #expect(msh.fields[8] == [[["ADT"], ["A24"]]])
        // PID^1^^11111~~~FOO&&0363~NI~FACILITY ID&200M&L^^SMITH~JOHN~TEST
        let pid = messages[0][2]
        #expect(pid.id == "PID")
        #expect(pid.fields[0] == [[["1"]]])
        #expect(pid.fields[1] == [])
        #expect(pid.fields[2][0] == [["11111"], [], [], ["FOO", "", "0363"], ["NI"], ["FACILITY ID", "200M", "L"]])
        #expect(pid.fields[4] == [[["SMITH"], ["JOHN"], ["TEST"]]])
    }

    @Test func threeEncodingCharacters() throws {
        // MSH|^~}|ADMISSION|…  PID||^^|479305169^1^M10|333811343|CRESWELL^DEBORAH^^^^||19500331|F|^^^^^|U|
        //   4534 GIBSON^^ST LOUIS^MO^63110^""|510|(314)531-6718~~|~~|…
        let messages = try canonical("hapi-hl7v2/messages-04.hl7")
        let msh = messages[0][0]
        #expect(msh.fields[1] == [[["^~}"]]])
        #expect(msh.fields[8] == [[["BAR"], ["P01"]]])
        let pid = try #require(messages[0].first { $0.id == "PID" })
        #expect(pid.fields[0] == [])
        #expect(pid.fields[1] == [])  // ^^ : only empty components
        #expect(pid.fields[2] == [[["479305169"], ["1"], ["M10"]]])
        #expect(pid.fields[4] == [[["CRESWELL"], ["DEBORAH"]]])
        #expect(pid.fields[8] == [])
        #expect(pid.fields[10] == [[["4534 GIBSON"], [], ["ST LOUIS"], ["MO"], ["63110"], ["\"\""]]])
        #expect(pid.fields[12] == [[["(314)531-6718"]]])  // trailing empty repetitions dropped
        #expect(pid.fields[13] == [])
    }

    @Test func escapesAreResolved() throws {
        // PV1-14 is NHS Provider-General (inc.A\T\E-this Hosp)
        let messages = try canonical("ms-fhir-converter/ADT-A01-01.hl7")
        let pv1 = try #require(messages[0].first { $0.id == "PV1" })
        #expect(pv1.fields[13] == [[["NHS Provider-General (inc.A&E-this Hosp)"]]])
        #expect(pv1.fields[2][0][0] == ["HUH AE OMU", "9.8", "ISO"])
        #expect(pv1.fields[2][0][1] == ["OMU B"])
    }

    @Test func truncationCharacterAndSubcomponents() throws {
        // MSH|^~\&#|EHR LAB^11.11.666.1.111.4.3.2.2.1.321.111^ISO|…|ORU^R01^ORU_R01|PHELR.1.45543|D|2.5.1
        let messages = try canonical("elixir-hl7/elr_example.hl7")
        let msh = messages[0][0]
        #expect(msh.fields[1] == [[["^~\\&#"]]])
        #expect(msh.fields[2] == [[["EHR LAB"], ["11.11.666.1.111.4.3.2.2.1.321.111"], ["ISO"]]])
        #expect(msh.fields[9] == [[["PHELR.1.45543"]]])
        let sft = messages[0][1]
        #expect(sft.id == "SFT")
        #expect(sft.fields[0][0][0] == ["EHR, Inc."])
        #expect(sft.fields[0][0][5] == ["EHR", "1.3.6.1.4.1.24310", "***"])
        let pid = messages[0][2]
        #expect(pid.fields[2].count >= 3)
        #expect(pid.fields[2][1][4] == ["SS"])
    }

    @Test func doubledBackslashIsReadLeniently() throws {
        // MSH|^~\\&|SE050|…  escape and sub-component characters coincide; AL1-5 holds a literal "\r" text.
        let bytes = try CorpusHL7v2.bytes("lfh-hl7v2-fhir-converter/sample_win.hl7")
        let message = try HL7v2Batch(parsing: bytes).messages[0]
        let repeated = message.issues.first { $0.code == HL7v2Error.Code.repeatedDelimiter.issueCode }
        #expect(repeated?.location.byteOffset == 7)  // the second backslash of MSH-2
        #expect(message.encodingCharacters.escape == nil)
        #expect(message.encodingCharacters.subcomponent == 0x5C)
        let messages = try canonical("lfh-hl7v2-fhir-converter/sample_win.hl7")
        #expect(messages[0][0].fields[1] == [[["^~\\\\&"]]])
        let allergies = messages[0].filter { $0.id == "AL1" }
        #expect(allergies.count == 2)
        #expect(allergies[1].fields[4] == [[["SEIZURES"]], [["VOMITING", "r"]]])
        #expect(throws: HL7v2Error(.repeatedDelimiter, expected: "")) {
            _ = try HL7v2Batch(parsing: bytes, options: .strict)
        }
    }

    @Test func severalMessagesWithBlankLines() throws {
        let messages = try canonical("hapi-hl7v2/example_oml_o21.hl7")
        #expect(messages.count == 13)
        #expect(messages.reduce(0) { $0 + $1.count } == 153)
        #expect(messages.allSatisfy { $0.first?.id == "MSH" })
    }

    @Test func replacementCharacterInMSH2IsLenient() throws {
        let bytes = try CorpusHL7v2.bytes("hapi-hl7v2/java__ExtendedMinLowerLayerProtocolTest_L116.hl7")
        let message = try HL7v2Message(parsing: bytes)
        #expect(message.serializedBytes() == bytes)
        #expect(message.encodingCharacters.component == 0x5E)
        #expect(message.encodingCharacters.repetition == nil)
        #expect(message.encodingCharacters.escape == 0x5C)
        let issue = try #require(message.issues.first)
        #expect(issue.code == HL7v2Error.Code.nonASCIIDelimiter.issueCode)
        #expect(issue.location.byteOffset == 5)
        #expect(throws: HL7v2Error(.nonASCIIDelimiter, expected: "")) {
            _ = try HL7v2Message(parsing: bytes, options: .strict)
        }
    }

    @Test func repeatedMSH18UsesTheFirstRepetition() throws {
        let bytes = try CorpusHL7v2.bytes("hapi-hl7v2/java__MessageQueryTest_L147.hl7")
        let message = try HL7v2Message(parsing: bytes)
        #expect(try message.values(at: "MSH-18[*]") == ["x", "y"])
        #expect(message.charset == .utf8)
        #expect(message.issues.contains { $0.code == HL7v2Error.Code.unknownCharset.issueCode })
    }

    @Test func negativeBatchFilesGiveLocatedErrors() throws {
        let expected: [String: (HL7v2Error.Code, String)] = [
            "python-hl7/samples__sample_bad_batch1.hl7": (.nestedBatch, "BHS"),
            "python-hl7/samples__sample_bad_file1.hl7": (.nestedBatch, "BHS"),
            "python-hl7/samples__sample_bad_file3.hl7": (.segmentOutsideMessage, "EVN"),
        ]
        #expect(CorpusHL7v2.negative.count == expected.count)
        for file in CorpusHL7v2.negative {
            let bytes = try file.bytes()
            let (code, segment) = try #require(expected[file.name])
            do {
                _ = try HL7v2Batch(parsing: bytes)
                Issue.record("\(file.name) was accepted")
            } catch {
                #expect(error.code == code, "\(file.name)")
                #expect(error.segmentID == segment, "\(file.name)")
                let offset = try #require(error.location.byteOffset)
                #expect(bytes[offset..<offset + 3].elementsEqual(segment.utf8), "\(file.name)")
            }
        }
    }

    @Test func batchLayoutsAndCounts() throws {
        let layouts: [String: (messages: Int, kinds: [HL7v2Record.Kind])] = [
            "python-hl7/samples__sample_batch1.hl7": (2, [.batchHeader, .message, .message, .batchTrailer]),
            "python-hl7/samples__sample_batch3.hl7": (1, [.batchHeader, .message]),
            "python-hl7/samples__sample_file.hl7": (
                1, [.fileHeader, .batchHeader, .message, .batchTrailer, .fileTrailer]
            ),
            "python-hl7/samples__sample_file2.hl7": (2, [.fileHeader, .message, .message, .fileTrailer]),
            "python-hl7/samples__sample_file4.hl7": (1, [.batchHeader, .message, .batchTrailer, .fileTrailer]),
            "python-hl7/samples__sample_file6.hl7": (1, [.fileHeader, .message, .batchTrailer, .fileTrailer]),
        ]
        for (file, layout) in layouts {
            let batch = try HL7v2Batch(parsing: CorpusHL7v2.bytes(file))
            #expect(batch.records.map(\.kind) == layout.kinds, "\(file)")
            #expect(batch.messages.count == layout.messages, "\(file)")
        }
        // Lenient layouts get warnings: BHS without BTS, BTS without BHS, FTS without FHS.
        let missing = HL7v2Error.Code.missingBatchEnvelope.issueCode
        #expect(
            try HL7v2Batch(parsing: CorpusHL7v2.bytes("python-hl7/samples__sample_batch3.hl7")).issues
                .contains { $0.code == missing })
        #expect(
            try HL7v2Batch(parsing: CorpusHL7v2.bytes("python-hl7/samples__sample_file6.hl7")).issues
                .contains { $0.code == missing })
        #expect(
            try HL7v2Batch(parsing: CorpusHL7v2.bytes("python-hl7/samples__sample_file4.hl7")).issues
                .contains { $0.code == missing })
    }
}
