// The national shared-document templates: WS/T 500-2016 (electronic medical records, 53 parts) and
// WS/T 483-2016 (residents' health records, 20 parts). Only the Swift standard library is used here.

/// The national standard a Chinese CDA document template belongs to.
///
/// WS/T 500 (电子病历共享文档规范) defines the hospital EMR documents, WS/T 483 (健康档案共享文档规范)
/// the primary-care health-record documents. Both put their templates under `2.16.156.10011.2.1.1`:
/// WS/T 483 part N is `.N`, WS/T 500 part N is `.(20 + N)`.
///
/// ```swift
/// let standard = CDADocumentStandard.wst500
/// print(standard.designation, standard.title)   // WS/T 500 电子病历共享文档规范
/// ```
public enum CDADocumentStandard: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// WS/T 500-2016 电子病历共享文档规范 (shared documents of the electronic medical record).
    case wst500 = "WS/T 500"
    /// WS/T 483-2016 健康档案共享文档规范 (shared documents of the resident health record).
    case wst483 = "WS/T 483"

    /// The standard's number, e.g. `WS/T 500`.
    public var designation: String { rawValue }

    /// The standard's Chinese title, e.g. `电子病历共享文档规范`.
    public var title: String {
        switch self {
        case .wst500: "电子病历共享文档规范"
        case .wst483: "健康档案共享文档规范"
        }
    }

    /// The standard's English title.
    public var englishTitle: String {
        switch self {
        case .wst500: "Shared document specification for electronic medical records"
        case .wst483: "Shared document specification for health records"
        }
    }

    /// The number of parts (document templates) the standard defines: 53 for WS/T 500, 20 for WS/T 483.
    public var partCount: Int {
        switch self {
        case .wst500: 53
        case .wst483: 20
        }
    }

    /// What is added to a part number to get the last arc of its templateId (20 for WS/T 500, 0 for WS/T 483).
    public var templateArcOffset: Int {
        switch self {
        case .wst500: 20
        case .wst483: 0
        }
    }

    public var description: String { rawValue }
}

/// One national shared-document template: its templateId, standard and part, document type code and title.
///
/// A Chinese CDA document names its template in `ClinicalDocument/templateId/@root` and its document type in
/// `ClinicalDocument/code/@code` (code system ``CDADocumentTemplate/documentTypeCodeSystem``). Look templates up
/// with ``CDATemplateRegistry``.
///
/// ```swift
/// let lab = CDATemplateRegistry.template(forId: "2.16.156.10011.2.1.1.27")!
/// print(lab.title, lab.documentTypeCode, lab.partDesignation)   // 检验报告 C0007 WS/T 500.7
/// ```
public struct CDADocumentTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The template OID, e.g. `2.16.156.10011.2.1.1.27`.
    public let templateId: String
    /// The standard that defines the template.
    public let standard: CDADocumentStandard
    /// The part of the standard, e.g. 7 for WS/T 500.7.
    public let part: Int
    /// The document type code (`ClinicalDocument/code/@code`), e.g. `C0007` or `HSDB04.01`.
    public let documentTypeCode: String
    /// The Chinese title the standard gives the document, e.g. `检验报告`.
    public let title: String
    /// An English rendering of the title (the project's own translation), e.g. `Laboratory test report`.
    public let englishTitle: String?

    /// The code system of document type codes: `2.16.156.10011.2.4` (卫生信息共享文档规范编码体系).
    public static let documentTypeCodeSystem = "2.16.156.10011.2.4"
    /// The display name of ``documentTypeCodeSystem``.
    public static let documentTypeCodeSystemName = "卫生信息共享文档规范编码体系"
    /// The arc under which both standards put their templateIds: `2.16.156.10011.2.1.1`.
    public static let templateIdPrefix = "2.16.156.10011.2.1.1"

    /// Creates a template description.
    ///
    /// - Parameters:
    ///   - templateId: the template OID.
    ///   - standard: the standard defining it.
    ///   - part: the part number within the standard.
    ///   - documentTypeCode: the document type code in ``documentTypeCodeSystem``.
    ///   - title: the Chinese title.
    ///   - englishTitle: an English title, if known.
    ///
    /// ```swift
    /// let local = CDADocumentTemplate(
    ///     templateId: "2.16.156.10011.2.1.1.27", standard: .wst500, part: 7,
    ///     documentTypeCode: "C0007", title: "检验报告", englishTitle: "Laboratory test report")
    /// ```
    public init(
        templateId: String, standard: CDADocumentStandard, part: Int, documentTypeCode: String, title: String,
        englishTitle: String? = nil
    ) {
        self.templateId = templateId
        self.standard = standard
        self.part = part
        self.documentTypeCode = documentTypeCode
        self.title = title
        self.englishTitle = englishTitle
    }

    /// The part's designation, e.g. `WS/T 500.7` or `WS/T 483.12`.
    public var partDesignation: String { "\(standard.designation).\(part)" }

    public var description: String { "\(partDesignation) \(title) (\(documentTypeCode), \(templateId))" }
}

