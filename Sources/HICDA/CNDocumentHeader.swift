import HIXML

/// The header of a Chinese national-profile document as plain values: document id and time, the
/// patient (name, resident ID, sex, birth, phone, address, record numbers), author, custodian and legal
/// authenticator. Read from any ``ClinicalDocument``; written by ``WSDocument/makeDocument()``.
///
/// ```swift
/// var header = CNDocumentHeader()
/// header.documentID = "DOC-0001"
/// header.effectiveTime = "20261120093000"
/// header.patientName = "储光明"
/// header.residentID = "341525195804172032"
/// ```
public struct CNDocumentHeader: Sendable, Equatable {
    /// The document identifier (`id/@extension`, root `2.16.156.10011.1.1`).
    public var documentID: String?
    /// The document time (`effectiveTime/@value`).
    public var effectiveTime: String?
    /// The title; the template's title when `nil`.
    public var title: String?
    /// `patientRole/id`s: health-record number, outpatient/inpatient number, report numbers …
    public var patientIDs: [II] = []
    /// The patient's name.
    public var patientName: String?
    /// The resident ID card number (`patient/id`, root `2.16.156.10011.1.3`).
    public var residentID: String?
    /// Sex (GB/T 2261.1).
    public var sex: CD?
    /// Birth date/time.
    public var birthTime: String?
    /// Age (Chinese extension).
    public var age: PQ?
    /// Marital status (GB/T 2261.2).
    public var maritalStatus: CD?
    /// Ethnic group (GB 3304).
    public var ethnicGroup: CD?
    /// Nationality (Chinese extension).
    public var nationality: CD?
    /// Employer name (Chinese extension `employerOrganization/name`).
    public var employerName: String?
    /// Household registration type (Chinese extension `household/houseType`).
    public var householdRegistered: Bool?
    /// Education level (Chinese extension, GB/T 4658).
    public var educationLevel: CD?
    /// Occupation (Chinese extension, GB/T 6565).
    public var occupation: CD?
    /// Phone number.
    public var phone: String?
    /// Home address.
    public var address: AD?
    /// The authoring time (`author/time`); the document time when `nil`.
    public var authorTime: String?
    /// The author's identifier.
    public var authorID: II?
    /// The author's name.
    public var authorName: String?
    /// The author's organisation code (root `2.16.156.10011.1.5`).
    public var authorOrganizationCode: String?
    /// The author's organisation name.
    public var authorOrganizationName: String?
    /// The custodian's organisation code.
    public var custodianCode: String?
    /// The custodian's name.
    public var custodianName: String?
    /// The legal authenticator's name (审核医师 …), when the document is signed.
    public var legalAuthenticatorName: String?
    /// The legal authenticator's identifier.
    public var legalAuthenticatorID: II?
    /// The signing time.
    public var legalAuthenticatorTime: String?

    /// An empty header.
    public init() {}

    /// Reads the header of `document`.
    public init(document: ClinicalDocument) {
        documentID = document.id?.extension
        effectiveTime = document.effectiveTime?.value
        title = document.title
        let role = document.patientRole
        patientIDs = role?.ids ?? []
        phone = role?.telecoms.first?.number
        address = role?.addresses.first
        let patient = role?.patient
        patientName = patient?.name
        residentID = patient?.residentID
        sex = patient?.administrativeGender
        birthTime = patient?.birthTime?.value
        age = patient?.age
        maritalStatus = patient?.maritalStatus
        ethnicGroup = patient?.ethnicGroup
        nationality = patient?.nationality
        employerName = patient?.employerName
        householdRegistered = patient?.householdRegistered
        educationLevel = patient?.educationLevel
        occupation = patient?.occupation
        let author = document.authors.first
        authorTime = author?.time?.value
        authorID = author?.assignedAuthor?.ids.first
        authorName = author?.assignedAuthor?.personName
        authorOrganizationCode = author?.assignedAuthor?.organization?.ids.first?.extension
        authorOrganizationName = author?.assignedAuthor?.organization?.name
        custodianCode = document.custodian?.organization?.ids.first?.extension
        custodianName = document.custodian?.name
        legalAuthenticatorName = document.legalAuthenticator?.assignedEntity?.personName
        legalAuthenticatorID = document.legalAuthenticator?.assignedEntity?.ids.first
        legalAuthenticatorTime = document.legalAuthenticator?.time?.value
    }

