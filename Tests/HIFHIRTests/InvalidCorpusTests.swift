import HICore
import HIFHIR
import HITestSupport
import Testing

/// What each file under fhir/invalid is there for: (file, issue code, FHIRPath of the issue).
private let expectations: [(file: String, code: IssueCode, path: String)] = [
    ("fhir-server__InvalidObservation.json", FHIRIssueCode.wrongJSONKind, "Observation.text"),
    ("fhir-server__InvalidObservation.json", FHIRIssueCode.unknownElement, "Observation._text"),
    ("fhir-server__Observation-For-Patient-f001.json", FHIRIssueCode.wrongJSONKind, "Observation.interpretation"),
    (
        "fhir-server__ObservationWithInvalidDecimalSpecification.json", FHIRIssueCode.decimalPrecision,
        "Observation.valueQuantity.value"
    ),
    ("fhir-server__ObservationWithInvalidStatus.json", FHIRIssueCode.codeNotInValueSet, "Observation.status"),
    ("fhir-server__ObservationWithInvalidStatus.json", FHIRIssueCode.requiredElementMissing, "Observation.code"),
    ("fhir-server__ObservationWithTemperature.json", FHIRIssueCode.wrongJSONKind, "Observation.interpretation"),
    ("us-core__diagnosticreport-cbc.json", FHIRIssueCode.requiredElementMissing, "DiagnosticReport.text.div"),
]

@Suite(.enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus"))
struct InvalidCorpusTests {
    @Test func everyInvalidFileIsCovered() throws {
        let files = SharedCorpus.files("fhir/invalid", extensions: ["json"]).map(\.name)
        #expect(files.count == 7)
        let covered = Set(expectations.map(\.file)).union(["fhir-server__PatientMissingResourceType.json"])
        for file in files { #expect(covered.contains(file.split(separator: "/").last.map(String.init) ?? file)) }
    }

    @Test(arguments: expectations.indices)
    func invalidFileGivesItsLocatedError(_ index: Int) throws {
        let expected = expectations[index]
        let bytes = try [UInt8](SharedCorpus.bytes("fhir/invalid/" + expected.file))
        let resource = try FHIRResource(parsing: bytes)
        let issues = FHIRValidator().validate(resource, source: bytes)
        let match = issues.first { $0.code == expected.code && $0.location.path == expected.path }
        #expect(match != nil, "\(expected.file): \(issues)")
        #expect(match?.severity == .error)
        #expect(match?.location.line != nil && match?.location.column != nil)
    }

    @Test func emptyResourceTypeIsAReadError() throws {
        let bytes = try SharedCorpus.bytes("fhir/invalid/fhir-server__PatientMissingResourceType.json")
        #expect {
            _ = try FHIRResource(parsing: bytes)
        } throws: { error in
            guard let error = error as? FHIRError else { return false }
            return error.code == .invalidResourceType && error.location.path == "$.resourceType"
                && error.location.line == 2 && error.issueCode == "HI-FHIR-0014"
        }
    }

    @Test func decimalWith29DigitsKeepsItsDigits() throws {
        let bytes = try SharedCorpus.bytes("fhir/invalid/fhir-server__ObservationWithInvalidDecimalSpecification.json")
        let observation = try Observation(parsing: bytes)
        let quantity = try #require(observation.value?.quantity)
        #expect(quantity.value?.text == "1234567890123456789.0123456789")
        #expect(quantity.value?.significantDigits == 29)
        // Written back digit for digit.
        let written = String(decoding: observation.serialized(style: .compact), as: UTF8.self)
        #expect(written.contains(#""value":1234567890123456789.0123456789"#))
    }
}

extension SharedCorpus {
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        try SampleFile(name: relativePath, url: url(relativePath)).bytes()
    }
}
