import HICDA
import HICore
import HIModels
import HIXML

/// Writes models as a WS/T 500 / WS/T 483 document through the typed views. Output is deterministic: the
/// document id and times come from the models, never from the clock.
struct CDAFromModels {
    var codes: CDACodes
    var report = ConversionReport()

    init(options: ConversionOptions) { codes = CDACodes(options: options) }

    /// The record the document is written from: the first record of the most specific kind.
    static func primary(_ records: [ModelRecord]) -> Int? {
        func rank(_ record: ModelRecord) -> Int {
            switch record {
            case .labReport: 0
            case .examReport: 1
            case .referral: 2
            case .followUp: 3
            case .encounter: 4
            case .resident: 5
            case .medicationOrder, .practitioner, .organization, .appointment, .contract: 9
            }
        }
        return records.indices.filter { rank(records[$0]) < 9 }.min { rank(records[$0]) < rank(records[$1]) }
    }

    mutating func write(_ records: [ModelRecord]) throws(ConversionError) -> ClinicalDocument {
        guard let index = Self.primary(records) else {
            throw ConversionError(
                .unsupportedTarget,
                "no record of a kind a WS/T 500 or WS/T 483 document holds (prescriptions, practitioners and "
                    + "organizations alone have none)")
        }
        for (other, record) in records.enumerated() where other != index {
            report.unmapped.append(
                UnmappedItem(
                    path: "records[\(other)]",
                    reason: "a \(record.kind) record has no place beside the \(records[index].kind) in one CDA document"
                ))
        }
        var document: ClinicalDocument
        do throws(CDAError) {
            switch records[index] {
            case .labReport(let value): document = try labReport(value).makeDocument()
            case .examReport(let value):
                if value.provenance.format == .cda,
                    value.provenance.location.path
                        == CDAToModels.documentPath(templateId: WSAdultHealthCheckup.templateId)
                        || value.category == CDAToModels.checkupCategory
                {
                    document = try adultHealthCheckup(value).makeDocument()
                } else {
                    document = try examReport(value).makeDocument()
                }
            case .referral(let value): document = try referral(value).makeDocument()
            case .followUp(let value):
                document = try followUp(value)
                if let next = value.nextDate { Self.appendNextFollowUp(next, to: &document) }
            case .encounter(let value):
                document = try outpatient(value).makeDocument()
                Self.setDepartment(value.department, of: value.organization, on: &document)
            case .resident(let value):
                if value.provenance.format == .cda,
                    value.provenance.location.path
                        == CDAToModels.documentPath(templateId: WSAdultHealthCheckup.templateId)
                {
                    // A resident read from a 成人健康体检 goes back into one (its examination values are reported as
                    // unmapped when read; the models hold none of them).
                    document = try WSAdultHealthCheckup(
                        header: header(value, provenance: value.provenance, recordIDs: [], time: nil)
                    ).makeDocument()
                } else {
                    document = try personalInfo(value).makeDocument()
                }
            case .medicationOrder, .practitioner, .organization, .appointment, .contract:
                throw CDAError(.wrongTemplate, "the record kind has no document template")
            }
        } catch {
            throw ConversionError(.unsupportedTarget, "the document could not be built: \(error.reason)")
        }
        if let contacts = records[index].resident?.contacts, !contacts.isEmpty {
            Self.setContacts(contacts, on: &document, codes: &codes)
        }
        if let resident = records[index].resident,
            let id = resident.identifiers.first(where: {
                $0.kind == .residentIDCard || $0.kind == CDAToModels.identityDocument
            }),
            id.kind != .residentIDCard || (id.authority != nil && id.authority != CDA.CN.residentIDRoot)
        {
            // Keep the root the identity document number came with.
            var patient = document.patient
            patient?.id = CDACodes.ii(id)
            if let patient { document.patient = patient }
        }
        if let identifier = Self.author(of: records[index])?.organization?.identifiers.first,
            let root = identifier.authority, root != CDA.CN.organizationRoot
        {
            // Keep the root of the author's organization (a department code under 2.16.156.10011.1.26 …).
            var authors = document.authors
            if var author = authors.first, var assigned = author.assignedAuthor,
                var organization = assigned.organization
            {
                organization.ids = [CDACodes.ii(identifier)]
                assigned.organization = organization
                author.assignedAuthor = assigned
                authors[0] = author
                document.authors = authors
            }
        }
        if document.sections.isEmpty {
            // The schema needs at least one section in a structured body.
            var section = CDASection(code: nil, title: document.title)
            var narrative = CDA.element("text")
            narrative.text = "无"
            section.narrative = narrative
            document.sections = [section]
        }
        return document
    }

