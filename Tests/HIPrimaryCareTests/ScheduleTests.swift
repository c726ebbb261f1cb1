import HICore
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

@Suite struct ScheduleTests {
    typealias F = ContractFixtures

    func visit(_ id: String, _ disease: FollowUp.Disease, _ date: String) -> FollowUp {
        var visit = FollowUp(disease: disease, date: F.date(date))
        visit.resident = F.resident(id, name: "随访居民")
        return visit
    }

    @Test func dueDatesAndDaysOverdue() {
        let a = F.contract(resident: "420106195603120410", start: "2026-01-01", items: ["FU-HTN"])
        let b = F.contract(resident: "420106195807220528", start: "2026-01-01", items: ["FU-T2DM"])
        let c = F.contract(resident: "420106196209151539", start: "2026-01-01", items: ["FU-HTN"])
        var d = F.contract(resident: "420106197001012024", start: "2026-01-01", status: .terminated, items: ["FU-HTN"])
        d.statusReason = CodedValue(system: "local", code: "moved")
        let e = F.contract(resident: "42010619850405081X", start: "2026-01-01", items: ["HC-ANNUAL"])
        let visits = [
            visit("420106195603120410", .hypertension, "2026-01-20"),
            visit("420106195603120410", .hypertension, "2026-03-01"),
            visit("420106195603120410", .hypertension, "2026-07-01"),  // after the as-of date: ignored
            visit("420106195807220528", .hypertension, "2026-05-01"),  // other disease: does not count
            visit("420106196209151539", .hypertension, "2026-05-01"),
        ]
        let overdue = FollowUpSchedule().overdue(
            contracts: [a, b, c, d, e], followUps: visits, asOf: F.date("2026-06-15"))
        #expect(overdue.count == 2)
        #expect(overdue[0].resident.identifier(.residentIDCard)?.value == "420106195807220528")
        #expect(overdue[0].disease == .diabetes)
        #expect(overdue[0].lastVisit == nil)
        #expect(overdue[0].dueDate == F.date("2026-04-02"))
        #expect(overdue[0].daysOverdue == 74)
        #expect(overdue[1].disease == .hypertension)
        #expect(overdue[1].lastVisit == F.date("2026-03-01"))
        #expect(overdue[1].intervalDays == 91)
        #expect(overdue[1].dueDate == F.date("2026-05-31"))
        #expect(overdue[1].daysOverdue == 15)
    }

    @Test func itemFrequencyDrivesTheInterval() {
        var monthly = F.contract(start: "2026-01-01")
        monthly.packages[0].items[0].frequency = .monthly
        #expect(FollowUpSchedule().intervalDays(of: .hypertension, in: monthly) == 30)
        monthly.packages[0].items[0].frequency = nil
        #expect(FollowUpSchedule().intervalDays(of: .hypertension, in: monthly) == 91)  // from the catalog
        #expect(FollowUpSchedule().intervalDays(of: .diabetes, in: monthly) == nil)
        let overdue = FollowUpSchedule().overdue(
            contracts: [F.contract(start: "2026-01-01")], followUps: [], asOf: F.date("2026-04-01"))
        #expect(overdue.isEmpty)  // due 2026-04-02
    }

    @Test func contractsNotInForceAreSkipped() {
        let old = F.contract(start: "2024-01-01")
        #expect(FollowUpSchedule().overdue(contracts: [old], followUps: [], asOf: F.date("2026-06-01")).isEmpty)
        var renewed = F.contract(start: "2025-01-01", status: .renewed)
        renewed.renewals = [ContractRenewal(start: F.date("2026-01-01"), years: 1)]
        let overdue = FollowUpSchedule().overdue(contracts: [renewed], followUps: [], asOf: F.date("2026-06-01"))
        #expect(overdue.first?.dueDate == F.date("2025-04-02"))
    }

