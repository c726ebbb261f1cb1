/// The built-in profiles, as the JSON users would write (see ``ValidationProfile``): one per platform
/// document, all extending `cn-base` (resident identity, codes and phones).
///
/// | name | document |
/// |---|---|
/// | `cn-base` | rules for the resident in any record (no required elements) |
/// | `cn-lab-report` | 检验报告 (WS/T 500.7; HL7 ORU^R01; FHIR DiagnosticReport) |
/// | `cn-exam-report` | 检查报告 (WS/T 500.6) |
/// | `cn-outpatient-record` | 门(急)诊病历 (WS/T 500.2) |
/// | `cn-wst483-personal-info` | 个人基本健康信息登记 (WS/T 483.1) |
/// | `cn-wst483-hypertension-followup` | 高血压患者随访服务记录 (WS/T 483.12) |
/// | `cn-wst483-diabetes-followup` | 2型糖尿病患者随访服务记录 (WS/T 483.13) |
/// | `cn-wst483-health-check` | 成年人健康体检记录 (WS/T 483.16), resident part |
/// | `cn-wst483-referral` | 转诊(院)记录 (WS/T 483.20; HL7 REF^I12) |
/// | `cn-resident-registration` | 居民登记 (HL7 ADT^A04/A28; FHIR Patient) |
/// | `cn-contract` | 家庭医生签约 |
/// | `hl7v2-oru-r01`, `hl7v2-adt`, `hl7v2-ref-i12` | the model-level rules of those v2 messages |
///
/// The referral direction (上转/下转) is only recommended in `cn-wst483-referral`: WS/T 483.20-2016 转诊（院）记录
/// defines no WS 363 data element for it (its data elements name the receiving organisation and department
/// (DE08.10.013.00, DE08.10.026.00), the reason and the findings, not whether the referral goes up or down; the
/// project's writer carries it as the local element `HI.REF.01`), so a conforming document may lack it.
/// `hl7v2-ref-i12` requires it: the platform's REF^I12 convention carries it in `RF1-3` (docs/primary-care.md).
///
/// ```swift
/// print(BuiltInProfiles.jsonTexts.count)   // 15
/// ```
public enum BuiltInProfiles {
    /// The JSON texts of the built-in profiles.
    public static let jsonTexts: [String] = [
        #"""
        {"name": "cn-base", "title": "Resident identity, codes and phones in any record",
         "rules": ["HI-VAL-0201", "HI-VAL-0202", "HI-VAL-0203", "HI-VAL-0204", "HI-VAL-0301", "HI-VAL-0302",
                   "HI-VAL-0303", "HI-VAL-0308", "HI-VAL-0310", "HI-VAL-0501", "HI-VAL-0502"]}
        """#,
        #"""
        {"name": "cn-lab-report", "title": "检验报告 (WS/T 500.7)", "extends": "cn-base", "subject": "labReport",
         "rules": ["HI-VAL-0205", "HI-VAL-0304", "HI-VAL-0305", "HI-VAL-0503", "HI-VAL-0504", "HI-VAL-0505",
                   "HI-VAL-0506"],
         "required": ["labReport.reportNumber", "labReport.resident", "resident.name", "resident.residentID",
                      "labReport.results", "labReport.results[].code", "labReport.results[].value",
                      "labReport.results[].unit", "labReport.reportedAt"],
         "recommended": ["resident.sex", "resident.birthDate", "labReport.specimen.type",
                         "labReport.specimen.collectedAt", "labReport.laboratory", "labReport.performer",
                         "labReport.reviewer", "labReport.results[].referenceRange", "labReport.results[].status"]}
        """#,
        #"""
        {"name": "cn-exam-report", "title": "检查报告 (WS/T 500.6)", "extends": "cn-base", "subject": "examReport",
         "rules": ["HI-VAL-0513"],
         "required": ["examReport.reportNumber", "examReport.resident", "resident.name", "resident.residentID",
                      "examReport.kind", "examReport.findings", "examReport.impression", "examReport.reportedAt"],
         "recommended": ["resident.sex", "resident.birthDate", "examReport.bodySite", "examReport.performedAt",
                         "examReport.performer", "examReport.reviewer"]}
        """#,
        #"""
        {"name": "cn-outpatient-record", "title": "门(急)诊病历 (WS/T 500.2)", "extends": "cn-base",
         "subject": "encounter", "rules": ["HI-VAL-0513"],
         "required": ["encounter.resident", "resident.name", "resident.residentID", "encounter.organization",
                      "encounter.department", "encounter.start", "encounter.diagnoses", "encounter.diagnoses[].code"],
         "recommended": ["encounter.identifier", "encounter.practitioner", "resident.sex", "resident.birthDate"]}
        """#,
        #"""
        {"name": "cn-wst483-personal-info", "title": "个人基本健康信息登记 (WS/T 483.1)", "extends": "cn-base",
         "subject": "healthRecord",
         "required": ["healthRecord.number", "resident.name", "resident.residentID", "resident.sex",
                      "resident.birthDate", "healthRecord.managingOrganization", "healthRecord.createdOn"],
         "recommended": ["resident.ethnicity", "resident.maritalStatus", "resident.phone", "resident.address",
                         "resident.occupation", "resident.education", "resident.aboBloodGroup",
                         "healthRecord.responsibleDoctor"]}
        """#,
        #"""
        {"name": "cn-wst483-followup", "title": "慢病患者随访服务记录 (WS/T 483.12, 483.13 common part)",
         "extends": "cn-base", "subject": "followUp",
         "rules": ["HI-VAL-0306", "HI-VAL-0307", "HI-VAL-0309", "HI-VAL-0505", "HI-VAL-0508", "HI-VAL-0509",
                   "HI-VAL-0510"],
         "required": ["followUp.resident", "resident.name", "resident.residentID", "followUp.date", "followUp.method",
                      "followUp.classification"],
         "recommended": ["followUp.medicationAdherence", "followUp.nextDate", "followUp.doctor", "followUp.weight",
                         "followUp.heartRate"]}
        """#,
        #"""
        {"name": "cn-wst483-hypertension-followup", "title": "高血压患者随访服务记录 (WS/T 483.12)",
         "extends": "cn-wst483-followup", "required": ["followUp.systolic", "followUp.diastolic"]}
        """#,
        #"""
        {"name": "cn-wst483-diabetes-followup", "title": "2型糖尿病患者随访服务记录 (WS/T 483.13)",
         "extends": "cn-wst483-followup", "required": ["followUp.fastingGlucose"],
         "recommended": ["followUp.systolic", "followUp.diastolic"]}
        """#,
        #"""
        {"name": "cn-wst483-health-check", "title": "成年人健康体检记录 (WS/T 483.16): resident part only",
         "extends": "cn-base", "subject": "resident",
         "required": ["resident.name", "resident.residentID", "resident.sex", "resident.birthDate"],
         "recommended": ["resident.phone", "resident.address"]}
        """#,
        #"""
        {"name": "cn-wst483-referral", "title": "转诊(院)记录 (WS/T 483.20)", "extends": "cn-base",
         "subject": "referral", "rules": ["HI-VAL-0507"],
         "required": ["referral.resident", "resident.name", "resident.residentID", "referral.fromOrganization",
                      "referral.toOrganization", "referral.reason", "referral.date"],
         "recommended": ["referral.direction", "referral.diagnoses", "resident.sex", "resident.birthDate"]}
        """#,
        #"""
        {"name": "cn-resident-registration", "title": "居民登记", "extends": "cn-base", "subject": "resident",
         "required": ["resident.name", "resident.residentID", "resident.sex", "resident.birthDate", "resident.phone"],
         "recommended": ["resident.ethnicity", "resident.maritalStatus", "resident.address"]}
        """#,
        #"""
        {"name": "cn-contract", "title": "家庭医生签约", "extends": "cn-base", "subject": "contract",
         "rules": ["HI-VAL-0511", "HI-VAL-0512"],
         "required": ["contract.resident", "resident.name", "resident.residentID", "contract.team", "contract.start"],
         "recommended": ["contract.identifier", "contract.servicePackage", "contract.status"]}
        """#,
        #"""
        {"name": "hl7v2-oru-r01", "title": "HL7 v2 ORU^R01 (model-level rules)", "extends": "cn-lab-report"}
        """#,
        #"""
        {"name": "hl7v2-adt", "title": "HL7 v2 ADT (model-level rules)", "extends": "cn-resident-registration",
         "optional": ["resident.phone"], "recommended": ["resident.phone"]}
        """#,
        #"""
        {"name": "hl7v2-ref-i12", "title": "HL7 v2 REF^I12 (model-level rules)", "extends": "cn-wst483-referral",
         "required": ["referral.direction"]}
        """#,
    ]
}
