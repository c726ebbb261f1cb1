/// A family-doctor contract (家庭医生签约): a resident, or a family unit with its members, signs with a
/// family-doctor team for service packages over a period (one year by default).
///
/// ```swift
/// var contract = FamilyDoctorContract(start: CalendarDate(year: 2024, month: 1, day: 1), years: 1)
/// contract.team = CareTeam(name: "中南路1号团队")
/// contract.packages = [ServicePackage(code: "JC01", name: "基础包", kind: .basic)]
/// contract.keyPopulations = [CodedValue(system: "urn:healthinterchange:key-population", code: "hypertension")]
/// contract.status = ContractStatus.active.codedValue
/// ```
public struct FamilyDoctorContract: Hashable, Sendable {
    /// Identifiers (contract number).
    public var identifiers: [Identifier]
    /// The resident who signs (for a family contract: the householder or the first member).
    public var resident: Resident?
    /// The family unit when the contract covers a household.
    public var family: FamilyUnit?
    /// The team.
    public var team: CareTeam?
    /// The lead (responsible) family doctor of the team for this contract.
    public var leadDoctor: Practitioner?
    /// The service packages (basic and personalised), in contract order.
    public var packages: [ServicePackage]
    /// Key-population categories (重点人群分类), e.g. `hypertension`, `elderly`; see `KeyPopulationCategory`
    /// in HIPrimaryCare for the code table.
    public var keyPopulations: [CodedValue]
    /// The day the contract was signed (签约日期).
    public var signedOn: CalendarDate?
    /// Start date.
    public var start: CalendarDate?
    /// Length in years (one year when neither this nor ``end`` is given).
    public var years: Int?
    /// Last day of the period, when the source states it.
    public var end: CalendarDate?
    /// The status as read (`signed`, `active`, `renewed`, `terminated`, `expired`, or a local code).
    public var status: CodedValue?
    /// Why the status was reached (required for `terminated`), e.g. 迁出本辖区.
    public var statusReason: CodedValue?
    /// When the status was reached.
    public var statusDate: CalendarDate?
    /// Renewals (续约) in date order; each extends the period.
    public var renewals: [ContractRenewal]
    /// Who consented, when and how.
    public var consent: ContractConsent?
    /// Free-text notes (备注).
    public var notes: [String]
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates a contract.
    public init(start: CalendarDate? = nil, years: Int? = nil, provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.packages = []
        self.keyPopulations = []
        self.start = start
        self.years = years
        self.renewals = []
        self.notes = []
        self.provenance = provenance
        self.unmappedFragments = []
    }

    /// The first package as a code (kept for callers that know one package only). Setting it replaces the
    /// first package's code and name, or adds a basic package.
    public var servicePackage: CodedValue? {
        get {
            packages.first.map { CodedValue(system: $0.system, code: $0.code, display: $0.name) }
        }
        set {
            guard let newValue else {
                if !packages.isEmpty { packages.removeFirst() }
                return
            }
            if packages.isEmpty {
                packages = [ServicePackage(code: newValue.code, name: newValue.display, system: newValue.system)]
            } else {
                packages[0].code = newValue.code
                packages[0].name = newValue.display
                packages[0].system = newValue.system
            }
        }
    }

    /// The status as a known value, when its code is one of the five lifecycle codes.
    public var lifecycleStatus: ContractStatus? { status.flatMap { ContractStatus(rawValue: $0.code) } }

    /// Everyone the contract covers: the family members when a family unit is given, else the resident.
    public var coveredResidents: [Resident] {
        if let family, !family.members.isEmpty { return family.members.map(\.resident) }
        return resident.map { [$0] } ?? []
    }
}

/// The lifecycle status of a contract. Sources may carry other local codes in
/// ``FamilyDoctorContract/status``; these five are the ones the library reasons about.
///
/// ```swift
/// let status = ContractStatus(rawValue: "terminated")   // .terminated
/// print(status?.display ?? "")                          // 已解约
/// ```
public enum ContractStatus: String, Hashable, Sendable, CaseIterable {
    /// Signed, not yet in force (已签约).
    case signed
    /// In force (履约中).
    case active
    /// In force after a renewal (已续约).
    case renewed
    /// Ended early (已解约); needs a reason.
    case terminated
    /// Ended at the end of the period (已到期).
    case expired

