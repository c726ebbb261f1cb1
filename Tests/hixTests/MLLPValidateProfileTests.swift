import Foundation
import Testing

@Suite("hix mllp listen --validate PROFILE")
struct MLLPValidateProfileTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/hl7v2/valid")

    /// The listener validates each message with the profile: the lab sample, with PID-8 changed so that the sex
    /// disagrees with its resident ID, is answered AE with ERR segments; an ADT validated with a lab-report profile is AE too (wrong kind).
    /// The samples ask for enhanced mode without application ACKs (MSH-15 AL, MSH-16 NE), which would only
    /// return CA; the copies sent here ask for original mode.
    @Test func profileFindingsAnswerAE() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hix-mllp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for name in ["oru-r01-lab.hl7", "adt-a04-registration.hl7"] {
            let text = try String(contentsOf: Self.samples.appendingPathComponent(name), encoding: .utf8)
            let original = directory.appendingPathComponent(name)
            let edited = text.replacingOccurrences(of: "|AL|NE|", with: "|||")
                .replacingOccurrences(of: "|19780512|M|", with: "|19780512|F|")
            try Data(edited.utf8).write(to: original)
            paths.append(original.path)
        }
        let listener = try ListenerProcess(["--validate", "hl7v2-oru-r01", "--quiet"])
        let result = try HixRunner.run(
            ["mllp", "send", "--host", "127.0.0.1", "--port", String(listener.port)] + paths)
        let (_, log) = listener.stop()
        #expect(result.status == 1)
        let codes = result.output.split(separator: "\n").map { String($0.prefix(2)) }
        #expect(codes == ["AE", "AE"])
        #expect(log.contains(": AE"))
    }

    @Test func unknownProfileIsAUsageError() throws {
        let result = try HixRunner.run(["mllp", "listen", "--port", "0", "--validate", "no-such-profile"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("no built-in profile named 'no-such-profile'"))
    }
}