/// The registry of all national shared-document templates: the 53 WS/T 500 and the 20 WS/T 483 documents.
///
/// Documents are recognized by templateId (``template(forId:)``), by document type code
/// (``template(forDocumentTypeCode:)``) or by title (``templates(titled:)``; `会诊记录` is both WS/T 500.45 and
/// WS/T 483.19, so a title alone can be ambiguous). The tables are immutable values.
///
/// ```swift
/// if let template = CDATemplateRegistry.template(forId: "2.16.156.10011.2.1.1.12") {
///     print(template.title)                                  // 高血压患者随访服务
/// }
/// let followUps = CDATemplateRegistry.templates(in: .wst483).filter { $0.title.hasSuffix("随访服务") }
/// let consult = CDATemplateRegistry.template(titled: "会诊记录", in: .wst500)   // WS/T 500.45
/// ```
public enum CDATemplateRegistry {
    /// Every known template: WS/T 500 parts 1…53, then WS/T 483 parts 1…20.
    public static let all: [CDADocumentTemplate] = wst500Templates + wst483Templates

    private static let byId: [String: CDADocumentTemplate] = {
        var table: [String: CDADocumentTemplate] = [:]
        for template in all { table[template.templateId] = template }
        return table
    }()

    private static let byCode: [String: CDADocumentTemplate] = {
        var table: [String: CDADocumentTemplate] = [:]
        for template in all { table[template.documentTypeCode] = template }
        return table
    }()

    /// The template with this templateId (`ClinicalDocument/templateId/@root`), or `nil` when it is not a
    /// national shared-document template. Surrounding spaces are ignored.
    ///
    /// - Parameter templateId: an OID such as `2.16.156.10011.2.1.1.27`.
    /// - Returns: the template, or `nil`.
    ///
    /// ```swift
    /// CDATemplateRegistry.template(forId: "2.16.156.10011.2.1.1.22")?.title   // "门(急)诊病历"
    /// ```
    public static func template(forId templateId: String) -> CDADocumentTemplate? {
        if let template = byId[templateId] { return template }
        let trimmed = trimmingSpaces(templateId)
        return trimmed == templateId ? nil : byId[trimmed]
    }

    /// The first national template among several templateIds, as a document lists them (a document may carry
    /// vendor or IHE templateIds beside the national one).
    ///
    /// - Parameter templateIds: the `templateId/@root` values in document order.
    /// - Returns: the first one that is a national template, or `nil`.
    ///
    /// ```swift
    /// CDATemplateRegistry.template(forIds: ["1.3.6.1.4.1.19376.1.3.3", "2.16.156.10011.2.1.1.27"])?.part   // 7
    /// ```
    public static func template(forIds templateIds: some Sequence<String>) -> CDADocumentTemplate? {
        for templateId in templateIds {
            if let template = template(forId: templateId) { return template }
        }
        return nil
    }

    /// The template with this document type code (`ClinicalDocument/code/@code` in `2.16.156.10011.2.4`).
    ///
    /// - Parameter code: a code such as `C0007` or `HSDA00.01`.
    /// - Returns: the template, or `nil`.
    ///
    /// ```swift
    /// CDATemplateRegistry.template(forDocumentTypeCode: "HSDC00.01")?.title   // "成人健康体检"
    /// ```
    public static func template(forDocumentTypeCode code: String) -> CDADocumentTemplate? {
        byCode[trimmingSpaces(code)]
    }

