import HICore
import HIFHIR
import HITestSupport
import Testing

private let validJSONSamples = (try? SampleFiles.list("fhir/valid", extensions: ["json"])) ?? []

/// Each invalid sample's defect: thrown read error or validation issue, code and FHIRPath.
private let invalidSamples: [String: (code: IssueCode, path: String)] = [
    "observation-missing-status.json": (FHIRIssueCode.requiredElementMissing, "Observation.status"),
    "patient-bad-birthdate.json": (FHIRIssueCode.invalidPrimitive, "Patient.birthDate"),
    "observation-two-values.json": (FHIRIssueCode.choiceConflict, "Observation.valueString"),
    "patient-unknown-element.json": (FHIRIssueCode.unknownElement, "Patient.nickname"),
    "encounter-bad-status.json": (FHIRIssueCode.codeNotInValueSet, "Encounter.status"),
    "condition-malformed-reference.json": (FHIRIssueCode.malformedReference, "Condition.subject.reference"),
    "bundle-document-without-composition.json": (FHIRIssueCode.requiredElementMissing, "Bundle.entry[0].resource"),
    "observation-interpretation-object.json": (FHIRIssueCode.wrongJSONKind, "Observation.interpretation"),
    "condition-bad-clinical-status.json": (
        FHIRIssueCode.codeNotInValueSet, "Condition.clinicalStatus.coding[0].code"
    ),
    "observation-leading-zero.json": (FHIRError.Code.invalidNumber.issueCode, "Observation.valueQuantity.value"),
    "patient-duplicate-key.json": (FHIRError.Code.duplicateKey.issueCode, "Patient.gender"),
    "observation-lone-surrogate.json": (FHIRError.Code.loneSurrogate.issueCode, "Observation.code.text"),
]

@Suite struct SampleTests {
    @Test(arguments: validJSONSamples)
    func validSampleIsCanonicalValidAndRoundTripsByteForByte(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let resource = try FHIRResource(parsing: bytes)
        let issues = FHIRValidator().validate(resource, source: bytes)
        #expect(issues.filter { $0.severity >= .warning }.isEmpty, "\(sample.name): \(issues)")
        #expect(resource.serialized(style: .pretty) == bytes, "\(sample.name) is not in the canonical layout")
        let compact = resource.serialized(style: .compact)
        #expect(try FHIRResource(parsing: compact).serialized(style: .compact) == compact)
    }

    @Test func everyInvalidSampleIsListed() throws {
        let names = try SampleFiles.list("fhir/invalid").map { $0.url.lastPathComponent }
        #expect(Set(names) == Set(invalidSamples.keys))
    }

    @Test(arguments: invalidSamples.keys.sorted())
    func invalidSampleGivesItsLocatedError(_ name: String) throws {
        let expected = try #require(invalidSamples[name])
        let bytes = try SampleFile(
            name: name, url: SampleFiles.samplesRoot.appendingPathComponent("fhir/invalid/" + name)
        )
        .bytes()
        let issues: [HICore.Issue]
        do {
            let resource = try FHIRResource(parsing: bytes)
            issues = FHIRValidator().validate(resource, source: bytes)
        } catch {
            issues = [error.issue]
        }
        let match = issues.first { $0.code == expected.code && $0.location.path == expected.path }
        #expect(match != nil, "\(name): \(issues)")
        #expect(match.map { $0.severity >= .error } == true)
        #expect(match?.location.line != nil)
        // Located errors never repeat the personal data they are about.
        #expect(issues.allSatisfy { !$0.description.contains("110105198503121234") && !$0.description.contains("张三") })
    }

