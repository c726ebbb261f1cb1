import HealthInterchange

/// `hix inspect` for FHIR JSON and NDJSON input: a tree for people (personal data masked unless `--show`),
/// or the resource in the canonical pretty (`--format json`) or compact (`--format canonical-json`) layout.
/// Structural problems go to standard error with their FHIRPath and line; the exit code is 1 when a
/// resource has errors (or warnings, with `--strict`).
enum InspectFHIR {
    static func inspect(_ input: InspectInput, format: DocumentFormat, options: InspectCommand.Options) -> Int32 {
        if options.format == "er7" {
            Console.error(
                "hix inspect: \(input.name): --format er7 is for HL7 v2 input; use tree, json or canonical-json")
            return ExitCode.usage
        }
        var status = ExitCode.ok
        if format == .ndjson {
            var reader = NDJSONReader(bytes: input.bytes)
            while true {
                let record: NDJSONRecord
                do {
                    guard let next = try reader.next() else { break }
                    record = next
                } catch {
                    Console.error("hix inspect: \(input.name): \(error.issue.with(file: input.name))")
                    status = ExitCode.inputError
                    continue
                }
                let result = show(
                    record.resource, source: record.bytes, name: input.name, line: record.line, options: options)
                status = max(status, result)
            }
            for warning in reader.warnings { Console.error("hix inspect: \(warning.with(file: input.name))") }
            if options.lenient == false, !reader.warnings.isEmpty { status = max(status, ExitCode.inputError) }
            return status
        }
        let resource: FHIRResource
        do {
            resource = try FHIRResource(parsing: input.bytes)
        } catch {
            Console.error("hix inspect: \(error.issue.with(file: input.name))")
            return ExitCode.inputError
        }
        return show(resource, source: input.bytes, name: input.name, line: nil, options: options)
    }

    /// Validates and prints one resource; returns its exit code.
    private static func show(
        _ resource: FHIRResource, source: [UInt8], name: String, line: Int?, options: InspectCommand.Options
    ) -> Int32 {
        var issues = FHIRValidator().validate(resource, source: source)
        if let line {
            issues = issues.map { issue in
                var copy = issue
                copy.location.record = line
                copy.location.line = line
                return copy
            }
        }
        switch options.format {
        case "json":
            Console.outputBytes(resource.serialized(style: .pretty))
        case "canonical-json":
            Console.outputBytes(resource.serialized(style: .compact) + [0x0A])
        default:
            var output = ""
            if let line { output += "line \(line): " }
            TreeDump(show: options.show).dump(resource, indent: "", into: &output)
            Console.output(output.hasSuffix("\n") ? String(output.dropLast()) : output)
        }
        var failed = false
        for issue in issues where issue.severity >= .warning || issue.code != FHIRIssueCode.resourceNotModelled {
            Console.error("hix inspect: \(issue.with(file: name))")
            if issue.severity >= .error || (!options.lenient && issue.severity >= .warning) { failed = true }
        }
        return failed ? ExitCode.inputError : ExitCode.ok
    }
}

extension Issue {
    fileprivate func with(file: String) -> Issue {
        var copy = self
        copy.location = location.with(file: file)
        return copy
    }
}

/// The people-readable tree: resource type and id, then the key elements of each modelled type.
private struct TreeDump {
    let show: Bool

    func mask(_ value: String, _ masker: (String) -> String) -> String { show ? value : masker(value) }

