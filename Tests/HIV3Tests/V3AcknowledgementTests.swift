import Foundation
import HICDA
import HICore
import HIModels
import HITestSupport
import HIV3
import HIXML
import Testing

/// Acknowledgements reference the received message; the vendor dialect reads with located warnings;
/// the shared corpus files read.
struct V3AcknowledgementTests {
    @Test(arguments: try SampleFiles.list("v3/valid"))
    func acknowledgementReferencesTheReceivedMessage(_ sample: SampleFile) throws {
        let received = try V3Message(parsing: try sample.bytes())
        guard !received.isDocumentExchange else { return }
        let reply = V3Acknowledgement.responding(to: received)
        #expect(reply.rootName == "MCCI_IN000002UV01")
        let reread = try V3Message(parsing: reply.serialized())
        #expect(reread.issues.isEmpty, "\(reread.issues)")
        let ack = try V3Acknowledgement(reading: reread)
        #expect(ack.code == .accept)
        #expect(ack.targetMessageID?.extension == received.id?.extension)
        #expect(reread.id?.extension == "ACK-" + (received.id?.extension ?? ""))
        #expect(reread.creationTime == received.creationTime)
        #expect(reread.senderID == received.receiverID)
        #expect(reread.receiverID == received.senderID)
    }

    @Test func acknowledgementOptionsMakeItDeterministic() throws {
        let received = try V3Message(parsing: try sample("valid/POOR_IN200901UV-order-new.xml"))
        var options = V3AcknowledgementOptions()
        options.messageID = "ACK-FIXED"
        options.creationTime = "20240315083005"
        let first = V3Acknowledgement.responding(to: received, options: options).serialized()
        let second = V3Acknowledgement.responding(to: received, options: options).serialized()
        #expect(first == second)
        let reply = try V3Message(parsing: first)
        #expect(reply.id?.extension == "ACK-FIXED")
        #expect(reply.creationTime == "20240315083005")
        let ack = try V3Acknowledgement(reading: reply)
        #expect(ack.details == ["success"])
        options.code = .reject
        options.detail = "rejected by rule"
        let rejected = try V3Acknowledgement(reading: V3Acknowledgement.responding(to: received, options: options))
        #expect(rejected.code == .reject)
        #expect(rejected.details == ["rejected by rule"])
    }

    @Test func strictReadingTurnsDialectIntoAE() throws {
        var options = V3ReadingOptions()
        options.strict = true
        let received = try V3Message(parsing: try sample("dialect/JH0206-lab-order-vendor.xml"), options: options)
        #expect(received.issues.containsErrors)
        let ack = try V3Acknowledgement(reading: V3Acknowledgement.responding(to: received))
        #expect(ack.code == .applicationError)
        #expect(ack.targetMessageID?.extension == "MSG-JH0206-0001")
        #expect(ack.details.contains { $0.hasPrefix("HI-V3-0103") })
        #expect(!ack.details.joined().contains("11010519491231002X"))
    }

    @Test func rejectingUnreadableInput() throws {
        do {
            _ = try V3Message(parsing: Array("not xml".utf8))
            Issue.record("expected an error")
        } catch {
            let reply = V3Acknowledgement.rejecting(error)
            let ack = try V3Acknowledgement(reading: V3Message(parsing: reply.serialized()))
            #expect(ack.code == .reject)
            #expect(ack.targetMessageID?.nullFlavor == "NI")
            #expect(ack.details.first?.hasPrefix("HI-XML-") == true)
        }
    }

