import HIConvert
import HIModels
import Testing

/// The v2 reader's byte-level component reads give the values HIHL7v2's element accessors give: plain ASCII
/// and UTF-8 by the byte scan; escapes, sub-components and repetitions as before.
@Suite("HL7v2ModelReader byte-level reads")
struct HL7v2ByteReadTests {
    static let message = [
        "MSH|^~\\&|LIS|HOSP|HIS|HOSP|20260101120000||ORU^R01|MSG0001|P|2.5.1|||||CHN|UNICODE UTF-8",
        "PID|1||110101199003074514^^^&2.16.156.10011.1.3&ISO^NNCHN||王^小明^^^^^L||19900307|M",
        "OBR|1|PL001|FL001|GLU^葡萄糖^L",
        "OBX|1|NM|GLU^葡萄糖^L||5.6|mmol/L^^UCUM|3.9-6.1|N|||F",
        "OBX|2|ST|NOTE^备注\\T\\说明^L||阴性\\F\\弱阳性~复查||||||F",
        "OBX|3|CE|ABO^血型^L||A&X^A型^L||||||F",
    ].joined(separator: "\r")

    @Test("values through the byte scan and through the escape fallback")
    func values() throws {
        let (records, _) = try HL7v2ModelReader().read(Array(Self.message.utf8), options: ConversionOptions())
        guard case .labReport(let lab)? = records.first else {
            #expect(Bool(false), "no lab report")
            return
        }
        #expect(lab.resident?.names.first?.family == "王")
        #expect(lab.resident?.names.first?.given == ["小明"])
        #expect(lab.resident?.identifiers.first?.value == "110101199003074514")
        #expect(lab.order?.code == "GLU")
        #expect(lab.order?.display == "葡萄糖")
        #expect(lab.results.count == 3)
        #expect(lab.results[0].value == .quantity(Quantity(value: "5.6", unit: "mmol/L", ucum: "mmol/L")))
        #expect(lab.results[0].referenceRange?.low == "3.9")
        #expect(lab.results[0].referenceRange?.high == "6.1")
        #expect(lab.results[1].code.display == "备注&说明")
        #expect(lab.results[1].value == .text("阴性|弱阳性\n复查"))
        // A coded value keeps a component's sub-components as written; an identifier's authority reads the
        // first sub-component (empty here).
        #expect(lab.results[2].value == .coded(CodedValue(system: "L", code: "A&X", display: "A型")))
        #expect(lab.resident?.identifiers.first?.authority == nil)
    }
}