    /// The practitioner written as the document's author.
    static func author(of record: ModelRecord) -> Practitioner? {
        switch record {
        case .labReport(let value): value.performer
        case .examReport(let value): value.performer
        case .encounter(let value): value.practitioners.first
        case .followUp(let value): value.doctor
        default: nil
        }
    }

    // MARK: Header

    mutating func header(
        _ resident: Resident?, provenance: Provenance, recordIDs: [Identifier], time: String?, reportRoot: String? = nil
    ) -> CNDocumentHeader {
        var header = CNDocumentHeader()
        let kindPath = "Resident"
        if let resident {
            reportDropped(resident)
            header.residentID = resident.identifier(.residentIDCard)?.value
            header.patientName = resident.names.first?.text
            header.sex = codes.cda(resident.sex, translatingTo: "gb-t-2261.1", path: kindPath + ".sex")
            header.birthTime = resident.birthDate?.compact
            header.maritalStatus = codes.cda(
                resident.maritalStatus, translatingTo: "gb-t-2261.2", path: kindPath + ".maritalStatus")
            header.ethnicGroup = codes.cda(resident.ethnicity, translatingTo: "gb-3304", path: kindPath + ".ethnicity")
            header.nationality = codes.cda(resident.nationality, path: kindPath + ".nationality")
            header.occupation = codes.cda(resident.occupation, path: kindPath + ".occupation")
            header.educationLevel = codes.cda(resident.education, path: kindPath + ".education")
            header.employerName = resident.employer
            header.householdRegistered = resident.householdRegistered
            header.phone = resident.telecom.first { $0.system == .phone }.map {
                $0.value.hasPrefix("tel:") ? $0.value : "tel:" + $0.value
            }
            if let address = resident.addresses.first { header.address = Self.ad(address) }
            for identifier in resident.identifiers
            where identifier.kind != .residentIDCard && identifier.kind != CDAToModels.identityDocument {
                header.patientIDs.append(CDACodes.ii(identifier))
            }
            if resident.identifiers.filter({ $0.kind == .residentIDCard }).count > 1 {
                report.unmapped.append(
                    UnmappedItem(path: "Resident.identifiers", reason: "only one resident ID card number has a place"))
            }
        }
        header.patientIDs += recordIDs.map { CDACodes.ii($0, reportRoot: reportRoot) }
        header.documentID = provenance.format == .cda ? provenance.documentID : nil
        if header.documentID == nil {
            // Derived from the input, never from the clock: the first record identifier, else the resident's.
            let seed = recordIDs.first?.value ?? resident?.identifiers.first?.value
            header.documentID = seed.map { "HI-" + $0 }
        }
        header.effectiveTime = CDACodes.ts(time)
        return header
    }

    /// Reports the resident's values the document header has no place for.
    mutating func reportDropped(_ resident: Resident) {
        var dropped: [(String, String)] = []
        if resident.names.count > 1 { dropped.append(("Resident.names[1...]", "the header holds one name")) }
        if resident.addresses.count > 1 { dropped.append(("Resident.addresses[1...]", "the header holds one address")) }
        if resident.addresses.first?.regionCode != nil {
            dropped.append(("Resident.addresses[0].regionCode", "the header address has no region code"))
        }
        if resident.telecom.filter({ $0.system == .phone }).count > 1
            || resident.telecom.contains(where: { $0.system != .phone })
        {
            dropped.append(("Resident.telecom[1...]", "the header holds one phone number"))
        }
        if resident.contacts.contains(where: { $0.address != nil || $0.telecom.contains { $0.system != .phone } }) {
            dropped.append(("Resident.contacts.address", "a contact participant keeps names, relationships and phones"))
        }
        if !resident.insurance.isEmpty && resident.insurance.first?.paymentMethod == nil {
            dropped.append(("Resident.insurance", "only the payment method of the personal information has a place"))
        }
        if !resident.keyPopulations.isEmpty {
            dropped.append(("Resident.keyPopulations", "the header has no key-population flags"))
        }
        for (path, reason) in dropped { report.unmapped.append(UnmappedItem(path: path, reason: reason)) }
    }

