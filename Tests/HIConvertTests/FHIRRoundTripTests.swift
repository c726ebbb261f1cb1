import Foundation
import HIConvert
import HIFHIR
import HIHL7v2
import HIModels
import HITestSupport
import Testing

/// FHIR records of a sample file: the file itself, or each NDJSON line.
func fhirRecords(_ file: SampleFile) throws -> [[UInt8]] {
    let bytes = try file.bytes()
    guard file.name.hasSuffix(".ndjson") else { return [bytes] }
    var reader = NDJSONReader(bytes: bytes)
    var records: [[UInt8]] = []
    while let record = try reader.next() { records.append(record.bytes) }
    return records
}

@Suite("FHIR ↔ models")
struct FHIRRoundTripTests {
    static let samples = (try? SampleFiles.list("fhir/valid")) ?? []

    @Test("FHIR → models → FHIR → models keeps every modelled value; output validates", arguments: samples)
    func roundTrip(_ file: SampleFile) throws {
        for bytes in try fhirRecords(file) {
            let first: [ModelRecord]
            do {
                first = try FHIRModelReader().read(bytes, options: ConversionOptions()).records
            } catch {
                // A Condition on its own has no model record (known limitation); everything else must read.
                #expect(file.name.hasPrefix("condition") && error.code == .unsupportedRecord, "\(file.name)")
                continue
            }
            var report = ConversionReport()
            let json = try FHIRModelWriter().write(first, options: ConversionOptions(), report: &report)
            let errors = try validationErrors(json)
            #expect(errors.isEmpty, "\(file.name): \(errors.prefix(3))")
            let second = try FHIRModelReader().read(json, options: ConversionOptions()).records
            let difference = ModelComparison.difference(first, second)
            #expect(difference == nil, "\(file.name): \(difference ?? "")")
        }
    }

    @Test("FHIR → v2 → models keeps the values v2 holds", arguments: samples)
    func toV2(_ file: SampleFile) throws {
        for bytes in try fhirRecords(file) {
            guard let records = try? FHIRModelReader().read(bytes, options: ConversionOptions()).records else {
                continue
            }
            var report = ConversionReport()
            guard let er7 = try? HL7v2ModelWriter().write(records, options: ConversionOptions(), report: &report)
            else { continue }
            let message = try HL7v2Message(parsing: er7)
            #expect(message.issues.isEmpty, "\(file.name)")
            let back = try HL7v2ModelReader().read(er7, options: ConversionOptions()).records
            #expect(back.first?.resident?.birthDate == records.first?.resident?.birthDate)
            #expect(back.first?.resident?.sex?.code == records.first?.resident?.sex?.code)
            let again = try HL7v2ModelWriter().write(back, options: ConversionOptions(), report: &report)
            // v2 written from the models reads back to the same models.
            let third = try HL7v2ModelReader().read(again, options: ConversionOptions()).records
            #expect(ModelComparison.difference(back, third) == nil, "\(file.name)")
        }
    }

    @Test("ORU^R01 from a DiagnosticReport bundle; ADT^A28 from a Patient")
    func messageTypes() throws {
        let patient = try SampleFile(
            name: "p", url: SampleFiles.samplesRoot.appendingPathComponent("fhir/valid/patient-zhangsan.json")
        ).bytes()
        let result = try RecordConverter().convert(patient, from: .fhir, to: .hl7v2)
        #expect(try HL7v2Message(parsing: result.output).messageType == "ADT^A28^ADT_A05")
        #expect(result.report.unmapped.contains { $0.path.contains("_birthDate") })

        let oruURL = SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/oru-r01-lab.hl7")
        let oru: [UInt8] = try SampleFile(name: "oru", url: oruURL).bytes()
        let lab: [UInt8] = try RecordConverter().convert(oru, from: .hl7v2, to: .fhir).output
        let back = try RecordConverter().convert(lab, from: .fhir, to: .hl7v2)
        let message = try HL7v2Message(parsing: back.output)
        #expect(message.messageType == "ORU^R01^ORU_R01")
        #expect(message.segments(withID: "OBX").count == 12)
        #expect(message.value(at: "OBX[6]-8") == "HH")
        #expect(message.value(at: "OBX[1]-11") == "F")
    }

    @Test("MedicationRequest ↔ MedicationOrder keeps dose, route, frequency, supply and refills")
    func medicationRequest() throws {
        let json = #"""
            {"resourceType":"Bundle","id":"mr1","type":"collection","entry":[
            {"fullUrl":"urn:uuid:11111111-1111-4111-8111-111111111111","resource":{"resourceType":"Patient","id":"p1","name":[{"text":"王五"}],"gender":"male","birthDate":"1950-01-02"}},
            {"fullUrl":"urn:uuid:22222222-2222-4222-8222-222222222222","resource":{"resourceType":"MedicationRequest","id":"m1","status":"active","intent":"order","medicationCodeableConcept":{"coding":[{"system":"http://healthinterchange.example/CodeSystem/cn-drug","code":"X01","display":"硝苯地平缓释片"}]},"subject":{"reference":"urn:uuid:11111111-1111-4111-8111-111111111111"},"authoredOn":"2026-11-20","dosageInstruction":[{"route":{"coding":[{"code":"PO","display":"口服"}]},"timing":{"code":{"coding":[{"code":"QD","display":"每日一次"}]}},"doseAndRate":[{"doseQuantity":{"value":20,"unit":"mg"}}]}],"dispenseRequest":{"quantity":{"value":30,"unit":"片"},"expectedSupplyDuration":{"value":30,"unit":"d","system":"http://unitsofmeasure.org","code":"d"},"numberOfRepeatsAllowed":2}}}]}
            """#
        let first = try FHIRModelReader().read(Array(json.utf8), options: ConversionOptions()).records
        guard case .medicationOrder(let order) = first.first else {
            Testing.Issue.record("expected a medication order")
            return
        }
        #expect(order.dose == Quantity(value: "20", unit: "mg"))
        #expect(order.frequency?.code == "QD")
        #expect(order.daysSupplied == 30)
        #expect(order.refills == 2)
        #expect(order.resident?.birthDate == CalendarDate(year: 1950, month: 1, day: 2))
        var report = ConversionReport()
        let written = try FHIRModelWriter().write(first, options: ConversionOptions(), report: &report)
        #expect(try validationErrors(written).isEmpty)
        let second = try FHIRModelReader().read(written, options: ConversionOptions()).records
        #expect(ModelComparison.difference(first, second) == nil)
    }
}
