import Foundation
import HICore
import HITestSupport
import HealthInterchange
import Testing

/// One record of a file, ready for ``RecordValidation``.
struct ValidationRecord: Sendable {
    var bytes: [UInt8]
    var format: RecordFormat
}

enum ValidationRecords {
    /// The records of a file: each HL7 v2 message (batches split), each NDJSON line, or the whole document.
    static func split(_ bytes: [UInt8], name: String) -> [ValidationRecord] {
        switch DocumentFormat.detect(bytes) {
        case .hl7v2:
            var reader = HL7v2MessageReader(bytes: bytes)
            var records: [ValidationRecord] = []
            while let message = try? reader.next() {
                records.append(ValidationRecord(bytes: message.serializedBytes(), format: .hl7v2))
            }
            return records.isEmpty ? [ValidationRecord(bytes: bytes, format: .hl7v2)] : records
        case .ndjson:
            return bytes.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }.map {
                ValidationRecord(bytes: Array($0), format: .fhir)
            }
        case .fhirJSON: return [ValidationRecord(bytes: bytes, format: .fhir)]
        case .xml: return [ValidationRecord(bytes: bytes, format: .cda)]
        default:
            if name.hasSuffix(".json") { return [ValidationRecord(bytes: bytes, format: .fhir)] }
            if name.hasSuffix(".xml") { return [ValidationRecord(bytes: bytes, format: .cda)] }
            return [ValidationRecord(bytes: bytes, format: .hl7v2)]
        }
    }
}

/// The built-in profiles over every valid sample in Samples/: no error except the true ones listed (each
/// with its reason), so that a rule that starts raising false errors on our own samples fails here.
@Suite("Built-in profiles over Samples/")
struct ValidationSampleTests {
    static let validation: RecordValidation = {
        do { return try RecordValidation() } catch { fatalError("built-in profiles: \(error)") }
    }()

    static var samples: [SampleFile] {
        ((try? SampleFiles.list("hl7v2/valid")) ?? []) + ((try? SampleFiles.list("fhir/valid")) ?? [])
            + ((try? SampleFiles.list("cda", extensions: ["xml"])) ?? []).filter { !$0.url.path.contains("/invalid/") }
    }

    /// The errors the built-in profiles raise on our valid samples, each reviewed: sample → "code model path".
    /// All are true for a sharing profile (the samples test the syntax layer and are minimal: no resident ID, no
    /// report time, a lone resource). A sample missing here raises no error; a new entry needs a reason, and a
    /// false error (a reader or terminology gap) is fixed at its cause, not listed.
    static let expectedErrors: [String: [String]] = [
        // An acknowledgement and a lone Condition hold no record a profile applies to.
        "ack.hl7": ["HI-CONV-0002 MSH-9"],
        "condition-hypertension.json": ["HI-CONV-0002 $.resourceType"],
        // ADT samples without a resident ID (ADT profile on the visit's resident).
        "adt-a08-lf-bom.hl7": ["HI-VAL-0101 resident.residentID"],
        "batch-fhs-bhs.hl7": Array(repeating: "HI-VAL-0101 resident.residentID", count: 3),
        // ADT^A31 (ADT_A05) needs EVN and PV1; the sample tests three encoding characters.
        "adt-a31-multi-three-encoding-chars.hl7": [
            "HI-VAL-0101 resident.residentID", "HI-VAL-0101 resident.residentID", "HI-VAL-0110 EVN", "HI-VAL-0110 EVN",
            "HI-VAL-0110 PV1", "HI-VAL-0110 PV1",
        ],
        // ORU samples testing delimiters: no OBR-22 report time, no OBR (ORU_R01 needs one), no resident ID.
        // oru-r01-escapes is a PACS report (胸部CT, an impression only): an exam report without findings.
        "oru-r01-escapes.hl7": [
            "HI-VAL-0101 examReport.findings", "HI-VAL-0101 examReport.reportedAt",
            "HI-VAL-0101 examReport.resident.residentID",
        ],
        "oru-r01-gb18030.hl7": ["HI-VAL-0101 labReport.reportedAt"],
        "oru-r01-odd-delimiters.hl7": [
            "HI-VAL-0101 labReport.reportNumber", "HI-VAL-0101 labReport.reportedAt", "HI-VAL-0110 OBR",
        ],
        "oru-r01-v27-truncation.hl7": [
            "HI-VAL-0101 labReport.reportNumber", "HI-VAL-0101 labReport.reportedAt",
            "HI-VAL-0101 labReport.resident.residentID", "HI-VAL-0110 OBR",
        ],
        // FHIR resources and Bundles without report number, report time or resident.
        "bundle-document.json": ["HI-VAL-0101 labReport.reportNumber", "HI-VAL-0101 labReport.reportedAt"],
        "bundle-transaction.json": [
            "HI-VAL-0101 encounter.department", "HI-VAL-0101 encounter.diagnoses", "HI-VAL-0101 encounter.organization",
            "HI-VAL-0101 labReport.reportNumber", "HI-VAL-0101 labReport.reportedAt",
        ],
        "diagnosticreport-lab.json": [
            "HI-VAL-0101 labReport.reportNumber", "HI-VAL-0101 labReport.resident", "HI-VAL-0101 labReport.results",
        ],
        "encounter-outpatient.json": [
            "HI-VAL-0101 encounter.department", "HI-VAL-0101 encounter.diagnoses", "HI-VAL-0101 encounter.organization",
            "HI-VAL-0101 encounter.resident",
        ],
        "observation-glucose.json": [
            "HI-VAL-0101 labReport.reportNumber", "HI-VAL-0101 labReport.reportedAt", "HI-VAL-0101 labReport.resident",
        ],
        "observations.ndjson": Array(
            [
                "HI-VAL-0101 labReport.reportNumber", "HI-VAL-0101 labReport.reportedAt",
                "HI-VAL-0101 labReport.resident",
            ].map { Array(repeating: $0, count: 5) }.joined()),
    ]

