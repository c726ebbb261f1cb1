import HICore
import HIModels
import HIValidation

/// Realistic synthetic records (invented people; resident IDs with valid check digits unless a test says
/// otherwise).
enum Fixtures {
    static let validMaleID = "420106196303129995"  // 1963-03-12, male, 武昌区
    static let wrongCheckID = "420106201101011919"  // check character should be 7
    static let validFemaleID = "110101198506150027"  // 1985-06-15, female, 东城区
    static let unknownRegionID = "999999198001010011"
    static let retiredBeforeBirthID = "110103201501010014"  // 崇文区 retired 2010, born 2015

    static var options: ValidationOptions {
        var options = ValidationOptions()
        options.today = CalendarDate(year: 2026, month: 11, day: 26)!
        return options
    }

    static func validator(_ profile: String) throws -> Validator {
        try Validator(profile: profile, options: options)
    }

    static func resident(id: String = validMaleID) -> Resident {
        var resident = Resident(
            identifiers: [Identifier(kind: .residentIDCard, value: id)], name: PersonName(text: "王建国"),
            sex: CodedValue(system: "gb-t-2261.1", code: "1", display: "男"),
            birthDate: CalendarDate(year: 1963, month: 3, day: 12))
        resident.telecom = [ContactPoint(system: .phone, value: "138-1234-5678", use: .mobile)]
        resident.ethnicity = CodedValue(system: "gb-3304", code: "01", display: "汉族")
        resident.maritalStatus = CodedValue(system: "gb-t-2261.2", code: "20", display: "已婚")
        resident.addresses = [Address(use: .home, regionCode: "420106", text: "武汉市武昌区中南路1号")]
        return resident
    }

    static func quantityResult(
        _ code: String, _ name: String, _ value: String, _ unit: String, low: String? = nil, high: String? = nil,
        flag: String = "N"
    ) -> LabResult {
        LabResult(
            code: CodedValue(system: "cn-lab-test", code: code, display: name),
            value: .quantity(Quantity(value: value, unit: unit)),
            referenceRange: low == nil && high == nil ? nil : ReferenceRange(low: low, high: high, unit: unit),
            abnormalFlag: CodedValue(system: "hl7-0078", code: flag),
            status: CodedValue(system: "hl7-0085", code: "F"))
    }

    /// A lab report with 20 results (血常规, 肝功能, 肾功能, 血糖, 血脂), all consistent.
    static func labReport(resultCount: Int = 20) -> LabReport {
        var report = LabReport(
            resident: resident(),
            provenance: Provenance(
                format: .hl7v2, documentID: "MSG0001", location: SourceLocation(file: "lab.hl7", record: 1)))
        report.identifiers = [Identifier(kind: .other, value: "LR20261101001")]
        var specimen = Specimen(
            type: CodedValue(system: "local", code: "BLD", display: "静脉血"),
            identifiers: [Identifier(kind: .other, value: "S0001")], collectedAt: Timestamp("20261101073000+0800"))
        specimen.receivedAt = Timestamp("20261101081500+0800")
        report.specimen = specimen
        report.reportedAt = Timestamp("2026-11-01T10:42:00+08:00")
        report.status = CodedValue(system: "hl7-0085", code: "F")
        report.laboratory = Organization(name: "武昌区社区卫生服务中心检验科")
        report.performer = Practitioner(name: PersonName(text: "李检验"))
        report.reviewer = Practitioner(name: PersonName(text: "赵审核"))
        let all: [LabResult] = [
            quantityResult("WBC", "白细胞计数", "6.2", "×10^9/L", low: "3.5", high: "9.5"),
            quantityResult("RBC", "红细胞计数", "4.8", "10^12/L", low: "4.3", high: "5.8"),
            quantityResult("HGB", "血红蛋白", "145", "g/L", low: "130", high: "175"),
            quantityResult("HCT", "红细胞压积", "43.5", "%", low: "40", high: "50"),
            quantityResult("MCV", "平均红细胞体积", "90.1", "fL", low: "82", high: "100"),
            quantityResult("MCH", "平均红细胞血红蛋白含量", "30.2", "pg", low: "27", high: "34"),
            quantityResult("MCHC", "平均红细胞血红蛋白浓度", "335", "g/L", low: "316", high: "354"),
            quantityResult("PLT", "血小板计数", "210", "10^9/L", low: "125", high: "350"),
            quantityResult("ALT", "丙氨酸氨基转移酶", "62", "U/L", low: "9", high: "50", flag: "H"),
            quantityResult("AST", "天门冬氨酸氨基转移酶", "28", "U/L", low: "15", high: "40"),
            quantityResult("TBIL", "总胆红素", "12.5", "μmol/L", low: "0", high: "26"),
            quantityResult("ALB", "白蛋白", "43", "g/L", low: "40", high: "55"),
            quantityResult("CREA", "肌酐", "78", "μmol/L", low: "57", high: "111"),
            quantityResult("UREA", "尿素", "5.1", "mmol/L", low: "3.1", high: "8.0"),
            quantityResult("UA", "尿酸", "380", "μmol/L", low: "208", high: "428"),
            quantityResult("GLU", "血糖", "6.8", "mmol/L", low: "3.9", high: "6.1", flag: "H"),
            quantityResult("HBA1C", "糖化血红蛋白", "6.9", "%", low: "4.0", high: "6.0", flag: "H"),
            quantityResult("TC", "总胆固醇", "5.9", "mmol/L", low: "0", high: "5.2", flag: "H"),
            quantityResult("TG", "甘油三酯", "1.4", "mmol/L", low: "0", high: "1.7"),
            LabResult(
                code: CodedValue(system: "cn-lab-test", code: "U-PRO", display: "尿蛋白"),
                value: .coded(CodedValue(system: "hl7-0078", code: "NEG", display: "阴性")),
                referenceRange: ReferenceRange(text: "阴性"), abnormalFlag: CodedValue(system: "hl7-0078", code: "N"),
                status: CodedValue(system: "hl7-0085", code: "F")),
        ]
        report.results = Array(all.prefix(resultCount))
        return report
    }

