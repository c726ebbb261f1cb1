import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

@Suite("HL7 v2 paths, escapes and edits")
struct PathAndEditTests {
    static let text =
        "MSH|^~\\&|LIS|QXXRMYY|HIS|QXXRMYY|20240315||ORU^R01^ORU_R01|C1|P|2.5.1\r"
        + "PID|1||A1^^^H1&1.2.3&ISO^MR~B2^^^H2^NNCHN||王^小明||19780512|M\r"
        + "OBX|1|NM|GLU||6.1|mmol/L\r" + "OBX|2|NM|WBC||7.2\r" + "OBX|3|ST|NOTE||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\r"

    func message() throws -> HL7v2Message { try HL7v2Message(parsing: Array(Self.text.utf8)) }

    @Test(arguments: [
        // distinct values: one re-tokenization
        [("PID-5.1", "李"), ("PID-5.2", "雷"), ("OBX[2]-5", "8.0"), ("PID-3[2].1", "C3"), ("OBX[3]-5", "x|y")],
        // the same value twice, and values that add components at one place: applied one after the other
        [("PID-5.1", "李"), ("PID-5.1", "赵"), ("PID-5.4", "Jr"), ("PID-5.5", "Dr")],
        // a path beyond the last field of a segment
        [("OBX[1]-8", "H"), ("OBX[1]-6", "mg/dL")],
    ])
    func setValuesEqualsSettingOneAfterTheOther(_ edits: [(String, String)]) throws {
        var batched = try message()
        try batched.setValues(edits.map { (path: $0.0, value: $0.1) })
        var sequential = try message()
        for (path, value) in edits { try sequential.setValue(value, at: path) }
        #expect(batched.serializedBytes() == sequential.serializedBytes())
        for (path, _) in edits { #expect(batched.value(at: path) == sequential.value(at: path), "\(path)") }
    }

    @Test func setValuesNamesThePathThatFailedAndSetsNothing() throws {
        var edited = try message()
        let error = #expect(throws: HL7v2Error.self) {
            try edited.setValues([("PID-5.1", "李"), ("ZZZ-1", "x")])
        }
        #expect(error?.location.path == "ZZZ-1")
        #expect(edited.serializedBytes() == Array(Self.text.utf8))
    }

    @Test func readingPaths() throws {
        let message = try message()
        #expect(message.value(at: "PID-5") == "王")
        #expect(message.value(at: "PID-5.1") == "王")
        #expect(message.value(at: "PID-5.2") == "小明")
        #expect(message["PID-5.2"] == "小明")
        #expect(message.value(at: "PID-3[2].1") == "B2")
        #expect(message.value(at: "PID-3.4.2") == "1.2.3")
        #expect(message.value(at: "PID-3[1].4.1") == "H1")
        #expect(message.value(at: "OBX[2]-5") == "7.2")
        #expect(try message.values(at: "OBX[*]-5") == ["6.1", "7.2", "a|b^c&d~e\\f"])
        #expect(try message.values(at: "PID-3[*].1") == ["A1", "B2"])
        #expect(message.value(at: "MSH-9.2") == "R01")
        #expect(message.value(at: "MSH-1") == "|")
        #expect(message.value(at: "MSH-2") == "^~\\&")
        #expect(message.value(at: "MSH-10") == "C1")
        #expect(message.value(at: "PID-99") == nil)
        #expect(message.value(at: "OBX[9]-5") == nil)
        #expect(message.value(at: "ZZZ-1") == nil)
        #expect(try message.elements(at: "PID-3").first?.repetitions.count == 2)
        #expect(message.element(at: "PID-3")?.level == .field)
        #expect(message.element(at: "PID-3[2]")?.level == .repetition)
        #expect(message.element(at: "PID-3[2].4")?.level == .component)
        #expect(message.element(at: "PID-3.4.2")?.level == .subcomponent)
        #expect(message.segments[1].field(5)?.er7 == "王^小明")
    }

    @Test(arguments: [
        "", "P", "pid-5", "PID-", "PID-0", "PID-5.", "PID-5..1", "PID[0]-1", "PID[x]-1", "PID-5[",
        "PID-5.1.2.3", "PID 5", "1ID-5",
    ])
    func badPathsThrowTypedErrors(_ path: String) throws {
        #expect(throws: HL7v2Error(.invalidPath, expected: "")) { _ = try HL7v2Path(path) }
        #expect(try message().value(at: path) == nil)
    }

    @Test func pathDescriptions() throws {
        for path in ["PID-5", "PID-5.1", "PID-3[2].1", "OBX[3]-5", "OBX[*]-5", "MSH-9.2", "PID-3.4.1", "PID"] {
            #expect(try HL7v2Path(path).description == path)
        }
        let path = try HL7v2Path("OBX[*]-5[2].3.1")
        #expect(path.segment == .all)
        #expect(path.repetition == .number(2))
        #expect(path.component == 3)
        #expect(path.subcomponent == 1)
    }

    @Test func editingOneValueChangesOnlyItsBytes() throws {
        var message = try message()
        let before = message.serializedBytes()
        try message.setValue("李", at: "PID-5.1")
        let after = message.serializedBytes()
        let old = Array("王".utf8)
        let new = Array("李".utf8)
        let start = try #require(Self.firstRange(of: old, in: before))
        #expect(Array(after[..<start]) == Array(before[..<start]))
        #expect(Array(after[start..<start + new.count]) == new)
        #expect(Array(after[(start + new.count)...]) == Array(before[(start + old.count)...]))
        #expect(message.value(at: "PID-5.1") == "李")
        #expect(message.value(at: "PID-5.2") == "小明")
    }

