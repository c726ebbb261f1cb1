import HICDA
import HICore
import HIModels
import HIXML

/// Maps a WS/T 500 / WS/T 483 document (through its typed view) to the models. What the models cannot hold is
/// found afterwards by ``CDAUnmappedScan`` (the source compared with the document the models write back).
struct CDAToModels {
    var codes: CDACodes
    /// `recordTarget/patientRole/patient/id` of the document being read.
    var patientID: II?
    /// 下次随访日期 of the document being read.
    var nextFollowUp: String?
    /// The document's contact persons (`participant[@typeCode='NOT']`).
    var contacts: [Contact] = []
    /// The root of the author's organization identifier (CNDocumentHeader keeps only the extension).
    var authorOrganizationRoot: String?
    /// The 科室 (department) of the document being read, see ``department(of:)``.
    var department: CodedValue?

    init(options: ConversionOptions) { codes = CDACodes(options: options) }

    /// The models of `document`; throws `.unsupportedRecord` for templates the models have no place for.
    mutating func read(_ document: ClinicalDocument) throws(ConversionError) -> ModelRecord {
        patientID = document.patient?.id
        nextFollowUp = Self.plannedEncounterTime(document)
        contacts = document.participants.filter { $0.typeCode == "NOT" }.compactMap { participant in
            var contact = Contact()
            contact.name = participant.personName.flatMap { $0.isEmpty ? nil : PersonName(text: $0) }
            contact.relationship = codes.model(participant.code)
            contact.telecom = participant.telecoms.compactMap { tel in
                guard var value = tel.value, !value.isEmpty else { return nil }
                if value.hasPrefix("tel:") { value.removeFirst(4) }
                return ContactPoint(system: .phone, value: value)
            }
            return contact.name == nil && contact.telecom.isEmpty ? nil : contact
        }
        authorOrganizationRoot = document.authors.first?.assignedAuthor?.organization?.ids.first?.root
        department = Self.department(of: document)
        let provenance = Provenance(
            format: .cda, documentID: document.id?.extension,
            location: SourceLocation(path: Self.documentPath(templateId: document.template?.templateId)))
        switch WSTypedView(document: document) {
        case .labReport(let view): return .labReport(labReport(view, provenance))
        case .examReport(let view): return .examReport(examReport(view, provenance))
        case .outpatientRecord(let view): return .encounter(encounter(view, provenance))
        case .personalBasicHealthInfo(let view): return .resident(personalInfo(view, provenance))
        case .hypertensionFollowUp(let view): return .followUp(hypertension(view, provenance))
        case .diabetesFollowUp(let view): return .followUp(diabetes(view, provenance))
        case .adultHealthCheckup(let view): return .examReport(adultHealthCheckup(view, provenance))
        case .referralRecord(let view): return .referral(referral(view, provenance))
        case .national(let content):
            throw ConversionError(
                .unsupportedRecord,
                "template \(content.templateId) has no model mapping (typed templates: lab report .27, exam report "
                    + ".26, outpatient record .22, personal basic information .1, follow-ups .12/.13, adult health "
                    + "check .16, referral .20)",
                at: SourceLocation(path: "/ClinicalDocument/templateId"))
        case .generic:
            throw ConversionError(
                .unsupportedRecord, "the document declares no WS/T 500 or WS/T 483 template",
                at: SourceLocation(path: "/ClinicalDocument/templateId"))
        }
    }

    /// `/ClinicalDocument[templateId/@root='…']`: where a record came from, naming the template (a resident read
    /// from a 成人健康体检 is written back as one).
    static func documentPath(templateId: String?) -> String {
        guard let templateId else { return "/ClinicalDocument" }
        return "/ClinicalDocument[templateId/@root='\(templateId)']"
    }

    // MARK: Header

    /// Identifier roots that name the resident (the rest name the report, visit or specimen).
    static let residentRoots: Set<String> = [
        CDA.CN.residentIDRoot, CDA.CN.healthRecordNumberRoot, CDA.CN.healthCardRoot,
    ]

