import Foundation
import Testing

@Suite("hix validate")
struct ValidateCommandTests {
    @Test func listsProfilesAndRules() throws {
        let profiles = try HixRunner.run(["validate", "--list-profiles"])
        #expect(profiles.status == 0)
        #expect(profiles.output.contains("cn-lab-report"))
        #expect(profiles.output.contains("检验报告 (WS/T 500.7)"))
        let rules = try HixRunner.run(["validate", "--list-rules"])
        #expect(rules.status == 0)
        #expect(rules.output.contains("HI-VAL-0512  businessRule  error"))
        let elements = try HixRunner.run(["validate", "--list-elements"])
        #expect(elements.output.contains("labReport.results[].unit\n"))
    }

    @Test func showsAMergedProfileAndChecksProfileFiles() throws {
        let shown = try HixRunner.run(["validate", "--profile", "cn-wst483-referral", "--show-profile"])
        #expect(shown.status == 0)
        #expect(shown.output.contains("chain: cn-base > cn-wst483-referral"))
        #expect(shown.output.contains("HI-VAL-0507"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hix-profile-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"name":"site","extends":"cn-lab-report","rules":["HI-VAL-0999"]}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let bad = try HixRunner.run(["validate", "--profile", path, "--show-profile"])
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("HI-VAL-9003"))
        try Data(#"{"name":"site","extends":"cn-lab-report","rules":[{"id":"HI-VAL-0506","severity":"error"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let json = try HixRunner.run(["validate", "--profile", path, "--show-profile", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.output.contains(#"{"id":"HI-VAL-0506","severity":"error","tables":[]}"#))
    }

    @Test func filesAreNotValidatedYet() throws {
        let result = try HixRunner.run(["validate", "some.hl7"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("not connected yet"))
    }
}
