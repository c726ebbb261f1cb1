/// Replaces direct identifiers with keyed, repeatable pseudonyms, masks free text and shifts dates per
/// person, in HL7 v2, FHIR JSON/NDJSON, CDA documents and tables.
///
/// Every pseudonym is derived from HMAC-SHA-256 of the original value under the key, so the same input
/// and key give the same output, and one person keeps one pseudonym across documents and formats:
/// - resident ID numbers keep their region (first six digits); the birth date is shifted by the person's
///   date offset, the sequence is a pseudonym with the same sex digit parity, and the check character is
///   recomputed (so the pseudonym is a valid GB 11643 number);
/// - names are drawn from built-in lists of common surnames and given-name characters (pinyin for
///   Latin-script names), with the same number of characters;
/// - phone numbers keep a mobile prefix (first three digits) or an area code and get pseudonymous digits;
/// - addresses keep the province, city and county (text up to the county, or the county code) and get a
///   pseudonymous street and house number;
/// - dates move by a per-person offset computed from the HMAC of the person's key (their ID number), so
///   intervals between one person's dates are kept.
///
/// ```swift
/// let deidentifier = Deidentifier(options: DeidentificationOptions(key: Array("secret".utf8)))
/// let result = try deidentifier.deidentify(bytes, format: .hl7v2)
/// print(result.report.changes.count)
/// ```
public struct Deidentifier: Sendable {
    /// The options in force.
    public let options: DeidentificationOptions
    let hmac: HMACSHA256

    /// A de-identifier using `options` (the key must not be empty; ``deidentify(_:format:)`` checks it).
    public init(options: DeidentificationOptions) {
        self.options = options
        self.hmac = HMACSHA256(key: options.key)
    }

    /// A de-identified document and the report of what changed.
    ///
    /// ```swift
    /// let result = try deidentifier.deidentify(bytes, format: .table)
    /// try write(result.bytes)
    /// ```
    public struct Result: Sendable {
        /// The de-identified bytes.
        public var bytes: [UInt8]
        /// What changed.
        public var report: DeidentificationReport
    }

    /// De-identifies one document.
    ///
    /// - Parameters:
    ///   - bytes: the document.
    ///   - format: its format.
    /// - Throws: ``PrivacyError`` when the key is empty or the document does not parse.
    public func deidentify(_ bytes: [UInt8], format: DeidentificationFormat) throws(PrivacyError) -> Result {
        guard !options.key.isEmpty else {
            throw PrivacyError(.missingKey, expected: "a non-empty de-identification key")
        }
        switch format {
        case .hl7v2: return try deidentifyHL7v2(bytes)
        case .fhirJSON: return try deidentifyFHIR(bytes)
        case .ndjson: return try deidentifyNDJSON(bytes)
        case .table: return try deidentifyTable(bytes)
        case .cda: return try deidentifyCDA(bytes)
        case .v3: return try deidentifyV3(bytes)
        }
    }

    // MARK: - Keyed randomness

    /// 32 keyed bytes for `value` in the given domain (a different domain gives unrelated bytes).
    func keyedBytes(_ domain: String, _ value: String, round: Int = 0) -> [UInt8] {
        var message = Array(domain.utf8)
        message.append(0)
        message += Array(value.utf8)
        if round > 0 { message += [0, UInt8(truncatingIfNeeded: round)] }
        return hmac.authenticationCode(for: message)
    }

    /// `count` keyed decimal digits for `value`.
    func keyedDigits(_ domain: String, _ value: String, count: Int, round: Int = 0) -> [UInt8] {
        var digits: [UInt8] = []
        var block = 0
        while digits.count < count {
            for byte in keyedBytes(domain, value, round: round * 1000 + block) where byte < 250 {
                digits.append(0x30 + byte % 10)
                if digits.count == count { break }
            }
            block += 1
        }
        return digits
    }

