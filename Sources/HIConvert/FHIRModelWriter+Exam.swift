import HICore
import HIFHIR
import HIModels

/// Exam reports, appointments and follow-ups as FHIR R4.
///
/// - ``ExamReport`` → DiagnosticReport with the category of the exam (HL7 v2 table 0074 or the source's code)
///   and the project category `report-kind#exam` that marks it as an exam; findings as an Observation (LOINC 18782-3, with the body
///   site and notes), the impression as `conclusion`, measured values as Observations, DICOM study UIDs as
///   ImagingStudy resources, other image references as `presentedForm` URLs; the order as a ServiceRequest.
/// - ``Appointment`` → Appointment (status, identifiers, serviceType, appointmentType, reasonCode, start,
///   end, minutesDuration, comment, participants: the Patient, Practitioners, places and resources).
/// - ``FollowUp`` → an Encounter (the visit; the next visit as a planned Encounter) with Observations
///   (blood pressure, fasting glucose, weight, heart rate, classification, adherence) and MedicationRequests.
extension FHIRWriteContext {
    /// The category that marks a DiagnosticReport as an exam report (检查报告) rather than a lab report.
    static let examCategory = CodedValue(
        system: "http://healthinterchange.example/CodeSystem/report-kind", code: "exam", display: "检查报告")
    static let findingsCode = CodedValue(system: "http://loinc.org", code: "18782-3", display: "检查所见")
    static let dicomUIDSystem = "urn:dicom:uid"