    static func followUp(_ disease: FollowUp.Disease = .hypertension) -> FollowUp {
        var visit = FollowUp(
            disease: disease, date: CalendarDate(year: 2026, month: 10, day: 15),
            provenance: Provenance(format: .cda, documentID: "FU-0001", location: SourceLocation(file: "fu.xml")))
        visit.resident = resident()
        visit.method = CodedValue(system: "ws364-follow-up-method", code: "1", display: "门诊")
        visit.classification = CodedValue(system: "ws364-follow-up-classification", code: "1", display: "控制满意")
        visit.medicationAdherence = CodedValue(system: "ws364-medication-adherence", code: "1", display: "规律")
        visit.systolic = 132
        visit.diastolic = 84
        visit.heartRate = 72
        visit.weight = Quantity(value: "68.5", unit: "kg")
        visit.fastingGlucose = Quantity(value: "6.4", unit: "mmol/L")
        visit.nextDate = CalendarDate(year: 2027, month: 1, day: 15)
        visit.doctor = Practitioner(name: PersonName(text: "陈医生"))
        return visit
    }

    static func referral() -> Referral {
        var referral = Referral(direction: .upward, reason: "血压控制不满意，建议上级医院调整用药")
        referral.identifiers = [Identifier(kind: .other, value: "ZZ2026001")]
        referral.resident = resident()
        referral.fromOrganization = Organization(
            name: "武昌区中南路街社区卫生服务中心",
            identifiers: [Identifier(kind: .unifiedSocialCreditCode, value: "12420106MB0000001X")])
        referral.toOrganization = Organization(
            name: "武汉市第一人民医院", identifiers: [Identifier(kind: .unifiedSocialCreditCode, value: "12420100MB0000002Y")])
        referral.date = Timestamp("20261020")
        return referral
    }

    static func contract(
        id: String = validMaleID, team: String, start: CalendarDate, years: Int? = 1, end: CalendarDate? = nil,
        status: String? = "active"
    ) -> FamilyDoctorContract {
        var contract = FamilyDoctorContract(start: start, years: years)
        contract.end = end
        contract.resident = resident(id: id)
        contract.team = CareTeam(name: team, organization: Organization(name: "武昌区中南路街社区卫生服务中心"))
        contract.identifiers = [Identifier(kind: .other, value: "QY-\(team)-\(start.compact)")]
        contract.servicePackage = CodedValue(system: "local", code: "BASIC", display: "基础包")
        contract.status = status.map { CodedValue(system: "local", code: $0) }
        return contract
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }
}

extension ValidationReport {
    func issues(_ code: IssueCode) -> [ValidationIssue] { issues.filter { $0.code == code } }
    func paths(_ code: IssueCode) -> [String] { issues(code).map(\.modelPath) }
}
