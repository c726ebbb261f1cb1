import HICore
import HITestSupport
import HealthInterchange
import Testing

/// The ACK (ERR segments) and OperationOutcome outputs of failing records read back with the library's own
/// parsers.
@Suite("Validation outputs parse back")
struct ValidationOutputRoundTripTests {
    static let validation: RecordValidation = {
        do { return try RecordValidation() } catch { fatalError("built-in profiles: \(error)") }
    }()

    /// An ORU^R01 with a structure problem (no OBR), a bad PID-7 and PID-8 disagreeing with the
    /// resident ID (digit 17 odd = male, PID-8 female).
    static let failingORU = Array(
        ("MSH|^~\\&|LIS|QXXRMYY|HIS|QXXRMYY|20240315103045+0800||ORU^R01^ORU_R01|LIS0001|P|2.5.1|||AL|NE|CHN|UNICODE UTF-8\r"
            + "PID|1||QX1^^^QXXRMYY^MR~350922197805123016^^^CHN^NNCHN||王^五||1978-05-12|F\r"
            + "OBX|1|NM|GLU^葡萄糖^L||11.6|mmol/L|3.9-6.1|H|||F\r").utf8)

    @Test("ACK for a failing v2 record: AE, one ERR per issue, ERR-2/3/4/5 read back with HL7v2Message")
    func acknowledgementParsesBack() throws {
        let message = try HL7v2Message(parsing: Self.failingORU)
        let report = try #require(Self.validation.validate(Self.failingORU, as: .hl7v2, file: "lab.hl7").first)
        #expect(!report.isShareable)
        let codes = Set(report.codes.map(\.rawValue))
        #expect(codes.contains("HI-VAL-0110"), "OBR missing: \(codes.sorted())")
        #expect(codes.contains("HI-VAL-0210"), "PID-7 not a TS")
        let bytes = report.acknowledgement(for: message, controlID: "ACK1", timestamp: "20240315103100+0800")
        let ack = try HL7v2Message(parsing: bytes)
        #expect(ack.value(at: "MSH-9.1") == "ACK")
        #expect(ack.value(at: "MSH-10") == "ACK1")
        #expect(ack.value(at: "MSA-1") == "AE")
        #expect(ack.value(at: "MSA-2") == "LIS0001")
        let errors = ack.segments(withID: "ERR")
        #expect(errors.count == report.issues.count)
        // Errors come first; each ERR carries the rule code (ERR-5), a 0357 condition (ERR-3) and E/W/I (ERR-4).
        var sawLocatedField = false
        var sawMissingSegment = false
        for (index, segment) in errors.enumerated() {
            let path = "ERR[\(index + 1)]"
            let code = try #require(ack.value(at: "\(path)-5"))
            let issue = try #require(report.issues.first { $0.code.rawValue == code })
            let severity = ack.value(at: "\(path)-4")
            #expect(severity == (issue.severity >= .error ? "E" : issue.severity == .warning ? "W" : "I"), "\(code)")
            #expect(ack.value(at: "\(path)-3.3") == "HL70357")
            #expect(ack.value(at: "\(path)-3.1") == ValidationReport.errorCondition(for: issue).code)
            if code == "HI-VAL-0210" {
                #expect(ack.value(at: "\(path)-2.1") == "PID")
                #expect(ack.value(at: "\(path)-2.2") == "1")
                #expect(ack.value(at: "\(path)-2.3") == "7")
                #expect(ack.value(at: "\(path)-3.1") == "102")
                sawLocatedField = true
            }
            if code == "HI-VAL-0110" {
                #expect(ack.value(at: "\(path)-2.1") == "OBR")
                #expect(ack.value(at: "\(path)-3.1") == "100")
                sawMissingSegment = true
            }
            #expect(segment.id == "ERR")
        }
        #expect(sawLocatedField && sawMissingSegment)
        let severities = errors.indices.compactMap { ack.value(at: "ERR[\($0 + 1)]-4") }
        #expect(
            severities
                == severities.sorted { ($0 == "E" ? 0 : $0 == "W" ? 1 : 2) < ($1 == "E" ? 0 : $1 == "W" ? 1 : 2) })
        // No personal data in the acknowledgement.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("350922197805123016"))
        #expect(!text.contains("王"))
        // The library's ACK reader agrees.
        let read = try #require(HL7v2Acknowledgement(parsing: bytes))
        #expect(read.code == .applicationError)
        #expect(read.errorSegmentCount == report.issues.count)
    }

    @Test("ACK for a shareable record is AA; for unreadable bytes AR with the fatal issue")
    func acceptAndReject() throws {
        let good = try SampleFiles.list("hl7v2/valid").first { $0.name == "oru-r01-lab.hl7" }
        let bytes = try #require(good).bytes()
        let report = try #require(Self.validation.validate(bytes, as: .hl7v2).first)
        #expect(report.isShareable, "\(report.textLines)")
        let ack = try HL7v2Message(parsing: report.acknowledgement(for: HL7v2Message(parsing: bytes), controlID: "A2"))
        #expect(ack.value(at: "MSA-1") == "AA")
        #expect(ack.value(at: "MSA-2") == "LIS20240315000123")
        let rejected = try #require(Self.validation.validate(Array("not a message".utf8), as: .hl7v2).first)
        let rejectAck = try HL7v2Message(
            parsing: rejected.acknowledgement(forMessageBytes: Array("not a message".utf8), controlID: "A3"))
        #expect(rejectAck.value(at: "MSA-1") == "AR")
        #expect(rejectAck.value(at: "ERR-4") == "E")
    }

    @Test("OperationOutcome for a failing FHIR record parses back and passes the FHIR validator")
    func operationOutcomeParsesBack() throws {
        let observation = Array(
            #"{"resourceType":"Observation","status":"done","subject":{"reference":"Patient/p1"},"valueQuantity":{"value":5.6,"unit":"mmol/L"}}"#
                .utf8)
        let report = try #require(Self.validation.validate(observation, as: .fhir, file: "obs.json").first)
        #expect(!report.isShareable)
        let structureCodes = report.issues(at: .structure).map(\.code)
        #expect(structureCodes.contains(FHIRIssueCode.requiredElementMissing), "Observation.code missing")
        #expect(report.issues(at: .valueDomain).map(\.code).contains(FHIRIssueCode.codeNotInValueSet))
        let outcomeBytes = Array(report.operationOutcomeJSON.utf8)
        let resource = try FHIRResource(parsing: outcomeBytes)
        #expect(FHIRValidator().validate(resource, source: outcomeBytes).isEmpty)
        let json = try JSONReader.read(outcomeBytes)
        #expect(json["resourceType"]?.stringValue == "OperationOutcome")
        let issues = try #require(json["issue"]?.arrayValue)
        #expect(issues.count == report.issues.count)
        for (issue, entry) in zip(report.issues, issues) {
            #expect(entry["severity"]?.stringValue == issue.severity.description)
            #expect(entry["code"]?.stringValue == issue.fhirIssueType)
            #expect(entry["details"]?["coding"]?[0]?["code"]?.stringValue == issue.code.rawValue)
            #expect(entry["details"]?["text"]?.stringValue == issue.message)
        }
        let status = try #require(
            zip(report.issues, issues).first { $0.0.code == FHIRIssueCode.codeNotInValueSet })
        #expect(status.1["expression"]?[0]?.stringValue == "Observation.status")
        #expect(status.1["code"]?.stringValue == "code-invalid")
    }

    @Test("OperationOutcome of a v2 record's report has no expression (its paths are not FHIRPath)")
    func operationOutcomeOfV2Report() throws {
        let report = try #require(Self.validation.validate(Self.failingORU, as: .hl7v2).first)
        let outcome = Array(report.operationOutcomeJSON.utf8)
        #expect(FHIRValidator().validate(try FHIRResource(parsing: outcome), source: outcome).isEmpty)
        let json = try JSONReader.read(outcome)
        #expect(json["issue"]?.arrayValue?.allSatisfy { $0["expression"] == nil } == true)
        #expect(json["issue"]?.arrayValue?.count == report.issues.count)
    }
}
