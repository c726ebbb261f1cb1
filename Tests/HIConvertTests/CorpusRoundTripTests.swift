import Foundation
import HIConvert
import HIFHIR
import HIHL7v2
import HITestSupport
import Testing

/// Round trips over ../shared/corpus: every HL7 v2 message whose type the models hold (ADT, ORU, ORM, OML,
/// REF, SIU) and every valid FHIR R4 file that reads into a model record.
@Suite("Corpus round trips through the models")
struct CorpusRoundTripTests {
    static let v2Files: [String] = ((try? SharedCorpus.index("hl7v2/INDEX.tsv")) ?? []).compactMap { row in
        let type = row["msh9"] ?? ""
        let modelled = ["ADT^", "ORU^", "ORM^", "OML^", "REF^", "SIU^"].contains { type.hasPrefix($0) }
        return modelled ? row["file"] : nil
    }

    static let fhirFiles: [String] = ((try? SharedCorpus.index("fhir/INDEX.tsv")) ?? []).compactMap { row in
        row["expected_R4"] == "valid" ? row["file"] : nil
    }

    @Test("corpus index lists modelled messages", .enabled(if: SharedCorpus.isPresent, "shared corpus"))
    func counts() {
        #expect(Self.v2Files.count >= 30)
        #expect(Self.fhirFiles.count >= 5)
    }

    @Test("v2 → models → v2 → models", arguments: v2Files)
    func v2(_ file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: SharedCorpus.url("hl7v2/" + file)))
        for message in messages(in: bytes) {
            let first: [ModelRecord]
            do {
                first = try HL7v2ModelReader().read(message, options: ConversionOptions()).records
            } catch {
                // Only messages the reader does not model (or without the segments a model needs) are skipped.
                #expect(error.code == .unsupportedRecord || error.code == .missingData, "\(file): \(error)")
                continue
            }
            var report = ConversionReport()
            let written = try HL7v2ModelWriter().write(first, options: ConversionOptions(), report: &report)
            let second = try HL7v2ModelReader().read(written, options: ConversionOptions()).records
            let difference = ModelComparison.difference(first, second)
            #expect(difference == nil, "\(file): \(difference ?? "")")
            let json = try FHIRModelWriter().write(first, options: ConversionOptions(), report: &report)
            let errors = try validationErrors(json)
            #expect(errors.isEmpty, "\(file): \(errors.prefix(2))")
        }
    }

    @Test("FHIR → models → FHIR → models", arguments: fhirFiles)
    func fhir(_ file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: SharedCorpus.url("fhir/" + file)))
        let first: [ModelRecord]
        do {
            first = try FHIRModelReader().read(bytes, options: ConversionOptions()).records
        } catch {
            #expect(error.code == .unsupportedRecord, "\(file): \(error)")
            return
        }
        var report = ConversionReport()
        let json: [UInt8]
        do {
            json = try FHIRModelWriter().write(first, options: ConversionOptions(), report: &report)
        } catch {
            // A MedicationRequest whose subject lies outside the record cannot be written back: the model keeps
            // the resident, not a reference to one.
            #expect(error.code == .missingData && file.lowercased().contains("medicationrequest"), "\(file): \(error)")
            return
        }
        let errors = try validationErrors(json)
        #expect(errors.isEmpty, "\(file): \(errors.prefix(2))")
        let second = try FHIRModelReader().read(json, options: ConversionOptions()).records
        let difference = ModelComparison.difference(first, second)
        #expect(difference == nil, "\(file): \(difference ?? "")")
    }
}
