import Foundation
import Testing

@Suite("hix id and hix map")
struct IDMapTests {
    @Test func validNumberIsExplainedAndMasked() throws {
        let result = try HixRunner.run(["id", "420106196303129995"])
        #expect(result.status == 0)
        #expect(result.output.contains("4201**********9995  valid"))
        #expect(result.output.contains("420106 武昌区 (湖北省 武汉市)"))
        #expect(result.output.contains("male (男)"))
        #expect(!result.output.contains("420106196303129995"))
        #expect(!result.output.contains("1963-03-12"))
    }

    @Test func showPrintsTheFullNumber() throws {
        let result = try HixRunner.run(["id", "--show", "420106196303129995"])
        #expect(result.output.contains("420106196303129995  valid"))
        #expect(result.output.contains("1963-03-12"))
    }

    @Test func invalidNumberExitsOne() throws {
        let result = try HixRunner.run(["id", "420106196303129995", "420106201101011919"])
        #expect(result.status == 1)
        #expect(result.output.contains("4201**********1919  invalid: HI-ID-0003"))
        let shown = try HixRunner.run(["id", "--show", "420106201101011919"])
        #expect(shown.output.contains("expected check character 7"))
    }

    @Test func retiredRegionAndOldNumbers() throws {
        let result = try HixRunner.run(["id", "110103630312999"])
        #expect(result.status == 0)
        #expect(result.output.contains("崇文区"))
        #expect(result.output.contains("retired; valid 1980-12 to 2009-12"))
        #expect(result.output.contains("15 → 18 digits"))
    }

    @Test func jsonFormat() throws {
        let result = try HixRunner.run(["id", "--format", "json", "420106196303129995"])
        #expect(result.status == 0)
        let array = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput)) as? [[String: Any]])
        #expect(array.first?["valid"] as? Bool == true)
        #expect(array.first?["sex"] as? String == "male")
        #expect(try HixRunner.run(["id"]).status == 2)
    }

    @Test func mapTranslates() throws {
        let result = try HixRunner.run(["map", "--from", "hl7-0001", "--to", "gb-t-2261.1", "F"])
        #expect(result.status == 0)
        #expect(result.output == "F\t2\t女\n")
        let byOID = try HixRunner.run([
            "map", "--from", "2.16.840.1.113883.12.85", "--to", "fhir-observation-status", "C",
        ])
        #expect(byOID.output.hasPrefix("C\tcorrected"))
    }

    @Test func unmappedCodeExitsOneUnlessKept() throws {
        let failed = try HixRunner.run(["map", "--from", "hl7-0004", "--to", "v3-ActCode", "R"])
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("HI-TERM-0005"))
        let kept = try HixRunner.run(["map", "--from", "hl7-0004", "--to", "v3-ActCode", "--unmapped", "keep", "R"])
        #expect(kept.status == 0)
        #expect(kept.output.hasPrefix("R\tR"))
        #expect(kept.standardError.contains("HI-TERM-0003"))
        let defaulted = try HixRunner.run(
            ["map", "--from", "hl7-0004", "--to", "v3-ActCode", "--unmapped", "default:AMB", "R"])
        #expect(defaulted.output.hasPrefix("R\tAMB"))
        #expect(defaulted.standardError.contains("HI-TERM-0004"))
    }

    @Test func listAndTable() throws {
        let list = try HixRunner.run(["map", "--list"])
        #expect(list.status == 0)
        #expect(list.output.contains("sex\tgb-t-2261.1 ↔ hl7-0001 ↔ fhir-administrative-gender\t7"))
        #expect(list.output.contains("gb-t-2260-regions\tgb-t-2260\t7396"))
        let table = try HixRunner.run(["map", "--table", "ethnicity"])
        #expect(table.output.contains("56\t基诺族"))
        #expect(try HixRunner.run(["map", "--table", "nope"]).status == 1)
    }

    @Test func mappingsDirectoryOverrides() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hix-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("hl7-0004\tv3-ActCode\nR\tAMB\n".utf8).write(to: directory.appendingPathComponent("patient-class.tsv"))
        let result = try HixRunner.run(
            ["map", "--mappings", directory.path, "--from", "hl7-0004", "--to", "v3-ActCode", "R"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("R\tAMB"))
        let bad = try HixRunner.run(["map", "--mappings", "/nonexistent/dir", "--list"])
        #expect(bad.status == 1)
    }
}
