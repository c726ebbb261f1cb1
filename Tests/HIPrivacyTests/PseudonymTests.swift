import HIModels
import HIPrivacy
import Testing

@Suite struct PseudonymTests {
    static let deidentifier = Deidentifier(options: DeidentificationOptions(key: Array("test key 0123456789".utf8)))

    @Test(arguments: ["11010519491231002X", "330102195603120114", "350922201608032149", "110105491231002"])
    func residentIDKeepsRegionSexAndIsValid(_ original: String) throws {
        let pseudonym = try #require(Self.deidentifier.pseudonymousResidentID(original, dateOffset: 37))
        #expect(pseudonym != original)
        #expect(pseudonym.utf8.count == 18)
        #expect(pseudonym.prefix(6) == original.prefix(6))
        var options = ResidentIDOptions()
        options.requireKnownRegion = false
        let parsed = try ResidentIDNumber(parsing: pseudonym, options: options)
        let source = try ResidentIDNumber(parsing: original, options: options)
        #expect(parsed.sex == source.sex)
        // The birth date moved by exactly the offset.
        let shifted = Deidentifier.shiftDate(source.birthDate.compact, by: 37)
        #expect(parsed.birthDate.compact == shifted)
        // Repeatable with the same key, different with another.
        #expect(Self.deidentifier.pseudonymousResidentID(original, dateOffset: 37) == pseudonym)
        let other = Deidentifier(options: DeidentificationOptions(key: Array("another key".utf8)))
        #expect(other.pseudonymousResidentID(original, dateOffset: 37) != pseudonym)
    }

    @Test func dateShiftLayouts() {
        #expect(Deidentifier.shiftDate("20240310091500+0800", by: -10) == "20240229091500+0800")
        #expect(Deidentifier.shiftDate("2024-03-01", by: -1) == "2024-02-29")
        #expect(Deidentifier.shiftDate("2023-12-31T23:59:00+08:00", by: 1) == "2024-01-01T23:59:00+08:00")
        #expect(Deidentifier.shiftDate("1956/03/12", by: 365) == "1957/03/12")
        #expect(Deidentifier.shiftDate("1956年3月12日", by: 1) == "1956年3月13日")
        #expect(Deidentifier.shiftDate("2026-03-10 10:25", by: 30) == "2026-04-09 10:25")
        #expect(Deidentifier.shiftDate("202403", by: 1) == nil)
        #expect(Deidentifier.shiftDate("20241340", by: 1) == nil)
        #expect(Deidentifier.shiftDate("hello world", by: 1) == nil)
    }

    @Test func dateOffsetIsPerPersonAndInRange() {
        var seen = Set<Int>()
        for person in 0..<200 {
            let offset = Self.deidentifier.dateOffset(forPerson: "person-\(person)")
            #expect((1...180).contains(abs(offset)))
            #expect(Self.deidentifier.dateOffset(forPerson: "person-\(person)") == offset)
            seen.insert(offset)
        }
        #expect(seen.count > 100)
        #expect(seen.contains { $0 < 0 } && seen.contains { $0 > 0 })
    }

    @Test(arguments: ["13859301234", "+86 138 5930 1234", "0591-83012345", "010-62345678-123", "83012345"])
    func phoneKeepsShape(_ original: String) {
        let pseudonym = Self.deidentifier.pseudonymousPhone(original)
        #expect(pseudonym != original)
        #expect(pseudonym.count == original.count)
        #expect(pseudonym.map { $0.isNumber } == original.map { $0.isNumber })
        if original.hasPrefix("138") { #expect(pseudonym.hasPrefix("138")) }
        if original.hasPrefix("0591-") { #expect(pseudonym.hasPrefix("0591-")) }
    }

    @Test(arguments: ["张三", "欧阳小雨", "李秀英", "王", "ZHANG SAN"])
    func namesKeepLengthAndScript(_ original: String) {
        let pseudonym = Self.deidentifier.pseudonymousName(original)
        #expect(pseudonym != original)
        if original.unicodeScalars.allSatisfy(\.isASCII) {
            #expect(pseudonym.split(separator: " ").count == original.split(separator: " ").count)
        } else {
            #expect(pseudonym.count == original.count)
        }
        #expect(pseudonym.unicodeScalars.allSatisfy(\.isASCII) == original.unicodeScalars.allSatisfy(\.isASCII))
        #expect(Self.deidentifier.pseudonymousName(original) == pseudonym)
    }

    @Test func addressKeepsCounty() {
        let pseudonym = Self.deidentifier.pseudonymousAddress("浙江省杭州市上城区清波街道1号")
        #expect(pseudonym.hasPrefix("浙江省杭州市上城区"))
        #expect(!pseudonym.contains("清波"))
    }

    @Test func identifierKeepsCharacterClasses() {
        let pseudonym = Self.deidentifier.pseudonymousIdentifier("QX0099881", dateOffset: 0)
        #expect(pseudonym != "QX0099881")
        #expect(pseudonym.count == 9)
        #expect(pseudonym.prefix(2).allSatisfy(\.isLetter) && pseudonym.dropFirst(2).allSatisfy(\.isNumber))
    }

    @Test func emptyKeyIsRefused() {
        let empty = Deidentifier(options: DeidentificationOptions(key: []))
        #expect(throws: PrivacyError(.missingKey, expected: "")) {
            try empty.deidentify(Array("MSH|^~\\&|A\r".utf8), format: .hl7v2)
        }
    }
}
