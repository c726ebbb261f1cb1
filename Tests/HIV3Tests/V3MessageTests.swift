import HICDA
import HICore
import HITestSupport
import HIV3
import HIXML
import Testing

/// Every sample reads, keeps its infoset on a round trip and is recognised from its root element.
struct V3SampleTests {
    static let readable: [SampleFile] =
        ((try? SampleFiles.list("v3/valid")) ?? []) + ((try? SampleFiles.list("v3/dialect")) ?? [])

    @Test func samplesArePresent() throws {
        #expect(try SampleFiles.list("v3/valid").count >= 16)
        #expect(try SampleFiles.list("v3/dialect").count >= 2)
        #expect(try SampleFiles.list("v3/invalid").count >= 3)
    }

    @Test(arguments: readable)
    func sampleReadsAndRoundTrips(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let message = try V3Message(parsing: bytes)
        #expect(V3Message.isV3Message(root: message.element), "\(sample.name)")
        let written = message.serialized()
        #expect(try XMLCanonicalizer.canonicalize(written) == XMLCanonicalizer.canonicalize(bytes), "\(sample.name)")
        #expect(try V3Message(parsing: written) == message, "\(sample.name)")
    }

    @Test(arguments: try SampleFiles.list("v3/valid"))
    func validSamplesHaveNoIssues(_ sample: SampleFile) throws {
        let message = try V3Message(parsing: try sample.bytes())
        #expect(message.issues.isEmpty, "\(sample.name): \(message.issues)")
        if !message.isDocumentExchange {
            #expect(message.interaction.isNormative)
            #expect(message.interaction.specification != nil, "\(sample.name)")
            #expect(sample.name.hasPrefix(message.interaction.rawValue))
        }
    }

    @Test func invalidSamplesFailWithLocatedCodes() throws {
        let notV3 = try SampleFiles.list("v3/invalid").first { $0.name.contains("not-v3") }
        #expect(throws: V3Error(.notV3Message, "")) { try V3Message(parsing: try notV3?.bytes() ?? []) }
        let broken = try SampleFiles.list("v3/invalid").first { $0.name.contains("not-well-formed") }
        let brokenBytes = try broken?.bytes() ?? []
        do {
            _ = try V3Message(parsing: brokenBytes)
            Issue.record("expected an XML error")
        } catch {
            #expect(error.code == .xml)
            #expect(error.issueCode.rawValue.hasPrefix("HI-XML-"))
        }
        let empty = try SampleFiles.list("v3/invalid").first { $0.name.contains("without-patient") }
        let message = try V3Message(parsing: try empty?.bytes() ?? [])
        do {
            _ = try V3PatientRegistry.resident(from: message)
            Issue.record("expected a missing-element error")
        } catch {
            #expect(error.code == .missingElement)
            #expect(error.issueCode == "HI-V3-0003")
        }
    }

    @Test func wrapperValuesRead() throws {
        let message = try V3Message(parsing: try sample("valid/PRPA_IN201311UV02-resident-registration.xml"))
        #expect(message.interaction == .patientRegistration)
        #expect(message.id?.root == "2.16.156.10011.0")
        #expect(message.id?.extension == "MSG-201311-0001")
        #expect(message.creationTime == "20240315083000")
        #expect(message.interactionId?.root == "2.16.840.1.113883.1.6")
        #expect(message.processingCode == "P")
        #expect(message.processingModeCode == "T")
        #expect(message.acceptAckCode == "AL")
        #expect(message.senderID?.root == "2.16.156.10011.0.1.2")
        #expect(message.senderID?.extension == "HIS001")
        #expect(message.receiverID?.extension == "HIP001")
        #expect(message.subjects.map(\.localName) == ["registrationRequest"])
    }

