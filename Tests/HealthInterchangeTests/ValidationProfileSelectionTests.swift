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

    static func referral(_ rf1: String) -> [UInt8] {
        Self.bytes([
            "MSH|^~\\&|HIS|QX|RHIN|QX|20240318143000+0800||REF^I12^REF_I12|R1|P|2.5.1", rf1,
            "PRD|RP|||QX01^^^^^^青溪县人民医院", "PRD|RT|||NC01^^^^^^宁川市中心医院", Self.pid,
        ])
    }

    @Test("REF^I12 is checked with hl7v2-ref-i12, which requires the direction (RF1-3 UP/DOWN of table 99HIRD)")
    func referralProfile() throws {
        let up = try #require(
            Self.validation.validate(Self.referral("RF1|A|R|UP^上转^99HIRD|||ZZ1|20240318||^糖尿病并发症评估"), as: .hl7v2)
                .first)
        #expect(up.profile == "hl7v2-ref-i12")
        #expect(!up.issues.contains { $0.modelPath == "referral.direction" }, "\(up.textLines)")
        let none = try #require(
            Self.validation.validate(Self.referral("RF1|A|R|MED^内科^HL70281|||ZZ1|20240318||^评估"), as: .hl7v2).first)
        let missing = none.issues.filter { $0.modelPath == "referral.direction" }
        #expect(missing.map(\.code) == ["HI-VAL-0101"])
        #expect(missing.map(\.severity) == [.error])
    }

    @Test("a WS/T 483.20 document without a direction gets only a warning: the standard has no element for it")
    func cdaReferralDirectionIsRecommended() throws {
        let sample = try #require(
            try SampleFiles.list("cda", extensions: ["xml"]).first { $0.name == "wst483-20-referral.xml" })
        let report = try #require(Self.validation.validate(try sample.bytes(), as: .cda).first)
        #expect(report.profile == "cn-wst483-referral")
        let direction = report.issues.filter { $0.modelPath == "referral.direction" }
        #expect(direction.map(\.code) == ["HI-VAL-0102"])
        #expect(direction.map(\.severity) == [.warning])
    }
}
