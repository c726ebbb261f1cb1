public import HIModels

/// Contract and follow-up statistics over a set of records from any format (签约率, 重点人群覆盖率, 随访逾期):
/// the figures behind `hix stats`.
///
/// - Contracted residents: distinct residents (by resident ID number, else their first identifier, else
///   their name) with a contract in force on ``Options/asOf``: signed on or before that day, and not ended
///   (its end date, else its start plus its years, one year when neither is given).
/// - By key population: contracted residents with each ``HIModels/KeyPopulation`` flag (as the records state
///   them, e.g. a contract list's 人群分类), `一般人群` for those with none; coverage against
///   ``Options/populationByGroup``.
/// - By team: contracted residents per contract team name (`未分配团队` without one).
/// - Contract coverage (签约率): contracted residents / ``Options/population``.
/// - Overdue follow-ups: residents with hypertension or diabetes (a key-population flag or a follow-up for
///   that disease) whose last follow-up for it is dated more than 3 months before ``Options/asOf``, or who
///   have none; counted per disease against all such residents.
///
/// ```swift
/// var options = TableStatistics.Options(asOf: CalendarDate(year: 2026, month: 11, day: 26)!)
/// options.population = 1200
/// let statistics = TableStatistics(records: records, options: options)
/// print(statistics.contractedResidents, statistics.coverage ?? 0)   // 6 0.005
/// for figure in statistics.figures { print(figure.section, figure.group, figure.count) }
/// ```
public struct TableStatistics: Hashable, Sendable {
    /// What the figures are computed against.
    ///
    /// ```swift
    /// var options = TableStatistics.Options(asOf: CalendarDate(year: 2026, month: 11, day: 26)!)
    /// options.populationByGroup = ["老年人": 300]
    /// ```
    public struct Options: Hashable, Sendable {
        /// The day the figures are for.
        public var asOf: CalendarDate
        /// The resident population of the area (the denominator of 签约率), when known.
        public var population: Int?
        /// The population of each key-population group, by its Chinese label (`老年人`, `高血压` …) or code
        /// (`elderly`, `hypertension` …).
        public var populationByGroup: [String: Int] = [:]
        /// A follow-up older than this many months before ``asOf`` is overdue.
        public var followUpMonths = 3

        /// Options for the day `asOf`.
        public init(asOf: CalendarDate) {
            self.asOf = asOf
        }
    }

    /// One figure of the report.
    ///
    /// ```swift
    /// let figure = statistics.figures.first { $0.section == .team }
    /// print(figure?.group ?? "", figure?.count ?? 0, figure?.ratio ?? 0)
    /// ```
    public struct Figure: Hashable, Sendable {
        /// The part of the report a figure belongs to.
        ///
        /// ```swift
        /// print(TableStatistics.Section.coverage.label)   // 签约率
        /// ```
        public enum Section: String, Hashable, Sendable, CaseIterable {
            case coverage, keyPopulation, team, overdueFollowUp

            /// The Chinese label.
            public var label: String {
                switch self {
                case .coverage: "签约率"
                case .keyPopulation: "重点人群覆盖率"
                case .team: "团队签约人数"
                case .overdueFollowUp: "随访逾期"
                }
            }
        }

        /// The section.
        public var section: Section
        /// The group: `签约居民`, a key-population label, a team name or a disease label.
        public var group: String
        /// The count.
        public var count: Int
        /// The denominator, when there is one.
        public var denominator: Int?

        /// `count / denominator`, when there is a positive denominator.
        public var ratio: Double? {
            guard let denominator, denominator > 0 else { return nil }
            return Double(count) / Double(denominator)
        }

        /// The ratio as a percentage with two decimals (`12.50%`), or an empty string.
        public var percentText: String {
            guard let ratio else { return "" }
            let hundredths = Int((ratio * 10000).rounded())
            let fraction = String(hundredths % 100)
            return String(hundredths / 100) + "." + (fraction.count < 2 ? "0" : "") + fraction + "%"
        }
    }

    /// The options the figures were computed with.
    public let options: Options
    /// Distinct residents with a contract in force.
    public let contractedResidents: Int
    /// 签约率 (`nil` without a population).
    public var coverage: Double? { figures.first { $0.section == .coverage }?.ratio }
    /// Every figure, section by section (coverage, key populations, teams, overdue follow-ups).
    public let figures: [Figure]

    /// The Chinese labels of the key-population flags, in report order.
    public static let keyPopulationLabels: [(flag: KeyPopulation, code: String, label: String)] = [
        (.elderly, "elderly", "老年人"), (.hypertension, "hypertension", "高血压"), (.diabetes, "diabetes", "糖尿病"),
        (.pregnant, "maternal", "孕产妇"), (.child, "child", "0-6岁儿童"),
        (.severeMentalIllness, "severe-mental-disorder", "严重精神障碍"), (.tuberculosis, "tuberculosis", "肺结核"),
        (.disabled, "disabled", "残疾人"), (.poverty, "poverty", "脱贫人口"),
    ]

    /// The running counts behind the figures: add records one at a time (a stream of any size keeps only
    /// one entry per resident), then build the figures with ``TableStatistics/init(tally:)``.
    ///
    /// ```swift
    /// var tally = TableStatistics.Tally(options: options)
    /// while let row = try stream.next() { row.records.forEach { tally.add($0) } }
    /// let statistics = TableStatistics(tally: tally)
    /// ```
    public struct Tally: Sendable {
        /// The options the figures are computed with.
        public let options: Options
        var flags: [String: KeyPopulation] = [:]
        var order: [String] = []
        var contracted: [String: String] = [:]  // resident key → team
        var lastVisit: [String: CalendarDate] = [:]  // "key|disease" → date

