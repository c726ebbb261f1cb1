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
            var (out, root) = resourceWriter("ServiceRequest", id: id)
            identifiers("identifier", placers, into: &out)
            out.field("status", literal: "completed")
            out.field("intent", literal: "order")
            codeableConcept("code", exam.kind, into: &out)
            out.reference("subject", subject)
            out.reference("encounter", encounter)
            out.reference("requester", addPractitioner(exam.orderedBy))
            orderURL = add(out, root, id: id)
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
            resultURLs.append(
                addObservation(
                    result, path: "ExamReport.findings", category: "imaging", status: exam.status, subject: subject,
                    encounter: encounter, basedOn: orderURL, specimen: nil, bodySite: exam.bodySite))
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
        var forms: [String] = []
        for (index, reference) in exam.imageReferences.enumerated() {
            if Self.isDICOMUID(reference), let subject {
                let id = nextID("ImagingStudy")
                var (out, root) = resourceWriter("ImagingStudy", id: id)
                let list = out.openArray("identifier")
                let uid = out.openElement()
                out.field("system", Self.dicomUIDSystem)
                out.field("value", "urn:oid:" + reference)
                out.closeObject(uid)
                out.closeArray(list)
                out.field("status", literal: "available")
                out.reference("subject", subject)
                studies.append(add(out, root, id: id))
            } else if Self.isDICOMUID(reference) {
                notMapped("ExamReport.imageReferences[\(index)]", true)
            } else {
                forms.append(reference)
            }
        }
        let id = nextID("DiagnosticReport")
        var (out, root) = resourceWriter("DiagnosticReport", id: id)
        unmappedExtensions(exam.unmappedFragments, into: &out)
        identifiers("identifier", exam.identifiers.filter { $0.type?.code != "PLAC" }, into: &out)
        out.references("basedOn", [orderURL])
        out.field("status", status(exam.status, path: "ExamReport.status"))
        let categories = out.openArray("category")
        if let category = exam.category {
            let mapped = category.system == "hl7-0074" ? CodedValue(system: "HL70074", code: category.code) : category
            codeableConceptElement(mapped, into: &out)
        }
        codeableConceptElement(Self.examCategory, into: &out)
        out.closeArray(categories)
        if let kind = exam.kind {
            codeableConcept("code", kind, into: &out)
        } else {
            let code = out.openObject("code")
            out.field("text", literal: "检查报告")
            out.closeObject(code)
        }
        out.reference("subject", subject)
        out.reference("encounter", encounter)
        out.field("effectiveDateTime", dt(exam.performedAt, "ExamReport.performedAt"))
        out.field("issued", exam.reportedAt.flatMap { instant($0) })
        out.references("performer", [performer])
        out.references("resultsInterpreter", [reviewer])
        out.references("result", resultURLs)
        out.references("imagingStudy", studies)
        out.field("conclusion", exam.impression)
        let presented = out.openArray("presentedForm")
        for form in forms {
            let item = out.openElement()
            out.field("url", form)
            out.closeObject(item)
        }
        out.closeArray(presented)
        _ = add(out, root, id: id)
    }

    mutating func addAppointment(_ appointment: Appointment) {
        let subject = appointment.resident.map { addPatient($0) }
        notMapped("Appointment.encounter", appointment.encounter != nil)
        let id = nextID("Appointment")
        var (out, root) = resourceWriter("Appointment", id: id)
        unmappedExtensions(appointment.unmappedFragments, into: &out)
        identifiers("identifier", appointment.identifiers, into: &out)
        out.field("status", (appointment.status ?? .booked).rawValue)
        notMapped("Appointment.statusCode", appointment.statusCode != nil && appointment.status == nil)
        codeableConcept("cancelationReason", appointment.eventReason, into: &out)
        codeableConceptArray("serviceType", appointment.service, into: &out)
        codeableConcept("appointmentType", appointment.appointmentType, into: &out)
        codeableConceptArray("reasonCode", appointment.reason, into: &out)
        out.field("start", appointment.start.flatMap { instant($0, path: "Appointment.start") })
        out.field("end", appointment.end.flatMap { instant($0, path: "Appointment.end") })
        if let minutes = appointment.durationMinutes, minutes > 0 {
            out.number("minutesDuration", minutes)
        }
        out.field("comment", appointment.notes.isEmpty ? nil : appointment.notes.joined(separator: "\n"))
        let participants = out.openArray("participant")
        if let subject {
            let item = out.openElement()
            out.reference("actor", subject)
            out.field("status", literal: "accepted")
            out.closeObject(item)
        }
        for participant in appointment.participants {
            let item = out.openElement()
            let types = out.openArray("type")
            let type = out.openElement()
            let codings = out.openArray("coding")
            let kind = out.openElement()
            out.field("system", FHIRAppointmentParts.participantKindSystem)
            out.field("code", participant.kind.rawValue)
            out.closeObject(kind)
            out.closeArray(codings)
            out.closeObject(type)
            codeableConceptElement(participant.role, into: &out)
            out.closeArray(types)
            switch participant.kind {
            case .practitioner:
                out.reference("actor", addPractitioner(participant.practitioner))
            case .location, .resource:
                if let code = participant.code {
                    let actor = out.openObject("actor")
                    let value = out.openObject("identifier")
                    if let system = SystemNames.fhirSystem(code.system, tables: options.terminology) {
                        out.field("system", system)
                    }
                    out.field("value", code.code)
                    out.closeObject(value)
                    out.field("display", code.display)
                    out.closeObject(actor)
                }
            }
            out.field("status", literal: "accepted")
            out.closeObject(item)
        }
        if appointment.participants.isEmpty && subject == nil {
            // R4 requires at least one participant.
            let item = out.openElement()
            let types = out.openArray("type")
            let type = out.openElement()
            out.field("text", literal: "未指定")
            out.closeObject(type)
            out.closeArray(types)
            out.field("status", literal: "needs-action")
            out.closeObject(item)
        }
        out.closeArray(participants)
        _ = add(out, root, id: id)
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
        var (out, root) = resourceWriter("Encounter", id: id)
        unmappedExtensions(followUp.unmappedFragments, into: &out)
        identifiers("identifier", followUp.identifiers, into: &out)
        out.field("status", literal: "finished")
        coding("class", CodedValue(system: "v3-ActCode", code: "AMB"), into: &out)
        let disease = CodedValue(
            system: FHIRAppointmentParts.followUpSystem, code: followUp.disease.rawValue,
            display: followUp.disease == .hypertension ? "高血压患者随访" : "2型糖尿病患者随访")
        codeableConceptArray("type", disease, into: &out)
        codeableConcept("serviceType", followUp.method, into: &out)
        out.reference("subject", subject)
        if let doctor = addPractitioner(followUp.doctor) {
            let list = out.openArray("participant")
            let item = out.openElement()
            out.reference("individual", doctor)
            out.closeObject(item)
            out.closeArray(list)
        }
        period(date, nil, into: &out)
        let encounter = add(out, root, id: id)
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
            var (planned, root) = resourceWriter("Encounter", id: nextID)
            planned.field("status", literal: "planned")
            coding("class", CodedValue(system: "v3-ActCode", code: "AMB"), into: &planned)
            codeableConceptArray("type", disease, into: &planned)
            planned.reference("subject", subject)
            period(Timestamp(next.compact), nil, into: &planned)
            planned.reference("partOf", encounter)
            _ = add(planned, root, id: nextID)
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
