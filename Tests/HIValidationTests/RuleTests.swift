import HICore
import HIModels
import HIValidation
import Testing

@Suite struct LabReportRuleTests {
    let validator: Validator

    init() throws { validator = try Fixtures.validator("cn-lab-report") }

    @Test func theTypicalReportIsShareableWithoutIssues() {
        let report = validator.validate(.labReport(Fixtures.labReport()))
        #expect(report.issues.isEmpty, "\(report.textLines)")
        #expect(report.isShareable)
    }

    @Test func requiredElementsAreReportedWithTheirPaths() {
        var lab = Fixtures.labReport()
        lab.identifiers = []
        lab.reportedAt = nil
        lab.results[3].value = nil
        lab.results[5].value = .quantity(Quantity(value: "30.2"))
        lab.results[7].code = CodedValue(system: "cn-lab-test", code: " ")
        let report = validator.validate(.labReport(lab))
        #expect(
            report.paths("HI-VAL-0101") == [
                "labReport.reportNumber", "labReport.results[7].code", "labReport.results[3].value",
                "labReport.results[5].unit", "labReport.reportedAt",
            ])
        #expect(report.issues("HI-VAL-0101").allSatisfy { $0.severity == .error && $0.level == .structure })
        #expect(!report.isShareable)
        #expect(report.issues("HI-VAL-0101")[0].location.file == "lab.hl7")
        #expect(report.issues("HI-VAL-0101")[0].location.record == 1)
        #expect(report.issues("HI-VAL-0101")[0].location.path == "labReport.reportNumber")
    }

    @Test func aReportWithoutResultsOrResidentIDIsRefused() {
        var lab = Fixtures.labReport()
        lab.results = []
        lab.resident?.identifiers = []
        let report = validator.validate(.labReport(lab))
        #expect(report.paths("HI-VAL-0101") == ["labReport.resident.residentID", "labReport.results"])
        var noResident = Fixtures.labReport()
        noResident.resident = nil
        #expect(
            validator.validate(.labReport(noResident)).paths("HI-VAL-0101") == ["labReport.resident"])
        #expect(!validator.validate(.labReport(noResident)).paths("HI-VAL-0102").contains("labReport.resident"))
    }

    @Test func recommendedElementsAreWarnings() {
        var lab = Fixtures.labReport()
        lab.reviewer = nil
        lab.results[0].status = nil
        let report = validator.validate(.labReport(lab))
        #expect(report.paths("HI-VAL-0102") == ["labReport.reviewer", "labReport.results[0].status"])
        #expect(report.issues("HI-VAL-0102").allSatisfy { $0.severity == .warning })
        #expect(report.isShareable)
    }

    @Test func residentIDCheckCharacter() {
        var lab = Fixtures.labReport()
        lab.resident?.identifiers = [Identifier(kind: .residentIDCard, value: Fixtures.wrongCheckID)]
        lab.resident?.birthDate = Fixtures.date(2011, 1, 1)
        let report = validator.validate(.labReport(lab))
        let issues = report.issues("HI-VAL-0201")
        #expect(issues.count == 1)
        #expect(issues.first?.modelPath == "labReport.resident.identifiers[0]")
        #expect(issues.first?.found == "wrong check character (4201**********1919)")
        #expect(issues.first?.level == .dataType)
        #expect(!report.jsonText.contains(Fixtures.wrongCheckID))
        #expect(!report.operationOutcomeJSON.contains(Fixtures.wrongCheckID))
        // Lower-case x and 15-digit numbers are fine.
        lab.resident?.identifiers = [Identifier(kind: .residentIDCard, value: "44030519900101123x")]
        lab.resident?.birthDate = Fixtures.date(1990, 1, 1)
        #expect(validator.validate(.labReport(lab)).issues("HI-VAL-0201").isEmpty)
    }

    @Test func residentIDRegion() {
        var lab = Fixtures.labReport()
        lab.resident?.identifiers = [Identifier(kind: .residentIDCard, value: Fixtures.unknownRegionID)]
        lab.resident?.birthDate = Fixtures.date(1980, 1, 1)
        var report = validator.validate(.labReport(lab))
        #expect(report.issues("HI-VAL-0310").map(\.found) == ["9999**********0011"])
        #expect(report.issues("HI-VAL-0310").first?.severity == .warning)
        lab.resident?.identifiers = [Identifier(kind: .residentIDCard, value: Fixtures.retiredBeforeBirthID)]
        lab.resident?.birthDate = Fixtures.date(2015, 1, 1)
        report = validator.validate(.labReport(lab))
        #expect(report.issues("HI-VAL-0310").first?.message.contains("retired before the birth date") == true)
        // Retired region, but the number was issued while it was valid: no issue.
        lab.resident?.identifiers = [Identifier(kind: .residentIDCard, value: "110103198001010013")]
        lab.resident?.birthDate = Fixtures.date(1980, 1, 1)
        #expect(validator.validate(.labReport(lab)).issues("HI-VAL-0310").isEmpty)
    }

    @Test func birthDateAndSexAgreeWithTheID() {
        var lab = Fixtures.labReport()
        lab.resident?.birthDate = Fixtures.date(1963, 3, 21)
        lab.resident?.sex = CodedValue(system: "hl7-0001", code: "F")
        let report = validator.validate(.labReport(lab))
        #expect(report.paths("HI-VAL-0501") == ["labReport.resident.birthDate"])
        #expect(report.paths("HI-VAL-0502") == ["labReport.resident.sex"])
        #expect(report.issues("HI-VAL-0502").first?.expected == "GB/T 2261.1 code 1 (from digit 17)")
        #expect(report.issues("HI-VAL-0502").first?.found == "GB/T 2261.1 code 2")
        // The female ID with matching fields passes; FHIR gender codes are understood.
        var female = Fixtures.labReport()
        female.resident?.identifiers = [Identifier(kind: .residentIDCard, value: Fixtures.validFemaleID)]
        female.resident?.birthDate = Fixtures.date(1985, 6, 15)
        female.resident?.sex = CodedValue(system: "http://hl7.org/fhir/administrative-gender", code: "female")
        let passing = validator.validate(.labReport(female))
        #expect(passing.issues.isEmpty, "\(passing.textLines)")
        // Unknown sex (9) is not compared.
        female.resident?.sex = CodedValue(system: "gb-t-2261.1", code: "9")
        #expect(validator.validate(.labReport(female)).issues("HI-VAL-0502").isEmpty)
    }

    @Test func phoneFormats() {
        var lab = Fixtures.labReport()
        lab.resident?.telecom.append(ContactPoint(system: .phone, value: "(0755) 8123 4567"))
        #expect(validator.validate(.labReport(lab)).issues("HI-VAL-0204").isEmpty)
        lab.resident?.telecom.append(ContactPoint(system: .phone, value: "1381234567"))
        lab.resident?.telecom.append(ContactPoint(system: .email, value: "a@example.org"))
        lab.resident?.contacts = [Contact(telecom: [ContactPoint(system: .phone, value: "12345678901")])]
        let issues = validator.validate(.labReport(lab)).issues("HI-VAL-0204")
        #expect(
            issues.map(\.modelPath) == ["labReport.resident.telecom[2]", "labReport.resident.contacts[0].telecom[0]"])
        #expect(issues.first?.found == "********67")
        #expect(issues.first?.message.contains("11 digits") == true)
    }

    /// An HL7 v2 XTN gives the area code without its trunk prefix (`593-6231234`): accepted; a two-digit
    /// "area code" with a six-digit number, or a leading 0 already followed by a short number, is not.
    @Test func phoneAreaCodeWithoutTrunkPrefix() {
        var lab = Fixtures.labReport()
        lab.resident?.telecom = [ContactPoint(system: .phone, value: "593-6231234")]
        #expect(validator.validate(.labReport(lab)).issues("HI-VAL-0204").isEmpty)
        lab.resident?.telecom = [ContactPoint(system: .phone, value: "10-88886666")]
        #expect(validator.validate(.labReport(lab)).issues("HI-VAL-0204").isEmpty)
        lab.resident?.telecom = [ContactPoint(system: .phone, value: "593-623123")]
        #expect(validator.validate(.labReport(lab)).paths("HI-VAL-0204") == ["labReport.resident.telecom[0]"])
        lab.resident?.telecom = [ContactPoint(system: .phone, value: "0593-62312")]
        #expect(validator.validate(.labReport(lab)).paths("HI-VAL-0204") == ["labReport.resident.telecom[0]"])
    }

    @Test func codeBindings() {
        var lab = Fixtures.labReport()
        lab.resident?.sex = CodedValue(system: "gb-t-2261.1", code: "3")
        lab.resident?.maritalStatus = CodedValue(system: "local-marital", code: "M")
        lab.resident?.ethnicity = CodedValue(system: "2.16.156.10011.2.3.3.3", code: "99")
        lab.results[0].abnormalFlag = CodedValue(system: "hl7-0078", code: "HIGH")
        lab.results[1].status = CodedValue(system: "hl7-0085", code: "Z")
        let report = validator.validate(.labReport(lab))
        #expect(report.issues("HI-VAL-0301").first?.found == "code '3' (not in gb-t-2261.1)")
        #expect(report.issues("HI-VAL-0302").first?.found == "code system 'local-marital'")
        #expect(
            report.issues("HI-VAL-0302").first?.expected == "a code of gb-t-2261.2 or hl7-0002 or v3-MaritalStatus")
        #expect(report.issues("HI-VAL-0303").first?.found == "code '99' (not in gb-3304)")
        #expect(report.paths("HI-VAL-0304") == ["labReport.results[0].abnormalFlag"])
        #expect(report.paths("HI-VAL-0305") == ["labReport.results[1].status"])
        #expect(report.issues.filter { $0.level == .valueDomain }.count == 5)
        // A local code with a translation into a bound system passes.
        var translated = Fixtures.labReport()
        translated.resident?.maritalStatus = CodedValue(
            system: "local-marital", code: "M", translations: [CodedValue(system: "hl7-0002", code: "M")])
        #expect(validator.validate(.labReport(translated)).issues("HI-VAL-0302").isEmpty)
    }

    @Test func unitsKnownInUCUM() {
        var lab = Fixtures.labReport()
        lab.results[0].value = .quantity(Quantity(value: "6.2", unit: "个/升"))
        lab.results[1].value = .quantity(Quantity(value: "4.8", unit: "10^12/L", ucum: "10*12/LL"))
        lab.results[2].referenceRange?.unit = "克每升"
        let report = validator.validate(.labReport(lab))
        #expect(
            report.paths("HI-VAL-0308") == [
                "labReport.results[0].value.unit", "labReport.results[1].value.unit",
                "labReport.results[2].referenceRange.unit",
            ])
    }

    @Test func decimalsAndReferenceRanges() {
        var lab = Fixtures.labReport()
        lab.results[0].value = .quantity(Quantity(value: "6,2", unit: "10^9/L"))
        lab.results[1].value = .quantity(Quantity(value: "<0.5", unit: "10^12/L"))
        lab.results[2].referenceRange = ReferenceRange(low: "175", high: "130", unit: "g/L")
        lab.results[3].referenceRange = ReferenceRange(low: "四十", high: "50", unit: "%")
        let report = validator.validate(.labReport(lab))
        #expect(report.paths("HI-VAL-0203") == ["labReport.results[0].value"])
        #expect(
            report.paths("HI-VAL-0205") == [
                "labReport.results[2].referenceRange", "labReport.results[3].referenceRange.low",
            ])
    }

    @Test func timestampsAndTheirOrder() {
        var lab = Fixtures.labReport()
        lab.reportedAt = Timestamp("20261101071500+0800")  // before collection at 07:30
        lab.specimen?.receivedAt = Timestamp("2026-10-31T23:00:00Z")  // 07:00 +08:00, before collection
        lab.orderedAt = Timestamp("2026-13-01")
        let report = validator.validate(.labReport(lab))
        #expect(report.paths("HI-VAL-0202") == ["labReport.orderedAt"])
        #expect(report.paths("HI-VAL-0503") == ["labReport.reportedAt"])
        #expect(report.paths("HI-VAL-0504") == ["labReport.specimen.receivedAt"])
        // Same day at day precision is not "before"; a report on the day of collection passes.
        var dayOnly = Fixtures.labReport()
        dayOnly.reportedAt = Timestamp("20261101")
        #expect(validator.validate(.labReport(dayOnly)).issues("HI-VAL-0503").isEmpty)
        dayOnly.reportedAt = Timestamp("20261031")
        #expect(validator.validate(.labReport(dayOnly)).paths("HI-VAL-0503") == ["labReport.reportedAt"])
    }

    @Test func physiologicallyPossibleRange() {
        var lab = Fixtures.labReport()
        lab.results[15].value = .quantity(Quantity(value: "68", unit: "mmol/L"))  // glucose, mg/dL typed as mmol/L?
        lab.results[16].value = .quantity(Quantity(value: "69", unit: "%"))  // HbA1c 69 % (mmol/mol value)
        lab.results[2].value = .quantity(Quantity(value: "14.5", unit: "g/dL"))  // other unit: not compared
        lab.results[3].value = .quantity(Quantity(value: "95", unit: "%"))  // hematocrit 95 %
        let report = validator.validate(.labReport(lab))
        #expect(
            report.paths("HI-VAL-0505") == [
                "labReport.results[3].value", "labReport.results[15].value", "labReport.results[16].value",
            ])
        let glucose = report.issues("HI-VAL-0505")[1]
        #expect(glucose.expected == "0.5–60 mmol/L")
        #expect(glucose.found == "68 mmol/L")
        // LOINC-coded results are recognised directly.
        var loinc = Fixtures.labReport()
        loinc.results[15].code = CodedValue(system: "http://loinc.org", code: "14749-6")
        loinc.results[15].value = .quantity(Quantity(value: "0.2", unit: "mmol/L"))
        #expect(validator.validate(.labReport(loinc)).paths("HI-VAL-0505") == ["labReport.results[15].value"])
    }

    @Test func abnormalFlagAgreesWithTheRange() {
        var lab = Fixtures.labReport()
        lab.results[0].abnormalFlag = CodedValue(system: "hl7-0078", code: "H")  // 6.2 inside 3.5–9.5
        lab.results[8].abnormalFlag = CodedValue(system: "hl7-0078", code: "N")  // ALT 62 > 50
        lab.results[9].value = .quantity(Quantity(value: "12", unit: "U/L"))  // AST 12 < 15, flag N
        lab.results[15].abnormalFlag = CodedValue(system: "v3-ObservationInterpretation", code: "HH")  // fine
        lab.results[19].abnormalFlag = CodedValue(system: "hl7-0078", code: "POS")  // not a range flag
        let report = validator.validate(.labReport(lab))
        let issues = report.issues("HI-VAL-0506")
        #expect(
            issues.map(\.modelPath) == [
                "labReport.results[0].abnormalFlag", "labReport.results[8].abnormalFlag",
                "labReport.results[9].abnormalFlag",
            ])
        #expect(issues.map(\.expected) == ["N", "H or HH", "L or LL"])
        #expect(issues.map(\.found) == ["H", "N", "N"])
        #expect(issues.allSatisfy { $0.severity == .warning })
        // The value on the limit is inside.
        var edge = Fixtures.labReport()
        edge.results[0].value = .quantity(Quantity(value: "9.5", unit: "×10^9/L"))
        #expect(validator.validate(.labReport(edge)).issues("HI-VAL-0506").isEmpty)
    }

    @Test func aRecordOfTheWrongKindIsReported() {
        let report = validator.validate(.followUp(Fixtures.followUp()))
        #expect(report.codes == ["HI-VAL-0002"])
        #expect(report.issues.first?.expected == "a labReport record")
    }

    @Test func issuesPerRecordAreBounded() throws {
        var options = Fixtures.options
        options.maximumIssuesPerRecord = 10
        let bounded = try Validator(profile: "cn-lab-report", options: options)
        var lab = Fixtures.labReport()
        lab.results = Array(repeating: LabResult(code: CodedValue(system: "cn-lab-test", code: "")), count: 5000)
        let report = bounded.validate(.labReport(lab))
        #expect(report.issues.count == 11)
        #expect(report.issues.last?.code == "HI-VAL-0001")
        #expect(report.issues.last?.message.contains("more issues were not listed") == true)
    }
}

