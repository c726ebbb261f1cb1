import HICDA
import HICore
import HITestSupport
import HIXML
import Testing

/// Test helpers shared by the HICDA tests.
enum CDATestSupport {
    static func corpusDocument(_ path: String) throws -> ClinicalDocument {
        try ClinicalDocument(parsing: try SampleFile(name: path, url: SharedCorpus.url(path)).bytes())
    }

    static let nationalSchema: XMLSchema? =
        SharedCorpus.isPresent ? try? XMLSchema(contentsOf: SharedCorpus.url("cn/schemas/sdschemas/SDA.xsd").path) : nil

    static let cdaSchema: XMLSchema? =
        SharedCorpus.isPresent
        ? try? XMLSchema(contentsOf: SharedCorpus.url("cda/schema/normative/infrastructure/cda/CDA.xsd").path) : nil

    static func sampleHeader() -> CNDocumentHeader {
        var header = CNDocumentHeader()
        header.documentID = "HI-TEST-0001"
        header.effectiveTime = "20261120093000"
        header.patientIDs = [II(root: CDA.CN.healthRecordNumberRoot, extension: "341525000100001")]
        header.patientName = "测试者"
        header.residentID = "110101199003071234"
        header.sex = CD(
            code: "1", codeSystem: "2.16.156.10011.2.3.3.4", codeSystemName: "生理性别代码表(GB/T 2261.1)",
            displayName: "男性")
        header.birthTime = "19900307"
        header.phone = "13800000000"
        header.authorName = "张医生"
        header.authorOrganizationCode = "12341525000000001A"
        header.authorOrganizationName = "某乡镇卫生院"
        header.custodianCode = "12341525000000001A"
        header.custodianName = "某乡镇卫生院"
        header.legalAuthenticatorName = "李主任"
        return header
    }
}

@Suite("CDA documents")
struct CDADocumentTests {
    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func schemasLoadWhenTheCorpusIsPresent() {
        #expect(CDATestSupport.nationalSchema != nil)
        #expect(CDATestSupport.cdaSchema != nil)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func readsTheWST483PersonalBasicInformationHeader() throws {
        let document = try CDATestSupport.corpusDocument("cn/cda-wst483/wst483-01-personal-basic-health-info.xml")
        #expect(document.realmCode == "CN")
        #expect(document.typeId == II(root: "2.16.840.1.113883.1.3", extension: "POCD_MT000040"))
        #expect(document.template?.templateId == "2.16.156.10011.2.1.1.1")
        #expect(document.code?.code == "HSDA00.01")
        #expect(document.title == "个人基本健康信息登记")
        #expect(document.effectiveTime?.value == "20200803")
        #expect(document.languageCode == "zh-CN")
        let patient = try #require(document.patient)
        #expect(patient.name == "王小二")
        #expect(patient.residentID == "420106196303129995")
        #expect(patient.administrativeGender?.code == "1")
        #expect(patient.birthTime?.value == "19630312")
        #expect(patient.maritalStatus?.displayName == "已婚")
        #expect(patient.employerName == "/")
        #expect(patient.householdRegistered == true)
        #expect(patient.educationLevel?.code == "60")
        #expect(patient.occupation?.code == "Y")
        #expect(document.patientRole?.telecoms.first?.number == "13800000000")
        #expect(document.authors.first?.assignedAuthor?.personName == "李医生")
        #expect(document.dataElement("DE04.50.001.00") != nil)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func readsTheAdultHealthCheckupDataElements() throws {
        let document = try CDATestSupport.corpusDocument("cn/cda-wst483/wst483-16-adult-health-checkup.xml")
        #expect(document.patient?.name == "王小二")
        #expect(document.patientRole?.identifier(root: CDA.CN.healthRecordNumberRoot)?.extension == "42010600510600001")
        #expect(document.patientRole?.addresses.first?.part("county") == "武昌区")
        #expect(document.template?.part == 16)
        let temperature = try #require(document.dataElement("DE04.10.186.00"))
        #expect(temperature.value == .quantity(PQ(value: "36.5", unit: "℃")))
        #expect(temperature.sectionCode == "8716-3")
        #expect(temperature.line == 95)
        #expect(document.dataElementValue("DE04.10.174.00") == .quantity(PQ(value: "160", unit: "mmHg")))
        #expect(document.section(code: "8716-3")?.entries.isEmpty == false)
    }