    func resident(_ header: CNDocumentHeader, _ provenance: Provenance, patientID: II? = nil) -> Resident {
        var resident = Resident(provenance: provenance)
        if let id = header.residentID, !id.isEmpty {
            resident.identifiers.append(Identifier(kind: .residentIDCard, value: id, authority: CDA.CN.residentIDRoot))
        } else if let id = patientID, let value = id.extension, !value.isEmpty {
            // patient/id under another root (a vendor root): an identity document number; its value is kept as is
            // (a wrong check digit is a validation matter).
            let kind: Identifier.Kind = Self.hasResidentIDShape(value) ? .residentIDCard : Self.identityDocument
            resident.identifiers.append(Identifier(kind: kind, value: value, authority: id.root))
        }
        for id in header.patientIDs where Self.residentRoots.contains(id.root ?? "") {
            if let identifier = CDACodes.identifier(id) { resident.identifiers.append(identifier) }
        }
        if let name = header.patientName, !name.isEmpty { resident.names = [PersonName(text: name)] }
        resident.sex = codes.model(header.sex)
        if let birth = header.birthTime, birth.utf8.count >= 8 {
            resident.birthDate = CalendarDate(String(birth.prefix(8)))
        }
        resident.maritalStatus = codes.model(header.maritalStatus)
        resident.ethnicity = codes.model(header.ethnicGroup)
        resident.nationality = codes.model(header.nationality)
        resident.occupation = codes.model(header.occupation)
        resident.education = codes.model(header.educationLevel)
        resident.employer = header.employerName.flatMap { $0.isEmpty ? nil : $0 }
        resident.householdRegistered = header.householdRegistered
        if let phone = header.phone, !phone.isEmpty { resident.telecom = [ContactPoint(system: .phone, value: phone)] }
        if let address = header.address { resident.addresses = [Self.address(address)] }
        resident.contacts = contacts
        return resident
    }

    /// The kind of a `patient/id` that is not a resident ID card number.
    static let identityDocument = Identifier.Kind(rawValue: "identityDocument")

    /// 17 digits and a digit or `X` (GB 11643 shape; the check digit is not verified here).
    static func hasResidentIDShape(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 18 else { return false }
        return bytes.prefix(17).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && (bytes[17] == 0x58 || bytes[17] == 0x78 || (bytes[17] >= 0x30 && bytes[17] <= 0x39))
    }

    /// CDA `addr` → Address: `state`, `city`, `county`, `township` (or `precinct`), `streetName`, `houseNumber`,
    /// `postalCode`, `country` to the named parts; `streetAddressLine`, `additionalLocator` and other parts to
    /// `lines`; the element's own text to `text`.
    static func address(_ ad: AD) -> Address {
        var address = Address()
        switch ad.use {
        case "H", "HP": address.use = .home
        case "WP": address.use = .work
        case "PHYS": address.use = .registeredResidence
        case .some(let other): address.use = Address.Use(rawValue: other)
        case .none: break
        }
        for part in ad.parts where !part.value.isEmpty {
            switch part.kind {
            case "state" where address.province == nil: address.province = part.value
            case "city" where address.city == nil: address.city = part.value
            case "county" where address.county == nil: address.county = part.value
            case "township" where address.township == nil, "precinct" where address.township == nil:
                address.township = part.value
            case "streetName" where address.streetName == nil: address.streetName = part.value
            case "houseNumber" where address.houseNumber == nil: address.houseNumber = part.value
            case "postalCode" where address.postalCode == nil: address.postalCode = part.value
            case "country" where address.country == nil: address.country = part.value
            default: address.lines.append(part.value)
            }
        }
        address.text = ad.text
        return address
    }

    /// The document's patient-role identifiers that name the record rather than the resident.
    func recordIdentifiers(_ header: CNDocumentHeader, excluding roots: Set<String> = []) -> [Identifier] {
        header.patientIDs.filter { !Self.residentRoots.contains($0.root ?? "") && !roots.contains($0.root ?? "") }
            .compactMap(CDACodes.identifier)
    }

    static func practitioner(name: String?, id: II?, organizationCode: String? = nil, organizationName: String? = nil)
        -> Practitioner?
    {
        guard name != nil || id?.extension != nil else { return nil }
        var practitioner = Practitioner(name: name.map { PersonName(text: $0) })
        if let id, let identifier = CDACodes.identifier(id) { practitioner.identifiers = [identifier] }
        if organizationCode != nil || organizationName != nil {
            practitioner.organization = Organization(
                name: organizationName,
                identifiers: organizationCode.map {
                    [Identifier(kind: .organizationCode, value: $0, authority: CDA.CN.organizationRoot)]
                } ?? [])
        }
        return practitioner
    }