@Suite struct PrimaryCareRuleTests {
    @Test func followUpPassesAndFails() throws {
        let validator = try Fixtures.validator("cn-wst483-hypertension-followup")
        let good = validator.validate(.followUp(Fixtures.followUp()))
        #expect(good.issues.isEmpty, "\(good.textLines)")
        var visit = Fixtures.followUp()
        visit.systolic = 80
        visit.diastolic = 120
        visit.date = Fixtures.date(2026, 12, 1)
        visit.nextDate = Fixtures.date(2026, 11, 1)
        visit.method = CodedValue(system: "ws364-follow-up-method", code: "7")
        visit.classification = CodedValue(system: "ws364-follow-up-classification", code: "9")
        visit.medicationAdherence = CodedValue(system: "ws364-medication-adherence", code: "4")
        visit.heartRate = 400
        visit.weight = Quantity(value: "0.1", unit: "kg")
        let report = validator.validate(.followUp(visit))
        #expect(report.paths("HI-VAL-0508") == ["followUp.systolic"])
        #expect(report.issues("HI-VAL-0508").first?.found == "80/120 mmHg")
        #expect(report.paths("HI-VAL-0509") == ["followUp.date"])
        #expect(report.paths("HI-VAL-0510") == ["followUp.nextDate"])
        #expect(report.paths("HI-VAL-0306") == ["followUp.method"])
        #expect(report.paths("HI-VAL-0307") == ["followUp.classification"])
        #expect(report.paths("HI-VAL-0309") == ["followUp.medicationAdherence"])
        #expect(report.paths("HI-VAL-0505") == ["followUp.heartRate", "followUp.weight"])
        #expect(report.issues("HI-VAL-0505").first?.expected == "20–300 /min")
        // Hypertension requires the blood pressure; the diabetes profile requires the glucose instead.
        visit = Fixtures.followUp()
        visit.systolic = nil
        visit.fastingGlucose = nil
        #expect(validator.validate(.followUp(visit)).paths("HI-VAL-0101") == ["followUp.systolic"])
        let diabetes = try Fixtures.validator("cn-wst483-diabetes-followup")
        let diabetic = diabetes.validate(.followUp(visit))
        #expect(diabetic.paths("HI-VAL-0101") == ["followUp.fastingGlucose"])
        #expect(diabetic.paths("HI-VAL-0102") == ["followUp.systolic"])
    }