    /// The CDA `PostalAddressUse` codes (HL7 v3).
    static let postalAddressUses: Set<String> = [
        "H", "HP", "HV", "WP", "DIR", "PUB", "BAD", "TMP", "PHYS", "PST", "ABC", "IDE", "SYL", "SRCH", "SNDX", "PHON",
    ]

    static func ad(_ address: Address) -> AD {
        var ad = AD()
        switch address.use {
        case .some(.home): ad.use = "H"
        case .some(.work): ad.use = "WP"
        case .some(.registeredResidence): ad.use = "PHYS"
        case .some(let other) where CDAFromModels.postalAddressUses.contains(other.rawValue): ad.use = other.rawValue
        case .some: break  // 出生地 and site-defined uses have no PostalAddressUse code
        case .none: break
        }
        // WS/T 500 order: 门牌号码, 村/街/路, 乡/镇, 县/区, 市, 省, then postal code, country and free lines.
        let named: [(String, String?)] = [
            ("houseNumber", address.houseNumber), ("streetName", address.streetName),
            ("township", address.township), ("county", address.county), ("city", address.city),
            ("state", address.province), ("postalCode", address.postalCode), ("country", address.country),
        ]
        for (kind, value) in named {
            if let value, !value.isEmpty { ad.parts.append(AD.Part(kind, value)) }
        }
        for line in address.lines where !line.isEmpty { ad.parts.append(AD.Part("streetAddressLine", line)) }
        ad.text = address.text
        return ad
    }

    static func setAuthor(_ practitioner: Practitioner?, on header: inout CNDocumentHeader) {
        guard let practitioner else { return }
        header.authorName = practitioner.name?.text
        header.authorID = practitioner.identifiers.first.map { CDACodes.ii($0) }
        header.authorOrganizationName = practitioner.organization?.name
        header.authorOrganizationCode = practitioner.organization?.identifiers.first?.value
    }

    static func setSigner(_ practitioner: Practitioner?, on header: inout CNDocumentHeader) {
        guard let practitioner else { return }
        header.legalAuthenticatorName = practitioner.name?.text
        header.legalAuthenticatorID = practitioner.identifiers.first.map { CDACodes.ii($0) }
    }

    static func setCustodian(_ organization: Organization?, on header: inout CNDocumentHeader) {
        guard let organization else { return }
        header.custodianName = organization.name
        header.custodianCode = organization.identifiers.first?.value
    }

    mutating func diagnosisCode(_ diagnosis: Diagnosis?, path: String) -> CD? {
        guard let diagnosis, !diagnosis.code.code.isEmpty else { return nil }
        return codes.cda(diagnosis.code, path: path)
    }

    // MARK: Templates