    @Test func generatedDocumentPassesTheNationalSchema() throws {
        var content = WSDocument(templateId: "2.16.156.10011.2.1.1.22", header: CDATestSupport.sampleHeader())
        content.setValue("DE04.01.119.00", name: "主诉", .string("咳嗽3天"), in: .chiefComplaint)
        content.setValue(
            "DE04.10.174.00", name: "收缩压", .quantity(PQ(value: "128", unit: "mmHg")), in: .vitalSigns)
        let document = try content.makeDocument()
        #expect(document.template?.templateId == "2.16.156.10011.2.1.1.22")
        let again = try ClinicalDocument(parsing: document.serialized())
        #expect(WSDocument(document: again).value("DE04.01.119.00") == .string("咳嗽3天"))
        #expect(again.patient?.residentID == "110101199003071234")
        if let schema = CDATestSupport.nationalSchema {
            let issues = schema.validate(document.serialized())
            #expect(!issues.containsErrors, "\(issues)")
        }
    }

    @Test func notACDADocumentIsALocatedError() {
        let error = #expect(throws: CDAError.self) { try ClinicalDocument(parsing: Array("<html>\n</html>".utf8)) }
        #expect(error?.code == .notClinicalDocument)
        #expect(error?.location.line == 1)
        let broken = #expect(throws: CDAError.self) {
            try ClinicalDocument(parsing: Array("<ClinicalDocument>\n<title></ClinicalDocument>".utf8))
        }
        #expect(broken?.code == .xml)
        #expect(broken?.issueCode == "HI-XML-0001")
        #expect(broken?.location.line == 2)
    }
}

@Suite("CDA corpus")
struct CDACorpusTests {
    static let documents: [SampleFile] =
        (SharedCorpus.files("cda", extensions: ["xml"]) + SharedCorpus.files("cn", extensions: ["xml"])).filter {
            !$0.name.hasPrefix("fragments/") && !$0.name.hasPrefix("schema") && !$0.name.contains("ack-MCCI")
        }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusHasDocuments() {
        #expect(Self.documents.count >= 19)
    }

