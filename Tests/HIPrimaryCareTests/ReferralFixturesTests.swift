import Foundation
import HIConvert
import HIModels
import HIPrimaryCare
import HITestSupport
import Testing

/// Synthetic primary-care models the samples are written from (names, numbers and organisations invented;
/// the resident ID numbers carry valid GB 11643 check characters).
enum PrimaryCareFixtures {
    static let township = Organization(
        name: "青山镇卫生院", identifiers: [Identifier(kind: .organizationCode, value: "PDY10001")])
    static let county = Organization(
        name: "青山县人民医院", identifiers: [Identifier(kind: .organizationCode, value: "PDY20001")])

    static var resident: Resident {
        var resident = Resident(
            identifiers: [Identifier(kind: .residentIDCard, value: "341525195804120021")],
            name: PersonName(text: "李秀兰"), sex: CodedValue(system: "gb-t-2261.1", code: "2", display: "女性"),
            birthDate: CalendarDate(year: 1958, month: 4, day: 12))
        resident.telecom = [ContactPoint(system: .phone, value: "13900000001", use: .mobile)]
        return resident
    }

    static var familyDoctor: Practitioner {
        Practitioner(
            name: PersonName(text: "王建国"), identifiers: [Identifier(kind: .other, value: "D1001", authority: "青山镇卫生院")])
    }

    static var specialist: Practitioner {
        Practitioner(
            name: PersonName(text: "陈立"), identifiers: [Identifier(kind: .other, value: "D2001", authority: "青山县人民医院")])
    }

    static var hypertension: Diagnosis {
        Diagnosis(code: CodedValue(system: "ICD10", code: "I10", display: "特发性（原发性）高血压"), isPrimary: true)
    }

    static var upReferral: Referral {
        var referral = Referral(direction: .upward, reason: "血压控制不满意，连续三次随访收缩压≥160mmHg")
        referral.identifiers = [Identifier(kind: .other, value: "ZZ20261120007", authority: "青山镇卫生院")]
        referral.status = .requested
        referral.urgency = .urgent
        referral.isGreenChannel = true
        referral.resident = resident
        referral.fromOrganization = township
        referral.toOrganization = county
        referral.fromPractitioner = familyDoctor
        referral.toPractitioner = specialist
        referral.diagnoses = [
            hypertension,
            Diagnosis(code: CodedValue(system: "ICD10", code: "E11.9", display: "2型糖尿病不伴有并发症")),
        ]
        referral.results = [
            Referral.ResultReference(
                kind: .lab, identifier: Identifier(kind: .other, value: "LR20261118031", authority: "青山镇卫生院"),
                title: "血生化", link: "https://platform.example/reports/LR20261118031?part=1&view=full",
                date: Timestamp("20261118")),
            Referral.ResultReference(
                kind: .exam, identifier: Identifier(kind: .other, value: "EX20261118004", authority: "青山镇卫生院"),
                title: "心电图", link: nil, date: Timestamp("20261118")),
        ]
        referral.date = Timestamp("20261120")
        return referral
    }

    static var downReferral: Referral {
        var referral = Referral(direction: .downward, reason: "血压已控制，转回社区继续管理（长期处方12周）")
        referral.identifiers = [Identifier(kind: .other, value: "XZ20261127002", authority: "青山县人民医院")]
        referral.status = .completed
        referral.urgency = .routine
        referral.resident = resident
        referral.fromOrganization = county
        referral.toOrganization = township
        referral.fromPractitioner = specialist
        referral.toPractitioner = familyDoctor
        referral.diagnoses = [hypertension]
        referral.results = [
            Referral.ResultReference(
                kind: .lab, identifier: Identifier(kind: .other, value: "LIS20261121088", authority: "青山县人民医院"),
                title: "肾功能+血脂", link: "https://platform.example/reports/LIS20261121088", date: Timestamp("20261121"))
        ]
        referral.date = Timestamp("20261127")
        return referral
    }

