import Foundation
import HITestSupport
import Testing

@Suite("hix followup")
struct FollowupCommandTests {
    static func path(_ relative: String) -> String {
        SampleFiles.samplesRoot.appendingPathComponent(relative).path
    }

    static let inputs = [
        path("primary-care/contracts/followup-contracts.csv"), path("tables/followup-register.tsv"),
        path("cda/wst483-12-hypertension-followup.xml"), path("cda/wst483-13-diabetes-followup.xml"),
    ]

    @Test func listsOverdueMaskedByDefault() throws {
        let result = try HixRunner.run(["followup", "due", "--as-of", "2026-12-31"] + Self.inputs)
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "随访逾期 / overdue follow-ups as of 2026-12-31: 3")
        #expect(lines.count == 4)
        #expect(lines[1].contains("overdue 203 days"))
        #expect(lines[1].contains("2型糖尿病"))
        #expect(lines[3].contains("overdue 113 days"))
        #expect(!result.output.contains("330102195603120114"))
        #expect(!result.output.contains("张伟明"))
    }

    @Test func csvAndJSONWithShow() throws {
        let csv = try HixRunner.run(
            ["followup", "due", "--as-of", "2026-12-31", "--format", "csv", "--show"] + Self.inputs)
        #expect(csv.status == 0)
        let rows = csv.output.split(separator: "\n").map(String.init)
        #expect(rows.first == "name,residentID,disease,contract,team,lastVisit,intervalDays,dueDate,daysOverdue")
        #expect(
            rows.contains("张伟明,330102195603120114,hypertension,QY-330102-2026-0001,清波第一团队,2026-06-10,91,2026-09-09,113")
        )
        let json = try HixRunner.run(["followup", "due", "--as-of", "2026-12-31", "--format", "json"] + Self.inputs)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object?["count"] as? Int == 3)
        #expect((object?["overdue"] as? [[String: Any]])?.first?["daysOverdue"] as? Int == 203)
    }

    @Test func contractJSONAndFHIRInputs() throws {
        let input = Self.path("primary-care/contracts/contracts.json")
        let result = try HixRunner.run(["followup", "due", "--as-of", "2026-06-30", "--format", "csv", input])
        #expect(result.status == 0)
        // Header; the renewed contract (hypertension, no visits); the family contract from 2026-03-01: three
        // members, quarterly hypertension and diabetes follow-ups, no visits.
        let rows = result.output.split(separator: "\n")
        #expect(rows.count == 8)
    }

    @Test func helpIsListed() throws {
        let help = try HixRunner.run(["help", "followup"])
        #expect(help.status == 0)
        #expect(help.output.hasPrefix("usage: hix followup due --as-of YYYY-MM-DD"))
        #expect(try HixRunner.run(["help"]).output.contains("followup  list residents"))
    }

    @Test func usageErrors() throws {
        #expect(try HixRunner.run(["followup", "due", Self.inputs[0]]).status == 2)
        #expect(try HixRunner.run(["followup", "due", "--as-of", "2026-02-30", Self.inputs[0]]).status == 2)
        #expect(try HixRunner.run(["followup", "list", "--as-of", "2026-01-01", Self.inputs[0]]).status == 2)
        let missing = try HixRunner.run(["followup", "due", "--as-of", "2026-01-01", "/no/such/file.csv"])
        #expect(missing.status == 1)
    }
}
