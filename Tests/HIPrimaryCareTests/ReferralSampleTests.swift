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
        let bytes = try sample.bytes()
        let (orders, _) =
            Self.format(sample) == .hl7v2
            ? try PrescriptionV2Codec().read(bytes) : try PrescriptionFHIRCodec().read(bytes)
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

    /// The contract samples (JSON export, CSV, FHIR bundles) are read by the contract codecs, except the FHIR
    /// bundles, which the any-format reader reads as contracts (`ContractSampleTests`).
    @Test(arguments: try SampleFiles.list("primary-care").filter { !$0.name.hasPrefix("contracts/") })
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

/// `RecordConverter.withPrimaryCare` converts every primary-care sample to each format it has, keeping the values.
@Suite("Primary-care converter")
struct ReferralConverterTests {
    @Test(arguments: try SampleFiles.list("primary-care/contracts/fhir"))
    func contractBundlesReadAsContracts(_ sample: SampleFile) throws {
        let (records, _) = try PrimaryCareReader().read(try sample.bytes(), format: .fhir)
        let contracts = records.compactMap { record -> FamilyDoctorContract? in
            if case .contract(let contract) = record { return contract }
            return nil
        }
        #expect(contracts.count == 1, "\(sample.name)")
        let direct = try ContractFHIR.read(try sample.bytes())
        #expect(contracts == direct, "\(sample.name)")
        let written = try RecordConverter.withPrimaryCare.convert(try sample.bytes(), from: .fhir, to: .fhir)
        #expect(try ContractFHIR.read(written.output) == direct, "\(sample.name): FHIR → models → FHIR")
    }

    @Test(arguments: try SampleFiles.list("primary-care/referrals"))
    func referralsConvertAnyToAny(_ sample: SampleFile) throws {
        let source = try #require(ReferralSampleTests.format(sample))
        let expected = sample.name.contains("up-") ? PrimaryCareFixtures.upReferral : PrimaryCareFixtures.downReferral
        for target in [RecordFormat.hl7v2, .cda, .fhir] {
            let result = try RecordConverter.withPrimaryCare.convert(try sample.bytes(), from: source, to: target)
            let (records, _) = try PrimaryCareReader().read(result.output, format: target)
            guard case .referral(let read)? = records.first else {
                Issue.record("\(sample.name) → \(target): no referral")
                continue
            }
            Compare.referral(expected, read, "\(sample.name) → \(target)")
        }
    }

    @Test(arguments: try SampleFiles.list("primary-care/followups"))
    func followUpsConvertBetweenCDAAndFHIR(_ sample: SampleFile) throws {
        let source = try #require(ReferralSampleTests.format(sample))
        let target: RecordFormat = source == .cda ? .fhir : .cda
        let expected =
            sample.name.contains("hypertension")
            ? PrimaryCareFixtures.hypertensionVisit : PrimaryCareFixtures.diabetesVisit
        let result = try RecordConverter.withPrimaryCare.convert(try sample.bytes(), from: source, to: target)
        guard case .followUp(let read)? = try PrimaryCareReader().read(result.output, format: target).records.first
        else {
            Issue.record("\(sample.name): no follow-up")
            return
        }
        Compare.followUp(expected, read, "\(sample.name) → \(target)")
    }

    @Test func otherRecordsStillConvertAsBefore() throws {
        let lab = try SampleFile(
            name: "lab", url: SampleFiles.samplesRoot.appendingPathComponent("primary-care/results/down-lab-report.hl7")
        ).bytes()
        let plain = try RecordConverter.allFormats.convert(lab, from: .hl7v2, to: .fhir)
        let extended = try RecordConverter.withPrimaryCare.convert(lab, from: .hl7v2, to: .fhir)
        #expect(plain.output == extended.output)
    }
}
