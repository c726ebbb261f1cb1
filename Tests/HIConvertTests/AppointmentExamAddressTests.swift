import Foundation
import HICDA
import HIConvert
import HIFHIR
import HIHL7v2
import HIModels
import HITestSupport
import Testing

/// The records of one v2 sample file.
private func v2Records(_ name: String) throws -> [ModelRecord] {
    let bytes = try SampleFile(
        name: name, url: SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/" + name)
    ).bytes()
    return try HL7v2ModelReader().read(bytes, options: ConversionOptions()).records
}

/// FHIR → models → FHIR → models: the second and third models must be equal; the FHIR must validate.
private func fhirRoundTrip(_ records: [ModelRecord]) throws -> [ModelRecord] {
    var report = ConversionReport()
    let json = try FHIRModelWriter().write(records, options: ConversionOptions(), report: &report)
    let errors = try validationErrors(json)
    #expect(errors.isEmpty, "\(errors.prefix(3))")
    let second = try FHIRModelReader().read(json, options: ConversionOptions()).records
    let again = try FHIRModelWriter().write(second, options: ConversionOptions(), report: &report)
    let third = try FHIRModelReader().read(again, options: ConversionOptions()).records
    let difference = ModelComparison.difference(second, third)
    #expect(difference == nil, "\(difference ?? "")")
    return second
}

@Suite("SIU appointments")
struct AppointmentConversionTests {
    @Test("SIU^S12 → Appointment: SCH, TQ1, NTE, PID, PV1, AIS, AIG, AIL, AIP")
    func s12() throws {
        let records = try v2Records("siu-s12-appointment.hl7")
        guard case .appointment(let appointment) = records.first else {
            Issue.record("expected an appointment")
            return
        }
        #expect(appointment.status == .booked)
        #expect(appointment.statusCode?.code == "Booked")
        #expect(appointment.identifiers.map(\.value) == ["YY20240314017", "PACS88231"])
        #expect(appointment.identifiers.map { $0.type?.code } == ["PLAC", "FILL"])
        #expect(appointment.reason?.code == "FOLLOWUP")
        #expect(appointment.appointmentType?.code == "NORMAL")
        #expect(appointment.durationMinutes == 15)
        #expect(appointment.start?.text == "20240318093000+0800")
        #expect(appointment.end?.text == "20240318094500+0800")
        #expect(appointment.service?.code == "US0102")
        #expect(appointment.service?.display == "腹部彩超")
        #expect(appointment.notes == ["请空腹8小时以上；携带既往检查报告。"])
        #expect(appointment.resident?.residentIDNumber != nil)
        #expect(appointment.encounter?.department?.code == "超声科")
        #expect(appointment.participants.map(\.kind) == [.resource, .location, .practitioner])
        #expect(appointment.participants[0].code?.code == "GE-LOGIQ-E10")
        #expect(appointment.participants[0].role?.code == "EQP")
        #expect(appointment.participants[1].code?.code == "B超2室")
        #expect(appointment.participants[1].code?.display == "二楼超声科2号诊室")
        #expect(appointment.participants[2].practitioner?.name?.text == "刘晓燕")
        #expect(appointment.participants[2].role?.code == "TECH")
        #expect(appointment.unmappedFragments.isEmpty, "\(appointment.unmappedFragments.map(\.path))")
    }

    @Test("SIU^S15 → a cancelled appointment with its reason; written back as S15")
    func s15() throws {
        let records = try v2Records("siu-s15-cancellation.hl7")
        guard case .appointment(let appointment) = records.first else {
            Issue.record("expected an appointment")
            return
        }
        #expect(appointment.status == .cancelled)
        #expect(appointment.statusCode == nil)
        #expect(appointment.eventReason?.code == "PATCANCEL")
        var report = ConversionReport()
        let er7 = try HL7v2ModelWriter().write(records, options: ConversionOptions(), report: &report)
        let message = try HL7v2Message(parsing: er7)
        #expect(message.messageType == "SIU^S15^SIU_S12")
    }

