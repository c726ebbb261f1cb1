import HICore
import HIModels

/// ``Appointment`` → SIU (S12 new booking, S15 cancellation) and ``ExamReport`` → ORU^R01 with an imaging
/// OBR: the inverses of the reader's SIU and exam mappings.
extension ER7Writer {
    /// FHIR appointmentstatus to HL7 v2 table 0278.
    static let fillerCodeByAppointmentStatus: [Appointment.Status: String] = [
        .booked: "Booked", .cancelled: "Cancelled", .fulfilled: "Complete", .noShow: "Noshow", .pending: "Pending",
        .waitlist: "Waitlist", .arrived: "Started", .enteredInError: "Deleted",
    ]

    mutating func appointment(_ value: Appointment) {
        func id(_ type: String) -> Identifier? { value.identifiers.first { $0.type?.code == type } }
        func ei(_ identifier: Identifier?) -> String {
            guard let identifier else { return "" }
            return Self.components([Self.escape(identifier.value), Self.escape(identifier.authority)])
        }
        var sch: [Int: String] = [1: ei(id("PLAC")), 2: ei(id("FILL"))]
        sch[6] = ce(value.eventReason)
        sch[7] = ce(value.reason)
        sch[8] = ce(value.appointmentType)
        if let minutes = value.durationMinutes {
            sch[9] = String(minutes)
            sch[10] = "min"
        }
        if let status = value.statusCode {
            sch[25] = ce(status)
        } else if let status = value.status, status != .booked, status != .cancelled,
            let code = Self.fillerCodeByAppointmentStatus[status]
        {
            sch[25] = code
        }
        segment("SCH", sparse: sch)
        if value.start != nil || value.end != nil {
            segment("TQ1", sparse: [1: "1", 7: ts(value.start), 8: ts(value.end)])
        }
        for (number, note) in value.notes.enumerated() { segment("NTE", [String(number + 1), "", Self.escape(note)]) }
        if let resident = value.resident { pid(resident) }
        if let visit = value.encounter {
            pv1(visit)
            dg1(visit.diagnoses)
        }
        segment("RGS", ["1", "A"])
        if let service = value.service { segment("AIS", ["1", "A", ce(service)]) }
        var counts: [Appointment.Participant.Kind: Int] = [:]
        for participant in value.participants {
            counts[participant.kind, default: 0] += 1
            let number = String(counts[participant.kind] ?? 1)
            switch participant.kind {
            case .resource:
                segment("AIG", [number, "A", ce(participant.code), ce(participant.role)])
            case .location:
                var location = [Self.escape(participant.code?.code)]
                if let display = participant.code?.display {
                    location += Array(repeating: "", count: 7) + [Self.escape(display)]
                }
                segment("AIL", [number, "A", Self.components(location), ce(participant.role)])
            case .practitioner:
                segment("AIP", [number, "A", xcn(participant.practitioner), ce(participant.role)])
            }
        }
        let known = ["PLAC", "FILL"]
        for identifier in value.identifiers where !known.contains(identifier.type?.code ?? "") {
            report.unmapped.append(
                UnmappedItem(path: "Appointment.identifiers", reason: "no v2 field for this identifier"))
        }
    }

    mutating func exam(_ exam: ExamReport) {
        func id(_ type: String) -> String? { exam.identifiers.first { $0.type?.code == type }?.value }
        let placer = Self.escape(id("PLAC"))
        let filler = Self.escape(id("FILL"))
        segment("ORC", sparse: [1: "RE", 2: placer, 3: filler, 4: Self.escape(id("PGN"))])
        var obr: [Int: String] = [1: "1", 2: placer, 3: filler, 4: ce(exam.kind)]
        obr[7] = ts(exam.performedAt)
        if let site = exam.bodySite {
            var subs = [Self.escape(site.code), Self.escape(site.display), Self.escape(v2System(site.system))]
            while subs.last == "" { subs.removeLast() }
            obr[15] = "^^^" + subs.joined(separator: "&")
        }
        obr[16] = xcn(exam.orderedBy)
        obr[22] = ts(exam.reportedAt)
        if let category = exam.category { obr[24] = Self.escape(category.code) }
        if let status = translated(exam.status, to: "hl7-0085", path: "ExamReport.status") {
            obr[25] = Self.escape(status.code)
        }
        obr[32] = ndl(exam.reviewer)
        obr[34] = ndl(exam.performer)
        segment("OBR", sparse: obr)
        for (number, note) in exam.notes.enumerated() { segment("NTE", [String(number + 1), "", Self.escape(note)]) }
        var number = 0
        func text(_ code: String, _ display: String, _ value: String) -> LabResult {
            LabResult(code: CodedValue(system: "LN", code: code, display: display), value: .text(value))
        }
        var results: [LabResult] = []
        if let findings = exam.findings { results.append(text("18782-3", "检查所见", findings)) }
        if let impression = exam.impression { results.append(text("19005-8", "检查结论", impression)) }
        for result in results + exam.results {
            number += 1
            obx(result, index: number)
        }
        for reference in exam.imageReferences {
            number += 1
            segment(
                "OBX",
                sparse: [1: String(number), 2: "RP", 3: "113014^DICOM Study^DCM", 5: Self.escape(reference), 11: "F"])
        }
        let known = ["PLAC", "FILL", "PGN"]
        for identifier in exam.identifiers where !known.contains(identifier.type?.code ?? "") {
            report.unmapped.append(
                UnmappedItem(path: "ExamReport.identifiers", reason: "no v2 field for this identifier"))
        }
    }
}
