import HICDA
import HIConvert
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

@Suite("Follow-up round trips")
struct FollowUpRoundTripTests {
    static let visits: [(String, FollowUp)] = [
        ("hypertension", PrimaryCareFixtures.hypertensionVisit), ("diabetes", PrimaryCareFixtures.diabetesVisit),
    ]

    @Test(arguments: ["hypertension", "diabetes"])
    func cda(_ name: String) throws {
        let visit = try #require(Self.visits.first { $0.0 == name }?.1)
        let bytes = try FollowUpCDACodec().write(visit)
        let (again, report) = try FollowUpCDACodec().read(bytes)
        Compare.followUp(visit, again, "CDA " + name)
        // Only header details the base CDA mapping does not read back (identifier authorities) stay unmapped.
        let body = report.unmapped.filter {
            !$0.path.hasPrefix("/ClinicalDocument/recordTarget") && !$0.path.hasPrefix("/ClinicalDocument/author")
        }
        #expect(body.isEmpty, "\(body)")
        let document = try ClinicalDocument(parsing: bytes)
        let template = name == "hypertension" ? "2.16.156.10011.2.1.1.12" : "2.16.156.10011.2.1.1.13"
        #expect(document.templateIds.contains { $0.root == template })
    }

    @Test(
        .enabled(if: SharedCorpus.isPresent, "needs the national schema in ../shared/corpus"),
        arguments: ["hypertension", "diabetes"])
    func cdaIsSchemaValid(_ name: String) throws {
        let visit = try #require(Self.visits.first { $0.0 == name }?.1)
        #expect(NationalSchema.errors(try FollowUpCDACodec().write(visit)) == [])
    }

    @Test(arguments: ["hypertension", "diabetes"])
    func fhir(_ name: String) throws {
        let visit = try #require(Self.visits.first { $0.0 == name }?.1)
        let bytes = try FollowUpFHIRCodec().write(visit)
        let (again, report) = try FollowUpFHIRCodec().read(bytes)
        Compare.followUp(visit, again, "FHIR " + name)
        #expect(report.unmapped.isEmpty, "\(report.unmapped)")
    }

    /// The vital signs use LOINC codes with UCUM units.
    @Test func fhirUsesLOINCAndUCUM() throws {
        let text = String(decoding: try FollowUpFHIRCodec().write(PrimaryCareFixtures.diabetesVisit), as: UTF8.self)
        for code in ["85354-9", "8480-6", "8462-4", "29463-7", "8302-2", "39156-5", "8867-4", "14771-0"] {
            #expect(text.contains("\"code\": \"\(code)\""), "LOINC \(code)")
        }
        for unit in ["mm[Hg]", "kg/m2", "/min", "mmol/L"] {
            #expect(text.contains("\"code\": \"\(unit)\""), "UCUM \(unit)")
        }
        #expect(text.contains("\"system\": \"http://unitsofmeasure.org\""))
    }

    @Test func glucoseInMilligramsUsesLOINC1558() throws {
        var visit = PrimaryCareFixtures.diabetesVisit
        visit.fastingGlucose = Quantity(value: "140", unit: "mg/dL")
        let bytes = try FollowUpFHIRCodec().write(visit)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"1558-6\""))
        #expect(try FollowUpFHIRCodec().read(bytes).followUp.fastingGlucose?.value == "140")
    }

    @Test(arguments: ["hypertension", "diabetes"])
    func acrossFormats(_ name: String) throws {
        let visit = try #require(Self.visits.first { $0.0 == name }?.1)
        let (fromCDA, _) = try FollowUpCDACodec().read(try FollowUpCDACodec().write(visit))
        let (fromFHIR, _) = try FollowUpFHIRCodec().read(try FollowUpFHIRCodec().write(fromCDA))
        let (back, _) = try FollowUpCDACodec().read(try FollowUpCDACodec().write(fromFHIR))
        Compare.followUp(visit, fromFHIR, "CDA→FHIR " + name)
        Compare.followUp(visit, back, "FHIR→CDA " + name)
    }

    @Test func theLongPrescriptionTravelsInsideTheFollowUp() throws {
        let visit = PrimaryCareFixtures.diabetesVisit
        let cda = try FollowUpCDACodec().read(try FollowUpCDACodec().write(visit)).followUp
        let fhir = try FollowUpFHIRCodec().read(try FollowUpFHIRCodec().write(visit)).followUp
        for read in [cda, fhir] {
            let order = try #require(read.medications.first)
            #expect(order.isLongTermPrescription)
            #expect(order.daysSupplied == 56)
            #expect(LongTermPrescription(order).isValid)
        }
    }
}