    @Test(
        "Appointment → FHIR Appointment validates and reads back",
        arguments: ["siu-s12-appointment.hl7", "siu-s15-cancellation.hl7"])
    func toFHIR(_ name: String) throws {
        let records = try v2Records(name)
        let back = try fhirRoundTrip(records)
        guard case .appointment(let original) = records.first, case .appointment(let fhir) = back.first else {
            Issue.record("expected appointments")
            return
        }
        #expect(fhir.status == original.status)
        #expect(fhir.identifiers.map(\.value) == original.identifiers.map(\.value))
        #expect(fhir.service?.code == original.service?.code)
        #expect(fhir.reason?.code == original.reason?.code)
        #expect(fhir.eventReason?.code == original.eventReason?.code)
        #expect(fhir.start?.text.hasPrefix("2024-03-18T09:30:00") == true)
        #expect(fhir.durationMinutes == original.durationMinutes)
        #expect(fhir.notes == original.notes)
        #expect(fhir.participants.map(\.kind) == original.participants.map(\.kind))
        #expect(fhir.participants.map { $0.code?.code } == original.participants.map { $0.code?.code })
        #expect(
            fhir.resident?.identifier(.residentIDCard)?.value == original.resident?.identifier(.residentIDCard)?.value)
    }
}

@Suite("Exam reports (检查报告)")
struct ExamReportConversionTests {
    @Test("ORU^R01 with OBR-24 US → ExamReport: findings, impression, measures, images, body of the order")
    func fromV2() throws {
        let records = try v2Records("oru-r01-exam-ultrasound.hl7")
        guard case .examReport(let exam) = records.first else {
            Issue.record("expected an exam report")
            return
        }
        #expect(exam.category == CodedValue(system: "hl7-0074", code: "US"))
        #expect(exam.kind?.code == "US0201")
        #expect(exam.findings == "甲状腺形态大小正常，包膜完整。\n右叶中部见一低回声结节，边界清，形态规则，内见点状强回声。")
        #expect(exam.impression == "甲状腺右叶结节（TI-RADS 3类）。")
        #expect(exam.results.count == 1)
        #expect(exam.results.first?.code.code == "44971-0")
        #expect(exam.imageReferences == ["1.2.840.113619.2.55.3.604688119.868.1710901200.123"])
        #expect(exam.performedAt?.text == "20240320102000")
        #expect(exam.reportedAt?.text == "20240320113000")
        #expect(exam.reviewer?.name?.text == "周敏")
        #expect(exam.performer?.name?.text == "吴静")
        #expect(exam.orderedBy?.name?.text == "黄文")
        #expect(exam.notes == ["建议3个月后复查。"])
        #expect(exam.status?.code == "F")
        #expect(exam.encounter?.department?.code == "超声科")
    }

    @Test("A lab ORU (OBR-24 HM) stays a lab report")
    func labStaysLab() throws {
        let records = try v2Records("oru-r01-lab.hl7")
        guard case .labReport = records.first else {
            Issue.record("expected a lab report")
            return
        }
    }

    @Test("ExamReport → FHIR DiagnosticReport (imaging) → ExamReport")
    func toFHIR() throws {
        let records = try v2Records("oru-r01-exam-ultrasound.hl7")
        let back = try fhirRoundTrip(records)
        guard case .examReport(let original) = records.first, case .examReport(let fhir) = back.first else {
            Issue.record("expected exam reports")
            return
        }
        #expect(fhir.category?.code == "US")
        #expect(fhir.kind?.code == original.kind?.code)
        #expect(fhir.findings == original.findings)
        #expect(fhir.impression == original.impression)
        #expect(fhir.imageReferences == original.imageReferences)
        #expect(fhir.results.map(\.code.code) == original.results.map(\.code.code))
        #expect(fhir.notes == original.notes)
        #expect(fhir.reviewer?.name == original.reviewer?.name)
        #expect(fhir.orderedBy?.name == original.orderedBy?.name)
    }