    mutating func labReport(_ value: LabReport) -> WSLabReport {
        var recordIDs = value.identifiers + (value.encounter?.identifiers ?? [])
        recordIDs +=
            value.specimen?.identifiers.map {
                Identifier(kind: $0.kind, value: $0.value, authority: $0.authority ?? CDA.CN.specimenNumberRoot)
            } ?? []
        var header = header(
            value.resident, provenance: value.provenance, recordIDs: recordIDs,
            time: (value.reportedAt ?? value.results.first?.observedAt ?? value.orderedAt)?.text,
            reportRoot: CDA.CN.labReportNumberRoot)
        Self.setAuthor(value.performer, on: &header)
        Self.setSigner(value.reviewer, on: &header)
        Self.setCustodian(value.laboratory, on: &header)
        var view = WSLabReport(header: header)
        let dropped: [(Bool, String, String)] = [
            (value.order != nil, "LabReport.order", "the ordered panel has no place in the 检验报告 template"),
            (value.orderedBy != nil, "LabReport.orderedBy", "the ordering practitioner has no place"),
            (value.orderedAt != nil, "LabReport.orderedAt", "the order time has no place"),
            (value.status != nil, "LabReport.status", "the report status has no place"),
            (value.specimen?.collectedAt != nil, "LabReport.specimen.collectedAt", "the collection time has no place"),
            (value.specimen?.receivedAt != nil, "LabReport.specimen.receivedAt", "the receipt time has no place"),
            ((value.encounter?.diagnoses.count ?? 0) > 1, "LabReport.encounter.diagnoses[1...]", "one diagnosis"),
        ]
        for (present, path, reason) in dropped where present {
            report.unmapped.append(UnmappedItem(path: path, reason: reason))
        }
        if let type = value.specimen?.type {
            view.setString(Self.specimenType, type.display ?? type.code)
        }
        if !value.results.isEmpty,
            !view.content.sections.contains(where: { $0.kind.code == WSLabReport.labSection.code })
        {
            // An empty section is dropped by WSDocument.makeDocument; give the lab section a (blank) text so
            // the results have their section.
            view.content.sections.append(WSSection(kind: WSLabReport.labSection, text: ""))
        }
        view.diagnosisCode = diagnosisCode(value.encounter?.diagnoses.first, path: "LabReport.encounter.diagnoses")
        if !value.notes.isEmpty { view.setString(WSLabReport.Fields.remarks, value.notes.joined(separator: "\n")) }
        for (index, result) in value.results.enumerated() {
            let path = "LabReport.results[\(index)]"
            var cdaValue: CDAValue?
            switch result.value {
            case .quantity(let quantity):
                switch quantity.comparator {
                case "<", "<=":
                    cdaValue = .quantityRange(IVL_PQ(low: nil, high: PQ(value: quantity.value, unit: quantity.unit)))
                case ">", ">=":
                    cdaValue = .quantityRange(IVL_PQ(low: PQ(value: quantity.value, unit: quantity.unit), high: nil))
                default: cdaValue = CDACodes.pq(quantity).map { .quantity($0) }
                }
            case .coded(let coded): cdaValue = codes.cda(coded, path: path + ".value").map { .coded($0, type: "CD") }
            case .text(let text): cdaValue = .string(text)
            case .none: cdaValue = nil
            }
            var range: WSReferenceRange?
            if let model = result.referenceRange {
                range = WSReferenceRange(
                    text: model.text, low: model.low.map { PQ(value: $0, unit: model.unit) },
                    high: model.high.map { PQ(value: $0, unit: model.unit) })
            }
            let item = codes.cda(result.code, path: path + ".code")
            let flag = codes.cda(
                result.abnormalFlag, translatingTo: "v3-ObservationInterpretation", path: path + ".abnormalFlag")
            view.results.append(
                WSLabResult(
                    item: item, value: cdaValue, referenceRange: range, interpretation: flag,
                    time: CDACodes.ts(result.observedAt?.text)))
            if !result.notes.isEmpty {
                report.unmapped.append(UnmappedItem(path: path + ".notes", reason: "a result comment has no place"))
            }
            if result.status != nil {
                report.unmapped.append(UnmappedItem(path: path + ".status", reason: "result status has no place"))
            }
        }
        return view
    }

    /// 标本类别 (DE04.50.134.00) in the lab section.
    static let specimenType = WSField("DE04.50.134.00", "标本类别", in: WSLabReport.labSection)

    mutating func examReport(_ value: ExamReport) -> WSExamReport {
        var header = header(
            value.resident, provenance: value.provenance, recordIDs: value.identifiers,
            time: (value.reportedAt ?? value.performedAt)?.text, reportRoot: CDA.CN.examReportNumberRoot)
        Self.setAuthor(value.performer, on: &header)
        Self.setSigner(value.reviewer, on: &header)
        var view = WSExamReport(header: header)
        view.examItem = codes.cda(value.kind, path: "ExamReport.kind")
        view.findings = value.findings
        view.impression = value.impression
        if let category = value.category {
            view.examCategory = category.display ?? category.code
        }
        for index in value.results.indices {
            report.unmapped.append(
                UnmappedItem(path: "ExamReport.results[\(index)]", reason: "a WS/T 500.26 检查报告 has no measured values"))
        }
        notMapped(value.imageReferences.isEmpty ? nil : "ExamReport.imageReferences")
        notMapped(value.bodySite == nil ? nil : "ExamReport.bodySite")
        notMapped(value.notes.isEmpty ? nil : "ExamReport.notes")
        return view
    }

    mutating func notMapped(_ path: String?) {
        if let path { report.unmapped.append(UnmappedItem(path: path, reason: "no place in this CDA template")) }
    }

