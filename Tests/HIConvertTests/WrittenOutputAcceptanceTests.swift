import Foundation
import HICDA
import HIConvert
import HIHL7v2
import HIModels
import HITestSupport
import Testing

/// One source record for the acceptance checks: a sample file or a corpus file, in a known format.
struct AcceptanceInput: Sendable, CustomStringConvertible {
    var name: String
    var url: URL
    var format: RecordFormat
    var description: String { name }

    /// Every record of the file (v2 batches split, NDJSON lines split).
    func records() throws -> [[UInt8]] {
        let bytes = [UInt8](try Data(contentsOf: url))
        switch format {
        case .hl7v2: return messages(in: bytes).map { $0.serializedBytes() }
        case .fhir:
            return try fhirRecords(SampleFile(name: name, url: url))
        default: return [bytes]
        }
    }

    static let samples: [AcceptanceInput] = {
        var inputs: [AcceptanceInput] = []
        for (folder, format) in [("hl7v2/valid", RecordFormat.hl7v2), ("fhir/valid", .fhir)] {
            for file in (try? SampleFiles.list(folder)) ?? [] {
                inputs.append(AcceptanceInput(name: folder + "/" + file.name, url: file.url, format: format))
            }
        }
        for file in CDAInputs.samples { inputs.append(AcceptanceInput(name: file.name, url: file.url, format: .cda)) }
        return inputs
    }()

    static let corpus: [AcceptanceInput] = {
        var inputs = CorpusRoundTripTests.v2Files.map {
            AcceptanceInput(name: "hl7v2/" + $0, url: SharedCorpus.url("hl7v2/" + $0), format: .hl7v2)
        }
        inputs += CorpusRoundTripTests.fhirFiles.map {
            AcceptanceInput(name: "fhir/" + $0, url: SharedCorpus.url("fhir/" + $0), format: .fhir)
        }
        inputs += CDAInputs.corpus.map { AcceptanceInput(name: $0.name, url: $0.url, format: .cda) }
        return inputs
    }()
}

/// The acceptance checks of the conversion issue over every sample and every corpus file the library models:
/// each CDA document written validates against SDA.xsd, each FHIR resource passes `FHIRValidator`, and
/// each v2 message written parses and reads back to the same models (v2 → models → v2 is stable).
@Suite("What the converters write: schema-valid CDA, valid FHIR, v2 that reads back")
struct WrittenOutputAcceptanceTests {
    static let converter = RecordConverter.allFormats

    /// The models of one record, or nil when the library does not model it (an ACK, a Condition alone …).
    static func models(_ bytes: [UInt8], _ format: RecordFormat) -> [ModelRecord]? {
        guard let reader = converter.readers[format] else { return nil }
        return try? reader.read(bytes, options: ConversionOptions()).records
    }

    static func check(_ input: AcceptanceInput) throws {
        var modelled = 0
        for bytes in try input.records() {
            guard let records = models(bytes, input.format) else { continue }
            modelled += 1
            // FHIR: every record kind has a FHIR mapping.
            var report = ConversionReport()
            var json: [UInt8] = []
            do {
                json = try FHIRModelWriter().write(records, options: ConversionOptions(), report: &report)
            } catch {
                // Known limitation: a MedicationRequest whose subject lies outside the record cannot be written
                // back (the model keeps the resident, not a reference to one).
                #expect(error.code == .missingData && input.name.lowercased().contains("medicationrequest"))
            }
            if !json.isEmpty {
                let errors = try validationErrors(json)
                #expect(errors.isEmpty, "\(input.name) → FHIR: \(errors.prefix(2))")
            }
            // CDA: the kinds a WS/T 500 / WS/T 483 template holds.
            if let schema = CDAInputs.schema,
                let cda = try? CDAModelWriter().write(records, options: ConversionOptions(), report: &report)
            {
                let issues = schema.validate(cda)
                #expect(issues.isEmpty, "\(input.name) → CDA: \(issues.prefix(2).map(\.message))")
            }
            // v2: what is written parses, and reads back to models that write the same message again.
            let er7: [UInt8]
            do {
                er7 = try HL7v2ModelWriter().write(records, options: ConversionOptions(), report: &report)
            } catch {
                #expect(error.code == .unsupportedTarget, "\(input.name) → v2: \(error)")
                continue
            }
            let message = try HL7v2Message(parsing: er7)
            #expect(!message.segments.isEmpty)
            let back = try HL7v2ModelReader().read(message, options: ConversionOptions()).records
            let again = try HL7v2ModelWriter().write(back, options: ConversionOptions(), report: &report)
            let third = try HL7v2ModelReader().read(again, options: ConversionOptions()).records
            let difference = ModelComparison.difference(back, third)
            #expect(difference == nil, "\(input.name) → v2 → models: \(difference ?? "")")
        }
        if input.url.path.hasPrefix(SampleFiles.samplesRoot.path), !input.name.contains("ack"),
            input.format != .fhir
        {
            #expect(modelled > 0, "\(input.name): nothing modelled")
        }
    }

    @Test("samples", arguments: AcceptanceInput.samples)
    func samples(_ input: AcceptanceInput) throws { try Self.check(input) }

    @Test("corpus files the library models", arguments: AcceptanceInput.corpus)
    func corpus(_ input: AcceptanceInput) throws { try Self.check(input) }

    @Test("the acceptance inputs are there", .enabled(if: SharedCorpus.isPresent, "shared corpus"))
    func present() {
        #expect(AcceptanceInput.samples.count >= 30)
        #expect(AcceptanceInput.corpus.count >= 35)
    }
}
