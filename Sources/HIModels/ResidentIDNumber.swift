public import HICore
public import HITerminology

/// A resident identity card number (公民身份号码, GB 11643-1999): six-digit region code (GB/T 2260), birth date
/// `YYYYMMDD`, three-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
///
/// Parsing checks the length, the characters, the check character, the birth date (a real date, not in the
/// future, not before 1880) and the region (in any GB/T 2260 revision; a code that exists only in earlier
/// revisions is accepted and reported as retired, with its validity). Fifteen-digit numbers (before 1999)
/// are upgraded: `19` is inserted before the two-digit year and the check character computed.
///
/// ``description`` is masked; the full number is ``value``. Errors never contain the number.
///
/// ```swift
/// let id = try ResidentIDNumber(parsing: "420106196303129995")
/// print(id.birthDate, id.sex, id.region?.name ?? "")   // 1963-03-12 male 武昌区
/// print(id)                                            // 4201**********9995
/// let old = try ResidentIDNumber(parsing: "110103630312999")  // 15 digits, region 崇文区 (retired 2010)
/// print(old.wasUpgraded, old.region?.isCurrent ?? true)       // true false
/// ```
public struct ResidentIDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The sex the sequence number encodes.
    ///
    /// ```swift
    /// let sex: ResidentIDNumber.Sex = .female   // even sequence number
    /// ```
    public enum Sex: String, Hashable, Sendable {
        /// Odd sequence number.
        case male
        /// Even sequence number.
        case female
    }

    /// The 18-character number (upgraded when the input had 15 digits), `X` upper-case.
    public let value: String
    /// The six-digit GB/T 2260 region code.
    public let regionCode: String
    /// The birth date.
    public let birthDate: CalendarDate
    /// The three-digit sequence number.
    public let sequence: String
    /// The sex the sequence number encodes.
    public let sex: Sex
    /// `true` when the input had 15 digits.
    public let wasUpgraded: Bool
    /// The region entry that best fits (current, or the one that was valid latest); `nil` when unknown.
    public let region: Region?
    /// Every region entry for the code (several when it was renamed).
    public let regionHistory: [Region]
    /// Findings that do not make the number invalid: retired region (`HI-ID-0008`), region retired before the
    /// birth date (`HI-ID-0009`), upgraded from 15 digits (`HI-ID-0010`), unknown region when allowed.
    public let issues: [Issue]

    /// The weights of ISO 7064 MOD 11-2 for the 17 digits.
    public static let weights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each remainder modulo 11.
    public static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// Parses and checks a number.
    /// - Parameters:
    ///   - text: 18 characters (the last may be `x`/`X`) or 15 digits; surrounding spaces are ignored.
    ///   - tables: the terminology holding the GB/T 2260 region table.
    ///   - options: what to check.
    ///   - location: where the number was found, for errors and issues.
    /// - Throws: ``ModelError`` with the first rule broken.
    public init(
        parsing text: String, tables: TerminologyTables = .builtIn, options: ResidentIDOptions = ResidentIDOptions(),
        at location: SourceLocation = .unknown
    ) throws(ModelError) {
        let all = Array(text.utf8)
        let start = all.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? all.endIndex
        let end = (all.lastIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }).map { $0 + 1 } ?? start
        var bytes = Array(all[start..<max(start, end)])
        guard bytes.count == 18 || bytes.count == 15 else {
            throw ModelError(
                .wrongLength,
                "a resident ID number has 18 characters (or 15 digits before 1999), this has \(bytes.count)",
                at: location)
        }
        var issues: [Issue] = []
        let upgraded = bytes.count == 15
        for (index, byte) in bytes.enumerated() {
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isCheckX = index == 17 && (byte == 0x58 || byte == 0x78)
            guard isDigit || isCheckX else {
                throw ModelError(
                    .invalidCharacter,
                    "character \(index + 1) must be a digit" + (index == 17 ? " or X" : ""), at: location)
            }
        }
        if upgraded {
            bytes.insert(contentsOf: [0x31, 0x39], at: 6)
            bytes.append(Self.checkCharacter(for: bytes[0..<17]))
            issues.append(
                Issue(
                    .information, code: "HI-ID-0010",
                    "15-digit number upgraded to 18 characters (19 inserted, check added)",
                    at: location))
        } else if bytes[17] == 0x78 {
            bytes[17] = 0x58
        }
        if options.checkCheckCharacter, !upgraded, Self.checkCharacter(for: bytes[0..<17]) != bytes[17] {
            throw ModelError(
                .wrongCheckCharacter, "the check character does not match the first 17 digits (ISO 7064 MOD 11-2)",
                at: location)
        }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        guard let birth = CalendarDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else {
            throw ModelError(.impossibleBirthDate, "digits 7–14 are not a calendar date", at: location)
        }
        if birth > options.today {
            throw ModelError(.futureBirthDate, "the birth date (digits 7–14) lies in the future", at: location)
        }
        if birth.year < 1880 {
            throw ModelError(.implausibleBirthDate, "the birth date (digits 7–14) is before 1880", at: location)
        }
        let regionCode = String(decoding: bytes[0..<6], as: UTF8.self)
        let history = tables.regions(code: regionCode)
        if history.isEmpty {
            if options.requireKnownRegion {
                throw ModelError(.unknownRegion, "digits 1–6 are in no GB/T 2260 revision", at: location)
            }
            issues.append(
                Issue(.warning, code: "HI-ID-0004", "digits 1–6 are in no GB/T 2260 revision", at: location))
        } else if let best = history.first, !best.isCurrent {
            issues.append(
                Issue(
                    .information, code: "HI-ID-0008",
                    "region \(regionCode) \(best.name) is retired (valid \(Region.formatRevision(best.firstRevision))"
                        + " to \(Region.formatRevision(best.lastRevision))); numbers issued before stay valid",
                    at: location))
            let latest = history.map(\.lastRevision).max() ?? ""
            let birthMonth = String(decoding: bytes[6..<12], as: UTF8.self)
            if !latest.isEmpty, birthMonth > latest, !history.contains(where: \.isCurrent) {
                issues.append(
                    Issue(
                        .warning, code: "HI-ID-0009",
                        "region \(regionCode) was retired before the birth date; check the number", at: location))
            }
        }
        self.value = String(decoding: bytes, as: UTF8.self)
        self.regionCode = regionCode
        self.birthDate = birth
        self.sequence = String(decoding: bytes[14..<17], as: UTF8.self)
        self.sex = (bytes[16] - 0x30) % 2 == 1 ? .male : .female
        self.wasUpgraded = upgraded
        self.region = history.first
        self.regionHistory = history
        self.issues = issues
    }

    /// The check character for the first 17 digits (ISO 7064 MOD 11-2), as an ASCII byte (`0`–`9`, `X`).
    /// Non-digit bytes count as 0.
    public static func checkCharacter<C: Collection<UInt8>>(for digits: C) -> UInt8 {
        var sum = 0
        for (byte, weight) in zip(digits, weights) where byte >= 0x30 && byte <= 0x39 {
            sum += Int(byte - 0x30) * weight
        }
        return checkCharacters[sum % 11]
    }

    /// The check character for the first 17 characters of `text` as a string (`"7"`, `"X"`), or `nil` when
    /// they are not 17 digits.
    public static func checkCharacter(forPrefixOf text: String) -> String? {
        let bytes = Array(text.utf8.prefix(17))
        guard bytes.count == 17, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(UnicodeScalar(checkCharacter(for: bytes)))
    }

    /// The age in whole years on `date`.
    public func age(on date: CalendarDate) -> Int { birthDate.years(until: date) }

    /// The masked number (`4201**********9995`).
    public var masked: String { PrivacyMask.identifier(value) }

    /// The masked number; use ``value`` for the full number.
    public var description: String { masked }
}

/// What ``ResidentIDNumber`` checks.
///
/// ```swift
/// var options = ResidentIDOptions()
/// options.requireKnownRegion = false     // accept region codes missing from the tables (with a warning)
/// options.today = CalendarDate(year: 2026, month: 1, day: 1)!
/// ```
public struct ResidentIDOptions: Sendable, Hashable {
    /// Reject numbers whose check character is wrong (default `true`).
    public var checkCheckCharacter = true
    /// Reject numbers whose region code is in no GB/T 2260 revision (default `true`); otherwise warn.
    public var requireKnownRegion = true
    /// The date birth dates must not exceed (default: today in China).
    public var today: CalendarDate = .todayInChina()

    /// Creates the default options.
    public init() {}
}
