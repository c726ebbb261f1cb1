import Foundation
import HICore
import HIFHIR
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

/// The files in Samples/primary-care/contracts: every one reads, validates, and the generated ones (FHIR
/// Bundles, the CSV export) equal what the writers produce from contracts.json. Set HI_WRITE_GOLDENS=1 to
/// rewrite the generated files after a deliberate change.
@Suite struct ContractSampleTests {
    static let files = (try? SampleFiles.list("primary-care/contracts", extensions: ["json", "ndjson", "csv"])) ?? []
    static let writeGoldens = ProcessInfo.processInfo.environment["HI_WRITE_GOLDENS"] == "1"

    @Test func folderIsNotEmpty() { #expect(Self.files.count >= 6) }

    @Test(arguments: files)
    func everySampleReadsAndValidates(_ file: SampleFile) throws {
        var inputs = ScheduleInputs()
        try inputs.read(file.bytes(), name: file.name)
        #expect(!inputs.contracts.isEmpty, "\(file.name)")
        #expect(!inputs.issues.containsErrors, "\(file.name): \(inputs.issues)")
        var options = ContractValidationOptions()
        options.asOf = ContractFixtures.date("2026-06-01")
        let issues = ContractValidator(options: options).validate(inputs.contracts)
        if file.name == "contracts.csv" || file.name.hasSuffix("/contracts.csv") {
            // The flat table has no renewal history: a renewed contract shows its current period only.
            #expect(issues.map(\.code) == ["HI-PC-0107"], "\(file.name): \(issues)")
        } else {
            #expect(issues.isEmpty, "\(file.name): \(issues)")
        }
    }

    static func golden(_ relative: String, _ bytes: [UInt8]) throws {
        let url = SampleFiles.samplesRoot.appendingPathComponent("primary-care/contracts/" + relative)
        if writeGoldens {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let stored = try [UInt8](Data(contentsOf: url))
        #expect(stored == bytes, "\(relative) differs from the writer's output")
    }

    @Test func generatedFilesMatchTheWriters() throws {
        let contracts = try ContractFixtures.sampleContracts()
        for contract in contracts {
            let name = "fhir/" + (contract.identifiers.first?.value ?? "contract") + ".json"
            try Self.golden(name, try ContractFHIR.write(contract))
        }
        try Self.golden("contracts.csv", try ContractCSV.encode(contracts))
        try Self.golden("contracts.ndjson", ContractJSON.encode(contracts, layout: .ndjson))
    }

    @Test(arguments: files.filter { $0.name.hasSuffix(".json") && $0.name.contains("fhir/") })
    func fhirSamplesAreStructurallyValid(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        let resource = try FHIRResource(parsing: bytes)
        let issues = FHIRValidator().validate(resource, source: bytes).filter { $0.severity >= .error }
        #expect(issues.isEmpty, "\(file.name): \(issues)")
    }
}
