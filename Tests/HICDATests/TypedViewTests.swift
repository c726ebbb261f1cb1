import HICDA
import HICore
import HITestSupport
import HIXML
import Testing

@Suite("Typed document views")
struct TypedViewTests {
    static func sample(_ name: String) throws -> ClinicalDocument {
        let file = try #require(try SampleFiles.list("cda", extensions: ["xml"]).first { $0.name == name })
        return try ClinicalDocument(parsing: file.bytes())
    }

    /// Writes a typed view, validates it against the national schema, reads it back and returns it.
    static func rebuilt<View: WSTypedDocument>(_ view: View) throws -> View {
        let document = try view.makeDocument()
        let bytes = document.serialized()
        if let schema = CDATestSupport.nationalSchema {
            let issues = schema.validate(bytes)
            #expect(!issues.containsErrors, "\(View.self): \(issues.prefix(3))")
        }
        return try View(document: ClinicalDocument(parsing: bytes))
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusLabReportExposesEveryResult() throws {
        let document = try CDATestSupport.corpusDocument("cn/hl7v3-lis/jh0421-lab-report-cda.xml")
        let report = try WSLabReport(document: document)
        #expect(report.header.patientName == "贾小明")
        #expect(report.header.effectiveTime == "20121024154823")
        #expect(document.patient?.age == PQ(value: "24", unit: "岁"))
        #expect(document.patientRole?.patientType?.displayName == "门诊")
        #expect(report.results.count == 5)
        let first = try #require(report.results.first)
        #expect(first.itemName == "血细胞压积")
        #expect(first.valueText == "5.00")
        #expect(first.unit == "10*12/L")
        #expect(
            first.referenceRange
                == WSReferenceRange(
                    text: "大于14，小于19", low: PQ(value: "39.0", unit: "%"), high: PQ(value: "55.0", unit: "%")))
        #expect(first.interpretation?.displayName == "偏高")
        #expect(first.time == "20090415144550")
        let second = report.results[1]
        #expect(second.itemName == "平均红细胞体积")
        #expect(second.valueText == "90.0")
        #expect(second.unit == "fl")
        #expect(second.referenceRange?.low == PQ(value: "79.0", unit: "fl"))
        #expect(second.referenceRange?.high == PQ(value: "96.0", unit: "fl"))
        #expect(report.results[2].value == .string("100%,TTP=1.16天"))
        #expect(report.results[3].unit == "mm")
        #expect(report.results[4].valueText == "阴性")
    }

    @Test func sampleLabReportReadsAndRebuilds() throws {
        let report = try WSLabReport(document: Self.sample("wst500-27-lab-report.xml"))
        #expect(report.header.patientName == "姚建军")
        #expect(report.header.residentID == "330521198506123019")
        #expect(report.diagnosisCode?.code == "J18.900")
        let wbc = try #require(report.results.first { $0.item?.code == "6690-2" })
        #expect(wbc.itemName == "白细胞计数")
        #expect(wbc.value == .quantity(PQ(value: "12.6", unit: "10*9/L")))
        #expect(wbc.interpretation?.code == "H")
        #expect(wbc.referenceRange?.text == "3.5～9.5")
        #expect(wbc.referenceRange?.low == PQ(value: "3.5", unit: "10*9/L"))
        #expect(report.results.count >= 8)
        let again = try Self.rebuilt(report)
        #expect(again.results == report.results)
        #expect(again.header.residentID == report.header.residentID)
        #expect(again.diagnosisCode == report.diagnosisCode)
    }

    @Test func hypertensionFollowUpSample() throws {
        let view = try WSHypertensionFollowUp(document: Self.sample("wst483-12-hypertension-followup.xml"))
        #expect(view.header.patientName == "储光明")
        #expect(view.header.residentID == "341525195804172032")
        #expect(view.systolic == PQ(value: "138", unit: "mmHg"))
        #expect(view.diastolic == PQ(value: "86", unit: "mmHg"))
        #expect(view.followUpMethod?.displayName == "门诊")
        #expect(view.followUpDate == "20261120")
        var changed = view
        changed.systolic = PQ(value: "132", unit: "mmHg")
        let again = try Self.rebuilt(changed)
        #expect(again.systolic == PQ(value: "132", unit: "mmHg"))
        #expect(again.diastolic == view.diastolic)
        #expect(again.heartRate == view.heartRate)
    }

