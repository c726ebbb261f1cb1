import Foundation
import HICore
import HIFHIR
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

/// Mutated and oversized inputs: readers throw located errors or return values, never trap.
@Suite struct ContractHostileInputTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let files = (try? SampleFiles.list("primary-care/contracts", extensions: ["json", "ndjson", "csv"])) ?? []

    @Test(arguments: files)
    func mutatedSamplesNeverTrap(_ file: SampleFile) throws {
        let original = try file.bytes()
        var generator = Generator(state: UInt64(original.count))
        let interesting: [UInt8] = Array("{}[]\",:0-9e\\\n\r\t|".utf8) + [0x00, 0xFF, 0xE4, 0xB8]
        for round in 0..<30 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[at] = interesting.randomElement(using: &generator) ?? 0
                case 1: bytes.remove(at: at)
                default: bytes.insert(interesting.randomElement(using: &generator) ?? 0, at: at)
                }
            }
            var inputs = ScheduleInputs()
            try? inputs.read(bytes, name: file.name)
            _ = ContractValidator().validate(inputs.contracts)
            _ = FollowUpSchedule().overdue(
                contracts: inputs.contracts, followUps: [], asOf: ContractFixtures.date("2026-06-01"))
            // The FHIR round trip reads Patients and Practitioners through HIConvert: every tenth round only.
            for contract in inputs.contracts.prefix(round % 10 == 0 ? 1 : 0) {
                if let bundle = try? ContractFHIR.write(contract) { _ = try? ContractFHIR.read(bundle) }
                _ = try? ContractCSV.encode([contract])
            }
        }
    }

    @Test func deepNestingIsRejected() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: ContractError.self) { try ContractJSON.decode(Array(deep.utf8)) }
        #expect(throws: ContractError.self) { try ContractFHIR.read(Array(deep.utf8)) }
    }

    @Test func extremeNumbersAndDates() throws {
        let input =
            #"{"start": "9999-12-31", "years": 999999, "renewals": [{"start": "0001-01-01", "years": 100}],"#
            + #" "packages": [{"code": "JC01", "items": [{"code": "FU-HTN", "frequency": {"count": 999999, "period": "week"}}]}]}"#
        let contracts = try ContractJSON.decode(Array(input.utf8))
        let issues = ContractValidator().validate(contracts)
        #expect(issues.contains { $0.code == "HI-PC-0104" || $0.code == "HI-PC-0105" })
        let overdue = FollowUpSchedule().overdue(
            contracts: contracts, followUps: [], asOf: ContractFixtures.date("2026-06-01"))
        #expect(overdue.isEmpty)
        #expect(throws: ContractError(.invalidValue, "")) { try ContractJSON.decode(Array(#"{"years": 1e99}"#.utf8)) }
    }

    @Test func manyPlansInOneBundle() throws {
        // 200 contracts (CarePlan and Consent only; HI_PLANS=n for more) in one Bundle: consents and packages are indexed, not
        // searched per plan.
        let contract = try #require(try ContractFixtures.sampleContracts().first)
        let one = try ContractFHIR.bundle(contract)
        let entries = (one["entry"]?.arrayValue ?? []).filter {
            let type = $0["resource"]?["resourceType"]?.stringValue
            return type == "CarePlan" || type == "Consent"
        }
        var all: [String] = []
        let count = Int(ProcessInfo.processInfo.environment["HI_PLANS"] ?? "") ?? 200
        for copy in 0..<count {
            for entry in entries {
                var text = String(decoding: JSONWriter.write(entry, style: .compact), as: UTF8.self)
                text = text.replacingOccurrences(of: "urn:uuid:", with: "urn:uuid:\(copy)-")
                all.append(text)
            }
        }
        let bundle = #"{"resourceType":"Bundle","type":"collection","entry":["# + all.joined(separator: ",") + "]}"
        let contracts = try ContractFHIR.read(Array(bundle.utf8))
        #expect(contracts.count == count)
        #expect(contracts.allSatisfy { $0.consent?.method == ContractConsent.handwritten })
    }
}
