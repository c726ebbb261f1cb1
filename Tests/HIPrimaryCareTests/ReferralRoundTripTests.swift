import Foundation
import HICDA
import HIConvert
import HIModels
import HIPrimaryCare
import HITestSupport
import HIXML
import Testing

/// The national CDA schema from ../shared/corpus, when present.
enum NationalSchema {
    static let schema: XMLSchema? =
        SharedCorpus.isPresent ? try? XMLSchema(contentsOf: SharedCorpus.url("cn/schemas/sdschemas/SDA.xsd").path) : nil

    static func errors(_ bytes: [UInt8]) -> [String] {
        guard let schema else { return ["national schema not loaded"] }
        return schema.validate(bytes).filter { $0.severity >= .error }.map(\.message)
    }
}

@Suite("Referral round trips")
struct ReferralRoundTripTests {
    static let referrals: [(String, Referral)] = [
        ("up", PrimaryCareFixtures.upReferral), ("down", PrimaryCareFixtures.downReferral),
    ]

    @Test(arguments: ["up", "down"])
    func hl7v2(_ name: String) throws {
        let referral = try #require(Self.referrals.first { $0.0 == name }?.1)
        let codec = ReferralV2Codec()
        let bytes = try codec.write(referral)
        let (again, report) = try codec.read(bytes)
        Compare.referral(referral, again, "v2 " + name)
        #expect(report.unmapped.isEmpty, "\(report.unmapped)")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("|REF^I12^REF_I12|"))
        #expect(text.contains("\rRF1|"))
    }

    @Test func hl7v2ResponseIsRRI() throws {
        let referral = PrimaryCareFixtures.downReferral
        let bytes = try ReferralV2Codec().write(referral, as: .response, acknowledging: "MSG0001")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("|RRI^I12^RRI_I12|"))
        #expect(text.contains("\rMSA|AA|MSG0001\r"))
        let (again, _) = try ReferralV2Codec().read(bytes)
        Compare.referral(referral, again, "RRI")
    }

    @Test(arguments: ["up", "down"])
    func cda(_ name: String) throws {
        let referral = try #require(Self.referrals.first { $0.0 == name }?.1)
        let codec = ReferralCDACodec()
        let bytes = try codec.write(referral)
        let (again, report) = try codec.read(bytes)
        Compare.referral(referral, again, "CDA " + name)
        // Only header details the base CDA mapping does not read back (identifier authorities) stay unmapped.
        let body = report.unmapped.filter {
            !$0.path.hasPrefix("/ClinicalDocument/recordTarget") && !$0.path.hasPrefix("/ClinicalDocument/author")
        }
        #expect(body.isEmpty, "\(body)")
        let document = try ClinicalDocument(parsing: bytes)
        #expect(document.templateIds.contains { $0.root == "2.16.156.10011.2.1.1.20" })
    }

    @Test(
        .enabled(if: SharedCorpus.isPresent, "needs the national schema in ../shared/corpus"),
        arguments: ["up", "down"])
    func cdaIsSchemaValid(_ name: String) throws {
        let referral = try #require(Self.referrals.first { $0.0 == name }?.1)
        let bytes = try ReferralCDACodec().write(referral)
        #expect(NationalSchema.errors(bytes) == [])
    }

    @Test(arguments: ["up", "down"])
    func fhir(_ name: String) throws {
        let referral = try #require(Self.referrals.first { $0.0 == name }?.1)
        let codec = ReferralFHIRCodec()
        let bytes = try codec.write(referral)
        let (again, report) = try codec.read(bytes)
        Compare.referral(referral, again, "FHIR " + name)
        #expect(report.unmapped.isEmpty, "\(report.unmapped)")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"resourceType\": \"Task\""))
        #expect(text.contains("\"focus\""))
    }

    /// v2 → models → CDA → models → FHIR → models keeps every modelled value.
    @Test(arguments: ["up", "down"])
    func acrossAllFormats(_ name: String) throws {
        let referral = try #require(Self.referrals.first { $0.0 == name }?.1)
        let (fromV2, _) = try ReferralV2Codec().read(try ReferralV2Codec().write(referral))
        let (fromCDA, _) = try ReferralCDACodec().read(try ReferralCDACodec().write(fromV2))
        let (fromFHIR, _) = try ReferralFHIRCodec().read(try ReferralFHIRCodec().write(fromCDA))
        let (back, _) = try ReferralV2Codec().read(try ReferralV2Codec().write(fromFHIR))
        Compare.referral(referral, fromCDA, "v2→CDA " + name)
        Compare.referral(referral, fromFHIR, "CDA→FHIR " + name)
        Compare.referral(referral, back, "FHIR→v2 " + name)
    }

    @Test func everyStatusAndUrgencySurvivesEachFormat() throws {
        for status in Referral.Status.allCases {
            for urgency in Referral.Urgency.allCases {
                var referral = PrimaryCareFixtures.upReferral
                referral.status = status
                referral.urgency = urgency
                referral.isGreenChannel = urgency == .stat
                let v2 = try ReferralV2Codec().read(try ReferralV2Codec().write(referral)).referral
                let cda = try ReferralCDACodec().read(try ReferralCDACodec().write(referral)).referral
                let fhir = try ReferralFHIRCodec().read(try ReferralFHIRCodec().write(referral)).referral
                for (format, read) in [("v2", v2), ("CDA", cda), ("FHIR", fhir)] {
                    #expect(read.status == status, "\(format) \(status)")
                    #expect(read.urgency == urgency, "\(format) \(urgency)")
                    #expect(read.isGreenChannel == referral.isGreenChannel, "\(format) green channel")
                }
            }
        }
    }

    @Test func theGenericConverterStillReadsTheCoreFields() throws {
        let referral = PrimaryCareFixtures.upReferral
        for (format, bytes) in [
            (RecordFormat.hl7v2, try ReferralV2Codec().write(referral)),
            (.fhir, try ReferralFHIRCodec().write(referral)), (.cda, try ReferralCDACodec().write(referral)),
        ] {
            let reader = try #require(RecordConverter.allFormats.readers[format])
            let (records, _) = try reader.read(bytes, options: ConversionOptions())
            guard case .referral(let read)? = records.first else {
                Issue.record("\(format): no referral")
                continue
            }
            #expect(read.reason == referral.reason, "\(format)")
            #expect(read.toOrganization?.name == referral.toOrganization?.name, "\(format)")
        }
    }

    @Test func hostileInputThrowsInsteadOfTrapping() {
        let inputs: [[UInt8]] = [
            [], Array("MSH|^~\\&|".utf8),
            Array("MSH|^~\\&|A|B|C|D|1||REF^I12|1|P|2.5.1\rRF1|^^^^\rPRD|\rOBR|\rOBX|".utf8),
            Array("<ClinicalDocument/>".utf8), Array("{\"resourceType\":\"Bundle\",\"entry\":[{}]}".utf8),
            [UInt8](repeating: 0x5B, count: 5000),
        ]
        for input in inputs {
            _ = try? ReferralV2Codec().read(input)
            _ = try? ReferralCDACodec().read(input)
            _ = try? ReferralFHIRCodec().read(input)
            _ = try? FollowUpCDACodec().read(input)
            _ = try? FollowUpFHIRCodec().read(input)
            _ = try? PrescriptionFHIRCodec().read(input)
        }
        #expect(throws: ConversionError.self) { try ReferralV2Codec().read(Array("not a message".utf8)) }
        #expect(throws: ConversionError.self) {
            try ReferralFHIRCodec().read(Array("{\"resourceType\":\"Patient\"}".utf8))
        }
    }
}

