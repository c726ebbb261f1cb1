import Foundation
import HITestSupport
import Testing

/// Small generated batches for `hix convert` / `hix validate` as batch tools.
enum BatchFixtures {
    static func message(_ number: Int) -> String {
        "MSH|^~\\&|LIS||HIS||20240315103045+0800||ORU^R01^ORU_R01|T\(number)|P|2.5.1\r"
            + "PID|1||A\(number)^^^H^MR||测试^\(number)||19800101|F\r"
            + "OBR|1|P\(number)|F\(number)|GLU^葡萄糖^L\r"
            + "OBX|1|NM|GLU^葡萄糖^L||5.\(number % 10)|mmol/L|3.9-6.1|N|||F\r"
    }

    static let unsupported = "MSH|^~\\&|LIS||HIS||20240315||MFN^M02|S1|P|2.5.1\rMFI|1\r"

    static func directory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hix-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// An input tree: `count` files of `perFile` messages, one FHS/BHS batch and one with a bad record.
    static func inputTree(files count: Int, perFile: Int) throws -> URL {
        let root = try directory("in")
        var number = 0
        for file in 0..<count {
            var text = file == 1 ? "FHS|^~\\&|LIS\rBHS|^~\\&|LIS\r" : ""
            for position in 0..<perFile {
                number += 1
                text += message(number)
                if file == 2 && position == perFile / 2 { text += unsupported }
            }
            if file == 1 { text += "BTS|\(perFile)\rFTS|1\r" }
            try write(text, to: root.appendingPathComponent(file % 3 == 0 ? "sub/f\(file).hl7" : "f\(file).hl7"))
        }
        return root
    }

    /// Relative path → bytes of every regular file under `root` (the resume journal left out).
    static func tree(_ root: URL) throws -> [String: [UInt8]] {
        try ConvertCommandTests.tree(root).filter { !$0.key.hasSuffix(".hix-journal") }
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }
}

