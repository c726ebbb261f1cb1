import HIConvert
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

/// The flow `docs/primary-care.md` shows: a township clinic refers a hypertensive patient up to the county
/// hospital, and the hospital sends the lab results and a long prescription back down. Every step reads and
/// writes the files under `Samples/primary-care/`.
@Suite("End to end: two-way referral")
struct EndToEndTests {
    static func sample(_ path: String) throws -> [UInt8] {
        try SampleFile(name: path, url: SampleFiles.samplesRoot.appendingPathComponent(path)).bytes()
    }

    @Test func townshipRefersUpAndCountySendsResultsAndPrescriptionDown() throws {
        // 1. The township clinic's hypertension follow-up advises a referral.
        let (followUpRecords, _) = try PrimaryCareReader().read(
            try Self.sample("primary-care/followups/hypertension-followup.xml"), format: .cda)
        guard case .followUp(let visit)? = followUpRecords.first else {
            Issue.record("the follow-up did not read as a follow-up")
            return
        }
        #expect(visit.systolic == 168)
        #expect(visit.referralReason == "血压控制不满意")

        // 2. It builds the up referral (REF^I12, urgent, green channel) from the follow-up.
        var up = ReferralBuilder(direction: .upward)
        up.toOrganization = PrimaryCareFixtures.county
        up.fromOrganization = PrimaryCareFixtures.township
        up.urgency = .urgent
        up.isGreenChannel = true
        up.identifier = Identifier(kind: .other, value: "ZZ20261120007", authority: "青山镇卫生院")
        let request = up.referral(from: followUpRecords)
        let er7 = try ReferralV2Codec().write(request)
        #expect(String(decoding: er7, as: UTF8.self).contains("|REF^I12^REF_I12|"))

        // 3. The county hospital reads the referral it receives.
        let (received, _) = try ReferralV2Codec().read(er7)
        #expect(received.direction == .upward)
        #expect(received.isGreenChannel)
        #expect(received.urgency == .urgent)
        #expect(received.reason == "血压控制不满意")
        #expect(received.diagnoses.first?.code.code == "I10")
        #expect(received.resident?.residentIDNumber?.value == "341525195804120021")
        #expect(received.fromPractitioner?.name?.text == "王建国")
        #expect(received.toOrganization?.name == "青山县人民医院")

        // 4. After treatment it answers with the lab report (ORU^R01) and a 12-week long prescription.
        let (labRecords, _) = try PrimaryCareReader().read(
            try Self.sample("primary-care/results/down-lab-report.hl7"), format: .hl7v2)
        let (prescriptions, _) = try PrescriptionFHIRCodec().read(
            try Self.sample("primary-care/prescriptions/amlodipine-long-prescription.json"))
        var down = ReferralBuilder(direction: .downward)
        down.status = .completed
        down.urgency = .routine
        down.reason = "血压已控制，转回社区继续管理（长期处方12周）"
        down.identifier = Identifier(kind: .other, value: "XZ20261127002", authority: "青山县人民医院")
        down.date = Timestamp("20261127")
        let answer = down.referral(from: [.referral(received)] + labRecords)
        let rri = try ReferralV2Codec().write(answer, as: .response, acknowledging: "ZZ20261120007")

        // 5. The township clinic reads the answer: the results to recognise and the prescription to continue.
        let (back, _) = try ReferralV2Codec().read(rri)
        #expect(back.direction == .downward)
        #expect(back.status == .completed)
        #expect(back.toOrganization?.name == "青山镇卫生院")
        #expect(back.fromOrganization?.name == "青山县人民医院")
        #expect(back.results.count == 1)
        #expect(back.results.first?.kind == .lab)
        #expect(back.results.first?.identifier?.value == "LIS20261121088")
        #expect(back.results.first?.title == "肾功能+血脂")
        let prescription = LongTermPrescription(try #require(prescriptions.first))
        #expect(prescription.isValid)
        #expect(prescription.order.daysSupplied == 84)
        #expect(prescription.order.resident?.residentIDNumber?.value == back.resident?.residentIDNumber?.value)

        // The same answer, as the hospital sent it in the three formats, carries the same values.
        let expected = PrimaryCareFixtures.downReferral
        for (format, path) in [
            (RecordFormat.hl7v2, "primary-care/referrals/down-referral.hl7"),
            (.cda, "primary-care/referrals/down-referral.xml"), (.fhir, "primary-care/referrals/down-referral.json"),
        ] {
            let (records, _) = try PrimaryCareReader().read(try Self.sample(path), format: format)
            guard case .referral(let read)? = records.first else {
                Issue.record("\(path) did not read as a referral")
                continue
            }
            Compare.referral(expected, read, path)
            #expect(read.results.first?.identifier?.value == back.results.first?.identifier?.value, "\(path)")
        }
    }
}
