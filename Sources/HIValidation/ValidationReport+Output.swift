import HICore

extension ValidationReport {
    /// The report as JSON text, one object (schema below; keys always in this order, empty levels present).
    ///
    /// ```json
    /// {"profile":"cn-lab-report","shareable":false,
    ///  "counts":{"fatal":0,"error":1,"warning":0,"information":0},
    ///  "codes":{"HI-VAL-0101":1},
    ///  "levels":{"syntax":[],"structure":[
    ///    {"code":"HI-VAL-0101","level":"structure","severity":"error","message":"add the required element …",
    ///     "chineseTitle":"必填数据元不得为空","chineseMessage":"请填写必填数据元","expected":"present",
    ///     "found":"absent or empty",
    ///     "path":"labReport.results[0].value","record":0,
    ///     "location":{"file":"a.hl7","record":1,"path":"labReport.results[0].value","line":4}}],
    ///   "dataType":[],"valueDomain":[],"businessRule":[]}}
    /// ```
    ///
    /// `expected`, `found`, `record` and each `location` member appear only when known; `codes` is sorted by
    /// code. Messages never contain personal data values.
    ///
    /// ```swift
    /// let json = validator.validate(.labReport(report)).jsonText
    /// ```
    public var jsonText: String {
        var out: [UInt8] = []
        out.reserveCapacity(256 + issues.count * 320)
        out.append(contentsOf: "{\"profile\":".utf8)
        JSONText.appendString(profile, to: &out)
        out.append(contentsOf: ",\"shareable\":\(isShareable),\"counts\":{".utf8)
        let severities = countsBySeverity
        out.append(
            contentsOf:
                "\"fatal\":\(severities[.fatal] ?? 0),\"error\":\(severities[.error] ?? 0),\"warning\":\(severities[.warning] ?? 0),\"information\":\(severities[.information] ?? 0)},\"codes\":{"
                .utf8)
        for (index, entry) in countsByCode.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out.append(0x2C) }
            JSONText.appendString(entry.key.rawValue, to: &out)
            out.append(contentsOf: ":\(entry.value)".utf8)
        }
        out.append(contentsOf: "},\"levels\":{".utf8)
        for (levelIndex, group) in issuesByLevel.enumerated() {
            if levelIndex > 0 { out.append(0x2C) }
            JSONText.appendString(group.level.rawValue, to: &out)
            out.append(contentsOf: ":[".utf8)
            for (index, issue) in group.issues.enumerated() {
                if index > 0 { out.append(0x2C) }
                issue.appendJSON(to: &out)
            }
            out.append(0x5D)
        }
        out.append(contentsOf: "}}".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// The report as lines for people: `error HI-VAL-0101 [structure] labReport.reportedAt: … (location)`.
    public var textLines: [String] { issues.map(\.description) }

    /// The report as a FHIR R4 `OperationOutcome` (JSON text). Each issue: `severity`, `code` (IssueType from
    /// the level: `required`, `structure`, `value`, `code-invalid`, `business-rule`, `invalid`), `details` (the
    /// rule as a coding of `ruleSystem` plus the message as text), `diagnostics` (expected / found), and
    /// `expression` (when the issue's path is a FHIRPath such as `Observation.status`, i.e. for FHIR records),
    /// `location` (the model path and the source location; these are not FHIRPath expressions). A report
    /// without issues gives one `information` / `informational` issue, as FHIR requires at least one.
    ///
    /// ```swift
    /// let outcome = report.operationOutcomeJSON
    /// // {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"required",…}]}
    /// ```
    /// - Parameter ruleSystem: the code system URI of the rule codes.
    public func operationOutcomeJSON(ruleSystem: String = ValidationReport.ruleSystem) -> String {
        var out: [UInt8] = Array("{\"resourceType\":\"OperationOutcome\",\"issue\":[".utf8)
        if issues.isEmpty {
            out.append(
                contentsOf:
                    "{\"severity\":\"information\",\"code\":\"informational\",\"details\":{\"text\":\"no issues (profile "
                    .utf8)
            out += Array(JSONText.quoted(profile).dropFirst().dropLast().utf8)
            out += Array(")\"}}".utf8)
        }
        for (index, issue) in issues.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(contentsOf: "{\"severity\":\"\(issue.severity)\",\"code\":\"\(issue.fhirIssueType)\",".utf8)
            out.append(contentsOf: "\"details\":{\"coding\":[{\"system\":".utf8)
            JSONText.appendString(ruleSystem, to: &out)
            out.append(contentsOf: ",\"code\":".utf8)
            JSONText.appendString(issue.code.rawValue, to: &out)
            if !issue.chineseTitle.isEmpty {
                out.append(contentsOf: ",\"display\":".utf8)
                JSONText.appendString(issue.chineseTitle, to: &out)
            }
            out.append(contentsOf: "}],\"text\":".utf8)
            JSONText.appendString(issue.message, to: &out)
            out.append(0x7D)
            var diagnostics: [String] = []
            if let expected = issue.expected { diagnostics.append("expected: " + expected) }
            if let found = issue.found { diagnostics.append("found: " + found) }
            if !diagnostics.isEmpty {
                out.append(contentsOf: ",\"diagnostics\":".utf8)
                JSONText.appendString(diagnostics.joined(separator: "; "), to: &out)
            }
            if let expression = issue.fhirPathExpression {
                out.append(contentsOf: ",\"expression\":[".utf8)
                JSONText.appendString(expression, to: &out)
                out.append(0x5D)
            }
            var locations: [String] = []
            if !issue.modelPath.isEmpty { locations.append(issue.modelPath) }
            let source = issue.location.description
            if issue.location != .unknown, source != issue.modelPath { locations.append(source) }
            if !locations.isEmpty {
                out.append(contentsOf: ",\"location\":[".utf8)
                for (position, location) in locations.enumerated() {
                    if position > 0 { out.append(0x2C) }
                    JSONText.appendString(location, to: &out)
                }
                out.append(0x5D)
            }
            out.append(0x7D)
        }
        out.append(contentsOf: "]}".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``operationOutcomeJSON(ruleSystem:)`` with the default rule system.
    public var operationOutcomeJSON: String { operationOutcomeJSON(ruleSystem: Self.ruleSystem) }

    /// The code system URI of the rule codes in OperationOutcome and ACK outputs.
    public static let ruleSystem = "urn:healthinterchange:validation-rule"

    /// The issues as the fields of HL7 v2 ERR segments, for an ACK to a v2 sender (the v2 layer escapes and
    /// writes the segments).
    ///
    /// ```swift
    /// for error in report.acknowledgementErrors {
    ///     print(error.errorCode, error.severity, error.location)   // 101^Required field missing^HL70357 E PID^1^3
    /// }
    /// ```
    public var acknowledgementErrors: [AcknowledgementError] { issues.map(AcknowledgementError.init) }
}

extension ValidationIssue {
    /// The issue's path as a FHIRPath expression (`Observation.status`, `Bundle.entry[2].resource.code`) when
    /// its location or model path is one: a resource name, then dot-separated element names with optional
    /// `[n]` indexes. `nil` for model paths (`labReport.results[0]`) and HL7 v2 paths (`PID-8`).
    public var fhirPathExpression: String? {
        for candidate in [location.path, modelPath] {
            guard var path = candidate, !path.isEmpty else { continue }
            if path.hasPrefix("FHIR.") { path.removeFirst(5) }
            let bytes = Array(path.utf8)
            guard let first = bytes.first, first >= 0x41, first <= 0x5A, bytes.count <= 512 else { continue }
            var hasDot = false
            let allowed = bytes.allSatisfy { byte in
                if byte == 0x2E { hasDot = true }
                return (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2E || byte == 0x5B || byte == 0x5D || byte == 0x5F
            }
            if allowed, hasDot { return path }
        }
        return nil
    }

    /// The FHIR IssueType for the level.
    public var fhirIssueType: String {
        switch level {
        case .syntax: "invalid"
        case .structure: code == "HI-VAL-0101" || code == "HI-VAL-0102" ? "required" : "structure"
        case .dataType: "value"
        case .valueDomain: "code-invalid"
        case .businessRule: "business-rule"
        }
    }

    /// The issue as one JSON object (see ``ValidationReport/jsonText``).
    public var jsonText: String {
        var out: [UInt8] = []
        appendJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func appendJSON(to out: inout [UInt8]) {
        out.append(contentsOf: "{\"code\":".utf8)
        JSONText.appendString(code.rawValue, to: &out)
        out.append(contentsOf: ",\"level\":\"\(level.rawValue)\",\"severity\":\"\(severity)\",\"message\":".utf8)
        JSONText.appendString(message, to: &out)
        if !chineseTitle.isEmpty {
            out.append(contentsOf: ",\"chineseTitle\":".utf8)
            JSONText.appendString(chineseTitle, to: &out)
        }
        if !chineseMessage.isEmpty {
            out.append(contentsOf: ",\"chineseMessage\":".utf8)
            JSONText.appendString(chineseMessage, to: &out)
        }
        if let expected {
            out.append(contentsOf: ",\"expected\":".utf8)
            JSONText.appendString(expected, to: &out)
        }
        if let found {
            out.append(contentsOf: ",\"found\":".utf8)
            JSONText.appendString(found, to: &out)
        }
        out.append(contentsOf: ",\"path\":".utf8)
        JSONText.appendString(modelPath, to: &out)
        if let record { out.append(contentsOf: ",\"record\":\(record)".utf8) }
        out.append(contentsOf: ",\"location\":{".utf8)
        var first = true
        func key(_ name: String) {
            if !first { out.append(0x2C) }
            first = false
            out.append(contentsOf: "\"\(name)\":".utf8)
        }
        if let file = location.file {
            key("file")
            JSONText.appendString(file, to: &out)
        }
        if let record = location.record {
            key("record")
            out.append(contentsOf: String(record).utf8)
        }
        if let path = location.path {
            key("path")
            JSONText.appendString(path, to: &out)
        }
        if let offset = location.byteOffset {
            key("byteOffset")
            out.append(contentsOf: String(offset).utf8)
        }
        if let line = location.line {
            key("line")
            out.append(contentsOf: String(line).utf8)
        }
        if let column = location.column {
            key("column")
            out.append(contentsOf: String(column).utf8)
        }
        out.append(contentsOf: "}}".utf8)
    }
}

/// The fields of one HL7 v2 ERR segment (v2.5+) for a validation issue, as plain strings with `^` as the
/// component separator; the v2 layer escapes and writes the segment.
///
/// ```swift
/// let error = AcknowledgementError(issue)
/// print(error.errorCode)   // 103^Table value not found^HL70357
/// ```
public struct AcknowledgementError: Hashable, Sendable {
    /// ERR-2 error location (ERL: segment^sequence^field^repetition^component^subcomponent), when the source
    /// path is an HL7 v2 path such as `PID-3.1` or `OBX(2)-5`; empty otherwise.
    public var location: String
    /// ERR-3 HL7 error code (table 0357): `101` required field missing, `102` data type error, `103` table
    /// value not found, `200` unsupported message type, `207` application error (business rules).
    public var errorCode: String
    /// ERR-4 severity (table 0516): `E`, `W` or `I` (fatal maps to `E`, which every version knows).
    public var severity: String
    /// ERR-5 application error code: the rule code, its title and the rule system.
    public var applicationErrorCode: String
    /// ERR-7 diagnostic information: the model path, expected and found.
    public var diagnosticInformation: String
    /// ERR-8 user message: what to fix.
    public var userMessage: String

    /// The ERR fields for `issue`.
    public init(_ issue: ValidationIssue) {
        self.location = issue.location.path.flatMap(Self.erl) ?? ""
        switch issue.level {
        case .syntax, .dataType: errorCode = "102^Data type error^HL70357"
        case .valueDomain: errorCode = "103^Table value not found^HL70357"
        case .structure:
            errorCode =
                issue.code == "HI-VAL-0002"
                ? "200^Unsupported message type^HL70357" : "101^Required field missing^HL70357"
        case .businessRule: errorCode = "207^Application internal error^HL70357"
        }
        switch issue.severity {
        case .information: severity = "I"
        case .warning: severity = "W"
        case .error, .fatal: severity = "E"
        }
        applicationErrorCode = issue.code.rawValue + "^" + issue.chineseTitle + "^HIVAL"
        var diagnostics = issue.modelPath
        if let expected = issue.expected { diagnostics += "; expected: " + expected }
        if let found = issue.found { diagnostics += "; found: " + found }
        diagnosticInformation = diagnostics
        userMessage = issue.message
    }

    /// Converts an HL7 v2 path (`PID-3`, `PID-3.1`, `PID-3.1.2`, `OBX(2)-5`, `OBX[2]-5.1`) to an ERL string; `nil`
    /// for other paths.
    static func erl(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        guard bytes.count >= 5, bytes.count <= 40 else { return nil }
        func isUpperOrDigit(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) }
        guard bytes[0] >= 0x41 && bytes[0] <= 0x5A, isUpperOrDigit(bytes[1]), isUpperOrDigit(bytes[2]) else {
            return nil
        }
        var index = 3
        var sequence = "1"
        if bytes[index] == 0x28 || bytes[index] == 0x5B {  // ( or [
            let close: UInt8 = bytes[index] == 0x28 ? 0x29 : 0x5D
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > start, index < bytes.count, bytes[index] == close else { return nil }
            sequence = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
        }
        guard index < bytes.count, bytes[index] == 0x2D else { return nil }  // -
        index += 1
        var numbers: [String] = []
        var start = index
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x2E {
                guard index > start else { return nil }
                numbers.append(String(decoding: bytes[start..<index], as: UTF8.self))
                start = index + 1
            } else if bytes[index] < 0x30 || bytes[index] > 0x39 {
                return nil
            }
            index += 1
        }
        guard (1...3).contains(numbers.count) else { return nil }
        var fields = [String(decoding: bytes[0..<3], as: UTF8.self), sequence, numbers[0]]
        if numbers.count > 1 { fields += ["1"] + numbers[1...] }
        return fields.joined(separator: "^")
    }
}