    @Test func vendorRegistrationDialect() throws {
        var options = V3ReadingOptions()
        options.sourceName = "JH0201.xml"
        let message = try V3Message(
            parsing: try sample("dialect/JH0201-resident-registration-vendor.xml"), options: options)
        let codes = message.issues.map(\.code.rawValue)
        #expect(codes.contains("HI-V3-0101"))
        #expect(codes.contains("HI-V3-0102"))
        #expect(codes.contains("HI-V3-0104"))
        #expect(codes.contains("HI-V3-0105"))
        #expect(message.issues.allSatisfy { $0.severity == .warning })
        let bag = try #require(message.issues.first { $0.code == "HI-V3-0101" })
        #expect(bag.location.file == "JH0201.xml")
        #expect(
            bag.location.path
                == "/PRPA_IN201311UV02/controlActProcess/subject/registrationRequest/subject1/patient/patientPerson/name"
        )
        #expect(bag.location.line != nil)
        let padded = message.issues.filter { $0.code == "HI-V3-0104" }.compactMap(\.location.path)
        #expect(padded.contains { $0.hasSuffix("patientPerson/id[1]/@extension") })
        #expect(padded.contains("/PRPA_IN201311UV02/interactionId/@extension"))
        let vendor = try #require(message.issues.first { $0.code == "HI-V3-0102" })
        #expect(vendor.location.path == "/PRPA_IN201311UV02/interactionId/@extension")
        #expect(message.interaction == .patientRegistration)
        #expect(message.interactionId?.extension == " JH0201")
        for issue in message.issues { #expect(!issue.message.contains("11010519491231002X")) }
        // The values read cleanly despite the dialect.
        let resident = try V3PatientRegistry.resident(from: message)
        #expect(resident.names.first?.text == "王淑芬")
        #expect(resident.residentIDNumber?.value == "11010519491231002X")
        #expect(resident.identifiers.contains { $0.authority == "1.2.156.112636.1.2.1.4.1" })
    }

    @Test func vendorOrderDialect() throws {
        let message = try V3Message(parsing: try sample("dialect/JH0206-lab-order-vendor.xml"))
        let specimenIssues = message.issues.filter { $0.code == "HI-V3-0103" }
        #expect(specimenIssues.count == 2)
        #expect(specimenIssues.first?.location.path?.hasSuffix("specimen/specimen/code1") == true)
        #expect(message.issues.contains { $0.code == "HI-V3-0102" })
        let order = try V3OrderMessages.order(from: message)
        #expect(order.identifiers.first?.value == "SQ20240315001")
        #expect(order.labRequests.first?.specimen?.type?.code == "BLD")
        #expect(order.labRequests.first?.specimen?.type?.display == "全血")
        #expect(order.labRequests.map { $0.order?.code } == ["CBC", "GLU"])
        #expect(order.resident?.names.first?.text == "王淑芬")
    }

    // MARK: shared corpus

    @Test(.enabled(if: SharedCorpus.isPresent, "shared corpus absent"))
    func corpusAcknowledgementSkeletonReadsLeniently() throws {
        let bytes = [UInt8](try Data(contentsOf: SharedCorpus.url("cn/hl7v3-lis/ack-MCCI_IN000002UV01.template.xml")))
        let message = try V3Message(parsing: bytes)
        #expect(message.interaction == .acknowledgement)
        #expect(message.interactionId?.extension == "JH0206")
        let codes = message.issues.map(\.code.rawValue)
        #expect(codes.contains("HI-V3-0102"))
        #expect(codes.filter { $0 == "HI-V3-0106" }.count == 7)
        #expect(message.issues.allSatisfy { $0.severity == .warning })
        let ack = try V3Acknowledgement(reading: message)
        #expect(ack.code.rawValue.isEmpty)
        #expect(ack.targetMessageID?.extension == "")
        #expect(ack.details == [""])
        #expect(try XMLCanonicalizer.canonicalize(message.serialized()) == XMLCanonicalizer.canonicalize(bytes))
        let reply = try V3Acknowledgement(reading: V3Acknowledgement.responding(to: message))
        #expect(reply.code == .applicationError)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "shared corpus absent"))
    func corpusLabReportTravelsInADocumentRegistration() throws {
        let bytes = [UInt8](try Data(contentsOf: SharedCorpus.url("cn/hl7v3-lis/jh0421-lab-report-cda.xml")))
        let document = try ClinicalDocument(parsing: bytes)
        let request = V3DocumentExchange.provideAndRegister([V3DocumentEntry(id: "Document01", document: document)])
        let message = try V3Message(parsing: request.serialized())
        #expect(message.issues.isEmpty)
        let entries = try V3DocumentExchange.documents(from: message)
        let carried = try #require(entries.first?.document)
        #expect(carried == document)
        #expect(carried.template?.templateId == "2.16.156.10011.2.1.1.27")
        #expect(carried.typeId?.extension == "JH0421")
        #expect(try XMLCanonicalizer.canonicalize(carried.serialized()) == XMLCanonicalizer.canonicalize(bytes))
        let text = String(decoding: request.serialized(), as: UTF8.self)
        #expect(text.contains("sourcePatientId"))
    }
}
