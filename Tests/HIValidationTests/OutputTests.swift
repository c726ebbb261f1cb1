import Foundation
import HICore
import HIModels
import HIValidation
import Testing

@Suite struct OutputTests {
    /// A lab report with one structure error, one value-domain error and one business-rule warning.
    func sampleReport() throws -> ValidationReport {
        var lab = Fixtures.labReport()
        lab.reportedAt = nil
        lab.resident?.sex = CodedValue(system: "gb-t-2261.1", code: "3")
        lab.results[0].abnormalFlag = CodedValue(system: "hl7-0078", code: "H")
        return try Fixtures.validator("cn-lab-report").validate(.labReport(lab))
    }

    func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any])
    }

    @Test func reportGroupsByLevelAndCounts() throws {
        let report = try sampleReport()
        #expect(report.codes == ["HI-VAL-0101", "HI-VAL-0301", "HI-VAL-0506"])
        #expect(report.issuesByLevel.map(\.level) == ValidationLevel.allCases)
        #expect(report.issuesByLevel.map(\.issues.count) == [0, 1, 0, 1, 1])
        #expect(report.countsByCode == ["HI-VAL-0101": 1, "HI-VAL-0301": 1, "HI-VAL-0506": 1])
        #expect(report.countsBySeverity == [.error: 2, .warning: 1])
        #expect(!report.isShareable)
        let merged = report.addingSyntaxIssues([
            Issue(.error, code: "HI-V2-0012", "truncated segment", at: SourceLocation(file: "a.hl7", line: 3))
        ])
        #expect(merged.codes.first == "HI-V2-0012")
        #expect(merged.issues(at: .syntax).first?.location.line == 3)
    }

    @Test func jsonValueByValue() throws {
        let json = try object(try sampleReport().jsonText)
        #expect(json["profile"] as? String == "cn-lab-report")
        #expect(json["shareable"] as? Bool == false)
        let counts = try #require(json["counts"] as? [String: Int])
        #expect(counts == ["fatal": 0, "error": 2, "warning": 1, "information": 0])
        #expect(json["codes"] as? [String: Int] == ["HI-VAL-0101": 1, "HI-VAL-0301": 1, "HI-VAL-0506": 1])
        let levels = try #require(json["levels"] as? [String: [[String: Any]]])
        #expect(Set(levels.keys) == ["syntax", "structure", "dataType", "valueDomain", "businessRule"])
        #expect(levels["syntax"]?.isEmpty == true)
        let structure = try #require(levels["structure"]?.first)
        #expect(structure["code"] as? String == "HI-VAL-0101")
        #expect(structure["level"] as? String == "structure")
        #expect(structure["severity"] as? String == "error")
        #expect(structure["path"] as? String == "labReport.reportedAt")
        #expect(structure["expected"] as? String == "present")
        #expect(structure["found"] as? String == "absent or empty")
        #expect(structure["chineseTitle"] as? String == "必填数据元不得为空")
        #expect(structure["chineseMessage"] as? String == "请填写必填数据元")
        #expect((structure["message"] as? String)?.hasPrefix("add the required element") == true)
        let location = try #require(structure["location"] as? [String: Any])
        #expect(location["file"] as? String == "lab.hl7")
        #expect(location["record"] as? Int == 1)
        #expect(location["path"] as? String == "labReport.reportedAt")
        let flag = try #require(levels["businessRule"]?.first)
        #expect(flag["code"] as? String == "HI-VAL-0506")
        #expect(flag["severity"] as? String == "warning")
        #expect(flag["expected"] as? String == "N")
        #expect(flag["found"] as? String == "H")
        #expect(flag["chineseMessage"] as? String == "异常标志与参考范围不一致，请核对异常标志、结果或参考范围")
        #expect(flag["record"] == nil)
        // Key order is fixed (stable schema).
        let text = try sampleReport().jsonText
        #expect(text.hasPrefix(#"{"profile":"cn-lab-report","shareable":false,"counts":{"fatal":0,"error":2,"#))
    }

    @Test func operationOutcomeValueByValue() throws {
        let outcome = try object(try sampleReport().operationOutcomeJSON)
        #expect(outcome["resourceType"] as? String == "OperationOutcome")
        let issues = try #require(outcome["issue"] as? [[String: Any]])
        #expect(issues.count == 3)
        #expect(issues.map { $0["severity"] as? String } == ["error", "error", "warning"])
        #expect(issues.map { $0["code"] as? String } == ["required", "code-invalid", "business-rule"])
        let details = try #require(issues[1]["details"] as? [String: Any])
        let coding = try #require((details["coding"] as? [[String: Any]])?.first)
        #expect(coding["system"] as? String == "urn:healthinterchange:validation-rule")
        #expect(coding["code"] as? String == "HI-VAL-0301")
        #expect(coding["display"] as? String == "性别代码符合 GB/T 2261.1")
        #expect((details["text"] as? String)?.contains("gb-t-2261.1") == true)
        #expect(
            issues[1]["diagnostics"] as? String
                == "expected: a code of gb-t-2261.1 or hl7-0001 or fhir-administrative-gender; found: code '3' (not in gb-t-2261.1)"
        )
        #expect(
            issues[1]["location"] as? [String]
                == ["labReport.resident.sex", "lab.hl7, record 1, labReport.resident.sex"])
        // No issues: one informational issue, as FHIR requires.
        let clean = try Fixtures.validator("cn-lab-report").validate(.labReport(Fixtures.labReport()))
        let empty = try object(clean.operationOutcomeJSON)
        let only = try #require((empty["issue"] as? [[String: Any]])?.first)
        #expect(only["severity"] as? String == "information")
        #expect(only["code"] as? String == "informational")
        #expect((only["details"] as? [String: Any])?["text"] as? String == "no issues (profile cn-lab-report)")
    }

    @Test func acknowledgementErrorFields() throws {
        let errors = try sampleReport().acknowledgementErrors
        #expect(
            errors.map(\.errorCode) == [
                "101^Required field missing^HL70357", "103^Table value not found^HL70357",
                "207^Application internal error^HL70357",
            ])
        #expect(errors.map(\.severity) == ["E", "E", "W"])
        #expect(errors[0].applicationErrorCode == "HI-VAL-0101^必填数据元不得为空^HIVAL")
        #expect(errors[0].diagnosticInformation == "labReport.reportedAt; expected: present; found: absent or empty")
        #expect(errors[0].location == "")  // a model path is not an ERL
        // A v2 source path becomes an ERL.
        let issue = ValidationIssue(
            code: "HI-VAL-0201", level: .dataType, severity: .error, message: "correct the ID",
            modelPath: "labReport.resident.identifiers[0]", location: SourceLocation(file: "a.hl7", path: "PID-3.1"))
        #expect(AcknowledgementError(issue).location == "PID^1^3^1^1")
        #expect(AcknowledgementError(issue).errorCode == "102^Data type error^HL70357")
        var other = issue
        for (path, erl) in [
            ("OBX(4)-5", "OBX^4^5"), ("OBX[2]-5.1.2", "OBX^2^5^1^1^2"), ("PID-8", "PID^1^8"), ("labReport.x", ""),
            ("PID-", ""), ("pid-3", ""), ("PID-3.1.2.3", ""), ("OBX(x)-5", ""),
        ] {
            other.location.path = path
            #expect(AcknowledgementError(other).location == erl, "\(path)")
        }
    }

    @Test func textLinesNameCodeLevelAndPlace() throws {
        let lines = try sampleReport().textLines
        #expect(
            lines.first?.hasPrefix("error HI-VAL-0101 [structure] labReport.reportedAt: add the required element")
                == true)
        #expect(lines.first?.hasSuffix("(lab.hl7, record 1, labReport.reportedAt)") == true)
        #expect(try sampleReport().issues[1].issue.code == "HI-VAL-0301")
    }

    @Test func outputsNeverCarryPersonalData() throws {
        var lab = Fixtures.labReport()
        lab.resident?.identifiers = [Identifier(kind: .residentIDCard, value: "420106196303129996")]
        lab.resident?.telecom = [ContactPoint(system: .phone, value: "1381234567")]
        let report = try Fixtures.validator("cn-lab-report").validate(.labReport(lab))
        #expect(report.codes.contains("HI-VAL-0201") && report.codes.contains("HI-VAL-0204"))
        let texts =
            [report.jsonText, report.operationOutcomeJSON, report.textLines.joined()]
            + report.acknowledgementErrors.map(String.init(describing:))
        for text in texts {
            #expect(!text.contains("420106196303129996"))
            #expect(!text.contains("1381234567"))
            #expect(!text.contains("王建国"))
        }
    }

    @Test func batchIssuesCarryTheRecordIndex() throws {
        let validator = try Fixtures.validator("cn-lab-report")
        var bad = Fixtures.labReport()
        bad.reportedAt = nil
        let reports = validator.validate(batch: [.labReport(Fixtures.labReport()), .labReport(bad)])
        #expect(reports[0].issues.isEmpty)
        #expect(reports[1].issues.map(\.record) == [1])
        let json = try object(reports[1].jsonText)
        let structure = (json["levels"] as? [String: [[String: Any]]])?["structure"]?.first
        #expect(structure?["record"] as? Int == 1)
    }
}

@Test func batchSummaryCountsByCode() throws {
    let validator = try Fixtures.validator("cn-lab-report")
    var bad = Fixtures.labReport()
    bad.reportedAt = nil
    bad.results[0].abnormalFlag = CodedValue(system: "hl7-0078", code: "H")
    let summary = ValidationSummary(
        validator.validate(batch: [.labReport(Fixtures.labReport()), .labReport(bad), .labReport(bad)]))
    #expect(summary.records == 3)
    #expect(summary.shareable == 1)
    #expect(summary.countsByCode == ["HI-VAL-0101": 2, "HI-VAL-0506": 2])
    #expect(
        summary.text
            == "3 records, 1 shareable, 2 errors, 2 warnings, 0 information\nHI-VAL-0101  2\nHI-VAL-0506  2")
    #expect(summary.jsonText == #"{"records":3,"shareable":1,"codes":{"HI-VAL-0101":2,"HI-VAL-0506":2}}"#)
}
