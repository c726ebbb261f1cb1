/// A date or date-time format such as `yyyy/MM/dd`, `yyyyMMdd`, `yyyy年M月d日` or `yyyy-MM-dd HH:mm`,
/// parsed and formatted by hand (no `DateFormatter` on the hot path).
///
/// Fields: `yyyy` (4 digits), `MM`/`dd`/`HH`/`mm`/`ss` (2 digits), `M`/`d`/`H` (1 or 2 digits); any other
/// character is a literal that must match. Text inside single quotes is literal too.
///
/// ```swift
/// let pattern = DatePattern("yyyy年M月d日")!
/// print(pattern.parseDate("2026年11月20日")!)   // 2026-11-20
/// print(pattern.format(MappedDate(year: 2026, month: 3, day: 5)!))   // 2026年3月5日
/// ```
public struct DatePattern: Hashable, Sendable, CustomStringConvertible {
    enum Field: Hashable, Sendable { case year, month, day, hour, minute, second }
    enum Token: Hashable, Sendable {
        case field(Field, minimum: Int, maximum: Int)
        case literal(Unicode.Scalar)
    }

    /// The pattern text.
    public let text: String
    let tokens: [Token]

    /// `true` when the pattern has a seconds field.
    public var hasSeconds: Bool { tokens.contains { if case .field(.second, _, _) = $0 { true } else { false } } }

    /// `true` when the pattern has an hour field.
    public var hasTime: Bool { tokens.contains { if case .field(.hour, _, _) = $0 { true } else { false } } }

    /// Compiles a pattern; `nil` when it has no year, month and day, or repeats a field.
    public init?(_ text: String) {
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var seen = Set<Field>()
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "'" {
                index += 1
                while index < scalars.count, scalars[index] != "'" {
                    tokens.append(.literal(scalars[index]))
                    index += 1
                }
                index += 1
                continue
            }
            var run = 1
            while index + run < scalars.count, scalars[index + run] == scalar { run += 1 }
            let field: Field?
            switch scalar {
            case "y": field = .year
            case "M": field = .month
            case "d": field = .day
            case "H": field = .hour
            case "m": field = .minute
            case "s": field = .second
            default: field = nil
            }
            if let field {
                guard seen.insert(field).inserted else { return nil }
                if field == .year {
                    guard run == 4 else { return nil }
                    tokens.append(.field(.year, minimum: 4, maximum: 4))
                } else {
                    guard run <= 2 else { return nil }
                    tokens.append(.field(field, minimum: run, maximum: 2))
                }
                index += run
            } else {
                tokens.append(.literal(scalar))
                index += 1
            }
        }
        guard seen.isSuperset(of: [.year, .month, .day]) else { return nil }
        if seen.contains(.second), !seen.contains(.minute) { return nil }
        if seen.contains(.minute), !seen.contains(.hour) { return nil }
        self.text = text
        self.tokens = tokens
    }

    public var description: String { text }

    /// The numbers found for each field (`-1` when the pattern has no such field).
    struct Values {
        var year = -1
        var month = -1
        var day = -1
        var hour = -1
        var minute = -1
        var second = -1

        subscript(field: Field) -> Int? {
            let value: Int
            switch field {
            case .year: value = year
            case .month: value = month
            case .day: value = day
            case .hour: value = hour
            case .minute: value = minute
            case .second: value = second
            }
            return value < 0 ? nil : value
        }

        mutating func set(_ field: Field, _ value: Int) {
            switch field {
            case .year: year = value
            case .month: month = value
            case .day: day = value
            case .hour: hour = value
            case .minute: minute = value
            case .second: second = value
            }
        }
    }

    private func fields(of value: String) -> Values? {
        let scalars = value.unicodeScalars
        var index = scalars.startIndex
        var values = Values()
        for (position, token) in tokens.enumerated() {
            switch token {
            case .literal(let literal):
                guard index < scalars.endIndex, scalars[index] == literal else { return nil }
                index = scalars.index(after: index)
            case .field(let field, let minimum, let maximum):
                // A one-or-two-digit field followed directly by another field takes the minimum (as in
                // `yyyyMd`, which is ambiguous anyway); followed by a literal or the end it takes up to 2.
                var limit = maximum
                if minimum < maximum, position + 1 < tokens.count,
                    case .field = tokens[position + 1]
                {
                    limit = minimum
                }
                var number = 0
                var count = 0
                while count < limit, index < scalars.endIndex, let digit = scalars[index].asciiDigit {
                    number = number * 10 + digit
                    count += 1
                    index = scalars.index(after: index)
                }
                guard count >= minimum else { return nil }
                values.set(field, number)
            }
        }
        guard index == scalars.endIndex else { return nil }
        return values
    }

    /// The date in `value`, or `nil` when it does not match or does not exist (time fields are checked and
    /// dropped).
    public func parseDate(_ value: String) -> MappedDate? {
        guard let fields = fields(of: value), let year = fields[.year], let month = fields[.month],
            let day = fields[.day]
        else { return nil }
        if let hour = fields[.hour], !(0...23).contains(hour) { return nil }
        return MappedDate(year: year, month: month, day: day)
    }

    /// The date-time in `value`, or `nil`; a pattern without a time gives midnight.
    public func parseDateTime(_ value: String) -> MappedDateTime? {
        guard let fields = fields(of: value), let year = fields[.year], let month = fields[.month],
            let day = fields[.day], let date = MappedDate(year: year, month: month, day: day)
        else { return nil }
        return MappedDateTime(
            date: date, hour: fields[.hour] ?? 0, minute: fields[.minute] ?? 0, second: fields[.second])
    }

    /// Formats a date (time fields as zero).
    public func format(_ date: MappedDate) -> String {
        format(year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0)
    }

    /// Formats a date-time.
    public func format(_ dateTime: MappedDateTime) -> String {
        format(
            year: dateTime.date.year, month: dateTime.date.month, day: dateTime.date.day, hour: dateTime.hour,
            minute: dateTime.minute, second: dateTime.second ?? 0)
    }

    private func format(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> String {
        var output = ""
        for token in tokens {
            switch token {
            case .literal(let scalar): output.unicodeScalars.append(scalar)
            case .field(let field, let minimum, _):
                let value: Int
                switch field {
                case .year: value = year
                case .month: value = month
                case .day: value = day
                case .hour: value = hour
                case .minute: value = minute
                case .second: value = second
                }
                output += MappedDate.pad(value, minimum)
            }
        }
        return output
    }

    /// `yyyy-MM-dd`, `yyyy/MM/dd`, `yyyy.MM.dd`, `yyyyMMdd`, `yyyy年M月d日`, `yyyy-M-d`, `yyyy/M/d`: the formats a
    /// date column accepts when its mapping lists none.
    public static let defaultDatePatterns: [DatePattern] = [
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d", "yyyy/M/d",
    ].compactMap(DatePattern.init)

    /// The date-time formats a date-time column accepts when its mapping lists none (the date formats too).
    public static let defaultDateTimePatterns: [DatePattern] =
        [
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm",
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyy年M月d日 H:mm",
        ].compactMap(DatePattern.init) + defaultDatePatterns
}

extension Unicode.Scalar {
    fileprivate var asciiDigit: Int? {
        value >= 0x30 && value <= 0x39 ? Int(value - 0x30) : nil
    }
}
