import HIConvert
import HICore
import HIModels
import HIPrimaryCare
import Testing

@Suite("Long prescriptions")
struct PrescriptionTests {
    @Test func fhirRoundTripKeepsEveryField() throws {
        let order = PrimaryCareFixtures.amlodipine
        let bytes = try PrescriptionFHIRCodec().write(LongTermPrescription(order))
        let (orders, _) = try PrescriptionFHIRCodec().read(bytes)
        let again = try #require(orders.first)
        Compare.order(order, again, "FHIR")
        #expect(again.quantity == order.quantity)
        #expect(again.orderedAt == order.orderedAt)
        #expect(again.identifiers.first?.value == order.identifiers.first?.value)
        Compare.practitioner(order.prescriber, again.prescriber, "prescriber")
        Compare.resident(order.resident, again.resident, "prescription")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"expectedSupplyDuration\""))
        #expect(text.contains("\"numberOfRepeatsAllowed\": 1"))
    }

    @Test func supplyInWeeksIsReadAsDays() throws {
        let json = """
            {"resourceType":"MedicationRequest","status":"active","intent":"order",
             "medicationCodeableConcept":{"text":"缬沙坦胶囊"},
             "dispenseRequest":{"expectedSupplyDuration":{"value":8,"unit":"wk","system":"http://unitsofmeasure.org","code":"wk"}}}
            """
        let (orders, _) = try PrescriptionFHIRCodec().read(Array(json.utf8))
        #expect(orders.first?.daysSupplied == 56)
        #expect(orders.first?.medication.originalText == "缬沙坦胶囊")
    }

    @Test(arguments: [(28, true), (84, true), (56, true), (27, false), (85, false), (120, false)])
    func policyAllowsFourToTwelveWeeks(_ days: Int, _ valid: Bool) {
        var order = PrimaryCareFixtures.amlodipine
        order.daysSupplied = days
        let prescription = LongTermPrescription(order)
        #expect(prescription.isValid == valid)
        if !valid {
            let issue = prescription.issues().first
            #expect(issue?.code == IssueCode("HI-MODEL-0101"))
            #expect(issue?.message.contains("李秀兰") == false)
        }
    }

    @Test func missingDaysAndNegativeRefillsAreErrors() {
        var order = PrimaryCareFixtures.amlodipine
        order.daysSupplied = nil
        order.refills = -1
        order.dose = nil
        let codes = LongTermPrescription(order).issues().map(\.code)
        #expect(codes.contains(IssueCode("HI-MODEL-0102")))
        #expect(codes.contains(IssueCode("HI-MODEL-0103")))
        #expect(codes.contains(IssueCode("HI-MODEL-0104")))
        #expect(LongTermPrescription(order).totalDays == nil)
    }

    @Test func totalDaysCountsRefills() {
        #expect(LongTermPrescription(PrimaryCareFixtures.amlodipine).totalDays == 168)
        #expect(LongTermPrescription(PrimaryCareFixtures.metformin).order.isLongTermPrescription)
    }
}
