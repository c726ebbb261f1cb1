import Foundation
import HITestSupport
import Testing

@Suite("hix inspect (XML)")
struct InspectXMLTests {
    static func samplePath(_ name: String) -> String {
        SampleFiles.samplesRoot.appendingPathComponent("cda/" + name).path
    }

    @Test func treeShowsHeaderSectionsAndDataElementsMasked() throws {
        let result = try HixRunner.run(["inspect", Self.samplePath("wst483-12-hypertension-followup.xml")])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.output
        #expect(output.contains("WS/T 483.12 高血压患者随访服务"))
        #expect(output.contains("DE04.10.174.00 收缩压 = 138 mmHg"))
        #expect(output.contains("8716-3"))
        #expect(output.contains("patient.name: 储**"))
        #expect(!output.contains("储光明"))
        #expect(!output.contains("341525195804172032"))
        #expect(output.contains("3415**********2032"))
    }

    @Test func showUnmasksPersonalData() throws {
        let result = try HixRunner.run(["inspect", "--show", Self.samplePath("wst483-12-hypertension-followup.xml")])
        #expect(result.status == 0)
        #expect(result.output.contains("储光明"))
        #expect(result.output.contains("341525195804172032"))
    }

    @Test func jsonGivesTheSameContent() throws {
        let result = try HixRunner.run(["inspect", "--format", "json", Self.samplePath("wst500-27-lab-report.xml")])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput)) as? [String: Any])
        #expect(object["type"] as? String == "cda")
        let header = try #require(object["header"] as? [String: String])
        #expect(header["patient.name"] == "姚**")
        #expect(header["title"] == "检验报告")
        let sections = try #require(object["sections"] as? [[String: Any]])
        let entries = sections.flatMap { ($0["entries"] as? [[String: Any]]) ?? [] }
        #expect(entries.contains { $0["id"] as? String == "DE04.30.015.00" && $0["value"] as? String == "12.6 10*9/L" })
        #expect(!result.output.contains("330521198506123019"))
        let results = try #require(object["labResults"] as? [[String: Any]])
        let wbc = try #require(results.first { $0["code"] as? String == "6690-2" })
        #expect(wbc["value"] as? String == "12.6")
        #expect(wbc["unit"] as? String == "10*9/L")
        #expect(wbc["referenceRange"] as? String == "3.5～9.5")
        #expect(wbc["interpretation"] as? String == "H")
    }

    @Test func treeListsLabResults() throws {
        let result = try HixRunner.run(["inspect", Self.samplePath("wst500-27-lab-report.xml")])
        #expect(result.status == 0)
        #expect(result.output.contains("白细胞计数 = 12.6 10*9/L [3.5～9.5] H"))
    }

    @Test func brokenXMLIsALocatedError() throws {
        let result = try HixRunner.run(
            ["inspect", "-"], input: Array("<ClinicalDocument>\n<title></ClinicalDocument>".utf8))
        #expect(result.status == 1)
        #expect(result.standardError.contains("HI-XML-0001"))
        #expect(result.standardError.contains("line 2"))
    }

    @Test func hostileXMLIsRefused() throws {
        let bytes = try SampleFiles.list("cda/invalid").first { $0.name == "doctype-entity-expansion.xml" }?.bytes()
        let result = try HixRunner.run(["inspect", "-"], input: try #require(bytes))
        #expect(result.status == 1)
        #expect(result.standardError.contains("HI-XML-0006"))
    }

    @Test func undeclaredPrefixIsAWarningUnlessStrict() throws {
        let path = SampleFiles.samplesRoot.appendingPathComponent("cda/invalid/undeclared-prefix.xml").path
        let lenient = try HixRunner.run(["inspect", path])
        #expect(lenient.status == 0)
        #expect(lenient.standardError.contains("HI-XML-0002"))
        let strict = try HixRunner.run(["inspect", "--strict", path])
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("HI-XML-0002"))
    }

    @Test func otherXMLGetsAnOutline() throws {
        let result = try HixRunner.run(["inspect", "-"], input: Array("<root><child/></root>".utf8))
        #expect(result.status == 0)
        #expect(result.output.contains("root <root>"))
    }
}
