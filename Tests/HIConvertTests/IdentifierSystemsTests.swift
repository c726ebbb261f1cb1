import HIConvert
import HIModels
import HITerminology
import Testing

@Suite("Identifier systems table")
struct IdentifierSystemsTests {
    let systems = IdentifierSystems(tables: .builtIn)

    @Test("kinds map to OIDs, FHIR systems and HL7 v2 types, both ways")
    func mapping() {
        #expect(systems.fhirSystem(for: .residentIDCard) == "urn:oid:2.16.156.10011.1.3")
        #expect(systems.kind(forFHIRSystem: "urn:oid:2.16.156.10011.1.3") == .residentIDCard)
        #expect(systems.kind(forOID: "2.16.156.10011.1.2") == .healthRecordNumber)
        #expect(systems.kind(forV2Type: "NNCHN") == .residentIDCard)
        #expect(systems.kind(forV2Type: "VN") == nil, "VN names two kinds (outpatient, inpatient)")
        #expect(systems.fhirSystem(for: .passport) == "http://healthinterchange.example/fhir/sid/passport")
    }

    @Test("v2 CX with the resident-ID OID as assigning authority reads as a resident ID; FHIR gets its system")
    func throughConversion() throws {
        let er7 =
            "MSH|^~\\&|A||B||20240101||ADT^A28^ADT_A05|C1|P|2.5.1\rPID|1||110105198503121234^^^2.16.156.10011.1.3||张三||19850312|M\r"
        let result = try RecordConverter().convert(Array(er7.utf8), from: .hl7v2, to: .fhir)
        #expect(result.records.first?.resident?.residentIDNumber != nil)
        let text = String(decoding: result.output, as: UTF8.self)
        #expect(text.contains("urn:oid:2.16.156.10011.1.3"))
        #expect(text.contains("\"text\": \"张三\""))
    }
}
