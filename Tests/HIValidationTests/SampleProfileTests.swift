import HICore
import HIModels
import HITestSupport
import HIValidation
import Testing

@Suite struct SampleProfileTests {
    @Test(arguments: try SampleFiles.list("validation/profiles", extensions: ["json"]))
    func sampleProfilesBuild(_ file: SampleFile) throws {
        let profile = try ValidationProfile(jsonBytes: try file.bytes(), file: file.name)
        let validator = try profile.validator(options: Fixtures.options)
        #expect(validator.profile.chain.first == "cn-base", "\(file.name)")
        #expect(file.name.hasPrefix(profile.name), "file name matches the profile name")
    }

    @Test func siteLabProfileIsStricterThanTheNationalOne() throws {
        let file = SampleFiles.samplesRoot.appendingPathComponent("validation/profiles/site-lab-report.json")
        let site = try ValidationProfile(contentsOfFile: file.path).validator(options: Fixtures.options)
        var lab = Fixtures.labReport()
        lab.reviewer = nil
        lab.results[0].abnormalFlag = CodedValue(system: "hl7-0078", code: "H")
        lab.resident?.sex = CodedValue(system: "http://hl7.org/fhir/administrative-gender", code: "male")
        let report = site.validate(.labReport(lab))
        #expect(report.codes == ["HI-VAL-0101", "HI-VAL-0301", "HI-VAL-0506"])
        #expect(report.issues.allSatisfy { $0.severity == .error })
        let national = try Fixtures.validator("cn-lab-report").validate(.labReport(lab))
        #expect(national.codes == ["HI-VAL-0102", "HI-VAL-0506"])
        #expect(national.isShareable)
    }

    @Test func relaxedRegistrationAcceptsPassportHolders() throws {
        let file = SampleFiles.samplesRoot.appendingPathComponent("validation/profiles/relaxed-registration.json")
        let relaxed = try ValidationProfile(contentsOfFile: file.path).validator(options: Fixtures.options)
        var resident = Fixtures.resident()
        resident.identifiers = [Identifier(kind: .passport, value: "E12345678")]
        resident.telecom = []
        let report = relaxed.validate(.resident(resident))
        #expect(report.codes == ["HI-VAL-0102"])
        #expect(report.isShareable)
        #expect(try Fixtures.validator("cn-resident-registration").validate(.resident(resident)).isShareable == false)
    }
}

/// Timestamp spellings the format rule (`HI-VAL-0202`) accepts and refuses, checked through a lab report.
@Suite struct TimestampFormatTests {
    static let acceptedTexts = [
        "2026", "202611", "20261101", "202611010730", "20261101073000", "20261101073000.123", "20261101073000+0800",
        "20261101073000-0500", "2026-11-01", "2026-11-01T07:30", "2026-11-01T07:30:00", "2026-11-01T07:30:00Z",
        "2026-11-01T07:30:00.5+08:00", "2026-11-01 07:30:00", "2024-02-29",
    ]
    static let refusedTexts = [
        "", "26", "2026-13-01", "20230229", "20261101253000", "2026-11-01T7:30", "2026/11/01", "20261101+08",
        "2026-11-01T07:30:00+0", "2026年11月1日", "20261101073000.", "2026-11-01T07:60",
    ]

    func issues(_ text: String) throws -> [ValidationIssue] {
        var lab = Fixtures.labReport()
        lab.orderedAt = Timestamp(text)
        return try Fixtures.validator("cn-lab-report").validate(.labReport(lab)).issues("HI-VAL-0202")
    }

    @Test(arguments: acceptedTexts) func accepted(_ text: String) throws {
        #expect(try issues(text).isEmpty, "\(text)")
    }

    @Test(arguments: refusedTexts) func refused(_ text: String) throws {
        let found = try issues(text)
        #expect(found.map(\.modelPath) == ["labReport.orderedAt"], "\(text)")
    }

    @Test func zonesAreComparedAsInstants() throws {
        var lab = Fixtures.labReport()
        lab.specimen?.collectedAt = Timestamp("2026-11-01T02:00:00Z")  // 10:00 in China
        lab.reportedAt = Timestamp("20261101093000+0800")  // 01:30Z, before collection
        let report = try Fixtures.validator("cn-lab-report").validate(.labReport(lab))
        #expect(report.paths("HI-VAL-0503") == ["labReport.reportedAt"])
        lab.reportedAt = Timestamp("20261101103000")  // no zone: +08:00 assumed, after collection
        #expect(try Fixtures.validator("cn-lab-report").validate(.labReport(lab)).issues("HI-VAL-0503").isEmpty)
    }
}

/// Decimal spellings the numeric rule (`HI-VAL-0203`) accepts and refuses.
@Suite struct DecimalFormatTests {
    @Test(arguments: ["5", "5.6", "-0.5", "+12", ".5", "5.", "<0.5", ">=1000", " 6.2 ", "0.000000000000000001"])
    func accepted(_ text: String) throws {
        var lab = Fixtures.labReport()
        lab.results[0].value = .quantity(Quantity(value: text, unit: "10^9/L"))
        #expect(try Fixtures.validator("cn-lab-report").validate(.labReport(lab)).issues("HI-VAL-0203").isEmpty)
    }

    @Test(arguments: ["", "阴性", "5,6", "1e3", "5.6.7", "--5", "<", "+", "NaN", "0x10", "5 6"])
    func refused(_ text: String) throws {
        var lab = Fixtures.labReport()
        lab.results[0].value = .quantity(Quantity(value: text, unit: "10^9/L"))
        let paths = try Fixtures.validator("cn-lab-report").validate(.labReport(lab)).paths("HI-VAL-0203")
        #expect(paths == ["labReport.results[0].value"], "\(text)")
    }
}
