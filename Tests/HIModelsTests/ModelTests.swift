import HICore
import HIModels
import HITerminology
import Testing

@Test func calendarDates() {
    #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
    #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
    #expect(CalendarDate("20240315")?.description == "2024-03-15")
    #expect(CalendarDate("2024-03-15")?.compact == "20240315")
    #expect(CalendarDate("2024031") == nil)
    #expect(CalendarDate(daysSince1970: 0).description == "1970-01-01")
    #expect(CalendarDate(daysSince1970: 19_797).description == "2024-03-15")
    #expect(Timestamp("20240315083000+0800").date?.description == "2024-03-15")
    #expect(Timestamp("2024-03-15T08:30:00+08:00").date?.description == "2024-03-15")
}

@Test func codedValueTranslationKeepsTheSource() throws {
    let sex = CodedValue(system: "hl7-0001", code: "F", display: "Female")
    let (value, issues) = try sex.translated(to: "gb-t-2261.1", with: .builtIn)
    #expect(value.code == "2" && value.display == "女" && value.system == "gb-t-2261.1")
    #expect(value.translations.first?.code == "F")
    #expect(issues.isEmpty)
    let unmapped = CodedValue(system: "hl7-0004", code: "R")
    let kept = try unmapped.translated(to: "v3-ActCode", with: .builtIn)
    #expect(kept.value == unmapped)
    #expect(kept.issues.map(\.code) == ["HI-TERM-0003"])
}

@Test func residentModelHoldsEverything() throws {
    var resident = Resident(
        identifiers: [
            Identifier(kind: .residentIDCard, value: "420106196303129995", authority: "2.16.156.10011.1.3"),
            Identifier(kind: .healthRecordNumber, value: "420106001000010001"),
        ],
        name: PersonName(text: "张三"), sex: CodedValue(system: "gb-t-2261.1", code: "1", display: "男"),
        birthDate: CalendarDate(year: 1963, month: 3, day: 12),
        provenance: Provenance(format: .cda, documentID: "DOC1", location: SourceLocation(file: "a.xml")))
    resident.addresses = [Address(use: .home, regionCode: "420106", text: "某某路1号")]
    resident.telecom = [ContactPoint(system: .phone, value: "13812345678", use: .mobile)]
    resident.keyPopulations = KeyPopulation.ageFlags(
        birthDate: try #require(resident.birthDate), on: CalendarDate(year: 2026, month: 11, day: 26)!)
    resident.keyPopulations.insert(.hypertension)
    resident.unmappedFragments = [UnmappedFragment(path: "/ClinicalDocument/recordTarget/x", text: "<x/>")]
    #expect(resident.residentIDNumber?.birthDate == resident.birthDate)
    #expect(resident.identifier(.healthRecordNumber)?.value == "420106001000010001")
    #expect(resident.keyPopulations == [.hypertension])  // 63: not yet elderly
    #expect(resident.telecom.first?.phoneNumber?.kind == .mobile)
    let record = HealthRecord(number: resident.identifier(.healthRecordNumber), resident: resident)
    #expect(record.resident.provenance.format == .cda)
    #expect(
        KeyPopulation.ageFlags(
            birthDate: CalendarDate(year: 2022, month: 1, day: 1)!, on: CalendarDate(year: 2026, month: 1, day: 1)!)
            == [.child])
}

@Test func labReportModel() {
    var report = LabReport()
    report.results = [
        LabResult(
            code: CodedValue(system: "cn-lab-test", code: "WBC", display: "白细胞计数"),
            value: .quantity(Quantity(value: "5.6", unit: "×10^9/L", ucum: "10*9/L")),
            referenceRange: ReferenceRange(low: "3.5", high: "9.5", unit: "10^9/L"),
            abnormalFlag: CodedValue(system: "hl7-0078", code: "N"), status: CodedValue(system: "hl7-0085", code: "F"))
    ]
    #expect(report.results.first?.value == .quantity(Quantity(value: "5.6", unit: "×10^9/L", ucum: "10*9/L")))
    if case .quantity(let quantity) = report.results.first?.value {
        #expect(quantity.decimalValue == 5.6)
    }
    var order = MedicationOrder(medication: CodedValue(system: "local", code: "Y1"))
    order.isLongTermPrescription = true
    order.daysSupplied = 84
    #expect(order.daysSupplied == 84)
}
