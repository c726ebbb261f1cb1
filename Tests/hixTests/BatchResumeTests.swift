import Foundation
import HITestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("hix convert --resume and signals")
struct BatchResumeTests {
    /// Waits until `condition` holds (polling), at most `seconds`.
    static func wait(_ seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// A run killed with SIGTERM in the middle of an input, then resumed, leaves exactly the outputs of one clean
    /// run. The third input is a FIFO the test feeds, so the kill lands mid-input however loaded the machine is
    /// (and shows that a stalled input does not keep hix from stopping).
    @Test("SIGTERM mid-input: exit 143, journal of finished inputs; --resume gives a byte-identical tree")
    func killThenResume() throws {
        let root = try BatchFixtures.directory("resume")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("in")
        var number = 0
        func messages(_ count: Int) -> String {
            (0..<count).map { _ in
                number += 1
                return BatchFixtures.message(number)
            }.joined()
        }
        try BatchFixtures.write(messages(5), to: input.appendingPathComponent("a.hl7"))
        try BatchFixtures.write(messages(5) + BatchFixtures.unsupported, to: input.appendingPathComponent("b.hl7"))
        let firstHalf = messages(6)
        let secondHalf = messages(6)
        let fifo = input.appendingPathComponent("c.hl7")
        #expect(mkfifo(fifo.path, 0o600) == 0)

        let out = root.appendingPathComponent("out")
        let rejects = root.appendingPathComponent("rejects")
        let process = Process()
        process.executableURL = HixRunner.executable
        process.arguments = [
            "convert", "--to", "fhir", input.path, "-o", out.path, "--rejects", rejects.path, "--resume", "--jobs",
            "2", "--quiet", "--summary", root.appendingPathComponent("killed.json").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Opening the FIFO blocks until hix has finished a and b and opens c.
        let writer = open(fifo.path, O_WRONLY)
        #expect(writer >= 0)
        _ = firstHalf.withCString { write(writer, $0, strlen($0)) }
        let partial = Self.wait(60) {
            FileManager.default.fileExists(atPath: out.appendingPathComponent("c-5.json").path)
        }
        #expect(partial, "the first half of c was converted")
        // SIGTERM while hix waits for more of c: the records read so far are finished and it exits.
        process.terminate()
        let exited = Self.wait(60) { !process.isRunning }
        #expect(exited, "hix stops although its input is stalled")
        if !exited { kill(process.processIdentifier, SIGKILL) }
        close(writer)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let journal = String(
            decoding: (try? Data(contentsOf: out.appendingPathComponent(".hix-journal"))) ?? Data(), as: UTF8.self)
        #expect(journal.contains("\"input\":\"a.hl7\""))
        #expect(journal.contains("\"input\":\"b.hl7\""))
        #expect(!journal.contains("\"input\":\"c.hl7\""), "c was interrupted")
        #expect(try BatchFixtures.json(root.appendingPathComponent("killed.json"))["interrupted"] as? Bool == true)

        // The FIFO becomes the regular file it was streaming; resume, and compare with one clean run.
        try FileManager.default.removeItem(at: fifo)
        try BatchFixtures.write(firstHalf + secondHalf, to: fifo)
        let resumed = try HixRunner.run([
            "convert", "--to", "fhir", input.path, "-o", out.path, "--rejects", rejects.path, "--resume", "--quiet",
            "--summary", root.appendingPathComponent("resumed.json").path,
        ])
        #expect(resumed.status == 1, "b's bad record is still counted as rejected")
        let clean = root.appendingPathComponent("clean")
        let cleanRejects = root.appendingPathComponent("clean-rejects")
        _ = try HixRunner.run([
            "convert", "--to", "fhir", input.path, "-o", clean.path, "--rejects", cleanRejects.path, "--quiet",
            "--summary", "/dev/null",
        ])
        let resumedTree = try BatchFixtures.tree(out)
        #expect(resumedTree.count == 22)
        #expect(resumedTree == (try BatchFixtures.tree(clean)))
        #expect(try BatchFixtures.tree(rejects) == (try BatchFixtures.tree(cleanRejects)))
        let summary = try BatchFixtures.json(root.appendingPathComponent("resumed.json"))
        #expect(summary["recordsIn"] as? Int == 23, "skipped inputs count from the journal")
        #expect((summary["inputs"] as? [String: Int])?["skipped"] == 2)
        #expect(summary["interrupted"] as? Bool == false)
    }

    @Test("--resume skips an unchanged input and converts a changed one again")
    func resumeSkipsOnlyUnchanged() throws {
        let root = try BatchFixtures.directory("resume2")
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("in")
        try BatchFixtures.write(BatchFixtures.message(1), to: input.appendingPathComponent("a.hl7"))
        try BatchFixtures.write(BatchFixtures.message(2), to: input.appendingPathComponent("b.hl7"))
        let out = root.appendingPathComponent("out")
        let arguments = ["convert", "--to", "fhir", input.path, "-o", out.path, "--resume", "--quiet"]
        let summaryPath = root.appendingPathComponent("s.json").path
        _ = try HixRunner.run(arguments + ["--summary", summaryPath])
        try BatchFixtures.write(BatchFixtures.message(3), to: input.appendingPathComponent("b.hl7"))
        _ = try HixRunner.run(arguments + ["--summary", summaryPath])
        let summary = try BatchFixtures.json(URL(fileURLWithPath: summaryPath))
        #expect((summary["inputs"] as? [String: Int])?["skipped"] == 1)
        #expect(summary["recordsIn"] as? Int == 2)
        let b = String(decoding: try BatchFixtures.tree(out)["b-1.json"] ?? [], as: UTF8.self)
        #expect(b.contains("T3"))
    }
}
