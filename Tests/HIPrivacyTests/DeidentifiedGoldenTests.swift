import Foundation
import HICDA
import HICore
import HIFHIR
import HIHL7v2
import HIPrivacy
import HITabular
import HITestSupport
import HIV3
import HIXML
import Testing

/// `Samples/deid/` holds `hix deid` outputs made with the key `sample key 2026`: de-identifying the sources
/// again gives the same bytes, and the goldens parse (FHIR ones validate as well as their sources).
@Suite struct DeidentifiedGoldenTests {
    static let deidentifier = Deidentifier(options: DeidentificationOptions(key: Array("sample key 2026".utf8)))

    static func source(of golden: SampleFile) throws -> (SampleFile, DeidentificationFormat) {
        for (folder, format) in [
            ("hl7v2/valid", DeidentificationFormat.hl7v2), ("fhir/valid", .fhirJSON), ("tables", .table),
            ("cda", .cda), ("v3/valid", .v3),
        ] {
            if let file = try SampleFiles.list(folder).first(where: { $0.name == golden.name }) {
                let actual: DeidentificationFormat = golden.name.hasSuffix(".ndjson") ? .ndjson : format
                return (file, actual)
            }
        }
        throw SampleFilesError.noFiles(golden.name)
    }

    @Test(arguments: try SampleFiles.list("deid"))
    func goldenIsReproducedAndParses(_ golden: SampleFile) throws {
        let (source, format) = try Self.source(of: golden)
        let expected = try golden.bytes()
        let result = try Self.deidentifier.deidentify(try source.bytes(), format: format)
        #expect(result.bytes == expected, "\(golden.name) differs from a fresh de-identification")
        switch format {
        case .hl7v2:
            var reader = HL7v2MessageReader(bytes: expected)
            var count = 0
            while try reader.next() != nil { count += 1 }
            #expect(count >= 1)
        case .fhirJSON:
            let resource = try FHIRResource(parsing: expected)
            let errors = FHIRValidator().validate(resource, source: expected).filter { $0.severity >= .error }
            #expect(errors.isEmpty, "\(golden.name): \(errors.map(\.code))")
        case .ndjson:
            var reader = NDJSONReader(bytes: expected)
            while let record = try reader.next() {
                #expect(FHIRValidator().validate(record.resource).filter { $0.severity >= .error }.isEmpty)
            }
        case .table:
            let table = try TableReader.readAll(bytes: expected)
            #expect(!table.rows.isEmpty)
        case .cda:
            let document = try ClinicalDocument(parsing: expected)
            #expect(document.template != nil, "\(golden.name): no national template")
            if SharedCorpus.isPresent {
                let schema = try XMLSchema(contentsOf: SharedCorpus.url("cn/schemas/sdschemas/SDA.xsd").path)
                let source = schema.validate(try source.bytes()).filter { $0.severity >= .error }
                let issues = schema.validate(expected).filter { $0.severity >= .error }
                #expect(issues.map(\.message) == source.map(\.message), "\(golden.name): schema")
            }
        case .v3:
            let message = try V3Message(parsing: expected)
            let original = try V3Message(parsing: try source.bytes())
            #expect(message.interaction == original.interaction)
            #expect(message.issues.filter { $0.severity >= .error }.isEmpty, "\(golden.name)")
        }
    }
}