    static var amlodipine: MedicationOrder {
        var order = MedicationOrder(
            medication: CodedValue(system: "local-drug", code: "Y0001", display: "苯磺酸氨氯地平片"), resident: resident)
        order.identifiers = [Identifier(kind: .other, value: "CF20261127011", authority: "青山县人民医院")]
        order.dose = Quantity(value: "5", unit: "mg", ucum: nil)
        order.frequency = CodedValue(system: "local-frequency", code: "qd", display: "每日一次")
        order.route = CodedValue(system: "local-route", code: "PO", display: "口服")
        order.quantity = Quantity(value: "84", unit: "片", ucum: "{tbl}")
        order.daysSupplied = 84
        order.refills = 1
        order.isLongTermPrescription = true
        order.prescriber = specialist
        order.orderedAt = Timestamp("20261127")
        return order
    }

    static var metformin: MedicationOrder {
        var order = MedicationOrder(
            medication: CodedValue(system: "local-drug", code: "Y0102", display: "盐酸二甲双胍片"), resident: resident)
        order.identifiers = [Identifier(kind: .other, value: "CF20261201003", authority: "青山镇卫生院")]
        order.dose = Quantity(value: "0.5", unit: "g", ucum: nil)
        order.frequency = CodedValue(system: "local-frequency", code: "tid", display: "每日三次")
        order.route = CodedValue(system: "local-route", code: "PO", display: "口服")
        order.daysSupplied = 56
        order.refills = 0
        order.isLongTermPrescription = true
        order.prescriber = familyDoctor
        order.orderedAt = Timestamp("20261201")
        return order
    }

    static var hypertensionVisit: FollowUp {
        var visit = FollowUp(disease: .hypertension, date: CalendarDate(year: 2026, month: 11, day: 15))
        visit.identifiers = [Identifier(kind: .other, value: "SF20261115021", authority: "青山镇卫生院")]
        visit.resident = resident
        visit.doctor = familyDoctor
        visit.method = CodedValue(system: "ws364-follow-up-method", code: "1", display: "门诊")
        visit.symptoms = ["头痛头晕", "心悸胸闷"]
        visit.systolic = 168
        visit.diastolic = 98
        visit.weight = Quantity(value: "68.5", unit: "kg")
        visit.height = Quantity(value: "158", unit: "cm")
        visit.bmi = Quantity(value: "27.4", unit: "kg/m2")
        visit.heartRate = 82
        visit.lifestyle.dailyCigarettes = 0
        visit.lifestyle.dailyAlcohol = Quantity(value: "0", unit: "ml")
        visit.lifestyle.exerciseTimesPerWeek = 3
        visit.lifestyle.exerciseMinutesPerSession = 30
        visit.lifestyle.saltIntake = CodedValue(system: "hi-salt-intake", code: "2", display: "中")
        visit.lifestyle.psychologicalAdjustment = CodedValue(system: "hi-adjustment", code: "1", display: "良好")
        visit.lifestyle.compliance = CodedValue(system: "hi-adjustment", code: "2", display: "一般")
        visit.medicationAdherence = CodedValue(system: "ws364-medication-adherence", code: "2", display: "间断")
        visit.hasAdverseReaction = false
        visit.classification = CodedValue(system: "ws364-follow-up-classification", code: "2", display: "控制不满意")
        var order = amlodipine
        order.resident = nil
        order.identifiers = []
        order.prescriber = nil
        order.orderedAt = nil
        order.quantity = nil
        order.daysSupplied = 28
        order.refills = 0
        visit.medications = [order]
        visit.referralReason = "血压控制不满意"
        visit.referralOrganization = "青山县人民医院心内科"
        visit.nextDate = CalendarDate(year: 2026, month: 12, day: 15)
        return visit
    }

