import Foundation
import HICore
import HITestSupport
import HealthInterchange
import Testing

/// How RecordValidation picks profiles and reports the format-level levels.
@Suite("RecordValidation: profiles by message, levels, CDA schema")
struct ValidationProfileSelectionTests {
    static let validation: RecordValidation = {
        do { return try RecordValidation() } catch { fatalError("built-in profiles: \(error)") }
    }()

    static func bytes(_ segments: [String]) -> [UInt8] { Array((segments.joined(separator: "\r") + "\r").utf8) }

    static let pid = "PID|1||QX1^^^H^MR~350922197805123016^^^CHN^NNCHN||王^五||19780512|M"

    @Test("ADT is checked with hl7v2-adt on the visit's resident (not as a 门(急)诊病历); ORU with cn-lab-report")
    func adtProfile() throws {
        let adt = Self.bytes([
            "MSH|^~\\&|HIS|H|RHIN|R|20240315103045+0800||ADT^A04^ADT_A01|C1|P|2.5.1", "EVN|A04|20240315103000",
            Self.pid, "PV1|1|O",
        ])
        let report = try #require(Self.validation.validate(adt, as: .hl7v2).first)
        #expect(report.profile == "hl7v2-adt")
        #expect(report.isShareable, "\(report.textLines)")
        #expect(!report.codes.contains("HI-VAL-0101"))
        let fixed = try RecordValidation(profile: Validator(profile: "cn-outpatient-record"))
        let outpatient = try #require(fixed.validate(adt, as: .hl7v2).first)
        #expect(outpatient.profile == "cn-outpatient-record")
        #expect(outpatient.issues.contains { $0.modelPath == "encounter.diagnoses" && $0.severity == .error })
    }

    @Test("an order (OML) gets the resident rules of cn-base, not the lab report's required elements")
    func orderProfile() throws {
        let sample = try #require(try SampleFiles.list("hl7v2/valid").first { $0.name == "oml-o21-order.hl7" })
        let report = try #require(Self.validation.validate(try sample.bytes(), as: .hl7v2).first)
        #expect(report.profile == "cn-base")
        #expect(report.isShareable, "\(report.textLines)")
    }

    @Test("levels are separate: structure (v2), data type (v2 field), business rule (profile) in one report")
    func levels() throws {
        let oru = Self.bytes([
            "MSH|^~\\&|LIS|H|HIS|H|20240315103045+0800||ORU^R01^ORU_R01|C2|P|2.5.1",
            "PID|1||QX1^^^H^MR~350922197805123016^^^CHN^NNCHN||王^五||19780512|F",
            "OBX|1|NM|GLU^葡萄糖^L||<0.5|mmol/L|3.9-6.1|L|||F",
        ])
        let report = try #require(Self.validation.validate(oru, as: .hl7v2, file: "x.hl7").first)
        let structure = report.issues(at: .structure).filter { $0.code == "HI-VAL-0110" }
        #expect(structure.map(\.modelPath) == ["OBR"])
        #expect(structure.first?.location.file == "x.hl7")
        let comparator = report.issues(at: .dataType).filter { $0.code == "HI-VAL-0210" }
        #expect(comparator.map(\.severity) == [.warning], "<0.5 in NM is a warning (SN would be right)")
        #expect(report.issues(at: .businessRule).map(\.code).contains("HI-VAL-0502"))
        var off = Self.validation
        off.formatChecks.hl7v2Structure = nil
        let withoutStructure = try #require(off.validate(oru, as: .hl7v2).first)
        #expect(!withoutStructure.codes.contains("HI-VAL-0110"))
        #expect(withoutStructure.codes.contains("HI-VAL-0502"))
    }

    @Test(
        "CDA schema validation is reported at the structure level", .enabled(if: SharedCorpus.isPresent, "corpus"))
    func cdaSchema() throws {
        var checks = RecordFormatChecks()
        checks.cdaSchema = try XMLSchema(contentsOf: SharedCorpus.url("cn/schemas/sdschemas/SDA.xsd").path)
        let validation = try RecordValidation(formatChecks: checks)
        let sample = SampleFiles.samplesRoot.appendingPathComponent("cda/wst500-27-lab-report.xml")
        let good = [UInt8](try Data(contentsOf: sample))
        let report = try #require(validation.validate(good, as: .cda).first)
        #expect(!report.codes.contains("HI-XML-0010"), "\(report.textLines)")
        // An element the schema does not allow where it stands.
        let text = String(decoding: good, as: UTF8.self)
        let broken = text.replacingOccurrences(of: "<recordTarget", with: "<bogusElement/><recordTarget")
        #expect(broken != text)
        let bad = try #require(validation.validate(Array(broken.utf8), as: .cda, file: "bad.xml").first)
        let schemaIssues = bad.issues.filter { $0.code == "HI-XML-0010" }
        #expect(!schemaIssues.isEmpty)
        #expect(schemaIssues.allSatisfy { $0.level == .structure && $0.location.file == "bad.xml" })
        #expect(schemaIssues.first?.location.line != nil)
    }
}
