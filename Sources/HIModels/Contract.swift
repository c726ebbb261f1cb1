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