    /// A keyed number in `0..<bound`.
    func keyedNumber(_ domain: String, _ value: String, below bound: Int, round: Int = 0) -> Int {
        guard bound > 1 else { return 0 }
        let bytes = keyedBytes(domain, value, round: round)
        var number: UInt64 = 0
        for byte in bytes.prefix(8) { number = number << 8 | UInt64(byte) }
        return Int(number % UInt64(bound))
    }

    // MARK: - Dates

    /// The date offset in days for a person, from the HMAC of their key (resident ID, record number…).
    ///
    /// ```swift
    /// let days = deidentifier.dateOffset(forPerson: "11010519491231002X")
    /// ```
    public func dateOffset(forPerson personKey: String) -> Int {
        guard options.dates else { return 0 }
        let range = options.dateShiftDays
        let low = max(0, range.lowerBound)
        let high = max(low, range.upperBound)
        let magnitude = low + keyedNumber("date-offset", personKey, below: high - low + 1)
        return keyedBytes("date-sign", personKey)[0] & 1 == 0 ? magnitude : -magnitude
    }

    /// `text` with its leading date moved by `days`, keeping the layout (`YYYYMMDD…`, `YYYY-MM-DD…`,
    /// `YYYY/MM/DD…`, `YYYY年M月D日…`) and anything after the date (time, zone); `nil` when `text` does not
    /// start with a full date.
    ///
    /// ```swift
    /// Deidentifier.shiftDate("20240310091500+0800", by: -10)   // "20240229091500+0800"
    /// ```
    public static func shiftDate(_ text: String, by days: Int) -> String? {
        DateShift.shift(text, by: days)
    }

    // MARK: - Resident IDs and other identifiers

    /// A pseudonymous GB 11643 resident ID number for `value`: region kept, birth date shifted by
    /// `dateOffset`, keyed sequence with the original's sex parity, valid check character. Returns `nil`
    /// when `value` is not an 18-digit (or 15-digit) ID number with a readable birth date.
    ///
    /// ```swift
    /// let pseudonym = deidentifier.pseudonymousResidentID("11010519491231002X", dateOffset: 30)
    /// ```
    public func pseudonymousResidentID(_ value: String, dateOffset: Int) -> String? {
        let bytes = Array(value.utf8)
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        let upgraded: [UInt8]
        if bytes.count == 18, bytes.prefix(17).allSatisfy(isDigit),
            isDigit(bytes[17]) || bytes[17] == 0x58 || bytes[17] == 0x78
        {
            upgraded = Array(bytes.prefix(17))
        } else if bytes.count == 15, bytes.allSatisfy(isDigit) {
            upgraded = Array(bytes.prefix(6)) + Array("19".utf8) + Array(bytes[6..<15])
        } else {
            return nil
        }
        let birth = String(decoding: upgraded[6..<14], as: UTF8.self)
        guard let shifted = DateShift.shift(birth, by: dateOffset) else { return nil }
        let sexOdd = (upgraded[16] - 0x30) % 2 == 1
        for round in 0..<50 {
            var sequence = keyedDigits("resident-id", value, count: 3, round: round)
            let last = sequence[2] - 0x30
            if (last % 2 == 1) != sexOdd { sequence[2] = 0x30 + (last + 1) % 10 }
            if sequence == [0x30, 0x30, 0x30] || sequence == [0x30, 0x30, 0x31] { continue }
            var digits = Array(upgraded.prefix(6)) + Array(shifted.utf8) + sequence
            digits.append(Self.checkCharacter(digits))
            let result = String(decoding: digits, as: UTF8.self)
            if result != value { return result }
        }
        return nil
    }

    /// The GB 11643 check character of 17 digits.
    static func checkCharacter(_ digits: [UInt8]) -> UInt8 {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (digit, weight) in zip(digits, weights) { sum += Int(digit - 0x30) * weight }
        return Array("10X98765432".utf8)[sum % 11]
    }

    /// Whether `value` is an 18-character resident ID number with a valid check character.
    static func isValidResidentID(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 18, bytes.prefix(17).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let last = bytes[17] == 0x78 ? 0x58 : bytes[17]
        return checkCharacter(Array(bytes.prefix(17))) == last
    }