    /// ExamReport (from a 成人健康体检) → WS/T 483.16 with its vital signs and body measurements.
    mutating func adultHealthCheckup(_ value: ExamReport) -> WSAdultHealthCheckup {
        var header = header(
            value.resident, provenance: value.provenance, recordIDs: value.identifiers, time: value.reportedAt?.text)
        Self.setAuthor(value.performer, on: &header)
        var view = WSAdultHealthCheckup(header: header)
        for (index, result) in value.results.enumerated() {
            guard result.code.system == CDAToModels.dataElementSystem,
                let field = CDAToModels.checkupFields.first(where: { $0.id == result.code.code }),
                case .quantity(let quantity)? = result.value
            else {
                notMapped("ExamReport.results[\(index)]")
                continue
            }
            view.setQuantity(field, CDACodes.pq(quantity))
        }
        notMapped(value.findings == nil ? nil : "ExamReport.findings")
        notMapped(value.impression == nil ? nil : "ExamReport.impression")
        return view
    }

    mutating func outpatient(_ value: Encounter) -> WSOutpatientRecord {
        var header = header(
            value.resident, provenance: value.provenance, recordIDs: value.identifiers, time: value.start?.text)
        Self.setAuthor(value.practitioners.first, on: &header)
        Self.setCustodian(value.organization, on: &header)
        var view = WSOutpatientRecord(header: header)
        if let diagnosis = value.diagnoses.first {
            view.diagnosisCode = diagnosisCode(diagnosis, path: "Encounter.diagnoses[0]")
            view.diagnosisName = diagnosis.code.display ?? diagnosis.code.originalText
        }
        return view
    }

    /// Writes the 科室 of an outpatient record as the WS/T 500 门(急)诊病历 header does:
    /// `recordTarget/patientRole/providerOrganization` with the 科室编码 under `2.16.156.10011.1.26` and the
    /// 科室名称 (DE08.10.026.00), part of the organisation of the visit (`asOrganizationPartOf/wholeOrganization`).
    /// ``CDAToModels/department(of:)`` reads it back.
    static func setDepartment(
        _ department: CodedValue?, of organization: Organization?, on document: inout ClinicalDocument
    ) {
        guard let department, var role = document.patientRole else { return }
        let code = department.code.isEmpty ? nil : department.code
        let name = department.display ?? department.originalText
        guard code != nil || name != nil else { return }
        var provider = CDAOrganization(element: CDA.element("providerOrganization"))
        provider.ids = [II(root: CDAToModels.departmentRoot, extension: code)]
        provider.name = name
        if let organization, organization.name != nil || !organization.identifiers.isEmpty {
            var whole = CDAOrganization(element: CDA.element("wholeOrganization"))
            whole.ids = organization.identifiers.prefix(1).map { CDACodes.ii($0) }
            whole.name = organization.name
            var part = CDA.element("asOrganizationPartOf")
            part.children = [.element(whole.element)]
            provider.element.setChild("asOrganizationPartOf", part, order: CDAOrganization.childOrder)
        }
        role.providerOrganization = provider
        document.patientRole = role
    }

    mutating func personalInfo(_ value: Resident) -> WSPersonalBasicHealthInfo {
        let header = header(value, provenance: value.provenance, recordIDs: [], time: nil)
        var view = WSPersonalBasicHealthInfo(header: header)
        view.aboBloodType = codes.cda(value.aboBloodGroup, path: "Resident.aboBloodGroup")
        view.rhBloodType = codes.cda(value.rhBloodGroup, path: "Resident.rhBloodGroup")
        view.paymentMethod = codes.cda(
            value.insurance.first?.paymentMethod, path: "Resident.insurance[0].paymentMethod")
        return view
    }

    mutating func followUp(_ value: FollowUp) throws(CDAError) -> ClinicalDocument {
        var header = header(
            value.resident, provenance: value.provenance, recordIDs: value.identifiers, time: value.date?.compact)
        Self.setAuthor(value.doctor, on: &header)
        let method = codes.cda(value.method, path: "FollowUp.method")
        let adherence = codes.cda(value.medicationAdherence, path: "FollowUp.medicationAdherence")
        let systolic = value.systolic.map { PQ(value: String($0), unit: "mmHg") }
        let diastolic = value.diastolic.map { PQ(value: String($0), unit: "mmHg") }
        switch value.disease {
        case .hypertension:
            var view = WSHypertensionFollowUp(header: header)
            view.followUpMethod = method
            view.systolic = systolic
            view.diastolic = diastolic
            view.medicationAdherence = adherence
            Self.setFollowUpDate(
                value.date, in: &view.content, methodID: WSHypertensionFollowUp.Fields.followUpMethod.id)
            if value.fastingGlucose != nil {
                report.unmapped.append(
                    UnmappedItem(path: "FollowUp.fastingGlucose", reason: "a hypertension follow-up has no glucose"))
            }
            return try view.makeDocument()
        case .diabetes:
            var view = WSDiabetesFollowUp(header: header)
            view.followUpMethod = method
            view.systolic = systolic
            view.diastolic = diastolic
            view.fastingGlucose = CDACodes.pq(value.fastingGlucose)
            view.medicationAdherence = adherence
            Self.setFollowUpDate(value.date, in: &view.content, methodID: WSDiabetesFollowUp.Fields.followUpMethod.id)
            return try view.makeDocument()
        }
    }

