public import HIModels

/// A record to validate: one of the format-free models, whatever format it was read from.
///
/// ```swift
/// let subject = ValidationSubject.labReport(LabReport(resident: Resident(name: PersonName(text: "张三"))))
/// print(subject.kind, subject.rootPath)   // labReport labReport
/// ```
public enum ValidationSubject: Hashable, Sendable {
    /// A lab report (检验报告).
    case labReport(LabReport)
    /// An exam report (检查报告).
    case examReport(ExamReport)
    /// An encounter (门(急)诊病历 and other visits).
    case encounter(Encounter)
    /// A resident (registration, personal basic information).
    case resident(Resident)
    /// A resident health record (居民健康档案).
    case healthRecord(HealthRecord)
    /// A chronic-disease follow-up.
    case followUp(FollowUp)
    /// A referral (转诊).
    case referral(Referral)
    /// A family-doctor contract (签约).
    case contract(FamilyDoctorContract)

    /// The kind of record; profiles name it in `subject`.
    ///
    /// ```swift
    /// let kind = ValidationSubject.Kind(rawValue: "followUp")   // .followUp
    /// ```
    public enum Kind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        case labReport, examReport, encounter, resident, healthRecord, followUp, referral, contract
        public var description: String { rawValue }
    }

    /// The kind of this record.
    public var kind: Kind {
        switch self {
        case .labReport: .labReport
        case .examReport: .examReport
        case .encounter: .encounter
        case .resident: .resident
        case .healthRecord: .healthRecord
        case .followUp: .followUp
        case .referral: .referral
        case .contract: .contract
        }
    }

    /// The first element of every model path of this record (`labReport`, `followUp` …).
    public var rootPath: String { kind.rawValue }

    /// Where the record came from.
    public var provenance: Provenance {
        switch self {
        case .labReport(let value): value.provenance
        case .examReport(let value): value.provenance
        case .encounter(let value): value.provenance
        case .resident(let value): value.provenance
        case .healthRecord(let value): value.provenance
        case .followUp(let value): value.provenance
        case .referral(let value): value.provenance
        case .contract(let value): value.provenance
        }
    }

    /// The resident the record is about, with its model path (`labReport.resident`); `nil` when absent.
    public var resident: (value: Resident, path: String)? {
        switch self {
        case .labReport(let value): value.resident.map { ($0, "labReport.resident") }
        case .examReport(let value): value.resident.map { ($0, "examReport.resident") }
        case .encounter(let value): value.resident.map { ($0, "encounter.resident") }
        case .resident(let value): (value, "resident")
        case .healthRecord(let value): (value.resident, "healthRecord.resident")
        case .followUp(let value): value.resident.map { ($0, "followUp.resident") }
        case .referral(let value): value.resident.map { ($0, "referral.resident") }
        case .contract(let value): value.resident.map { ($0, "contract.resident") }
        }
    }

    /// The model path where the resident belongs, present or not (`labReport.resident`).
    public var residentPath: String { kind == .resident ? "resident" : rootPath + ".resident" }
}