    @Test func editingTheWrapperKeepsUnknownContent() throws {
        var message = try V3Message(parsing: try sample("valid/PRPA_IN201311UV02-resident-registration.xml"))
        message.processingCode = "D"
        message.senderID = II(root: "2.16.156.10011.0.1.2", extension: "HIS999")
        let reread = try V3Message(parsing: message.serialized())
        #expect(reread.processingCode == "D")
        #expect(reread.senderID?.extension == "HIS999")
        let written = String(decoding: reread.serialized(), as: UTF8.self)
        #expect(written.contains("zxVipLevel"))
        #expect(written.contains("a vendor element the library does not know"))
    }

    @Test func rootDetection() throws {
        let cda = try XMLDocument(parsing: Array("<ClinicalDocument xmlns='urn:hl7-org:v3'/>".utf8))
        #expect(!V3Message.isV3Message(root: cda.root))
        let other = try XMLDocument(parsing: Array("<PRPA_IN201311UV02/>".utf8))
        #expect(!V3Message.isV3Message(root: other.root))
        let unqualified = Array(
            "<PRPA_IN201311UV02><interactionId extension='PRPA_IN201311UV02'/></PRPA_IN201311UV02>".utf8)
        let message = try V3Message(parsing: unqualified)
        #expect(message.issues.first?.code == "HI-V3-0110")
        #expect(message.issues.first?.location.path == "/PRPA_IN201311UV02")
        let vendor = try XMLDocument(
            parsing: Array("<JH0206 xmlns='urn:hl7-org:v3'><interactionId extension='JH0206'/></JH0206>".utf8))
        #expect(V3Message.isV3Message(root: vendor.root))
        let retrieve = try XMLDocument(
            parsing: Array("<RetrieveDocumentSetRequest xmlns='urn:ihe:iti:xds-b:2007'/>".utf8))
        #expect(V3Message.isV3Message(root: retrieve.root))
    }

    @Test func hostileInputNeverTraps() throws {
        var deep = Array(repeating: Array("<a>".utf8), count: 400).flatMap { $0 }
        deep += Array(repeating: Array("</a>".utf8), count: 400).flatMap { $0 }
        #expect(throws: V3Error.self) { try V3Message(parsing: deep) }
        #expect(throws: V3Error.self) { try V3Message(parsing: []) }
        #expect(throws: V3Error.self) {
            try V3Message(parsing: Array("<PRPA_IN201311UV02 xmlns='urn:hl7-org:v3'".utf8))
        }
        let bare = try V3Message(parsing: Array("<PRPA_IN201311UV02 xmlns='urn:hl7-org:v3'/>".utf8))
        #expect(bare.issues.count == 8)
        #expect(throws: V3Error.self) { try V3PatientRegistry.resident(from: bare) }
        #expect(throws: V3Error.self) { try V3OrderMessages.order(from: bare) }
    }
}

func sample(_ path: String) throws -> [UInt8] {
    try SampleFile(name: path, url: SampleFiles.samplesRoot.appendingPathComponent("v3/" + path)).bytes()
}

@Test func issueCountIsBounded() throws {
    var text = "<PRPA_IN201311UV02 xmlns='urn:hl7-org:v3'>"
    for index in 0..<2000 { text += "<id root=' 2.16.156.10011.0' extension='\(index)'/>" }
    text += "</PRPA_IN201311UV02>"
    let message = try V3Message(parsing: Array(text.utf8))
    #expect(message.issues.count == 200)
    #expect(message.serialized().count > 2000 * 20)
}

/// Truncated and corrupted samples either fail with a located error or read; they never trap.
@Test(arguments: try SampleFiles.list("v3/valid"))
func damagedInputNeverTraps(_ file: SampleFile) throws {
    let bytes = try file.bytes()
    let step = max(1, bytes.count / 23)
    for cut in stride(from: 0, to: bytes.count, by: step) {
        var damaged = Array(bytes[0..<cut])
        if cut % 2 == 0 { damaged += bytes[min(bytes.count, cut + 7)...] }
        guard let message = try? V3Message(parsing: damaged) else { continue }
        _ = try? V3Content(message)
        _ = V3Acknowledgement.responding(to: message).serialized()
    }
}
