import Foundation
import HICore
import HIPrivacy
import HITestSupport
import HIXML
import Testing

/// HL7 v3 message de-identification over the synthetic v3 samples (registry, orders, lab results, encounters,
/// the vendor dialects and an XDS.b document submission): the personal values are collected through the XML
/// layer, independently of the library's walker, and none may remain in the output.
@Suite struct V3DeidentificationTests {
    static let key = Array("v3 sample key".utf8)
    static let deidentifier = Deidentifier(options: DeidentificationOptions(key: key))
    static let people: Set<String> = [
        "patient", "patientPerson", "asOtherIDs", "assignedPerson", "assignedEntity", "healthCarePrincipalPerson",
        "personalRelationship", "relationshipHolder1",
    ]
    static let queryParameters: Set<String> = [
        "livingSubjectId", "livingSubjectName", "livingSubjectBirthTime", "patientTelecom", "patientAddress",
    ]

    /// Personal values of `root`, read through the XML tree.
    static func originals(_ root: XMLElement) -> [String] {
        var values: [String] = []
        func nameValues(_ element: XMLElement) {
            if let value = element.attribute("value") { values.append(value) }
            element.elements.forEach(nameValues)
        }
        func walk(_ element: XMLElement) {
            if people.contains(element.localName) {
                for child in element.elements {
                    switch child.localName {
                    case "id":
                        child.attribute("extension").map { values.append($0.trimmingCharacters(in: .whitespaces)) }
                    case "name":
                        values.append(child.textContent.trimmingCharacters(in: .whitespacesAndNewlines))
                        nameValues(child)
                    case "telecom":
                        if let value = child.attribute("value") {
                            values.append(String(value.drop(while: { $0 != ":" }).dropFirst()))
                        }
                    case "addr":
                        for part in child.elements
                        where ["houseNumber", "streetName", "township", "streetAddressLine"].contains(part.localName) {
                            values.append(part.textContent)
                        }
                    default: break
                    }
                }
            }
            if queryParameters.contains(element.localName) {
                for value in element.children("value") {
                    if let id = value.attribute("extension") { values.append(id) }
                    nameValues(value)
                    values.append(value.textContent.trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
            element.elements.forEach(walk)
        }
        walk(root)
        return values.filter { $0.count >= 2 }
    }

    static var messages: [SampleFile] {
        get throws {
            let all = try SampleFiles.list("v3/valid") + SampleFiles.list("v3/dialect")
            return all.filter { $0.name.hasSuffix(".xml") }
        }
    }

    @Test(arguments: try messages)
    func messageLosesEveryPersonalValueAndStillParses(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        let source = try XMLDocument(parsing: bytes)
        let originals = Self.originals(source.root)
        let result = try Self.deidentifier.deidentify(bytes, format: .v3)
        for value in originals {
            let survived = CDADeidentificationTests.contains(result.bytes, value)
            #expect(!survived, "\(file.name): an original value survived: \(value)")
        }
        let output = try XMLDocument(parsing: result.bytes)
        #expect(output.root.qualifiedName == source.root.qualifiedName)
        #expect(output.root.elements.count == source.root.elements.count)
        if !originals.isEmpty {
            #expect(!result.report.changes.isEmpty, "\(file.name): personal values but no change reported")
        }
        let again = try Self.deidentifier.deidentify(bytes, format: .v3).bytes
        #expect(again == result.bytes, "\(file.name): not repeatable")
    }

    @Test func everyPersonBearingSampleHasPersonalValues() throws {
        // Guards the test above: it must find something to look for in the registry and order messages.
        for name in ["PRPA_IN201311UV02-resident-registration.xml", "POOR_IN200901UV-order-new.xml"] {
            let file = try #require(try Self.messages.first { $0.name.hasSuffix(name) })
            #expect(Self.originals(try XMLDocument(parsing: try file.bytes()).root).count >= 5, "\(name)")
        }
    }

    @Test func queryAndResponseGetTheSamePseudonymForTheSameResident() throws {
        let query = try #require(try Self.messages.first { $0.name.hasSuffix("PRPA_IN201305UV02-resident-query.xml") })
        let response = try #require(
            try Self.messages.first { $0.name.hasSuffix("PRPA_IN201306UV02-resident-query-response.xml") })
        let asked = try XMLDocument(parsing: Self.deidentifier.deidentify(try query.bytes(), format: .v3).bytes)
        let answered = try XMLDocument(parsing: Self.deidentifier.deidentify(try response.bytes(), format: .v3).bytes)
        let askedID = try #require(
            asked.root.descendant(
                "controlActProcess", "queryByParameter", "parameterList",
                "livingSubjectId", "value")?.attribute("extension"))
        let person = try #require(
            answered.root.descendant(
                "controlActProcess", "subject", "registrationEvent",
                "subject1", "patient", "patientPerson"))
        let answeredID = try #require(person.firstChild("id")?.attribute("extension"))
        #expect(askedID == answeredID)
        #expect(askedID != "11010519491231002X")
        #expect(ResidentIDCheck.isValid(askedID))
        #expect(askedID.hasPrefix("110105"))
        // The birth time agrees with the pseudonymous resident ID, as in v2, FHIR and CDA.
        let birth = try #require(person.firstChild("birthTime")?.attribute("value"))
        #expect(Array(askedID.utf8)[6..<14].elementsEqual(Array(birth.utf8).prefix(8)))
    }