    @Test("ExamReport → WS/T 500.26 keeps the exam item, findings and impression")
    func toCDA() throws {
        let records = try v2Records("oru-r01-exam-ultrasound.hl7")
        let result = try RecordConverter.allFormats.convert(
            try SampleFile(
                name: "exam",
                url: SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/oru-r01-exam-ultrasound.hl7")
            ).bytes(), from: .hl7v2, to: .cda)
        let back = try CDAModelReader().read(result.output, options: ConversionOptions()).records
        guard case .examReport(let original) = records.first, case .examReport(let cda) = back.first else {
            Issue.record("expected exam reports")
            return
        }
        #expect(cda.kind?.code == original.kind?.code)
        #expect(cda.findings == original.findings)
        #expect(cda.impression == original.impression)
        if let schema = CDAInputs.schema {
            let issues = schema.validate(result.output)
            #expect(issues.isEmpty, "\(issues.prefix(3).map(\.message))")
        }
    }
}

@Suite("Addresses across formats")
struct AddressConversionTests {
    static let full = Address(
        use: .home, regionCode: "420106", province: "湖北省", city: "武汉市", county: "武昌区", township: "中南路街道",
        streetName: "示例路", houseNumber: "1号", lines: ["3栋2单元"], country: "CHN", postalCode: "430071")

    static func resident(_ address: Address) -> Resident {
        var resident = Resident(name: PersonName(text: "王建国"))
        resident.identifiers = [Identifier(kind: .residentIDCard, value: "420106196503082132")]
        resident.birthDate = CalendarDate("19650308")
        resident.addresses = [address]
        return resident
    }

    @Test("v2 XAD → the named parts (XAD-1.2/1.3, -2 township, -3 city, -4 province, -8 county, -9 code)")
    func fromXAD() throws {
        let records = try v2Records("siu-s12-appointment.hl7")
        let address = try #require(records.first?.resident?.addresses.first)
        #expect(address.streetName == "示例路")
        #expect(address.houseNumber == "1号")
        #expect(address.township == "中南路街道")
        #expect(address.city == "武汉市")
        #expect(address.province == "湖北省")
        #expect(address.postalCode == "430071")
        #expect(address.country == "CHN")
        #expect(address.county == "武昌区")
        #expect(address.regionCode == "420106")
        #expect(address.use == .home)
        #expect(address.lines.isEmpty)
        #expect(address.text == nil)
    }

    @Test("Every part survives v2, FHIR and CDA field by field")
    func everyFormat() throws {
        let resident = Self.resident(Self.full)
        var report = ConversionReport()
        // v2: one line fits XAD-1.1.
        let er7 = try HL7v2ModelWriter().write([.resident(resident)], options: ConversionOptions(), report: &report)
        let v2 = try #require(try HL7v2ModelReader().read(er7, options: ConversionOptions()).records.first?.resident)
        #expect(v2.addresses == [Self.full])
        // FHIR: named parts below the county carry ADXP extensions in `_line`.
        let json = try FHIRModelWriter().write([.resident(resident)], options: ConversionOptions(), report: &report)
        #expect(try validationErrors(json).isEmpty)
        let fhir = try #require(try FHIRModelReader().read(json, options: ConversionOptions()).records.first?.resident)
        #expect(fhir.addresses.first?.province == "湖北省")
        #expect(fhir.addresses.first?.county == "武昌区")
        #expect(fhir.addresses.first?.township == "中南路街道")
        #expect(fhir.addresses.first?.streetName == "示例路")
        #expect(fhir.addresses.first?.houseNumber == "1号")
        #expect(fhir.addresses.first?.lines == ["3栋2单元"])
        #expect(fhir.addresses.first?.postalCode == "430071")
        #expect(fhir.addresses.first?.country == "CHN")
        #expect(fhir.addresses.first?.regionCode == "420106")
        // CDA: state, city, county, township, streetName, houseNumber, postalCode, country, streetAddressLine.
        let cda = try CDAModelWriter().write([.resident(resident)], options: ConversionOptions(), report: &report)
        let fromCDA = try #require(try CDAModelReader().read(cda, options: ConversionOptions()).records.first?.resident)
        var expected = Self.full
        expected.regionCode = nil  // CDA addr has no place for the GB/T 2260 code
        #expect(fromCDA.addresses.first?.parts == expected.parts)
        #expect(fromCDA.addresses.first?.postalCode == "430071")
        #expect(fromCDA.addresses.first?.country == "CHN")
        if let schema = CDAInputs.schema {
            #expect(schema.validate(cda).isEmpty)
        }
    }