    /// A pseudonym for any identifier: resident ID numbers as ``pseudonymousResidentID(_:dateOffset:)``;
    /// otherwise each digit and letter is replaced by a keyed one of the same class, other characters kept.
    ///
    /// ```swift
    /// deidentifier.pseudonymousIdentifier("MR0099881", dateOffset: 0)   // e.g. "KX4410725"
    /// ```
    public func pseudonymousIdentifier(_ value: String, dateOffset: Int) -> String {
        if let id = pseudonymousResidentID(value, dateOffset: dateOffset) { return id }
        let bytes = Array(value.utf8)
        for round in 0..<50 {
            let noise = keyedDigits("identifier", value, count: bytes.count, round: round)
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            for (byte, digit) in zip(bytes, noise) {
                let number = digit - 0x30
                switch byte {
                case 0x30...0x39: output.append(0x30 + number)
                case 0x41...0x5A: output.append(0x41 + (byte - 0x41 + 1 + number * 3 + UInt8(round)) % 26)
                case 0x61...0x7A: output.append(0x61 + (byte - 0x61 + 1 + number * 3 + UInt8(round)) % 26)
                default: output.append(byte)
                }
            }
            let result = String(decoding: output, as: UTF8.self)
            if result != value || !bytes.contains(where: { $0 < 0x80 && Self.isAlphanumeric($0) }) { return result }
        }
        return value
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    // MARK: - Phones

    /// A pseudonymous telephone number: a mobile number (`1[3-9]…`, 11 digits, optionally after `+86`/`86`)
    /// keeps its first three digits, a landline its area code (digits before the first `-` or space, or a
    /// leading `0` plus two or three digits), an extension after `-`/`x` is replaced too; every other digit
    /// becomes a keyed digit, separators are kept. E-mail addresses become `user…@example.invalid`.
    ///
    /// ```swift
    /// deidentifier.pseudonymousPhone("13859301234")   // "138" + 8 keyed digits
    /// ```
    public func pseudonymousPhone(_ value: String) -> String {
        if value.contains("@") {
            let digits = String(decoding: keyedDigits("email", value, count: 8), as: UTF8.self)
            return "user\(digits)@example.invalid"
        }
        let bytes = Array(value.utf8)
        let digitPositions = bytes.indices.filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
        guard !digitPositions.isEmpty else { return value }
        let digits = digitPositions.map { bytes[$0] }
        var keep = 0
        var start = 0
        if digits.count >= 13, digits.starts(with: [0x38, 0x36]), digits[2] == 0x31 { start = 2 }
        if digits.count - start >= 11, digits[start] == 0x31, digits[start + 1] >= 0x33 {
            keep = start + 3
        } else if let separator = bytes.firstIndex(where: { $0 == 0x2D || $0 == 0x20 }),
            let firstDigit = digitPositions.first, separator > firstDigit
        {
            keep = digitPositions.filter { $0 < separator }.count
            if keep >= digits.count - 3 { keep = min(keep, 4) }
        } else if digits.first == 0x30 {
            keep = digits.count >= 11 ? 4 : 3
        }
        keep = min(keep, max(0, digits.count - 4))
        for round in 0..<50 {
            let noise = keyedDigits("phone", value, count: digits.count, round: round)
            var output = bytes
            for (number, position) in digitPositions.enumerated() where number >= keep {
                output[position] = noise[number]
            }
            let result = String(decoding: output, as: UTF8.self)
            if result != value { return result }
        }
        return value
    }

    // MARK: - Names

    /// A pseudonymous name with as many characters as `value`: Chinese names get a common surname
    /// (compound surnames of two characters stay two) and common given-name characters; Latin-script names
    /// get pinyin syllables in the original's case. Never equal to `value`.
    ///
    /// ```swift
    /// deidentifier.pseudonymousName("欧阳小雨")   // e.g. "司马丽华"
    /// ```
    public func pseudonymousName(_ value: String) -> String {
        let characters = Array(value)
        guard !characters.isEmpty else { return value }
        let latin = value.unicodeScalars.allSatisfy { $0.isASCII }
        for round in 0..<50 {
            let result: String
            if latin {
                result = latinName(value, round: round)
            } else {
                let compound =
                    characters.count >= 3 && NameLists.compoundSurnames.contains(String(characters.prefix(2)))
                var output =
                    compound
                    ? NameLists.compoundSurnames[
                        keyedNumber("surname2", value, below: NameLists.compoundSurnames.count, round: round)]
                    : String(
                        NameLists.surnames[keyedNumber("surname", value, below: NameLists.surnames.count, round: round)]
                    )
                let givenCount = characters.count - (compound ? 2 : 1)
                let bytes = keyedBytes("given", value, round: round)
                for index in 0..<givenCount {
                    let number = Int(bytes[index % bytes.count]) + index / bytes.count
                    output.append(NameLists.givenCharacters[number % NameLists.givenCharacters.count])
                }
                result = characters.count == 1 ? String(output.prefix(1)) : output
                // The pseudonym's surname differs from the original's too.
                let surnameLength = compound ? 2 : 1
                if characters.count > 1, Array(result).prefix(surnameLength) == characters.prefix(surnameLength) {
                    continue
                }
            }
            if result != value { return result }
        }
        return "***"
    }

    /// A pseudonymous given name or family name part on its own (one HL7 v2 component or FHIR `given`).
    func pseudonymousNamePart(_ value: String, family: Bool) -> String {
        let characters = Array(value)
        guard !characters.isEmpty else { return value }
        if value.unicodeScalars.allSatisfy({ $0.isASCII }) { return latinName(value, round: 0) }
        for round in 0..<50 {
            var output = ""
            if family {
                output =
                    characters.count >= 2
                    ? NameLists.compoundSurnames[
                        keyedNumber("surname2", value, below: NameLists.compoundSurnames.count, round: round)]
                    : String(
                        NameLists.surnames[keyedNumber("surname", value, below: NameLists.surnames.count, round: round)]
                    )
            } else {
                let bytes = keyedBytes("given", value, round: round)
                for index in 0..<characters.count {
                    output.append(
                        NameLists.givenCharacters[Int(bytes[index % bytes.count]) % NameLists.givenCharacters.count])
                }
            }
            if output != value { return output }
        }
        return "***"
    }

    private func latinName(_ value: String, round: Int) -> String {
        let upper = value == value.uppercased()
        let bytes = keyedBytes("latin-name", value, round: round)
        var words: [String] = []
        var index = 0
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            guard !word.isEmpty else {
                words.append("")
                continue
            }
            let syllable = NameLists.pinyin[Int(bytes[index % bytes.count]) % NameLists.pinyin.count]
            index += 1
            words.append(upper ? syllable.uppercased() : syllable.prefix(1).uppercased() + syllable.dropFirst())
        }
        return words.joined(separator: " ")
    }