    @Test func xdsPayloadIsTheDeidentifiedCDADocument() throws {
        let submission = try #require(
            try Self.messages.first { $0.name.hasSuffix("ProvideAndRegisterDocumentSetRequest-lab-report.xml") })
        let cda = try #require(try SampleFiles.list("cda").first { $0.name == "wst500-27-lab-report.xml" })
        let result = try Self.deidentifier.deidentify(try submission.bytes(), format: .v3)
        let output = try XMLDocument(parsing: result.bytes)
        let document = try #require(output.root.firstChild("Document"))
        let compact = document.textContent.filter { !$0.isWhitespace }
        let payload = try #require(Data(base64Encoded: compact))
        let expected = try Self.deidentifier.deidentify(try cda.bytes(), format: .cda).bytes
        #expect(Array(payload) == expected)
        #expect(result.report.changes.contains { $0.path.contains("/base64()") && $0.kind == .name })
        // Lines of 76 characters, as in the original.
        let lines = document.textContent.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
    }

    @Test func xdsMetadataNamingThePatientIsReplaced() throws {
        let text = """
            <ProvideAndRegisterDocumentSetRequest xmlns="urn:ihe:iti:xds-b:2007" \
            xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><rim:ExtrinsicObject id="d1">\
            <rim:Slot name="sourcePatientId"><rim:ValueList><rim:Value>EMPI0000777^^^&amp;2.16.156.10011.1.10&amp;ISO\
            </rim:Value></rim:ValueList></rim:Slot><rim:Slot name="sourcePatientInfo"><rim:ValueList>\
            <rim:Value>PID-3|EMPI0000777^^^&amp;2.16.156.10011.1.10&amp;ISO</rim:Value><rim:Value>PID-5|欧阳^小雨</rim:Value>\
            <rim:Value>PID-7|19900101</rim:Value><rim:Value>PID-8|F</rim:Value><rim:Value>PID-13|13912345678</rim:Value>\
            </rim:ValueList></rim:Slot><rim:ExternalIdentifier identificationScheme=\
            "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427" value="EMPI0000777^^^&amp;2.16.156.10011.1.10&amp;ISO"/>\
            </rim:ExtrinsicObject></ProvideAndRegisterDocumentSetRequest>
            """
        let result = try Self.deidentifier.deidentify(Array(text.utf8), format: .v3)
        let output = String(decoding: result.bytes, as: UTF8.self)
        for value in ["EMPI0000777", "欧阳", "小雨", "13912345678", "19900101"] {
            #expect(!output.contains(value), "survived: \(value)")
        }
        #expect(output.contains("PID-8|F"))
        #expect(output.contains("^^^&amp;2.16.156.10011.1.10&amp;ISO"))
        let kinds = Set(result.report.changes.map(\.kind))
        #expect(kinds.isSuperset(of: [.identifier, .name, .phone]))
    }

    @Test func undecodablePayloadIsRefusedWithoutContent() throws {
        let text = """
            <ProvideAndRegisterDocumentSetRequest xmlns="urn:ihe:iti:xds-b:2007"><Document id="d1">\
            not base64 张三</Document></ProvideAndRegisterDocumentSetRequest>
            """
        let error = #expect(throws: PrivacyError.self) {
            try Self.deidentifier.deidentify(Array(text.utf8), format: .v3)
        }
        #expect(error?.description.contains("张三") == false)
        #expect(error?.description.contains("Document") == true)
    }
}