    /// Builds the header elements of a national-profile document for `template` (everything before
    /// `component`), valid against the national schema.
    func makeRoot(template: CDADocumentTemplate) -> XMLElement {
        var root = XMLElement(
            "ClinicalDocument", namespaceURI: CDA.namespace,
            namespaceDeclarations: [
                XMLNamespaceDeclaration(prefix: nil, uri: CDA.namespace),
                XMLNamespaceDeclaration(prefix: "xsi", uri: XMLNamespaceDeclaration.xsi),
            ])
        var document = ClinicalDocument(element: root)
        document.realmCode = CDA.CN.realmCode
        document.typeId = II(root: CDA.typeIdRoot, extension: CDA.typeIdExtension)
        document.templateIds = [II(root: template.templateId)]
        document.id = documentID.map { II(root: CDA.CN.documentIDRoot, extension: $0) } ?? .noInformation
        document.code = CD(
            code: template.documentTypeCode, codeSystem: CDA.CN.documentTypeCodeSystem,
            codeSystemName: CDADocumentTemplate.documentTypeCodeSystemName, displayName: template.title)
        document.title = title ?? template.title
        document.effectiveTime = TS(effectiveTime)
        document.confidentialityCode = CD(
            code: "N", codeSystem: "2.16.840.1.113883.5.25", codeSystemName: "Confidentiality",
            displayName: "正常访问保密级别")
        document.languageCode = CDA.CN.languageCode
        document.setId = documentID.map { II(root: CDA.CN.documentIDRoot, extension: $0) } ?? .noInformation
        document.versionNumber = 1

        var target = CDA.element("recordTarget")
        target.setAttribute("typeCode", "RCT")
        target.setAttribute("contextControlCode", "OP")
        var role = CDAPatientRole(element: CDA.element("patientRole"))
        role.element.setAttribute("classCode", "PAT")
        role.ids = patientIDs.isEmpty ? [.noInformation] : patientIDs
        if let address { role.addresses = [address] }
        if let phone { role.telecoms = [TEL(value: phone)] }
        var patient = CDAPatient(element: CDA.element("patient"))
        patient.element.setAttribute("classCode", "PSN")
        patient.element.setAttribute("determinerCode", "INSTANCE")
        if let residentID { patient.id = II(root: CDA.CN.residentIDRoot, extension: residentID) }
        patient.name = patientName
        patient.administrativeGender = sex
        patient.birthTime = birthTime.map { TS($0) }
        patient.maritalStatus = maritalStatus
        patient.ethnicGroup = ethnicGroup
        patient.nationality = nationality
        patient.age = age
        if let employerName { patient.employerName = employerName }
        if let householdRegistered { patient.householdRegistered = householdRegistered }
        patient.educationLevel = educationLevel
        patient.occupation = occupation
        role.patient = patient
        target.children = [.element(role.element)]
        document.element.insertChild(target, order: ClinicalDocument.childOrder)

        var author = CDAAuthor(element: CDA.element("author"))
        author.element.setAttribute("typeCode", "AUT")
        author.element.setAttribute("contextControlCode", "OP")
        author.time = TS(authorTime ?? effectiveTime)
        var assigned = CDAAssignedEntity(element: CDA.element("assignedAuthor"))
        assigned.element.setAttribute("classCode", "ASSIGNED")
        assigned.ids = [authorID ?? .noInformation]
        assigned.personName = authorName
        if authorOrganizationCode != nil || authorOrganizationName != nil {
            var organization = CDAOrganization(element: CDA.element("representedOrganization"))
            if let authorOrganizationCode {
                organization.ids = [II(root: CDA.CN.organizationRoot, extension: authorOrganizationCode)]
            }
            organization.name = authorOrganizationName
            assigned.organization = organization
        }
        author.assignedAuthor = assigned
        document.authors = [author]

        var custodianOrganization = CDAOrganization(element: CDA.element("representedCustodianOrganization"))
        custodianOrganization.element.setAttribute("classCode", "ORG")
        custodianOrganization.element.setAttribute("determinerCode", "INSTANCE")
        custodianOrganization.ids = [
            custodianCode.map { II(root: CDA.CN.organizationRoot, extension: $0) } ?? .noInformation
        ]
        custodianOrganization.name = custodianName
        var assignedCustodian = CDA.element("assignedCustodian")
        assignedCustodian.setAttribute("classCode", "ASSIGNED")
        assignedCustodian.children = [.element(custodianOrganization.element)]
        var custodian = CDA.element("custodian")
        custodian.setAttribute("typeCode", "CST")
        custodian.children = [.element(assignedCustodian)]
        document.element.insertChild(custodian, order: ClinicalDocument.childOrder)

        if legalAuthenticatorName != nil || legalAuthenticatorID != nil {
            var signer = CDAAuthenticator(element: CDA.element("legalAuthenticator"))
            signer.time = TS(legalAuthenticatorTime ?? effectiveTime)
            var signatureCode = CDA.element("signatureCode")
            signatureCode.setAttribute("code", "S")
            signer.element.insertChild(signatureCode, order: CDAAuthenticator.childOrder)
            var entity = CDAAssignedEntity(element: CDA.element("assignedEntity"))
            entity.ids = [legalAuthenticatorID ?? .noInformation]
            entity.personName = legalAuthenticatorName
            signer.assignedEntity = entity
            document.legalAuthenticator = signer
        }
        root = document.element
        return root
    }
}