    /// Adds 下次随访日期 as a planned encounter (`moodCode="APT"`) to the follow-up section (else the first one).
    /// The resident's contact persons as `participant[@typeCode='NOT']/associatedEntity[@classCode='ECON']`
    /// with the relationship (GB/T 4761), phones and name.
    static func setContacts(_ contacts: [Contact], on document: inout ClinicalDocument, codes: inout CDACodes) {
        var participants: [CDAParticipant] = []
        for (index, contact) in contacts.enumerated() {
            var entity = CDA.element("associatedEntity")
            entity.setAttribute("classCode", "ECON")
            if let code = codes.cda(contact.relationship, path: "Resident.contacts[\(index)].relationship") {
                entity.children.append(.element(code.element(named: "code")))
            }
            for phone in contact.telecom where phone.system == .phone {
                let value = phone.value.hasPrefix("tel:") ? phone.value : "tel:" + phone.value
                entity.children.append(.element(TEL(value: value).element(named: "telecom")))
            }
            if let name = contact.name {
                var person = CDA.element("associatedPerson")
                person.setAttribute("classCode", "PSN")
                person.setAttribute("determinerCode", "INSTANCE")
                person.children.append(.element(PN(text: name.text).element(named: "name")))
                entity.children.append(.element(person))
            }
            var participant = CDA.element("participant")
            participant.setAttribute("typeCode", "NOT")
            participant.children.append(.element(entity))
            participants.append(CDAParticipant(element: participant))
        }
        document.setViews("participant", participants)
    }

    static func appendNextFollowUp(_ date: CalendarDate, to document: inout ClinicalDocument) {
        var element = CDA.element("encounter")
        element.setAttribute("classCode", "ENC")
        element.setAttribute("moodCode", "APT")
        var statement = CDAClinicalStatement(element: element)
        statement.code = CD(code: nil, displayName: "下次随访")
        statement.setValue("effectiveTime", TS(date.compact))
        var sections = document.sections
        let index =
            sections.firstIndex { $0.title == WSSectionKind.followUp.title } ?? (sections.isEmpty ? nil : 0)
        if let index {
            sections[index].append(statement)
        } else {
            var section = CDASection(code: nil, title: WSSectionKind.followUp.title)
            var narrative = CDA.element("text")
            narrative.text = "下次随访日期：" + date.description
            section.narrative = narrative
            section.append(statement)
            sections.append(section)
        }
        document.sections = sections
    }

    static func setFollowUpDate(_ date: CalendarDate?, in content: inout WSDocument, methodID: String) {
        guard let date else { return }
        for section in content.sections.indices {
            for item in content.sections[section].items.indices
            where content.sections[section].items[item].id == methodID {
                content.sections[section].items[item].effectiveTime = date.compact
            }
        }
    }

    mutating func referral(_ value: Referral) -> WSReferralRecord {
        var header = header(
            value.resident, provenance: value.provenance, recordIDs: value.identifiers, time: value.date?.text)
        Self.setCustodian(value.fromOrganization, on: &header)
        var view = WSReferralRecord(header: header)
        view.reason = value.reason
        view.receivingOrganization = value.toOrganization?.name
        if let diagnosis = value.diagnoses.first {
            view.diagnosisCode = diagnosisCode(diagnosis, path: "Referral.diagnoses[0]")
            view.diagnosisName = diagnosis.code.display ?? diagnosis.code.originalText
        }
        if value.diagnoses.count > 1 {
            report.unmapped.append(
                UnmappedItem(path: "Referral.diagnoses[1...]", reason: "the referral template holds one diagnosis"))
        }
        if value.direction != nil {
            report.unmapped.append(UnmappedItem(path: "Referral.direction", reason: "the template has no direction"))
        }
        return view
    }
}

extension ModelRecord {
    /// The kind name used in reports.
    var kind: String { kindName }
}
