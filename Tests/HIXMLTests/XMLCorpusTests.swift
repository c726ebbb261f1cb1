import HICore
import HITestSupport
import HIXML
import Testing

/// Every XML file of the shared corpus (CDA documents, fragments, Chinese documents, templates, schemas)
/// parses and round-trips: parse → write gives the same canonical XML (C14N) and the same tree.
@Suite("XML corpus")
struct XMLCorpusTests {
    static let files: [SampleFile] =
        SharedCorpus.files("cda", extensions: ["xml", "xsd"])
        + SharedCorpus.files("cn", extensions: ["xml", "xsd", "ftl"])

    /// Files that use a namespace prefix without declaring it (corpus README, "Known-bad inputs").
    static let undeclaredPrefix: Set<String> = [
        "c-cda-examples/Entry_Reference_Example.xml",
        "c-cda-examples/Planned_Encounter_-_Reason_for_Referral_C-CDAR2.1_.xml",
        "fragments/Allergies__Allergy_to_food_egg_C-CDA2.1_.xml",
        "fragments/Problems__Active_Problem_C-CDA2.1_.xml",
        "fragments/Social_History__Birth_Sex_C-CDA2.1_.xml",
    ]

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusHasTheExpectedFiles() {
        #expect(Self.files.count >= 50)
    }

    @Test(arguments: files)
    func parsesAndRoundTrips(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        if Self.undeclaredPrefix.contains(file.name) {
            // Strict (default): a located error. Lenient: parses, keeps the names as written.
            let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: bytes) }
            #expect(error?.code == .undeclaredNamespacePrefix)
            #expect((error?.location.line ?? 0) > 1)
            var options = XMLParsingOptions()
            options.allowsUndeclaredPrefixes = true
            let document = try XMLDocument(parsing: bytes, options: options)
            #expect(try XMLDocument(parsing: document.serialized(), options: options) == document)
            return
        }
        let document = try XMLDocument(parsing: bytes)
        let written = document.serialized()
        #expect(try XMLDocument(parsing: written) == document, "\(file.name)")
        #expect(try XMLCanonicalizer.canonicalize(written) == XMLCanonicalizer.canonicalize(bytes), "\(file.name)")
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func chineseDocumentsValidateAgainstTheNationalSchema() throws {
        let schema = try XMLSchema(contentsOf: SharedCorpus.url("cn/schemas/sdschemas/SDA.xsd").path)
        for name in ["wst483-01-personal-basic-health-info.xml", "wst483-16-adult-health-checkup.xml"] {
            let bytes = try SampleFile(name: name, url: SharedCorpus.url("cn/cda-wst483/" + name)).bytes()
            let issues = schema.validate(bytes)
            #expect(!issues.containsErrors, "\(name): \(issues)")
        }
        // Known bad: lengthOfStayQuantity is not in the national schema.
        let lab = try SampleFile(name: "lab", url: SharedCorpus.url("cn/hl7v3-lis/jh0421-lab-report-cda.xml")).bytes()
        let issues = schema.validate(lab)
        let issue = try #require(issues.first { $0.message.contains("lengthOfStayQuantity") })
        #expect(issue.code == "HI-XML-0010")
        #expect(issue.location.line != nil)
        #expect(issue.location.line == 36)
        #expect(issue.location.path?.hasSuffix("/lengthOfStayQuantity") == true, "\(issue.location)")
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func cdaDocumentsValidateAsTheIndexSays() throws {
        let normative = try XMLSchema(
            contentsOf: SharedCorpus.url("cda/schema/normative/infrastructure/cda/CDA.xsd").path)
        let sdtc = try XMLSchema(contentsOf: SharedCorpus.url("cda/schema/sdtc/infrastructure/cda/CDA_SDTC.xsd").path)
        for row in try SharedCorpus.index("cda/INDEX.tsv") {
            guard let file = row["file"], row["xsd_normative"] != "SKIP" else { continue }
            let bytes = try SampleFile(name: file, url: SharedCorpus.url("cda/" + file)).bytes()
            let normativeIssues = normative.validate(bytes)
            let sdtcIssues = sdtc.validate(bytes)
            #expect(
                normativeIssues.containsErrors == (row["xsd_normative"] == "FAIL"),
                "\(file): \(normativeIssues.prefix(2))")
            #expect(sdtcIssues.containsErrors == (row["xsd_sdtc"] == "FAIL"), "\(file): \(sdtcIssues.prefix(2))")
        }
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func schemaIsSharedBetweenThreads() async throws {
        let schema = try XMLSchema(contentsOf: SharedCorpus.url("cn/schemas/sdschemas/SDA.xsd").path)
        let good = try SampleFile(
            name: "g", url: SharedCorpus.url("cn/cda-wst483/wst483-01-personal-basic-health-info.xml")
        ).bytes()
        let bad = try SampleFile(name: "b", url: SharedCorpus.url("cn/hl7v3-lis/jh0421-lab-report-cda.xml")).bytes()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<6 {
                group.addTask {
                    let isGood = task % 2 == 0
                    let issues = schema.validate(isGood ? good : bad)
                    return issues.containsErrors != isGood
                }
            }
            var all: [Bool] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes == Array(repeating: true, count: 6))
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func missingSchemaIsALocatedError() {
        let error = #expect(throws: XMLError.self) { try XMLSchema(contentsOf: "/nonexistent/none.xsd") }
        #expect(error?.code == .schemaNotLoaded)
    }
}
