/// Moves a date written at the start of a text by a number of days, keeping its layout.
enum DateShift {
    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`).
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 4, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// `text` with its leading date moved by `days`, or `nil` when it does not start with a full date.
    static func shift(_ text: String, by days: Int) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, let year = number(bytes[0..<4]), year >= 1000 else { return nil }
        var month: Int
        var day: Int
        var end: Int
        var separator: [UInt8]? = nil
        var widths = (2, 2)
        var suffix: [UInt8] = []
        if let m = number(bytes[4..<6]), let d = number(bytes[6..<8]) {
            (month, day, end) = (m, d, 8)
        } else if bytes[4] == 0x2D || bytes[4] == 0x2F {
            // YYYY-MM-DD or YYYY/M/D
            let mark = bytes[4]
            var index = 5
            while index < bytes.count, index < 8, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index < bytes.count, bytes[index] == mark, let m = number(bytes[5..<index]) else { return nil }
            let monthWidth = index - 5
            var dayEnd = index + 1
            while dayEnd < bytes.count, dayEnd < index + 3, bytes[dayEnd] >= 0x30, bytes[dayEnd] <= 0x39 { dayEnd += 1 }
            guard let d = number(bytes[(index + 1)..<dayEnd]) else { return nil }
            (month, day, end) = (m, d, dayEnd)
            separator = [mark]
            widths = (monthWidth, dayEnd - index - 1)
        } else if bytes.count >= 13, bytes[4..<7] == [0xE5, 0xB9, 0xB4][...] {
            // YYYY年M月D日
            var index = 7
            while index < bytes.count, index < 9, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index + 3 <= bytes.count, bytes[index..<(index + 3)] == [0xE6, 0x9C, 0x88][...],
                let m = number(bytes[7..<index])
            else { return nil }
            var dayEnd = index + 3
            while dayEnd < bytes.count, dayEnd < index + 5, bytes[dayEnd] >= 0x30, bytes[dayEnd] <= 0x39 { dayEnd += 1 }
            guard dayEnd + 3 <= bytes.count, bytes[dayEnd..<(dayEnd + 3)] == [0xE6, 0x97, 0xA5][...],
                let d = number(bytes[(index + 3)..<dayEnd])
            else { return nil }
            (month, day, end) = (m, d, dayEnd + 3)
            separator = []
            widths = (index - 7, dayEnd - index - 3)
            suffix = [0xE5, 0xB9, 0xB4]
        } else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(month, year) else { return nil }
        let moved = date(days: Self.days(year: year, month: month, day: day) + days)
        guard (1000...9999).contains(moved.year) else { return nil }
        let rest = String(decoding: bytes[end...], as: UTF8.self)
        let yearText = padded(moved.year, 4)
        switch separator {
        case nil:
            return yearText + padded(moved.month, 2) + padded(moved.day, 2) + rest
        case .some(let mark) where !mark.isEmpty:
            let dash = String(decoding: mark, as: UTF8.self)
            return yearText + dash + padded(moved.month, widths.0) + dash + padded(moved.day, widths.1) + rest
        default:
            _ = suffix
            return yearText + "年" + padded(moved.month, widths.0 == 2 ? 2 : 1) + "月"
                + padded(moved.day, widths.1 == 2 ? 2 : 1) + "日" + rest
        }
    }
}
