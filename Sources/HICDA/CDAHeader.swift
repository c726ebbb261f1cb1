public import HIXML

/// `recordTarget/patientRole`: the patient's identifiers (health-record number, outpatient and inpatient
/// numbers), address, phone and the `patient` entity.
///
/// ```swift
/// let role = document.patientRole
/// let recordNumber = role?.identifier(root: CDA.CN.healthRecordNumberRoot)?.extension
/// ```
public struct CDAPatientRole: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder =
        infrastructure + ["id", "patientType", "addr", "telecom", "patient", "providerOrganization"]

    /// The identifiers.
    public var ids: [II] {
        get { values("id") }
        set { setValues("id", newValue) }
    }
    /// The first identifier with `root`.
    public func identifier(root: String) -> II? { ids.first { $0.root == root } }
    /// The addresses.
    public var addresses: [AD] {
        get { values("addr") }
        set { setValues("addr", newValue) }
    }
    /// Phones and other telecom addresses.
    public var telecoms: [TEL] {
        get { values("telecom") }
        set { setValues("telecom", newValue) }
    }
    /// The patient.
    public var patient: CDAPatient? {
        get { view("patient") }
        set { setView("patient", newValue) }
    }
    /// The provider organisation.
    public var providerOrganization: CDAOrganization? {
        get { view("providerOrganization") }
        set { setView("providerOrganization", newValue) }
    }
    /// Chinese extension `patientType/patienttypeCode` (患者类别: 门诊, 急诊, 住院 …).
    public var patientType: CD? {
        get { element.descendant("patientType", "patienttypeCode").map(CD.init(element:)) }
        set {
            var wrapper = element.firstChild("patientType") ?? element.makeChild("patientType")
            wrapper.setChild("patienttypeCode", newValue?.element(named: "patienttypeCode"))
            element.setChild("patientType", newValue == nil ? nil : wrapper, order: Self.childOrder)
        }
    }
}

/// `patient`: name, sex, birth time, marital status, ethnic group and the Chinese extensions
/// (resident ID in `id`, nationality, age, employer, household registration, native place, education,
/// occupation).
///
/// ```swift
/// let name = document.patient?.name                 // 王小二
/// let residentID = document.patient?.residentID     // 420106196303129995
/// ```
public struct CDAPatient: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder =
        infrastructure + [
            "id", "name", "administrativeGenderCode", "birthTime", "maritalStatusCode", "religiousAffiliationCode",
            "raceCode", "ethnicGroupCode", "guardian", "birthplace", "nationality", "age", "employerOrganization",
            "household", "nativePlace", "educationLevel", "occupation", "languageCommunication",
        ]

    /// The identifier (Chinese documents: the resident ID card number, root `2.16.156.10011.1.3`).
    public var id: II? {
        get { value("id") }
        set { setValue("id", newValue) }
    }
    /// The resident ID number when `id` has the resident-ID root (or no root).
    public var residentID: String? {
        guard let id, id.root == CDA.CN.residentIDRoot || id.root == nil else { return nil }
        return id.extension
    }
    /// The names.
    public var names: [PN] {
        get { values("name") }
        set { setValues("name", newValue) }
    }
    /// The first name, formatted; setting writes a plain-text name.
    public var name: String? {
        get { names.first?.formatted }
        set { names = newValue.map { [PN(text: $0)] } ?? [] }
    }
    /// Sex (GB/T 2261.1 in Chinese documents).
    public var administrativeGender: CD? {
        get { value("administrativeGenderCode") }
        set { setValue("administrativeGenderCode", newValue) }
    }
    /// Birth time.
    public var birthTime: TS? {
        get { value("birthTime") }
        set { setValue("birthTime", newValue) }
    }
    /// Marital status (GB/T 2261.2).
    public var maritalStatus: CD? {
        get { value("maritalStatusCode") }
        set { setValue("maritalStatusCode", newValue) }
    }
    /// Ethnic group (GB 3304).
    public var ethnicGroup: CD? {
        get { value("ethnicGroupCode") }
        set { setValue("ethnicGroupCode", newValue) }
    }
    /// Chinese extension: nationality (GB/T 2659).
    public var nationality: CD? {
        get { value("nationality") }
        set { setValue("nationality", newValue) }
    }
    /// Chinese extension: age (`<age value="24" unit="岁"/>`).
    public var age: PQ? {
        get { value("age") }
        set { setValue("age", newValue) }
    }
    /// Chinese extension: the employer's name (`employerOrganization/name`).
    public var employerName: String? {
        get { element.descendant("employerOrganization", "name")?.text }
        set {
            var employer = element.firstChild("employerOrganization") ?? element.makeChild("employerOrganization")
            var name = employer.firstChild("name") ?? employer.makeChild("name")
            name.text = newValue
            employer.setChild("name", name, order: infrastructure + ["name", "telecom", "addr"])
            element.setChild("employerOrganization", newValue == nil ? nil : employer, order: Self.childOrder)
        }
    }
    /// Chinese extension: the employer's phone numbers.
    public var employerTelecoms: [TEL] {
        (element.firstChild("employerOrganization")?.children("telecom") ?? []).map(TEL.init(element:))
    }
    /// Chinese extension: household registration type (`household/houseType`, BL: true = 户籍).
    public var householdRegistered: Bool? {
        get { element.descendant("household", "houseType")?.attribute("value").map { $0 == "true" } }
        set {
            var household = element.firstChild("household") ?? element.makeChild("household")
            let value = CDAValue.boolean(newValue)
            var houseType = household.firstChild("houseType") ?? household.makeChild("houseType")
            value.write(into: &houseType)
            household.setChild("houseType", houseType, order: infrastructure + ["place", "houseType"])
            element.setChild("household", newValue == nil ? nil : household, order: Self.childOrder)
        }
    }
    /// Chinese extension: household registration address (`household/place/addr`).
    public var householdAddress: AD? {
        element.descendant("household", "place", "addr").map(AD.init(element:))
    }
    /// Chinese extension: native place address (`nativePlace/place/addr`).
    public var nativePlace: AD? {
        get { element.descendant("nativePlace", "place", "addr").map(AD.init(element:)) }
        set {
            guard let newValue else {
                element.setChild("nativePlace", nil)
                return
            }
            var native = element.firstChild("nativePlace") ?? element.makeChild("nativePlace")
            var place = native.firstChild("place") ?? native.makeChild("place")
            var addr = place.firstChild("addr") ?? place.makeChild("addr")
            newValue.write(into: &addr)
            place.setChild("addr", addr, order: infrastructure + ["name", "addr"])
            native.setChild("place", place)
            element.setChild("nativePlace", native, order: Self.childOrder)
        }
    }
    /// Chinese extension: education level (`educationLevel/educationLevelCode`, GB/T 4658).
    public var educationLevel: CD? {
        get { element.descendant("educationLevel", "educationLevelCode").map(CD.init(element:)) }
        set { setWrapped("educationLevel", "educationLevelCode", newValue) }
    }
    /// Chinese extension: occupation (`occupation/occupationCode`, GB/T 6565).
    public var occupation: CD? {
        get { element.descendant("occupation", "occupationCode").map(CD.init(element:)) }
        set { setWrapped("occupation", "occupationCode", newValue) }
    }

    private mutating func setWrapped(_ wrapperName: String, _ codeName: String, _ value: CD?) {
        guard let value else {
            element.setChild(wrapperName, nil)
            return
        }
        var wrapper = element.firstChild(wrapperName) ?? element.makeChild(wrapperName)
        var code = wrapper.firstChild(codeName) ?? wrapper.makeChild(codeName)
        value.write(into: &code)
        wrapper.setChild(codeName, code)
        element.setChild(wrapperName, wrapper, order: Self.childOrder)
    }
}

