import HICore
import HITestSupport
import HIXML
import Testing

/// The project's own samples: every valid CDA sample parses and round-trips; every file in
/// `Samples/cda/invalid` gives the expected located error.
@Suite("XML samples")
struct XMLSampleTests {
    static let valid: [SampleFile] =
        (try? SampleFiles.list("cda", extensions: ["xml"]))?.filter {
            !$0.name.hasPrefix("invalid/")
        } ?? []

    @Test func samplesArePresent() throws {
        #expect(try SampleFiles.list("cda", extensions: ["xml"]).count >= 13)
    }

    @Test(arguments: valid)
    func validSampleRoundTrips(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        let document = try XMLDocument(parsing: bytes)
        #expect(try XMLCanonicalizer.canonicalize(document.serialized()) == XMLCanonicalizer.canonicalize(bytes))
    }

    @Test(
        arguments: [
            ("not-well-formed.xml", XMLError.Code.notWellFormed, 7),
            ("undeclared-prefix.xml", XMLError.Code.undeclaredNamespacePrefix, 9),
            ("truncated.xml", XMLError.Code.notWellFormed, nil),
            ("doctype-external-entity.xml", XMLError.Code.entityDeclarationRefused, nil),
            ("doctype-entity-expansion.xml", XMLError.Code.entityDeclarationRefused, nil),
        ] as [(String, XMLError.Code, Int?)])
    func invalidSampleGivesALocatedError(_ name: String, _ code: XMLError.Code, _ line: Int?) throws {
        let file = try #require(try SampleFiles.list("cda/invalid").first { $0.name == name })
        var options = XMLParsingOptions()
        options.sourceName = name
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: file.bytes(), options: options) }
        #expect(error?.code == code)
        #expect(error?.location.file == name)
        #expect(error?.location.line != nil)
        if let line { #expect(error?.location.line == line) }
    }
}