    @Test func diabetesFollowUpSample() throws {
        let view = try WSDiabetesFollowUp(document: Self.sample("wst483-13-diabetes-followup.xml"))
        #expect(view.header.patientName == "汪秀兰")
        #expect(view.header.residentID == "341525196209231063")
        #expect(view.header.sex?.code == "2")
        #expect(view.fastingGlucose == PQ(value: "7.8", unit: "mmol/L"))
        #expect(view.hba1c?.value == "7.4")
        #expect(view.systolic == PQ(value: "132", unit: "mmHg"))
        #expect(view.followUpMethod?.displayName == "家庭")
        let again = try Self.rebuilt(view)
        #expect(again.fastingGlucose == view.fastingGlucose)
        #expect(again.hba1c == view.hba1c)
    }

    @Test func adultHealthCheckupSample() throws {
        let view = try WSAdultHealthCheckup(document: Self.sample("wst483-16-adult-health-checkup.xml"))
        #expect(view.header.patientName == "储光明")
        #expect(view.temperature == PQ(value: "36.6", unit: "℃"))
        #expect(view.systolic?.value == "146")
        #expect(view.waist == PQ(value: "91", unit: "cm"))
        let again = try Self.rebuilt(view)
        #expect(again.temperature == view.temperature)
        #expect(again.waist == view.waist)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusAdultHealthCheckup() throws {
        let view = try WSAdultHealthCheckup(
            document: CDATestSupport.corpusDocument("cn/cda-wst483/wst483-16-adult-health-checkup.xml"))
        #expect(view.temperature == PQ(value: "36.5", unit: "℃"))
        #expect(view.respiratoryRate == PQ(value: "15", unit: "次/min"))
        #expect(view.waist == PQ(value: "80.0", unit: "cm"))
        #expect(view.header.patientName == "王小二")
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusPersonalBasicHealthInfo() throws {
        let view = try WSPersonalBasicHealthInfo(
            document: CDATestSupport.corpusDocument("cn/cda-wst483/wst483-01-personal-basic-health-info.xml"))
        #expect(view.header.patientName == "王小二")
        #expect(view.header.residentID == "420106196303129995")
        #expect(view.header.occupation?.code == "Y")
        #expect(view.header.effectiveTime == "20200803")
        let again = try Self.rebuilt(view)
        #expect(again.header.residentID == "420106196303129995")
        #expect(again.header.educationLevel?.code == "60")
        #expect(again.header.householdRegistered == true)
    }

    @Test func personalBasicHealthInfoSample() throws {
        let view = try WSPersonalBasicHealthInfo(document: Self.sample("wst483-01-personal-basic-info.xml"))
        #expect(view.header.patientName == "储光明")
        #expect(view.aboBloodType?.displayName == "A型")
        #expect(view.header.nationality != nil)
        let again = try Self.rebuilt(view)
        #expect(again.aboBloodType == view.aboBloodType)
    }

    @Test func referralSample() throws {
        let view = try WSReferralRecord(document: Self.sample("wst483-20-referral.xml"))
        #expect(view.header.residentID == "341525195804172032")
        #expect(view.diagnosisCode?.code == "I10.x00")
        #expect(view.receivingOrganization == "霍山县医院")
        #expect(view.receivingDepartment == "心血管内科")
        #expect(view.reason?.hasPrefix("血压控制不佳") == true)
        let again = try Self.rebuilt(view)
        #expect(again.reason == view.reason)
        #expect(again.receivingOrganization == "霍山县医院")
    }

    @Test func outpatientRecordSample() throws {
        let view = try WSOutpatientRecord(document: Self.sample("wst500-22-outpatient-record.xml"))
        #expect(view.header.patientName == "姚建军")
        #expect(view.chiefComplaint == "咳嗽、咳痰伴发热3天")
        #expect(view.temperature == PQ(value: "38.4", unit: "℃"))
        #expect(view.diagnosisCode?.code == "J18.900")
        #expect(view.diagnosisCode?.displayName == "社区获得性肺炎")
        let again = try Self.rebuilt(view)
        #expect(again.chiefComplaint == view.chiefComplaint)
        #expect(again.diagnosisCode == view.diagnosisCode)
    }

    @Test func examReportSample() throws {
        let view = try WSExamReport(document: Self.sample("wst500-26-exam-report.xml"))
        #expect(view.header.residentID == "330521198506123019")
        #expect(view.findings?.hasPrefix("右肺下叶背段") == true)
        #expect(view.impression?.hasPrefix("右肺下叶炎症") == true)
        #expect(view.reportOrganization == "德清县人民医院")
        #expect(view.reportNumber == "CT20261118-0086")
        let again = try Self.rebuilt(view)
        #expect(again.findings == view.findings)
        #expect(again.impression == view.impression)
    }

    @Test func typedViewsBuiltFromScratchPassTheSchema() throws {
        var lab = WSLabReport(header: CDATestSupport.sampleHeader())
        lab.reportNumber = "L20261120001"
        lab.method = "速率法"
        lab.results = [
            WSLabResult(
                item: CD(code: "14749-6", codeSystem: CDA.loinc, codeSystemName: "LOINC", displayName: "葡萄糖"),
                value: .quantity(PQ(value: "5.4", unit: "mmol/L")),
                referenceRange: WSReferenceRange(
                    text: "3.9～6.1", low: PQ(value: "3.9", unit: "mmol/L"), high: PQ(value: "6.1", unit: "mmol/L")),
                interpretation: CD(code: "N", codeSystem: "2.16.840.1.113883.5.83", displayName: "正常"),
                time: "20261120100500")
        ]
        let again = try Self.rebuilt(lab)
        #expect(again.results == lab.results)
        #expect(again.reportNumber == "L20261120001")
        #expect(again.method == "速率法")

        var followUp = WSHypertensionFollowUp(header: CDATestSupport.sampleHeader())
        followUp.systolic = PQ(value: "150", unit: "mmHg")
        followUp.diastolic = PQ(value: "95", unit: "mmHg")
        followUp.followUpMethod = CD(code: "1", codeSystem: "2.16.156.10011.2.3.1.183", displayName: "门诊")
        let rebuiltFollowUp = try Self.rebuilt(followUp)
        #expect(rebuiltFollowUp.systolic == followUp.systolic)
        #expect(rebuiltFollowUp.header.patientName == "测试者")

        var referral = WSReferralRecord(header: CDATestSupport.sampleHeader())
        referral.reason = "需上级医院诊治"
        referral.receivingOrganization = "某县医院"
        #expect(try Self.rebuilt(referral).reason == "需上级医院诊治")
    }

    @Test func wrongTemplateIsRefused() throws {
        let document = try Self.sample("wst483-12-hypertension-followup.xml")
        let error = #expect(throws: CDAError.self) { try WSLabReport(document: document) }
        #expect(error?.code == .wrongTemplate)
        #expect(throws: CDAError.self) { try WSDiabetesFollowUp(document: document) }
    }
}

@Suite("Clinical statements")
struct ClinicalStatementTests {
    @Test func readsMedicationOrders() throws {
        let file = try #require(try SampleFiles.list("cda").first { $0.name == "wst500-22-outpatient-record.xml" })
        let document = try ClinicalDocument(parsing: file.bytes())
        let orders = document.allSections.flatMap(\.entries).compactMap(\.statement).filter {
            $0.kind == "substanceAdministration"
        }
        #expect(orders.count == 2)
        let first = try #require(orders.first)
        #expect(first.drug?.displayName == "阿莫西林克拉维酸钾片")
        #expect(first.doseQuantity?.low == PQ(value: "0.625", unit: "g"))
        #expect(first.routeCode?.displayName == "口服")
        #expect(first.moodCode == "INT")
        #expect(first.effectiveTime?.low?.value == "20261118")
        #expect(first.relatedStatements.first?.statement.value == .string("0.625g×12片"))
    }
}

/// Any national document read into a ``WSDocument`` and written again keeps its data elements and header,
/// and the written document passes the national schema.
@Suite("WSDocument round trip")
struct WSDocumentRoundTripTests {
    static let documents: [SampleFile] =
        ((try? SampleFiles.list("cda", extensions: ["xml"])) ?? []).filter { !$0.name.hasPrefix("invalid/") }
        + SharedCorpus.files("cn/cda-wst483", extensions: ["xml"])

