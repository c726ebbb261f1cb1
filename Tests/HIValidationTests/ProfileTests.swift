import Foundation
import HICore
import HIModels
import HIValidation
import Testing

@Suite struct ProfileTests {
    @Test(arguments: ProfileLibrary.builtIn.names)
    func everyBuiltInProfileBuilds(_ name: String) throws {
        let validator = try Fixtures.validator(name)
        #expect(validator.profileName == name)
        #expect(validator.profile.chain.first == "cn-base")
        #expect(!validator.appliedRules.isEmpty)
    }

    @Test func theBuiltInLibraryHasThePlatformDocuments() {
        #expect(
            ProfileLibrary.builtIn.names == [
                "cn-base", "cn-contract", "cn-exam-report", "cn-lab-report", "cn-outpatient-record",
                "cn-resident-registration", "cn-wst483-diabetes-followup", "cn-wst483-followup",
                "cn-wst483-health-check", "cn-wst483-hypertension-followup", "cn-wst483-personal-info",
                "cn-wst483-referral", "hl7v2-adt", "hl7v2-oru-r01", "hl7v2-ref-i12",
            ])
        #expect(BuiltInProfiles.jsonTexts.count == 15)
    }

    @Test func aProfileLoadsFromJSONAndRoundTrips() throws {
        let json = """
            {"name": "site-lab", "title": "Site lab rules", "extends": "cn-lab-report",
             "rules": ["HI-VAL-0201", {"id": "HI-VAL-0506", "severity": "error"},
                       {"id": "HI-VAL-0301", "tables": ["gb-t-2261.1"]}],
             "disable": ["HI-VAL-0310"], "required": ["labReport.reviewer"], "optional": ["labReport.reportedAt"]}
            """
        let profile = try ValidationProfile(json: json, file: "site-lab.json")
        #expect(profile.name == "site-lab")
        #expect(profile.extends == "cn-lab-report")
        #expect(profile.rules.map(\.id) == ["HI-VAL-0201", "HI-VAL-0506", "HI-VAL-0301"])
        #expect(profile.rules[1].severity == .error)
        #expect(profile.rules[2].tables == ["gb-t-2261.1"])
        #expect(profile.disable == ["HI-VAL-0310"])
        let again = try ValidationProfile(json: profile.jsonText)
        #expect(again == profile)
    }

    @Test func severityOverridesAndTableBindings() throws {
        let profile = try ValidationProfile(
            json: """
                {"name": "strict", "extends": "cn-lab-report",
                 "rules": [{"id": "HI-VAL-0506", "severity": "error"}, {"id": "HI-VAL-0301", "tables": ["hl7-0001"]}]}
                """)
        let validator = try profile.validator(options: Fixtures.options)
        var lab = Fixtures.labReport()
        lab.results[0].abnormalFlag = CodedValue(system: "hl7-0078", code: "H")
        let report = validator.validate(.labReport(lab))
        #expect(report.issues("HI-VAL-0506").first?.severity == .error)
        #expect(!report.isShareable)
        // Only HL7 0001 is bound now: the GB/T 2261.1 sex code of the fixture is refused.
        #expect(report.issues("HI-VAL-0301").first?.expected == "a code of hl7-0001")
        // The built-in profile keeps its defaults.
        let builtIn = try Fixtures.validator("cn-lab-report").validate(.labReport(lab))
        #expect(builtIn.issues("HI-VAL-0506").first?.severity == .warning)
        #expect(builtIn.isShareable)
    }

    @Test func extensionRelaxesAndAdds() throws {
        let profile = try ValidationProfile(
            json: """
                {"name": "relaxed", "extends": "cn-lab-report", "disable": ["HI-VAL-0201"],
                 "optional": ["resident.residentID"], "required": ["labReport.order"]}
                """)
        let validator = try profile.validator(options: Fixtures.options)
        #expect(validator.profile.chain == ["cn-base", "cn-lab-report", "relaxed"])
        #expect(validator.profile.subject == .labReport)
        #expect(!validator.profile.required.contains("resident.residentID"))
        #expect(validator.profile.required.last == "labReport.order")
        #expect(!validator.appliedRules.contains { $0.rule.id == "HI-VAL-0201" })
        var lab = Fixtures.labReport()
        lab.resident?.identifiers = [Identifier(kind: .residentIDCard, value: Fixtures.wrongCheckID)]
        let report = validator.validate(.labReport(lab))
        #expect(report.issues("HI-VAL-0201").isEmpty)
        #expect(report.paths("HI-VAL-0101") == ["labReport.order"])
        lab.resident?.identifiers = []
        #expect(validator.validate(.labReport(lab)).paths("HI-VAL-0101") == ["labReport.order"])
    }

    @Test func userProfilesAddedToTheLibraryCanBeExtended() throws {
        let site = try ValidationProfile(
            json: #"{"name":"site","extends":"cn-lab-report","required":["labReport.order"]}"#)
        let ward = try ValidationProfile(json: #"{"name":"ward","extends":"site","required":["labReport.orderedBy"]}"#)
        let library = ProfileLibrary.builtIn.adding(site).adding(ward)
        let validator = try Validator(profile: "ward", library: library, options: Fixtures.options)
        #expect(validator.profile.chain == ["cn-base", "cn-lab-report", "site", "ward"])
        let report = validator.validate(.labReport(Fixtures.labReport()))
        #expect(report.paths("HI-VAL-0101") == ["labReport.order", "labReport.orderedBy"])
    }

    @Test func profileErrorsAreClear() throws {
        func error(_ json: String, library: ProfileLibrary = .builtIn) -> ValidationError? {
            do {
                _ = try ValidationProfile(json: json).validator(library: library)
                return nil
            } catch {
                return error
            }
        }
        let unknownRule = error(#"{"name":"x","rules":["HI-VAL-9999"]}"#)
        #expect(unknownRule?.code == .unknownRule)
        #expect(unknownRule?.reason.contains("HI-VAL-9999") == true)
        #expect(unknownRule?.issueCode == "HI-VAL-9003")
        #expect(error(#"{"name":"x","extends":"nope"}"#)?.code == .unknownProfile)
        #expect(
            error(#"{"name":"x","rules":[{"id":"HI-VAL-0301","tables":["no-such-table"]}]}"#)?.code == .unknownTable)
        #expect(error(#"{"name":"x","required":["labReport.colour"]}"#)?.code == .unknownElement)
        #expect(
            error(#"{"name":"x","subject":"followUp","required":["labReport.results"]}"#)?.code == .unknownElement)
        #expect(error(#"{"name":"x","subject":"prescription"}"#)?.code == .unknownSubject)
        #expect(error(#"{"name":"x","rules":[{"id":"HI-VAL-0506","severity":"fatalish"}]}"#)?.code == .invalidProfile)
        #expect(error(#"{"rules":[]}"#)?.reason == "missing key 'name' at the top level")
        #expect(
            error(#"{"name":"x","rules":[{"id":"HI-VAL-0506","severity":"fatalish"}]}"#)?.reason.contains("rules[0]")
                == true)
        #expect(error("{not json")?.code == .invalidProfile)
        let a = try ValidationProfile(json: #"{"name":"a","extends":"b"}"#)
        let b = try ValidationProfile(json: #"{"name":"b","extends":"a"}"#)
        #expect(error(#"{"name":"c","extends":"a"}"#, library: ProfileLibrary([a, b]))?.code == .circularExtension)
        #expect(error(#"{"name":"self","extends":"self"}"#)?.code == .circularExtension)
        #expect(throws: ValidationError(.unknownProfile, "")) { try Validator(profile: "no-such-profile") }
    }

    @Test func profileFilesLoad() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hival-\(getpid()).json").path
        try Data(#"{"name":"file-profile","extends":"cn-contract"}"#.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let profile = try ValidationProfile(contentsOfFile: path)
        #expect(profile.name == "file-profile")
        #expect(throws: ValidationError(.invalidProfile, "")) {
            try ValidationProfile(contentsOfFile: path + ".missing")
        }
    }

    @Test func userAddedRulesRun() throws {
        let rule = ValidationRule(
            id: "SITE-0001", level: .businessRule, severity: .warning, title: "Lab report names its order",
            chineseTitle: "检验报告有医嘱项目", appliesTo: [.labReport]
        ) { subject, context in
            guard case .labReport(let report) = subject, report.order == nil else { return }
            context.report("labReport.order", "add the order code", expected: "an order", found: "absent")
        }
        let registry = try RuleRegistry.builtIn.adding(rule)
        #expect(throws: ValidationError(.duplicateRule, "")) { try registry.adding(rule) }
        #expect(registry.rules.count == RuleRegistry.builtIn.rules.count + 1)
        let profile = try ValidationProfile(json: #"{"name":"site","extends":"cn-lab-report","rules":["SITE-0001"]}"#)
        let validator = try profile.validator(registry: registry, options: Fixtures.options)
        let report = validator.validate(.labReport(Fixtures.labReport()))
        #expect(report.codes == ["SITE-0001"])
        #expect(report.issues.first?.chineseTitle == "检验报告有医嘱项目")
        #expect(report.issues.first?.level == .businessRule)
        var lab = Fixtures.labReport()
        lab.order = CodedValue(system: "local", code: "CBC", display: "血常规")
        #expect(validator.validate(.labReport(lab)).issues.isEmpty)
        // Without the registry the profile does not build.
        #expect(throws: ValidationError(.unknownRule, "")) { try profile.validator() }
    }

    @Test func builtInRulesHaveStableUniqueIDsAndTitles() {
        let rules = RuleRegistry.builtIn.rules
        #expect(rules.count == 30)
        #expect(Set(rules.map(\.id)).count == rules.count)
        for rule in rules {
            #expect(rule.id.rawValue.hasPrefix("HI-VAL-"))
            #expect(!rule.title.isEmpty && !rule.chineseTitle.isEmpty)
        }
        #expect(rules.filter(\.isCollectionRule).map(\.id) == ["HI-VAL-0512"])
        #expect(Validator.elementNames.contains("labReport.results[].unit"))
    }
}