    func author(_ header: CNDocumentHeader) -> Practitioner? {
        var author = Self.practitioner(
            name: header.authorName, id: header.authorID, organizationCode: header.authorOrganizationCode,
            organizationName: header.authorOrganizationName)
        if let root = authorOrganizationRoot, !(author?.organization?.identifiers.isEmpty ?? true) {
            author?.organization?.identifiers[0].authority = root
        }
        return author
    }

    static func signer(_ header: CNDocumentHeader) -> Practitioner? {
        practitioner(name: header.legalAuthenticatorName, id: header.legalAuthenticatorID)
    }

    static func custodian(_ header: CNDocumentHeader) -> Organization? {
        guard header.custodianCode != nil || header.custodianName != nil else { return nil }
        return Organization(
            name: header.custodianName,
            identifiers: header.custodianCode.map {
                [Identifier(kind: .organizationCode, value: $0, authority: CDA.CN.organizationRoot)]
            } ?? [])
    }

    static func timestamp(_ text: String?) -> Timestamp? { text.flatMap { $0.isEmpty ? nil : Timestamp($0) } }

    func diagnosis(code: CD?, name: String?, time: String? = nil) -> Diagnosis? {
        guard var value = codes.model(code) ?? name.map({ CodedValue(system: "", code: "", display: $0) }) else {
            return nil
        }
        if value.display == nil { value.display = name }
        return Diagnosis(code: value, isPrimary: true, date: Self.timestamp(time))
    }

    // MARK: Templates

    func labReport(_ view: WSLabReport, _ provenance: Provenance) -> LabReport {
        let header = view.header
        var report = LabReport(resident: resident(header, provenance, patientID: patientID), provenance: provenance)
        let visitRoots: Set<String> = [CDA.CN.outpatientNumberRoot, CDA.CN.inpatientNumberRoot]
        report.identifiers = recordIdentifiers(header, excluding: visitRoots.union([CDA.CN.specimenNumberRoot]))
        let specimenIDs = header.patientIDs.filter { $0.root == CDA.CN.specimenNumberRoot }.compactMap(
            CDACodes.identifier)
        let specimenType = view.string(CDAFromModels.specimenType)
        if !specimenIDs.isEmpty || specimenType != nil {
            report.specimen = Specimen(
                type: specimenType.map { CodedValue(system: "", code: "", display: $0) }, identifiers: specimenIDs)
        }
        let visitIDs = header.patientIDs.filter { visitRoots.contains($0.root ?? "") }.compactMap(CDACodes.identifier)
        let diagnosis = diagnosis(code: view.diagnosisCode, name: nil)
        if !visitIDs.isEmpty || diagnosis != nil {
            var encounter = Encounter(kind: visitIDs.first?.kind == .inpatientNumber ? .inpatient : .outpatient)
            encounter.identifiers = visitIDs
            encounter.diagnoses = diagnosis.map { [$0] } ?? []
            report.encounter = encounter
        }
        report.performer = author(header)
        report.reviewer = Self.signer(header)
        report.laboratory = Self.custodian(header)
        report.reportedAt = Self.timestamp(header.effectiveTime)
        if let remarks = view.string(WSLabReport.Fields.remarks) { report.notes = [remarks] }
        report.results = view.results.map { result in
            var value: ResultValue?
            switch result.value {
            case .quantity(let pq): value = codes.quantity(pq).map { .quantity($0) }
            case .coded(let cd, _): value = codes.model(cd).map { .coded($0) }
            case .quantityRange(let range) where (range.low == nil) != (range.high == nil):
                // A one-sided interval is a comparator value (`<0.5`).
                var quantity = codes.quantity(range.high ?? range.low)
                quantity?.comparator = range.high != nil ? "<" : ">"
                value = quantity.map { .quantity($0) }
            case .some(let other): value = other.isEmpty ? nil : .text(other.displayText)
            case .none: value = nil
            }
            var lab = LabResult(
                code: codes.model(result.item) ?? CodedValue(system: "", code: ""), value: value,
                abnormalFlag: codes.model(result.interpretation))
            if let range = result.referenceRange {
                lab.referenceRange = ReferenceRange(
                    low: range.low?.value, high: range.high?.value, unit: range.low?.unit ?? range.high?.unit,
                    text: range.text)
            }
            lab.observedAt = Self.timestamp(result.time)
            return lab
        }
        return report
    }

