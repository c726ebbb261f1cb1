/// A referral (转诊): up (township clinic → county hospital) or down (hospital → primary care), with its
/// reason, diagnoses, urgency and green channel, the sending and receiving organisation and practitioner, the
/// results sent along for mutual recognition, and its status.
///
/// ```swift
/// var referral = Referral(direction: .upward, reason: "血压控制不满意")
/// referral.status = .requested
/// referral.urgency = .urgent
/// referral.isGreenChannel = true
/// referral.results.append(Referral.ResultReference(kind: .lab, identifier: Identifier(kind: .other, value: "LR-1")))
/// ```
public struct Referral: Hashable, Sendable {
    /// Upward (to a higher-level hospital) or downward (back to primary care).
    ///
    /// ```swift
    /// let direction: Referral.Direction = .downward
    /// ```
    public enum Direction: String, Hashable, Sendable {
        case upward, downward
    }

    /// Where the referral stands (the FHIR Task status names).
    ///
    /// ```swift
    /// let status: Referral.Status = .accepted
    /// ```
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case requested, accepted, rejected, completed, cancelled
    }

    /// How soon the receiving side should act (the FHIR request-priority names; HL7 table 0280 R/A/S).
    ///
    /// ```swift
    /// let urgency: Referral.Urgency = .stat
    /// ```
    public enum Urgency: String, Hashable, Sendable, CaseIterable {
        case routine, urgent, stat
    }

    /// A result sent with the referral so the receiving side can recognise it instead of repeating the test
    /// (检查检验结果互认): a lab or exam report named by identifier and, when known, a link and title.
    ///
    /// ```swift
    /// let result = Referral.ResultReference(
    ///     kind: .lab, identifier: Identifier(kind: .other, value: "LR-20261120-01", authority: "县医院"),
    ///     title: "血生化", link: "https://platform.example/reports/LR-20261120-01")
    /// ```
    public struct ResultReference: Hashable, Sendable {
        /// Lab (检验) or exam (检查) report.
        ///
        /// ```swift
        /// let kind: Referral.ResultReference.Kind = .exam
        /// ```
        public enum Kind: String, Hashable, Sendable {
            case lab, exam
        }
        /// The kind of report.
        public var kind: Kind
        /// The report's identifier (report number and the organisation that assigned it).
        public var identifier: Identifier?
        /// The report's title (检验/检查项目名称).
        public var title: String?
        /// Where the report can be fetched (an URL or a platform document id).
        public var link: String?
        /// When the report was issued.
        public var date: Timestamp?

        /// Creates a reference.
        public init(
            kind: Kind, identifier: Identifier? = nil, title: String? = nil, link: String? = nil,
            date: Timestamp? = nil
        ) {
            self.kind = kind
            self.identifier = identifier
            self.title = title
            self.link = link
            self.date = date
        }
    }

    /// Identifiers (the referral number and its assigning organisation).
    public var identifiers: [Identifier]
    /// The direction.
    public var direction: Direction?
    /// The status.
    public var status: Status?
    /// The urgency.
    public var urgency: Urgency?
    /// `true` when the referral uses the green channel (绿色通道: priority admission at the receiving hospital).
    public var isGreenChannel: Bool
    /// The resident.
    public var resident: Resident?
    /// The sending organisation.
    public var fromOrganization: Organization?
    /// The receiving organisation.
    public var toOrganization: Organization?
    /// The sending (referring) practitioner.
    public var fromPractitioner: Practitioner?
    /// The receiving (referred-to) practitioner.
    public var toPractitioner: Practitioner?
    /// The reason as written.
    public var reason: String?
    /// Diagnoses.
    public var diagnoses: [Diagnosis]
    /// Results sent along for mutual recognition.
    public var results: [ResultReference]
    /// When.
    public var date: Timestamp?
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates a referral.
    public init(direction: Direction? = nil, reason: String? = nil, provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.direction = direction
        self.isGreenChannel = false
        self.reason = reason
        self.diagnoses = []
        self.results = []
        self.provenance = provenance
        self.unmappedFragments = []
    }
}

/// A family-doctor contract (家庭医生签约). Core fields; completed by the primary-care issue.
///
/// ```swift
/// let contract = FamilyDoctorContract(start: CalendarDate(year: 2024, month: 1, day: 1), years: 1)
/// ```
public struct FamilyDoctorContract: Hashable, Sendable {
    /// Identifiers (contract number).
    public var identifiers: [Identifier]
    /// The resident.
    public var resident: Resident?
    /// The team.
    public var team: CareTeam?
    /// The service package.
    public var servicePackage: CodedValue?
    /// Start date.
    public var start: CalendarDate?
    /// Length in years (one year when neither this nor ``end`` is given).
    public var years: Int?
    /// Last day of the period, when the source states it.
    public var end: CalendarDate?
    /// The status as read (`signed`, `active`, `renewed`, `terminated`, `expired`, or a local code).
    public var status: CodedValue?
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates a contract.
    public init(start: CalendarDate? = nil, years: Int? = nil, provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.start = start
        self.years = years
        self.provenance = provenance
        self.unmappedFragments = []
    }
}

