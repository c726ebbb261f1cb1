import Foundation
import HICDA
import HIConvert
import HIHL7v2
import HIModels
import HITestSupport
import HIXML
import Testing

/// One golden: a sample converted to CDA, kept under `Samples/converted/cda/`.
struct CDAGoldenCase: Sendable, CustomStringConvertible {
    var source: String
    var format: RecordFormat
    var description: String { source }

    /// `Samples/converted/cda/<file name without extension>-1.xml`, the name `hix convert --to cda` gives the
    /// first (here: only) record of the file.
    var goldenURL: URL {
        let file = (source as NSString).lastPathComponent
        let name = (file as NSString).deletingPathExtension + "-1.xml"
        return SampleFiles.samplesRoot.appendingPathComponent("converted/cda").appendingPathComponent(name)
    }

    static let all: [CDAGoldenCase] = {
        var cases: [CDAGoldenCase] = [
            CDAGoldenCase(source: "hl7v2/valid/oru-r01-lab.hl7", format: .hl7v2),
            CDAGoldenCase(source: "hl7v2/valid/oru-r01-gb18030.hl7", format: .hl7v2),
            CDAGoldenCase(source: "hl7v2/valid/ref-i12-referral.hl7", format: .hl7v2),
            CDAGoldenCase(source: "hl7v2/valid/adt-a04-registration.hl7", format: .hl7v2),
            CDAGoldenCase(source: "fhir/valid/diagnosticreport-lab.json", format: .fhir),
            CDAGoldenCase(source: "fhir/valid/patient-zhangsan.json", format: .fhir),
            CDAGoldenCase(source: "fhir/valid/encounter-outpatient.json", format: .fhir),
            CDAGoldenCase(source: "fhir/valid/bundle-document.json", format: .fhir),
        ]
        cases += CDAInputs.samples.map { CDAGoldenCase(source: "cda/" + $0.name, format: .cda) }
        // Referrals and follow-ups are converted by HIPrimaryCare's codecs (`RecordConverter.withPrimaryCare`,
        // which `hix convert` uses); their goldens are checked in HIPrimaryCareTests.
        return cases.filter { !Self.primaryCare.contains($0.source) }
    }()

    /// Sources whose golden comes from the primary-care codecs.
    static let primaryCare: Set<String> = [
        "hl7v2/valid/ref-i12-referral.hl7", "cda/wst483-12-hypertension-followup.xml",
        "cda/wst483-13-diabetes-followup.xml", "cda/wst483-20-referral.xml",
    ]

    func bytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: SampleFiles.samplesRoot.appendingPathComponent(source)))
    }
}

@Suite("Any-to-any through the models with CDA")
struct CDAAnyToAnyTests {
    static let converter = RecordConverter.allFormats

    @Test("v2 ORU^R01 → WS/T 500 检验报告 has the v2 message's results (code, value, unit, range, flag)")
    func oruToLabReport() throws {
        let bytes = try CDAGoldenCase(source: "hl7v2/valid/oru-r01-lab.hl7", format: .hl7v2).bytes()
        let (v2Records, _) = try HL7v2ModelReader().read(bytes, options: ConversionOptions())
        let result = try Self.converter.convert(bytes, from: .hl7v2, to: .cda)
        let document = try ClinicalDocument(parsing: result.output)
        #expect(document.templateIds.contains { $0.root == WSLabReport.templateId })
        let (cdaRecords, _) = try CDAModelReader().read(result.output, options: ConversionOptions())
        guard case .labReport(let v2) = v2Records.first, case .labReport(let cda) = cdaRecords.first else {
            Issue.record("expected lab reports on both sides")
            return
        }
        #expect(v2.results.count == 12)
        #expect(cda.results.count == v2.results.count)
        for (a, b) in zip(v2.results, cda.results) {
            #expect(a.code.code == b.code.code)
            #expect(a.code.display == b.code.display)
            #expect(a.value == b.value || a.value.map(Self.text) == b.value.map(Self.text), "\(a.code.code)")
            #expect(a.referenceRange?.low == b.referenceRange?.low)
            #expect(a.referenceRange?.high == b.referenceRange?.high)
            #expect(a.abnormalFlag?.code == b.abnormalFlag?.code, "\(a.code.code)")
            #expect(a.observedAt == b.observedAt)
        }
        let units = cda.results.compactMap { result -> String? in
            if case .quantity(let quantity) = result.value { return quantity.unit }
            return nil
        }
        #expect(units.prefix(3) == ["10*9/L", "10*12/L", "g/L"])
        // Sex went through the crosswalk: HL7 table 0001 M → GB/T 2261.1 1.
        #expect(document.patient?.administrativeGender?.code == "1")
        #expect(document.patient?.administrativeGender?.codeSystem == "2.16.156.10011.2.3.3.4")
        #expect(cda.resident?.identifier(.residentIDCard)?.value == v2.resident?.identifier(.residentIDCard)?.value)
        #expect(cda.resident?.names.first?.text == v2.resident?.names.first?.text)
        #expect(cda.resident?.birthDate == v2.resident?.birthDate)
    }