    static var diabetesVisit: FollowUp {
        var visit = FollowUp(disease: .diabetes, date: CalendarDate(year: 2026, month: 12, day: 1))
        visit.identifiers = [Identifier(kind: .other, value: "SF20261201009", authority: "青山镇卫生院")]
        visit.resident = resident
        visit.doctor = familyDoctor
        visit.method = CodedValue(system: "ws364-follow-up-method", code: "2", display: "家庭")
        visit.systolic = 132
        visit.diastolic = 80
        visit.weight = Quantity(value: "66", unit: "kg")
        visit.height = Quantity(value: "158", unit: "cm")
        visit.bmi = Quantity(value: "26.4", unit: "kg/m2")
        visit.heartRate = 76
        visit.fastingGlucose = Quantity(value: "7.8", unit: "mmol/L")
        visit.lifestyle.dailyCigarettes = 0
        visit.lifestyle.exerciseTimesPerWeek = 5
        visit.lifestyle.exerciseMinutesPerSession = 40
        visit.lifestyle.stapleFoodGramsPerDay = 250
        visit.lifestyle.psychologicalAdjustment = CodedValue(system: "hi-adjustment", code: "1", display: "良好")
        visit.lifestyle.compliance = CodedValue(system: "hi-adjustment", code: "1", display: "良好")
        visit.medicationAdherence = CodedValue(system: "ws364-medication-adherence", code: "1", display: "规律")
        visit.hasAdverseReaction = true
        visit.adverseReactionText = "轻度胃肠不适"
        visit.classification = CodedValue(system: "ws364-follow-up-classification", code: "1", display: "控制满意")
        var order = metformin
        order.resident = nil
        order.identifiers = []
        order.prescriber = nil
        order.orderedAt = nil
        visit.medications = [order]
        visit.nextDate = CalendarDate(year: 2027, month: 3, day: 1)
        return visit
    }
}

