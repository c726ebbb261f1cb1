import HIFHIR
import HIPrivacy
import Testing

@Suite struct FHIRPersonResourcesTests {
    static let deidentifier = Deidentifier(options: DeidentificationOptions(key: Array("person key".utf8)))

    static let bundle = #"""
        {"resourceType":"Bundle","type":"collection","entry":[
        {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","id":"p1",
         "text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">王小明 13912345678</div>"},
         "identifier":[{"system":"urn:oid:2.16.156.10011.1.3","value":"11010519491231002X"}],
         "name":[{"family":"王","given":["小明"]}],"birthDate":"1949-12-31",
         "contact":[{"name":{"text":"王大明"},"telecom":[{"system":"phone","value":"13987654321"}]}]}},
        {"fullUrl":"urn:uuid:2","resource":{"resourceType":"RelatedPerson","id":"r1",
         "patient":{"reference":"Patient/p1","display":"王小明"},
         "name":[{"text":"李红梅"}],"telecom":[{"system":"email","value":"hongmei@example.com"}],
         "address":[{"text":"北京市东城区东华门街道88号","line":["东华门街道88号"],"district":"东城区"}]}},
        {"fullUrl":"urn:uuid:3","resource":{"resourceType":"Practitioner","id":"d1",
         "identifier":[{"system":"urn:oid:2.16.156.10011.1.4","value":"DOC00123"}],
         "name":[{"family":"赵","given":["建国"]}]}},
        {"fullUrl":"urn:uuid:4","resource":{"resourceType":"Observation","id":"o1","status":"final",
         "code":{"text":"血压"},"subject":{"reference":"Patient/p1","display":"王小明"},
         "effectiveDateTime":"2024-03-10T08:00:00+08:00","performer":[{"reference":"Practitioner/d1","display":"赵建国"}],
         "note":[{"text":"患者王小明自述头晕，电话13912345678"}]}}]}
        """#

    @Test func everyPersonResourceIsCovered() throws {
        let bytes = Array(Self.bundle.utf8)
        let result = try Self.deidentifier.deidentify(bytes, format: .fhirJSON)
        let text = String(decoding: result.bytes, as: UTF8.self)
        for original in [
            "王小明", "小明", "11010519491231002X", "13912345678", "王大明", "13987654321", "李红梅", "hongmei",
            "东华门", "DOC00123", "赵建国", "建国", "1949-12-31", "2024-03-10",
        ] {
            #expect(!text.contains(original), "an original (\(original.count) characters) is still present")
        }
        #expect(text.contains("北京市东城区"))
        let resource = try FHIRResource(parsing: result.bytes)
        let errors = FHIRValidator().validate(resource, source: result.bytes).filter { $0.severity >= .error }
        #expect(errors.isEmpty, "\(errors.map(\.code))")
        let kinds = Set(result.report.changes.map(\.kind))
        #expect(kinds.isSuperset(of: [.residentID, .identifier, .name, .phone, .address, .date, .freeText]))
        // One person, one offset: the Observation's date moved as far as the birth date.
        let patient = try #require(resource.typed(as: FHIR.Bundle.self)?.resources.first)
        let birth = try #require(patient["birthDate"]?.stringValue)
        let offset = Self.deidentifier.dateOffset(forPerson: "11010519491231002X")
        #expect(Deidentifier.shiftDate("1949-12-31", by: offset) == birth)
        #expect(text.contains(Deidentifier.shiftDate("2024-03-10T08:00:00+08:00", by: offset) ?? "?"))
    }

    @Test func freeTextPolicies() throws {
        var options = DeidentificationOptions(key: Array("k".utf8))
        options.freeText = .keep
        options.names = false
        let kept = try Deidentifier(options: options).deidentify(Array(Self.bundle.utf8), format: .fhirJSON)
        #expect(String(decoding: kept.bytes, as: UTF8.self).contains("自述头晕"))
        options.freeText = .empty
        let emptied = try Deidentifier(options: options).deidentify(Array(Self.bundle.utf8), format: .fhirJSON)
        #expect(!String(decoding: emptied.bytes, as: UTF8.self).contains("自述头晕"))
    }
}
