public import HICore

extension FHIR.OperationOutcome {
    /// An OperationOutcome listing `issues`: severity, the FHIR issue type, the HealthInterchange code in
    /// `details.coding`, the message (and line/column) in `diagnostics`, the FHIRPath in `expression`.
    ///
    /// ```swift
    /// let outcome = FHIR.OperationOutcome(issues: FHIRValidator().validate(resource))
    /// print(String(decoding: outcome.serialized(), as: UTF8.self))
    /// ```
    public init(issues: [Issue]) {
        self = FHIR.OperationOutcome.make()
        var list: [FHIR.OperationOutcomeIssue] = []
        for issue in issues {
            var entry = FHIR.OperationOutcomeIssue()
            entry.severity = issue.severity == .fatal ? "fatal" : issue.severity.description
            entry.code = Self.issueType(issue.code)
            var coding = FHIR.Coding()
            coding.system = "urn:healthinterchange:issue-code"
            coding.code = issue.code.rawValue
            var details = FHIR.CodeableConcept()
            details.coding = [coding]
            entry.details = details
            var diagnostics = issue.message
            if let line = issue.location.line {
                diagnostics += " (line \(line)" + (issue.location.column.map { ", column \($0))" } ?? ")")
            }
            entry.diagnostics = diagnostics
            if let path = issue.location.path, !path.isEmpty { entry.expression = [path] }
            list.append(entry)
        }
        if list.isEmpty {
            var entry = FHIR.OperationOutcomeIssue()
            entry.severity = "information"
            entry.code = "informational"
            entry.diagnostics = "no issues"
            list.append(entry)
        }
        issue = list
    }

    static func issueType(_ code: IssueCode) -> String {
        switch code {
        case FHIRIssueCode.requiredElementMissing: "required"
        case FHIRIssueCode.codeNotInValueSet: "code-invalid"
        case FHIRIssueCode.invalidPrimitive, FHIRIssueCode.malformedReference, FHIRIssueCode.emptyValue,
            FHIRIssueCode.decimalPrecision:
            "value"
        case FHIRIssueCode.resourceNotModelled: "informational"
        case FHIRIssueCode.unresolvedReference: "not-found"
        case FHIRError.Code.tooDeep.issueCode, FHIRError.Code.tooLarge.issueCode, FHIRError.Code.lineTooLong.issueCode:
            "too-long"
        case FHIRIssueCode.invalidResourceType: "invalid"
        default: "structure"
        }
    }
}