    @Test func followUpGlucoseAndSystolicLimits() throws {
        let validator = try Fixtures.validator("cn-wst483-diabetes-followup")
        var visit = Fixtures.followUp(.diabetes)
        visit.fastingGlucose = Quantity(value: "61", unit: "mmol/L")
        visit.systolic = 310
        visit.diastolic = 90
        let report = validator.validate(.followUp(visit))
        #expect(report.paths("HI-VAL-0505") == ["followUp.systolic", "followUp.fastingGlucose"])
        visit.fastingGlucose = Quantity(value: "110", unit: "mg/dL")  // other unit: not compared
        visit.systolic = 300
        #expect(validator.validate(.followUp(visit)).issues("HI-VAL-0505").isEmpty)
    }

    @Test func referralOrganisationsAndReason() throws {
        let validator = try Fixtures.validator("cn-wst483-referral")
        let good = validator.validate(.referral(Fixtures.referral()))
        #expect(good.issues.filter { $0.severity >= .error }.isEmpty, "\(good.textLines)")
        #expect(good.paths("HI-VAL-0507").isEmpty)
        var referral = Fixtures.referral()
        referral.toOrganization = nil
        referral.reason = "  "
        var report = validator.validate(.referral(referral))
        #expect(report.paths("HI-VAL-0507") == ["referral.toOrganization", "referral.reason"])
        #expect(report.paths("HI-VAL-0101") == ["referral.toOrganization", "referral.reason"])
        referral = Fixtures.referral()
        referral.toOrganization = referral.fromOrganization
        report = validator.validate(.referral(referral))
        #expect(report.issues("HI-VAL-0507").map(\.found) == ["same organisation"])
    }

