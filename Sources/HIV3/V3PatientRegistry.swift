public import HIModels
import HIXML

/// A resident merge (PRPA_IN201304UV02): the surviving resident and the identifiers of the records
/// merged into it.
///
/// ```swift
/// let merge = V3ResidentMerge(
///     surviving: Resident(identifiers: [Identifier(kind: .other, value: "P001", authority: "2.16.156.10011.1.10")]),
///     replaced: [Identifier(kind: .other, value: "P009", authority: "2.16.156.10011.1.10")])
/// ```
public struct V3ResidentMerge: Sendable, Hashable {
    /// The resident that remains.
    public var surviving: Resident
    /// The identifiers of the records that are merged into it and retired.
    public var replaced: [Identifier]

    /// Creates a merge.
    public init(surviving: Resident, replaced: [Identifier]) {
        self.surviving = surviving
        self.replaced = replaced
    }
}

/// Resident (patient) registry interactions, read into and written from ``HIModels/Resident``:
/// registration PRPA_IN201311UV02, update PRPA_IN201314UV02, merge PRPA_IN201304UV02, query
/// PRPA_IN201305UV02 and its response PRPA_IN201306UV02 (WS/T 790.6-2021 居民注册服务 structures over the HL7 V3
/// NE2008 PA models: `controlActProcess/subject/registrationRequest/subject1/patient/patientPerson`).
///
/// ```swift
/// let message = try V3Message(parsing: bytes)
/// let resident = try V3PatientRegistry.resident(from: message)
/// print(resident.residentIDNumber?.value ?? "")
/// let back = V3PatientRegistry.registration(resident, header: message.header)
/// ```
public enum V3PatientRegistry {
    /// The resident of a registration or update (or the first one of a query response).
    ///
    /// - Throws: ``V3Error`` when the message is another interaction or has no `patient`.
    public static func resident(from message: V3Message) throws(V3Error) -> Resident {
        try V3Map.require(message, [.patientRegistration, .patientUpdate, .patientMerge, .patientQueryResponse])
        guard let resident = try residents(from: message).first else {
            throw V3Map.missing("patient below controlActProcess/subject", in: message)
        }
        return resident
    }

    /// Every resident of the message (a query response may hold several).
    ///
    /// - Throws: ``V3Error`` when the message is not a resident interaction.
    public static func residents(from message: V3Message) throws(V3Error) -> [Resident] {
        try V3Map.require(message, [.patientRegistration, .patientUpdate, .patientMerge, .patientQueryResponse])
        return message.subjects.compactMap { subject in
            V3Map.find(subject, "subject1", "patient").map { resident(patient: $0, message: message) }
        }
    }

    /// The merge of a PRPA_IN201304UV02: the surviving patient and
    /// `replacementOf/priorRegistration/subject1/priorRegisteredRole/id`.
    ///
    /// - Throws: ``V3Error`` when the message is not a merge or lacks the patient.
    public static func merge(from message: V3Message) throws(V3Error) -> V3ResidentMerge {
        try V3Map.require(message, [.patientMerge])
        let surviving = try resident(from: message)
        var replaced: [Identifier] = []
        for subject in message.subjects {
            for replacement in subject.children("replacementOf") {
                if let role = V3Map.find(replacement, "priorRegistration", "subject1", "priorRegisteredRole") {
                    replaced += V3Map.identifiers(role.children("id"))
                }
            }
        }
        return V3ResidentMerge(surviving: surviving, replaced: replaced)
    }

    /// The identifiers asked for by a PRPA_IN201305UV02 (`queryByParameter/parameterList/livingSubjectId/value`
    /// or `patientIdentifier/value`).
    ///
    /// - Throws: ``V3Error`` when the message is not a query or has no `queryByParameter`.
    public static func queryIdentifiers(from message: V3Message) throws(V3Error) -> [Identifier] {
        try V3Map.require(message, [.patientQuery])
        guard let list = V3Map.find(message.controlActProcess, "queryByParameter", "parameterList") else {
            throw V3Map.missing("controlActProcess/queryByParameter/parameterList", in: message)
        }
        let parameters = list.children("livingSubjectId") + list.children("patientIdentifier")
        return V3Map.identifiers(parameters.flatMap { $0.children("value") })
    }