    @Test("v2 ORU^R01 → 检验报告: each OBX's code, value, unit, range and flag are in the document (read by HICDA)")
    func oruResultsAgainstTheMessage() throws {
        let bytes = try CDAGoldenCase(source: "hl7v2/valid/oru-r01-lab.hl7", format: .hl7v2).bytes()
        let message = try HL7v2Message(parsing: bytes)
        let result = try Self.converter.convert(bytes, from: .hl7v2, to: .cda)
        let view = try WSLabReport(document: try ClinicalDocument(parsing: result.output))
        let count = message.segments(withID: "OBX").count
        #expect(count == 12)
        #expect(view.results.count == count)
        for (index, cda) in view.results.enumerated() {
            let obx = "OBX[\(index + 1)]"
            #expect(cda.item?.code == message.value(at: obx + "-3.1"))
            #expect(cda.item?.displayName == message.value(at: obx + "-3.2"))
            let flag = message.value(at: obx + "-8").flatMap { $0.isEmpty ? nil : $0 }
            #expect(cda.interpretation?.code == flag, "\(obx)-8")
            guard message.value(at: obx + "-2") == "NM", let value = message.value(at: obx + "-5") else { continue }
            if value.hasPrefix("<") || value.hasPrefix(">") {
                guard case .quantityRange(let range) = cda.value else {
                    Issue.record("\(obx): a comparator value is written as a one-sided interval")
                    continue
                }
                #expect((range.high ?? range.low)?.value == String(value.dropFirst()))
            } else {
                #expect(cda.valueText == value, "\(obx)-5")
                #expect(cda.unit == message.value(at: obx + "-6.1"), "\(obx)-6")
            }
            if let range = message.value(at: obx + "-7"), let dash = range.firstIndex(of: "-") {
                #expect(cda.referenceRange?.low?.value == String(range[..<dash]), "\(obx)-7")
                #expect(cda.referenceRange?.high?.value == String(range[range.index(after: dash)...]), "\(obx)-7")
            }
        }
    }

    static func text(_ value: ResultValue) -> String {
        switch value {
        case .quantity(let quantity): (quantity.comparator ?? "") + quantity.value + " " + (quantity.unit ?? "")
        case .coded(let coded): coded.code
        case .text(let text): text
        }
    }

    @Test("REF^I12 → WS/T 483 转诊（院）记录")
    func referralToCDA() throws {
        let bytes = try CDAGoldenCase(source: "hl7v2/valid/ref-i12-referral.hl7", format: .hl7v2).bytes()
        let (v2Records, _) = try HL7v2ModelReader().read(bytes, options: ConversionOptions())
        let result = try Self.converter.convert(bytes, from: .hl7v2, to: .cda)
        let document = try ClinicalDocument(parsing: result.output)
        #expect(document.templateIds.contains { $0.root == WSReferralRecord.templateId })
        let view = try WSReferralRecord(document: document)
        guard case .referral(let v2) = v2Records.first(where: { $0.kindName == "referral" }) else {
            Issue.record("the v2 reader gave no referral")
            return
        }
        #expect(view.reason == v2.reason)
        #expect(view.diagnosisCode?.code == v2.diagnoses.first?.code.code)
        #expect(view.receivingOrganization == v2.toOrganization?.name)
        #expect(view.header.patientName == v2.resident?.names.first?.text)
        #expect(view.header.residentID == v2.resident?.identifier(.residentIDCard)?.value)
    }

    @Test("CDA → FHIR → CDA keeps the resident and the results", arguments: CDAInputs.samples)
    func cdaToFHIRAndBack(file: SampleFile) throws {
        let bytes = try file.bytes()
        let fhir = try Self.converter.convert(bytes, from: .cda, to: .fhir)
        #expect(!fhir.output.isEmpty)
        let errors = try validationErrors(fhir.output)
        #expect(errors.isEmpty, "\(file.name): \(errors.prefix(3))")
        let (fromFHIR, _) = try FHIRModelReader().read(fhir.output, options: ConversionOptions())
        let original = fhir.records[0]
        let resident = fromFHIR.compactMap(\.resident).first
        #expect(resident?.names.first?.text == original.resident?.names.first?.text)
        #expect(resident?.birthDate == original.resident?.birthDate)
        #expect(resident?.identifier(.residentIDCard)?.value == original.resident?.identifier(.residentIDCard)?.value)
        if case .labReport(let lab) = original {
            let back = fromFHIR.compactMap { record -> LabReport? in
                if case .labReport(let value) = record { return value }
                return nil
            }.first
            #expect(back?.results.map(\.code.code) == lab.results.map(\.code.code))
        }
        if case .examReport(let exam) = original {
            // WS/T 500.26 → DiagnosticReport (imaging): the exam item, findings and impression come back.
            let back = fromFHIR.compactMap { record -> ExamReport? in
                if case .examReport(let value) = record { return value }
                return nil
            }.first
            #expect(back?.kind?.code == exam.kind?.code)
            #expect(back?.findings == exam.findings)
            #expect(back?.impression == exam.impression)
        }
        if case .followUp(let followUp) = original {
            // WS/T 483.12/.13 → Encounter + Observations: the measured values are in the Observations.
            let values = fromFHIR.flatMap { record -> [LabResult] in
                if case .labReport(let value) = record { return value.results }
                return []
            }
            func value(_ code: String) -> String? {
                guard case .quantity(let quantity)? = values.first(where: { $0.code.code == code })?.value else {
                    return nil
                }
                return quantity.value
            }
            #expect(value("8480-6") == followUp.systolic.map(String.init))
            #expect(value("8462-4") == followUp.diastolic.map(String.init))
            #expect(value("1558-6") == followUp.fastingGlucose?.value)
        }
    }

