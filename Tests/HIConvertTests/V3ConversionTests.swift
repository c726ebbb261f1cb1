import Foundation
import HIConvert
import HICore
import HIModels
import HITestSupport
import HIV3
import Testing

/// HL7 V3 through the models: V3 ↔ HL7 v2, V3 ↔ FHIR, the CDA payload of a document registration, and V3 → models
/// → V3 for every interaction sample that carries a record.
struct V3ConversionTests {
    static let converter = RecordConverter.allFormats

    static func sample(_ path: String) throws -> [UInt8] {
        try SampleFile(name: path, url: SampleFiles.samplesRoot.appendingPathComponent(path)).bytes()
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func fhir(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func resources(_ bundle: [String: Any], _ type: String) -> [[String: Any]] {
        let entries = bundle["entry"] as? [[String: Any]] ?? []
        return entries.compactMap { $0["resource"] as? [String: Any] }.filter { $0["resourceType"] as? String == type }
    }

    /// The record kinds each sample reads into; `nil` for interactions that carry no record.
    static let expectedKinds: [String: [String]?] = [
        "PRPA_IN201311UV02-resident-registration.xml": ["resident"],
        "PRPA_IN201314UV02-resident-update.xml": ["resident"],
        "PRPA_IN201304UV02-resident-merge.xml": ["resident"],
        "PRPA_IN201305UV02-resident-query.xml": nil,
        "PRPA_IN201306UV02-resident-query-response.xml": ["resident"],
        "PRPM_IN401030UV01-organization-registration.xml": ["organization"],
        "PRPM_IN301010UV01-practitioner-registration.xml": ["practitioner"],
        "PRPA_IN400001UV-inpatient-admission.xml": ["encounter"],
        "PRPA_IN400002UV-encounter-update.xml": ["encounter"],
        "PRPA_IN400003UV-encounter-cancel.xml": ["encounter"],
        "POOR_IN200901UV-order-new.xml": ["labReport", "labReport", "medicationOrder"],
        "POOR_IN200902UV-order-update.xml": ["labReport", "labReport", "medicationOrder"],
        "POLB_IN224000UV01-lab-status.xml": ["labReport"],
        "MCCI_IN000002UV01-acknowledgement.xml": nil,
        "ProvideAndRegisterDocumentSetRequest-lab-report.xml": ["labReport"],
        "RetrieveDocumentSetRequest-lab-report.xml": nil,
        "JH0201-resident-registration-vendor.xml": ["resident"],
        "JH0206-lab-order-vendor.xml": ["labReport", "labReport", "medicationOrder"],
    ]

    static let samples: [SampleFile] =
        ((try? SampleFiles.list("v3/valid")) ?? []) + ((try? SampleFiles.list("v3/dialect")) ?? [])

    @Test func everySampleHasAnExpectation() {
        #expect(Self.samples.count == Self.expectedKinds.count)
        for sample in Self.samples { #expect(Self.expectedKinds[sample.name] != nil, "\(sample.name)") }
    }

    @Test(arguments: samples)
    func sampleReadsIntoRecords(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let expected = try #require(Self.expectedKinds[sample.name])
        guard let kinds = expected else {
            #expect(throws: ConversionError.self) { try V3ModelReader().read(bytes, options: ConversionOptions()) }
            do {
                _ = try V3ModelReader().read(bytes, options: ConversionOptions())
            } catch {
                #expect(error.code == .unsupportedRecord)
                #expect(error.issueCode.rawValue == "HI-CONV-0002")
            }
            return
        }
        let (records, report) = try V3ModelReader().read(bytes, options: ConversionOptions())
        #expect(records.map(\.kindName) == kinds)
        // No personal values in the report.
        let reportText = report.unmapped.map(\.description).joined() + report.issues.map(\.description).joined()
        #expect(!reportText.contains("11010519491231002X"))
        #expect(!reportText.contains("王淑芬"))
    }

    /// V3 → models → V3 → models gives the same models (provenance and unmapped fragments aside).
    @Test(arguments: samples)
    func modelsRoundTripThroughV3(_ sample: SampleFile) throws {
        guard case let kinds?? = Self.expectedKinds[sample.name], !kinds.isEmpty else { return }
        let (records, _) = try V3ModelReader().read(try sample.bytes(), options: ConversionOptions())
        var report = ConversionReport()
        let written = try V3ModelWriter().write(records, options: ConversionOptions(), report: &report)
        #expect(report.unmapped.isEmpty, "\(report.unmapped)")
        let message = try V3Message(parsing: written)
        // Private OID roots (the vendor dialect) are kept as the identifiers' authorities: still reported.
        #expect(message.issues.allSatisfy { $0.code.rawValue == "HI-V3-0105" }, "\(message.issues)")
        let (again, _) = try V3ModelReader().read(written, options: ConversionOptions())
        #expect(again.map(\.kindName) == records.map(\.kindName))
        #expect(Self.stripped(again) == Self.stripped(records))
        // Deterministic output.
        var second = ConversionReport()
        #expect(try V3ModelWriter().write(records, options: ConversionOptions(), report: &second) == written)
    }

    static func stripped(_ records: [ModelRecord]) -> [ModelRecord] {
        records.map { record in
            switch record {
            case .resident(var value):
                value.provenance = Provenance()
                value.unmappedFragments = []
                return .resident(value)
            case .encounter(var value):
                value.provenance = Provenance()
                value.unmappedFragments = []
                value.resident?.provenance = Provenance()
                value.resident?.unmappedFragments = []
                return .encounter(value)
            case .labReport(var value):
                value.provenance = Provenance()
                value.unmappedFragments = []
                value.resident?.provenance = Provenance()
                value.resident?.unmappedFragments = []
                value.encounter?.provenance = Provenance()
                value.encounter?.resident?.provenance = Provenance()
                value.encounter?.resident?.unmappedFragments = []
                return .labReport(value)
            case .medicationOrder(var value):
                value.provenance = Provenance()
                value.unmappedFragments = []
                value.resident?.provenance = Provenance()
                value.resident?.unmappedFragments = []
                return .medicationOrder(value)
            case .organization(var value):
                value.provenance = Provenance()
                value.unmappedFragments = []
                return .organization(value)
            case .practitioner(var value):
                value.provenance = Provenance()
                return .practitioner(value)
            default:
                return record
            }
        }
    }

    // MARK: V3 ↔ HL7 v2

    @Test func registrationToADTA28AndBack() throws {
        let source = try Self.sample("v3/valid/PRPA_IN201311UV02-resident-registration.xml")
        let v2 = try Self.converter.convert(source, from: .v3, to: .hl7v2)
        let er7 = Self.text(v2.output)
        #expect(er7.contains("ADT^A28^ADT_A05"))
        #expect(er7.contains("11010519491231002X^^^2.16.156.10011.1.3"))
        #expect(er7.contains("|王淑芬|"))
        #expect(er7.contains("|19491231|F|"))
        let back = try Self.converter.convert(v2.output, from: .hl7v2, to: .v3)
        let message = try V3Message(parsing: back.output)
        #expect(message.interaction == .patientRegistration)
        let resident = try V3PatientRegistry.resident(from: message)
        #expect(resident.residentIDNumber?.value == "11010519491231002X")
        #expect(resident.names.first?.text == "王淑芬")
        #expect(resident.sex?.code == "2")
    }

    @Test func adtA28AndA04SamplesBecomeRegistrations() throws {
        let a28 = try Self.converter.convert(Self.sample("v3/from-v2/adt-a28-resident.hl7"), from: .hl7v2, to: .v3)
        let registration = try V3Message(parsing: a28.output)
        #expect(registration.rootName == "PRPA_IN201311UV02")
        #expect(registration.id?.extension == "HIS0402000101")
        #expect(registration.creationTime == nil)  // the models hold no time: nullFlavor="UNK"
        #expect(registration.element.firstChild("creationTime")?.attribute("nullFlavor") == "UNK")
        #expect(registration.issues.isEmpty, "\(registration.issues)")
        let resident = try V3PatientRegistry.resident(from: registration)
        #expect(resident.residentIDNumber?.value == "110108196204153017")
        #expect(resident.names.first?.text == "李建华")

        let a04 = try Self.converter.convert(
            Self.sample("hl7v2/valid/adt-a04-registration.hl7"), from: .hl7v2, to: .v3)
        let visit = try V3Message(parsing: a04.output)
        #expect(visit.rootName == "PRPA_IN400001UV")
        #expect(visit.issues.isEmpty, "\(visit.issues)")
        let encounter = try V3EncounterMessages.encounter(from: visit)
        #expect(encounter.kind == .outpatient)
        #expect(encounter.resident?.residentIDNumber?.value == "350922201608032149")
        #expect(encounter.resident?.names.first?.text == "欧阳小雨")

        // ADT^A04 as the hospital platforms send it: the registration at the visit as 个人信息注册.
        let (records, _) = try HL7v2ModelReader().read(
            Self.sample("hl7v2/valid/adt-a04-registration.hl7"), options: ConversionOptions())
        var report = ConversionReport()
        let atVisit = try V3Message(
            parsing: V3ModelWriter(interaction: .patientRegistration).write(
                records, options: ConversionOptions(), report: &report))
        #expect(atVisit.rootName == "PRPA_IN201311UV02")
        #expect(atVisit.id?.extension == "HIS0310000458")
        let registered = try V3PatientRegistry.resident(from: atVisit)
        #expect(registered.residentIDNumber?.value == "350922201608032149")
        #expect(registered.names.first?.text == "欧阳小雨")
        #expect(report.unmapped.map(\.path) == ["record[1](encounter)"])
    }

    @Test func orderToOMLO21() throws {
        let source = try Self.sample("v3/valid/POOR_IN200901UV-order-new.xml")
        let result = try Self.converter.convert(source, from: .v3, to: .hl7v2)
        let er7 = Self.text(result.output)
        #expect(er7.contains("OML^O21^OML_O21"))
        #expect(er7.contains("|MSG-200901-0001|"))
        #expect(er7.contains("OBR|1|YZ0001^^2.16.156.10011.1.28^ISO||CBC^血常规"))
        #expect(er7.contains("OBR|2|YZ0002^^2.16.156.10011.1.28^ISO||GLU^空腹血糖"))
        #expect(er7.contains("SPM|1|TM240315001||BLD^全血"))
        #expect(er7.contains("11010519491231002X"))
        // One v2 order message holds no prescription: reported, not silent.
        #expect(result.report.unmapped.contains { $0.path.contains("medicationOrder") })
    }

    @Test func ormO01AndOMLO21BecomeOrderRequests() throws {
        let orm = try Self.converter.convert(
            Self.sample("v3/from-v2/orm-o01-lab-order.hl7"), from: .hl7v2, to: .v3)
        let message = try V3Message(parsing: orm.output)
        #expect(message.rootName == "POOR_IN200901UV")
        #expect(message.issues.isEmpty, "\(message.issues)")
        let order = try V3OrderMessages.order(from: message)
        #expect(order.labRequests.compactMap(\.order?.code) == ["CBC", "ALT"])
        #expect(order.resident?.residentIDNumber?.value == "310115198507264021")
        #expect(order.resident?.names.first?.text == "周雅琴")
        #expect(order.orderedBy?.name?.text == "孙立新")
        #expect(order.labRequests.first?.identifiers.first?.value == "ORD9001")
        #expect(Self.text(orm.output).contains("root=\"2.16.156.10011.1.28\" extension=\"ORD9001\""))

        let oml = try Self.converter.convert(Self.sample("hl7v2/valid/oml-o21-order.hl7"), from: .hl7v2, to: .v3)
        let omlOrder = try V3OrderMessages.order(from: V3Message(parsing: oml.output))
        #expect(omlOrder.labRequests.compactMap(\.order?.code) == ["CBC", "GLU"])
        #expect(omlOrder.labRequests.first?.specimen?.type?.code == "BLD")
        #expect(omlOrder.labRequests.first?.specimen?.identifiers.first?.value == "SPM20240315-0042")
        #expect(omlOrder.encounterIdentifiers.isEmpty || omlOrder.labRequests.first?.encounter != nil)
    }

    // MARK: V3 ↔ FHIR

    @Test func registrationToFHIRPatientAndBack() throws {
        let source = try Self.sample("v3/valid/PRPA_IN201311UV02-resident-registration.xml")
        let result = try Self.converter.convert(source, from: .v3, to: .fhir)
        let patient = try Self.fhir(result.output)
        #expect(patient["resourceType"] as? String == "Patient")
        let identifiers = patient["identifier"] as? [[String: Any]] ?? []
        #expect(identifiers.contains { $0["value"] as? String == "11010519491231002X" })
        #expect((patient["name"] as? [[String: Any]])?.first?["text"] as? String == "王淑芬")
        #expect(patient["gender"] as? String == "female")
        #expect(patient["birthDate"] as? String == "1949-12-31")

        let back = try Self.converter.convert(result.output, from: .fhir, to: .v3)
        let resident = try V3PatientRegistry.resident(from: V3Message(parsing: back.output))
        #expect(resident.residentIDNumber?.value == "11010519491231002X")
        #expect(resident.names.first?.text == "王淑芬")
        #expect(resident.birthDate == CalendarDate(year: 1949, month: 12, day: 31))
    }

    @Test func orderToFHIRServiceRequestsAndBack() throws {
        let source = try Self.sample("v3/valid/POOR_IN200901UV-order-new.xml")
        let result = try Self.converter.convert(source, from: .v3, to: .fhir)
        let bundle = try Self.fhir(result.output)
        #expect(bundle["resourceType"] as? String == "Bundle")
        let requests = Self.resources(bundle, "ServiceRequest")
        let codes = requests.compactMap {
            (($0["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"]
        }
        #expect(codes.compactMap { $0 as? String } == ["CBC", "GLU"])
        #expect(Self.resources(bundle, "Specimen").count == 2)
        #expect(Self.resources(bundle, "MedicationRequest").count == 1)
        #expect(Self.resources(bundle, "Patient").count == 1)

        // FHIR → V3: the Bundle lists Patient and Encounter first; the orders still decide the interaction.
        let back = try Self.converter.convert(result.output, from: .fhir, to: .v3)
        let message = try V3Message(parsing: back.output)
        #expect(message.rootName == "POOR_IN200901UV")
        #expect(message.creationTime?.count == 19)  // 20240315093000+0800: TS form, not ISO 8601
        let order = try V3OrderMessages.order(from: message)
        if order.labRequests.isEmpty {
            // The FHIR reader reads lab ServiceRequests only with their DiagnosticReport: reported, not silent.
            #expect(back.report.unmapped.contains { $0.path.contains("ServiceRequest") })
        } else {
            #expect(order.labRequests.compactMap(\.order?.code) == ["CBC", "GLU"])
            #expect(order.labRequests.compactMap(\.specimen?.type?.code) == ["BLD", "SER"])
        }
        #expect(order.medicationOrders.map(\.medication.code) == ["X-C08CA01"])
        #expect(order.resident?.residentIDNumber?.value == "11010519491231002X")
        #expect(!Self.text(back.output).contains("urn:oid:"))
    }

    @Test func labStatusToModelsAndFHIR() throws {
        let source = try Self.sample("v3/valid/POLB_IN224000UV01-lab-status.xml")
        let (records, _) = try V3ModelReader().read(source, options: ConversionOptions())
        guard case .labReport(let lab)? = records.first else {
            Testing.Issue.record("expected a lab report")
            return
        }
        #expect(lab.status?.code == "3")
        #expect(lab.order?.code == "CBC")
        #expect(lab.specimen?.type?.code == "BLD")
        #expect(lab.specimen?.identifiers.first?.value == "TM240315001")
        let fhir = try Self.converter.convert(source, from: .v3, to: .fhir)
        let bundle = try Self.fhir(fhir.output)
        #expect(Self.resources(bundle, "ServiceRequest").count == 1)
        #expect(Self.resources(bundle, "Specimen").count == 1)
        // Written back as a lab status, not as an order.
        var report = ConversionReport()
        let written = try V3ModelWriter().write(records, options: ConversionOptions(), report: &report)
        #expect(try V3Message(parsing: written).interaction == .labStatus)
    }

    @Test func encounterToFHIRAndADTA04() throws {
        let source = try Self.sample("v3/valid/PRPA_IN400001UV-inpatient-admission.xml")
        let fhir = try Self.converter.convert(source, from: .v3, to: .fhir)
        let bundle = try Self.fhir(fhir.output)
        let encounter = try #require(Self.resources(bundle, "Encounter").first)
        #expect((encounter["class"] as? [String: Any])?["code"] as? String == "IMP")
        #expect(Self.text(fhir.output).contains("ZY20240315007"))
        let v2 = try Self.converter.convert(source, from: .v3, to: .hl7v2)
        let er7 = Self.text(v2.output)
        #expect(er7.contains("ADT^A04^ADT_A01"))
        #expect(er7.contains("PV1|1|I|"))
        #expect(er7.contains("ZY20240315007"))
    }

    @Test func documentRegistrationCarriesTheLabReport() throws {
        let source = try Self.sample("v3/valid/ProvideAndRegisterDocumentSetRequest-lab-report.xml")
        let (records, report) = try V3ModelReader().read(source, options: ConversionOptions())
        guard case .labReport(let lab)? = records.first else {
            Testing.Issue.record("expected a lab report")
            return
        }
        #expect(!lab.results.isEmpty)
        #expect(lab.resident?.residentIDNumber != nil)
        #expect(report.unmapped.allSatisfy { $0.path.hasPrefix("/ProvideAndRegisterDocumentSetRequest/Document") })
        let fhir = try Self.converter.convert(source, from: .v3, to: .fhir)
        let bundle = try Self.fhir(fhir.output)
        #expect(Self.resources(bundle, "DiagnosticReport").count == 1)
        #expect(Self.resources(bundle, "Observation").count == lab.results.count)
        // Models with results go back as a document registration carrying a WS/T 500 lab report.
        var writeReport = ConversionReport()
        let written = try V3ModelWriter().write(records, options: ConversionOptions(), report: &writeReport)
        let message = try V3Message(parsing: written)
        #expect(message.interaction == .provideAndRegisterDocumentSet)
        let documents = try V3DocumentExchange.documents(from: message)
        #expect(documents.first?.document.template?.templateId == "2.16.156.10011.2.1.1.27")
    }

    // MARK: dialect and unmapped content

    @Test func vendorDialectIsReportedAndRead() throws {
        let registration = try Self.sample("v3/dialect/JH0201-resident-registration-vendor.xml")
        let (records, report) = try V3ModelReader().read(registration, options: ConversionOptions())
        let codes = Set(report.issues.map(\.code.rawValue))
        #expect(codes.isSuperset(of: ["HI-V3-0101", "HI-V3-0102", "HI-V3-0104", "HI-V3-0105"]))
        #expect(report.issues.allSatisfy { $0.severity == .warning })
        guard case .resident(let resident)? = records.first else {
            Testing.Issue.record("expected a resident")
            return
        }
        #expect(resident.residentIDNumber?.value == "11010519491231002X")
        #expect(resident.names.first?.text == "王淑芬")
        // Padded values and BAG_EN names are held by the models: not reported as unmapped.
        #expect(
            !report.unmapped.contains { $0.path.hasSuffix("/name/item/part") || $0.path.hasSuffix("patientPerson/id") })

        let order = try Self.sample("v3/dialect/JH0206-lab-order-vendor.xml")
        let (orderRecords, orderReport) = try V3ModelReader().read(order, options: ConversionOptions())
        #expect(orderReport.issues.contains { $0.code.rawValue == "HI-V3-0103" })
        guard case .labReport(let lab)? = orderRecords.first else {
            Testing.Issue.record("expected a lab request")
            return
        }
        #expect(lab.specimen?.type?.code == "BLD")
        // code2 has no place (the first coded vendor element is the type): reported with its path.
        #expect(orderReport.unmapped.contains { $0.path.hasSuffix("/specimen/specimen/code2") })
    }

    @Test func unknownElementsAreReportedAndStrictModeRejects() throws {
        let source = try Self.sample("v3/valid/PRPA_IN201311UV02-resident-registration.xml")
        let (records, report) = try V3ModelReader().read(source, options: ConversionOptions())
        let vendor = report.unmapped.filter { $0.path.hasSuffix("/patientPerson/zxVipLevel") }
        #expect(vendor.count == 1)
        #expect(records.first?.unmappedFragments.contains { $0.path.hasSuffix("zxVipLevel") } == true)
        var strict = ConversionOptions()
        strict.strict = true
        #expect(throws: ConversionError.self) {
            try Self.converter.convert(source, from: .v3, to: .fhir, options: strict)
        }
        var carry = ConversionOptions()
        carry.carryUnmapped = true
        let carried = try Self.converter.convert(source, from: .v3, to: .fhir, options: carry)
        #expect(Self.text(carried.output).contains(ConversionOptions.unmappedExtensionURL))
    }

    @Test func unreadableInputIsLocated() throws {
        for (bytes, code) in [
            (Array("<not-xml".utf8), ConversionError.Code.unreadableInput),
            (try Self.sample("v3/invalid/not-v3-clinical-document.xml"), .unreadableInput),
            (try Self.sample("v3/invalid/registration-without-patient.xml"), .missingData),
        ] {
            do {
                _ = try V3ModelReader().read(bytes, options: ConversionOptions())
                Testing.Issue.record("expected an error")
            } catch {
                #expect(error.code == code)
            }
        }
        var report = ConversionReport()
        #expect(throws: ConversionError.self) {
            try V3ModelWriter().write([], options: ConversionOptions(), report: &report)
        }
    }

    @Test func writerWritesUpdatesAndCancellations() throws {
        let (residents, _) = try V3ModelReader().read(
            Self.sample("v3/valid/PRPA_IN201311UV02-resident-registration.xml"), options: ConversionOptions())
        var writer = V3ModelWriter(receiver: "EMPI", interaction: .patientUpdate)
        var report = ConversionReport()
        let update = try V3Message(parsing: writer.write(residents, options: ConversionOptions(), report: &report))
        #expect(update.rootName == "PRPA_IN201314UV02")
        #expect(update.receiverID?.extension == "EMPI")
        #expect(update.senderID?.extension == ConversionOptions().sendingApplication)
        #expect(try V3PatientRegistry.resident(from: update).residentIDNumber?.value == "11010519491231002X")
        writer.interaction = .patientMerge  // needs the replaced ids: ignored
        #expect(
            try V3Message(parsing: writer.write(residents, options: ConversionOptions(), report: &report)).rootName
                == "PRPA_IN201311UV02")

        let (visits, _) = try V3ModelReader().read(
            Self.sample("v3/valid/PRPA_IN400001UV-inpatient-admission.xml"), options: ConversionOptions())
        writer.interaction = .encounterCancel
        let cancel = try V3Message(parsing: writer.write(visits, options: ConversionOptions(), report: &report))
        #expect(cancel.rootName == "PRPA_IN400003UV")
        #expect(V3EncounterMessages.status(from: cancel) == "cancelled")
        #expect(cancel.creationTime == "20240315100000" || cancel.creationTime?.hasPrefix("2024") == true)
        #expect(report.unmapped.isEmpty, "\(report.unmapped)")
    }

    /// Truncated and corrupted messages and deep vendor nesting never trap the reader: a result or a located error.
    @Test func damagedMessagesNeverTrap() throws {
        let sources = try [
            "v3/valid/PRPA_IN201311UV02-resident-registration.xml", "v3/valid/POOR_IN200901UV-order-new.xml",
            "v3/valid/ProvideAndRegisterDocumentSetRequest-lab-report.xml", "v3/dialect/JH0206-lab-order-vendor.xml",
        ].map(Self.sample)
        var outcomes = 0
        for bytes in sources {
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
                var damaged = Array(bytes[..<cut])
                if cut % 3 == 0, let index = damaged.indices.last { damaged[index / 2] = 0x3E }
                do {
                    _ = try V3ModelReader().read(damaged, options: ConversionOptions())
                } catch {
                    #expect(!error.reason.contains("11010519491231002X"))
                }
                outcomes += 1
            }
        }
        #expect(outcomes > 100)
        // Deep vendor nesting inside the patient: read, reported as unmapped, no recursion trap.
        let text = Self.text(try Self.sample("v3/valid/PRPA_IN201311UV02-resident-registration.xml"))
        let depth = 200
        let nested = String(repeating: "<zx>", count: depth) + "v" + String(repeating: "</zx>", count: depth)
        let deep = text.replacingOccurrences(of: "<zxVipLevel code=\"3\"/>", with: nested)
        #expect(deep != text)
        let (records, report) = try V3ModelReader().read(Array(deep.utf8), options: ConversionOptions())
        #expect(records.count == 1)
        #expect(report.unmapped.contains { $0.path.hasSuffix("/zx") })
    }