    /// The code system of these codes.
    public static let system = "urn:healthinterchange:contract-status"

    /// The Chinese display.
    public var display: String {
        switch self {
        case .signed: "已签约"
        case .active: "履约中"
        case .renewed: "已续约"
        case .terminated: "已解约"
        case .expired: "已到期"
        }
    }

    /// Whether a contract with this status is in force (or about to be).
    public var isInForce: Bool { self == .signed || self == .active || self == .renewed }

    /// The status as a coded value in ``system``.
    public var codedValue: CodedValue { CodedValue(system: Self.system, code: rawValue, display: display) }
}

/// A household that signs together: its identifiers and members.
///
/// ```swift
/// var family = FamilyUnit(identifiers: [Identifier(kind: .other, value: "HH-0001")])
/// family.members.append(FamilyMember(resident: Resident(), relationship: nil, isHouseholder: true))
/// ```
public struct FamilyUnit: Hashable, Sendable {
    /// Identifiers of the household (户编号).
    public var identifiers: [Identifier]
    /// The members, householder first when known.
    public var members: [FamilyMember]

    /// Creates a family unit.
    public init(identifiers: [Identifier] = [], members: [FamilyMember] = []) {
        self.identifiers = identifiers
        self.members = members
    }
}

/// One member of a family unit.
///
/// ```swift
/// let member = FamilyMember(resident: Resident(), relationship: CodedValue(system: "GB/T 4761", code: "10"))
/// ```
public struct FamilyMember: Hashable, Sendable {
    /// The member.
    public var resident: Resident
    /// Relationship to the householder (GB/T 4761 家庭关系代码, or local).
    public var relationship: CodedValue?
    /// Whether this member is the householder (户主).
    public var isHouseholder: Bool

    /// Creates a member.
    public init(resident: Resident, relationship: CodedValue? = nil, isHouseholder: Bool = false) {
        self.resident = resident
        self.relationship = relationship
        self.isHouseholder = isHouseholder
    }
}

/// A service package (服务包): basic (基础包, the national basic public health services) or personalised
/// (个性化服务包), with its items.
///
/// ```swift
/// var package = ServicePackage(code: "GXY01", name: "高血压个性化包", kind: .personalised)
/// package.items.append(ServiceItem(code: "FU-HTN", name: "高血压随访", frequency: .quarterly))
/// ```
public struct ServicePackage: Hashable, Sendable {
    /// Basic or personalised.
    ///
    /// ```swift
    /// let kind: ServicePackage.Kind = .basic
    /// ```
    public enum Kind: String, Hashable, Sendable {
        /// 基础服务包.
        case basic
        /// 个性化服务包.
        case personalised
    }

    /// The package code.
    public var code: String
    /// The package name.
    public var name: String?
    /// The code system of ``code`` (local when nil).
    public var system: String
    /// Basic or personalised.
    public var kind: Kind?
    /// The items.
    public var items: [ServiceItem]
    /// The yearly fee as written (元), when stated.
    public var fee: String?

    /// Creates a package.
    public init(
        code: String, name: String? = nil, kind: Kind? = nil, items: [ServiceItem] = [],
        system: String = "urn:healthinterchange:service-package"
    ) {
        self.code = code
        self.name = name
        self.system = system
        self.kind = kind
        self.items = items
    }
}

/// One item of a service package, e.g. quarterly hypertension follow-up or an annual health check.
///
/// ```swift
/// let item = ServiceItem(code: "HC-ANNUAL", name: "年度健康体检", frequency: .annually)
/// ```
public struct ServiceItem: Hashable, Sendable {
    /// The item code.
    public var code: String
    /// The item name.
    public var name: String?
    /// How often the item is due.
    public var frequency: ServiceFrequency?