    @Test(arguments: documents)
    func rebuildKeepsDataElementsAndPassesTheSchema(_ file: SampleFile) throws {
        let original = WSDocument(document: try ClinicalDocument(parsing: file.bytes()))
        #expect(original.template != nil)
        let document = try original.makeDocument()
        if let schema = CDATestSupport.nationalSchema {
            let issues = schema.validate(document.serialized())
            #expect(!issues.containsErrors, "\(file.name): \(issues.prefix(3))")
        }
        let again = WSDocument(document: try ClinicalDocument(parsing: document.serialized()))
        #expect(again.allItems.map(\.id) == original.allItems.map(\.id), "\(file.name)")
        #expect(again.allItems.map(\.value) == original.allItems.map(\.value), "\(file.name)")
        #expect(again.header.patientName == original.header.patientName)
        #expect(again.header.residentID == original.header.residentID)
        #expect(again.header.effectiveTime == original.header.effectiveTime)
        #expect(again.header.patientIDs == original.header.patientIDs)
        #expect(again.header.sex == original.header.sex)
    }
}

@Suite("Typed view dispatch")
struct TypedViewDispatchTests {
    @Test func typedViewsCoverTheEightTypedTemplates() {
        #expect(Set(WSTypedView.typedTemplateIds) == Set(CDADocumentTemplate.typed.map(\.templateId)))
    }

