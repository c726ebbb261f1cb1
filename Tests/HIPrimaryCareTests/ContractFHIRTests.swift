import HICore
import HIFHIR
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

@Suite struct ContractFHIRTests {
    static let contracts = (try? ContractFixtures.sampleContracts()) ?? []

    @Test func samplesAreThere() { #expect(Self.contracts.count == 3) }

    @Test(arguments: contracts)
    func roundTripKeepsEveryModelledField(_ contract: FamilyDoctorContract) throws {
        let bytes = try ContractFHIR.write(contract)
        let back = try ContractFHIR.read(bytes, file: "bundle.json")
        #expect(back.count == 1)
        let again = try #require(back.first)
        #expect(again.provenance.format == .fhir)
        #expect(again.identifiers == contract.identifiers)
        #expect(again.resident?.residentIDNumber == contract.resident?.residentIDNumber)
        #expect(again.resident?.names.first?.text == contract.resident?.names.first?.text)
        #expect(again.resident?.birthDate == contract.resident?.birthDate)
        #expect(again.resident?.sex?.code == contract.resident?.sex?.code)
        #expect(again.family?.identifiers == contract.family?.identifiers)
        #expect(again.family?.members.map(\.relationship) == contract.family?.members.map(\.relationship))
        #expect(again.family?.members.map(\.isHouseholder) == contract.family?.members.map(\.isHouseholder))
        #expect(
            again.family?.members.map { $0.resident.residentIDNumber }
                == contract.family?.members.map { $0.resident.residentIDNumber })
        #expect(again.team?.name == contract.team?.name)
        #expect(again.team?.identifiers == contract.team?.identifiers)
        #expect(again.team?.organization?.name == contract.team?.organization?.name)
        #expect(again.team?.members.map(\.role) == contract.team?.members.map(\.role))
        #expect(again.team?.members.map { $0.name?.text } == contract.team?.members.map { $0.name?.text })
        #expect(again.leadDoctor?.name?.text == contract.leadDoctor?.name?.text)
        #expect(again.leadDoctor?.role == contract.leadDoctor?.role)
        #expect(again.packages == contract.packages)
        #expect(again.keyPopulations == contract.keyPopulations)
        #expect(again.signedOn == contract.signedOn)
        #expect(again.start == contract.start)
        #expect(again.years == contract.years)
        #expect(again.end == contract.end)
        #expect(again.status == contract.status)
        #expect(again.statusReason == contract.statusReason)
        #expect(again.statusDate == contract.statusDate)
        #expect(again.renewals == contract.renewals)
        #expect(again.consent == contract.consent)
        #expect(again.notes == contract.notes)
        #expect(again.unmappedFragments == contract.unmappedFragments)
    }

    @Test func bundleShape() throws {
        let contract = try #require(Self.contracts.first)
        let bundle = try ContractFHIR.bundle(contract)
        #expect(bundle["type"]?.stringValue == "collection")
        let types = (bundle["entry"]?.arrayValue ?? []).compactMap { $0["resource"]?["resourceType"]?.stringValue }
        #expect(types.first == "CarePlan")
        #expect(Set(types) == ["CarePlan", "Patient", "CareTeam", "Practitioner", "Organization", "Consent"])
        let plan = try #require(bundle["entry"]?[0]?["resource"])
        #expect(plan["status"]?.stringValue == "active")
        #expect(plan["intent"]?.stringValue == "plan")
        #expect(plan["activity"]?.arrayValue?.count == 4)
        let timing = plan["activity"]?[1]?["detail"]?["scheduledTiming"]?["repeat"]
        #expect(timing?["frequency"]?.numberText == "4")
        #expect(timing?["periodUnit"]?.stringValue == "a")
        // Same contract, same bytes.
        #expect(try ContractFHIR.write(contract) == ContractFHIR.write(contract))
    }

    @Test func structurallyValidFHIR() throws {
        for contract in Self.contracts {
            let bytes = try ContractFHIR.write(contract)
            let resource = try FHIRResource(parsing: bytes)
            #expect(resource.resourceType == "Bundle")
        }
    }

    @Test func noCarePlanIsNotAContract() {
        let bundle = #"{"resourceType": "Bundle", "type": "collection", "entry": []}"#
        #expect(throws: ContractError(.notAContract, "")) { try ContractFHIR.read(Array(bundle.utf8)) }
        #expect(throws: ContractError(.unreadableInput, "")) { try ContractFHIR.read(Array("{]".utf8)) }
    }
}
