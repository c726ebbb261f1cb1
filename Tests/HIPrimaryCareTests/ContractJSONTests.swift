import HICore
import HIFHIR
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

@Suite struct ContractJSONTests {
    @Test func sampleDecodesWithEveryField() throws {
        let contracts = try ContractFixtures.sampleContracts()
        #expect(contracts.count == 3)
        let first = contracts[0]
        #expect(first.identifiers.first?.value == "QY-420106-2025-000123")
        #expect(first.resident?.residentIDNumber?.value == "420106195603120410")
        #expect(first.resident?.names.first?.given == ["建国"])
        #expect(first.resident?.telecom.first?.use == .mobile)
        #expect(first.resident?.addresses.first?.regionCode == "420106")
        #expect(first.team?.members.count == 3)
        #expect(first.team?.members[1].role?.code == "nurse")
        #expect(first.team?.organization?.unifiedSocialCreditCode == "12420106MB0000001X")
        #expect(first.leadDoctor?.role?.display == "团队长")
        #expect(first.packages.map(\.code) == ["JC01", "GX-MB01"])
        #expect(first.packages[1].kind == .personalised)
        #expect(first.packages[1].fee == "120.00")
        #expect(first.packages[1].items[0].frequency == ServiceFrequency(count: 1, period: .quarter))
        #expect(first.packages[0].items[1].frequency == .quarterly)
        #expect(first.keyPopulations.map(\.code) == ["elderly", "hypertension"])
        #expect(first.signedOn == ContractFixtures.date("2025-01-02"))
        #expect(first.start == ContractFixtures.date("2025-01-03"))
        #expect(first.years == 1)
        #expect(first.lifecycleStatus == .renewed)
        #expect(
            first.renewals == [
                ContractRenewal(
                    renewedOn: ContractFixtures.date("2025-12-20"), start: ContractFixtures.date("2026-01-03"), years: 1
                )
            ])
        #expect(first.consent?.method == ContractConsent.handwritten)
        #expect(first.consent?.date?.text == "2025-01-02T09:30:00+08:00")
        #expect(first.notes.count == 1)
        #expect(first.servicePackage?.code == "JC01")

        let family = contracts[1]
        #expect(family.family?.members.count == 3)
        #expect(family.family?.members[0].isHouseholder == true)
        #expect(family.family?.members[1].relationship?.display == "父亲")
        #expect(family.coveredResidents.count == 3)
        #expect(family.end == ContractFixtures.date("2027-02-28"))
        #expect(family.consent?.relationship?.code == "02")

        let ended = contracts[2]
        #expect(ended.lifecycleStatus == .terminated)
        #expect(ended.statusReason?.display == "迁出本辖区")
        #expect(ended.statusDate == ContractFixtures.date("2025-11-30"))
    }

    @Test(arguments: [ContractJSON.Layout.array, .ndjson])
    func roundTripKeepsEveryField(_ layout: ContractJSON.Layout) throws {
        let contracts = try ContractFixtures.sampleContracts()
        let again = try ContractJSON.decode(ContractJSON.encode(contracts, layout: layout))
        #expect(again.count == contracts.count)
        for (a, b) in zip(contracts, again) {
            #expect(ContractFixtures.content(a) == ContractFixtures.content(b))
        }
    }

    @Test func unknownMembersSurvive() throws {
        let input = #"{"start": "2026-01-01", "platformFlag": {"x": [1, 2]}, "notes": ["a"]}"#
        let contracts = try ContractJSON.decode(Array(input.utf8))
        #expect(contracts[0].unmappedFragments.map(\.path) == ["json:platformFlag"])
        let written = String(decoding: ContractJSON.encode(contracts, layout: .ndjson), as: UTF8.self)
        #expect(written.contains(#""platformFlag":{"x":[1,2]}"#))
    }

    @Test func badInputIsLocated() throws {
        #expect(throws: ContractError(.notAContract, "")) { try ContractJSON.decode(Array("[1]".utf8)) }
        #expect(throws: ContractError(.unreadableInput, "")) { try ContractJSON.decode(Array("{".utf8)) }
        do {
            _ = try ContractJSON.decode(Array(#"{"start": "2026-13-01"}"#.utf8), file: "c.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.issueCode == "HI-PC-0004")
            #expect(error.location.path == "$.start")
            #expect(!error.reason.contains("2026"))
        }
        do {
            _ = try ContractJSON.decode(
                Array(
                    #"{"packages": [{"code": "A", "items": [{"code": "B", "frequency": {"count": 2, "period": "fortnight"}}]}]}"#
                        .utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.location.path == "$.packages[0].items[0].frequency.period")
        }
    }

    @Test func deepTranslationsAreBounded() throws {
        var nested = #"{"system":"s","code":"c"}"#
        for _ in 0..<20 { nested = #"{"system":"s","code":"c","translations":["# + nested + "]}" }
        let input = #"{"status": "# + nested + "}"
        #expect(throws: ContractError(.tooLarge, "")) { try ContractJSON.decode(Array(input.utf8)) }
    }
}