    @Test func formatNames() {
        #expect(RecordFormat(name: "v3") == .v3)
        #expect(RecordFormat(name: "HL7V3") == .v3)
        #expect(RecordConverter.allFormats.readers[.v3]?.format == .v3)
        #expect(RecordConverter.allFormats.writers[.v3]?.format == .v3)
    }

    // MARK: shared corpus

    @Test(.enabled(if: SharedCorpus.isPresent, "shared corpus absent"))
    func corpusLabReportInADocumentRegistration() throws {
        let bytes = [UInt8](try Data(contentsOf: SharedCorpus.url("cn/hl7v3-lis/jh0421-lab-report-cda.xml")))
        let request = try Self.converter.convert(bytes, from: .cda, to: .v3)
        let message = try V3Message(parsing: request.output)
        #expect(message.rootName == "ProvideAndRegisterDocumentSetRequest")
        let (records, _) = try V3ModelReader().read(request.output, options: ConversionOptions())
        let (direct, _) = try CDAModelReader().read(bytes, options: ConversionOptions())
        guard case .labReport(let lab)? = records.first, case .labReport(let original)? = direct.first else {
            Testing.Issue.record("expected lab reports")
            return
        }
        #expect(!lab.results.isEmpty)
        #expect(lab.results.map(\.code.code) == original.results.map(\.code.code))
        #expect(lab.resident?.identifiers.map(\.value) == original.resident?.identifiers.map(\.value))
        let fhir = try Self.converter.convert(request.output, from: .v3, to: .fhir)
        #expect(Self.resources(try Self.fhir(fhir.output), "Observation").count == lab.results.count)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "shared corpus absent"))
    func corpusAcknowledgementSkeletonCarriesNoRecord() throws {
        let bytes = [UInt8](
            try Data(contentsOf: SharedCorpus.url("cn/hl7v3-lis/ack-MCCI_IN000002UV01.template.xml")))
        do {
            _ = try V3ModelReader().read(bytes, options: ConversionOptions())
            Testing.Issue.record("an acknowledgement carries no record")
        } catch {
            #expect(error.code == .unsupportedRecord)
        }
    }
}