    // MARK: writing

    /// A registration (or, when `header.interaction` is ``V3Interaction/patientUpdate``, an update) of
    /// `resident`.
    public static func registration(_ resident: Resident, header: V3Header) -> V3Message {
        var header = header
        if header.interaction != .patientUpdate { header.interaction = .patientRegistration }
        header.rootName = header.interaction.rawValue
        let request = registrationRequest(resident, replaced: [])
        let trigger = header.interaction == .patientUpdate ? "PRPA_TE201314UV02" : "PRPA_TE201311UV02"
        return V3Message(header: header, controlActProcess: V3Header.controlAct([request], triggerEvent: trigger))
    }

    /// A merge message.
    public static func merge(_ merge: V3ResidentMerge, header: V3Header) -> V3Message {
        var header = header
        header.interaction = .patientMerge
        header.rootName = header.interaction.rawValue
        let request = registrationRequest(merge.surviving, replaced: merge.replaced)
        return V3Message(
            header: header, controlActProcess: V3Header.controlAct([request], triggerEvent: "PRPA_TE201304UV02"))
    }

    /// A query for the residents holding `identifiers`; `queryID` names the query.
    public static func query(_ identifiers: [Identifier], queryID: String, header: V3Header) -> V3Message {
        var header = header
        header.interaction = .patientQuery
        header.rootName = header.interaction.rawValue
        var list = V3XML.element("parameterList")
        for identifier in identifiers {
            list.children.append(
                .element(
                    V3XML.element(
                        "livingSubjectId", [:],
                        [
                            V3Map.idElement(identifier, name: "value"),
                            V3XML.element("semanticsText", text: "LivingSubject.id"),
                        ]
                    )))
        }
        let query = V3XML.element(
            "queryByParameter", [:],
            [
                V3XML.element("queryId", ["root": V3Identifiers.message, "extension": queryID]),
                V3XML.element("statusCode", ["code": "new"]),
                V3XML.element("responseModalityCode", ["code": "R"]),
                V3XML.element("responsePriorityCode", ["code": "I"]), list,
            ])
        var controlAct = V3Header.controlAct([], triggerEvent: "PRPA_TE201305UV02")
        controlAct.children.append(.element(query))
        return V3Message(header: header, controlActProcess: controlAct)
    }

    /// The response to `query` listing `residents`, with `acknowledgement` AA referencing the query's
    /// message id and a `queryAck` echoing its query id.
    public static func queryResponse(_ residents: [Resident], to query: V3Message, header: V3Header) -> V3Message {
        var header = header
        header.interaction = .patientQueryResponse
        header.rootName = header.interaction.rawValue
        let acknowledgement = V3Acknowledgement(code: .accept, targetMessageID: query.id, details: [])
        let events = residents.map { resident in
            V3XML.element(
                "registrationEvent", ["classCode": "REG", "moodCode": "EVN"],
                [V3XML.element("statusCode", ["code": "active"]), subject1(resident)])
        }
        var controlAct = V3Header.controlAct(events, triggerEvent: "PRPA_TE201306UV02")
        let queryElement = V3Map.find(query.controlActProcess, "queryByParameter")
        var queryAck = V3XML.element("queryAck")
        if let queryId = queryElement?.firstChild("queryId") { queryAck.children.append(.element(queryId)) }
        queryAck.children += [
            .element(V3XML.element("queryResponseCode", ["code": residents.isEmpty ? "NF" : "OK"])),
            .element(V3XML.element("resultTotalQuantity", ["value": String(residents.count)])),
        ]
        controlAct.children.append(.element(queryAck))
        if let queryElement { controlAct.children.append(.element(queryElement)) }
        return V3Message(
            header: header, acknowledgement: acknowledgement.element, controlActProcess: controlAct)
    }

    // MARK: mapping

    private static let personKinds: Set<Identifier.Kind> = [.residentIDCard, .healthCardNumber, .passport]

