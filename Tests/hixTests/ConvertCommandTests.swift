import Foundation
import HITestSupport
import Testing

@Suite("hix convert")
struct ConvertCommandTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hix-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Relative path → bytes of every regular file under `root`.
    static func tree(_ root: URL) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            }
        }
        return result
    }

    /// The README's main command over Samples/, re-run into a temporary folder and compared with the goldens
    /// in Samples/converted/ byte for byte.
    @Test("goldens in Samples/converted are what the main command writes")
    func goldens() throws {
        let samples = SampleFiles.samplesRoot
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let toFHIR = try HixRunner.run([
            "convert", "--to", "fhir", samples.appendingPathComponent("hl7v2/valid").path, "-o",
            out.appendingPathComponent("fhir").path, "--rejects", out.appendingPathComponent("rejects").path,
            "--summary", out.appendingPathComponent("summary-fhir.json").path,
        ])
        #expect(toFHIR.status == 1, "the ACK sample has no model and is rejected")
        let toV2 = try HixRunner.run([
            "convert", "--to", "v2", samples.appendingPathComponent("fhir/valid").path, "-o",
            out.appendingPathComponent("v2").path, "--rejects", out.appendingPathComponent("rejects").path,
            "--summary", out.appendingPathComponent("summary-v2.json").path,
        ])
        #expect(toV2.status == 1, "a Condition on its own has no model and is rejected")
        let toCDA = try HixRunner.run([
            "convert", "--to", "cda", samples.appendingPathComponent("hl7v2/valid").path,
            samples.appendingPathComponent("fhir/valid").path, samples.appendingPathComponent("cda").path, "-o",
            out.appendingPathComponent("cda").path, "--rejects", out.appendingPathComponent("cda-rejects").path,
            "--summary", out.appendingPathComponent("summary-cda.json").path,
        ])
        #expect(toCDA.status == 1, "the ACK, a Condition alone and the invalid CDA samples are rejected")
        let written = try Self.tree(out)
        let golden = try Self.tree(samples.appendingPathComponent("converted")).filter { $0.key != "README.md" }
        #expect(written.count > 10)
        #expect(Set(written.keys) == Set(golden.keys))
        // The summaries' one-line "timings" (wall/CPU time, jobs) differ from run to run.
        func withoutTimings(_ bytes: [UInt8]?) -> [UInt8]? {
            bytes.map {
                Array(
                    $0.split(separator: 0x0A, omittingEmptySubsequences: false).filter {
                        !$0.starts(with: Array("  \"timings\"".utf8))
                    }.joined(separator: [0x0A]))
            }
        }
        for (name, bytes) in written {
            #expect(withoutTimings(golden[name]) == withoutTimings(bytes), "\(name) differs from its golden")
        }
    }

    @Test("standard input, a bad record among good ones, rejects with a located reason, exit 1")
    func rejects() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let good = Array(
            "MSH|^~\\&|LIS||HIS||20240315103045+0800||ORU^R01^ORU_R01|T1|P|2.5.1\rPID|1||A1^^^H^MR||王^五||19800101|F\rOBR|1|P1|F1|GLU^葡萄糖^L\rOBX|1|NM|GLU^葡萄糖^L||5.6|mmol/L|3.9-6.1|N|||F\r"
                .utf8)
        let bad = Array("MSH|^~\\&|LIS||HIS||20240315||MFN^M02|T2|P|2.5.1\rMFI|1\r".utf8)
        let result = try HixRunner.run(
            [
                "convert", "--to", "fhir", "-", "-o", out.appendingPathComponent("o").path, "--rejects",
                out.appendingPathComponent("r").path,
            ], input: good + bad)
        #expect(result.status == 1)
        let outputs = try Self.tree(out.appendingPathComponent("o"))
        #expect(outputs.keys.sorted() == ["stdin-1.json"])
        let rejects = try Self.tree(out.appendingPathComponent("r"))
        #expect(rejects["stdin-2.dat"] == bad)
        let error = String(decoding: rejects["stdin-2.error.json"] ?? [], as: UTF8.self)
        #expect(error.contains("\"code\":\"HI-CONV-0002\""))
        #expect(error.contains("\"record\":2"))
        #expect(result.standardError.contains("\"recordsIn\": 2"))
        #expect(result.standardError.contains("\"rejected\": 1"))
    }

    @Test("usage errors: unknown --to, missing --to, missing -o")
    func usage() throws {
        let unknown = try HixRunner.run(["convert", "--to", "pdf", "x.hl7", "-o", "/tmp/none"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("fhir, v2 or cda"))
        #expect(try HixRunner.run(["convert", "x.hl7", "-o", "/tmp/none"]).status == 2)
        #expect(try HixRunner.run(["convert", "--to", "fhir", "x.hl7"]).status == 2)
    }

    @Test("--strict rejects records with unmapped content; --carry-unmapped keeps it")
    func strictAndCarry() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let adt = SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/adt-a04-registration.hl7").path
        let strict = try HixRunner.run(["convert", "--to", "fhir", "--strict", adt, "-o", out.path])
        #expect(strict.status == 1)
        let carry = try HixRunner.run(["convert", "--to", "fhir", "--carry-unmapped", adt, "-o", out.path])
        #expect(carry.status == 0)
        let json = String(decoding: try Self.tree(out)["adt-a04-registration-1.json"] ?? [], as: UTF8.self)
        #expect(json.contains("unmapped-source"))
    }
}
