import HICore
import HIFHIR
import HITestSupport
import Testing

@Suite(.enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus"))
struct CorpusValueTests {
    @Test func usCorePatientIdentifiersAndName() throws {
        let patient = try Patient(parsing: SharedCorpus.bytes("fhir/us-core/patient-example.json"))
        #expect(patient.identifier.map { $0.system ?? "" } == ["http://example.org/patient/identifiers"])
        #expect(patient.identifier.first?.value == "1032702")
        #expect(patient.birthDate == "1987-02-20")
        #expect(patient.name.first?.family == "Shaw")
        #expect(patient.name.first?.given == ["Amy", "V."])
        #expect(patient.extensions.first?.url == "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race")
    }

    @Test func bloodPressureComponents() throws {
        let observation = try Observation(parsing: SharedCorpus.bytes("fhir/us-core/blood-pressure.json"))
        let components = observation.component
        #expect(components.map { $0.code?.coding.first?.code ?? "" } == ["8480-6", "8462-4"])
        #expect(components.map { $0.value?.quantity?.value?.text ?? "" } == ["109", "44"])
        #expect(components.map { $0.value?.quantity?.code ?? "" } == ["mm[Hg]", "mm[Hg]"])
        #expect(components.first?.value?.quantity?.unit == "mmHg")
    }

    @Test func searchsetBundle() throws {
        let bundle = try FHIR.Bundle(
            parsing: SharedCorpus.bytes("fhir/us-core/PractitionerRole_Practitioner_Endpoint_Bundle_Example.json"))
        #expect(bundle.type == "searchset")
        #expect(bundle.total?.intValue == 1)
        #expect(bundle.resources.map(\.resourceType) == ["PractitionerRole", "Practitioner", "Endpoint"])
        let role = try #require(bundle.resources.first?.typed(as: PractitionerRole.self))
        #expect(bundle.resolve(role.practitioner?.reference ?? "", from: 0) == 1)
    }

    @Test func transactionReferencesInResourceBodiesResolve() throws {
        let bundle = try FHIR.Bundle(
            parsing: SharedCorpus.bytes("fhir/fhir-server/Bundle-TransactionWithReferenceInResourceBody.json"))
        #expect(bundle.type == "transaction")
        #expect(bundle.entries.count == 6)
        let uuidReferences = bundle.references().filter { $0.reference.hasPrefix("urn:uuid:") }
        #expect(uuidReferences.count >= 3)
        for found in uuidReferences {
            let target = try #require(bundle.resolve(found.reference, from: found.entry), "\(found.path)")
            #expect(bundle.entries[target].fullUrl == found.reference)
        }
        #expect(!bundle.bundleIssues().containsErrors)
    }

    @Test func ipsDocumentAndPrimitiveExtension() throws {
        let bundle = try FHIR.Bundle(parsing: SharedCorpus.bytes("fhir/ips/bundle-minimal.json"))
        #expect(bundle.type == "document")
        #expect(bundle.entries.count == 8)
        #expect(bundle.resources.first?.resourceType == "Composition")
        let condition = try #require(bundle.resources.compactMap { $0.typed(as: Condition.self) }.first)
        let coding = try #require(condition.code?.coding.first)
        #expect(coding.display == "Menopausal flushing (finding)")
        let translation = try #require(coding.displayElement?.extensions.first)
        #expect(translation.url == "http://hl7.org/fhir/StructureDefinition/translation")
        #expect(translation.extensions(url: "lang").first?.value?.string == "nl-NL")
        #expect(translation.extensions(url: "content").first?.value?.string == "opvliegers")
    }

    /// write(read(write(read(y)))) == write(read(y)) for every corpus file, in both layouts.
    @Test(arguments: SharedCorpus.files("fhir", extensions: ["json"]))
    func writingIsIdempotent(_ file: SampleFile) throws {
        let tree = try JSONReader.read(file.bytes())
        for style in [JSONWriter.Style.pretty, .compact] {
            let once = JSONWriter.write(tree, style: style)
            #expect(JSONWriter.write(try JSONReader.read(once), style: style) == once, "\(file.name)")
        }
    }
}
