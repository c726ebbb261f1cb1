import HICDA
import HITestSupport
import Testing

@Suite("CDATemplateRegistry")
struct TemplateRegistryTests {
    @Test func countsPerStandard() {
        #expect(CDATemplateRegistry.templates(in: .wst500).count == 53)
        #expect(CDATemplateRegistry.templates(in: .wst483).count == 20)
        #expect(CDATemplateRegistry.all.count == 73)
        for standard in CDADocumentStandard.allCases {
            #expect(CDATemplateRegistry.templates(in: standard).count == standard.partCount)
        }
    }

    @Test func idsAndCodesAreUnique() {
        let ids = CDATemplateRegistry.all.map(\.templateId)
        #expect(Set(ids).count == ids.count)
        let codes = CDATemplateRegistry.all.map(\.documentTypeCode)
        #expect(Set(codes).count == codes.count)
    }

    @Test(arguments: CDADocumentStandard.allCases)
    func partsAreConsecutiveAndIdsFollowTheArcRule(_ standard: CDADocumentStandard) {
        for (index, template) in CDATemplateRegistry.templates(in: standard).enumerated() {
            #expect(template.standard == standard)
            #expect(template.part == index + 1)
            #expect(template.templateId == "2.16.156.10011.2.1.1.\(index + 1 + standard.templateArcOffset)")
            #expect(CDATemplateRegistry.template(forId: template.templateId) == template)
            #expect(CDATemplateRegistry.template(forDocumentTypeCode: template.documentTypeCode) == template)
            #expect(CDATemplateRegistry.template(part: template.part, of: standard) == template)
            #expect(!template.title.isEmpty)
            #expect(template.englishTitle?.isEmpty == false)
        }
    }

    @Test(arguments: [
        ("2.16.156.10011.2.1.1.27", CDADocumentStandard.wst500, 7, "C0007", "检验报告"),
        ("2.16.156.10011.2.1.1.26", .wst500, 6, "C0006", "检查报告"),
        ("2.16.156.10011.2.1.1.22", .wst500, 2, "C0002", "门(急)诊病历"),
        ("2.16.156.10011.2.1.1.21", .wst500, 1, "C0001", "病历概要"),
        ("2.16.156.10011.2.1.1.73", .wst500, 53, "C0053", "出院小结"),
        ("2.16.156.10011.2.1.1.1", .wst483, 1, "HSDA00.01", "个人基本健康信息登记"),
        ("2.16.156.10011.2.1.1.12", .wst483, 12, "HSDB04.01", "高血压患者随访服务"),
        ("2.16.156.10011.2.1.1.13", .wst483, 13, "HSDB04.02", "2型糖尿病患者随访服务"),
        ("2.16.156.10011.2.1.1.16", .wst483, 16, "HSDC00.01", "成人健康体检"),
        ("2.16.156.10011.2.1.1.20", .wst483, 20, "HSDC00.05", "转诊（院）记录"),
    ])
    func knownEntries(id: String, standard: CDADocumentStandard, part: Int, code: String, title: String) throws {
        let template = try #require(CDATemplateRegistry.template(forId: id))
        #expect(template.standard == standard)
        #expect(template.part == part)
        #expect(template.documentTypeCode == code)
        #expect(template.title == title)
        #expect(template.partDesignation == "\(standard.rawValue).\(part)")
    }

    @Test func descriptionNamesPartTitleCodeAndId() throws {
        let lab = try #require(CDATemplateRegistry.template(forId: "2.16.156.10011.2.1.1.27"))
        #expect(lab.description == "WS/T 500.7 检验报告 (C0007, 2.16.156.10011.2.1.1.27)")
        #expect(lab.englishTitle == "Laboratory test report")
    }

    @Test func unknownIdsAndPartsAreNil() {
        #expect(CDATemplateRegistry.template(forId: "2.16.156.10011.2.1.1.74") == nil)
        #expect(CDATemplateRegistry.template(forId: "2.16.156.10011.2.1.1.0") == nil)
        #expect(CDATemplateRegistry.template(forId: "2.16.840.1.113883.10.20.22.1.1") == nil)
        #expect(CDATemplateRegistry.template(forId: "") == nil)
        #expect(CDATemplateRegistry.template(forDocumentTypeCode: "C0054") == nil)
        #expect(CDATemplateRegistry.template(part: 0, of: .wst500) == nil)
        #expect(CDATemplateRegistry.template(part: 21, of: .wst483) == nil)
        #expect(CDATemplateRegistry.template(part: 54, of: .wst500) == nil)
    }

