import HICore
import HIModels
import HITerminology
import Testing

private let fixedToday = CalendarDate(year: 2026, month: 11, day: 26)!

private func options() -> ResidentIDOptions {
    var options = ResidentIDOptions()
    options.today = fixedToday
    return options
}

@Test func corpusResidentIDIsValid() throws {
    let id = try ResidentIDNumber(parsing: "420106196303129995", options: options())
    #expect(id.regionCode == "420106")
    #expect(id.region?.name == "武昌区" && id.region?.isCurrent == true)
    #expect(id.birthDate == CalendarDate(year: 1963, month: 3, day: 12))
    #expect(id.sex == .male)
    #expect(id.issues.isEmpty)
    #expect(id.description == "4201**********9995")
    #expect(id.age(on: fixedToday) == 63)
}

@Test func corpusLabReportIDHasWrongCheckDigit() {
    #expect(throws: ModelError(.wrongCheckCharacter, "")) {
        try ResidentIDNumber(parsing: "420106201101011919", options: options())
    }
    #expect(ResidentIDNumber.checkCharacter(forPrefixOf: "420106201101011919") == "7")
    #expect((try? ResidentIDNumber(parsing: "420106201101011917", options: options()))?.sex == .male)
}

@Test func checkCharacterX() throws {
    let id = try ResidentIDNumber(parsing: " 11010519491231002x ", options: options())
    #expect(id.value == "11010519491231002X")
    #expect(id.sex == .female)
}

@Test func retiredRegionIsValidAndReported() throws {
    let id = try ResidentIDNumber(parsing: "110103198001010021", options: options())
    #expect(id.region?.name == "崇文区")
    #expect(id.region?.isCurrent == false)
    #expect(id.issues.map(\.code) == ["HI-ID-0008"])
    #expect(id.issues.first?.message.contains("2009-12") == true)
    // Born after the code was retired: suspicious, reported.
    let late = try ResidentIDNumber(parsing: "110103201501010014", options: options())
    #expect(late.issues.map(\.code) == ["HI-ID-0008", "HI-ID-0009"])
}

@Test func fifteenDigitNumbersAreUpgraded() throws {
    let id = try ResidentIDNumber(parsing: "110103630312999", options: options())
    #expect(id.wasUpgraded)
    #expect(id.value == "110103196303129993")
    #expect(id.birthDate == CalendarDate(year: 1963, month: 3, day: 12))
    #expect(id.sex == .male)
    #expect(id.issues.map(\.code).contains("HI-ID-0010"))
}

@Test(arguments: [
    ("4201061963031299", ModelError.Code.wrongLength),
    ("42010619630312999A", .invalidCharacter),
    ("4201061963031299X5", .invalidCharacter),
    ("420106196303129994", .wrongCheckCharacter),
    ("420106199302300010", .impossibleBirthDate),
    ("420106209901010011", .futureBirthDate),
    ("999999198001010011", .unknownRegion),
    ("", .wrongLength),
])
func invalidNumbersAreRejected(_ input: String, _ expected: ModelError.Code) {
    do {
        _ = try ResidentIDNumber(parsing: input, options: options())
        Issue.record("accepted an invalid number")
    } catch {
        #expect(error.code == expected)
        // No personal data in the message.
        #expect(!error.description.contains(input) || input.isEmpty)
        #expect(!error.reason.contains("1963") && !error.reason.contains("4201"))
    }
}

@Test func unknownRegionCanBeAllowed() throws {
    var lenient = options()
    lenient.requireKnownRegion = false
    let id = try ResidentIDNumber(parsing: "999999198001010011", options: lenient)
    #expect(id.region == nil)
    #expect(id.issues.map(\.code) == ["HI-ID-0004"])
}

@Test func phoneNumbers() throws {
    let mobile = try PhoneNumber(parsing: "+86 138-1234-5678")
    #expect(mobile.kind == .mobile && mobile.normalized == "13812345678" && mobile.e164 == "+8613812345678")
    #expect(try PhoneNumber(parsing: "008613812345678").normalized == "13812345678")
    #expect(try PhoneNumber(parsing: "8613812345678").normalized == "13812345678")
    let beijing = try PhoneNumber(parsing: "010-12345678")
    #expect(beijing.kind == .landline && beijing.areaCode == "010" && beijing.subscriber == "12345678")
    #expect(beijing.e164 == "+861012345678")
    let shenzhen = try PhoneNumber(parsing: "(0755) 8123 4567")
    #expect(shenzhen.normalized == "0755-81234567")
    #expect(try PhoneNumber(parsing: "+86 755 81234567").normalized == "0755-81234567")
    #expect(try PhoneNumber(parsing: "027-8765432转123").normalized == "027-8765432-123")
    #expect(mobile.description == "138****5678")
    for bad in ["12812345678", "1381234567", "12345", "+1 415 555 0100", "010-0123456", "abc", "0755-123", ""] {
        #expect(throws: ModelError(.invalidPhoneNumber, "")) { try PhoneNumber(parsing: bad) }
    }
}

@Test func masking() {
    #expect(Masking.identifier("420106196303129995") == "4201**********9995")
    #expect(Masking.phone("13812345678") == "138****5678")
    #expect(Masking.name("欧阳娜娜") == "欧***")
    #expect(Identifier(kind: .residentIDCard, value: "420106196303129995").description.contains("9995"))
    #expect(!Identifier(kind: .residentIDCard, value: "420106196303129995").description.contains("19630312"))
    #expect(PersonName(text: "张三").description == "张*")
    #expect(Masking.address(Address(regionCode: "420106", text: "某某路1号")) == "420106 <5 characters>")
}
