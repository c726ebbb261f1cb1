import Foundation
import HIConvert
import HICore
import HIFHIR
import HIHL7v2
import HIModels
import HITestSupport
import Testing

/// Messages of a file (batches and multi-message files split).
func messages(in bytes: [UInt8]) -> [HL7v2Message] {
    var reader = HL7v2MessageReader(bytes: bytes)
    var result: [HL7v2Message] = []
    while true {
        do {
            guard let message = try reader.next() else { break }
            result.append(message)
        } catch {
            continue
        }
    }
    return result
}

/// Every FHIR resource in `json` (a resource or a Bundle) validated; returns the error issues.
func validationErrors(_ bytes: [UInt8]) throws -> [HICore.Issue] {
    let resource = try FHIRResource(parsing: bytes)
    return FHIRValidator().validate(resource, source: bytes).filter { $0.severity >= .error }
}

@Suite("HL7 v2 ↔ models")
struct HL7v2RoundTripTests {
    static let samples = (try? SampleFiles.list("hl7v2/valid")) ?? []

    @Test("v2 → models → v2 → models keeps every modelled value", arguments: samples)
    func roundTrip(_ file: SampleFile) throws {
        var converted = 0
        for message in messages(in: try file.bytes()) {
            let first: [ModelRecord]
            do {
                first = try HL7v2ModelReader().read(message, options: ConversionOptions()).records
            } catch {
                if error.code == .unsupportedRecord { continue }
                throw error
            }
            var report = ConversionReport()
            let written = try HL7v2ModelWriter().write(first, options: ConversionOptions(), report: &report)
            let second = try HL7v2ModelReader().read(written, options: ConversionOptions()).records
            let difference = ModelComparison.difference(first, second)
            #expect(difference == nil, "\(file.name): \(difference ?? "")")
            converted += 1
        }
        if !file.name.contains("ack") { #expect(converted > 0, "\(file.name): nothing converted") }
    }

    @Test("v2 → FHIR passes FHIRValidator without errors", arguments: samples)
    func toFHIRValidates(_ file: SampleFile) throws {
        for message in messages(in: try file.bytes()) {
            guard let (records, _) = try? HL7v2ModelReader().read(message, options: ConversionOptions()) else {
                continue
            }
            var report = ConversionReport()
            let json = try FHIRModelWriter().write(records, options: ConversionOptions(), report: &report)
            let errors = try validationErrors(json)
            #expect(errors.isEmpty, "\(file.name): \(errors.prefix(3))")
        }
    }

    @Test("ORU^R01 sample: values, units, flags, comments and the unmapped report")
    func oruDetails() throws {
        let bytes = try SampleFile(
            name: "oru", url: SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/oru-r01-lab.hl7")
        ).bytes()
        let (records, report) = try HL7v2ModelReader().read(bytes, options: ConversionOptions())
        guard case .labReport(let lab) = records.first else {
            Testing.Issue.record("expected a lab report")
            return
        }
        #expect(lab.results.count == 12)
        #expect(lab.resident?.residentIDNumber != nil)
        #expect(lab.resident?.names.first?.family == "陈")
        #expect(lab.resident?.sex?.code == "1")  // GB/T 2261.1 male
        let wbc: ResultValue? = ResultValue.quantity(Quantity(value: "7.2", unit: "10*9/L", ucum: "10*9/L"))
        #expect(lab.results[0].value == wbc)
        #expect(lab.results[0].referenceRange?.low == "3.5")
        #expect(lab.results[5].abnormalFlag?.code == "HH")
        let crp: ResultValue? = ResultValue.quantity(
            Quantity(value: "0.5", unit: "mg/L", ucum: "mg/L", comparator: "<"))
        #expect(lab.results[6].value == crp)
        if case .text(let text)? = lab.results[11].value { #expect(text.contains("\n")) }
        #expect(lab.results[11].notes.count == 2)
        #expect(lab.results[11].notes[1].contains("&"))
        #expect(lab.results[0].status?.code == "F")
        // The sample's OBR puts the report time, service section and status one field late (23, 25, 26).
        #expect(report.unmapped.contains { $0.path == "OBR[1]-26" })

        var strict = ConversionOptions()
        strict.strict = true
        var strictCode: ConversionError.Code? = nil
        do {
            _ = try HL7v2ModelReader().read(bytes, options: strict)
        } catch {
            strictCode = error.code
        }
        #expect(strictCode == .unmappedContent)
    }

    @Test("carryUnmapped keeps unmapped v2 fields as FHIR extensions and ZUN segments")
    func carry() throws {
        let bytes = try SampleFile(
            name: "adt",
            url: SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/adt-a04-registration.hl7")
        ).bytes()
        var options = ConversionOptions()
        options.carryUnmapped = true
        let (records, report) = try HL7v2ModelReader().read(bytes, options: options)
        #expect(!report.unmapped.isEmpty)
        #expect(report.unmapped.contains { $0.path.hasPrefix("ZPV") })
        var writeReport = ConversionReport()
        let json = try FHIRModelWriter().write(records, options: options, report: &writeReport)
        let back = try FHIRModelReader().read(json, options: ConversionOptions()).records
        let carriedPaths: [String] = back.first?.unmappedFragments.map { $0.path } ?? []
        let sourcePaths: [String] = records.first?.unmappedFragments.map { $0.path } ?? []
        #expect(carriedPaths == sourcePaths)
        let er7 = try HL7v2ModelWriter().write(records, options: options, report: &writeReport)
        let zun = try HL7v2Message(parsing: er7).segments(withID: "ZUN")
        #expect(zun.count == report.unmapped.count)
    }
}