    @Test func patientValues() throws {
        let patient = try Patient(
            parsing: SampleFiles.list("fhir/valid").first { $0.name.hasSuffix("patient-zhangsan.json") }!.bytes())
        #expect(patient.id == "zhangsan")
        #expect(patient.identifier.count == 2)
        let residentID = try #require(patient.identifier.first { $0.system == "urn:oid:2.16.156.10011.1.3" })
        #expect(residentID.value == "110105198503121234")
        #expect(residentID.use == "official")
        #expect(patient.name.first?.text == "张三")
        #expect(patient.name.first?.family == "张")
        #expect(patient.name.first?.given == ["三"])
        #expect(patient.gender == "male")
        #expect(patient.birthDate == "1985-03-12")
        let birthTime = try #require(patient.birthDateElement?.extensions.first)
        #expect(birthTime.url == "http://hl7.org/fhir/StructureDefinition/patient-birthTime")
        #expect(birthTime.value?.typeName == "dateTime")
        #expect(birthTime.value?.string == "1985-03-12T08:30:00+08:00")
        let address = try #require(patient.address.first)
        #expect(address.district == "朝阳区")
        #expect(address.extensions.first?.value?.coding?.code == "110105")
        #expect(patient.telecom.first?.value == "13800138000")
    }

    @Test func observationValues() throws {
        let sample = try #require(
            try SampleFiles.list("fhir/valid").first { $0.name.hasSuffix("observation-glucose.json") })
        let observation = try Observation(parsing: sample.bytes())
        #expect(observation.status == "final")
        #expect(observation.code?.coding.first?.code == "14749-6")
        let quantity = try #require(observation.value?.quantity)
        #expect(quantity.value?.text == "5.6")
        #expect(quantity.unit == "mmol/L")
        #expect(quantity.code == "mmol/L")
        #expect(observation.effective?.typeName == "dateTime")
        #expect(observation.referenceRange.first?.low?.value?.text == "3.9")
        #expect(observation.referenceRange.first?.high?.value?.text == "6.1")
        #expect(observation.subject?.reference == "Patient/zhangsan")
    }

    @Test func typedSettersKeepOrderAndUnknownMembers() throws {
        let sample = try #require(
            try SampleFiles.list("fhir/valid").first { $0.name.hasSuffix("observation-glucose.json") })
        var observation = try Observation(parsing: sample.bytes())
        let keys = observation.json.keys
        observation.status = "amended"
        var quantity = try #require(observation.value?.quantity)
        quantity.value = JSONNumber("5.60")
        observation.value = .quantity(quantity)
        #expect(observation.json.keys.count == keys.count)
        #expect(observation.status == "amended")
        #expect(observation.value?.quantity?.value?.text == "5.60")
        #expect(FHIRValidator().validate(observation).containsErrors == false)
    }

    @Test func documentBundleResolvesUUIDReferences() throws {
        let sample = try #require(
            try SampleFiles.list("fhir/valid").first { $0.name.hasSuffix("bundle-document.json") })
        let bundle = try FHIR.Bundle(parsing: sample.bytes())
        #expect(bundle.type == "document")
        #expect(bundle.entries.count == 4)
        #expect(bundle.resources.map(\.resourceType) == ["Composition", "Patient", "Observation", "Organization"])
        let composition = try #require(bundle.entries.first?.resource?.typed(as: Composition.self))
        #expect(composition.title == "检验报告")
        #expect(composition.section.first?.entry.count == 1)
        let references = bundle.references()
        #expect(references.count == 7)
        for found in references {
            #expect(bundle.resolve(found.reference, from: found.entry) != nil, "\(found.path)")
        }
        #expect(bundle.resolve("urn:uuid:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d") == 1)
        #expect(bundle.resolve("Patient/zhangsan") == 1)
        #expect(bundle.resolve("Patient/unknown") == nil)
    }

    @Test func transactionBundle() throws {
        let sample = try #require(
            try SampleFiles.list("fhir/valid").first { $0.name.hasSuffix("bundle-transaction.json") })
        let bundle = try FHIR.Bundle(parsing: sample.bytes())
        #expect(bundle.type == "transaction")
        #expect(bundle.entries.map { $0.request?.method } == ["POST", "POST", "POST"])
        let observation = try #require(bundle.entries[2].resource?.typed(as: Observation.self))
        #expect(bundle.resolve(observation.subject?.reference ?? "", from: 2) == 0)
        #expect(bundle.resolve(observation.encounter?.reference ?? "", from: 2) == 1)
        #expect(bundle.bundleIssues().isEmpty)
    }
}