    // MARK: - Addresses

    /// A pseudonymous street address: the text up to the county-level division (the first `区`, `县` or
    /// `旗`, else the last `市` within it) is kept, the rest becomes a keyed street and house number.
    ///
    /// ```swift
    /// deidentifier.pseudonymousAddress("浙江省杭州市上城区清波街道1号")   // "浙江省杭州市上城区" + street
    /// ```
    public func pseudonymousAddress(_ value: String) -> String {
        let characters = Array(value)
        var keep = 0
        if let county = characters.firstIndex(where: { $0 == "区" || $0 == "县" || $0 == "旗" }) {
            keep = county + 1
        } else if let city = characters.lastIndex(of: "市") {
            keep = city + 1
        } else if let province = characters.firstIndex(where: { $0 == "省" }) {
            keep = province + 1
        }
        let rest = String(characters.dropFirst(keep))
        return String(characters.prefix(keep)) + (rest.isEmpty ? "" : pseudonymousStreet(rest))
    }

    /// A keyed street and house number (`和平路17号`) for the part of an address below the county (the same
    /// text gives the same street, so a FHIR `line` and the end of its `text` stay consistent).
    public func pseudonymousStreet(_ value: String) -> String {
        let street = NameLists.streets[keyedNumber("street", value, below: NameLists.streets.count)]
        let number = 1 + keyedNumber("house", value, below: 199)
        if value.unicodeScalars.allSatisfy({ $0.isASCII }) { return "\(number) \(street.1) Rd" }
        return "\(street.0)\(number)号"
    }

