import Foundation
import HITestSupport
import Testing

@Suite("hix deid")
struct DeidCommandTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hix-deid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func refusesWithoutKey() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/adt-a04-registration.hl7").path
        let result = try HixRunner.run(["deid", sample, "-o", folder.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("a key is required"))
        let empty = folder.appendingPathComponent("empty.key")
        try Data().write(to: empty)
        let second = try HixRunner.run(["deid", "--key-file", empty.path, sample, "-o", folder.path])
        #expect(second.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("adt-a04-registration.hl7").path))
    }

    @Test func deidentifiesEveryFormatRepeatably() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key")
        try Data("a test key\n".utf8).write(to: key)
        let inputs = [
            "hl7v2/valid/adt-a04-registration.hl7", "fhir/valid/patient-zhangsan.json", "tables/contract-list-utf8.csv",
            "fhir/valid/observations.ndjson",
        ].map { SampleFiles.samplesRoot.appendingPathComponent($0).path }
        let out = folder.appendingPathComponent("out")
        let result = try HixRunner.run(["deid", "--key-file", key.path, "--report"] + inputs + ["-o", out.path])
        #expect(result.status == 0, "\(result.standardError)")
        let originals = [
            "350922201608032149", "欧阳", "13859301234", "110105198503121234", "张三", "13800138000",
            "330102195603120114", "张伟明", "13800000001",
        ]
        var written: [String: [UInt8]] = [:]
        for input in inputs {
            let name = (input as NSString).lastPathComponent
            let bytes = [UInt8](try Data(contentsOf: out.appendingPathComponent(name)))
            written[name] = bytes
            let text = String(decoding: bytes, as: UTF8.self)
            let report = try String(contentsOf: out.appendingPathComponent(name + ".deid.json"), encoding: .utf8)
            for original in originals {
                #expect(!text.contains(original), "\(name)")
                #expect(!report.contains(original), "\(name) report")
            }
        }
        for original in originals {
            #expect(!result.output.contains(original))
            #expect(!result.standardError.contains(original))
        }
        #expect(result.output.contains("adt-a04-registration.hl7: hl7v2"))
        // The same key gives the same bytes.
        let again = folder.appendingPathComponent("again")
        _ = try HixRunner.run(["deid", "--key-file", key.path] + inputs + ["-o", again.path])
        for (name, bytes) in written {
            #expect([UInt8](try Data(contentsOf: again.appendingPathComponent(name))) == bytes, "\(name)")
        }
    }

    @Test func unreadableInputIsReportedWithoutValues() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key")
        try Data("k".utf8).write(to: key)
        let bad = folder.appendingPathComponent("bad.json")
        try Data(#"{"resourceType":"Patient","name":[{"text":"张三丰"}],"telecom":[{"value":"13912345678"}]"#.utf8)
            .write(to: bad)
        let result = try HixRunner.run(["deid", "--key-file", key.path, bad.path, "-o", folder.path + "/out"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("HI-PRIV-0001"))
        #expect(!result.standardError.contains("张三丰") && !result.standardError.contains("13912345678"))
    }
}