    @Test("A free-text-only address stays text in every format")
    func textOnly() throws {
        let address = Address(use: .home, text: "湖北省武汉市武昌区中南路街道示例路1号")
        let resident = Self.resident(address)
        var report = ConversionReport()
        let er7 = try HL7v2ModelWriter().write([.resident(resident)], options: ConversionOptions(), report: &report)
        let v2 = try HL7v2ModelReader().read(er7, options: ConversionOptions()).records.first?.resident
        #expect(v2?.addresses == [address])
        let json = try FHIRModelWriter().write([.resident(resident)], options: ConversionOptions(), report: &report)
        let fhir = try FHIRModelReader().read(json, options: ConversionOptions()).records.first?.resident
        #expect(fhir?.addresses == [address])
    }

    @Test("The legacy parts view maps onto the named parts and back")
    func partsView() {
        var address = Address()
        address.parts = ["北京市", "北京市", "朝阳区", "示例街道1号"]
        #expect(address.province == "北京市")
        #expect(address.county == "朝阳区")
        #expect(address.township == "示例街道1号")
        #expect(address.parts == ["北京市", "北京市", "朝阳区", "示例街道1号"])
        #expect(Self.full.parts.count == 7)
    }
}

@Suite("RecordConverter with parsed messages")
struct ParsedMessageConversionTests {
    @Test("convert(message) equals convert(bytes)", arguments: HL7v2RoundTripTests.samples)
    func sameOutput(_ file: SampleFile) throws {
        for message in messages(in: try file.bytes()) {
            let fromBytes = try? RecordConverter().convert(message.serializedBytes(), from: .hl7v2, to: .fhir)
            let fromMessage = try? RecordConverter().convert(message, to: .fhir)
            #expect(fromBytes?.output == fromMessage?.output, "\(file.name)")
            #expect(fromBytes?.records == fromMessage?.records, "\(file.name)")
        }
    }
}

@Suite("Hostile SIU and exam input")
struct HostileAppointmentExamTests {
    @Test(
        "Truncated and delimiter-mangled SIU and exam messages read or throw, never trap",
        arguments: ["siu-s12-appointment.hl7", "siu-s15-cancellation.hl7", "oru-r01-exam-ultrasound.hl7"])
    func mangled(_ name: String) throws {
        let bytes = try SampleFile(
            name: name, url: SampleFiles.samplesRoot.appendingPathComponent("hl7v2/valid/" + name)
        ).bytes()
        var inputs: [[UInt8]] = []
        for end in stride(from: 9, to: bytes.count, by: 7) { inputs.append(Array(bytes[..<end])) }
        let delimiters: [UInt8] = Array("|^~&\\\r".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200 {
            var copy = bytes
            for _ in 0..<4 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let position = 9 + Int((state >> 33) % UInt64(max(1, copy.count - 9)))
                copy[position] = delimiters[Int((state >> 20) % UInt64(delimiters.count))]
            }
            inputs.append(copy)
        }
        var read = 0
        for input in inputs {
            guard let (records, _) = try? HL7v2ModelReader().read(input, options: ConversionOptions()) else {
                continue
            }
            read += 1
            var report = ConversionReport()
            _ = try? HL7v2ModelWriter().write(records, options: ConversionOptions(), report: &report)
            _ = try? FHIRModelWriter().write(records, options: ConversionOptions(), report: &report)
        }
        #expect(read > 0)
    }
}
