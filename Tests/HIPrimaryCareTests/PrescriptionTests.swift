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

    @Test func hl7v2RoundTripKeepsEveryField() throws {
        let orders = [PrimaryCareFixtures.amlodipine, PrimaryCareFixtures.metformin]
        let bytes = try PrescriptionV2Codec().write(orders)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("|RDE^O11^RDE_O11|"))
        #expect(text.contains("\rTQ1|1||qd^每日一次^local-frequency|||84^d"))
        let (read, report) = try PrescriptionV2Codec().read(bytes)
        #expect(report.unmapped.isEmpty, "\(report.unmapped)")
        #expect(read.count == 2)
        for (expected, again) in zip(orders, read) {
            Compare.order(expected, again, "v2")
            #expect(again.quantity == expected.quantity)
            #expect(again.orderedAt == expected.orderedAt)
            #expect(again.identifiers.first == expected.identifiers.first)
            Compare.practitioner(expected.prescriber, again.prescriber, "v2 prescriber")
            Compare.resident(expected.resident, again.resident, "v2 prescription")
        }
    }

    @Test func v2AndFHIRAgree() throws {
        let order = PrimaryCareFixtures.amlodipine
        let fromV2 = try #require(try PrescriptionV2Codec().read(try PrescriptionV2Codec().write([order])).orders.first)
        let fromFHIR = try #require(
            try PrescriptionFHIRCodec().read(try PrescriptionFHIRCodec().write([fromV2])).orders.first)
        Compare.order(order, fromFHIR, "v2→FHIR")
        #expect(fromFHIR.quantity == order.quantity)
    }

    /// References resolve through an index: a Bundle of a thousand orders, each with its own prescriber, reads
    /// in linear time.
    @Test func largeBundleReadsInLinearTime() throws {
        var entries: [String] = []
        let count = 1000
        entries.reserveCapacity(count * 2)
        for index in 0..<count {
            entries.append(
                #"{"fullUrl":"urn:uuid:p\#(index)","resource":{"resourceType":"Practitioner","id":"p\#(index)","name":[{"text":"医生\#(index)"}]}}"#
            )
            entries.append(
                #"{"resource":{"resourceType":"MedicationRequest","status":"active","intent":"order","medicationCodeableConcept":{"text":"药\#(index)"},"requester":{"reference":"urn:uuid:p\#(index)"},"dispenseRequest":{"expectedSupplyDuration":{"value":28,"code":"d"}}}}"#
            )
        }
        let json = #"{"resourceType":"Bundle","type":"collection","entry":["# + entries.joined(separator: ",") + "]}"
        let clock = ContinuousClock()
        let start = clock.now
        let (orders, _) = try PrescriptionFHIRCodec().read(Array(json.utf8))
        #expect(orders.count == count)
        #expect(orders.last?.prescriber?.name?.text == "医生\(count - 1)")
        #expect(clock.now - start < .seconds(10))
    }

    @Test func hostileV2InputThrowsInsteadOfTrapping() {
        for input in ["", "MSH|^~\\&|", "MSH|^~\\&|A|B|C|D|1||RDE^O11|1|P|2.5.1\rRXE|\rTQ1|||||x^\rRXR|", "RXE|1"] {
            _ = try? PrescriptionV2Codec().read(Array(input.utf8))
            _ = try? PrimaryCareReader().read(Array(input.utf8), format: .hl7v2)
        }
        #expect(throws: ConversionError.self) { try PrescriptionV2Codec().read(Array("MSH|^~\\&|A\r".utf8)) }
    }
}
