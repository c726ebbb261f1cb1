import Foundation
import HICore
import HITestSupport
import HealthInterchange
import Testing

/// The HL7 v2 message-structure and field-type checks: each code with one passing and one failing message.
@Suite("HL7 v2 structure validation")
struct ValidationV2StructureTests {
    static let validator = HL7v2StructureValidator()

    static func message(_ segments: [String]) throws -> HL7v2Message {
        try HL7v2Message(parsing: Array((segments.joined(separator: "\r") + "\r").utf8))
    }

    static func issues(_ segments: [String]) throws -> [ValidationIssue] {
        validator.validate(try message(segments))
    }

    static func msh(_ type: String, version: String = "2.5.1") -> String {
        "MSH|^~\\&|HIS|H1|RHIN|R1|20240315103045+0800||\(type)|C1|P|\(version)"
    }

    static let evn = "EVN|A04|20240315103000"
    static let pid = "PID|1||A1^^^H^MR||王^五||19800101|M"
    static let pv1 = "PV1|1|O"

    @Test("every entry of the standard table parses, and versions resolve to the nearest earlier one")
    func tableParses() throws {
        for entry in HL7v2StructureTable.standard.entries {
            let nodes = try HL7v2StructureNode.parse(entry.notation)
            #expect(!nodes.isEmpty, "\(entry.structure) \(entry.version)")
            #expect(nodes.first?.description == "MSH", "\(entry.structure) \(entry.version)")
            #expect(Self.validator.structure(entry.structure, version: entry.version) != nil)
        }
        let table = HL7v2StructureTable.standard
        #expect(table.definition("ADT_A01", version: "2.5.1")?.version == "2.5")
        #expect(table.definition("ADT_A01", version: "2.8")?.version == "2.7")
        #expect(table.definition("ORU_R01", version: "2.8")?.version == "2.8")
        #expect(table.definition("ORU_R01", version: "2.7")?.version == "2.7")
        #expect(table.definition("ADT_A01", version: "2.3")?.version == "2.3.1")
        #expect(table.definition("ORM_O01", version: "2.6")?.version == "2.5")
        #expect(table.structureID(messageCode: "ADT", event: "A31", declared: nil) == "ADT_A05")
        #expect(table.structureID(messageCode: "SIU", event: "S14", declared: "") == "SIU_S12")
        #expect(table.structureID(messageCode: "REF", event: "I13", declared: "REF_I12") == "REF_I12")
        #expect(table.structureID(messageCode: "MDM", event: "T02", declared: nil) == nil)
        #expect(throws: HL7v2StructureNode.NotationError.self) { try HL7v2StructureNode.parse("MSH [PID") }
        #expect(throws: HL7v2StructureNode.NotationError.self) { try HL7v2StructureNode.parse("MSH PID]") }
        #expect(
            try HL7v2StructureNode.parse("MSH [{SFT}] {G: PID [PD1]} <OBR | RQD>").map(\.description) == [
                "MSH", "[{SFT}]", "{G: PID [PD1]}", "<OBR | RQD>",
            ])
    }

    @Test("a well-formed ADT^A04 has no structure issue")
    func conformingADT() throws {
        let issues = try Self.issues([Self.msh("ADT^A04^ADT_A01"), Self.evn, Self.pid, "NK1|1|王^六", Self.pv1, "IN1|1"])
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test("HI-VAL-0110: a missing required segment is located where it was expected")
    func missingSegment() throws {
        let message = try Self.message([Self.msh("ADT^A04^ADT_A01"), Self.pid, Self.pv1])
        let issues = Self.validator.validate(message, file: "a.hl7")
        #expect(issues.map(\.code) == [HL7v2StructureValidator.missingSegment])
        let issue = try #require(issues.first)
        #expect(issue.modelPath == "EVN")
        #expect(issue.level == .structure && issue.severity == .error)
        #expect(issue.location.file == "a.hl7")
        let pidOffset = try #require(message.segments[1].byteRange.lowerBound as Int?)
        #expect(issue.location.byteOffset == pidOffset, "reported at the segment where EVN was expected")
        // A required group: ORU without OBR.
        let oru = try Self.issues([Self.msh("ORU^R01^ORU_R01"), Self.pid, "OBX|1|NM|GLU^葡萄糖^L||5.6|mmol/L"])
        #expect(oru.map(\.code) == [HL7v2StructureValidator.missingSegment])
        #expect(oru.first?.modelPath == "OBR")
        #expect(oru.first?.message.contains("ORDER_OBSERVATION") == true)
    }

    @Test("HI-VAL-0111: a segment out of order; HI-VAL-0112: a segment repeated beyond its cardinality")
    func orderAndCardinality() throws {
        let outOfOrder = try Self.issues([Self.msh("ADT^A04^ADT_A01"), Self.evn, Self.pv1, Self.pid])
        #expect(outOfOrder.map(\.code).contains(HL7v2StructureValidator.segmentOutOfOrder))
        #expect(outOfOrder.first { $0.code == HL7v2StructureValidator.segmentOutOfOrder }?.location.path == "PID[1]")
        let repeated = try Self.issues([Self.msh("ADT^A04^ADT_A01"), Self.evn, Self.pid, Self.pv1, Self.pv1])
        #expect(repeated.map(\.code) == [HL7v2StructureValidator.segmentRepeated])
        #expect(repeated.first?.location.path == "PV1[2]")
        // Repeating segments and groups are fine.
        let fine = try Self.issues([
            Self.msh("ORU^R01^ORU_R01"), Self.pid, "OBR|1", "OBX|1|ST|A^a^L||x", "OBX|2|ST|B^b^L||y", "NTE|1",
            "OBR|2", "OBX|1|ST|C^c^L||z",
        ])
        #expect(fine.isEmpty, "\(fine)")
    }

    @Test("a misplaced segment inside a group is reported alone; the rest of the group still matches")
    func localRecovery() throws {
        let orm = [
            Self.msh("ORM^O01^ORM_O01", version: "2.6"), Self.pid, "ORC|NW|P1", "RQD|1", "RQ1|1", "CTD|1", "DG1|1",
            "OBX|1|ST|A^a^L||x", "NTE|1", "FT1|1", "BLG|1",
        ]
        let issues = try Self.issues(orm)
        #expect(issues.map(\.code) == [HL7v2StructureValidator.segmentOutOfOrder], "\(issues)")
        #expect(issues.first?.location.path == "RQ1[1]")
        var valid = orm
        valid.remove(at: 4)
        #expect(try Self.issues(valid).isEmpty)
    }

    @Test("HI-VAL-0113: a segment the structure does not define; HI-VAL-0114: Z-segments anywhere, information")
    func undefinedAndZSegments() throws {
        let issues = try Self.issues([Self.msh("ADT^A04^ADT_A01"), Self.evn, "ZPI|1", Self.pid, Self.pv1, "OM1|1"])
        #expect(issues.map(\.code) == [HL7v2StructureValidator.zSegment, HL7v2StructureValidator.unknownSegment])
        #expect(issues.map(\.severity) == [.information, .warning])
        #expect(issues.first?.location.path == "ZPI[1]")
        let clean = try Self.issues([Self.msh("ADT^A04^ADT_A01"), Self.evn, Self.pid, Self.pv1])
        #expect(clean.isEmpty)
    }

    @Test("HI-VAL-0115: no structure for the type or version is information, and order is not checked")
    func unknownStructure() throws {
        let issues = try Self.issues([Self.msh("MDM^T02^MDM_T02"), Self.pv1, Self.pid, "ZX1|1"])
        #expect(issues.map(\.code) == [HL7v2StructureValidator.unknownStructure, HL7v2StructureValidator.zSegment])
        #expect(issues.allSatisfy { $0.severity == .information })
        #expect(try Self.issues([Self.msh("ACK^R01^ACK"), "MSA|AA|C1"]).isEmpty)
    }

    @Test("versions differ: SFT is allowed from 2.5, UAC from 2.6, PRT in ORU from 2.7")
    func versionDifferences() throws {
        let sft = "SFT|Vendor|1.0|LIS|1"
        let withSFT = [Self.msh("ADT^A04^ADT_A01", version: "2.4"), sft, Self.evn, Self.pid, Self.pv1]
        #expect(try Self.issues(withSFT).map(\.code) == [HL7v2StructureValidator.unknownSegment])
        var modern = withSFT
        modern[0] = Self.msh("ADT^A04^ADT_A01", version: "2.5")
        #expect(try Self.issues(modern).isEmpty)
        let prt = [Self.msh("ORU^R01^ORU_R01", version: "2.6"), Self.pid, "OBR|1", "PRT|1", "OBX|1|ST|A^a^L||x"]
        #expect(try Self.issues(prt).map(\.code) == [HL7v2StructureValidator.unknownSegment])
        var v27 = prt
        v27[0] = Self.msh("ORU^R01^ORU_R01", version: "2.7")
        #expect(try Self.issues(v27).isEmpty)
        // ORU 2.4: OBX is optional inside its group, so an OBR alone is complete.
        #expect(try Self.issues([Self.msh("ORU^R01", version: "2.4"), Self.pid, "OBR|1"]).isEmpty)
        // ORM^O01 with its choice of order detail segments.
        let orm = [Self.msh("ORM^O01", version: "2.4"), Self.pid, "ORC|NW|P1", "RXO|A", "NTE|1", "ORC|NW|P2", "OBR|1"]
        #expect(try Self.issues(orm).isEmpty)
    }

    @Test(
        "HI-VAL-0210: field formats (DT/DTM/TS, NM, SI, ID, IS, CWE/CE, XPN)",
        arguments: [
            ("PID|1||A1^^^H^MR||王^五||1980-01-01|M", "PID-7"),
            ("PID|1||A1^^^H^MR||王^五||19801301|M", "PID-7"),
            ("PID|A||A1^^^H^MR||王^五||19800101|M", "PID-1"),
            ("PID|1||A1^^^H^MR||^^^^^L||19800101|M", "PID-5"),
            ("PID|1||A1^^^H^MR||王^五||19800101| M", "PID-8"),
            ("OBX|1|NM|GLU^葡萄糖^L||5,6|mmol/L", "OBX-5"),
            ("OBX|1|DT|D^d^L||2024031|", "OBX-5"),
            ("OBX|1|ST|^^L||x", "OBX-3"),
        ])
    func fieldFormats(segment: String, path: String) throws {
        let isPID = segment.hasPrefix("PID")
        let segments =
            isPID
            ? [Self.msh("ADT^A04^ADT_A01"), Self.evn, segment, Self.pv1]
            : [Self.msh("ORU^R01^ORU_R01"), Self.pid, "OBR|1", segment]
        let issues = try Self.issues(segments)
        #expect(issues.map(\.code) == [HL7v2StructureValidator.fieldFormat], "\(segment)")
        #expect(issues.first?.modelPath == path)
        #expect(issues.first?.location.path?.hasSuffix(String(path.dropFirst(3))) == true)
    }

    @Test(
        "formats that pass",
        arguments: [
            "PID|1||A1^^^H^MR||王^五||19800101|M", "PID|1||A1^^^H^MR||张三||198001011230+0800|F",
            "PID|1||A1^^^H^MR||王^五||20240315103045.1234-0500|\"\"",
        ])
    func fieldFormatsPass(segment: String) throws {
        let issues = try Self.issues([Self.msh("ADT^A04^ADT_A01"), Self.evn, segment, Self.pv1])
        #expect(issues.isEmpty, "\(segment): \(issues)")
        let oru = try Self.issues([
            Self.msh("ORU^R01^ORU_R01"), Self.pid, "OBR|1|||CBC^血常规^L|||20240315080000",
            "OBX|1|NM|GLU^葡萄糖^L||-5.60|mmol/L", "OBX|2|DT|D^d^L||20240315", "OBX|3|CE|A^^L||^阴性",
        ])
        #expect(oru.isEmpty, "\(oru)")
    }

    @Test("HI-VAL-0211: a field longer than its maximum is a warning; within it, nothing")
    func fieldLength() throws {
        let long = String(repeating: "9", count: 21)
        var header = Self.msh("ADT^A04^ADT_A01").replacingOccurrences(of: "|C1|", with: "|\(long)|")
        let issues = try Self.issues([header, Self.evn, Self.pid, Self.pv1])
        #expect(issues.map(\.code) == [HL7v2StructureValidator.fieldLength])
        #expect(issues.first?.severity == .warning)
        #expect(issues.first?.modelPath == "MSH-10")
        header = Self.msh("ADT^A04^ADT_A01", version: "2.7").replacingOccurrences(of: "|C1|", with: "|\(long)|")
        #expect(try Self.issues([header, Self.evn, Self.pid, Self.pv1]).isEmpty, "199 bytes allowed from 2.7")
    }

    @Test("hostile input: thousands of stray segments are bounded and never trap")
    func hostileInput() throws {
        var segments = [Self.msh("ORU^R01^ORU_R01")]
        segments += Array(repeating: "PID|1", count: 3000)
        segments += Array(repeating: "ZZZ|1", count: 3000)
        let issues = try Self.issues(segments)
        #expect(issues.count <= HL7v2StructureValidator.maximumIssues)
        #expect(!issues.isEmpty)
    }

    @Test("v2.8 ORU_R01 (chapter 7.3.1): ARV after NK1 and PRT after ORC are valid in 2.8, not in 2.7")
    func oruVersion28() throws {
        let body = [
            "PID|1||A1^^^H^MR||王^五||19800101|M", "NK1|1|王^六", "ARV|1|A", "ORC|RE|O1", "PRT|1|AD",
            "OBR|1|O1||GLU^葡萄糖^L", "OBX|1|NM|GLU^葡萄糖^L||5.6|mmol/L|||||F",
        ]
        let v28 = try Self.issues([Self.msh("ORU^R01^ORU_R01", version: "2.8")] + body)
        #expect(v28.filter { $0.level == .structure && $0.severity >= .warning }.isEmpty, "\(v28.map(\.code))")
        let v27 = try Self.issues([Self.msh("ORU^R01^ORU_R01", version: "2.7")] + body)
        #expect(v27.contains { $0.level == .structure && $0.severity >= .warning }, "\(v27.map(\.code))")
    }
}
