public import HIModels
import HIXML

/// Outpatient and inpatient encounter interactions, read into and written from ``HIModels/Encounter``:
/// PRPA_IN400001UV (登记/入院), PRPA_IN400002UV (更新), PRPA_IN400003UV (取消), following the hospital
/// platform interaction specification part 7 (`controlActProcess/subject/encounterEvent` with `code`
/// AMB/IMP/EMER/HH, `subject/patient`, `attender`, `location/serviceDeliveryLocation`, `reason/observationDx`).
///
/// ```swift
/// let encounter = try V3EncounterMessages.encounter(from: message)
/// print(encounter.kind)  // outpatient
/// ```
public enum V3EncounterMessages {
    private static let actCode = "2.16.840.1.113883.5.4"
    private static let kinds: [(String, Encounter.Kind)] = [
        ("AMB", .outpatient), ("IMP", .inpatient), ("EMER", .emergency), ("HH", .homeVisit),
    ]

    /// The encounter of a PRPA_IN40000nUV message; a cancellation has `end` unset and the status in
    /// ``status(from:)``.
    ///
    /// - Throws: ``V3Error`` for another interaction or a missing `encounterEvent`.
    public static func encounter(from message: V3Message) throws(V3Error) -> Encounter {
        try V3Map.require(message, [.encounterNew, .encounterUpdate, .encounterCancel])
        guard let event = message.subjects.first(where: { $0.localName == "encounterEvent" }) else {
            throw V3Map.missing("controlActProcess/subject/encounterEvent", in: message)
        }
        let classCode = V3Map.coded(event.firstChild("code"))
        let kind = kinds.first { $0.0 == classCode?.code }?.1 ?? Encounter.Kind(rawValue: classCode?.code ?? "unknown")
        var encounter = Encounter(kind: kind, provenance: V3Map.provenance(message, event))
        encounter.classCode = classCode
        encounter.identifiers = V3Map.identifiers(event.children("id"))
        encounter.start = V3Map.time(V3Map.find(event, "effectiveTime", "low"))
        encounter.end = V3Map.time(V3Map.find(event, "effectiveTime", "high"))
        if let patient = V3Map.find(event, "subject", "patient") {
            encounter.resident = V3PatientRegistry.resident(patient: patient, message: message)
        }
        for attender in event.children("attender") + event.children("admitter") {
            guard let entity = attender.firstChild("assignedPerson") ?? attender.firstChild("assignedEntity") else {
                continue
            }
            let person = entity.firstChild("assignedPerson") ?? entity.firstChild("assignedPrincipalPerson")
            encounter.practitioners.append(
                Practitioner(
                    name: V3Map.name(person?.firstChild("name")), identifiers: V3Map.identifiers(entity.children("id")))
            )
        }
        if let location = V3Map.find(event, "location", "serviceDeliveryLocation") {
            encounter.department = V3Map.coded(location.firstChild("code"))
            if let organization = location.firstChild("serviceProviderOrganization") {
                encounter.organization = Organization(
                    name: V3Text.value(organization.firstChild("name")?.textContent),
                    identifiers: V3ProviderRegistry.organizationIdentifiers(organization.children("id")))
            }
        }
        for reason in event.children("reason") {
            guard let observation = reason.firstChild("observationDx"),
                let code = V3Map.coded(observation.firstChild("value"))
            else { continue }
            let type = V3Map.coded(observation.firstChild("code"))
            encounter.diagnoses.append(Diagnosis(code: code, isPrimary: encounter.diagnoses.isEmpty, type: type))
        }
        return encounter
    }

    /// `encounterEvent/statusCode/@code` (`active`, `completed`, `cancelled`).
    public static func status(from message: V3Message) -> String? {
        V3XML.trimmedAttribute(
            message.subjects.first { $0.localName == "encounterEvent" }?.firstChild("statusCode"), "code")
    }

    /// A PRPA_IN400001UV (or the update/cancel named by `header.interaction`) for `encounter`.
    public static func message(_ encounter: Encounter, header: V3Header) -> V3Message {
        var header = header
        if header.interaction != .encounterUpdate && header.interaction != .encounterCancel {
            header.interaction = .encounterNew
        }
        header.rootName = header.interaction.rawValue
        var event = V3XML.element("encounterEvent", ["classCode": "ENC", "moodCode": "EVN"])
        var children: [XMLElement] = encounter.identifiers.map { V3Map.idElement($0) }
        let code = kinds.first { $0.1 == encounter.kind }?.0 ?? encounter.classCode?.code ?? encounter.kind.rawValue
        children.append(V3XML.element("code", ["code": code, "codeSystem": actCode]))
        let status =
            header.interaction == .encounterCancel ? "cancelled" : encounter.end == nil ? "active" : "completed"
        children.append(V3XML.element("statusCode", ["code": status]))
        if encounter.start != nil || encounter.end != nil {
            var time = V3XML.element("effectiveTime")
            if let start = encounter.start {
                time.children.append(.element(V3XML.element("low", ["value": V3Map.ts(start)])))
            }
            if let end = encounter.end {
                time.children.append(.element(V3XML.element("high", ["value": V3Map.ts(end)])))
            }
            children.append(time)
        }
        if let resident = encounter.resident {
            children.append(
                V3XML.element("subject", ["typeCode": "SBJ"], [V3PatientRegistry.patientElement(resident)]))
        }
        for practitioner in encounter.practitioners {
            var person = V3XML.element("assignedPerson", ["classCode": "PSN", "determinerCode": "INSTANCE"])
            if let name = practitioner.name { person.children.append(.element(V3Map.nameElement(name))) }
            var entity = V3XML.element("assignedEntity", ["classCode": "ASSIGNED"])
            entity.children += practitioner.identifiers.map {
                .element(
                    V3Map.idElement($0, defaultRoot: V3Identifiers.practitioner))
            }
            entity.children.append(.element(person))
            children.append(V3XML.element("attender", ["typeCode": "ATND"], [entity]))
        }
        if encounter.department != nil || encounter.organization != nil {
            var location = V3XML.element("serviceDeliveryLocation", ["classCode": "SDLOC"])
            if let department = encounter.department {
                location.children.append(.element(V3Map.codeElement("code", department)))
            }
            if let organization = encounter.organization {
                var provider = V3XML.element(
                    "serviceProviderOrganization", ["classCode": "ORG", "determinerCode": "INSTANCE"])
                provider.children += organization.identifiers.map { .element(V3ProviderRegistry.organizationID($0)) }
                if let name = organization.name {
                    provider.children.append(.element(V3XML.element("name", text: name)))
                }
                location.children.append(.element(provider))
            }
            children.append(V3XML.element("location", ["typeCode": "LOC"], [location]))
        }
        for diagnosis in encounter.diagnoses {
            var observation = V3XML.element("observationDx", ["classCode": "OBS", "moodCode": "EVN"])
            if let type = diagnosis.type { observation.children.append(.element(V3Map.codeElement("code", type))) }
            var value = V3Map.codeElement("value", diagnosis.code)
            value.attributes.insert(XMLAttribute("type", prefix: "xsi", namespaceURI: V3XML.xsi, value: "CD"), at: 0)
            observation.children.append(.element(value))
            children.append(V3XML.element("reason", ["typeCode": "RSON"], [observation]))
        }
        event.children = children.map { .element($0) }
        return V3Message(header: header, controlActProcess: V3Header.controlAct([event]))
    }
}
