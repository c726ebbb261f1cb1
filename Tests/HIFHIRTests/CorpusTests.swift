import HICore
import HIFHIR
import HITestSupport
import Testing

/// Valid corpus files (everything under fhir/ but invalid/).
private let validCorpus: [SampleFile] = SharedCorpus.files("fhir", extensions: ["json"])
    .filter { !$0.name.hasPrefix("invalid/") && !$0.name.contains("/invalid/") }

@Suite struct CorpusTests {
    @Test(.enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus"))
    func corpusIsComplete() throws {
        let index = try SharedCorpus.index("fhir/INDEX.tsv")
        #expect(index.count == 31)
        #expect(validCorpus.count == 24)
    }

    @Test(arguments: validCorpus)
    func validResourceReadsValidatesAndRoundTrips(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        let resource = try FHIRResource(parsing: bytes)
        let issues = FHIRValidator().validate(resource, source: bytes)
        #expect(!issues.containsErrors, "\(file.name): \(issues.filter { $0.severity >= .error })")
        // Writing back keeps every member, value and order.
        for style in [JSONWriter.Style.pretty, .compact] {
            let written = resource.serialized(style: style)
            let reread = try FHIRResource(parsing: written)
            #expect(reread == resource ? true : false, "\(file.name): members differ after writing")
            // Idempotent: write(read(write(read(y)))) == write(read(y)).
            #expect(reread.serialized(style: style) == written, "\(file.name)")
        }
    }
}

@Suite struct CorpusLayoutTests {
    /// US Core examples are written in the spec-example layout: reading then writing them is byte-identical.
    @Test(arguments: SharedCorpus.files("fhir/us-core", extensions: ["json"]))
    func usCoreExamplesRoundTripByteForByte(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        #expect(try FHIRResource(parsing: bytes).serialized(style: .pretty) == bytes, "\(file.name)")
    }
}
