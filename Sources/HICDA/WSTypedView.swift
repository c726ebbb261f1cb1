/// A parsed document as the typed view of its template, or as generic CDA when the template has no typed
/// view (other national templates, C-CDA, any CDA R2).
///
/// ```swift
/// switch WSTypedView(document: try ClinicalDocument(parsing: bytes)) {
/// case .labReport(let report): print(report.results.count)
/// case .hypertensionFollowUp(let followUp): print(followUp.systolic?.value ?? "")
/// default: break
/// }
/// ```
public enum WSTypedView: Sendable, Equatable {
    /// WS/T 500.7 检验报告.
    case labReport(WSLabReport)
    /// WS/T 500.6 检查报告.
    case examReport(WSExamReport)
    /// WS/T 500.2 门(急)诊病历.
    case outpatientRecord(WSOutpatientRecord)
    /// WS/T 483.1 个人基本健康信息登记.
    case personalBasicHealthInfo(WSPersonalBasicHealthInfo)
    /// WS/T 483.12 高血压患者随访服务.
    case hypertensionFollowUp(WSHypertensionFollowUp)
    /// WS/T 483.13 2型糖尿病患者随访服务.
    case diabetesFollowUp(WSDiabetesFollowUp)
    /// WS/T 483.16 成人健康体检.
    case adultHealthCheckup(WSAdultHealthCheckup)
    /// WS/T 483.20 转诊（院）记录.
    case referralRecord(WSReferralRecord)
    /// Another national template: its values without a typed view.
    case national(WSDocument)
    /// Not a national document: use the ``ClinicalDocument`` views.
    case generic(ClinicalDocument)

    /// The templateIds that have a typed view.
    public static let typedTemplateIds: [String] = [
        WSLabReport.templateId, WSExamReport.templateId, WSOutpatientRecord.templateId,
        WSPersonalBasicHealthInfo.templateId,
        WSHypertensionFollowUp.templateId, WSDiabetesFollowUp.templateId, WSAdultHealthCheckup.templateId,
        WSReferralRecord.templateId,
    ]

    /// Picks the view by the document's template (never fails: unknown templates are generic).
    public init(document: ClinicalDocument) {
        guard let template = document.template else {
            self = .generic(document)
            return
        }
        do {
            switch template.templateId {
            case WSLabReport.templateId: self = .labReport(try WSLabReport(document: document))
            case WSExamReport.templateId: self = .examReport(try WSExamReport(document: document))
            case WSOutpatientRecord.templateId: self = .outpatientRecord(try WSOutpatientRecord(document: document))
            case WSPersonalBasicHealthInfo.templateId:
                self = .personalBasicHealthInfo(try WSPersonalBasicHealthInfo(document: document))
            case WSHypertensionFollowUp.templateId:
                self = .hypertensionFollowUp(try WSHypertensionFollowUp(document: document))
            case WSDiabetesFollowUp.templateId: self = .diabetesFollowUp(try WSDiabetesFollowUp(document: document))
            case WSAdultHealthCheckup.templateId:
                self = .adultHealthCheckup(try WSAdultHealthCheckup(document: document))
            case WSReferralRecord.templateId: self = .referralRecord(try WSReferralRecord(document: document))
            default: self = .national(WSDocument(document: document))
            }
        } catch {
            // The template was found through the document type code only: keep the values.
            self = .national(WSDocument(document: document))
        }
    }
}