@Suite("hix convert as a batch")
struct BatchConvertTests {
    @Test("--jobs 1 and --jobs 4 write byte-identical outputs (files and per-input NDJSON)")
    func orderIsIndependentOfJobs() throws {
        let input = try BatchFixtures.inputTree(files: 4, perFile: 15)
        let out = try BatchFixtures.directory("jobs")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: out)
        }
        for mode in ["files", "ndjson"] {
            var trees: [[String: [UInt8]]] = []
            for jobs in ["1", "4"] {
                let target = out.appendingPathComponent("\(mode)-\(jobs)")
                let result = try HixRunner.run([
                    "convert", "--to", "fhir", input.path, "-o", target.path, "--jobs", jobs, "--output-mode", mode,
                    "--quiet", "--summary", out.appendingPathComponent("\(mode)-\(jobs).json").path,
                ])
                #expect(result.status == 1, "one record is rejected")
                trees.append(try BatchFixtures.tree(target))
            }
            #expect(trees[0] == trees[1])
            #expect(trees[0].count == (mode == "files" ? 60 : 4))
        }
        let lines = try BatchFixtures.tree(out.appendingPathComponent("ndjson-4"))["f2.ndjson"].map {
            String(decoding: $0, as: UTF8.self).split(separator: "\n")
        }
        #expect(lines?.count == 15)
        #expect(lines?.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil } == true)
    }

    @Test("a bad record among good ones is rejected with its reason; the summary counts add up")
    func rejectsAndSummary() throws {
        let input = try BatchFixtures.inputTree(files: 3, perFile: 6)
        let out = try BatchFixtures.directory("rejects")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: out)
        }
        let summaryURL = out.appendingPathComponent("summary.json")
        let result = try HixRunner.run([
            "convert", "--to", "fhir", input.path, "-o", out.appendingPathComponent("o").path, "--rejects",
            out.appendingPathComponent("r").path, "--summary", summaryURL.path, "--jobs", "3", "--quiet",
        ])
        #expect(result.status == 1)
        let rejects = try BatchFixtures.tree(out.appendingPathComponent("r"))
        #expect(rejects.keys.sorted() == ["f2-5.error.json", "f2-5.hl7"])
        #expect(rejects["f2-5.hl7"] == Array(BatchFixtures.unsupported.utf8))
        let error = String(decoding: rejects["f2-5.error.json"] ?? [], as: UTF8.self)
        #expect(error.contains("\"code\":\"HI-CONV-0002\""))
        #expect(error.contains("\"record\":5"))
        #expect(!error.contains("测试"), "no personal data in the reason")
        #expect(try BatchFixtures.tree(out.appendingPathComponent("o")).count == 18)
        let summary = try BatchFixtures.json(summaryURL)
        #expect(summary["recordsIn"] as? Int == 19)
        #expect(summary["converted"] as? Int == 18)
        #expect(summary["rejected"] as? Int == 1)
        #expect((summary["byIssueCode"] as? [String: Int])?["HI-CONV-0002"] == 1)
        let byInput = summary["byInput"] as? [String: [String: Any]] ?? [:]
        #expect(byInput.count == 3)
        #expect(byInput.values.reduce(0) { $0 + ($1["records"] as? Int ?? 0) } == 19)
        #expect(byInput["f2.hl7"]?["rejected"] as? Int == 1)
        let timings = summary["timings"] as? [String: Any]
        #expect(timings?["jobs"] as? Int == 3)
        #expect(timings?["wallSeconds"] != nil)
    }

    @Test("--shard i/n for i in 0..<n covers every input exactly once; hix summary merge adds the shards up")
    func shardsAndMerge() throws {
        let input = try BatchFixtures.inputTree(files: 10, perFile: 1)
        let out = try BatchFixtures.directory("shards")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: out)
        }
        var seen: [String: Int] = [:]
        var summaries: [String] = []
        for shard in 0..<3 {
            let target = out.appendingPathComponent("s\(shard)")
            let summary = out.appendingPathComponent("s\(shard).json").path
            _ = try HixRunner.run([
                "convert", "--to", "fhir", input.path, "-o", target.path, "--shard", "\(shard)/3", "--quiet",
                "--summary", summary,
            ])
            summaries.append(summary)
            for name in try BatchFixtures.tree(target).keys { seen[name, default: 0] += 1 }
        }
        #expect(seen.count == 10)
        #expect(seen.values.allSatisfy { $0 == 1 })
        let merged = out.appendingPathComponent("merged.json")
        let result = try HixRunner.run(["summary", "merge"] + summaries + ["-o", merged.path])
        #expect(result.status == 0)
        let summary = try BatchFixtures.json(merged)
        #expect(summary["recordsIn"] as? Int == 11)
        #expect(summary["converted"] as? Int == 10)
        #expect(summary["rejected"] as? Int == 1)
        #expect((summary["inputs"] as? [String: Int])?["total"] == 10)
        #expect((summary["shards"] as? [String])?.sorted() == ["0/3", "1/3", "2/3"])
        #expect((summary["byInput"] as? [String: Any])?.count == 10)
        let bad = try HixRunner.run(["summary", "merge", input.appendingPathComponent("f1.hl7").path])
        #expect(bad.status == 1)
    }

    @Test("--include/--exclude globs pick files under directories")
    func globs() throws {
        let input = try BatchFixtures.inputTree(files: 4, perFile: 1)
        try BatchFixtures.write(#"{"resourceType":"Patient","id":"p1"}"#, to: input.appendingPathComponent("p.json"))
        let out = try BatchFixtures.directory("globs")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: out)
        }
        _ = try HixRunner.run([
            "convert", "--to", "fhir", input.path, "-o", out.path, "--include", "*.hl7", "--exclude", "sub/*",
            "--quiet", "--summary", "/dev/null",
        ])
        #expect(try BatchFixtures.tree(out).keys.sorted() == ["f1-1.json", "f2-1.json"])
    }

    @Test("output modes: a multi-message ER7 file and a FHIR Bundle per input; stdin streams too")
    func outputModesAndStandardInput() throws {
        let out = try BatchFixtures.directory("modes")
        defer { try? FileManager.default.removeItem(at: out) }
        let ndjson = (1...3).map { #"{"resourceType":"Patient","id":"p\#($0)","gender":"female"}"# }
            .joined(separator: "\n")
        let er7 = try HixRunner.run(
            [
                "convert", "--to", "v2", "-", "-o", out.path, "--output-mode", "er7", "--quiet", "--summary",
                "/dev/null",
            ],
            input: Array(ndjson.utf8))
        #expect(er7.status == 0)
        let messages = String(decoding: try BatchFixtures.tree(out)["stdin.hl7"] ?? [], as: UTF8.self)
        #expect(messages.components(separatedBy: "MSH|").count == 4)
        let bundleOut = out.appendingPathComponent("b")
        let text = (1...3).map(BatchFixtures.message).joined()
        let bundle = try HixRunner.run(
            [
                "convert", "--to", "fhir", "-", "-o", bundleOut.path, "--output-mode", "bundle", "--quiet",
                "--summary", "/dev/null",
            ], input: Array(text.utf8))
        #expect(bundle.status == 0)
        let object = try BatchFixtures.json(bundleOut.appendingPathComponent("stdin.json"))
        #expect(object["type"] as? String == "collection")
        #expect((object["entry"] as? [Any])?.count == 3)
        let wrong = try HixRunner.run(["convert", "--to", "v2", "-", "-o", out.path, "--output-mode", "bundle"])
        #expect(wrong.status == 2)
    }

    @Test("hix validate on the engine: --jobs keeps the order; OperationOutcome and ACK formats")
    func validateFormats() throws {
        let text = (1...6).map(BatchFixtures.message).joined()
        let one = try HixRunner.run(
            ["validate", "--format", "json", "--jobs", "1", "--quiet", "-"], input: Array(text.utf8))
        let four = try HixRunner.run(
            ["validate", "--format", "json", "--jobs", "4", "--quiet", "-"], input: Array(text.utf8))
        #expect(one.output == four.output)
        #expect(one.output.split(separator: "\n").count == 6)
        let outcome = try HixRunner.run(["validate", "--format", "operation-outcome", "-"], input: Array(text.utf8))
        let lines = outcome.output.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.hasPrefix(#"{"resourceType":"OperationOutcome""#) })
        let ack = try HixRunner.run(["validate", "--format", "ack", "-"], input: Array(text.utf8))
        #expect(ack.output.components(separatedBy: "MSA|").count == 7)
        #expect(ack.output.contains("MSA|AE|T1"))
        #expect(ack.output.contains("\rERR|"))
        #expect(ack.standardError.contains("6 record(s)"))
    }
}