    func examReport(_ view: WSExamReport, _ provenance: Provenance) -> ExamReport {
        let header = view.header
        var report = ExamReport(
            kind: codes.model(view.examItem), resident: resident(header, provenance, patientID: patientID),
            provenance: provenance)
        report.identifiers = recordIdentifiers(header)
        report.findings = view.findings
        report.impression = view.impression
        report.category = view.examCategory.map { CodedValue(system: "", code: $0, display: $0) }
        report.performer = author(header)
        report.reviewer = Self.signer(header)
        report.reportedAt = Self.timestamp(header.effectiveTime)
        return report
    }

    /// The WS 364 data elements of a 成人健康体检 (WS/T 483.16) the models hold, as exam results.
    static let checkupFields: [WSField] = [
        WSAdultHealthCheckup.Fields.temperature, WSAdultHealthCheckup.Fields.pulseRate,
        WSAdultHealthCheckup.Fields.respiratoryRate, WSAdultHealthCheckup.Fields.systolic,
        WSAdultHealthCheckup.Fields.diastolic, WSAdultHealthCheckup.Fields.height, WSAdultHealthCheckup.Fields.weight,
        WSAdultHealthCheckup.Fields.waist, WSAdultHealthCheckup.Fields.heartRate,
    ]
    /// The code system of WS 364 data element identifiers (`DE04.10.186.00` …) in the models.
    static let dataElementSystem = "ws-364"
    /// The category of an exam report read from a 成人健康体检.
    static let checkupCategory = CodedValue(system: "ws-t-483", code: "16", display: "成人健康体检")

    /// 成人健康体检 → ExamReport: the vital signs and body measurements as results coded by their WS 364 data
    /// element (体温, 脉率, 呼吸频率, 收缩压, 舒张压, 身高, 体重, 腰围, 心率).
    func adultHealthCheckup(_ view: WSAdultHealthCheckup, _ provenance: Provenance) -> ExamReport {
        let header = view.header
        var exam = ExamReport(
            resident: resident(header, provenance, patientID: patientID), provenance: provenance)
        exam.category = Self.checkupCategory
        exam.identifiers = recordIdentifiers(header)
        exam.performer = author(header)
        exam.reportedAt = Self.timestamp(header.effectiveTime)
        for field in Self.checkupFields {
            guard let quantity = codes.quantity(view.quantity(field)) else { continue }
            exam.results.append(
                LabResult(
                    code: CodedValue(system: Self.dataElementSystem, code: field.id, display: field.name),
                    value: .quantity(quantity)))
        }
        return exam
    }

    func encounter(_ view: WSOutpatientRecord, _ provenance: Provenance) -> Encounter {
        let header = view.header
        var encounter = Encounter(
            kind: .outpatient, resident: resident(header, provenance, patientID: patientID), provenance: provenance)
        encounter.identifiers = recordIdentifiers(header)
        encounter.organization = Self.custodian(header)
        encounter.practitioners = author(header).map { [$0] } ?? []
        encounter.start = Self.timestamp(header.effectiveTime)
        encounter.department = department
        if let diagnosis = diagnosis(code: view.diagnosisCode, name: view.diagnosisName) {
            encounter.diagnoses = [diagnosis]
        }
        return encounter
    }

    /// 科室编码 identifier root (WS/T 500 header: the department organization's `id/@root`).
    static let departmentRoot = "2.16.156.10011.1.26"

    /// The 科室 of a WS/T 500 document (科室名称 DE08.10.026.00 and its 科室编码): the organization identified under
    /// the department root `2.16.156.10011.1.26`, looked for first in
    /// `componentOf/encompassingEncounter/location/healthCareFacility/serviceProviderOrganization` and its
    /// `asOrganizationPartOf/wholeOrganization` chain (the department, then the hospital it belongs to), then in
    /// `recordTarget/patientRole/providerOrganization` (the 门(急)诊病历 header of the WS/T 500 templates). The code
    /// system is the department root; `nil` when no such organization has a code or a name.
    static func department(of document: ClinicalDocument) -> CodedValue? {
        var candidates: [XMLElement] = []
        if var organization = document.element.descendant(
            "componentOf", "encompassingEncounter", "location", "healthCareFacility", "serviceProviderOrganization")
        {
            // A department, its hospital, perhaps a group above: a few levels, bounded against hostile nesting.
            for _ in 0..<8 {
                candidates.append(organization)
                guard let whole = organization.descendant("asOrganizationPartOf", "wholeOrganization") else { break }
                organization = whole
            }
        }
        if let provider = document.element.descendant("recordTarget", "patientRole", "providerOrganization") {
            candidates.append(provider)
        }
        for organization in candidates {
            guard let id = organization.children("id").first(where: { $0.attribute("root") == departmentRoot })
            else { continue }
            let code = id.attribute("extension").flatMap { $0.isEmpty ? nil : $0 }
            let name = organization.firstChild("name")?.text.flatMap { $0.isEmpty ? nil : $0 }
            guard code != nil || name != nil else { continue }
            return CodedValue(system: departmentRoot, code: code ?? "", display: name)
        }
        return nil
    }

