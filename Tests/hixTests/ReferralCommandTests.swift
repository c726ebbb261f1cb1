import Foundation
import HITestSupport
import HealthInterchange
import Testing

struct ReferralCommandTests {
    static func path(_ name: String) -> String {
        SampleFiles.samplesRoot.appendingPathComponent("primary-care/" + name).path
    }

    @Test func buildsAnUpReferralFromAFollowUpInEachFormat() throws {
        let source = Self.path("followups/hypertension-followup.xml")
        for (target, check) in [("v2", "|REF^I12^REF_I12|"), ("cda", "2.16.156.10011.2.1.1.20"), ("fhir", "\"Task\"")] {
            let result = try HixRunner.run([
                "referral", "--to", target, "--direction", "up", "--to-org", "青山县人民医院", "--urgency", "urgent",
                "--green-channel", source,
            ])
            #expect(result.status == 0, "\(target): \(result.standardError)")
            #expect(String(decoding: result.standardOutput, as: UTF8.self).contains(check), "\(target)")
            let format = RecordFormat(name: target) ?? .fhir
            let (records, _) = try PrimaryCareReader().read(result.standardOutput, format: format)
            guard case .referral(let referral)? = records.first else {
                Issue.record("\(target): no referral read back")
                continue
            }
            #expect(referral.direction == .upward, "\(target)")
            #expect(referral.isGreenChannel, "\(target)")
            #expect(referral.urgency == .urgent, "\(target)")
            #expect(referral.toOrganization?.name == "青山县人民医院", "\(target)")
            #expect(referral.reason == "血压控制不满意", "\(target)")
            #expect(referral.diagnoses.first?.code.code == "I10", "\(target)")
            #expect(referral.resident?.names.first?.text == "李秀兰", "\(target)")
        }
    }

    @Test func downReferralWithResultsWritesAFile() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hix-referral-\(getpid()).hl7")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try HixRunner.run([
            "referral", "--to", "v2", "--direction", "down", "--status", "completed", "--response",
            "--from-org", "青山县人民医院", "--to-org", "青山镇卫生院", "--number", "XZ1",
            Self.path("results/down-lab-report.hl7"), Self.path("referrals/up-referral.hl7"), "-o", output.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let bytes = try [UInt8](Data(contentsOf: output))
        #expect(String(decoding: bytes, as: UTF8.self).contains("|RRI^I12^RRI_I12|"))
        let (referral, _) = try ReferralV2Codec().read(bytes)
        #expect(referral.direction == .downward)
        #expect(referral.status == .completed)
        #expect(referral.results.first?.identifier?.value == "LIS20261121088")
        #expect(referral.identifiers.first?.value == "XZ1")
        #expect(String(decoding: bytes, as: UTF8.self).contains("\rMSA|AA|REFZZ20261120007\r"))
    }

    @Test func usageAndInputErrors() throws {
        #expect(try HixRunner.run(["referral", Self.path("followups/diabetes-followup.json")]).status == 2)
        #expect(try HixRunner.run(["referral", "--to", "pdf", "x"]).status == 2)
        #expect(try HixRunner.run(["referral", "--to", "cda", "--response", "x"]).status == 2)
        #expect(try HixRunner.run(["referral", "--to", "v2", "--urgency", "soon", "x"]).status == 2)
        let garbage = try HixRunner.run(["referral", "--to", "v2", "-"], input: Array("hello".utf8))
        #expect(garbage.status == 1)
        let noMSH9 = try HixRunner.run(["referral", "--to", "v2", "-"], input: Array("MSH|^~\\&|A\r".utf8))
        #expect(noMSH9.status == 1)
        let help = try HixRunner.run(["help", "referral"])
        #expect(String(decoding: help.standardOutput, as: UTF8.self).contains("hix referral --to"))
    }
}