/// An organisation (`representedOrganization`, `providerOrganization`, `serviceProviderOrganization` …).
///
/// ```swift
/// let hospital = document.custodian?.name
/// ```
public struct CDAOrganization: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder = infrastructure + ["id", "name", "telecom", "addr", "asOrganizationPartOf"]

    /// The identifiers (organisation code, root `2.16.156.10011.1.5`).
    public var ids: [II] {
        get { values("id") }
        set { setValues("id", newValue) }
    }
    /// The name.
    public var name: String? {
        get { text("name") }
        set { setText("name", newValue) }
    }
    /// Phones.
    public var telecoms: [TEL] {
        get { values("telecom") }
        set { setValues("telecom", newValue) }
    }
    /// Addresses.
    public var addresses: [AD] {
        get { values("addr") }
        set { setValues("addr", newValue) }
    }
}

/// `assignedAuthor` / `assignedEntity`: a person (or device) acting for an organisation.
///
/// ```swift
/// let doctor = document.authors.first?.assignedAuthor?.personName
/// ```
public struct CDAAssignedEntity: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder =
        infrastructure + [
            "id", "code", "addr", "telecom", "assignedPerson", "assignedAuthoringDevice", "representedOrganization",
        ]

    /// The identifiers.
    public var ids: [II] {
        get { values("id") }
        set { setValues("id", newValue) }
    }
    /// The role code (for example the professional title).
    public var code: CD? {
        get { value("code") }
        set { setValue("code", newValue) }
    }
    /// The person's name (`assignedPerson/name`).
    public var personName: String? {
        get { element.descendant("assignedPerson", "name").map { PN(element: $0).formatted } }
        set {
            var person = element.firstChild("assignedPerson") ?? element.makeChild("assignedPerson")
            person.setChild("name", newValue.map { PN(text: $0).element(named: "name") })
            element.setChild("assignedPerson", newValue == nil ? nil : person, order: Self.childOrder)
        }
    }
    /// The organisation (`representedOrganization`).
    public var organization: CDAOrganization? {
        get { view("representedOrganization") }
        set { setView("representedOrganization", newValue) }
    }
}

