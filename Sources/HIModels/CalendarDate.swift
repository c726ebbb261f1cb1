/// A calendar date without time or zone (birth dates, report dates), validated.
///
/// ```swift
/// let date = CalendarDate(year: 1963, month: 3, day: 12)
/// print(date?.description ?? "")                           // 1963-03-12
/// print(CalendarDate(year: 2023, month: 2, day: 29) == nil)  // true
/// ```
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year (1–9999).
    public let year: Int
    /// The month (1–12).
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// Creates a date; `nil` when it is not a calendar date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYYMMDD` or `YYYY-MM-DD`; `nil` otherwise.
    public init?(_ text: String) {
        let digits = text.utf8.filter { $0 != 0x2D }
        guard digits.count == 8, text.utf8.count == 8 || text.utf8.count == 10,
            digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        self.init(year: number(0..<4), month: number(4..<6), day: number(6..<8))
    }

    /// Days in `month` of `year` (Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Today's date in UTC+8 (China Standard Time), from the system clock.
    public static func todayInChina() -> CalendarDate {
        let seconds = Int(Clock.secondsSince1970()) + 8 * 3600
        return CalendarDate(daysSince1970: seconds / 86_400)
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// Whole years from this date to `date` (age on `date`).
    public func years(until date: CalendarDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `YYYYMMDD` (HL7 v2 DT, CDA TS).
    public var compact: String { String(description.filter { $0 != "-" }) }
}
