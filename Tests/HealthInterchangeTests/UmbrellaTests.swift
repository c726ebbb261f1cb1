import HealthInterchange
import Testing

@Suite("Umbrella module")
struct UmbrellaTests {
    @Test(arguments: [
        ("MSH|^~\\&|LIS", DocumentFormat.hl7v2), ("\u{FEFF}FHS|^~\\&", .hl7v2), ("\r\nBHS|^~\\&", .hl7v2),
        ("<?xml version=\"1.0\"?><ClinicalDocument/>", .xml), ("  {\n  \"resourceType\": \"Patient\"\n}\n", .fhirJSON),
        ("{\"resourceType\":\"Patient\"}\n{\"resourceType\":\"Observation\"}\n", .ndjson),
    ])
    func detectsFormats(text: String, expected: DocumentFormat) {
        #expect(DocumentFormat.detect(Array(text.utf8)) == expected)
    }

    @Test func unknownBytesAreNotGuessed() {
        #expect(DocumentFormat.detect(Array("hello".utf8)) == nil)
        #expect(DocumentFormat.detect([]) == nil)
    }

    /// Domain models keep the plain names; FHIR views are namespaced, so both import without ambiguity.
    @Test func modelAndFHIRNamesDoNotCollide() throws {
        let json = Array(#"{"resourceType":"Encounter","status":"finished"}"#.utf8)
        let view = try FHIR.Encounter(parsing: json)
        #expect(view.status == "finished")
        #expect(String(reflecting: Encounter.self) == "HIModels.Encounter")
        #expect(String(reflecting: FHIR.Encounter.self) == "HIFHIR.FHIR.Encounter")
    }
}
