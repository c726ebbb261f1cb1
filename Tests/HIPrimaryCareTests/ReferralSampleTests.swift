import HIConvert
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

/// The files under `Samples/primary-care/` read back into exactly the models they were written from.
@Suite("Primary-care samples")
struct ReferralSampleTests {
    static func format(_ sample: SampleFile) -> RecordFormat? {
        if sample.name.hasSuffix(".hl7") { return .hl7v2 }
        if sample.name.hasSuffix(".xml") { return .cda }
        if sample.name.hasSuffix(".json") { return .fhir }
        return nil
    }

    @Test(arguments: try SampleFiles.list("primary-care/referrals"))
    func referral(_ sample: SampleFile) throws {
        let expected = sample.name.contains("up-") ? PrimaryCareFixtures.upReferral : PrimaryCareFixtures.downReferral
        let bytes = try sample.bytes()
        let read: Referral
        switch Self.format(sample) {
        case .hl7v2?: read = try ReferralV2Codec().read(bytes).referral
        case .cda?: read = try ReferralCDACodec().read(bytes).referral
        default: read = try ReferralFHIRCodec().read(bytes).referral
        }
        Compare.referral(expected, read, sample.name)
        // The writer is deterministic: the file is what the codec writes today.
        let written: [UInt8]
        switch Self.format(sample) {
        case .hl7v2?:
            written =
                sample.name.contains("down-")
                ? try ReferralV2Codec().write(expected, as: .response, acknowledging: "ZZ20261120007")
                : try ReferralV2Codec().write(expected)
        case .cda?: written = try ReferralCDACodec().write(expected)
        default: written = try ReferralFHIRCodec().write(expected)
        }
        #expect(written == bytes, "\(sample.name) differs from what the codec writes")
    }

    @Test(arguments: try SampleFiles.list("primary-care/followups"))
    func followUp(_ sample: SampleFile) throws {
        let expected =
            sample.name.contains("hypertension")
            ? PrimaryCareFixtures.hypertensionVisit : PrimaryCareFixtures.diabetesVisit
        let bytes = try sample.bytes()
        let read =
            Self.format(sample) == .cda
            ? try FollowUpCDACodec().read(bytes).followUp : try FollowUpFHIRCodec().read(bytes).followUp
        Compare.followUp(expected, read, sample.name)
    }

    @Test(arguments: try SampleFiles.list("primary-care/prescriptions"))
    func prescription(_ sample: SampleFile) throws {
        let expected =
            sample.name.contains("amlodipine") ? PrimaryCareFixtures.amlodipine : PrimaryCareFixtures.metformin
        let (orders, _) = try PrescriptionFHIRCodec().read(try sample.bytes())
        let order = try #require(orders.first)
        Compare.order(expected, order, sample.name)
        #expect(LongTermPrescription(order).isValid, "\(sample.name): within the 4–12 week policy")
    }

    @Test(
        .enabled(if: SharedCorpus.isPresent, "needs the national schema in ../shared/corpus"),
        arguments: try SampleFiles.list("primary-care", extensions: ["xml"]))
    func cdaSamplesAreSchemaValid(_ sample: SampleFile) throws {
        #expect(NationalSchema.errors(try sample.bytes()) == [], "\(sample.name)")
    }

    @Test(arguments: try SampleFiles.list("primary-care"))
    func theAnyFormatReaderUnderstandsEverySample(_ sample: SampleFile) throws {
        let format = try #require(Self.format(sample))
        let (records, _) = try PrimaryCareReader().read(try sample.bytes(), format: format)
        let kind = records.first?.kindName
        if sample.name.contains("referral") {
            #expect(kind == "referral", "\(sample.name)")
        } else if sample.name.contains("followup") {
            #expect(kind == "followUp", "\(sample.name)")
        } else if sample.name.contains("prescription") {
            #expect(kind == "medicationOrder", "\(sample.name)")
        } else {
            #expect(kind == "labReport", "\(sample.name)")
        }
    }
}