/// A chronic-disease follow-up (高血压 / 2型糖尿病患者随访, WS/T 483.12 / .13): visit date and method, symptoms,
/// vital signs, fasting glucose, lifestyle, adherence, adverse reactions, control classification, medications
/// (long prescriptions included), referral advice and the next visit.
///
/// ```swift
/// var visit = FollowUp(disease: .hypertension, date: CalendarDate(year: 2024, month: 3, day: 15))
/// visit.method = CodedValue(system: "ws364-follow-up-method", code: "1", display: "门诊")
/// visit.classification = CodedValue(system: "ws364-follow-up-classification", code: "1", display: "控制满意")
/// visit.systolic = 128
/// visit.diastolic = 82
/// visit.lifestyle.dailyCigarettes = 0
/// ```
public struct FollowUp: Hashable, Sendable {
    /// The disease followed up.
    ///
    /// ```swift
    /// let disease: FollowUp.Disease = .diabetes
    /// ```
    public enum Disease: String, Hashable, Sendable {
        case hypertension, diabetes
    }

    /// Lifestyle at the visit (生活方式指导: current values; WS/T 483.12/.13).
    ///
    /// ```swift
    /// var lifestyle = FollowUp.Lifestyle()
    /// lifestyle.exerciseTimesPerWeek = 5
    /// lifestyle.exerciseMinutesPerSession = 30
    /// ```
    public struct Lifestyle: Hashable, Sendable {
        /// Cigarettes per day (日吸烟量, 支).
        public var dailyCigarettes: Int?
        /// Alcohol per day (日饮酒量, 两 in the forms; kept as written with its unit).
        public var dailyAlcohol: Quantity?
        /// Exercise sessions per week (运动频率, 次/周).
        public var exerciseTimesPerWeek: Int?
        /// Minutes per session (每次运动时间, 分钟).
        public var exerciseMinutesPerSession: Int?
        /// Salt intake (摄盐情况: 轻/中/重).
        public var saltIntake: CodedValue?
        /// Staple food per day (主食, 克/天; diabetes follow-ups).
        public var stapleFoodGramsPerDay: Int?
        /// Psychological adjustment (心理调整: 良好/一般/差).
        public var psychologicalAdjustment: CodedValue?
        /// Compliance behaviour (遵医行为: 良好/一般/差).
        public var compliance: CodedValue?
        /// `true` when nothing is recorded.
        public var isEmpty: Bool { self == Lifestyle() }
        /// Creates an empty record.
        public init() {}
    }

    /// Identifiers.
    public var identifiers: [Identifier]
    /// The disease.
    public var disease: Disease
    /// The resident.
    public var resident: Resident?
    /// The follow-up date.
    public var date: CalendarDate?
    /// The method (随访方式).
    public var method: CodedValue?
    /// Symptoms (症状) as written; empty when none.
    public var symptoms: [String]
    /// The classification (此次随访分类: 控制满意 …).
    public var classification: CodedValue?
    /// Medication adherence (服药依从性).
    public var medicationAdherence: CodedValue?
    /// Adverse drug reactions (药物不良反应): `nil` unknown, `false` none, `true` some (see ``adverseReactionText``).
    public var hasAdverseReaction: Bool?
    /// The adverse reactions as written.
    public var adverseReactionText: String?
    /// Systolic blood pressure, mmHg.
    public var systolic: Int?
    /// Diastolic blood pressure, mmHg.
    public var diastolic: Int?
    /// Fasting glucose, mmol/L, as written.
    public var fastingGlucose: Quantity?
    /// Weight, kg, as written.
    public var weight: Quantity?
    /// Height, cm, as written.
    public var height: Quantity?
    /// Body-mass index, kg/m², as written.
    public var bmi: Quantity?
    /// Heart rate, beats per minute.
    public var heartRate: Int?
    /// Lifestyle.
    public var lifestyle: Lifestyle
    /// Medication (long prescriptions are orders with ``MedicationOrder/isLongTermPrescription``).
    public var medications: [MedicationOrder]
    /// Referral advice: why (转诊原因), when the doctor advises a referral.
    public var referralReason: String?
    /// Referral advice: to which organisation and department (转诊机构及科别).
    public var referralOrganization: String?
    /// The next follow-up date.
    public var nextDate: CalendarDate?
    /// The doctor.
    public var doctor: Practitioner?
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates a follow-up.
    public init(disease: Disease, date: CalendarDate? = nil, provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.disease = disease
        self.date = date
        self.symptoms = []
        self.lifestyle = Lifestyle()
        self.medications = []
        self.provenance = provenance
        self.unmappedFragments = []
    }
}