    /// All templates of one standard, in part order.
    ///
    /// - Parameter standard: `.wst500` or `.wst483`.
    /// - Returns: 53 templates for WS/T 500, 20 for WS/T 483.
    ///
    /// ```swift
    /// CDATemplateRegistry.templates(in: .wst483).count   // 20
    /// ```
    public static func templates(in standard: CDADocumentStandard) -> [CDADocumentTemplate] {
        switch standard {
        case .wst500: wst500Templates
        case .wst483: wst483Templates
        }
    }

    /// The template for one part of a standard.
    ///
    /// - Parameters:
    ///   - part: the part number (1…53 for WS/T 500, 1…20 for WS/T 483).
    ///   - standard: the standard.
    /// - Returns: the template, or `nil` when the part does not exist.
    ///
    /// ```swift
    /// CDATemplateRegistry.template(part: 20, of: .wst483)?.templateId   // "2.16.156.10011.2.1.1.20"
    /// ```
    public static func template(part: Int, of standard: CDADocumentStandard) -> CDADocumentTemplate? {
        let list = templates(in: standard)
        guard part >= 1, part <= list.count else { return nil }
        return list[part - 1]
    }

    /// The templates whose title matches `title`: surrounding spaces are ignored and full-width parentheses
    /// `（）` match ASCII `()`, as documents write `转诊（院）记录` and `门(急)诊病历` both ways.
    ///
    /// - Parameter title: a document title such as `ClinicalDocument/title`.
    /// - Returns: the matching templates (usually one; two for `会诊记录`), in registry order.
    ///
    /// ```swift
    /// CDATemplateRegistry.templates(titled: "门（急）诊病历").map(\.templateId)   // ["2.16.156.10011.2.1.1.22"]
    /// ```
    public static func templates(titled title: String) -> [CDADocumentTemplate] {
        let key = normalizedTitle(title)
        return all.filter { normalizedTitle($0.title) == key }
    }

    /// The template of one standard whose title matches `title` (see ``templates(titled:)``).
    ///
    /// - Parameters:
    ///   - title: a document title.
    ///   - standard: the standard to look in.
    /// - Returns: the template, or `nil`.
    ///
    /// ```swift
    /// CDATemplateRegistry.template(titled: "会诊记录", in: .wst483)?.part   // 19
    /// ```
    public static func template(titled title: String, in standard: CDADocumentStandard) -> CDADocumentTemplate? {
        let key = normalizedTitle(title)
        return templates(in: standard).first { normalizedTitle($0.title) == key }
    }

    // MARK: - Helpers