    @Test func contractPeriod() throws {
        let validator = try Fixtures.validator("cn-contract")
        let start = Fixtures.date(2026, 1, 1)
        let good = Fixtures.contract(team: "A", start: start, years: 1, end: Fixtures.date(2026, 12, 31))
        #expect(validator.validate(.contract(good)).issues.isEmpty)
        #expect(
            validator.validate(.contract(Fixtures.contract(team: "A", start: start, years: nil))).issues.isEmpty)
        let backwards = Fixtures.contract(team: "A", start: start, years: nil, end: Fixtures.date(2025, 12, 31))
        #expect(validator.validate(.contract(backwards)).paths("HI-VAL-0511") == ["contract.end"])
        let disagreeing = Fixtures.contract(team: "A", start: start, years: 1, end: Fixtures.date(2027, 6, 30))
        let issue = validator.validate(.contract(disagreeing)).issues("HI-VAL-0511").first
        #expect(issue?.expected == "2026-12-31 (1 year from the start)")
        let zero = Fixtures.contract(team: "A", start: start, years: 0)
        #expect(validator.validate(.contract(zero)).paths("HI-VAL-0511") == ["contract.years"])
    }

    @Test func overlappingContractsWithDifferentTeams() throws {
        let validator = try Fixtures.validator("cn-contract")
        let batch: [ValidationSubject] = [
            .contract(Fixtures.contract(team: "A", start: Fixtures.date(2025, 3, 1))),  // to 2026-02-28
            .contract(Fixtures.contract(team: "B", start: Fixtures.date(2026, 2, 1))),  // overlaps A
            .contract(Fixtures.contract(team: "A", start: Fixtures.date(2026, 3, 1))),  // renewal with A, overlaps B
            .contract(Fixtures.contract(id: Fixtures.validFemaleID, team: "C", start: Fixtures.date(2026, 2, 1))),
            .contract(Fixtures.contract(team: "D", start: Fixtures.date(2026, 4, 1), status: "terminated")),
        ]
        let reports = validator.validate(batch: batch)
        #expect(reports.count == 5)
        #expect(reports.map { $0.issues("HI-VAL-0512").count } == [0, 1, 1, 0, 0])
        #expect(reports[1].issues("HI-VAL-0512").first?.found == "overlap with record 0")
        #expect(reports[2].issues("HI-VAL-0512").first?.found == "overlap with record 1")
        #expect(reports[1].issues("HI-VAL-0512").first?.record == 1)
        // Consecutive contracts with different teams do not overlap; the same team may renew early.
        let consecutive: [ValidationSubject] = [
            .contract(Fixtures.contract(team: "A", start: Fixtures.date(2025, 1, 1))),
            .contract(Fixtures.contract(team: "B", start: Fixtures.date(2026, 1, 1))),
            .contract(Fixtures.contract(team: "B", start: Fixtures.date(2026, 6, 1))),
        ]
        #expect(validator.validate(batch: consecutive).allSatisfy { $0.issues.isEmpty })
        // Single-record validation does not run collection rules.
        #expect(validator.validate(batch[1]).issues.isEmpty)
    }

    @Test func overlapCheckIsLinearishOnLargeBatches() throws {
        let validator = try Fixtures.validator("cn-contract")
        let batch = (0..<600).map { index in
            ValidationSubject.contract(
                Fixtures.contract(team: "T\(index)", start: Fixtures.date(2000 + index / 365, 1 + index % 12, 1)))
        }
        let reports = validator.validate(batch: batch)
        #expect(reports.count == 600)
        #expect(reports.dropFirst().allSatisfy { $0.issues("HI-VAL-0512").count == 1 })
    }

    @Test func examReportAndOutpatientRecord() throws {
        let exam = try Fixtures.validator("cn-exam-report")
        var report = ExamReport(
            kind: CodedValue(system: "local", code: "CT", display: "胸部CT"), resident: Fixtures.resident())
        report.identifiers = [Identifier(kind: .other, value: "EX001")]
        report.findings = "双肺纹理清晰，未见明确结节。"
        report.impression = "胸部CT平扫未见明显异常"
        report.performedAt = Timestamp("20261101093000")
        report.reportedAt = Timestamp("20261101090000")
        let result = exam.validate(.examReport(report))
        #expect(result.paths("HI-VAL-0513") == ["examReport.reportedAt"])
        #expect(result.paths("HI-VAL-0101").isEmpty)

        let outpatient = try Fixtures.validator("cn-outpatient-record")
        var encounter = Encounter(kind: .outpatient, resident: Fixtures.resident())
        encounter.organization = Organization(name: "武汉市第一人民医院")
        encounter.department = CodedValue(system: "local", code: "03", display: "内科")
        encounter.start = Timestamp("202611010900")
        encounter.end = Timestamp("202611010930")
        encounter.diagnoses = [Diagnosis(code: CodedValue(system: "icd-10", code: "I10.x00", display: "高血压"))]
        #expect(
            outpatient.validate(.encounter(encounter)).issues(at: .structure).allSatisfy { $0.severity == .warning })
        encounter.end = Timestamp("202610311200")
        encounter.diagnoses.append(Diagnosis(code: CodedValue(system: "icd-10", code: "")))
        let failing = outpatient.validate(.encounter(encounter))
        #expect(failing.paths("HI-VAL-0513") == ["encounter.end"])
        #expect(failing.paths("HI-VAL-0101") == ["encounter.diagnoses[1].code"])
    }

    @Test func residentProfiles() throws {
        let registration = try Fixtures.validator("cn-resident-registration")
        #expect(registration.validate(.resident(Fixtures.resident())).issues.isEmpty)
        var resident = Fixtures.resident()
        resident.telecom = []
        resident.birthDate = nil
        #expect(
            registration.validate(.resident(resident)).paths("HI-VAL-0101") == ["resident.birthDate", "resident.phone"])
        let adt = try Fixtures.validator("hl7v2-adt")
        let relaxed = adt.validate(.resident(resident))
        #expect(relaxed.paths("HI-VAL-0101") == ["resident.birthDate"])
        #expect(relaxed.paths("HI-VAL-0102") == ["resident.phone"])
        let personal = try Fixtures.validator("cn-wst483-personal-info")
        var record = HealthRecord(
            number: Identifier(kind: .healthRecordNumber, value: "42010600100001"), resident: Fixtures.resident())
        record.managingOrganization = Organization(name: "武昌区中南路街社区卫生服务中心")
        record.createdOn = Fixtures.date(2020, 5, 6)
        let personalReport = personal.validate(.healthRecord(record))
        #expect(personalReport.issues.allSatisfy { $0.code == "HI-VAL-0102" })
        #expect(personalReport.isShareable)
    }
}

