import HICore
import HIModels
import HIPrimaryCare
import HITabular
import HITestSupport
import Testing

@Suite struct ContractCSVTests {
    typealias F = ContractFixtures

    @Test func mappingLiteralParses() {
        #expect(ContractCSV.mapping.name == "contract-export")
        #expect(ContractCSV.mapping.columns.map(\.column) == ContractCSV.columns)
    }

    @Test func roundTripKeepsTheTableFields() throws {
        let contracts = try F.sampleContracts()
        let bytes = try ContractCSV.encode(contracts)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let result = try ContractCSV.decode(bytes, file: "export.csv")
        #expect(!result.issues.containsErrors, "\(result.issues)")
        #expect(result.contracts.count == contracts.count)
        for (a, b) in zip(contracts, result.contracts) {
            #expect(b.identifiers.first?.value == a.identifiers.first?.value)
            #expect(b.resident?.names.first?.text == a.resident?.names.first?.text)
            #expect(b.resident?.sex?.code == a.resident?.sex?.code)
            #expect(b.resident?.birthDate == a.resident?.birthDate)
            #expect(b.resident?.residentIDNumber == a.resident?.residentIDNumber)
            #expect(b.resident?.telecom.first?.value == a.resident?.telecom.first?.value)
            #expect(b.signedOn == a.signedOn)
            // The table holds the current period: the last renewal's when renewed.
            let current = a.renewals.last.flatMap(ContractPeriod.period) ?? ContractPeriod.initialPeriod(a)
            #expect(b.start == current?.lowerBound)
            #expect(b.end == current?.upperBound)
            #expect(b.lifecycleStatus == a.lifecycleStatus)
            #expect(b.statusReason?.display == a.statusReason?.display)
            #expect(b.team?.name == a.team?.name)
            #expect(b.team?.organization?.name == a.team?.organization?.name)
            #expect(b.leadDoctor?.name?.text == a.leadDoctor?.name?.text)
            #expect(b.packages.map(\.code) == a.packages.map(\.code))
            #expect(b.packages.map(\.name) == a.packages.map(\.name))
            #expect(b.keyPopulations.map(\.code) == a.keyPopulations.map(\.code))
            #expect(b.notes == a.notes)
        }
        // Items come from the catalog by package code.
        #expect(result.contracts[0].packages[0].items.contains { $0.code == "FU-HTN" })
    }

    @Test func gb18030TabSeparated() throws {
        let contracts = try F.sampleContracts()
        let bytes = try ContractCSV.encode(contracts, dialect: TableDialect(delimiter: .tab, charset: .gb18030))
        let result = try ContractCSV.decode(bytes)
        #expect(
            result.contracts.map { $0.resident?.names.first?.text } == contracts.map { $0.resident?.names.first?.text })
    }

    @Test func readsTheBuiltInContractListShape() throws {
        let file = try #require(try SampleFiles.list("tables").first { $0.name.hasSuffix("contract-list-utf8.csv") })
        let result = try ContractCSV.decode(file.bytes(), file: file.name)
        #expect(result.contracts.count >= 2)
        let first = try #require(result.contracts.first)
        #expect(first.resident?.residentIDNumber?.value == "330102195603120114")
        #expect(first.signedOn == F.date("2026-01-15"))
        #expect(first.start == first.signedOn)
        #expect(first.keyPopulations.map(\.code) == ["elderly", "hypertension"])
        #expect(first.team?.name == "清波第一团队")
        #expect(first.provenance.location.record == 2 || first.provenance.location.record == 1)
    }

    @Test func sampleTableIsValid() throws {
        let file = try F.sample("followup-contracts.csv")
        let result = try ContractCSV.decode(file.bytes(), file: file.name)
        #expect(result.contracts.count == 6)
        #expect(result.contracts[5].lifecycleStatus == .terminated)
        #expect(result.contracts[5].statusReason?.display == "迁出本辖区")
        #expect(result.contracts[1].keyPopulations.map(\.code) == ["elderly", "diabetes"])
        #expect(result.contracts[0].packages.map(\.kind) == [.basic, .personalised])
        let issues = ContractValidator().validate(result.contracts)
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test func missingRequiredColumn() {
        #expect(throws: ContractError(.unreadableInput, "")) { try ContractCSV.decode(Array("a,b\n1,2\n".utf8)) }
    }
}