    /// Every corpus CDA document reads as a `ClinicalDocument` (lenient prefixes for the two known-bad
    /// ones), its views can be walked, and it writes back to the same canonical XML.
    @Test(arguments: documents)
    func readsWalksAndRoundTrips(_ file: SampleFile) throws {
        var options = XMLParsingOptions()
        options.allowsUndeclaredPrefixes = true
        let bytes = try file.bytes()
        let document = try ClinicalDocument(parsing: bytes, options: options)
        #expect(document.id != nil || document.element.firstChild("id") == nil)
        for section in document.allSections {
            for entry in section.entries { _ = entry.statement?.values }
        }
        _ = document.dataElements
        let again = try ClinicalDocument(parsing: document.serialized(), options: options)
        #expect(again == document)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func editingKeepsWhatTheModelDoesNotKnow() throws {
        var document = try CDATestSupport.corpusDocument("cn/hl7v3-lis/jh0421-lab-report-cda.xml")
        document.title = "检验报告"
        document.patient?.name = "测试者"
        let written = String(decoding: document.serialized(), as: UTF8.self)
        #expect(written.contains("<title>检验报告</title>"))
        #expect(written.contains("<name>测试者</name>"))
        #expect(written.contains(#"<lengthOfStayQuantity unit="次" value="2"/>"#))
        #expect(written.contains("<!--住院次数,数值@value，单位@unit-->"))
        let again = try ClinicalDocument(parsing: document.serialized())
        #expect(again.patient?.name == "测试者")
        #expect(again.patient?.age == PQ(value: "24", unit: "岁"))
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func editedGenericCDAStillPassesTheCDASchema() throws {
        var document = try CDATestSupport.corpusDocument("cda/cda-core-2.0/SampleCDADocument.xml")
        #expect(document.template == nil)
        #expect(!document.isChineseProfile)
        #expect(document.sections.count > 3)
        document.title = "Edited consultation note"
        document.patient?.birthTime = TS("19541125")
        document.effectiveTime = TS("20000407130000+0500")
        let schema = try #require(CDATestSupport.cdaSchema)
        let issues = schema.validate(document.serialized())
        #expect(!issues.containsErrors, "\(issues.prefix(3))")
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func readsNonXMLBody() throws {
        let document = try CDATestSupport.corpusDocument("cda/c-cda-examples/CDA_with_Embedded_PDF.xml")
        let body = try #require(document.nonXMLBody)
        #expect(body.mediaType == "application/pdf")
        #expect(body.representation == "B64")
        #expect((body.content?.count ?? 0) > 1000)
    }
}

@Suite("Generic CDA built through the views")
struct GenericCDABuildTests {
    /// A plain CDA R2 document built property by property, in no particular order: the views place each
    /// element where the schema wants it, and the result passes the normative CDA schema.
    @Test func documentBuiltThroughViewsPassesTheCDASchema() throws {
        var document = ClinicalDocument(
            element: XMLElement(
                "ClinicalDocument", namespaceURI: CDA.namespace,
                namespaceDeclarations: [XMLNamespaceDeclaration(prefix: nil, uri: CDA.namespace)]))
        document.title = "Consultation note"
        document.effectiveTime = TS("20261120093000+0800")
        document.code = CD(code: "11488-4", codeSystem: CDA.loinc, codeSystemName: "LOINC", displayName: "Consult note")
        document.id = II(root: "2.16.840.1.113883.19.4", extension: "c266")
        document.typeId = II(root: CDA.typeIdRoot, extension: CDA.typeIdExtension)
        document.confidentialityCode = CD(code: "N", codeSystem: "2.16.840.1.113883.5.25")
        document.languageCode = "en-US"
        var patient = CDAPatient(element: CDA.element("patient"))
        patient.names = [PN(parts: [.init("given", "Henry"), .init("family", "Levin")])]
        patient.birthTime = TS("19320924")
        patient.administrativeGender = CD(code: "M", codeSystem: "2.16.840.1.113883.5.1")
        document.patient = patient
        var role = try #require(document.patientRole)
        role.ids = [II(root: "2.16.840.1.113883.19.5", extension: "12345")]
        document.patientRole = role
        var author = CDAAuthor(element: CDA.element("author"))
        var assigned = CDAAssignedEntity(element: CDA.element("assignedAuthor"))
        assigned.personName = "Robert Dolin"
        assigned.ids = [II(root: "2.16.840.1.113883.19.5", extension: "KP00017")]
        author.assignedAuthor = assigned
        author.time = TS("20261120")
        document.authors = [author]
        var custodianOrganization = CDAOrganization(element: CDA.element("representedCustodianOrganization"))
        custodianOrganization.ids = [II(root: "2.16.840.1.113883.19.5")]
        custodianOrganization.name = "Good Health Clinic"
        var assignedCustodian = CDA.element("assignedCustodian")
        assignedCustodian.children = [.element(custodianOrganization.element)]
        document.custodian = CDACustodian(element: XMLElement("custodian", children: [.element(assignedCustodian)]))
        var section = CDASection(
            code: CD(code: "10164-2", codeSystem: CDA.loinc, displayName: "History of present illness"),
            title: "History of present illness")
        var narrative = CDA.element("text")
        narrative.text = "Henry Levin is a 74 year old male."
        section.narrative = narrative
        section.append(
            .observation(
                code: CD(code: "8480-6", codeSystem: CDA.loinc, displayName: "Systolic blood pressure"),
                value: .quantity(PQ(value: "132", unit: "mm[Hg]"))))
        document.sections = [section]

        #expect(document.patient?.name == "Henry Levin")
        #expect(document.custodian?.name == "Good Health Clinic")
        let bytes = document.serialized()
        let again = try ClinicalDocument(parsing: bytes)
        #expect(again.sections.first?.entries.first?.statement?.value == .quantity(PQ(value: "132", unit: "mm[Hg]")))
        if let schema = CDATestSupport.cdaSchema {
            let issues = schema.validate(bytes)
            #expect(!issues.containsErrors, "\(issues.prefix(3))")
        }
    }
}