/// Field-by-field comparisons that name the field that differs.
enum Compare {
    static func resident(_ a: Resident?, _ b: Resident?, _ context: String) {
        #expect((a == nil) == (b == nil), "\(context): resident presence")
        guard let a, let b else { return }
        #expect(a.names.first?.text == b.names.first?.text, "\(context): resident name")
        #expect(a.birthDate == b.birthDate, "\(context): resident birth date")
        #expect(a.sex?.code == b.sex?.code, "\(context): resident sex")
        #expect(
            a.identifiers.first { $0.kind == .residentIDCard }?.value
                == b.identifiers.first { $0.kind == .residentIDCard }?.value, "\(context): resident ID number")
    }

    static func organization(_ a: Organization?, _ b: Organization?, _ context: String) {
        #expect(a?.name == b?.name, "\(context): name")
        #expect(a?.identifiers.first?.value == b?.identifiers.first?.value, "\(context): code")
    }

    static func practitioner(_ a: Practitioner?, _ b: Practitioner?, _ context: String) {
        #expect(a?.name?.text == b?.name?.text, "\(context): name")
        #expect(a?.identifiers.first?.value == b?.identifiers.first?.value, "\(context): identifier")
    }

    static func referral(_ a: Referral, _ b: Referral, _ context: String) {
        #expect(a.direction == b.direction, "\(context): direction")
        #expect(a.status == b.status, "\(context): status")
        #expect(a.urgency == b.urgency, "\(context): urgency")
        #expect(a.isGreenChannel == b.isGreenChannel, "\(context): green channel")
        #expect(a.reason == b.reason, "\(context): reason")
        #expect(a.date?.text == b.date?.text, "\(context): date")
        #expect(a.identifiers.first?.value == b.identifiers.first?.value, "\(context): referral number")
        resident(a.resident, b.resident, context)
        organization(a.fromOrganization, b.fromOrganization, context + ": sending organisation")
        organization(a.toOrganization, b.toOrganization, context + ": receiving organisation")
        practitioner(a.fromPractitioner, b.fromPractitioner, context + ": sending practitioner")
        practitioner(a.toPractitioner, b.toPractitioner, context + ": receiving practitioner")
        #expect(a.diagnoses.map(\.code.code) == b.diagnoses.map(\.code.code), "\(context): diagnosis codes")
        #expect(a.diagnoses.map(\.code.display) == b.diagnoses.map(\.code.display), "\(context): diagnosis names")
        #expect(a.results == b.results, "\(context): result references")
    }

    static func order(_ a: MedicationOrder, _ b: MedicationOrder, _ context: String) {
        #expect(a.medication.code == b.medication.code, "\(context): medication code")
        #expect(a.medication.display == b.medication.display, "\(context): medication name")
        #expect(a.dose == b.dose, "\(context): dose")
        #expect(a.frequency?.code == b.frequency?.code, "\(context): frequency")
        #expect(a.route?.code == b.route?.code, "\(context): route")
        #expect(a.daysSupplied == b.daysSupplied, "\(context): days supplied")
        #expect(a.refills == b.refills, "\(context): refills")
        #expect(a.isLongTermPrescription == b.isLongTermPrescription, "\(context): long prescription")
    }

    static func followUp(_ a: FollowUp, _ b: FollowUp, _ context: String) {
        #expect(a.disease == b.disease, "\(context): disease")
        #expect(a.date == b.date, "\(context): date")
        #expect(a.method?.code == b.method?.code, "\(context): method")
        #expect(a.symptoms == b.symptoms, "\(context): symptoms")
        #expect(a.systolic == b.systolic, "\(context): systolic")
        #expect(a.diastolic == b.diastolic, "\(context): diastolic")
        #expect(a.weight?.value == b.weight?.value && a.weight?.unit == b.weight?.unit, "\(context): weight")
        #expect(a.height?.value == b.height?.value, "\(context): height")
        #expect(a.bmi?.value == b.bmi?.value, "\(context): BMI")
        #expect(a.heartRate == b.heartRate, "\(context): heart rate")
        #expect(a.fastingGlucose?.value == b.fastingGlucose?.value, "\(context): fasting glucose")
        #expect(a.lifestyle.dailyCigarettes == b.lifestyle.dailyCigarettes, "\(context): cigarettes")
        #expect(a.lifestyle.dailyAlcohol?.value == b.lifestyle.dailyAlcohol?.value, "\(context): alcohol")
        #expect(a.lifestyle.exerciseTimesPerWeek == b.lifestyle.exerciseTimesPerWeek, "\(context): exercise")
        #expect(a.lifestyle.exerciseMinutesPerSession == b.lifestyle.exerciseMinutesPerSession, "\(context): minutes")
        #expect(a.lifestyle.saltIntake?.code == b.lifestyle.saltIntake?.code, "\(context): salt")
        #expect(a.lifestyle.stapleFoodGramsPerDay == b.lifestyle.stapleFoodGramsPerDay, "\(context): staple food")
        #expect(
            a.lifestyle.psychologicalAdjustment?.code == b.lifestyle.psychologicalAdjustment?.code,
            "\(context): psychological adjustment")
        #expect(a.lifestyle.compliance?.code == b.lifestyle.compliance?.code, "\(context): compliance")
        #expect(a.medicationAdherence?.code == b.medicationAdherence?.code, "\(context): adherence")
        #expect(a.hasAdverseReaction == b.hasAdverseReaction, "\(context): adverse reaction flag")
        #expect(a.adverseReactionText == b.adverseReactionText, "\(context): adverse reaction text")
        #expect(a.classification?.code == b.classification?.code, "\(context): classification")
        #expect(a.referralReason == b.referralReason, "\(context): referral reason")
        #expect(a.referralOrganization == b.referralOrganization, "\(context): referral organisation")
        #expect(a.nextDate == b.nextDate, "\(context): next visit")
        practitioner(a.doctor, b.doctor, context + ": doctor")
        resident(a.resident, b.resident, context)
        #expect(a.medications.count == b.medications.count, "\(context): medication count")
        for (x, y) in zip(a.medications, b.medications) { order(x, y, context + ": medication") }
    }
}

