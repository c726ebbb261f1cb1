import Foundation
import HICDA
import HIConvert
import HIModels
import HITestSupport
import HIXML
import Testing

/// The CDA documents the round trips run over: every typed sample, and the Chinese corpus documents the
/// library models (empty when the corpus is absent).
enum CDAInputs {
    static let samples: [SampleFile] =
        (try? SampleFiles.list("cda", extensions: ["xml"]))?.filter {
            !$0.name.hasPrefix("invalid/")
        } ?? []

    static let corpus: [SampleFile] = {
        guard SharedCorpus.isPresent else { return [] }
        let names = [
            "cn/cda-wst483/wst483-01-personal-basic-health-info.xml",
            "cn/cda-wst483/wst483-16-adult-health-checkup.xml",
            "cn/hl7v3-lis/jh0421-lab-report-cda.xml",
        ]
        return names.map { SampleFile(name: $0, url: SharedCorpus.url($0)) }
    }()

    static let all = samples + corpus

    static let schema: XMLSchema? = {
        guard SharedCorpus.isPresent else { return nil }
        return try? XMLSchema(contentsOf: SharedCorpus.url("cn/schemas/sdschemas/SDA.xsd").path)
    }()
}

/// The modelled values of a record: provenance and unmapped fragments (bookkeeping, not clinical values) cleared.
func modelledValues(_ record: ModelRecord) -> ModelRecord {
    func clean(_ resident: Resident?) -> Resident? {
        guard var resident else { return nil }
        resident.provenance = Provenance()
        resident.unmappedFragments = []
        return resident
    }
    switch record {
    case .resident(var value):
        value.provenance = Provenance()
        value.unmappedFragments = []
        return .resident(value)
    case .encounter(var value):
        value.provenance = Provenance()
        value.unmappedFragments = []
        value.resident = clean(value.resident)
        return .encounter(value)
    case .labReport(var value):
        value.provenance = Provenance()
        value.unmappedFragments = []
        value.resident = clean(value.resident)
        return .labReport(value)
    case .examReport(var value):
        value.provenance = Provenance()
        value.unmappedFragments = []
        value.resident = clean(value.resident)
        return .examReport(value)
    case .referral(var value):
        value.provenance = Provenance()
        value.unmappedFragments = []
        value.resident = clean(value.resident)
        return .referral(value)
    case .medicationOrder(var value):
        value.unmappedFragments = []
        return .medicationOrder(value)
    case .followUp(var value):
        value.provenance = Provenance()
        value.unmappedFragments = []
        value.resident = clean(value.resident)
        return .followUp(value)
    case .practitioner, .organization, .appointment:
        return record
    }
}

@Suite("CDA ↔ models")
struct CDARoundTripTests {
    @Test("CDA → models → CDA → models keeps every modelled value", arguments: CDAInputs.all)
    func roundTrip(file: SampleFile) throws {
        let bytes = try file.bytes()
        let (first, _) = try CDAModelReader().read(bytes, options: ConversionOptions())
        var report = ConversionReport()
        let written = try CDAModelWriter().write(first, options: ConversionOptions(), report: &report)
        let (second, _) = try CDAModelReader().read(written, options: ConversionOptions())
        #expect(first.count == 1)
        #expect(second.count == first.count)
        for (a, b) in zip(first, second) {
            #expect(modelledValues(a) == modelledValues(b))
            #expect(a.resident?.names == b.resident?.names)
            #expect(a.resident?.identifiers == b.resident?.identifiers)
            #expect(a.resident?.sex == b.resident?.sex)
            #expect(a.resident?.birthDate == b.resident?.birthDate)
        }
        // The second pass reproduces everything the first one held.
        var again = ConversionReport()
        let rewritten = try CDAModelWriter().write(second, options: ConversionOptions(), report: &again)
        #expect(rewritten == written)
    }

    @Test(
        "The documents the writer produces validate against SDA.xsd", .enabled(if: SharedCorpus.isPresent),
        arguments: CDAInputs.all)
    func writtenDocumentsValidate(file: SampleFile) throws {
        let schema = try #require(CDAInputs.schema, "SDA.xsd not loaded")
        let (records, _) = try CDAModelReader().read(try file.bytes(), options: ConversionOptions())
        for carry in [false, true] {
            var options = ConversionOptions()
            options.carryUnmapped = carry
            var report = ConversionReport()
            let written = try CDAModelWriter().write(records, options: options, report: &report)
            let issues = schema.validate(written)
            #expect(issues.isEmpty, "\(issues.prefix(3).map(\.message))")
        }
    }

    @Test("The Chinese corpus documents the library models are present", .enabled(if: SharedCorpus.isPresent))
    func corpusPresent() {
        #expect(CDAInputs.corpus.count == 3)
        #expect(CDAInputs.schema != nil)
    }
}

