import Foundation
import HIConvert
import HIFHIR
import HITestSupport
import Testing

/// `ConversionOptions.compactJSON`: the FHIR writer writes one NDJSON line directly, the same bytes as the
/// compact layout of the pretty output (what minifying it gave), for every sample message and resource.
@Suite("FHIR writer compact output")
struct FHIRCompactOutputTests {
    static let inputs = AcceptanceInput.samples.filter { $0.format != .cda }

    @Test("compact output equals the pretty output re-written compact", arguments: inputs)
    func compactEqualsMinifiedPretty(_ input: AcceptanceInput) throws {
        let converter = RecordConverter.allFormats
        var compactOptions = ConversionOptions()
        compactOptions.compactJSON = true
        for record in try input.records() {
            guard let pretty = try? converter.convert(record, from: input.format, to: .fhir) else { continue }
            let compact = try converter.convert(record, from: input.format, to: .fhir, options: compactOptions)
            let tree = try JSONReader.read(pretty.output)
            #expect(compact.output == JSONWriter.write(tree, style: .compact), "\(input.name)")
            #expect(!compact.output.contains(0x0A))
            #expect(pretty.output.last == 0x0A)
        }
    }

    @Test("resource(_:) reads back what write(_:) writes")
    func resourceMatchesWrittenBytes() throws {
        var checked = 0
        for input in AcceptanceInput.samples where input.format == .hl7v2 {
            for bytes in try input.records() {
                guard let (records, _) = try? HL7v2ModelReader().read(bytes, options: ConversionOptions()),
                    !records.isEmpty
                else { continue }
                var report = ConversionReport()
                let tree = try FHIRModelWriter().resource(records, options: ConversionOptions(), report: &report)
                let written = try FHIRModelWriter().write(records, options: ConversionOptions(), report: &report)
                #expect(JSONWriter.write(tree, style: .pretty) == written, "\(input.name)")
                checked += 1
            }
        }
        #expect(checked > 5)
    }
}
