public import HIModels

/// Options of ``FollowUpSchedule``.
///
/// ```swift
/// var options = FollowUpScheduleOptions()
/// options.catalog = .builtIn
/// options.defaultFrequency = .quarterly
/// ```
public struct FollowUpScheduleOptions: Sendable {
    /// Frequencies of items that carry none, and which item codes mean which follow-up.
    public var catalog: ServicePackageCatalog = .builtIn
    /// Item codes that make a contract due for each disease's follow-up (`FU-HTN`, `FU-T2DM` by default).
    public var followUpItems: [FollowUp.Disease: String] = ServicePackageCatalog.followUpItems
    /// Frequency when neither the contract item nor the catalog has one: the national basic public health
    /// service minimum for hypertension and type 2 diabetes, 4 times a year.
    public var defaultFrequency: ServiceFrequency = .quarterly

    /// Default options.
    public init() {}
}

/// One resident whose follow-up is overdue.
///
/// ```swift
/// for item in overdue { print(item.disease, item.dueDate, item.daysOverdue) }
/// ```
public struct OverdueFollowUp: Hashable, Sendable {
    /// The resident (from the contract).
    public var resident: Resident
    /// The contract's identifiers.
    public var contractIdentifiers: [Identifier]
    /// The team's name.
    public var teamName: String?
    /// The disease followed up.
    public var disease: FollowUp.Disease
    /// The last follow-up on or before the as-of date, nil when none.
    public var lastVisit: CalendarDate?
    /// The longest allowed interval in days.
    public var intervalDays: Int
    /// The due date: last visit (or contract start) plus the interval.
    public var dueDate: CalendarDate
    /// Days from the due date to the as-of date (at least 1).
    public var daysOverdue: Int

    /// Creates an entry.
    public init(
        resident: Resident, contractIdentifiers: [Identifier], teamName: String?, disease: FollowUp.Disease,
        lastVisit: CalendarDate?, intervalDays: Int, dueDate: CalendarDate, daysOverdue: Int
    ) {
        self.resident = resident
        self.contractIdentifiers = contractIdentifiers
        self.teamName = teamName
        self.disease = disease
        self.lastVisit = lastVisit
        self.intervalDays = intervalDays
        self.dueDate = dueDate
        self.daysOverdue = daysOverdue
    }
}

/// The follow-up schedule check: which residents under contract are overdue for their hypertension or type 2
/// diabetes follow-up on a date. A contract in force on that date whose packages hold a follow-up item
/// (`FU-HTN`, `FU-T2DM`) makes each resident it covers due every `interval` days (from the item's
/// frequency: 4 a year → 91 days); the due date is the last follow-up of that disease on or before the date
/// plus the interval, or the contract start plus the interval when there is none.
///
/// ```swift
/// let overdue = FollowUpSchedule().overdue(contracts: contracts, followUps: visits,
///                                          asOf: CalendarDate(year: 2026, month: 11, day: 26)!)
/// print(overdue.first?.daysOverdue ?? 0)
/// ```
public struct FollowUpSchedule: Sendable {
    /// The options.
    public var options: FollowUpScheduleOptions

    /// Creates a check.
    public init(options: FollowUpScheduleOptions = FollowUpScheduleOptions()) { self.options = options }

    /// The interval of `disease` follow-ups under `contract`, nil when its packages have no such item.
    public func intervalDays(of disease: FollowUp.Disease, in contract: FamilyDoctorContract) -> Int? {
        guard let code = options.followUpItems[disease] else { return nil }
        var shortest: Int?
        for package in contract.packages {
            for item in package.items where item.code == code {
                let frequency = item.frequency ?? options.catalog.item(code)?.frequency ?? options.defaultFrequency
                shortest = min(shortest ?? Int.max, frequency.intervalDays)
            }
        }
        return shortest
    }