    @Test func samplesPickTheirTypedView() throws {
        for file in try SampleFiles.list("cda", extensions: ["xml"]) where !file.name.hasPrefix("invalid/") {
            let view = WSTypedView(document: try ClinicalDocument(parsing: file.bytes()))
            switch view {
            case .national, .generic: Issue.record("\(file.name) has no typed view")
            default: break
            }
        }
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func unknownTemplatesAreGeneric() throws {
        let document = try CDATestSupport.corpusDocument("cda/cda-core-2.0/SampleCDADocument.xml")
        #expect(WSTypedView(document: document) == .generic(document))
    }
}

@Suite("Pretty-printed documents")
struct PrettyPrintedDocumentTests {
    @Test func prettyPrintingKeepsTheValues() throws {
        let file = try #require(try SampleFiles.list("cda").first { $0.name == "wst500-27-lab-report.xml" })
        let document = try ClinicalDocument(parsing: file.bytes())
        var options = XMLWritingOptions()
        options.indentation = .pretty(spaces: 2)
        let pretty = try ClinicalDocument(parsing: document.serialized(options: options))
        #expect(try WSLabReport(document: pretty).results == WSLabReport(document: document).results)
        #expect(pretty.dataElements.map(\.value) == document.dataElements.map(\.value))
        let built = try WSLabReport(document: document).makeDocument()
        let prettyBuilt = try built.serialized(options: options)
        if let schema = CDATestSupport.nationalSchema {
            #expect(!schema.validate(prettyBuilt).containsErrors)
        }
    }
}

@Suite("Encodings")
struct CDAEncodingTests {
    /// A GB18030 document reads into the same typed view as its UTF-8 original and is written back in
    /// GB18030.
    @Test func gb18030DocumentReadsAndWritesBack() throws {
        let file = try #require(try SampleFiles.list("cda").first { $0.name == "wst483-13-diabetes-followup.xml" })
        let utf8 = try file.bytes()
        let text = String(decoding: utf8, as: UTF8.self)
        guard let range = text.range(of: #"encoding="UTF-8""#) else {
            Issue.record("sample has no UTF-8 declaration")
            return
        }
        let gb = try Charset.gb18030.encode(text.replacingCharacters(in: range, with: #"encoding="GB18030""#))
        let document = try ClinicalDocument(parsing: gb)
        #expect(document.xml.declaration?.encoding == "GB18030")
        let view = try WSDiabetesFollowUp(document: document)
        #expect(view == (try WSDiabetesFollowUp(document: ClinicalDocument(parsing: utf8))))
        #expect(view.header.patientName == "汪秀兰")
        let written = document.serialized()
        #expect(written.starts(with: Array(#"<?xml version="1.0" encoding="GB18030"?>"#.utf8)))
        #expect(try ClinicalDocument(parsing: written) == document)
    }
}
