import HICore
import HIFHIR
import HIModels

/// FHIR DiagnosticReport (imaging / exam category) → ``ExamReport`` and Appointment → ``Appointment``: the
/// inverses of the writer's mappings (see `FHIRModelWriter`).
extension FHIRReadState {
    /// `true` when a DiagnosticReport's category says it reports an exam: the project's `report-kind#exam`,
    /// LOINC `LP29684-5` (radiology) or an HL7 v2 table 0074 exam section.
    func isExamReport(_ json: JSONObject) -> Bool {
        for category in json["category"]?.arrayValue ?? [] {
            for coding in category["coding"]?.arrayValue ?? [] {
                let code = coding["code"]?.stringValue ?? ""
                let system = coding["system"]?.stringValue ?? ""
                if code == FHIRWriteContext.examCategory.code && system == FHIRWriteContext.examCategory.system {
                    return true
                }
                if code == "LP29684-5" && system == "http://loinc.org" { return true }
                if system.hasSuffix("v2-0074"), V2ReadState.examSections.contains(code.uppercased()) { return true }
            }
        }
        return false
    }

    mutating func readExamReport(_ index: Int) -> (
        value: ExamReport, observations: [Int], encounter: Int?, patient: Int?
    ) {
        use(
            index,
            [
                "identifier", "basedOn", "status", "category", "code", "subject", "encounter", "effectiveDateTime",
                "issued", "performer", "resultsInterpreter", "result", "conclusion", "extension", "imagingStudy",
                "presentedForm",
            ])
        let json = entries[index].json
        var exam = ExamReport(provenance: provenance)
        let context = readReportContext(index)
        exam.resident = context.resident
        exam.encounter = context.encounter
        let patient = context.patient
        let encounterIndex = context.encounterIndex
        if let order = resolve(json["basedOn"]?[0]), entries[order].type == "ServiceRequest" {
            use(order, ["identifier", "status", "intent", "code", "subject", "encounter", "requester"])
            let request = entries[order].json
            exam.identifiers = identifiers(request["identifier"])
            exam.kind = coded(request["code"])
            exam.orderedBy = readPractitioner(request["requester"])
        }
        exam.identifiers += identifiers(json["identifier"])
        if let code = coded(json["code"]), !(code.code.isEmpty && code.originalText == "检查报告") {
            exam.kind = code
        }
        for category in json["category"]?.arrayValue ?? [] {
            guard let value = coded(category) else { continue }
            if category["coding"]?[0]?["system"]?.stringValue == FHIRWriteContext.examCategory.system { continue }
            if exam.category == nil {
                exam.category =
                    value.system.uppercased() == "HL70074" || value.system.hasSuffix("v2-0074")
                    ? CodedValue(system: "hl7-0074", code: value.code) : value
            }
        }
        if let status = json["status"]?.stringValue {
            exam.status = CodedValue(system: "fhir-observation-status", code: status)
        }
        exam.performedAt = time(json["effectiveDateTime"])
        exam.reportedAt = time(json["issued"])
        exam.performer = readPractitioner(json["performer"]?[0])
        exam.reviewer = readPractitioner(json["resultsInterpreter"]?[0])
        var observations: [Int] = []
        for (number, reference) in (json["result"]?.arrayValue ?? []).enumerated() {
            guard let observation = resolve(reference), entries[observation].type == "Observation" else {
                unmapped.append(
                    (entries[index].path + ".result[\(number)]", "the reference does not resolve in this record"))
                continue
            }
            observations.append(observation)
            let code = entries[observation].json["code"]?["coding"]?[0]?["code"]?.stringValue
            if code == FHIRWriteContext.findingsCode.code, exam.findings == nil {
                use(observation, ["bodySite"])
                exam.bodySite = coded(entries[observation].json["bodySite"])
                if let result = readObservation(observation) {
                    if case .text(let text)? = result.value { exam.findings = text }
                    exam.notes = result.notes
                }
            } else if let result = readObservation(observation) {
                exam.results.append(result)
            }
        }
        for (number, reference) in (json["imagingStudy"]?.arrayValue ?? []).enumerated() {
            guard let study = resolve(reference), entries[study].type == "ImagingStudy" else {
                unmapped.append(
                    (entries[index].path + ".imagingStudy[\(number)]", "the reference does not resolve in this record")
                )
                continue
            }
            use(study, ["identifier", "status", "subject"])
            for identifier in entries[study].json["identifier"]?.arrayValue ?? [] {
                guard var value = identifier["value"]?.stringValue else { continue }
                if value.hasPrefix("urn:oid:") { value.removeFirst("urn:oid:".count) }
                exam.imageReferences.append(value)
            }
        }
        for form in json["presentedForm"]?.arrayValue ?? [] {
            if let url = form["url"]?.stringValue { exam.imageReferences.append(url) }
        }
        exam.impression = json["conclusion"]?.stringValue
        exam.unmappedFragments = carriedFragments(index)
        return (exam, observations, encounterIndex, patient)
    }

    mutating func readAppointment(_ index: Int) -> (Appointment, Int?) {
        use(
            index,
            [
                "identifier", "status", "cancelationReason", "serviceType", "appointmentType", "reasonCode", "start",
                "end",
                "minutesDuration", "comment", "participant", "extension",
            ])
        let json = entries[index].json
        var appointment = Appointment(provenance: provenance)
        appointment.identifiers = identifiers(json["identifier"])
        appointment.status = json["status"]?.stringValue.map { Appointment.Status(rawValue: $0) }
        appointment.eventReason = coded(json["cancelationReason"])
        appointment.service = coded(json["serviceType"]?[0])
        appointment.appointmentType = coded(json["appointmentType"])
        appointment.reason = coded(json["reasonCode"]?[0])
        appointment.start = time(json["start"])
        appointment.end = time(json["end"])
        appointment.durationMinutes = json["minutesDuration"]?.numberText.flatMap { Int($0) }
        if let comment = json["comment"]?.stringValue {
            appointment.notes = comment.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        var patient: Int? = nil
        for item in json["participant"]?.arrayValue ?? [] {
            let actor = item["actor"]
            if let target = resolve(actor), entries[target].type == "Patient", appointment.resident == nil {
                appointment.resident = readPatient(target)
                patient = target
                continue
            }
            var kind: Appointment.Participant.Kind? = nil
            var role: CodedValue? = nil
            for type in item["type"]?.arrayValue ?? [] {
                let coding = type["coding"]?[0]
                if coding?["system"]?.stringValue == FHIRAppointmentParts.participantKindSystem {
                    kind = coding?["code"]?.stringValue.flatMap { Appointment.Participant.Kind(rawValue: $0) }
                } else if role == nil, type["text"]?.stringValue != "未指定" {
                    role = coded(type)
                }
            }
            if let practitioner = readPractitioner(actor) {
                appointment.participants.append(
                    Appointment.Participant(kind: .practitioner, practitioner: practitioner, role: role))
            } else if let identifier = actor?["identifier"] {
                let code = CodedValue(
                    system: SystemNames.modelSystem(identifier["system"]?.stringValue, tables: options.terminology),
                    code: identifier["value"]?.stringValue ?? "", display: actor?["display"]?.stringValue)
                appointment.participants.append(
                    Appointment.Participant(kind: kind ?? .location, code: code, role: role))
            } else if actor != nil {
                unmapped.append((entries[index].path + ".participant.actor", "the reference does not resolve"))
            }
        }
        appointment.unmappedFragments = carriedFragments(index)
        return (appointment, patient)
    }
}