    /// Creates an item.
    public init(code: String, name: String? = nil, frequency: ServiceFrequency? = nil) {
        self.code = code
        self.name = name
        self.frequency = frequency
    }
}

/// How often a service is due: `count` times per `period` (e.g. 4 per year = quarterly).
///
/// ```swift
/// let frequency = ServiceFrequency(count: 4, period: .year)
/// print(frequency.intervalDays)   // 91
/// ```
public struct ServiceFrequency: Hashable, Sendable {
    /// The period unit.
    ///
    /// ```swift
    /// let unit: ServiceFrequency.Period = .month
    /// ```
    public enum Period: String, Hashable, Sendable {
        case week, month, quarter, year

        /// Days in one period, rounded the way schedules count them (a year is 365 days).
        public var days: Int {
            switch self {
            case .week: 7
            case .month: 30
            case .quarter: 91
            case .year: 365
            }
        }
    }

    /// How many times per period.
    public var count: Int
    /// The period.
    public var period: Period

    /// Creates a frequency.
    public init(count: Int, period: Period) {
        self.count = count
        self.period = period
    }

    /// The longest interval between two services in days (`period.days / count`, at least 1).
    public var intervalDays: Int { max(1, period.days / max(1, count)) }

    /// Four times a year (hypertension and diabetes follow-up, national basic public health service).
    public static let quarterly = ServiceFrequency(count: 4, period: .year)
    /// Once a year (health check).
    public static let annually = ServiceFrequency(count: 1, period: .year)
    /// Once a month.
    public static let monthly = ServiceFrequency(count: 1, period: .month)
}

/// A renewal (续约): when it was agreed and the period it adds.
///
/// ```swift
/// let renewal = ContractRenewal(renewedOn: CalendarDate(year: 2025, month: 12, day: 20),
///                               start: CalendarDate(year: 2026, month: 1, day: 1), years: 1)
/// ```
public struct ContractRenewal: Hashable, Sendable {
    /// The day the renewal was signed.
    public var renewedOn: CalendarDate?
    /// First day of the renewed period.
    public var start: CalendarDate?
    /// Length in years (one when neither this nor ``end`` is given).
    public var years: Int?
    /// Last day of the renewed period, when stated.
    public var end: CalendarDate?

    /// Creates a renewal.
    public init(renewedOn: CalendarDate? = nil, start: CalendarDate? = nil, years: Int? = nil, end: CalendarDate? = nil)
    {
        self.renewedOn = renewedOn
        self.start = start
        self.years = years
        self.end = end
    }
}

/// The consent given for a contract: who signed, when and how.
///
/// ```swift
/// let consent = ContractConsent(signer: PersonName(text: "李建国"), relationship: nil,
///                               date: Timestamp("2024-01-01"), method: ContractConsent.handwritten)
/// ```
public struct ContractConsent: Hashable, Sendable {
    /// Who signed (the resident, or a guardian or family member for them).
    public var signer: PersonName?
    /// The signer's relationship to the resident when not the resident (GB/T 4761 or local).
    public var relationship: CodedValue?
    /// When.
    public var date: Timestamp?
    /// How (handwritten, electronic signature, app, …).
    public var method: CodedValue?

    /// Creates a consent.
    public init(
        signer: PersonName? = nil, relationship: CodedValue? = nil, date: Timestamp? = nil, method: CodedValue? = nil
    ) {
        self.signer = signer
        self.relationship = relationship
        self.date = date
        self.method = method
    }

    /// The code system of the consent methods below.
    public static let methodSystem = "urn:healthinterchange:consent-method"
    /// 纸质签字.
    public static let handwritten = CodedValue(system: methodSystem, code: "handwritten", display: "纸质签字")
    /// 电子签名.
    public static let electronic = CodedValue(system: methodSystem, code: "electronic", display: "电子签名")
    /// 手机应用签约.
    public static let app = CodedValue(system: methodSystem, code: "app", display: "手机应用签约")
}