    func dump(_ resource: FHIRResource, indent: String, into output: inout String) {
        output += "\(indent)\(resource.resourceType) \(resource.id ?? "(no id)")\n"
        let inner = indent + "  "
        func line(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { output += "\(inner)\(label): \(value)\n" }
        }
        let json = resource.json
        switch resource.resourceType {
        case "Patient", "Practitioner":
            let person = FHIR.Patient(json: json)
            for (index, identifier) in person.identifier.enumerated() {
                line(
                    "identifier[\(index)]",
                    "\(identifier.system ?? "?") | \(mask(identifier.value ?? "", PrivacyMask.identifier))")
            }
            for (index, name) in person.name.enumerated() {
                let text = name.text ?? ([name.family ?? ""] + name.given).joined(separator: " ")
                line("name[\(index)]", mask(text, PrivacyMask.name))
            }
            line("gender", person.gender)
            line("birthDate", person.birthDate)
            for (index, telecom) in person.telecom.enumerated() {
                line("telecom[\(index)]", "\(telecom.system ?? "?") \(mask(telecom.value ?? "", PrivacyMask.phone))")
            }
            for (index, address) in person.address.enumerated() {
                let place = [address.state, address.city, address.district].compactMap { $0 }.joined(separator: " ")
                let detail = address.text ?? address.line.joined(separator: " ")
                line("address[\(index)]", place + (detail.isEmpty ? "" : " | " + mask(detail, PrivacyMask.text)))
            }
        case "Bundle":
            let bundle = FHIR.Bundle(json: json)
            line("type", bundle.type)
            line("timestamp", bundle.timestamp)
            line("entries", String(bundle.entries.count))
            for (index, entry) in bundle.entries.enumerated() {
                var head = "\(inner)entry[\(index)]"
                if let url = entry.fullUrl { head += " \(url)" }
                if let request = entry.request { head += " \(request.method ?? "?") \(request.url ?? "")" }
                output += head + "\n"
                if let resource = entry.resource { dump(resource, indent: inner + "  ", into: &output) }
            }
        default:
            let view = FHIR.Observation(json: json)
            line("status", view.status)
            line("code", concept(view.code))
            for key in ["class", "type", "category", "intent", "title", "name"] {
                if let value = json[key] { line(key, summary(value)) }
            }
            line("subject", view.subject.map(reference))
            if let patient = json["patient"]?.objectValue { line("patient", reference(FHIR.Reference(json: patient))) }
            for base in ["effective", "onset", "occurrence", "medication"] {
                if let choice = view.choice(base) { line(base, choiceSummary(choice)) }
            }
            for key in ["issued", "date", "authoredOn", "recordedDate"] { line(key, json[key]?.stringValue) }
            if let period = json["period"]?.objectValue.map({ FHIR.Period(json: $0) }) {
                line("period", "\(period.start ?? "") … \(period.end ?? "")")
            }
            if let value = view.value { line("value", choiceSummary(value)) }
            for (index, range) in view.referenceRange.enumerated() {
                line(
                    "referenceRange[\(index)]",
                    range.text ?? "\(range.low.map(quantity) ?? "") – \(range.high.map(quantity) ?? "")")
            }
            for (index, component) in view.component.enumerated() {
                line(
                    "component[\(index)]",
                    "\(concept(component.code) ?? "?") = \(component.value.map(choiceSummary) ?? "")")
            }
            for (index, result) in FHIR.DiagnosticReport(json: json).result.enumerated() {
                line("result[\(index)]", reference(result))
            }
            for (index, issue) in FHIR.OperationOutcome(json: json).issue.enumerated() {
                line("issue[\(index)]", "\(issue.severity ?? "?") \(issue.code ?? "?"): \(issue.diagnostics ?? "")")
            }
        }
        for contained in resource.contained {
            output += "\(inner)contained:\n"
            dump(contained, indent: inner + "  ", into: &output)
        }
    }

    func concept(_ concept: FHIR.CodeableConcept?) -> String? {
        guard let concept else { return nil }
        if let coding = concept.coding.first {
            return "\(coding.code ?? "?")" + (coding.display.map { " \($0)" } ?? "")
                + (coding.system.map { " (\($0))" } ?? "")
        }
        return concept.text
    }

    func reference(_ reference: FHIR.Reference) -> String {
        reference.reference ?? reference.display.map { "\"\(mask($0, PrivacyMask.text))\"" } ?? "?"
    }

    func quantity(_ quantity: FHIR.Quantity) -> String {
        "\(quantity.comparator ?? "")\(quantity.value?.text ?? "?") \(quantity.unit ?? quantity.code ?? "")"
    }

    func choiceSummary(_ choice: FHIRChoice) -> String {
        if let value = choice.quantity { return quantity(value) }
        if let value = choice.codeableConcept { return concept(value) ?? "" }
        if let value = choice.reference { return reference(value) }
        if let value = choice.period { return "\(value.start ?? "") … \(value.end ?? "")" }
        return summary(choice.value)
    }

    func summary(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text.value
        case .number(let number): return number.text
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .array(let items): return items.map(summary).joined(separator: "; ")
        case .object(let object):
            if object["coding"] != nil || object["text"] != nil {
                return concept(FHIR.CodeableConcept(json: object)) ?? ""
            }
            if let code = object["code"]?.stringValue {
                return code + (object["display"]?.stringValue.map { " \($0)" } ?? "")
            }
            return "{…}"
        }
    }
}
