/// A referral (转诊): up or down between organisations. Core fields; completed by the primary-care issue.
///
/// ```swift
/// let referral = Referral(direction: .upward, reason: "血压控制不满意")
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

    /// Identifiers.
    public var identifiers: [Identifier]
    /// The direction.
    public var direction: Direction?
    /// The resident.
    public var resident: Resident?
    /// From.
    public var fromOrganization: Organization?
    /// To.
    public var toOrganization: Organization?
    /// The reason as written.
    public var reason: String?
    /// Diagnoses.
    public var diagnoses: [Diagnosis]
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
        self.reason = reason
        self.diagnoses = []
        self.provenance = provenance
        self.unmappedFragments = []
    }
}

/// A chronic-disease follow-up (高血压 / 2型糖尿病患者随访, WS/T 483.12 / .13). Core fields; completed by
/// the primary-care issue.
///
/// ```swift
/// var visit = FollowUp(disease: .hypertension, date: CalendarDate(year: 2024, month: 3, day: 15))
/// visit.method = CodedValue(system: "ws364-follow-up-method", code: "1", display: "门诊")
/// visit.classification = CodedValue(system: "ws364-follow-up-classification", code: "1", display: "控制满意")
/// visit.systolic = 128
/// visit.diastolic = 82
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
    /// The classification (此次随访分类: 控制满意 …).
    public var classification: CodedValue?
    /// Medication adherence (服药依从性).
    public var medicationAdherence: CodedValue?
    /// Systolic blood pressure, mmHg.
    public var systolic: Int?
    /// Diastolic blood pressure, mmHg.
    public var diastolic: Int?
    /// Fasting glucose, mmol/L, as written.
    public var fastingGlucose: Quantity?
    /// Weight, kg, as written.
    public var weight: Quantity?
    /// Heart rate, beats per minute.
    public var heartRate: Int?
    /// Medication.
    public var medications: [MedicationOrder]
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
        self.medications = []
        self.provenance = provenance
        self.unmappedFragments = []
    }
}