    @Test func familyMembersAreEachDue() {
        var contract = F.contract(resident: "42010619850405081X", start: "2026-01-01", items: ["FU-HTN"])
        contract.family = FamilyUnit(members: [
            FamilyMember(resident: F.resident("42010619850405081X", name: "甲"), isHouseholder: true),
            FamilyMember(resident: F.resident("420106196209151539", name: "乙")),
        ])
        let visits = [visit("42010619850405081X", .hypertension, "2026-04-01")]
        let overdue = FollowUpSchedule().overdue(contracts: [contract], followUps: visits, asOf: F.date("2026-05-01"))
        #expect(overdue.map { $0.resident.identifier(.residentIDCard)?.value } == ["420106196209151539"])
    }

    @Test func inputsFromEveryFormat() throws {
        var inputs = ScheduleInputs()
        let contracts = try F.sample("followup-contracts.csv")
        try inputs.read(contracts.bytes(), name: contracts.name)
        #expect(inputs.contracts.count == 6)
        let register = try SampleFiles.list("tables").first { $0.name.hasSuffix("followup-register.tsv") }
        let registerFile = try #require(register)
        try inputs.read(registerFile.bytes(), name: registerFile.name)
        for name in ["wst483-12-hypertension-followup.xml", "wst483-13-diabetes-followup.xml"] {
            let file = try #require(try SampleFiles.list("cda").first { $0.name.hasSuffix(name) })
            try inputs.read(file.bytes(), name: file.name)
        }
        #expect(inputs.followUps.count == 7)
        let json = try F.sample("contracts.json")
        try inputs.read(json.bytes(), name: json.name)
        #expect(inputs.contracts.count == 9)
        let overdue = FollowUpSchedule().overdue(
            contracts: inputs.contracts, followUps: inputs.followUps, asOf: F.date("2026-12-31"))
        let byID = Dictionary(
            overdue.map { ($0.resident.identifier(.residentIDCard)?.value ?? "", $0.daysOverdue) },
            uniquingKeysWith: max)
        #expect(byID["330102195603120114"] == 113)
        #expect(byID["330102194811050224"] == 203)
        #expect(byID["330108196309300539"] == 197)
        #expect(byID["341525195804172032"] == nil)  // CDA visit 2026-11-20
        #expect(byID["341525196209231063"] == nil)  // CDA visit 2026-11-21
        #expect(byID["330106197007080317"] == nil)  // terminated
    }

    @Test func historyGivesTheSameAnswerWithoutKeepingVisits() throws {
        let asOf = F.date("2026-12-31")
        var kept = ScheduleInputs()
        var folded = ScheduleInputs(asOf: asOf, keepFollowUps: false)
        let register = try #require(try SampleFiles.list("tables").first { $0.name.hasSuffix("followup-register.tsv") })
        for file in [try F.sample("followup-contracts.csv"), register] {
            try kept.read(file.bytes(), name: file.name)
            try folded.read(file.bytes(), name: file.name)
        }
        #expect(folded.followUps.isEmpty)
        let history = try #require(folded.history)
        #expect(history.visitCount == 5)
        #expect(
            history.lastVisit(of: F.resident("330102195603120114", name: ""), disease: .hypertension)
                == F.date("2026-06-10"))
        let schedule = FollowUpSchedule()
        #expect(
            schedule.overdue(contracts: folded.contracts, history: history)
                == schedule.overdue(contracts: kept.contracts, followUps: kept.followUps, asOf: asOf))
    }

    @Test func reportMasksByDefault() {
        let item = OverdueFollowUp(
            resident: F.resident("330102195603120114", name: "张伟明"), contractIdentifiers: [], teamName: "一队",
            disease: .hypertension, lastVisit: nil, intervalDays: 91, dueDate: F.date("2026-04-02"), daysOverdue: 3)
        for format in ScheduleReport.Format.allCases {
            let masked = ScheduleReport.render([item], format: format, asOf: F.date("2026-04-05"))
            #expect(!masked.contains("张伟明") && !masked.contains("330102195603120114"), "\(format)")
            let shown = ScheduleReport.render(
                [item], format: format, asOf: F.date("2026-04-05"), showPersonalData: true)
            #expect(shown.contains("张伟明") && shown.contains("330102195603120114"), "\(format)")
        }
        let json = ScheduleReport.render([item], format: .json, asOf: F.date("2026-04-05"))
        #expect(json.contains(#""daysOverdue": 3"#))
    }
}