    @Test func settingEscapesDelimiters() throws {
        var message = try message()
        try message.setValue("a|b^c~d&e\\f\rg", at: "OBX[2]-5")
        let raw = try #require(message.element(at: "OBX[2]-5")).rawBytes
        #expect(String(decoding: raw, as: UTF8.self) == "a\\F\\b\\S\\c\\R\\d\\T\\e\\E\\f\\X0D\\g")
        #expect(message.value(at: "OBX[2]-5") == "a|b^c~d&e\\f\rg")
        #expect(message.segmentCount == 5)
    }

    @Test func settingAddsMissingFieldsComponentsAndRepetitions() throws {
        var message = try message()
        try message.setValue("X", at: "OBX[2]-8")
        #expect(message.segments[3].rawBytes.elementsEqual("OBX|2|NM|WBC||7.2|||X".utf8))
        try message.setValue("Y", at: "OBX[2]-5.3.2")
        #expect(message.segments[3].rawBytes.elementsEqual("OBX|2|NM|WBC||7.2^^&Y|||X".utf8))
        try message.setValue("C3", at: "PID-3[3].1")
        #expect(message.value(at: "PID-3[3].1") == "C3")
        #expect(message.element(at: "PID-3")?.repetitions.count == 3)
        try message.setValue("F", at: "OBX[*]-11")
        #expect(try message.values(at: "OBX[*]-11") == ["F", "F", "F"])
        #expect(throws: HL7v2Error(.pathNotFound, expected: "")) { try message.setValue("x", at: "ZZZ-1") }
        #expect(throws: HL7v2Error(.invalidPath, expected: "")) { try message.setValue("x", at: "MSH-2") }
        #expect(throws: HL7v2Error(.invalidPath, expected: "")) { try message.setValue("x", at: "PID") }
    }

    @Test func escapesAreExposedAsStructure() throws {
        let text =
            "MSH|^~\\&|A\rNTE|1||\\H\\Hb\\N\\ low\\.br\\see \\.sp2\\\\.in+4\\\\.ti-2\\\\.sk3\\\\.fi\\\\.nf\\\\.ce\\x"
            + "\\C2842\\\\M2442\\\\Zabc\\\\X4142\\\\XE4B8AD\\\\XC9\\\\Q\\\\P\\\r"
        let message = try HL7v2Message(parsing: Array(text.utf8))
        let value = try #require(message.text(at: "NTE-3"))
        #expect(
            value.runs == [
                .highlight(true), .text("Hb"), .highlight(false), .text(" low"), .lineBreak, .text("see "),
                .formatting(command: "sp", argument: "2"), .formatting(command: "in", argument: "+4"),
                .formatting(command: "ti", argument: "-2"), .formatting(command: "sk", argument: "3"),
                .formatting(command: "fi", argument: ""), .formatting(command: "nf", argument: ""),
                .formatting(command: "ce", argument: ""), .text("x"), .charsetEscape("C2842"),
                .charsetEscape("M2442"), .localEscape("Zabc"), .text("AB中É"), .unknownEscape("Q"), .text("#"),
            ])
        #expect(value.plainText == "Hb low\nsee \nxAB中É#")
        // Canonical form keeps formatting and charset escapes as written.
        #expect(
            message.value(at: "NTE-3")
                == "\\H\\Hb\\N\\ low\\.br\\see \\.sp2\\\\.in+4\\\\.ti-2\\\\.sk3\\\\.fi\\\\.nf\\\\.ce\\x"
                + "\\C2842\\\\M2442\\\\Zabc\\AB中É\\Q\\#")
        // Writing the runs back gives the same value.
        var copy = message
        try copy.setText(value, at: "NTE-4")
        #expect(copy.text(at: "NTE-4") == value)
    }

    @Test func braceAsSubcomponentSeparator() throws {
        let message = try HL7v2Message(parsing: Array("MSH|^~\\}|A\rPID|1||a}b}c^^^H&1~d\r".utf8))
        #expect(message.encodingCharacters.subcomponent == 0x7D)
        #expect(try message.values(at: "PID-3[*].1") == ["a", "d"])
        #expect(message.value(at: "PID-3.1.2") == "b")
        #expect(message.value(at: "PID-3.4") == "H&1")  // '&' is an ordinary character here
        #expect(message.canonicalJSON().contains(#"[[["a","b","c"],[],[],["H&1"]],[["d"]]]"#))
    }

    @Test func buildingAMessageProgrammatically() throws {
        var message = try HL7v2Message(encodingCharacters: .standard, charset: .utf8)
        try message.setValue("HIS", at: "MSH-3")
        try message.setValue("ACK", at: "MSH-9.1")
        try message.setValue("R01", at: "MSH-9.2")
        try message.setValue("2.5.1", at: "MSH-12")
        try message.appendSegment("MSA", fields: ["AA", "LIS20240315000123", "已接收 | ok"])
        try message.appendSegment("ERR")
        try message.setValue("207", at: "ERR-3.1")
        let text = String(decoding: message.serializedBytes(), as: UTF8.self)
        #expect(
            text == "MSH|^~\\&|HIS||||||ACK^R01|||2.5.1||||||UNICODE UTF-8\rMSA|AA|LIS20240315000123|已接收 \\F\\ ok\r"
                + "ERR|||207\r")
        #expect(message.value(at: "MSA-3") == "已接收 | ok")
        #expect(message.charset == .utf8)
        #expect(throws: HL7v2Error(.invalidValue, expected: "")) { try message.appendSegment("pid") }
        #expect(throws: HL7v2Error(.invalidValue, expected: "")) { try message.appendSegment("MSH") }
        #expect(throws: HL7v2Error(.invalidEncodingCharacters, expected: "")) {
            _ = try HL7v2Message(encodingCharacters: HL7v2EncodingCharacters(field: 0x5E))
        }
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
