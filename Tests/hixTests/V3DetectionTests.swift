import Foundation
import HITestSupport
import HealthInterchange
import Testing

/// HL7 V3 messages are told apart from CDA by their root element, and `hix inspect`, `hix convert` and
/// `hix validate` take them without `--from`.
struct V3DetectionTests {
    static func path(_ name: String) -> String {
        SampleFiles.samplesRoot.appendingPathComponent("v3/" + name).path
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hix-v3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let valid = (try? SampleFiles.list("v3/valid")) ?? []

    @Test(arguments: valid)
    func everyInteractionSampleIsDetectedAsV3(_ sample: SampleFile) throws {
        #expect(DocumentFormat.detect(try sample.bytes()) == .hl7v3)
    }

    @Test func detectionLooksAtTheRootElement() {
        let cases: [(String, DocumentFormat)] = [
            ("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><interactionId/></ClinicalDocument>", .xml),
            ("<?xml version=\"1.0\"?>\n<!-- c -->\n<PRPA_IN201311UV02 xmlns=\"urn:hl7-org:v3\"/>", .hl7v3),
            ("\u{FEFF}<v3:POOR_IN200901UV xmlns:v3=\"urn:hl7-org:v3\"><v3:id/></v3:POOR_IN200901UV>", .hl7v3),
            // A vendor root name with the HL7 namespace and an interactionId.
            ("<JH0206 xmlns=\"urn:hl7-org:v3\"><interactionId extension=\"JH0206\"/></JH0206>", .hl7v3),
            ("<JH0206><interactionId extension=\"JH0206\"/></JH0206>", .xml),
            ("<ProvideAndRegisterDocumentSetRequest xmlns=\"urn:ihe:iti:xds-b:2007\"/>", .hl7v3),
            ("<RetrieveDocumentSetRequest/>", .hl7v3),
            ("<!DOCTYPE x><note/>", .xml),
            ("<?xml version=\"1.0\"?><!-- unterminated", .xml),
            ("<", .xml),
        ]
        for (text, expected) in cases {
            #expect(DocumentFormat.detect(Array(text.utf8)) == expected, "\(text)")
        }
    }

    @Test func detectedFormatsNameTheirRecordFormat() {
        #expect(DocumentFormat.hl7v3.recordFormat == .v3)
        #expect(DocumentFormat.xml.recordFormat == .cda)
        #expect(DocumentFormat.hl7v2.recordFormat == .hl7v2)
        #expect(DocumentFormat.ndjson.recordFormat == .fhir)
        for format in DocumentFormat.allCases where format != .table {
            let reader = format.recordFormat.flatMap { RecordConverter.allFormats.readers[$0] }
            #expect(reader != nil, "\(format)")
        }
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "shared corpus absent"))
    func corpusFilesAreDetected() throws {
        let ack = [UInt8](try Data(contentsOf: SharedCorpus.url("cn/hl7v3-lis/ack-MCCI_IN000002UV01.template.xml")))
        #expect(DocumentFormat.detect(ack) == .hl7v3)
        let cda = [UInt8](try Data(contentsOf: SharedCorpus.url("cn/hl7v3-lis/jh0421-lab-report-cda.xml")))
        #expect(DocumentFormat.detect(cda) == .xml)
    }

    @Test func inspectShowsTheInteractionMasked() throws {
        let result = try HixRunner.run(["inspect", Self.path("dialect/JH0201-resident-registration-vendor.xml")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.contains("HL7 V3 message <PRPA_IN201311UV02>"))
        #expect(result.output.contains("interactionId: JH0201"))
        #expect(result.output.contains("WS/T 790"))
        #expect(result.output.contains("HI-V3-0101"))
        #expect(result.output.contains("residentIDCard 1101**********002X"))
        #expect(!result.output.contains("11010519491231002X"))
        #expect(!result.output.contains("王淑芬"))

        let json = try HixRunner.run([
            "inspect", "--format", "json", Self.path("valid/POLB_IN224000UV01-lab-status.xml"),
        ])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput)) as? [String: Any])
        #expect(object["type"] as? String == "hl7v3")
        #expect(object["interaction"] as? String == "POLB_IN224000UV01")
        #expect(object["id"] as? String == "MSG-224000-0001")
        #expect(object["content"] as? String == "lab status 3 of CBC")

        let strict = try HixRunner.run(["inspect", "--strict", Self.path("dialect/JH0206-lab-order-vendor.xml")])
        #expect(strict.status == 1)
    }

    @Test func convertDetectsV3AndWritesV3() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let toFHIR = try HixRunner.run([
            "convert", "--to", "fhir", Self.path("valid/PRPA_IN201311UV02-resident-registration.xml"),
            Self.path("valid/POOR_IN200901UV-order-new.xml"), "-o", out.path,
            "--summary", out.appendingPathComponent("summary.json").path,
        ])
        #expect(toFHIR.status == 0, "\(toFHIR.standardError)")
        let patient = try String(
            contentsOf: out.appendingPathComponent("PRPA_IN201311UV02-resident-registration-1.json"), encoding: .utf8)
        #expect(patient.contains("\"resourceType\": \"Patient\"") || patient.contains("\"resourceType\":\"Patient\""))
        #expect(patient.contains("11010519491231002X"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("zxVipLevel"))

        let toV3 = try HixRunner.run([
            "convert", "--to", "v3", "--from", "v2",
            SampleFiles.samplesRoot.appendingPathComponent("v3/from-v2/orm-o01-lab-order.hl7").path, "-o", out.path,
        ])
        #expect(toV3.status == 0, "\(toV3.standardError)")
        let order = try V3Message(
            parsing: [UInt8](try Data(contentsOf: out.appendingPathComponent("orm-o01-lab-order-1.xml"))))
        #expect(order.rootName == "POOR_IN200901UV")
        #expect(try V3OrderMessages.order(from: order).labRequests.compactMap(\.order?.code) == ["CBC", "ALT"])

        let forced = try HixRunner.run([
            "convert", "--to", "v2", "--from", "v3", Self.path("valid/PRPA_IN201311UV02-resident-registration.xml"),
            "-o", out.path,
        ])
        #expect(forced.status == 0, "\(forced.standardError)")
        let er7 = try String(
            contentsOf: out.appendingPathComponent("PRPA_IN201311UV02-resident-registration-1.hl7"), encoding: .utf8)
        #expect(er7.contains("ADT^A28"))

        let query = try HixRunner.run([
            "convert", "--to", "fhir", Self.path("valid/PRPA_IN201305UV02-resident-query.xml"), "-o", out.path,
        ])
        #expect(query.status == 1)
        #expect(query.standardError.contains("HI-CONV-0002"))
    }

    @Test func validateDetectsV3() throws {
        let result = try HixRunner.run(["validate", Self.path("valid/PRPA_IN201311UV02-resident-registration.xml")])
        #expect(result.output.contains("cn-resident-registration"), "\(result.output)")
        #expect(!result.output.contains("11010519491231002X"))
        let query = try HixRunner.run(["validate", Self.path("valid/PRPA_IN201305UV02-resident-query.xml")])
        #expect(query.status == 1)
        #expect(query.output.contains("HI-CONV-0002"))
    }
}