/// Real-world referral shapes from ../shared/corpus (read only, never copied).
@Suite("Referral corpus")
struct ReferralCorpusTests {
    @Test(.enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus"))
    func readsTheCorpusREFI12() throws {
        let bytes = try SampleFile(
            name: "REF-I12-02", url: SharedCorpus.url("hl7v2/ms-fhir-converter/REF-I12-02.hl7")
        ).bytes()
        let (referral, _) = try ReferralV2Codec().read(bytes)
        #expect(referral.status == .requested)  // RF1-1 P
        #expect(referral.urgency == .routine)  // RF1-2 R
        #expect(referral.fromPractitioner?.name?.family == "POWELL")
        #expect(referral.toPractitioner?.name?.family == "McWILLIAMS")
        #expect(referral.toPractitioner?.identifiers.first?.value == "PLN5010")
        #expect(referral.diagnoses.first?.code.code == "K63.3")
        #expect(referral.results.count == 2)
        #expect(referral.results.first?.kind == .exam)
        #expect(referral.resident != nil)
        // Written again as REF^I12 and read back, the values stay.
        let again = try ReferralV2Codec().read(try ReferralV2Codec().write(referral)).referral
        Compare.referral(referral, again, "corpus REF^I12")
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "needs ../shared/corpus"))
    func everyCorpusV2MessageIsReadOrRefusedWithoutTrapping() throws {
        for row in try SharedCorpus.index("hl7v2/INDEX.tsv") {
            guard let file = row["file"] else { continue }
            let bytes = try SampleFile(name: file, url: SharedCorpus.url("hl7v2/" + file)).bytes()
            _ = try? ReferralV2Codec().read(bytes)
            _ = try? PrimaryCareReader().read(bytes, format: .hl7v2)
        }
    }
}

@Suite("Referral unmapped content")
struct ReferralUnmappedTests {
    static func withZSegment() throws -> [UInt8] {
        try ReferralV2Codec().write(PrimaryCareFixtures.upReferral) + Array("ZRX|1|本地扩展字段\r".utf8)
    }

    @Test func unknownSegmentsAreKeptAndCarriedOrRefusedInStrictMode() throws {
        let bytes = try Self.withZSegment()
        let (referral, report) = try ReferralV2Codec().read(bytes)
        #expect(report.unmapped.contains { $0.path.hasPrefix("ZRX") })
        #expect(referral.unmappedFragments.contains { $0.text.contains("本地扩展字段") })
        var carry = ConversionOptions()
        carry.carryUnmapped = true
        let written = String(decoding: try ReferralV2Codec(options: carry).write(referral), as: UTF8.self)
        #expect(written.contains("\rZUN|"))
        #expect(written.contains("本地扩展字段"))
        var strict = ConversionOptions()
        strict.strict = true
        #expect(throws: ConversionError.self) { try ReferralV2Codec(options: strict).read(bytes) }
        #expect(throws: Never.self) {
            try ReferralV2Codec(options: strict).read(try ReferralV2Codec().write(PrimaryCareFixtures.upReferral))
        }
    }
}
