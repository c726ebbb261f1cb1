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
    case labReport(LabReport)
    /// WS/T 500.6 检查报告.
    case examReport(ExamReport)
    /// WS/T 500.2 门(急)诊病历.
    case outpatientRecord(OutpatientRecord)
    /// WS/T 483.1 个人基本健康信息登记.
    case personalBasicHealthInfo(PersonalBasicHealthInfo)
    /// WS/T 483.12 高血压患者随访服务.
    case hypertensionFollowUp(HypertensionFollowUp)
    /// WS/T 483.13 2型糖尿病患者随访服务.
    case diabetesFollowUp(DiabetesFollowUp)
    /// WS/T 483.16 成人健康体检.
    case adultHealthCheckup(AdultHealthCheckup)
    /// WS/T 483.20 转诊（院）记录.
    case referralRecord(ReferralRecord)
    /// Another national template: its values without a typed view.
    case national(WSDocument)
    /// Not a national document: use the ``ClinicalDocument`` views.
    case generic(ClinicalDocument)

    /// The templateIds that have a typed view.
    public static let typedTemplateIds: [String] = [
        LabReport.templateId, ExamReport.templateId, OutpatientRecord.templateId, PersonalBasicHealthInfo.templateId,
        HypertensionFollowUp.templateId, DiabetesFollowUp.templateId, AdultHealthCheckup.templateId,
        ReferralRecord.templateId,
    ]

    /// Picks the view by the document's template (never fails: unknown templates are generic).
    public init(document: ClinicalDocument) {
        guard let template = document.template else {
            self = .generic(document)
            return
        }
        do {
            switch template.templateId {
            case LabReport.templateId: self = .labReport(try LabReport(document: document))
            case ExamReport.templateId: self = .examReport(try ExamReport(document: document))
            case OutpatientRecord.templateId: self = .outpatientRecord(try OutpatientRecord(document: document))
            case PersonalBasicHealthInfo.templateId:
                self = .personalBasicHealthInfo(try PersonalBasicHealthInfo(document: document))
            case HypertensionFollowUp.templateId:
                self = .hypertensionFollowUp(try HypertensionFollowUp(document: document))
            case DiabetesFollowUp.templateId: self = .diabetesFollowUp(try DiabetesFollowUp(document: document))
            case AdultHealthCheckup.templateId: self = .adultHealthCheckup(try AdultHealthCheckup(document: document))
            case ReferralRecord.templateId: self = .referralRecord(try ReferralRecord(document: document))
            default: self = .national(WSDocument(document: document))
            }
        } catch {
            // The template was found through the document type code only: keep the values.
            self = .national(WSDocument(document: document))
        }
    }
}