    static func isDICOMUID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
    }

    mutating func addExamReport(_ exam: ExamReport) {
        let subject = exam.resident.map { addPatient($0) }
        let encounter = exam.encounter.map { encounter -> String in
            var copy = encounter
            copy.resident = exam.resident
            return addEncounter(copy)
        }
        var orderURL: String? = nil
        let placers = exam.identifiers.filter { $0.type?.code == "PLAC" }
        if let subject, exam.orderedBy != nil || !placers.isEmpty {
            let id = nextID("ServiceRequest")
            var builder = JSONBuilder()
            builder.set("resourceType", "ServiceRequest")
            builder.set("id", id)
            builder.set("identifier", .array(placers.map(identifier)))
            builder.set("status", "completed")
            builder.set("intent", "order")
            builder.set("code", codeableConcept(exam.kind))
            builder.set("subject", reference(subject))
            builder.set("encounter", reference(encounter))
            builder.set("requester", reference(addPractitioner(exam.orderedBy)))
            orderURL = add(builder.value, id: id)
        } else {
            notMapped("ExamReport.orderedBy", exam.orderedBy != nil)
            notMapped("ExamReport.identifiers(PLAC)", !placers.isEmpty)
        }
        let performer = addPractitioner(exam.performer)
        let reviewer = addPractitioner(exam.reviewer)
        var resultURLs: [String] = []
        if let findings = exam.findings {
            var result = LabResult(code: Self.findingsCode, value: .text(findings))
            result.notes = exam.notes
            var extra: [JSONMember] = []
            if let site = codeableConcept(exam.bodySite) { extra.append(JSONMember(key: "bodySite", value: site)) }
            resultURLs.append(
                addObservation(
                    result, path: "ExamReport.findings", category: "imaging", status: exam.status, subject: subject,
                    encounter: encounter, basedOn: orderURL, specimen: nil, extra: extra))
        } else {
            notMapped("ExamReport.bodySite", exam.bodySite != nil)
            notMapped("ExamReport.notes", !exam.notes.isEmpty)
        }
        for (index, result) in exam.results.enumerated() {
            resultURLs.append(
                addObservation(
                    result, path: "ExamReport.results[\(index)]", category: "imaging", status: exam.status,
                    subject: subject, encounter: encounter, basedOn: orderURL, specimen: nil))
        }
        var studies: [String] = []
        var forms: [JSONValue] = []
        for (index, reference) in exam.imageReferences.enumerated() {
            if Self.isDICOMUID(reference), let subject {
                let id = nextID("ImagingStudy")
                var uid = JSONBuilder()
                uid.set("system", Self.dicomUIDSystem)
                uid.set("value", "urn:oid:" + reference)
                var builder = JSONBuilder()
                builder.set("resourceType", "ImagingStudy")
                builder.set("id", id)
                builder.set("identifier", .array([uid.value]))
                builder.set("status", "available")
                builder.set("subject", self.reference(subject))
                studies.append(add(builder.value, id: id))
            } else if Self.isDICOMUID(reference) {
                notMapped("ExamReport.imageReferences[\(index)]", true)
            } else {
                var form = JSONBuilder()
                form.set("url", reference)
                forms.append(form.value)
            }
        }
        let id = nextID("DiagnosticReport")
        var builder = JSONBuilder()
        builder.set("resourceType", "DiagnosticReport")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(exam.unmappedFragments))
        builder.set("identifier", .array(exam.identifiers.filter { $0.type?.code != "PLAC" }.map(identifier)))
        builder.set("basedOn", orderURL.map { .array([reference($0)].compactMap { $0 }) })
        builder.set("status", status(exam.status, path: "ExamReport.status"))
        var categories: [JSONValue] = []
        if let category = exam.category {
            let mapped = category.system == "hl7-0074" ? CodedValue(system: "HL70074", code: category.code) : category
            if let value = codeableConcept(mapped) { categories.append(value) }
        }
        if let marker = codeableConcept(Self.examCategory) { categories.append(marker) }
        builder.set("category", .array(categories))
        if let kind = exam.kind {
            builder.set("code", codeableConcept(kind))
        } else {
            var code = JSONBuilder()
            code.set("text", "检查报告")
            builder.set("code", code.value)
        }
        builder.set("subject", reference(subject))
        builder.set("encounter", reference(encounter))
        builder.set("effectiveDateTime", dt(exam.performedAt, "ExamReport.performedAt"))
        builder.set("issued", exam.reportedAt.flatMap { instant($0) })
        builder.set("performer", .array([performer].compactMap { reference($0) }))
        builder.set("resultsInterpreter", .array([reviewer].compactMap { reference($0) }))
        builder.set("result", .array(resultURLs.compactMap { reference($0) }))
        builder.set("imagingStudy", .array(studies.compactMap { reference($0) }))
        builder.set("conclusion", exam.impression)
        builder.set("presentedForm", .array(forms))
        _ = add(builder.value, id: id)
    }

    mutating func addAppointment(_ appointment: Appointment) {
        let subject = appointment.resident.map { addPatient($0) }
        notMapped("Appointment.encounter", appointment.encounter != nil)
        let id = nextID("Appointment")
        var builder = JSONBuilder()
        builder.set("resourceType", "Appointment")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(appointment.unmappedFragments))
        builder.set("identifier", .array(appointment.identifiers.map(identifier)))
        builder.set("status", (appointment.status ?? .booked).rawValue)
        notMapped("Appointment.statusCode", appointment.statusCode != nil && appointment.status == nil)
        builder.set("cancelationReason", codeableConcept(appointment.eventReason))
        builder.set("serviceType", codeableConcept(appointment.service).map { .array([$0]) })
        builder.set("appointmentType", codeableConcept(appointment.appointmentType))
        builder.set("reasonCode", codeableConcept(appointment.reason).map { .array([$0]) })
        builder.set("start", appointment.start.flatMap { instant($0, path: "Appointment.start") })
        builder.set("end", appointment.end.flatMap { instant($0, path: "Appointment.end") })
        if let minutes = appointment.durationMinutes, minutes > 0 {
            builder.set("minutesDuration", .number(JSONNumber(minutes)))
        }
        builder.set("comment", appointment.notes.isEmpty ? nil : appointment.notes.joined(separator: "\n"))
        var participants: [JSONValue] = []
        if let subject {
            var item = JSONBuilder()
            item.set("actor", reference(subject))
            item.set("status", "accepted")
            participants.append(item.value)
        }
        for participant in appointment.participants {
            var item = JSONBuilder()
            var type = JSONBuilder()
            var kind = JSONBuilder()
            kind.set("system", FHIRAppointmentParts.participantKindSystem)
            kind.set("code", participant.kind.rawValue)
            type.set("coding", .array([kind.value]))
            var types: [JSONValue] = [type.value]
            if let role = codeableConcept(participant.role) { types.append(role) }
            item.set("type", .array(types))
            switch participant.kind {
            case .practitioner:
                item.set("actor", reference(addPractitioner(participant.practitioner)))
            case .location, .resource:
                if let code = participant.code {
                    var actor = JSONBuilder()
                    var value = JSONBuilder()
                    if let system = SystemNames.fhirSystem(code.system, tables: options.terminology) {
                        value.set("system", system)
                    }
                    value.set("value", code.code)
                    actor.set("identifier", value.value)
                    actor.set("display", code.display)
                    item.set("actor", actor.value)
                }
            }
            item.set("status", "accepted")
            participants.append(item.value)
        }
        if participants.isEmpty {
            // R4 requires at least one participant.
            var item = JSONBuilder()
            var type = JSONBuilder()
            type.set("text", "未指定")
            item.set("type", .array([type.value]))
            item.set("status", "needs-action")
            participants.append(item.value)
        }
        builder.set("participant", .array(participants))
        _ = add(builder.value, id: id)
    }

    mutating func instant(_ time: Timestamp, path: String) -> String? {
        let iso = TimeText.fhirDateTime(time.text)
        if iso.utf8.count >= 20, TimeText.isFHIRDateTime(iso) { return iso }
        report.unmapped.append(UnmappedItem(path: path, reason: "not precise enough for an instant"))
        return nil
    }

    mutating func addFollowUp(_ followUp: FollowUp) throws(ConversionError) {
        let subject = followUp.resident.map { addPatient($0) }
        let date = followUp.date.map { Timestamp($0.compact) }
        let id = nextID("Encounter")
        var builder = JSONBuilder()
        builder.set("resourceType", "Encounter")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(followUp.unmappedFragments))
        builder.set("identifier", .array(followUp.identifiers.map(identifier)))
        builder.set("status", "finished")
        builder.set("class", coding(CodedValue(system: "v3-ActCode", code: "AMB")))
        let disease = CodedValue(
            system: FHIRAppointmentParts.followUpSystem, code: followUp.disease.rawValue,
            display: followUp.disease == .hypertension ? "高血压患者随访" : "2型糖尿病患者随访")
        builder.set("type", .array([codeableConcept(disease)].compactMap { $0 }))
        builder.set("serviceType", codeableConcept(followUp.method))
        builder.set("subject", reference(subject))
        if let doctor = addPractitioner(followUp.doctor) {
            var item = JSONBuilder()
            item.set("individual", reference(doctor))
            builder.set("participant", .array([item.value]))
        }
        builder.set("period", period(date, nil))
        let encounter = add(builder.value, id: id)
        func loinc(_ code: String, _ display: String) -> CodedValue {
            CodedValue(system: "http://loinc.org", code: code, display: display)
        }
        var results: [LabResult] = []
        func addResult(_ code: CodedValue, _ value: ResultValue?) {
            guard let value else { return }
            var result = LabResult(code: code, value: value)
            result.observedAt = date
            results.append(result)
        }
        addResult(
            loinc("8480-6", "收缩压"), followUp.systolic.map { .quantity(Quantity(value: String($0), unit: "mmHg")) })
        addResult(
            loinc("8462-4", "舒张压"), followUp.diastolic.map { .quantity(Quantity(value: String($0), unit: "mmHg")) })
        addResult(loinc("1558-6", "空腹血糖"), followUp.fastingGlucose.map { .quantity($0) })
        addResult(loinc("29463-7", "体重"), followUp.weight.map { .quantity($0) })
        addResult(
            loinc("8867-4", "心率"), followUp.heartRate.map { .quantity(Quantity(value: String($0), unit: "/min")) })
        addResult(
            CodedValue(system: FHIRAppointmentParts.followUpSystem, code: "classification", display: "此次随访分类"),
            followUp.classification.map { .coded($0) })
        addResult(
            CodedValue(system: FHIRAppointmentParts.followUpSystem, code: "adherence", display: "服药依从性"),
            followUp.medicationAdherence.map { .coded($0) })
        let final = CodedValue(system: "fhir-observation-status", code: "final")
        for (index, result) in results.enumerated() {
            _ = addObservation(
                result, path: "FollowUp.observations[\(index)]", category: "vital-signs", status: final,
                subject: subject, encounter: encounter, basedOn: nil, specimen: nil)
        }
        for medication in followUp.medications {
            var order = medication
            if order.resident == nil { order.resident = followUp.resident }
            try addMedicationOrder(order)
        }
        if let next = followUp.nextDate {
            let nextID = nextID("Encounter")
            var planned = JSONBuilder()
            planned.set("resourceType", "Encounter")
            planned.set("id", nextID)
            planned.set("status", "planned")
            planned.set("class", coding(CodedValue(system: "v3-ActCode", code: "AMB")))
            planned.set("type", .array([codeableConcept(disease)].compactMap { $0 }))
            planned.set("subject", reference(subject))
            planned.set("period", period(Timestamp(next.compact), nil))
            planned.set("partOf", reference(encounter))
            _ = add(planned.value, id: nextID)
        }
    }
}

/// Project code systems used in the FHIR mapping of appointments and follow-ups.
enum FHIRAppointmentParts {
    /// Marks what kind of resource an Appointment participant is (practitioner, location, resource).
    static let participantKindSystem = "http://healthinterchange.example/CodeSystem/appointment-participant-kind"
    /// Follow-up kinds and items (hypertension, diabetes, classification, adherence).
    static let followUpSystem = "http://healthinterchange.example/CodeSystem/follow-up"
}