        /// An empty tally.
        public init(options: Options) {
            self.options = options
        }

        private mutating func note(_ resident: Resident?) -> String? {
            guard let resident, let key = TableStatistics.key(resident) else { return nil }
            if flags[key] == nil { order.append(key) }
            flags[key, default: []].formUnion(resident.keyPopulations)
            return key
        }

        /// Counts one record.
        public mutating func add(_ record: ModelRecord) {
            switch record {
            case .contract(let contract):
                guard let key = note(contract.resident), TableStatistics.isInForce(contract, on: options.asOf) else {
                    return
                }
                if contracted[key] == nil { contracted[key] = contract.team?.name ?? "未分配团队" }
            case .followUp(let visit):
                guard let key = note(visit.resident) else { return }
                let flag: KeyPopulation = visit.disease == .hypertension ? .hypertension : .diabetes
                flags[key, default: []].insert(flag)
                let slot = key + "|" + visit.disease.rawValue
                if let date = visit.date, date <= options.asOf, lastVisit[slot].map({ date > $0 }) ?? true {
                    lastVisit[slot] = date
                }
            default:
                _ = note(record.resident)
            }
        }
    }

    /// Computes the figures of `records`.
    public init(records: [ModelRecord], options: Options) {
        var tally = Tally(options: options)
        for record in records { tally.add(record) }
        self.init(tally: tally)
    }

    /// Computes the figures of what `tally` counted.
    public init(tally: Tally) {
        let options = tally.options
        let flags = tally.flags
        let order = tally.order
        let contracted = tally.contracted
        let lastVisit = tally.lastVisit
        self.options = options
        contractedResidents = contracted.count
        var figures: [Figure] = [
            Figure(section: .coverage, group: "签约居民", count: contracted.count, denominator: options.population)
        ]
        let contractedKeys = order.filter { contracted[$0] != nil }
        for entry in Self.keyPopulationLabels {
            let count = contractedKeys.filter { flags[$0]?.contains(entry.flag) ?? false }.count
            let denominator = options.populationByGroup[entry.label] ?? options.populationByGroup[entry.code]
            guard count > 0 || denominator != nil else { continue }
            figures.append(Figure(section: .keyPopulation, group: entry.label, count: count, denominator: denominator))
        }
        let general = contractedKeys.filter { (flags[$0] ?? []).isEmpty }.count
        let generalDenominator = options.populationByGroup["一般人群"] ?? options.populationByGroup["general"]
        if general > 0 || generalDenominator != nil {
            figures.append(
                Figure(section: .keyPopulation, group: "一般人群", count: general, denominator: generalDenominator))
        }
        var teams: [String] = []
        var teamCounts: [String: Int] = [:]
        for key in contractedKeys {
            let team = contracted[key] ?? "未分配团队"
            if teamCounts[team] == nil { teams.append(team) }
            teamCounts[team, default: 0] += 1
        }
        for team in teams.sorted() {
            figures.append(Figure(section: .team, group: team, count: teamCounts[team] ?? 0, denominator: nil))
        }
        let cutoff = Self.date(options.asOf, minusMonths: options.followUpMonths)
        for (disease, flag, label) in [
            (FollowUp.Disease.hypertension, KeyPopulation.hypertension, "高血压"),
            (FollowUp.Disease.diabetes, KeyPopulation.diabetes, "糖尿病"),
        ] {
            let managed = order.filter { flags[$0]?.contains(flag) ?? false }
            guard !managed.isEmpty else { continue }
            let overdue = managed.filter { key in
                guard let last = lastVisit[key + "|" + disease.rawValue] else { return true }
                return last < cutoff
            }
            figures.append(
                Figure(section: .overdueFollowUp, group: label, count: overdue.count, denominator: managed.count))
        }
        self.figures = figures
    }

    /// `true` when `contract` is in force on `day`.
    public static func isInForce(_ contract: FamilyDoctorContract, on day: CalendarDate) -> Bool {
        guard let start = contract.start else { return contract.end.map { $0 >= day } ?? true }
        guard start <= day else { return false }
        if let end = contract.end { return day <= end }
        return day < date(start, minusMonths: -12 * min(max(1, contract.years ?? 1), 100))
    }

    /// `date` moved back `months` months (the day clamped to the month's length).
    public static func date(_ date: CalendarDate, minusMonths months: Int) -> CalendarDate {
        let total = date.year * 12 + (date.month - 1) - months
        let year = total / 12
        let month = total % 12 + 1
        let day = min(date.day, CalendarDate.daysIn(month: month, year: year))
        return CalendarDate(year: year, month: month, day: day) ?? date
    }

    static func key(_ resident: Resident) -> String? {
        if let id = resident.identifier(.residentIDCard)?.value, !id.isEmpty { return "id:" + id.uppercased() }
        if let first = resident.identifiers.first, !first.value.isEmpty {
            return first.kind.rawValue + ":" + first.value
        }
        if let name = resident.names.first?.text, !name.isEmpty { return "name:" + name }
        return nil
    }
}