    /// Whether a contract's follow-up item for `disease` concerns its residents: a contract that names key
    /// populations must name the disease's (`hypertension`, `diabetes`), since the basic package lists the
    /// follow-ups of every managed disease; a contract without key populations is taken at its items.
    public func applies(_ disease: FollowUp.Disease, to contract: FamilyDoctorContract) -> Bool {
        guard !contract.keyPopulations.isEmpty else { return true }
        let code =
            disease == .hypertension ? KeyPopulationCategory.hypertension.code : KeyPopulationCategory.diabetes.code
        return contract.keyPopulations.contains { $0.code == code }
    }

    /// The overdue follow-ups on `asOf`, most overdue first (then by resident key).
    public func overdue(contracts: [FamilyDoctorContract], followUps: [FollowUp], asOf: CalendarDate)
        -> [OverdueFollowUp]
    {
        var history = FollowUpHistory(asOf: asOf)
        for visit in followUps { history.add(visit) }
        return overdue(contracts: contracts, history: history)
    }

    /// The overdue follow-ups on the history's as-of date, from the last visits only (memory bounded by the
    /// residents, not by the visits).
    public func overdue(contracts: [FamilyDoctorContract], history: FollowUpHistory) -> [OverdueFollowUp] {
        let asOf = history.asOf
        let lastVisit = history.lastVisits
        var result: [(key: String, item: OverdueFollowUp)] = []
        var seen = Set<String>()
        for contract in contracts where ContractPeriod.isInForce(contract, on: asOf) {
            guard let period = ContractPeriod.effectivePeriod(contract) else { continue }
            for disease in [FollowUp.Disease.hypertension, .diabetes] {
                guard let interval = intervalDays(of: disease, in: contract), applies(disease, to: contract) else {
                    continue
                }
                for resident in contract.coveredResidents {
                    guard let key = ResidentKey.of(resident), seen.insert(key + "#" + disease.rawValue).inserted else {
                        continue
                    }
                    let last = lastVisit[key + "#" + disease.rawValue]
                    let due = ContractPeriod.adding(days: interval, to: last ?? period.lowerBound)
                    let days = ContractPeriod.days(from: due, to: asOf)
                    guard days > 0 else { continue }
                    result.append(
                        (
                            key,
                            OverdueFollowUp(
                                resident: resident, contractIdentifiers: contract.identifiers,
                                teamName: contract.team?.name, disease: disease, lastVisit: last,
                                intervalDays: interval, dueDate: due, daysOverdue: days)
                        ))
                }
            }
        }
        return result.sorted {
            ($1.item.daysOverdue, $0.key, $0.item.disease.rawValue) < (
                $0.item.daysOverdue, $1.key, $1.item.disease.rawValue
            )
        }.map(\.item)
    }
}

/// The last follow-up per resident and disease on or before a date: all the schedule check needs, so a batch
/// of visits can be folded in as it is read.
///
/// ```swift
/// var history = FollowUpHistory(asOf: CalendarDate(year: 2026, month: 12, day: 31)!)
/// history.add(visit)
/// let overdue = FollowUpSchedule().overdue(contracts: contracts, history: history)
/// ```
public struct FollowUpHistory: Sendable, Hashable {
    /// Visits after this day are ignored.
    public let asOf: CalendarDate
    /// Last visit by `residentKey#disease`.
    private(set) var lastVisits: [String: CalendarDate] = [:]
    /// Visits added (counted whether or not they were the latest).
    public private(set) var visitCount = 0

    /// An empty history.
    public init(asOf: CalendarDate) { self.asOf = asOf }

    /// Folds in one visit (ignored when undated, after the as-of date or without a resident identifier).
    public mutating func add(_ visit: FollowUp) {
        guard let date = visit.date, date <= asOf, let resident = visit.resident, let key = ResidentKey.of(resident)
        else { return }
        visitCount += 1
        let slot = key + "#" + visit.disease.rawValue
        if let known = lastVisits[slot], known >= date { return }
        lastVisits[slot] = date
    }

    /// The last visit of `resident` for `disease`.
    public func lastVisit(of resident: Resident, disease: FollowUp.Disease) -> CalendarDate? {
        ResidentKey.of(resident).flatMap { lastVisits[$0 + "#" + disease.rawValue] }
    }
}