@Suite("CDA reading details")
struct CDAReadingTests {
    @Test("The corpus lab report keeps its patient ID (wrong check digit and all) under its own root")
    func corpusPatientIDKept() throws {
        guard let file = CDAInputs.corpus.first(where: { $0.name.hasSuffix("jh0421-lab-report-cda.xml") }) else {
            return
        }
        let (records, _) = try CDAModelReader().read(try file.bytes(), options: ConversionOptions())
        let id = try #require(records.first?.resident?.identifier(.residentIDCard))
        #expect(id.value == "420106201101011919")
        #expect(id.authority == "1.2.156.112636.1.1.2.2.1.8")
        var report = ConversionReport()
        let written = try CDAModelWriter().write(records, options: ConversionOptions(), report: &report)
        let document = try ClinicalDocument(parsing: written)
        #expect(document.patient?.id == II(root: "1.2.156.112636.1.1.2.2.1.8", extension: "420106201101011919"))
        guard case .labReport(let lab) = records.first else { return }
        #expect(lab.results.count == 5)
    }

    @Test("Sample lab report: header, results, codes and identifiers reach the models")
    func sampleLabReport() throws {
        let file = try #require(CDAInputs.samples.first { $0.name == "wst500-27-lab-report.xml" })
        let (records, report) = try CDAModelReader().read(try file.bytes(), options: ConversionOptions())
        guard case .labReport(let lab) = records.first else {
            Issue.record("expected a lab report")
            return
        }
        #expect(lab.resident?.identifier(.residentIDCard)?.value == "330521198506123019")
        #expect(lab.resident?.sex?.system == "gb-t-2261.1")
        #expect(lab.resident?.sex?.code == "1")
        #expect(lab.resident?.maritalStatus?.system == "gb-t-2261.2")
        #expect(lab.resident?.ethnicity?.system == "gb-3304")
        #expect(lab.identifiers.contains { $0.authority == "2.16.156.10011.1.33" && $0.value == "JY20261118-0317" })
        #expect(lab.encounter?.identifiers.first?.kind == .outpatientNumber)
        #expect(lab.specimen?.identifiers.first?.value == "2611180317")
        #expect(lab.reviewer?.name?.text == "蒋国华")
        #expect(!lab.results.isEmpty)
        #expect(lab.results.allSatisfy { !$0.code.code.isEmpty && $0.value != nil })
        // What the models do not hold is reported with its XPath: the second authenticator, the participant …
        #expect(report.unmapped.contains { $0.path.hasPrefix("/ClinicalDocument/authenticator") })
        #expect(report.unmapped.contains { $0.path.hasPrefix("/ClinicalDocument/participant") })
        #expect(report.unmapped.allSatisfy { $0.path.hasPrefix("/ClinicalDocument") })
        #expect(records[0].unmappedFragments.count == report.unmapped.count)
    }
}

extension CDAReadingTests {
    @Test("Hypertension follow-up: date, method, blood pressure, adherence and next date reach FollowUp")
    func hypertensionFollowUp() throws {
        let file = try #require(CDAInputs.samples.first { $0.name == "wst483-12-hypertension-followup.xml" })
        let (records, _) = try CDAModelReader().read(try file.bytes(), options: ConversionOptions())
        guard case .followUp(let followUp) = records.first else {
            Issue.record("expected a follow-up")
            return
        }
        #expect(followUp.disease == .hypertension)
        #expect(followUp.date == CalendarDate("20261120"))
        #expect(followUp.nextDate == CalendarDate("20261220"))
        #expect(followUp.method?.code == "1")
        #expect(followUp.method?.system == "ws364-follow-up-method")
        #expect(followUp.systolic == 138)
        #expect(followUp.diastolic == 86)
        #expect(followUp.medicationAdherence != nil)
    }
}

@Suite("CDA reading, hostile input")
struct CDAHostileInputTests {
    @Test("Truncated and corrupted documents are refused or read, never a crash")
    func truncatedDocuments() throws {
        let file = try #require(CDAInputs.samples.first { $0.name == "wst500-27-lab-report.xml" })
        let bytes = try file.bytes()
        var refused = 0
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 60)) {
            do {
                _ = try CDAModelReader().read(Array(bytes[..<cut]), options: ConversionOptions())
            } catch {
                refused += 1
                #expect(error.code == .unreadableInput || error.code == .unsupportedRecord)
            }
        }
        #expect(refused > 50)
        // Values replaced by markup-looking text and empty attributes still read and write.
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "value=\"", with: "value=\"&lt;")
        let (records, _) = try CDAModelReader().read(Array(text.utf8), options: ConversionOptions())
        var report = ConversionReport()
        _ = try CDAModelWriter().write(records, options: ConversionOptions(), report: &report)
    }
}
