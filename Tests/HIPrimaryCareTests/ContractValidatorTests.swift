import HICore
import HIModels
import HIPrimaryCare
import Testing

@Suite struct ContractValidatorTests {
    typealias F = ContractFixtures

    func codes(_ contracts: [FamilyDoctorContract], _ options: ContractValidationOptions = .init()) -> [String] {
        ContractValidator(options: options).validate(contracts).map(\.code.rawValue)
    }

    @Test func samplesPass() throws {
        var options = ContractValidationOptions()
        options.asOf = F.date("2026-06-01")
        let issues = ContractValidator(options: options).validate(try F.sampleContracts())
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test func overlappingContractsWithDifferentTeams() {
        let a = F.contract(team: "一队", start: "2026-01-01")
        let b = F.contract(team: "二队", start: "2026-06-01")
        let issues = ContractValidator().validate([a, b])
        #expect(issues.map(\.code) == ["HI-PC-0101"])
        #expect(issues.first?.location.record == 2)
        #expect(issues.first?.location.path == "contract.start")
        #expect(issues.first?.message.contains("重叠") == true)
        #expect(issues.first?.message.contains("420106") == false)
        // Same team, or a terminated one, or after the first ends: fine.
        #expect(codes([a, F.contract(team: "一队", start: "2026-06-01")]).isEmpty)
        #expect(
            codes([a, F.contract(team: "二队", start: "2026-06-01", status: .terminated)]).filter { $0 == "HI-PC-0101" }
                .isEmpty)
        #expect(codes([a, F.contract(team: "二队", start: "2027-01-01")]).isEmpty)
        // Different residents never clash.
        #expect(codes([a, F.contract(resident: "420106195807220528", team: "二队", start: "2026-06-01")]).isEmpty)
    }

    @Test func overlapThroughFamilyMembers() {
        var family = F.contract(resident: "42010619850405081X", team: "二队", start: "2026-03-01")
        family.family = FamilyUnit(members: [
            FamilyMember(resident: F.resident("42010619850405081X", name: "甲"), isHouseholder: true),
            FamilyMember(resident: F.resident("420106195603120410", name: "乙")),
        ])
        #expect(codes([F.contract(), family]) == ["HI-PC-0101"])
    }

    @Test func overlapSweepIsLinearEnough() {
        // 5 000 contracts of one resident, a thousand a year (one-year periods), alternating teams: every
        // contract but the first of each year clashes with one of the other team; the sweep finds each once
        // without comparing all pairs.
        let contracts = (0..<5_000).map { index in
            F.contract(team: index % 2 == 0 ? "一队" : "二队", start: "\(2000 + index / 1000)-01-01")
        }
        #expect(ContractValidator().validate([contracts[0], contracts[1000]]).isEmpty)  // same team, next year
        let many = ContractValidator().validate(contracts).filter { $0.code == "HI-PC-0101" }
        #expect(many.count == 5_000 - 5)
    }

    @Test func periodRules() {
        #expect(codes([F.contract(start: "2026-01-01", end: "2025-12-31")]) == ["HI-PC-0103"])
        #expect(codes([F.contract(start: "2026-01-01", end: "2027-01-01")]) == ["HI-PC-0104"])
        #expect(codes([F.contract(start: "2026-01-01", end: "2026-12-31")]).isEmpty)
        #expect(codes([F.contract(start: "2026-01-01", years: 2)]) == ["HI-PC-0104"])
        var noStart = F.contract()
        noStart.start = nil
        #expect(codes([noStart]) == ["HI-PC-0102"])
    }

    @Test func renewalContinuity() {
        var contract = F.contract(start: "2025-01-01", status: .renewed)
        contract.renewals = [ContractRenewal(start: F.date("2026-01-01"), years: 1)]
        #expect(codes([contract]).isEmpty)
        contract.renewals = [ContractRenewal(start: F.date("2026-02-01"), years: 1)]
        let issues = ContractValidator().validate([contract])
        #expect(issues.map(\.code) == ["HI-PC-0105"])
        #expect(issues.first?.message.contains("gap of 31 day(s)") == true)
        #expect(issues.first?.location.path == "contract.renewals[0].start")
        contract.renewals = [ContractRenewal(start: F.date("2026-01-01"), end: F.date("2027-06-30"))]
        #expect(codes([contract]) == ["HI-PC-0104"])
    }

    @Test func statusConsistency() {
        var terminated = F.contract(status: .terminated)
        #expect(codes([terminated]) == ["HI-PC-0106"])
        terminated.statusReason = CodedValue(system: "local", code: "moved-away", display: "迁出本辖区")
        #expect(codes([terminated]).isEmpty)
        #expect(codes([F.contract(status: .renewed)]) == ["HI-PC-0107"])
        var options = ContractValidationOptions()
        options.asOf = F.date("2027-03-01")
        #expect(codes([F.contract(start: "2026-01-01", status: .active)], options) == ["HI-PC-0108"])
        #expect(codes([F.contract(start: "2026-01-01", status: .expired)], options).isEmpty)
    }

    @Test func packageItemsKnown() {
        let issues = ContractValidator().validate([F.contract(items: ["FU-HTN", "XX-UNKNOWN"])])
        #expect(issues.map(\.code) == ["HI-PC-0109"])
        #expect(issues.first?.severity == .error)
        #expect(issues.first?.location.path == "contract.packages[0].items[1].code")
        var unknownPackage = F.contract()
        unknownPackage.packages[0].code = "ZZ"
        #expect(codes([unknownPackage]) == ["HI-PC-0110"])
        var category = F.contract()
        category.keyPopulations = [CodedValue(system: KeyPopulationCategory.system, code: "astronaut")]
        #expect(codes([category]) == ["HI-PC-0111"])
        category.keyPopulations = [KeyPopulationCategory.named("高血压")!.codedValue]
        #expect(codes([category]).isEmpty)
    }
}
