/// A visit: outpatient, inpatient, emergency or home visit.
///
/// ```swift
/// var visit = Encounter(kind: .outpatient)
/// visit.identifiers = [Identifier(kind: .outpatientNumber, value: "MZ20240315001")]
/// visit.diagnoses = [Diagnosis(code: CodedValue(system: "icd-10-gb", code: "I10.x00", display: "高血压"))]
/// ```
public struct Encounter: Hashable, Sendable {
    /// The kind of visit (maps to HL7 0004 and FHIR Encounter.class through the tables).
    ///
    /// ```swift
    /// let kind = Encounter.Kind.homeVisit
    /// ```
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// 门诊 (HL7 O, v3 AMB).
        public static let outpatient = Kind(rawValue: "outpatient")
        /// 住院 (HL7 I, v3 IMP).
        public static let inpatient = Kind(rawValue: "inpatient")
        /// 急诊 (HL7 E, v3 EMER).
        public static let emergency = Kind(rawValue: "emergency")
        /// 家庭访视 / 上门服务 (v3 HH).
        public static let homeVisit = Kind(rawValue: "homeVisit")
        public var description: String { rawValue }
    }

    /// Identifiers (outpatient number, inpatient number, visit number).
    public var identifiers: [Identifier]
    /// The kind of visit.
    public var kind: Kind
    /// The class code as the source gave it (HL7 0004, v3 ActCode).
    public var classCode: CodedValue?
    /// The resident.
    public var resident: Resident?
    /// The organisation.
    public var organization: Organization?
    /// The department (科室).
    public var department: CodedValue?
    /// The attending practitioners.
    public var practitioners: [Practitioner]
    /// Start (admission) time.
    public var start: Timestamp?
    /// End (discharge) time.
    public var end: Timestamp?
    /// Diagnoses.
    public var diagnoses: [Diagnosis]
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates an encounter.
    public init(kind: Kind, resident: Resident? = nil, provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.kind = kind
        self.resident = resident
        self.practitioners = []
        self.diagnoses = []
        self.provenance = provenance
        self.unmappedFragments = []
    }
}

/// A diagnosis, kept as codes: ICD-10 (GB/T 14396, national clinical edition), TCM disease and syndrome
/// codes (GB/T 15657) as the source gives them.
///
/// ```swift
/// let diagnosis = Diagnosis(
///     code: CodedValue(system: "2.16.156.10011.2.3.3.11.3", code: "E11.900", display: "2型糖尿病"), isPrimary: true)
/// ```
public struct Diagnosis: Hashable, Sendable {
    /// The diagnosis code (ICD-10).
    public var code: CodedValue
    /// The TCM disease code (中医病名), when given.
    public var tcmDisease: CodedValue?
    /// The TCM syndrome code (中医证候), when given.
    public var tcmSyndrome: CodedValue?
    /// The kind: admission, discharge, outpatient, primary … (as coded by the source).
    public var type: CodedValue?
    /// `true` for the principal diagnosis.
    public var isPrimary: Bool
    /// When it was made.
    public var date: Timestamp?

    /// Creates a diagnosis.
    public init(code: CodedValue, isPrimary: Bool = false, type: CodedValue? = nil, date: Timestamp? = nil) {
        self.code = code
        self.isPrimary = isPrimary
        self.type = type
        self.date = date
    }
}
