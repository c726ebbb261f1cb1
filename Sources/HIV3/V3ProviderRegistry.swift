public import HIModels
import HIXML

/// Organisation and practitioner registration, read into and written from ``HIModels/Organization`` and
/// ``HIModels/Practitioner``: PRPM_IN401030UV01 (WS/T 790-2021 part 7,
/// `registrationRequest/subject1/assignedEntity/assignedPrincipalOrganization`) and PRPM_IN301010UV01
/// (part 8, `registrationRequest/subject1/healthCareProvider/healthCarePrincipalPerson`).
///
/// ```swift
/// let organization = try V3ProviderRegistry.organization(from: message)
/// print(organization.name ?? "")
/// ```
public enum V3ProviderRegistry {
    /// The organisation of a PRPM_IN401030UV01.
    ///
    /// - Throws: ``V3Error`` for another interaction or a missing `assignedEntity`.
    public static func organization(from message: V3Message) throws(V3Error) -> Organization {
        try V3Map.require(message, [.organizationRegistration])
        guard let entity = message.subjects.lazy.compactMap({ V3Map.find($0, "subject1", "assignedEntity") }).first
        else { throw V3Map.missing("registrationRequest/subject1/assignedEntity", in: message) }
        let organizationElement = entity.firstChild("assignedPrincipalOrganization")
        var organization = Organization(
            name: V3Text.value(organizationElement?.firstChild("name")?.textContent),
            identifiers: organizationIdentifiers(entity.children("id") + (organizationElement?.children("id") ?? [])),
            provenance: V3Map.provenance(message, entity))
        organization.type = V3Map.coded(entity.firstChild("code"))
        organization.addresses = entity.children("addr").compactMap(V3Map.address)
        organization.telecom = entity.children("telecom").compactMap(V3Map.telecom)
        if let parent = V3Map.find(organizationElement, "asOrganizationPartOf", "wholeOrganization", "id") {
            organization.partOf = organizationIdentifiers([parent]).first
        }
        return organization
    }

    /// The practitioner of a PRPM_IN301010UV01.
    ///
    /// - Throws: ``V3Error`` for another interaction or a missing `healthCareProvider`.
    public static func practitioner(from message: V3Message) throws(V3Error) -> Practitioner {
        try V3Map.require(message, [.practitionerRegistration])
        guard
            let provider = message.subjects.lazy.compactMap({ V3Map.find($0, "subject1", "healthCareProvider") }).first
        else { throw V3Map.missing("registrationRequest/subject1/healthCareProvider", in: message) }
        let person = provider.firstChild("healthCarePrincipalPerson")
        var practitioner = Practitioner(
            name: V3Map.name(person?.firstChild("name")),
            identifiers: V3Map.identifiers(provider.children("id") + (person?.children("id") ?? [])),
            role: V3Map.coded(provider.firstChild("code")), provenance: V3Map.provenance(message, provider))
        practitioner.telecom = (person?.children("telecom") ?? []).compactMap(V3Map.telecom)
        if let organizationElement = provider.firstChild("issuingOrganization") {
            practitioner.organization = Organization(
                name: V3Text.value(organizationElement.firstChild("name")?.textContent),
                identifiers: organizationIdentifiers(organizationElement.children("id")))
        }
        return practitioner
    }

    /// A PRPM_IN401030UV01 registering `organization`.
    public static func registration(_ organization: Organization, header: V3Header) -> V3Message {
        var header = header
        header.interaction = .organizationRegistration
        header.rootName = header.interaction.rawValue
        var entity = V3XML.element("assignedEntity", ["classCode": "ASSIGNED"])
        entity.children += organization.identifiers.map { .element(organizationID($0)) }
        if let type = organization.type { entity.children.append(.element(V3Map.codeElement("code", type))) }
        entity.children += organization.addresses.map { .element(V3Map.addressElement($0)) }
        entity.children += organization.telecom.map { .element(V3Map.telecomElement($0)) }
        var principal = V3XML.element(
            "assignedPrincipalOrganization", ["classCode": "ORG", "determinerCode": "INSTANCE"])
        if let name = organization.name { principal.children.append(.element(V3XML.element("name", text: name))) }
        if let parent = organization.partOf {
            let whole = V3XML.element(
                "wholeOrganization", ["classCode": "ORG", "determinerCode": "INSTANCE"], [organizationID(parent)])
            principal.children.append(.element(V3XML.element("asOrganizationPartOf", ["classCode": "PART"], [whole])))
        }
        entity.children.append(.element(principal))
        return V3Message(header: header, controlActProcess: V3Header.controlAct([request(entity)]))
    }

    /// A PRPM_IN301010UV01 registering `practitioner`.
    public static func registration(_ practitioner: Practitioner, header: V3Header) -> V3Message {
        var header = header
        header.interaction = .practitionerRegistration
        header.rootName = header.interaction.rawValue
        var provider = V3XML.element("healthCareProvider", ["classCode": "PROV"])
        provider.children += practitioner.identifiers.map {
            .element(V3Map.idElement($0, defaultRoot: V3Identifiers.practitioner))
        }
        if let role = practitioner.role { provider.children.append(.element(V3Map.codeElement("code", role))) }
        var person = V3XML.element("healthCarePrincipalPerson", ["classCode": "PSN", "determinerCode": "INSTANCE"])
        if let name = practitioner.name { person.children.append(.element(V3Map.nameElement(name))) }
        person.children += practitioner.telecom.map { .element(V3Map.telecomElement($0)) }
        provider.children.append(.element(person))
        if let organization = practitioner.organization {
            var issuing = V3XML.element("issuingOrganization", ["classCode": "ORG", "determinerCode": "INSTANCE"])
            issuing.children += organization.identifiers.map { .element(organizationID($0)) }
            if let name = organization.name { issuing.children.append(.element(V3XML.element("name", text: name))) }
            provider.children.append(.element(issuing))
        }
        return V3Message(header: header, controlActProcess: V3Header.controlAct([request(provider)]))
    }

    static func organizationIdentifiers(_ elements: [XMLElement]) -> [Identifier] {
        V3Map.identifiers(elements).map { identifier in
            var identifier = identifier
            if identifier.kind == .other, identifier.authority == V3Identifiers.organization {
                identifier.kind = .organizationCode
            }
            return identifier
        }
    }

    static func organizationID(_ identifier: Identifier) -> XMLElement {
        V3XML.element(
            "id",
            ["root": V3Map.oidRoot(identifier.authority) ?? V3Identifiers.organization, "extension": identifier.value])
    }

    private static func request(_ role: XMLElement) -> XMLElement {
        V3XML.element(
            "registrationRequest", ["classCode": "REG", "moodCode": "RQO"],
            [V3XML.element("statusCode", ["code": "active"]), V3XML.element("subject1", ["typeCode": "SBJ"], [role])])
    }
}
