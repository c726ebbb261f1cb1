import Foundation

/// Runs the built `hix` binary (it sits beside the test bundle in the build folder).
enum HixRunner {
    struct Result {
        let status: Int32
        let standardOutput: [UInt8]
        let standardError: String
        var output: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        }
        // The test binary may live inside a bundle folder; walk up until `hix` is found.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("hix")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "hix")
    }()

    /// Runs `hix` with `arguments`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        let writer = Thread {
            stdinPipe.fileHandleForWriting.write(Data(input))
            try? stdinPipe.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = LockedData()
        let errorReader = Thread {
            errorData.set(stderrPipe.fileHandleForReading.readDataToEndOfFile())
        }
        errorReader.start()
        let output = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Result(
            status: process.terminationStatus, standardOutput: [UInt8](output),
            standardError: String(decoding: errorData.value, as: UTF8.self))
    }
}

/// A tiny lock-protected box for data read on another thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var done = false
    func set(_ value: Data) {
        lock.lock()
        data = value
        done = true
        lock.unlock()
    }
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return done
    }
    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
