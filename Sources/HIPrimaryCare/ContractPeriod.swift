public import HIModels

/// Date arithmetic for contract periods and schedules: whole days, proleptic Gregorian calendar.
///
/// ```swift
/// let start = CalendarDate(year: 2024, month: 3, day: 1)!
/// print(ContractPeriod.end(start: start, years: 1))        // 2025-02-28
/// print(ContractPeriod.days(from: start, to: ContractPeriod.adding(days: 10, to: start)))   // 10
/// ```
public enum ContractPeriod {
    /// Days since 1970-01-01 (negative before).
    public static func daysSince1970(_ date: CalendarDate) -> Int {
        // Howard Hinnant's days-from-civil algorithm.
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let month = date.month
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + date.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `date` plus `days` (may be negative).
    public static func adding(days: Int, to date: CalendarDate) -> CalendarDate {
        CalendarDate(daysSince1970: daysSince1970(date) + days)
    }

    /// Days from `start` to `end` (negative when `end` is earlier).
    public static func days(from start: CalendarDate, to end: CalendarDate) -> Int {
        daysSince1970(end) - daysSince1970(start)
    }

    /// The same day `years` later (28 February for 29 February in a common year).
    public static func adding(years: Int, to date: CalendarDate) -> CalendarDate? {
        CalendarDate(year: date.year + years, month: date.month, day: date.day)
            ?? CalendarDate(year: date.year + years, month: date.month, day: date.day - 1)
    }

    /// The last day of a period of `years` from `start`: start + years − 1 day.
    public static func end(start: CalendarDate, years: Int) -> CalendarDate? {
        guard years >= 0, years <= 100, let next = adding(years: years, to: start) else { return nil }
        return adding(days: -1, to: next)
    }

    /// The first period of `contract` (without renewals): `end` when given, else `years` (default 1).
    public static func initialPeriod(_ contract: FamilyDoctorContract) -> ClosedRange<CalendarDate>? {
        guard let start = contract.start else { return nil }
        guard let last = contract.end ?? end(start: start, years: contract.years ?? 1), last >= start else {
            return nil
        }
        return start...last
    }

    /// The period of one renewal: its `end`, or `years` (default 1) from its start.
    public static func period(_ renewal: ContractRenewal) -> ClosedRange<CalendarDate>? {
        guard let start = renewal.start else { return nil }
        guard let last = renewal.end ?? end(start: start, years: renewal.years ?? 1), last >= start else {
            return nil
        }
        return start...last
    }

    /// The whole period in force: the initial period extended by every renewal that has a period.
    public static func effectivePeriod(_ contract: FamilyDoctorContract) -> ClosedRange<CalendarDate>? {
        guard let initial = initialPeriod(contract) else { return nil }
        var last = initial.upperBound
        for renewal in contract.renewals {
            if let period = period(renewal), period.upperBound > last { last = period.upperBound }
        }
        return initial.lowerBound...last
    }

    /// Whether the contract is in force on `date`: inside its effective period and not terminated or expired
    /// (a terminated contract ends on its status date when that is given).
    public static func isInForce(_ contract: FamilyDoctorContract, on date: CalendarDate) -> Bool {
        guard let period = effectivePeriod(contract), period.contains(date) else { return false }
        switch contract.lifecycleStatus {
        case .terminated:
            guard let ended = contract.statusDate else { return false }
            return date < ended
        case .expired: return false
        default: return true
        }
    }
}