    @Test(
        "Every CDA document written from v2, FHIR or CDA input validates against SDA.xsd", arguments: CDAGoldenCase.all)
    func generatedDocumentsValidate(input: CDAGoldenCase) throws {
        let schema = try #require(CDAInputs.schema, "SDA.xsd not loaded")
        for carry in [false, true] {
            var options = ConversionOptions()
            options.carryUnmapped = carry
            let result = try Self.converter.convert(try input.bytes(), from: input.format, to: .cda, options: options)
            let issues = schema.validate(result.output)
            #expect(issues.isEmpty, "\(issues.prefix(3).map(\.message))")
        }
    }

    @Test("Every CDA golden in Samples/converted/cda validates against SDA.xsd", .enabled(if: SharedCorpus.isPresent))
    func goldensValidate() throws {
        let schema = try #require(CDAInputs.schema, "SDA.xsd not loaded")
        let files = try SampleFiles.list("converted/cda", extensions: ["xml"])
        #expect(files.count >= CDAGoldenCase.all.count)
        for file in files {
            let issues = schema.validate(try file.bytes())
            #expect(issues.isEmpty, "\(file.name): \(issues.prefix(3).map(\.message))")
        }
    }

    @Test("Goldens in Samples/converted/cda are reproduced byte for byte", arguments: CDAGoldenCase.all)
    func goldens(input: CDAGoldenCase) throws {
        let result = try Self.converter.convert(try input.bytes(), from: input.format, to: .cda)
        let url = input.goldenURL
        if ProcessInfo.processInfo.environment["HI_WRITE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(result.output).write(to: url)
        }
        let golden = try [UInt8](Data(contentsOf: url))
        let same = golden == result.output
        #expect(same, "\(input.source) differs from its golden \(url.lastPathComponent) (HI_WRITE_GOLDENS=1 rewrites)")
        // Deterministic: a second run gives the same bytes.
        let again = try Self.converter.convert(try input.bytes(), from: input.format, to: .cda)
        #expect(again.output == result.output)
    }

    @Test("carryUnmapped keeps unmapped source content as entries; strict turns it into an error")
    func carryAndStrict() throws {
        let bytes = try CDAGoldenCase(source: "cda/wst500-27-lab-report.xml", format: .cda).bytes()
        var options = ConversionOptions()
        options.carryUnmapped = true
        let carried = try Self.converter.convert(bytes, from: .cda, to: .cda, options: options)
        let document = try ClinicalDocument(parsing: carried.output)
        let section = document.sections.first { $0.title == CDAModelWriter.carriedSectionTitle }
        #expect(section != nil)
        #expect(section?.entries.count == carried.report.unmapped.count)
        #expect(!carried.report.unmapped.isEmpty)
        // Reasons and paths never carry values.
        for item in carried.report.unmapped {
            #expect(item.path.hasPrefix("/ClinicalDocument"))
            #expect(!item.reason.contains("330521198506123019"))
        }
        options = ConversionOptions()
        options.strict = true
        #expect(throws: ConversionError(.unmappedContent, "")) {
            _ = try Self.converter.convert(bytes, from: .cda, to: .cda, options: options)
        }
    }

    @Test("Documents without a modelled template are refused with a located error")
    func unsupportedTemplate() throws {
        let xml = """
            <ClinicalDocument xmlns="urn:hl7-org:v3"><realmCode code="CN"/>\
            <templateId root="2.16.156.10011.2.1.1.99"/></ClinicalDocument>
            """
        #expect(throws: ConversionError(.unsupportedRecord, "")) {
            _ = try CDAModelReader().read(Array(xml.utf8), options: ConversionOptions())
        }
        #expect(throws: ConversionError(.unreadableInput, "")) {
            _ = try CDAModelReader().read(Array("<ClinicalDocument".utf8), options: ConversionOptions())
        }
    }
}
