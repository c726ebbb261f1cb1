import HICore
import HIHL7v2
import HIModels

/// SIU^S12–S15 → ``Appointment``: SCH (identifiers, event reason, reasons, type, duration, status), TQ1 (start, end), NTE
/// (notes), PID/PV1 (resident, visit), RGS, AIS (service), AIG (resources), AIL (places), AIP (practitioners).
extension V2ReadState {
    /// HL7 v2 table 0278 (filler status) to FHIR appointmentstatus.
    static let appointmentStatusByFillerCode: [String: Appointment.Status] = [
        "BOOKED": .booked, "OVERBOOK": .booked, "BLOCKED": .booked, "CANCELLED": .cancelled, "DC": .cancelled,
        "COMPLETE": .fulfilled, "NOSHOW": .noShow, "PENDING": .pending, "WAITLIST": .waitlist, "STARTED": .arrived,
        "DELETED": .enteredInError,
    ]

    mutating func readAppointment(event: String) throws(ConversionError) -> Appointment {
        guard let sch = indices(of: "SCH").first else {
            throw ConversionError(.missingData, "the SIU message has no SCH segment", at: SourceLocation(path: "SCH"))
        }
        consumedSegments.insert(sch)
        var appointment = Appointment(provenance: provenance)
        if indices(of: "PID").first != nil { appointment.resident = try readResident() }
        if let pv1 = indices(of: "PV1").first {
            var visit = readEncounter(pv1)
            visit.provenance = provenance
            appointment.encounter = visit
        }
        if let placer = field(sch, 1).flatMap({ $0.repetitions.first }), let value = component(placer, 1) {
            appointment.identifiers.append(
                Identifier(
                    kind: .other, value: value, authority: component(placer, 2),
                    type: CodedValue(system: "hl7-0203", code: "PLAC")))
        }
        if let filler = field(sch, 2).flatMap({ $0.repetitions.first }), let value = component(filler, 1) {
            appointment.identifiers.append(
                Identifier(
                    kind: .other, value: value, authority: component(filler, 2),
                    type: CodedValue(system: "hl7-0203", code: "FILL")))
        }
        appointment.eventReason = readCE(field(sch, 6)?.repetitions.first)
        appointment.reason = readCE(field(sch, 7)?.repetitions.first)
        appointment.appointmentType = readCE(field(sch, 8)?.repetitions.first)
        if let duration = string(sch, 9), let minutes = Int(duration) {
            let unit = (readCE(field(sch, 10)?.repetitions.first)?.code ?? "min").lowercased()
            switch unit {
            case "min", "m", "minutes": appointment.durationMinutes = minutes
            case "h", "hr", "hour", "hours": appointment.durationMinutes = minutes * 60
            default: unmapped.append(UnmappedFragment(path: path(sch, 9), text: duration))
            }
        }
        if let status = readCE(field(sch, 25)?.repetitions.first) {
            appointment.statusCode = status
            appointment.status = Self.appointmentStatusByFillerCode[status.code.uppercased()]
        }
        if appointment.status == nil {
            appointment.status = event == "S15" ? .cancelled : .booked
        }
        if let timing = field(sch, 11)?.repetitions.first {
            appointment.start = component(timing, 4).map(Timestamp.init)
            appointment.end = component(timing, 5).map(Timestamp.init)
        }
        for tq1 in indices(of: "TQ1") {
            consumedSegments.insert(tq1)
            _ = field(tq1, 1)
            if let start = string(tq1, 7) { appointment.start = Timestamp(start) }
            if let end = string(tq1, 8) { appointment.end = Timestamp(end) }
        }
        for nte in indices(of: "NTE") {
            consumedSegments.insert(nte)
            _ = field(nte, 1)
            _ = field(nte, 2)
            if let note = field(nte, 3)?.repetitions.map({ $0.text.plainText }).joined(separator: "\n") {
                appointment.notes.append(note)
            }
        }
        for rgs in indices(of: "RGS") {
            consumedSegments.insert(rgs)
            _ = field(rgs, 1)
            _ = field(rgs, 2)
        }
        readAppointmentResources(into: &appointment)
        return appointment
    }

    private mutating func readAppointmentResources(into appointment: inout Appointment) {
        for index in segments.indices {
            let id = ids[index]
            guard ["AIS", "AIG", "AIL", "AIP"].contains(id) else { continue }
            consumedSegments.insert(index)
            _ = field(index, 1)
            _ = field(index, 2)
            if id == "AIS" {
                if appointment.service == nil {
                    appointment.service = readCE(field(index, 3)?.repetitions.first)
                } else if let other = field(index, 3) {
                    unmapped.append(UnmappedFragment(path: path(index, 3), text: other.er7))
                }
                if let start = string(index, 4) {
                    if appointment.start == nil {
                        appointment.start = Timestamp(start)
                    } else if appointment.start?.text != start {
                        unmapped.append(UnmappedFragment(path: path(index, 4), text: start))
                    }
                }
                continue
            }
            let role = readCE(field(index, 4)?.repetitions.first)
            switch id {
            case "AIG":
                let code = readCE(field(index, 3)?.repetitions.first)
                appointment.participants.append(Appointment.Participant(kind: .resource, code: code, role: role))
            case "AIL":
                var code: CodedValue? = nil
                if let location = field(index, 3)?.repetitions.first {
                    let parts = components(location)
                    if let unit = parts.first ?? nil {
                        code = CodedValue(system: "", code: unit, display: parts.count > 8 ? parts[8] : nil)
                    }
                    if parts.enumerated().contains(where: { $0.offset >= 1 && $0.offset < 8 && $0.element != nil }) {
                        unmapped.append(UnmappedFragment(path: path(index, 3), text: location.er7))
                    }
                }
                appointment.participants.append(Appointment.Participant(kind: .location, code: code, role: role))
            default:
                let practitioner = readXCN(field(index, 3)?.repetitions.first)
                appointment.participants.append(
                    Appointment.Participant(kind: .practitioner, practitioner: practitioner, role: role))
            }
        }
    }
}