    @Test("no unexpected error on a valid sample", arguments: samples)
    func noFalseErrors(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        var errors: [String] = []
        for record in ValidationRecords.split(bytes, name: sample.name) {
            for report in Self.validation.validate(record.bytes, as: record.format, file: sample.name) {
                errors += report.issues.filter { $0.severity >= .error }.map { "\($0.code) \($0.modelPath)" }
            }
        }
        #expect(errors.sorted() == (Self.expectedErrors[sample.name] ?? []).sorted(), "\(sample.name)")
    }

    @Test func everySampleFolderIsCovered() {
        #expect(Self.samples.count >= 25)
        let names = Set(Self.samples.map(\.name))
        for name in Self.expectedErrors.keys { #expect(names.contains(name), "\(name) is a sample") }
    }
}

/// Issue counts by code per built-in profile over ../shared/corpus, kept in
/// `Golden/corpus-issue-counts.json` so that behaviour changes show in review. Regenerate after a deliberate
/// change with `HI_UPDATE_GOLDEN=1 swift test --filter ValidationCorpusGoldenTests`.
@Suite("Validation over ../shared/corpus")
struct ValidationCorpusGoldenTests {
    static let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/corpus-issue-counts.json")

    /// profile → (records, code → count).
    static func counts() throws -> [String: (records: Int, codes: [String: Int])] {
        let plain = try RecordValidation()
        var withSchemas: [String: RecordValidation] = [:]
        for (folder, schema) in [
            ("cn", "cn/schemas/sdschemas/SDA.xsd"), ("cda", "cda/schema/sdtc/infrastructure/cda/CDA_SDTC.xsd"),
        ] {
            var checks = RecordFormatChecks()
            checks.cdaSchema = try XMLSchema(contentsOf: SharedCorpus.url(schema).path)
            withSchemas[folder] = try RecordValidation(formatChecks: checks)
        }
        var result: [String: (records: Int, codes: [String: Int])] = [:]
        let files =
            SharedCorpus.files("hl7v2", extensions: ["hl7"]) + SharedCorpus.files("fhir", extensions: ["json"])
            + SharedCorpus.files("cda", extensions: ["xml"]) + SharedCorpus.files("cn", extensions: ["xml"])
        for file in files {
            let bytes = try file.bytes()
            let relative = file.url.path
            let validation =
                relative.contains("/corpus/cn/")
                ? withSchemas["cn"] : relative.contains("/corpus/cda/") ? withSchemas["cda"] : plain
            for record in ValidationRecords.split(bytes, name: file.name) {
                for report in (validation ?? plain).validate(record.bytes, as: record.format) {
                    var entry = result[report.profile] ?? (0, [:])
                    entry.records += 1
                    for issue in report.issues { entry.codes[issue.code.rawValue, default: 0] += 1 }
                    result[report.profile] = entry
                }
            }
        }
        return result
    }

    static func render(_ counts: [String: (records: Int, codes: [String: Int])]) -> String {
        var out = "{\n"
        for (index, profile) in counts.keys.sorted().enumerated() {
            let entry = counts[profile] ?? (0, [:])
            out += "  \(JSONText.quoted(profile)): {\"records\": \(entry.records), \"codes\": {"
            out += entry.codes.keys.sorted().map { "\(JSONText.quoted($0)): \(entry.codes[$0] ?? 0)" }.joined(
                separator: ", ")
            out += "}}" + (index + 1 < counts.count ? "," : "") + "\n"
        }
        return out + "}\n"
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func issueCountsByCodePerProfile() throws {
        let counts = try Self.counts()
        #expect(counts.values.reduce(0) { $0 + $1.records } >= 150)
        let text = Self.render(counts)
        if ProcessInfo.processInfo.environment["HI_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: Self.goldenURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: Self.goldenURL)
        }
        let golden = try String(contentsOf: Self.goldenURL, encoding: .utf8)
        #expect(text == golden, "rerun with HI_UPDATE_GOLDEN=1 after a deliberate change and review the diff")
    }
}
