/// A resident (居民): the person a health record, encounter or report is about.
///
/// ```swift
/// var resident = Resident(name: PersonName(text: "张三"))
/// resident.identifiers = [Identifier(kind: .residentIDCard, value: "420106196303129995")]
/// resident.sex = CodedValue(system: "gb-t-2261.1", code: "1", display: "男")
/// resident.birthDate = CalendarDate(year: 1963, month: 3, day: 12)
/// print(resident.residentIDNumber?.value ?? "")   // 420106196303129995
/// ```
public struct Resident: Hashable, Sendable {
    /// Identifiers: resident ID card, passport, health-record, insurance, outpatient, inpatient numbers …
    public var identifiers: [Identifier]
    /// Names (the first is the usual one).
    public var names: [PersonName]
    /// Sex (GB/T 2261.1, HL7 0001 or FHIR administrative-gender, as read).
    public var sex: CodedValue?
    /// Birth date.
    public var birthDate: CalendarDate?
    /// Ethnicity (GB 3304).
    public var ethnicity: CodedValue?
    /// Marital status (GB/T 2261.2 …).
    public var maritalStatus: CodedValue?
    /// Occupation (GB/T 6565 / GB/T 2261.4).
    public var occupation: CodedValue?
    /// Education (GB/T 4658).
    public var education: CodedValue?
    /// Nationality (GB/T 2659).
    public var nationality: CodedValue?
    /// The employer's name (工作单位名称, WS 364 DE08.10.007).
    public var employer: String?
    /// `true` for a locally registered household (户籍标志, CDA `household/houseType`), `false` for a
    /// non-local one.
    public var householdRegistered: Bool?
    /// Addresses.
    public var addresses: [Address]
    /// Phones and other channels.
    public var telecom: [ContactPoint]
    /// Contact persons.
    public var contacts: [Contact]
    /// Insurance memberships.
    public var insurance: [Insurance]
    /// Key-population flags.
    public var keyPopulations: KeyPopulation
    /// ABO blood group (CV04.50.005).
    public var aboBloodGroup: CodedValue?
    /// Rh blood group (CV04.50.020).
    public var rhBloodGroup: CodedValue?
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates a resident.
    public init(
        identifiers: [Identifier] = [], name: PersonName? = nil, sex: CodedValue? = nil, birthDate: CalendarDate? = nil,
        provenance: Provenance = Provenance()
    ) {
        self.identifiers = identifiers
        self.names = name.map { [$0] } ?? []
        self.sex = sex
        self.birthDate = birthDate
        self.addresses = []
        self.telecom = []
        self.contacts = []
        self.insurance = []
        self.keyPopulations = []
        self.provenance = provenance
        self.unmappedFragments = []
    }

    /// The first resident-ID-card identifier, parsed (without region checks); `nil` when absent or invalid.
    public var residentIDNumber: ResidentIDNumber? {
        guard let identifier = identifiers.first(where: { $0.kind == .residentIDCard }) else { return nil }
        var options = ResidentIDOptions()
        options.requireKnownRegion = false
        return try? ResidentIDNumber(parsing: identifier.value, options: options)
    }

    /// The first identifier of `kind`.
    public func identifier(_ kind: Identifier.Kind) -> Identifier? { identifiers.first { $0.kind == kind } }
}

/// A resident health record (居民健康档案): the resident, the managing organisation and doctor, and the
/// record's own number and dates.
///
/// ```swift
/// let record = HealthRecord(
///     number: Identifier(kind: .healthRecordNumber, value: "42010600100001"),
///     resident: Resident(name: PersonName(text: "张三")))
/// ```
public struct HealthRecord: Hashable, Sendable {
    /// The health-record number.
    public var number: Identifier?
    /// The resident.
    public var resident: Resident
    /// The organisation managing the record.
    public var managingOrganization: Organization?
    /// The responsible doctor (责任医生).
    public var responsibleDoctor: Practitioner?
    /// When the record was created (建档日期).
    public var createdOn: CalendarDate?
    /// Who created it.
    public var createdBy: Practitioner?
    /// Past history, allergies, family history … as coded values (completed by later issues).
    public var history: [CodedValue]
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates a health record.
    public init(number: Identifier? = nil, resident: Resident, provenance: Provenance = Provenance()) {
        self.number = number
        self.resident = resident
        self.history = []
        self.provenance = provenance
        self.unmappedFragments = []
    }
}
