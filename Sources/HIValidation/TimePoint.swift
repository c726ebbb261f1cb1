import HIModels

/// A parsed timestamp: HL7 v2 DTM (`YYYY[MM[DD[HH[MM[SS[.S…]]]]]][±ZZZZ]`), CDA TS (same) or ISO 8601 / FHIR
/// (`YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]`, a space instead of `T` accepted). Without a zone the
/// validator's default zone (UTC+8) is assumed.
struct TimePoint: Sendable, Equatable {
    enum Precision: Int, Comparable, Sendable {
        case year, month, day, minute, second
        static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let year: Int
    let month: Int
    let day: Int
    /// Seconds since 1970-01-01T00:00Z (of the first instant the text names).
    let utcSeconds: Int
    let precision: Precision

    /// Parses `text`; `nil` when it is not a timestamp of the forms above.
    init?(_ text: String, defaultZoneMinutes: Int = 480) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, bytes.count <= 40 else { return nil }
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for i in index..<(index + count) {
                guard isDigit(i) else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            index += count
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            if index < bytes.count, bytes[index] == byte {
                index += 1
                return true
            }
            return false
        }
        let iso = bytes.count >= 5 && bytes[4] == 0x2D  // YYYY-
        guard let year = digits(4) else { return nil }
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var precision = Precision.year
        if iso {
            guard skip(0x2D), let m = digits(2) else { return nil }
            month = m
            precision = .month
            if skip(0x2D) {
                guard let d = digits(2) else { return nil }
                day = d
                precision = .day
                if skip(0x54) || skip(0x20) {
                    guard let h = digits(2), skip(0x3A), let mi = digits(2) else { return nil }
                    hour = h
                    minute = mi
                    precision = .minute
                    if skip(0x3A) {
                        guard let s = digits(2) else { return nil }
                        second = s
                        precision = .second
                    }
                }
            }
        } else {
            if isDigit(index) {
                guard let m = digits(2) else { return nil }
                month = m
                precision = .month
                if isDigit(index) {
                    guard let d = digits(2) else { return nil }
                    day = d
                    precision = .day
                    if isDigit(index) {
                        guard let h = digits(2) else { return nil }
                        hour = h
                        precision = .minute
                        if isDigit(index) {
                            guard let mi = digits(2) else { return nil }
                            minute = mi
                        }
                        if isDigit(index) {
                            guard let s = digits(2) else { return nil }
                            second = s
                            precision = .second
                        }
                    }
                }
            }
        }
        if precision == .second, skip(0x2E) {
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        var zoneMinutes = defaultZoneMinutes
        if index < bytes.count {
            if bytes[index] == 0x5A, precision >= .minute {  // Z
                index += 1
                zoneMinutes = 0
            } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
                let sign = bytes[index] == 0x2D ? -1 : 1
                index += 1
                guard let zh = digits(2) else { return nil }
                _ = skip(0x3A)
                guard let zm = digits(2), zh <= 14, zm < 60 else { return nil }
                zoneMinutes = sign * (zh * 60 + zm)
            }
        }
        guard index == bytes.count, CalendarDate(year: year, month: month, day: day) != nil, hour < 24, minute < 60,
            second < 61
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.precision = precision
        let days = Self.daysSince1970(year: year, month: month, day: day)
        self.utcSeconds = days * 86_400 + hour * 3600 + minute * 60 + second - zoneMinutes * 60
    }

    /// Howard Hinnant's days-from-civil.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `true` when this point is certainly before `other`: compared at the coarser precision of the two
    /// (calendar fields below minute precision, instants otherwise).
    func isBefore(_ other: TimePoint) -> Bool {
        let precision = min(self.precision, other.precision)
        switch precision {
        case .year: return year < other.year
        case .month: return (year, month) < (other.year, other.month)
        case .day: return (year, month, day) < (other.year, other.month, other.day)
        case .minute: return utcSeconds / 60 < other.utcSeconds / 60
        case .second: return utcSeconds < other.utcSeconds
        }
    }

    /// The calendar date (local to the text).
    var date: CalendarDate? { CalendarDate(year: year, month: month, day: day) }
}

/// A decimal as written (HL7 NM, FHIR decimal, CDA PQ value): optional comparator, sign, digits, one point.
struct DecimalText: Sendable, Equatable {
    private static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    let comparator: String?
    let value: Double

    init?(_ text: String) {
        let utf8 = text.utf8
        guard var start = utf8.firstIndex(where: { $0 != 0x20 }), let last = utf8.lastIndex(where: { $0 != 0x20 })
        else { return nil }
        let end = utf8.index(after: last)
        var comparator: String?
        let first = utf8[start]
        if first == 0x3C || first == 0x3E {  // < >
            let next = utf8.index(after: start)
            if next < end, utf8[next] == 0x3D {
                comparator = first == 0x3C ? "<=" : ">="
                start = utf8.index(after: next)
            } else {
                comparator = first == 0x3C ? "<" : ">"
                start = next
            }
        }
        guard start < end, utf8.distance(from: start, to: end) <= 40 else { return nil }
        var index = start
        var negative = false
        if utf8[index] == 0x2B || utf8[index] == 0x2D {
            negative = utf8[index] == 0x2D
            index = utf8.index(after: index)
        }
        var digitCount = 0
        var points = 0
        var mantissa = 0
        var fractionDigits = 0
        while index < end {
            let byte = utf8[index]
            if byte >= 0x30 && byte <= 0x39 {
                digitCount += 1
                if digitCount <= 15 { mantissa = mantissa * 10 + Int(byte - 0x30) }
                if points == 1 { fractionDigits += 1 }
            } else if byte == 0x2E {
                points += 1
            } else {
                return nil
            }
            index = utf8.index(after: index)
        }
        guard digitCount > 0, points <= 1 else { return nil }
        let value: Double
        if digitCount <= 15 {
            // Both operands are exact doubles, so the quotient is correctly rounded (as strtod's result).
            let magnitude = Double(mantissa) / Self.powersOfTen[fractionDigits]
            value = negative ? -magnitude : magnitude
        } else {
            guard let parsed = Double(Substring(text.utf8[start..<end])) else { return nil }
            value = parsed
        }
        self.comparator = comparator
        self.value = value
    }
}