@Suite struct HostileInputTests {
    @Test func hugeFieldsAreReportedByLengthQuickly() throws {
        let validator = try Fixtures.validator("cn-lab-report")
        let huge = String(repeating: " ", count: 400_000) + Fixtures.validMaleID
        var lab = Fixtures.labReport()
        lab.resident?.identifiers = [Identifier(kind: .residentIDCard, value: huge)]
        lab.resident?.telecom = [ContactPoint(system: .phone, value: String(repeating: "1", count: 300_000))]
        lab.reportedAt = Timestamp(String(repeating: "2", count: 300_000))
        lab.results[0].value = .quantity(Quantity(value: String(repeating: "9", count: 300_000), unit: "10^9/L"))
        let clock = ContinuousClock()
        let start = clock.now
        let report = validator.validate(.labReport(lab))
        #expect(clock.now - start < .seconds(2))
        #expect(report.issues("HI-VAL-0201").first?.found == "wrong length (400018 bytes)")
        #expect(report.issues("HI-VAL-0204").first?.found == "300000 bytes")
        #expect(report.paths("HI-VAL-0202") == ["labReport.reportedAt"])
        #expect(report.paths("HI-VAL-0203") == ["labReport.results[0].value"])
        #expect(report.jsonText.utf8.count < 20_000)
    }
}