extension PrimaryCareFixtures {
    /// The county hospital's lab report sent back down with the referral (ORU^R01 in the samples).
    static var countyLabReport: LabReport {
        var report = LabReport(resident: resident)
        report.identifiers = [
            Identifier(
                kind: .other, value: "LIS20261121088", authority: "青山县人民医院",
                type: CodedValue(system: "HL70203", code: "FILL"))
        ]
        report.order = CodedValue(system: "L", code: "BIO-RF", display: "肾功能+血脂")
        report.reportedAt = Timestamp("20261121103000")
        report.results = [
            LabResult(
                code: CodedValue(system: "LN", code: "2160-0", display: "肌酐"),
                value: .quantity(Quantity(value: "78", unit: "umol/L"))),
            LabResult(
                code: CodedValue(system: "LN", code: "2093-3", display: "总胆固醇"),
                value: .quantity(Quantity(value: "5.9", unit: "mmol/L"))),
        ]
        return report
    }
}

/// Writes the files under `Samples/primary-care/` from the fixtures (run with HI_WRITE_PRIMARY_CARE_SAMPLES=1 after
/// a deliberate change; the sample tests then check the files against the fixtures).
@Suite("Primary-care sample writer")
struct ReferralSampleWriterTests {
    static let enabled = ProcessInfo.processInfo.environment["HI_WRITE_PRIMARY_CARE_SAMPLES"] == "1"

    @Test(.enabled(if: enabled, "set HI_WRITE_PRIMARY_CARE_SAMPLES=1 to rewrite Samples/primary-care"))
    func writeSamples() throws {
        let root = SampleFiles.samplesRoot.appendingPathComponent("primary-care")
        func write(_ folder: String, _ name: String, _ bytes: [UInt8]) throws {
            let directory = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        let up = PrimaryCareFixtures.upReferral
        let down = PrimaryCareFixtures.downReferral
        try write("referrals", "up-referral.hl7", try ReferralV2Codec().write(up))
        try write("referrals", "up-referral.xml", try ReferralCDACodec().write(up))
        try write("referrals", "up-referral.json", try ReferralFHIRCodec().write(up))
        try write(
            "referrals", "down-referral.hl7",
            try ReferralV2Codec().write(down, as: .response, acknowledging: "ZZ20261120007"))
        try write("referrals", "down-referral.xml", try ReferralCDACodec().write(down))
        try write("referrals", "down-referral.json", try ReferralFHIRCodec().write(down))
        var report = ConversionReport()
        try write(
            "results", "down-lab-report.hl7",
            try HL7v2ModelWriter().write(
                [.labReport(PrimaryCareFixtures.countyLabReport)], options: ConversionOptions(), report: &report))
        try write(
            "followups", "hypertension-followup.xml",
            try FollowUpCDACodec().write(PrimaryCareFixtures.hypertensionVisit))
        try write(
            "followups", "hypertension-followup.json",
            try FollowUpFHIRCodec().write(PrimaryCareFixtures.hypertensionVisit))
        try write("followups", "diabetes-followup.xml", try FollowUpCDACodec().write(PrimaryCareFixtures.diabetesVisit))
        try write(
            "followups", "diabetes-followup.json", try FollowUpFHIRCodec().write(PrimaryCareFixtures.diabetesVisit))
        try write(
            "prescriptions", "amlodipine-long-prescription.json",
            try PrescriptionFHIRCodec().write(LongTermPrescription(PrimaryCareFixtures.amlodipine)))
        try write(
            "prescriptions", "metformin-long-prescription.json",
            try PrescriptionFHIRCodec().write(LongTermPrescription(PrimaryCareFixtures.metformin)))
    }
}
