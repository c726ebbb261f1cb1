public import HICore
public import HIModels

/// Options of ``ContractValidator``.
///
/// ```swift
/// var options = ContractValidationOptions()
/// options.asOf = CalendarDate(year: 2026, month: 11, day: 26)
/// options.catalog = ServicePackageCatalog.builtIn
/// ```
public struct ContractValidationOptions: Sendable {
    /// The packages and items a contract may name.
    public var catalog: ServicePackageCatalog = .builtIn
    /// The longest initial period, and the longest renewal, in years (policy: one year).
    public var maximumYears = 1
    /// The day status checks are made on (an active contract whose period ended before it should be
    /// expired); nil skips those checks.
    public var asOf: CalendarDate?
    /// Severity of an item code the catalog does not know.
    public var unknownItemSeverity: Severity = .error

    /// Default options: the built-in catalog, one year, no status date checks.
    public init() {}
}

/// Checks family-doctor contracts, one by one and across a set: period rules, renewal continuity, status
/// consistency, package items known, and no overlapping contracts in force for one resident with different
/// teams. Findings are ``Issue``s with stable `HI-PC-01xx` codes, Chinese and English text, and the contract's
/// location (file, record, element path); no personal data.
///
/// | code | severity | rule |
/// |---|---|---|
/// | HI-PC-0101 | error | overlapping contracts in force for one resident with different teams |
/// | HI-PC-0102 | error | no start date |
/// | HI-PC-0103 | error | end before start |
/// | HI-PC-0104 | error | period (or a renewal) longer than the maximum (one year) |
/// | HI-PC-0105 | error | renewal not continuous with the period before it (gap or overlap) |
/// | HI-PC-0106 | error | terminated without a reason |
/// | HI-PC-0107 | warning | status `renewed` without a renewal |
/// | HI-PC-0108 | warning | status in force but the period ended before the as-of date |
/// | HI-PC-0109 | error | package item not in the catalog |
/// | HI-PC-0110 | warning | package not in the catalog |
/// | HI-PC-0111 | warning | key-population code not in the table |
///
/// ```swift
/// let issues = ContractValidator().validate(contracts)
/// for issue in issues where issue.code == "HI-PC-0101" { print(issue.location) }
/// ```
public struct ContractValidator: Sendable {
    /// The options.
    public var options: ContractValidationOptions

    /// Creates a validator.
    public init(options: ContractValidationOptions = ContractValidationOptions()) { self.options = options }

    /// Checks every contract and the set as a whole (overlaps).
    public func validate(_ contracts: [FamilyDoctorContract]) -> [Issue] {
        var issues: [Issue] = []
        for (index, contract) in contracts.enumerated() {
            issues += validate(contract, record: contracts.count > 1 ? index + 1 : nil)
        }
        issues += overlaps(contracts)
        return issues
    }

    /// Checks one contract on its own.
    public func validate(_ contract: FamilyDoctorContract, record: Int? = nil) -> [Issue] {
        var issues: [Issue] = []
        func add(_ severity: Severity, _ code: IssueCode, _ message: String, _ path: String) {
            issues.append(Issue(severity, code: code, message, at: Self.location(contract, record: record, path: path)))
        }
        if let start = contract.start {
            if let end = contract.end, end < start {
                add(.error, "HI-PC-0103", "签约结束日期早于开始日期 / contract end date is before its start date", "contract.end")
            } else if (contract.years ?? 0) > options.maximumYears
                || ContractPeriod.initialPeriod(contract).map({ period in
                    ContractPeriod.end(start: start, years: options.maximumYears).map { period.upperBound > $0 } ?? true
                }) ?? true
            {
                add(
                    .error, "HI-PC-0104",
                    "签约周期超过\(options.maximumYears)年，应以续约延长 / contract period is longer than "
                        + "\(options.maximumYears) year(s); extend it by renewal",
                    contract.end == nil ? "contract.years" : "contract.end")
            }
        } else {
            add(.error, "HI-PC-0102", "缺少签约开始日期 / contract has no start date", "contract.start")
        }
        issues += renewalIssues(contract, record: record)
        switch contract.lifecycleStatus {
        case .terminated:
            if (contract.statusReason?.code ?? "").isEmpty && (contract.statusReason?.display ?? "").isEmpty {
                add(.error, "HI-PC-0106", "解约缺少原因 / terminated contract has no reason", "contract.statusReason")
            }
        case .renewed where contract.renewals.isEmpty:
            add(.warning, "HI-PC-0107", "状态为已续约但无续约记录 / status is renewed but there is no renewal", "contract.status")
        default: break
        }
        if let asOf = options.asOf, contract.lifecycleStatus?.isInForce ?? true,
            let period = ContractPeriod.effectivePeriod(contract), period.upperBound < asOf
        {
            add(
                .warning, "HI-PC-0108", "签约周期已结束但状态仍为有效 / period has ended but the status is still in force",
                "contract.status")
        }
        for (packageIndex, package) in contract.packages.enumerated() {
            let known = options.catalog.package(package.code)
            if known == nil {
                add(
                    .warning, "HI-PC-0110", "服务包不在服务包目录中 / service package is not in the catalog",
                    "contract.packages[\(packageIndex)].code")
            }
            for (itemIndex, item) in package.items.enumerated() where options.catalog.item(item.code) == nil {
                add(
                    options.unknownItemSeverity, "HI-PC-0109",
                    "服务项目不在服务包目录中 / service item is not in the catalog",
                    "contract.packages[\(packageIndex)].items[\(itemIndex)].code")
            }
        }
        for (index, category) in contract.keyPopulations.enumerated()
        where category.system == KeyPopulationCategory.system && KeyPopulationCategory.coded(category.code) == nil {
            add(
                .warning, "HI-PC-0111", "重点人群分类代码未知 / unknown key-population code",
                "contract.keyPopulations[\(index)]")
        }
        return issues
    }

