import Foundation
import HICDA
import HIConvert
import HICore
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

/// What the codecs read from documents written by other systems: the referral direction in `RF1-3` and the
/// follow-up classification (此次随访分类) of a WS/T 483.12 / 483.13 document without the project's local codes.
@Suite("Referral direction and follow-up classification from other systems' documents")
struct ReadingGapsTests {
    static func ref(_ rf1: String) -> [UInt8] {
        let segments = [
            "MSH|^~\\&|HIS|QX|RHIN|QX|20240318143000+0800||REF^I12^REF_I12|C1|P|2.5.1|||AL|NE|CHN|UNICODE UTF-8",
            rf1, "PRD|RP|||QX01^^^^^^青溪县人民医院", "PRD|RT|||NC01^^^^^^宁川市中心医院",
            "PID|1||QX0012345^^^QX^MR~350922197805123016^^^CHN^NNCHN||陈^明||19780512|M",
        ]
        return Array((segments.joined(separator: "\r") + "\r").utf8)
    }

    @Test(
        "RF1-3 (referral type, user-defined table 0281) gives the direction from the local codes or their text",
        arguments: [
            ("RF1|A|R|UP^上转^99HIRD|||ZZ1|20240318", Referral.Direction.upward),
            ("RF1|A|R|down^下转^99HIRD|||ZZ1|20240318", .downward),
            ("RF1|A|R|01^上转^99XZLX|||ZZ1|20240318", .upward),
            ("RF1|A|R|02^下转^99XZLX|||ZZ1|20240318", .downward),
        ])
    func directionFromRF1(_ rf1: String, _ expected: Referral.Direction) throws {
        let (referral, _) = try ReferralV2Codec().read(Self.ref(rf1))
        #expect(referral.direction == expected, "\(rf1)")
    }

    @Test("an HL7 table 0281 referral type (Med, Lab …) says nothing of the direction")
    func standardReferralTypeHasNoDirection() throws {
        for rf1 in ["RF1|A|R|MED^内科^HL70281|||ZZ1|20240318", "RF1|A|R||||ZZ1|20240318"] {
            let (referral, _) = try ReferralV2Codec().read(Self.ref(rf1))
            #expect(referral.direction == nil, "\(rf1)")
        }
    }

    @Test("the REF^I12 sample is an upward referral and writes back the direction it read")
    func sampleDirection() throws {
        let sample = try #require(try SampleFiles.list("hl7v2/valid").first { $0.name == "ref-i12-referral.hl7" })
        let (referral, _) = try ReferralV2Codec().read(try sample.bytes())
        #expect(referral.direction == .upward)
        let again = try ReferralV2Codec().read(try ReferralV2Codec().write(referral)).referral
        #expect(again.direction == .upward)
    }

    /// The WS/T 483.12 sample with its classification observation replaced by `observation`.
    static func followUp(replacingClassificationWith observation: String) throws -> [UInt8] {
        let sample = try #require(
            try SampleFiles.list("cda", extensions: ["xml"]).first { $0.name == "wst483-12-hypertension-followup.xml" })
        let text = String(decoding: try sample.bytes(), as: UTF8.self)
        let start = try #require(text.range(of: "<code displayName=\"此次随访分类\"/>"))
        let end = try #require(text.range(of: "</observation>", range: start.upperBound..<text.endIndex))
        return Array(text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: observation).utf8)
    }

    @Test("the classification is read by its value domain (CV05.10.012, OID 2.16.156.10011.2.3.1.150), no warning")
    func classificationByValueDomain() throws {
        for name in ["wst483-12-hypertension-followup.xml", "wst483-13-diabetes-followup.xml"] {
            let sample = try #require(try SampleFiles.list("cda", extensions: ["xml"]).first { $0.name == name })
            let (visit, report) = try FollowUpCDACodec().read(try sample.bytes())
            #expect(visit.classification?.system == "ws364-follow-up-classification", "\(name)")
            #expect(visit.classification?.code == (name.contains("-12-") ? "1" : "2"), "\(name)")
            #expect(!report.issues.contains { $0.code == "HI-PC-0401" }, "\(name)")
            #expect(visit.medicationAdherence?.system == "ws364-medication-adherence", "\(name)")
        }
    }

    @Test("a displayName-only classification is read with a warning, not lost")
    func classificationByDisplayName() throws {
        let bytes = try Self.followUp(
            replacingClassificationWith: "<code displayName=\"随访评价结果\"/>\n<value xsi:type=\"CD\" code=\"3\" "
                + "displayName=\"不良反应\" codeSystemName=\"随访评价结果代码表\"/>\n")
        let (visit, report) = try FollowUpCDACodec().read(bytes)
        #expect(
            visit.classification == CodedValue(system: "ws364-follow-up-classification", code: "3", display: "不良反应"))
        let warning = try #require(report.issues.first { $0.code == "HI-PC-0401" })
        #expect(warning.severity == .warning)
    }

    @Test("an observation that is neither in the value domain nor named 此次随访分类 gives no classification")
    func noClassification() throws {
        let bytes = try Self.followUp(
            replacingClassificationWith: "<code displayName=\"其他评价\"/>\n<value xsi:type=\"CD\" code=\"1\" "
                + "displayName=\"好\" codeSystem=\"2.16.156.10011.2.3.1.999\"/>\n")
        let (visit, report) = try FollowUpCDACodec().read(bytes)
        #expect(visit.classification == nil)
        #expect(!report.issues.contains { $0.code == "HI-PC-0401" })
    }

    @Test("the project's own HI.FU.09 element still wins over the value domain search")
    func ownClassificationRoundTrips() throws {
        var visit = FollowUp(disease: .hypertension)
        visit.classification = CodedValue(system: "ws364-follow-up-classification", code: "2", display: "控制不满意")
        let again = try FollowUpCDACodec().read(try FollowUpCDACodec().write(visit)).followUp
        #expect(again.classification?.code == "2")
        #expect(again.classification?.system == "ws364-follow-up-classification")
    }
}
