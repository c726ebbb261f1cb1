import Foundation
import HITestSupport
import HealthInterchange
import Testing

struct V3CommandTests {
    static func path(_ name: String) -> String {
        SampleFiles.samplesRoot.appendingPathComponent("v3/" + name).path
    }

    @Test func ackIsDeterministicAndReferencesTheMessage() throws {
        let file = Self.path("valid/PRPA_IN201311UV02-resident-registration.xml")
        let result = try HixRunner.run(["v3", "ack", "--time", "20240315083005", file])
        #expect(result.status == 0, "\(result.standardError)")
        let reply = try V3Message(parsing: result.standardOutput)
        #expect(reply.rootName == "MCCI_IN000002UV01")
        #expect(reply.id?.extension == "ACK-MSG-201311-0001")
        #expect(reply.creationTime == "20240315083005")
        let ack = try V3Acknowledgement(reading: reply)
        #expect(ack.code == .accept)
        #expect(ack.targetMessageID?.extension == "MSG-201311-0001")
        let again = try HixRunner.run(["v3", "ack", "--time", "20240315083005", file])
        #expect(again.standardOutput == result.standardOutput)
        let fixed = try HixRunner.run(["v3", "ack", "--message-id", "A1", "--time", "20240101000000", file])
        #expect(try V3Message(parsing: fixed.standardOutput).id?.extension == "A1")
    }

    @Test func ackFromStandardInputAndStrictDialect() throws {
        let bytes = try SampleFile(
            name: "d", url: URL(fileURLWithPath: Self.path("dialect/JH0206-lab-order-vendor.xml"))
        ).bytes()
        let lenient = try HixRunner.run(["v3", "ack", "-"], input: bytes)
        #expect(lenient.status == 0)
        let strict = try HixRunner.run(["v3", "ack", "--strict", "-"], input: bytes)
        #expect(strict.status == 1)
        let ack = try V3Acknowledgement(reading: V3Message(parsing: strict.standardOutput))
        #expect(ack.code == .applicationError)
        #expect(ack.targetMessageID?.extension == "MSG-JH0206-0001")
    }

    @Test func ackRejectsUnreadableInput() throws {
        let result = try HixRunner.run(["v3", "ack", "-"], input: Array("not xml".utf8))
        #expect(result.status == 1)
        let ack = try V3Acknowledgement(reading: V3Message(parsing: result.standardOutput))
        #expect(ack.code == .reject)
    }

    @Test func checkListsDialectWarnings() throws {
        let result = try HixRunner.run(["v3", "check", Self.path("dialect/JH0201-resident-registration-vendor.xml")])
        #expect(result.status == 0)
        #expect(result.output.contains("PRPA_IN201311UV02 个人信息注册"))
        #expect(result.output.contains("HI-V3-0101"))
        #expect(result.output.contains("patientPerson/name"))
        #expect(!result.output.contains("11010519491231002X"))
        #expect(result.output.contains("content: 1 resident(s): residentIDCard 1101**********002X"))
        #expect(!result.output.contains("王淑芬"))
        let order = try HixRunner.run(["v3", "check", Self.path("valid/POOR_IN200901UV-order-new.xml")])
        #expect(order.output.contains("content: order items CBC, GLU, X-C08CA01"))
    }

    @Test func usageErrors() throws {
        #expect(try HixRunner.run(["v3"]).status == 2)
        #expect(try HixRunner.run(["v3", "ack"]).status == 2)
        #expect(try HixRunner.run(["v3", "frobnicate", "x"]).status == 2)
        #expect(try HixRunner.run(["v3", "ack", "--code", "XX", "x"]).status == 2)
    }
}