    private func renewalIssues(_ contract: FamilyDoctorContract, record: Int?) -> [Issue] {
        guard var previous = ContractPeriod.initialPeriod(contract) else { return [] }
        var issues: [Issue] = []
        for (index, renewal) in contract.renewals.enumerated() {
            let path = "contract.renewals[\(index)]"
            guard let period = ContractPeriod.period(renewal), let start = renewal.start else {
                issues.append(
                    Issue(
                        .error, code: "HI-PC-0105", "续约缺少有效的起止日期 / renewal has no valid period",
                        at: Self.location(contract, record: record, path: path)))
                continue
            }
            if start != ContractPeriod.adding(days: 1, to: previous.upperBound) {
                let gap = ContractPeriod.days(from: previous.upperBound, to: start) - 1
                let what = gap > 0 ? "gap of \(gap) day(s)" : "overlap of \(-gap) day(s)"
                issues.append(
                    Issue(
                        .error, code: "HI-PC-0105",
                        "续约期与上一周期不连续 / renewal is not continuous with the period before it (\(what))",
                        at: Self.location(contract, record: record, path: path + ".start")))
            }
            if let longest = ContractPeriod.end(start: start, years: options.maximumYears),
                period.upperBound > longest || (renewal.years ?? 0) > options.maximumYears
            {
                issues.append(
                    Issue(
                        .error, code: "HI-PC-0104",
                        "续约周期超过\(options.maximumYears)年 / renewal is longer than \(options.maximumYears) year(s)",
                        at: Self.location(contract, record: record, path: path)))
            }
            previous = period
        }
        return issues
    }

    /// Overlapping contracts in force with different teams, per covered resident: a sweep in start order
    /// keeping the two latest-ending contracts of distinct teams (O(n log n)).
    private func overlaps(_ contracts: [FamilyDoctorContract]) -> [Issue] {
        typealias Entry = (index: Int, team: String, period: ClosedRange<CalendarDate>)
        var byResident: [String: [Entry]] = [:]
        for (index, contract) in contracts.enumerated() where contract.lifecycleStatus?.isInForce ?? true {
            guard let period = ContractPeriod.effectivePeriod(contract) else { continue }
            let team = Self.teamKey(contract)
            for resident in contract.coveredResidents {
                guard let key = ResidentKey.of(resident) else { continue }
                byResident[key, default: []].append((index, team, period))
            }
        }
        var issues: [Issue] = []
        var reported = Set<Int>()
        for key in byResident.keys.sorted() {
            guard let entries = byResident[key], entries.count > 1 else { continue }
            let sorted = entries.sorted { ($0.period.lowerBound, $0.index) < ($1.period.lowerBound, $1.index) }
            var first: Entry?
            var second: Entry?
            for entry in sorted {
                let clash = [first, second].compactMap { $0 }.first {
                    $0.team != entry.team && $0.period.upperBound >= entry.period.lowerBound
                }
                if let clash, !reported.contains(entry.index) {
                    reported.insert(entry.index)
                    let other = contracts.count > 1 ? " (record \(clash.index + 1))" : ""
                    issues.append(
                        Issue(
                            .error, code: "HI-PC-0101",
                            "同一居民在不同团队有重叠的有效签约 / resident has overlapping contracts in force with "
                                + "different teams\(other)",
                            at: Self.location(contracts[entry.index], record: entry.index + 1, path: "contract.start")))
                }
                // Keep the two latest-ending entries of distinct teams.
                if let current = first, current.team == entry.team {
                    if entry.period.upperBound > current.period.upperBound { first = entry }
                } else if let second0 = second, second0.team == entry.team {
                    if entry.period.upperBound > second0.period.upperBound { second = entry }
                } else if first == nil {
                    first = entry
                } else if second == nil {
                    second = entry
                } else if let current = second, entry.period.upperBound > current.period.upperBound {
                    second = entry
                }
                if let a = first, let b = second, b.period.upperBound > a.period.upperBound {
                    first = b
                    second = a
                }
            }
        }
        return issues
    }

    static func teamKey(_ contract: FamilyDoctorContract) -> String {
        guard let team = contract.team else { return "" }
        if let identifier = team.identifiers.first(where: { !$0.value.isEmpty }) { return "id:" + identifier.value }
        return "name:" + (team.name ?? "") + "@" + (team.organization?.name ?? "")
    }

    static func location(_ contract: FamilyDoctorContract, record: Int?, path: String) -> SourceLocation {
        let source = contract.provenance.location
        return SourceLocation(file: source.file, record: record ?? source.record, path: path)
    }
}

/// One key per resident for matching contracts, follow-ups and reports: the resident ID number when there
/// is one, else the first other identifier.
enum ResidentKey {
    static func of(_ resident: Resident) -> String? {
        if let id = resident.identifier(.residentIDCard), !id.value.isEmpty { return "id:" + id.value.uppercased() }
        if let other = resident.identifiers.first(where: { !$0.value.isEmpty }) {
            return other.kind.rawValue + ":" + other.value
        }
        return nil
    }
}