    static func resident(patient: XMLElement, message: V3Message) -> Resident {
        var resident = Resident(provenance: V3Map.provenance(message, patient))
        let person = patient.firstChild("patientPerson") ?? patient.firstChild("person")
        resident.identifiers = V3Map.identifiers(patient.children("id"))
        if let person {
            resident.identifiers = V3Map.identifiers(person.children("id")) + resident.identifiers
            resident.names = person.children("name").compactMap(V3Map.name)
            resident.telecom = person.children("telecom").compactMap(V3Map.telecom)
            resident.sex = V3Map.coded(person.firstChild("administrativeGenderCode"))
            resident.birthDate = V3Map.time(person.firstChild("birthTime"))?.date
            resident.addresses = person.children("addr").compactMap(V3Map.address)
            resident.maritalStatus = V3Map.coded(person.firstChild("maritalStatusCode"))
            resident.ethnicity = V3Map.coded(person.firstChild("ethnicGroupCode"))
            resident.occupation = V3Map.coded(V3Map.find(person, "asEmployee", "occupationCode"))
            resident.nationality = V3Map.coded(V3Map.find(person, "asCitizen", "politicalNation", "code"))
        }
        return resident
    }

    static func patientElement(_ resident: Resident) -> XMLElement {
        var patient = V3XML.element("patient", ["classCode": "PAT"])
        for identifier in resident.identifiers where !personKinds.contains(identifier.kind) {
            patient.children.append(.element(V3Map.idElement(identifier)))
        }
        patient.children.append(.element(V3XML.element("statusCode", ["code": "active"])))
        var person = V3XML.element("patientPerson", ["classCode": "PSN", "determinerCode": "INSTANCE"])
        var children: [XMLElement] = []
        children += resident.identifiers.filter { personKinds.contains($0.kind) }.map { V3Map.idElement($0) }
        children += resident.names.map(V3Map.nameElement)
        children += resident.telecom.map(V3Map.telecomElement)
        if let sex = resident.sex { children.append(V3Map.codeElement("administrativeGenderCode", sex)) }
        if let birth = resident.birthDate { children.append(V3XML.element("birthTime", ["value": birth.compact])) }
        children += resident.addresses.map(V3Map.addressElement)
        if let marital = resident.maritalStatus { children.append(V3Map.codeElement("maritalStatusCode", marital)) }
        if let ethnic = resident.ethnicity { children.append(V3Map.codeElement("ethnicGroupCode", ethnic)) }
        if let occupation = resident.occupation {
            children.append(
                V3XML.element(
                    "asEmployee", ["classCode": "EMP"], [V3Map.codeElement("occupationCode", occupation)]))
        }
        if let nation = resident.nationality {
            let political = V3XML.element(
                "politicalNation", ["classCode": "NAT", "determinerCode": "INSTANCE"],
                [
                    V3Map.codeElement("code", nation)
                ])
            children.append(V3XML.element("asCitizen", ["classCode": "CIT"], [political]))
        }
        person.children = children.map { .element($0) }
        patient.children.append(.element(person))
        return patient
    }

    static func subject1(_ resident: Resident) -> XMLElement {
        V3XML.element("subject1", ["typeCode": "SBJ"], [patientElement(resident)])
    }

    private static func registrationRequest(_ resident: Resident, replaced: [Identifier]) -> XMLElement {
        var request = V3XML.element(
            "registrationRequest", ["classCode": "REG", "moodCode": "RQO"],
            [V3XML.element("statusCode", ["code": "active"]), subject1(resident)])
        if !replaced.isEmpty {
            let role = V3XML.element("priorRegisteredRole", ["classCode": "PAT"], replaced.map { V3Map.idElement($0) })
            let prior = V3XML.element(
                "priorRegistration", ["classCode": "REG", "moodCode": "EVN"],
                [
                    V3XML.element("statusCode", ["code": "obsolete"]),
                    V3XML.element("subject1", ["typeCode": "SBJ"], [role]),
                ])
            request.children.append(.element(V3XML.element("replacementOf", ["typeCode": "RPLC"], [prior])))
        }
        return request
    }
}
