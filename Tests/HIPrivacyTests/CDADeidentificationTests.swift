import HICDA
import HICore
import HIPrivacy
import HITestSupport
import HIXML
import Testing

/// CDA de-identification over the synthetic WS/T 500 and WS/T 483 samples: the originals are collected
/// through the XML layer (people's ids, names, telecoms, street-level address parts, identifying body data
/// elements) and none of them may remain in the output; organisations, codes and values stay.
@Suite struct CDADeidentificationTests {
    static let key = Array("sample key 2026".utf8)
    static let deidentifier = Deidentifier(options: DeidentificationOptions(key: key))
    static let people: Set<String> = [
        "patientRole", "patient", "assignedPerson", "assignedAuthor", "assignedEntity", "associatedEntity",
        "associatedPerson", "relatedEntity", "relatedPerson", "guardian", "guardianPerson", "intendedRecipient",
        "informationRecipient",
    ]

    /// Personal values of `root`, read through the XML tree.
    static func originals(_ root: XMLElement) -> [String] {
        var values: [String] = []
        func walk(_ element: XMLElement, insidePerson: Bool) {
            let person = people.contains(element.localName) && !element.localName.hasSuffix("Organization")
            if person {
                for child in element.elements {
                    switch child.localName {
                    case "id": child.attribute("extension").map { values.append($0) }
                    case "name": values.append(child.textContent.trimmingCharacters(in: .whitespacesAndNewlines))
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
            if element.localName == "observation", let code = element.firstChild("code")?.attribute("code"),
                ["DE02.01.039.00", "DE02.01.030.00", "DE02.01.010.00"].contains(code),
                let value = element.firstChild("value")
            {
                values.append(value.attribute("value") ?? value.textContent)
            }
            for child in element.elements { walk(child, insidePerson: insidePerson || person) }
        }
        walk(root, insidePerson: false)
        return values.filter { $0.count >= 2 }
    }

    /// The text of every organisation element (kept by design, so values it shares are not searched for).
    static func organisationTexts(_ root: XMLElement) -> [String] {
        var texts: [String] = []
        func walk(_ element: XMLElement) {
            if element.localName.hasSuffix("Organization") {
                texts.append(element.textContent)
                return
            }
            element.elements.forEach(walk)
        }
        walk(root)
        return texts
    }

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    @Test(arguments: try SampleFiles.list("cda").filter { !$0.name.contains("/") && $0.name.hasSuffix(".xml") })
    func sampleLosesEveryIdentifierAndStillReads(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        let source = try XMLDocument(parsing: bytes)
        let originals = Self.originals(source.root)
        #expect(originals.count >= 4, "\(file.name): too few personal values found to make the test meaningful")
        let result = try Self.deidentifier.deidentify(bytes, format: .cda)
        let organisations = Self.organisationTexts(source.root)
        for value in originals where !organisations.contains(where: { $0.contains(value) }) {
            let survived = Self.contains(result.bytes, value)
            #expect(!survived, "\(file.name): an original value survived: \(value)")
        }
        // Still a CDA document of the same template, with organisations and coded values kept.
        let output = try XMLDocument(parsing: result.bytes)
        let before = try ClinicalDocument(source)
        let after = try ClinicalDocument(output)
        #expect(after.template?.templateId != nil)
        #expect(after.template?.templateId == before.template?.templateId)
        #expect(after.code?.code == before.code?.code)
        let custodian = source.root.descendant("custodian", "assignedCustodian", "representedCustodianOrganization")
        if let name = custodian?.firstChild("name")?.textContent {
            let kept = Self.contains(result.bytes, name)
            #expect(kept, "\(file.name): the custodian organisation's name was changed")
        }
        #expect(result.report.changes.contains { $0.kind == .name })
        #expect(result.report.changes.contains { $0.kind == .date })
        // Repeatable under the same key, different under another.
        let again = try Self.deidentifier.deidentify(bytes, format: .cda).bytes == result.bytes
        #expect(again, "\(file.name): not repeatable")
        let other = Deidentifier(options: DeidentificationOptions(key: Array("another key".utf8)))
        let differs = try other.deidentify(bytes, format: .cda).bytes != result.bytes
        #expect(differs, "\(file.name): the key makes no difference")
    }

    @Test func residentIDKeepsRegionAndAgreesWithTheShiftedBirthTime() throws {
        let file = try #require(try SampleFiles.list("cda").first { $0.name == "wst500-27-lab-report.xml" })
        let result = try Self.deidentifier.deidentify(try file.bytes(), format: .cda)
        let document = try XMLDocument(parsing: result.bytes)
        let patient = try #require(document.root.descendant("recordTarget", "patientRole", "patient"))
        let id = try #require(patient.firstChild("id")?.attribute("extension"))
        #expect(id != "330521198506123019")
        #expect(id.hasPrefix("330521"))
        #expect(ResidentIDCheck.isValid(id))
        let birth = try #require(patient.firstChild("birthTime")?.attribute("value"))
        #expect(birth != "19850612")
        #expect(Array(id.utf8)[6..<14].elementsEqual(Array(birth.utf8).prefix(8)))
        // The offset is the person's: the document time moves by the same number of days.
        let offset = Self.deidentifier.dateOffset(forPerson: "330521198506123019")
        #expect(Deidentifier.shiftDate("19850612", by: offset) == birth)
        let effective = try #require(document.root.firstChild("effectiveTime")?.attribute("value"))
        #expect(effective == Deidentifier.shiftDate("20261118105300", by: offset))
        // Street-level address parts replaced, county and above kept.
        let addr = try #require(document.root.descendant("recordTarget", "patientRole", "addr"))
        #expect(addr.firstChild("county")?.text == "德清县")
        #expect(addr.firstChild("state")?.text == "浙江省")
        #expect(addr.firstChild("houseNumber")?.text != "兴康路 27 号 3 幢 402 室")
        let telecom = try #require(document.root.descendant("recordTarget", "patientRole", "telecom"))
        let phone = try #require(telecom.attribute("value"))
        #expect(phone.hasPrefix("tel:138") && phone != "tel:13800007315" && phone.count == "tel:13800007315".count)
    }

    @Test func narrativeAndFreeTextFollowThePolicy() throws {
        let file = try #require(try SampleFiles.list("cda").first { $0.name == "wst483-20-referral.xml" })
        let bytes = try file.bytes()
        let masked = try Self.deidentifier.deidentify(bytes, format: .cda)
        let maskedHasText = Self.contains(masked.bytes, "高血压病史7年，规律服用氨氯地平")
        #expect(!maskedHasText)
        #expect(masked.report.changes.contains { $0.kind == .freeText })
        var keepOptions = DeidentificationOptions(key: Self.key)
        keepOptions.freeText = .keep
        let kept = try Deidentifier(options: keepOptions).deidentify(bytes, format: .cda)
        let keptHasText = Self.contains(kept.bytes, "高血压病史7年，规律服用氨氯地平")
        #expect(keptHasText)
        #expect(!kept.report.changes.contains { $0.kind == .freeText })
    }

    @Test func switchedOffKindsAreLeftAlone() throws {
        let file = try #require(try SampleFiles.list("cda").first { $0.name == "wst500-27-lab-report.xml" })
        var options = DeidentificationOptions(key: Self.key)
        options.names = false
        options.dates = false
        let result = try Deidentifier(options: options).deidentify(try file.bytes(), format: .cda)
        let keptName = Self.contains(result.bytes, "姚建军")
        let keptBirth = Self.contains(result.bytes, "<birthTime value=\"19850612\"/>")
        let keptID = Self.contains(result.bytes, "330521198506123019")
        #expect(keptName && keptBirth && !keptID)
        #expect(!result.report.changes.contains { $0.kind == .name || $0.kind == .date })
    }

    @Test func gb18030DocumentIsWrittenBackInItsEncoding() throws {
        let text = """
            <?xml version="1.0" encoding="GB18030"?>
            <ClinicalDocument xmlns="urn:hl7-org:v3"><recordTarget><patientRole><id root="2.16.156.10011.1.11" \
            extension="MZ0001"/><patient><name>欧阳小雨</name><birthTime value="19900101"/></patient></patientRole>\
            </recordTarget></ClinicalDocument>
            """
        let bytes = try Charset.gb18030.encode(text)
        let result = try Self.deidentifier.deidentify(bytes, format: .cda)
        let decoded = try Charset.gb18030.decode(result.bytes)
        #expect(decoded.hasPrefix("<?xml version=\"1.0\" encoding=\"GB18030\"?>"))
        #expect(!decoded.contains("欧阳小雨"))
        #expect(!decoded.contains("MZ0001"))
        let document = try XMLDocument(parsing: result.bytes)
        #expect(document.root.descendant("recordTarget", "patientRole", "patient", "name")?.text?.count == 4)
    }

    @Test func unreadableInputIsALocatedErrorWithoutContent() throws {
        let bytes = Array("<ClinicalDocument><name>张三</ClinicalDocument>".utf8)
        let error = #expect(throws: PrivacyError.self) { try Self.deidentifier.deidentify(bytes, format: .cda) }
        #expect(error?.description.contains("张三") == false)
        #expect(error?.location.line != nil)
    }
}

/// GB 11643 check character, computed independently of the library.
enum ResidentIDCheck {
    static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 18 else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for index in 0..<17 {
            guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return false }
            sum += Int(bytes[index] - 0x30) * weights[index]
        }
        return Array("10X98765432".utf8)[sum % 11] == bytes[17]
    }
}
