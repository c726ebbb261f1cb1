import Foundation
import Testing

/// A `hix mllp listen` process on an ephemeral loopback port, stopped with SIGTERM.
final class ListenerProcess {
    let process = Process()
    let port: Int
    private let errorPipe = Pipe()
    private let outputPipe = Pipe()

    init(_ extra: [String]) throws {
        process.executableURL = HixRunner.executable
        process.arguments = ["mllp", "listen", "--port", "0", "--host", "127.0.0.1"] + extra
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        // The first line on standard output is `listening on HOST:PORT`.
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = outputPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on "), let colon = text.lastIndex(of: ":"),
            let port = Int(text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    /// A test that fails half-way still stops its listener.
    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Sends SIGTERM (or SIGINT) and waits for the exit status (and the standard error text).
    func stop(interrupt: Bool = false) -> (status: Int32, errors: String) {
        if interrupt { process.interrupt() } else { process.terminate() }
        let errors = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors, as: UTF8.self))
    }
}

@Suite("hix mllp", .serialized, .timeLimit(.minutes(1)))
struct MLLPCommandTests {
    static func message(_ id: String) -> String {
        "MSH|^~\\&|LIS|LAB|HIS|HOSP|20260101120000||ORU^R01^ORU_R01|\(id)|P|2.5.1\r"
            + "PID|1||T\(id)^^^HOSP^MR\rOBX|1|NM|GLU^Glucose^L||5.6|mmol/L\r"
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hix-mllp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func usageErrors() throws {
        #expect(try HixRunner.run(["mllp"]).status == 2)
        #expect(try HixRunner.run(["mllp", "listen"]).status == 2)
        #expect(try HixRunner.run(["mllp", "listen", "--port", "99999"]).status == 2)
        #expect(try HixRunner.run(["mllp", "send", "--port", "2575", "x.hl7"]).status == 2)
        #expect(try HixRunner.run(["mllp", "send", "--host", "127.0.0.1", "--port", "2575"]).status == 2)
        #expect(try HixRunner.run(["mllp", "frobnicate"]).status == 2)
        #expect(try HixRunner.run(["help", "mllp"]).output.contains("hix mllp listen"))
    }

    @Test func listenStoresMessagesAndSendPrintsEachAcknowledgement() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("received")
        let input = directory.appendingPathComponent("three.hl7")
        let messages = ["M1", "M/2", "M3"].map { Self.message($0) }
        try Data(messages.joined().utf8).write(to: input)
        let listener = try ListenerProcess(["--out", output.path])
        let result = try HixRunner.run([
            "mllp", "send", "--host", "127.0.0.1", "--port", String(listener.port), input.path,
        ])
        let (status, errors) = listener.stop()
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("AA  ") })
        #expect(lines[1].hasSuffix("three.hl7 #2 control id M/2"))
        #expect(status == 0)
        #expect(errors.contains("stopped; 3 message(s)"))
        let stored = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(stored == ["000001-M1.hl7", "000002-M_2.hl7", "000003-M3.hl7"])
        for (name, message) in zip(stored, messages) {
            let bytes = try Data(contentsOf: output.appendingPathComponent(name))
            #expect(bytes == Data(message.utf8))
        }
    }

    @Test func strictListenerRejectsAndSendExitsWithOne() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("mixed.hl7")
        // The second message has a NUL byte in PID-3: a warning when lenient, a reject (AR) when strict.
        let broken = Self.message("NUL1").replacingOccurrences(of: "TNUL1", with: "T\u{0}1")
        try Data((Self.message("OK1") + broken).utf8).write(to: input)
        let listener = try ListenerProcess(["--strict"])
        let result = try HixRunner.run([
            "mllp", "send", "--host", "127.0.0.1", "--port", String(listener.port), input.path,
        ])
        _ = listener.stop()
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("AA  ") == true)
        #expect(lines.last?.hasPrefix("AR  ") == true)
    }

    @Test func sendToAClosedPortFails() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("one.hl7")
        try Data(Self.message("X1").utf8).write(to: input)
        // Find a free port by listening briefly, then close it.
        let listener = try ListenerProcess([])
        let port = listener.port
        // Standard input works as a file, and SIGINT stops the listener as gracefully as SIGTERM.
        let piped = try HixRunner.run(
            ["mllp", "send", "--host", "127.0.0.1", "--port", String(port), "-"], input: Array(Self.message("IN1").utf8)
        )
        #expect(piped.status == 0)
        #expect(piped.output.hasPrefix("AA  - #1 control id IN1"))
        let (status, errors) = listener.stop(interrupt: true)
        #expect(status == 0)
        #expect(errors.contains("stopped; 1 message(s)"))
        let result = try HixRunner.run([
            "mllp", "send", "--host", "127.0.0.1", "--port", String(port), "--attempts", "1", input.path,
        ])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("--  "))
        #expect(result.output.contains("control id X1"))
    }

    @Test func validateSyntaxAnswersAEForMissingHeaderFields() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("two.hl7")
        let noVersion = Self.message("NV1").replacingOccurrences(of: "|P|2.5.1", with: "|P|")
        try Data((Self.message("OK1") + noVersion).utf8).write(to: input)
        let listener = try ListenerProcess(["--validate", "syntax", "--quiet"])
        let result = try HixRunner.run([
            "mllp", "send", "--host", "127.0.0.1", "--port", String(listener.port), input.path,
        ])
        let (_, log) = listener.stop()
        #expect(!log.contains("opened from"))
        #expect(log.contains("control id NV1: AE"))
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.map { String($0.prefix(2)) } == ["AA", "AE"])
        #expect(try HixRunner.run(["mllp", "listen", "--port", "0", "--validate", "wst500"]).status == 2)
    }

    @Test func largeFilesAreSentInBatchesOverOneConnection() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("many.hl7")
        try Data((1...600).map { Self.message("N\($0)") }.joined().utf8).write(to: input)
        let listener = try ListenerProcess(["--quiet"])
        let result = try HixRunner.run([
            "mllp", "send", "--host", "127.0.0.1", "--port", String(listener.port), input.path,
        ])
        let (_, log) = listener.stop()
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 600)
        #expect(lines.allSatisfy { $0.hasPrefix("AA  ") })
        #expect(lines.last?.hasSuffix("many.hl7 #600 control id N600") == true)
        #expect(log.contains("stopped; 600 message(s), 1 connection(s)"))
    }
}