    private static func trimmingSpaces(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func normalizedTitle(_ title: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in trimmingSpaces(title).unicodeScalars {
            switch scalar {
            case "（": result.append("(")
            case "）": result.append(")")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    // MARK: - Tables

    /// WS/T 500 part N: templateId `2.16.156.10011.2.1.1.(20+N)`, document type code `C` + N in four digits.
    private static func wst500(_ part: Int, _ title: String, _ englishTitle: String) -> CDADocumentTemplate {
        let digits = String(part)
        let code = "C" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        let arc = part + CDADocumentStandard.wst500.templateArcOffset
        return CDADocumentTemplate(
            templateId: "\(CDADocumentTemplate.templateIdPrefix).\(arc)",
            standard: .wst500, part: part, documentTypeCode: code, title: title, englishTitle: englishTitle)
    }

    /// WS/T 483 part N: templateId `2.16.156.10011.2.1.1.N`; the document type code is listed.
    private static func wst483(_ part: Int, _ code: String, _ title: String, _ englishTitle: String)
        -> CDADocumentTemplate
    {
        CDADocumentTemplate(
            templateId: "\(CDADocumentTemplate.templateIdPrefix).\(part)", standard: .wst483, part: part,
            documentTypeCode: code, title: title, englishTitle: englishTitle)
    }

    fileprivate static let wst500Templates: [CDADocumentTemplate] = [
        wst500(1, "病历概要", "Medical record summary"),
        wst500(2, "门(急)诊病历", "Outpatient and emergency medical record"),
        wst500(3, "急诊留观病历", "Emergency observation record"),
        wst500(4, "西药处方", "Western medicine prescription"),
        wst500(5, "中药处方", "Chinese herbal medicine prescription"),
        wst500(6, "检查报告", "Examination report"),
        wst500(7, "检验报告", "Laboratory test report"),
        wst500(8, "治疗记录", "Treatment record"),
        wst500(9, "一般手术记录", "General operation record"),
        wst500(10, "麻醉术前访视记录", "Pre-anaesthesia visit record"),
        wst500(11, "麻醉记录", "Anaesthesia record"),
        wst500(12, "麻醉术后访视记录", "Post-anaesthesia visit record"),
        wst500(13, "输血记录", "Blood transfusion record"),
        wst500(14, "待产记录", "Labour record"),
        wst500(15, "阴道分娩记录", "Vaginal delivery record"),
        wst500(16, "剖宫产记录", "Caesarean section record"),
        wst500(17, "一般护理记录", "General nursing record"),
        wst500(18, "病重(病危)护理记录", "Nursing record for serious or critical illness"),
        wst500(19, "手术护理记录", "Operation nursing record"),
        wst500(20, "生命体征测量记录", "Vital signs record"),
        wst500(21, "出入量记录", "Fluid intake and output record"),
        wst500(22, "高值耗材使用记录", "High-value consumables record"),
        wst500(23, "入院评估", "Admission assessment"),
        wst500(24, "护理计划", "Nursing care plan"),
        wst500(25, "出院评估与指导", "Discharge assessment and instructions"),
        wst500(26, "手术知情告知书", "Operation informed consent"),
        wst500(27, "麻醉知情同意书", "Anaesthesia informed consent"),
        wst500(28, "输血治疗同意书", "Blood transfusion consent"),
        wst500(29, "特殊检查及特殊治疗同意书", "Consent for special examination or treatment"),
        wst500(30, "病危(重)通知书", "Critical condition notice"),
        wst500(31, "其他知情同意书", "Other informed consent"),
        wst500(32, "住院病案首页", "Inpatient record front sheet"),
        wst500(33, "中医住院病案首页", "Traditional Chinese medicine inpatient record front sheet"),
        wst500(34, "入院记录", "Admission record"),
        wst500(35, "24小时内入出院记录", "Admission and discharge within 24 hours"),
        wst500(36, "24小时内入院死亡记录", "Death within 24 hours of admission"),
        wst500(37, "首次病程记录", "First progress note"),
        wst500(38, "日常病程记录", "Daily progress note"),
        wst500(39, "上级医师查房记录", "Senior physician ward round record"),
        wst500(40, "疑难病例讨论记录", "Difficult case discussion record"),
        wst500(41, "交接班记录", "Shift handover record"),
        wst500(42, "转科记录", "Department transfer record"),
        wst500(43, "阶段小结", "Interim summary"),
        wst500(44, "抢救记录", "Resuscitation record"),
        wst500(45, "会诊记录", "Consultation record"),
        wst500(46, "术前小结", "Preoperative summary"),
        wst500(47, "术前讨论", "Preoperative discussion"),
        wst500(48, "术后首次病程记录", "First postoperative progress note"),
        wst500(49, "出院记录", "Discharge record"),
        wst500(50, "死亡记录", "Death record"),
        wst500(51, "死亡病例讨论记录", "Death case discussion record"),
        wst500(52, "住院医嘱", "Inpatient orders"),
        wst500(53, "出院小结", "Discharge summary"),
    ]

    fileprivate static let wst483Templates: [CDADocumentTemplate] = [
        wst483(1, "HSDA00.01", "个人基本健康信息登记", "Personal basic health information registration"),
        wst483(2, "HSDB01.01", "出生医学证明", "Medical birth certificate"),
        wst483(3, "HSDB01.02", "新生儿家庭访视", "Newborn home visit"),
        wst483(4, "HSDB01.03", "儿童健康体检", "Child health examination"),
        wst483(5, "HSDB02.01", "首次产前随访服务", "First antenatal follow-up"),
        wst483(6, "HSDB02.02", "产前随访服务", "Antenatal follow-up"),
        wst483(7, "HSDB02.03", "产后访视", "Postpartum visit"),
        wst483(8, "HSDB02.04", "产后42天健康检查", "Postpartum 42-day health examination"),
        wst483(9, "HSDB03.01", "预防接种报告", "Vaccination report"),
        wst483(10, "HSDB03.02", "传染病报告", "Infectious disease report"),
        wst483(11, "HSDB03.03", "死亡医学证明", "Medical death certificate"),
        wst483(12, "HSDB04.01", "高血压患者随访服务", "Hypertension patient follow-up"),
        wst483(13, "HSDB04.02", "2型糖尿病患者随访服务", "Type 2 diabetes patient follow-up"),
        wst483(14, "HSDB04.03", "重性精神疾病患者个人信息登记", "Severe mental illness patient registration"),
        wst483(15, "HSDB04.04", "重性精神疾病患者随访服务", "Severe mental illness patient follow-up"),
        wst483(16, "HSDC00.01", "成人健康体检", "Adult health examination"),
        wst483(17, "HSDC00.02", "门诊摘要", "Outpatient summary"),
        wst483(18, "HSDC00.03", "住院摘要", "Inpatient summary"),
        wst483(19, "HSDC00.04", "会诊记录", "Consultation record"),
        wst483(20, "HSDC00.05", "转诊（院）记录", "Referral (transfer) record"),
    ]
}

// MARK: - Well-known templates

extension CDADocumentTemplate {
    /// WS/T 500.7 检验报告 (laboratory test report): `2.16.156.10011.2.1.1.27`, `C0007`.
    ///
    /// ```swift
    /// if CDATemplateRegistry.template(forId: documentTemplateId) == .labReport { /* read lab results */ }
    /// ```
    public static let labReport = CDATemplateRegistry.wst500Templates[6]

    /// WS/T 500.6 检查报告 (examination report, e.g. imaging): `2.16.156.10011.2.1.1.26`, `C0006`.
    public static let examinationReport = CDATemplateRegistry.wst500Templates[5]

    /// WS/T 500.2 门(急)诊病历 (outpatient and emergency medical record): `2.16.156.10011.2.1.1.22`, `C0002`.
    public static let outpatientRecord = CDATemplateRegistry.wst500Templates[1]

    /// WS/T 483.1 个人基本健康信息登记 (personal basic health information): `2.16.156.10011.2.1.1.1`, `HSDA00.01`.
    public static let personalBasicHealthInformation = CDATemplateRegistry.wst483Templates[0]

    /// WS/T 483.12 高血压患者随访服务 (hypertension follow-up): `2.16.156.10011.2.1.1.12`, `HSDB04.01`.
    public static let hypertensionFollowUp = CDATemplateRegistry.wst483Templates[11]

    /// WS/T 483.13 2型糖尿病患者随访服务 (type 2 diabetes follow-up): `2.16.156.10011.2.1.1.13`, `HSDB04.02`.
    public static let type2DiabetesFollowUp = CDATemplateRegistry.wst483Templates[12]

    /// WS/T 483.16 成人健康体检 (adult health examination): `2.16.156.10011.2.1.1.16`, `HSDC00.01`.
    public static let adultHealthExamination = CDATemplateRegistry.wst483Templates[15]

    /// WS/T 483.20 转诊（院）记录 (referral record): `2.16.156.10011.2.1.1.20`, `HSDC00.05`.
    public static let referral = CDATemplateRegistry.wst483Templates[19]

    /// The eight templates the project reads into typed document views.
    ///
    /// ```swift
    /// let parts = CDADocumentTemplate.typed.map(\.partDesignation)   // ["WS/T 500.7", "WS/T 500.6", …, "WS/T 483.20"]
    /// ```
    public static let typed: [CDADocumentTemplate] = [
        labReport, examinationReport, outpatientRecord, personalBasicHealthInformation, hypertensionFollowUp,
        type2DiabetesFollowUp, adultHealthExamination, referral,
    ]
}
