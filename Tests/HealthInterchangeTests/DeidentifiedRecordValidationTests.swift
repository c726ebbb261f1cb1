import HITestSupport
import HealthInterchange
import Testing

/// De-identified records still validate: every sample under `Samples/deid/` (made from a source sample with
/// the test key) gets the same error-level issue codes from the sharing profiles as its source, so the
/// pseudonyms (valid resident ID numbers with consistent birth dates and sex, shifted dates) break no rule.
@Suite struct DeidentifiedRecordValidationTests {
    static let sources = ["hl7v2/valid", "fhir/valid", "cda", "v3/valid"]

    static func format(of name: String) -> RecordFormat? {
        if name.hasSuffix(".hl7") { return .hl7v2 }
        if name.hasSuffix(".json") || name.hasSuffix(".ndjson") { return .fhir }
        if name.hasSuffix(".xml") { return .cda }
        return nil
    }

    static func errorCodes(_ reports: [ValidationReport]) -> [String] {
        reports.flatMap { $0.issues.filter { $0.severity >= .error }.map(\.code.description) }.sorted()
    }

    @Test(arguments: try SampleFiles.list("deid").filter { format(of: $0.name) != nil })
    func deidentifiedRecordValidatesLikeItsSource(_ golden: SampleFile) throws {
        var format = try #require(Self.format(of: golden.name))
        if format == .cda, DocumentFormat.detect(try golden.bytes()) == .hl7v3 { format = .v3 }
        var source: SampleFile?
        for folder in Self.sources {
            if let file = try SampleFiles.list(folder).first(where: { $0.name == golden.name }) { source = file }
        }
        let original = try #require(source, "no source sample for \(golden.name)")
        let validation = try RecordValidation()
        let before = validation.validate(try original.bytes(), as: format)
        let after = validation.validate(try golden.bytes(), as: format)
        #expect(!after.isEmpty)
        #expect(after.count == before.count, "\(golden.name): record count changed")
        #expect(Self.errorCodes(after) == Self.errorCodes(before), "\(golden.name)")
    }
}