    /// The free-text replacement for the options' policy (`nil` for ``DeidentificationOptions/FreeTextPolicy/keep``).
    var freeTextReplacement: String? {
        switch options.freeText {
        case .mask: "***"
        case .empty: ""
        case .keep: nil
        }
    }

    /// `text` with every occurrence of `original` replaced by `pseudonym`, compared as UTF-8 bytes (not as
    /// Unicode-equivalent strings, whose index ranges can differ in length), or `nil` when there is none.
    static func replacingBytes(of original: String, with pseudonym: String, in text: String) -> String? {
        let sweep = PseudonymSweep([(original, pseudonym)])
        return sweep.apply(to: text)
    }
}

/// Replaces many originals by their pseudonyms in one pass over a text: at each position the longest original
/// that starts there wins. Originals are grouped by their first two bytes and their length, and looked up by
/// hashing the text at that position, so a text costs its length times the number of distinct original
/// lengths sharing a two-byte prefix, not texts × originals (which made a long hostile message quadratic).
///
/// ```swift
/// let sweep = PseudonymSweep([("张三", "李雷"), ("13800001234", "13912345678")])
/// sweep.apply(to: "联系人张三 13800001234")   // "联系人李雷 13912345678"
/// ```
struct PseudonymSweep {
    private struct Key: Hashable {
        var prefix: UInt16
        var length: Int
    }
    /// Pseudonym bytes by original bytes, grouped by first two bytes and length.
    private var groups: [Key: [ArraySlice<UInt8>: [UInt8]]] = [:]
    /// The distinct original lengths for each two-byte prefix, longest first.
    private var lengths: [UInt16: [Int]] = [:]
    private var minimumLength = Int.max

    /// `pairs` of (original, pseudonym); originals shorter than two bytes, unchanged ones and repeats (the
    /// first pseudonym wins) are left out.
    init(_ pairs: [(String, String)]) {
        for (original, pseudonym) in pairs where original != pseudonym {
            let needle = Array(original.utf8)
            guard needle.count >= 2 else { continue }
            let prefix = UInt16(needle[0]) << 8 | UInt16(needle[1])
            let key = Key(prefix: prefix, length: needle.count)
            guard groups[key]?[needle[...]] == nil else { continue }
            if groups[key] == nil { lengths[prefix, default: []].append(needle.count) }
            groups[key, default: [:]][needle[...]] = Array(pseudonym.utf8)
            minimumLength = min(minimumLength, needle.count)
        }
        for prefix in lengths.keys { lengths[prefix]?.sort(by: >) }
    }

    var isEmpty: Bool { groups.isEmpty }

    /// `text` with the originals replaced, or `nil` when none occurs.
    func apply(to text: String) -> String? {
        guard let bytes = apply(to: Array(text.utf8)) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `bytes` with the originals replaced, or `nil` when none occurs.
    func apply(to bytes: [UInt8]) -> [UInt8]? {
        guard !groups.isEmpty, bytes.count >= minimumLength else { return nil }
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while index + 1 < bytes.count {
            let prefix = UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            guard let candidates = lengths[prefix] else {
                index += 1
                continue
            }
            var matched: (length: Int, replacement: [UInt8])? = nil
            for length in candidates where index + length <= bytes.count {
                if let replacement = groups[Key(prefix: prefix, length: length)]?[bytes[index..<(index + length)]] {
                    matched = (length, replacement)
                    break
                }
            }
            guard let matched else {
                index += 1
                continue
            }
            if output.isEmpty { output.reserveCapacity(bytes.count + 16) }
            output += bytes[copied..<index]
            output += matched.replacement
            index += matched.length
            copied = index
        }
        guard copied > 0 else { return nil }
        output += bytes[copied...]
        return output
    }
}