    func personalInfo(_ view: WSPersonalBasicHealthInfo, _ provenance: Provenance) -> Resident {
        var resident = resident(view.header, provenance, patientID: patientID)
        resident.identifiers += recordIdentifiers(view.header)
        resident.aboBloodGroup = codes.model(view.aboBloodType)
        resident.rhBloodGroup = codes.model(view.rhBloodType)
        if let payment = codes.model(view.paymentMethod) { resident.insurance = [Insurance(paymentMethod: payment)] }
        return resident
    }

    func followUp(_ disease: FollowUp.Disease, _ header: CNDocumentHeader, date: String?, _ provenance: Provenance)
        -> FollowUp
    {
        var followUp = FollowUp(disease: disease, provenance: provenance)
        followUp.resident = resident(header, provenance, patientID: patientID)
        followUp.identifiers = recordIdentifiers(header)
        followUp.date = (date ?? header.effectiveTime).flatMap {
            $0.utf8.count >= 8 ? CalendarDate(String($0.prefix(8))) : nil
        }
        followUp.doctor = author(header)
        followUp.nextDate = nextFollowUp.flatMap { $0.utf8.count >= 8 ? CalendarDate(String($0.prefix(8))) : nil }
        return followUp
    }

    /// The `effectiveTime` of the first planned encounter (`moodCode="APT"`, 下次随访日期) in the body.
    static func plannedEncounterTime(_ document: ClinicalDocument) -> String? {
        for section in document.allSections {
            for entry in section.entries {
                guard let statement = entry.statement, statement.kind == "encounter",
                    statement.element.attribute("moodCode") == "APT"
                else { continue }
                if let time = statement.effectiveTime?.value?.value ?? statement.effectiveTime?.low?.value {
                    return time
                }
            }
        }
        return nil
    }

    func hypertension(_ view: WSHypertensionFollowUp, _ provenance: Provenance) -> FollowUp {
        var followUp = followUp(.hypertension, view.header, date: view.followUpDate, provenance)
        followUp.method = codes.model(view.followUpMethod)
        followUp.systolic = CDACodes.integer(view.systolic)
        followUp.diastolic = CDACodes.integer(view.diastolic)
        followUp.medicationAdherence = codes.model(view.medicationAdherence)
        return followUp
    }

    func diabetes(_ view: WSDiabetesFollowUp, _ provenance: Provenance) -> FollowUp {
        var followUp = followUp(.diabetes, view.header, date: view.followUpDate, provenance)
        followUp.method = codes.model(view.followUpMethod)
        followUp.systolic = CDACodes.integer(view.systolic)
        followUp.diastolic = CDACodes.integer(view.diastolic)
        followUp.fastingGlucose = codes.quantity(view.fastingGlucose)
        followUp.medicationAdherence = codes.model(view.medicationAdherence)
        return followUp
    }

    func referral(_ view: WSReferralRecord, _ provenance: Provenance) -> Referral {
        let header = view.header
        var referral = Referral(reason: view.reason, provenance: provenance)
        referral.resident = resident(header, provenance, patientID: patientID)
        referral.identifiers = recordIdentifiers(header)
        referral.fromOrganization = Self.custodian(header)
        if let name = view.receivingOrganization { referral.toOrganization = Organization(name: name) }
        referral.date = Self.timestamp(header.effectiveTime)
        if let diagnosis = diagnosis(code: view.diagnosisCode, name: view.diagnosisName) {
            referral.diagnoses = [diagnosis]
        }
        return referral
    }
}
