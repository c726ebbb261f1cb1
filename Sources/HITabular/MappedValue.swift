/// A typed value that a mapped column produced.
///
/// ```swift
/// let value = MappedValue.quantity(MappedQuantity(value: MappedDecimal("138")!, unit: "mm[Hg]"))
/// print(value)   // 138 mm[Hg]
/// ```
public enum MappedValue: Hashable, Sendable, CustomStringConvertible {
    /// Text as written (also the fallback for a value that did not map; an issue says so).
    case text(String)
    /// A coded value.
    case code(MappedCode)
    /// A calendar date.
    case date(MappedDate)
    /// A date and time of day.
    case dateTime(MappedDateTime)
    /// A decimal with its exact text.
    case decimal(MappedDecimal)
    /// A decimal with a unit.
    case quantity(MappedQuantity)
    /// A yes/no value.
    case boolean(Bool)

    public var description: String {
        switch self {
        case .text(let text): text
        case .code(let code): code.description
        case .date(let date): date.description
        case .dateTime(let dateTime): dateTime.description
        case .decimal(let decimal): decimal.text
        case .quantity(let quantity): quantity.description
        case .boolean(let flag): flag ? "true" : "false"
        }
    }

    /// The text, when this is `.text`.
    public var text: String? { if case .text(let text) = self { text } else { nil } }
    /// The code, when this is `.code`.
    public var code: MappedCode? { if case .code(let code) = self { code } else { nil } }
    /// The date, when this is `.date`.
    public var date: MappedDate? { if case .date(let date) = self { date } else { nil } }
    /// The date-time, when this is `.dateTime`.
    public var dateTime: MappedDateTime? { if case .dateTime(let value) = self { value } else { nil } }
    /// The decimal, when this is `.decimal`.
    public var decimal: MappedDecimal? { if case .decimal(let value) = self { value } else { nil } }
    /// The quantity, when this is `.quantity`.
    public var quantity: MappedQuantity? { if case .quantity(let value) = self { value } else { nil } }
    /// The flag, when this is `.boolean`.
    public var boolean: Bool? { if case .boolean(let flag) = self { flag } else { nil } }
}

/// A code from a code system, such as GB/T 2261.1 `1` 男性.
///
/// ```swift
/// let sex = MappedCode(system: "GB/T 2261.1", code: "1", display: "男性")
/// print(sex)   // GB/T 2261.1#1 男性
/// ```
public struct MappedCode: Hashable, Sendable, CustomStringConvertible {
    /// The code system as the mapping names it (a standard number such as `GB/T 2261.1` or an OID).
    public var system: String?
    /// The code.
    public var code: String
    /// The display text, when the mapping gives one.
    public var display: String?

    /// Creates a code.
    public init(system: String?, code: String, display: String? = nil) {
        self.system = system
        self.code = code
        self.display = display
    }

    public var description: String {
        (system.map { $0 + "#" } ?? "") + code + (display.map { " " + $0 } ?? "")
    }
}

/// A calendar date, validated (month 1–12, day within the month, leap years).
///
/// ```swift
/// let date = MappedDate(year: 2026, month: 11, day: 20)!
/// print(date)   // 2026-11-20
/// ```
public struct MappedDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year (1–9999).
    public let year: Int
    /// The month (1–12).
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// A date; `nil` when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= MappedDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO 8601 `yyyy-MM-dd`.
    public var description: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }

    public static func < (lhs: MappedDate, rhs: MappedDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A date with a time of day (local time, as exports write it; no zone).
///
/// ```swift
/// let time = MappedDateTime(date: MappedDate(year: 2026, month: 3, day: 10)!, hour: 10, minute: 25)!
/// print(time)   // 2026-03-10T10:25
/// ```
public struct MappedDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The date.
    public let date: MappedDate
    /// The hour (0–23).
    public let hour: Int
    /// The minute (0–59).
    public let minute: Int
    /// The second (0–59), when the input had one.
    public let second: Int?

    /// A date-time; `nil` when a part is out of range.
    public init?(date: MappedDate, hour: Int, minute: Int, second: Int? = nil) {
        guard (0...23).contains(hour), (0...59).contains(minute), second.map({ (0...59).contains($0) }) ?? true
        else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// ISO 8601 `yyyy-MM-ddTHH:mm[:ss]`.
    public var description: String {
        date.description + "T" + MappedDate.pad(hour, 2) + ":" + MappedDate.pad(minute, 2)
            + (second.map { ":" + MappedDate.pad($0, 2) } ?? "")
    }

    public static func < (lhs: MappedDateTime, rhs: MappedDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second ?? 0) < (rhs.date, rhs.hour, rhs.minute, rhs.second ?? 0)
    }
}

/// A decimal number kept as its exact text (`7.20` stays `7.20`), validated by hand.
///
/// ```swift
/// let value = MappedDecimal("7.20")!
/// print(value.text, value.doubleValue)   // 7.20 7.2
/// print(MappedDecimal("7,2"))            // nil
/// ```
public struct MappedDecimal: Hashable, Sendable, CustomStringConvertible {
    /// The exact text: an optional sign, digits, an optional fraction.
    public let text: String

    /// A decimal from text such as `-12`, `7.20`, `.5`; `nil` for anything else.
    public init?(_ text: String) {
        var digits = 0
        var sawPoint = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x2B where index == 0, 0x2D where index == 0: continue
            case 0x2E where !sawPoint: sawPoint = true
            case 0x30...0x39: digits += 1
            default: return nil
            }
        }
        guard digits > 0, digits <= 38 else { return nil }
        self.text = text
    }

    /// The value as a `Double` (for statistics; the text is the exact value).
    public var doubleValue: Double { Double(text) ?? .nan }

    public var description: String { text }
}

/// A decimal with a unit (UCUM where the mapping gives one).
///
/// ```swift
/// let glucose = MappedQuantity(value: MappedDecimal("6.8")!, unit: "mmol/L")
/// print(glucose)   // 6.8 mmol/L
/// ```
public struct MappedQuantity: Hashable, Sendable, CustomStringConvertible {
    /// The value.
    public var value: MappedDecimal
    /// The unit, when known.
    public var unit: String?

    /// Creates a quantity.
    public init(value: MappedDecimal, unit: String?) {
        self.value = value
        self.unit = unit
    }

    public var description: String { value.text + (unit.map { " " + $0 } ?? "") }
}
