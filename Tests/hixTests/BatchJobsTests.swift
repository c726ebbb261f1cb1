import Foundation
import HITestSupport
import Testing

/// `--jobs N` means N records-processing workers: the engine never processes more records at once (the
/// summary's `timings.maxConcurrentRecords`, counted by the workers themselves).
@Suite("hix batch --jobs limits")
struct BatchJobsTests {
    static func maxConcurrent(_ summaryURL: URL) throws -> Int? {
        let summary = try BatchFixtures.json(summaryURL)
        return (summary["timings"] as? [String: Any])?["maxConcurrentRecords"] as? Int
    }

    @Test("convert --jobs 1 never runs two records at once; --jobs 3 never more than three", arguments: [1, 3])
    func convertHonoursJobs(jobs: Int) throws {
        // 4 inputs of 40 messages: many groups of records, so a runaway engine would overlap them.
        let input = try BatchFixtures.inputTree(files: 4, perFile: 40)
        let out = try BatchFixtures.directory("jobs-limit")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: out)
        }
        let summaryURL = out.appendingPathComponent("summary.json")
        let result = try HixRunner.run([
            "convert", "--to", "fhir", input.path, "-o", out.appendingPathComponent("o").path, "--output-mode",
            "ndjson", "--jobs", String(jobs), "--quiet", "--summary", summaryURL.path,
        ])
        #expect(result.status == 1, "one record is rejected")
        let summary = try BatchFixtures.json(summaryURL)
        #expect(summary["recordsIn"] as? Int == 161)
        let peak = try #require(try Self.maxConcurrent(summaryURL))
        if jobs == 1 {
            #expect(peak == 1)
        } else {
            #expect((1...jobs).contains(peak))
        }
    }

    @Test("validate --jobs 1 never runs two records at once and keeps the output complete")
    func validateHonoursJobs() throws {
        let input = try BatchFixtures.inputTree(files: 3, perFile: 30)
        let out = try BatchFixtures.directory("jobs-validate")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: out)
        }
        let summaryURL = out.appendingPathComponent("summary.json")
        let result = try HixRunner.run([
            "validate", "--format", "json", "--jobs", "1", "--quiet", "--summary", summaryURL.path, input.path,
        ])
        #expect(try Self.maxConcurrent(summaryURL) == 1)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 91, "one report per record, none lost in the buffered writes")
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
    }
}