/// `author`: when and by whom the document was written.
///
/// ```swift
/// let time = document.authors.first?.time?.value
/// ```
public struct CDAAuthor: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder = infrastructure + ["functionCode", "time", "assignedAuthor"]

    /// The authoring time.
    public var time: TS? {
        get { value("time") }
        set { setValue("time", newValue) }
    }
    /// The author.
    public var assignedAuthor: CDAAssignedEntity? {
        get { view("assignedAuthor") }
        set { setView("assignedAuthor", newValue) }
    }
}

/// `legalAuthenticator` / `authenticator`: who signed, when.
///
/// ```swift
/// let signer = document.legalAuthenticator?.assignedEntity?.personName
/// ```
public struct CDAAuthenticator: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder = infrastructure + ["time", "signatureCode", "assignedEntity"]

    /// The signing time.
    public var time: TS? {
        get { value("time") }
        set { setValue("time", newValue) }
    }
    /// The signer.
    public var assignedEntity: CDAAssignedEntity? {
        get { view("assignedEntity") }
        set { setView("assignedEntity", newValue) }
    }
}

/// `custodian/assignedCustodian/representedCustodianOrganization`: the organisation keeping the document.
///
/// ```swift
/// let keeper = document.custodian?.name
/// ```
public struct CDACustodian: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder = infrastructure + ["assignedCustodian"]

    /// The organisation.
    public var organization: CDAOrganization? {
        element.descendant("assignedCustodian", "representedCustodianOrganization").map(CDAOrganization.init(element:))
    }
    /// The organisation's name.
    public var name: String? { organization?.name }
}

/// `participant`: another person involved (contact, guarantor, referring provider …).
///
/// ```swift
/// let contact = document.participants.first?.personName
/// ```
public struct CDAParticipant: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder = infrastructure + ["functionCode", "time", "associatedEntity"]

    /// `typeCode` (`IND`, `NOT` …).
    public var typeCode: String? { attribute("typeCode") }
    /// The associated entity's role class (`classCode`), such as `ECON` (emergency contact).
    public var roleClass: String? { element.firstChild("associatedEntity")?.attribute("classCode") }
    /// The associated person's name.
    public var personName: String? {
        element.descendant("associatedEntity", "associatedPerson", "name").map { PN(element: $0).formatted }
    }
    /// The associated entity's phones.
    public var telecoms: [TEL] {
        (element.firstChild("associatedEntity")?.children("telecom") ?? []).map(TEL.init(element:))
    }
    /// The associated entity's role code.
    public var code: CD? { element.descendant("associatedEntity", "code").map(CD.init(element:)) }
}

/// `documentationOf/serviceEvent`, `inFulfillmentOf/order` and `relatedDocument/parentDocument`: an act
/// the document refers to, with its identifiers, code and time.
///
/// ```swift
/// let orderNumber = document.inFulfillmentOf.first?.ids.first?.extension
/// ```
public struct CDAActReference: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder = infrastructure + ["order", "serviceEvent", "parentDocument"]

    /// `typeCode` of the relationship (`RPLC`, `APND` for relatedDocument).
    public var typeCode: String? { attribute("typeCode") }
    private var act: XMLElement? {
        element.firstChild("order") ?? element.firstChild("serviceEvent") ?? element.firstChild("parentDocument")
    }
    /// The referenced act's identifiers.
    public var ids: [II] { (act?.children("id") ?? []).map(II.init(element:)) }
    /// The referenced act's code.
    public var code: CD? { act?.firstChild("code").map(CD.init(element:)) }
    /// The referenced act's time.
    public var effectiveTime: IVL_TS? { act?.firstChild("effectiveTime").map(IVL_TS.init(element:)) }
}

/// `componentOf/encompassingEncounter`: the visit the document belongs to.
///
/// ```swift
/// let department = document.encompassingEncounter?.locationName
/// ```
public struct CDAEncompassingEncounter: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder =
        infrastructure + [
            "id", "code", "effectiveTime", "dischargeDispositionCode", "responsibleParty", "encounterParticipant",
            "location",
        ]

    /// The encounter identifiers.
    public var ids: [II] {
        get { values("id") }
        set { setValues("id", newValue) }
    }
    /// The encounter type.
    public var code: CD? {
        get { value("code") }
        set { setValue("code", newValue) }
    }
    /// The encounter time.
    public var effectiveTime: IVL_TS? {
        get { value("effectiveTime") }
        set { setValue("effectiveTime", newValue) }
    }
    /// The name of the location (`location/healthCareFacility/serviceProviderOrganization/name`, or the
    /// facility's `location/name`).
    public var locationName: String? {
        let facility = element.descendant("location", "healthCareFacility")
        return facility?.descendant("serviceProviderOrganization", "name")?.text
            ?? facility?.descendant("location", "name")?.text
    }
}