    @Test func surroundingSpacesAreIgnored() {
        #expect(CDATemplateRegistry.template(forId: " 2.16.156.10011.2.1.1.13\n")?.part == 13)
        #expect(CDATemplateRegistry.template(forDocumentTypeCode: " C0007 ")?.part == 7)
    }

    @Test func firstNationalTemplateAmongSeveral() {
        let ids = ["1.3.6.1.4.1.19376.1.3.3", "2.16.156.10011.2.1.1.27", "2.16.156.10011.2.1.1.1"]
        #expect(CDATemplateRegistry.template(forIds: ids)?.templateId == "2.16.156.10011.2.1.1.27")
        #expect(CDATemplateRegistry.template(forIds: ["1.2.3"]) == nil)
    }

    @Test func titlesMatchWithEitherParenthesisWidth() {
        #expect(CDATemplateRegistry.templates(titled: "门（急）诊病历").map(\.templateId) == ["2.16.156.10011.2.1.1.22"])
        #expect(CDATemplateRegistry.templates(titled: "转诊(院)记录").map(\.templateId) == ["2.16.156.10011.2.1.1.20"])
        #expect(CDATemplateRegistry.templates(titled: " 检验报告 ").map(\.part) == [7])
        #expect(CDATemplateRegistry.templates(titled: "不存在的文档").isEmpty)
    }

    @Test func consultationRecordTitleIsInBothStandards() {
        let matches = CDATemplateRegistry.templates(titled: "会诊记录")
        #expect(matches.map(\.partDesignation) == ["WS/T 500.45", "WS/T 483.19"])
        #expect(CDATemplateRegistry.template(titled: "会诊记录", in: .wst500)?.templateId == "2.16.156.10011.2.1.1.65")
        #expect(CDATemplateRegistry.template(titled: "会诊记录", in: .wst483)?.templateId == "2.16.156.10011.2.1.1.19")
    }

    @Test func otherTitlesAreUniqueWithinAndAcrossStandards() {
        var seen: [String: Int] = [:]
        for template in CDATemplateRegistry.all { seen[template.title, default: 0] += 1 }
        #expect(seen.filter { $0.value > 1 }.map(\.key) == ["会诊记录"])
    }

    @Test func standardNames() {
        #expect(CDADocumentStandard.wst500.title == "电子病历共享文档规范")
        #expect(CDADocumentStandard.wst483.title == "健康档案共享文档规范")
        #expect(CDADocumentStandard.wst483.description == "WS/T 483")
        #expect(CDADocumentTemplate.documentTypeCodeSystem == "2.16.156.10011.2.4")
    }

    @Test func wellKnownTemplatesPointAtTheirEntries() {
        let expected: [(CDADocumentTemplate, String, String)] = [
            (.labReport, "2.16.156.10011.2.1.1.27", "检验报告"),
            (.examinationReport, "2.16.156.10011.2.1.1.26", "检查报告"),
            (.outpatientRecord, "2.16.156.10011.2.1.1.22", "门(急)诊病历"),
            (.personalBasicHealthInformation, "2.16.156.10011.2.1.1.1", "个人基本健康信息登记"),
            (.hypertensionFollowUp, "2.16.156.10011.2.1.1.12", "高血压患者随访服务"),
            (.type2DiabetesFollowUp, "2.16.156.10011.2.1.1.13", "2型糖尿病患者随访服务"),
            (.adultHealthExamination, "2.16.156.10011.2.1.1.16", "成人健康体检"),
            (.referral, "2.16.156.10011.2.1.1.20", "转诊（院）记录"),
        ]
        for (template, id, title) in expected {
            #expect(template.templateId == id)
            #expect(template.title == title)
            #expect(CDATemplateRegistry.template(forId: id) == template)
        }
        #expect(CDADocumentTemplate.typed == expected.map(\.0))
    }

    @Test(.enabled(if: SharedCorpus.isPresent, Comment(rawValue: SharedCorpus.skipMessage)))
    func matchesTheCorpusDocumentTable() throws {
        let rows = try SharedCorpus.index("cn/mappings/wst500-documents.tsv")
        #expect(rows.count == 53)
        for row in rows {
            let id = try #require(row["templateId"])
            let template = try #require(CDATemplateRegistry.template(forId: id), "templateId \(id)")
            #expect(template.partDesignation == row["part"], "\(id)")
            #expect(template.documentTypeCode == row["document_type_code"], "\(id)")
            #expect(template.title == row["title"], "\(id)")
        }
    }
}
