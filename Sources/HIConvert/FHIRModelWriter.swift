import HICore
public import HIFHIR
import HIModels
import HITerminology

/// Writes models as FHIR R4 JSON: a lone resident as a `Patient`; anything else as a `Bundle` of type
/// `collection` (lab reports: Patient, Encounter, Practitioner, Specimen, ServiceRequest, Observation per
/// result, DiagnosticReport; encounters: Patient, Encounter, Condition per diagnosis; referrals: Patient,
/// Organizations, Conditions, ServiceRequest; exam reports: DiagnosticReport with findings and measured
/// Observations, ImagingStudy; appointments: Appointment; follow-ups: Encounter with Observations). Ids are
/// derived from the source document id, so the same input always gives the same bytes. Codes go through the
/// terminology crosswalks (sex → administrative-gender, 0078 → ObservationInterpretation, 0085 →
/// observation-status, 0004 → ActCode).
///
/// ```swift
/// var report = ConversionReport()
/// let json = try FHIRModelWriter().write(records, options: ConversionOptions(), report: &report)
/// ```
public struct FHIRModelWriter: RecordWriter {
    public var format: RecordFormat { .fhir }

    /// Creates a writer.
    public init() {}

    public func write(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> [UInt8]
    {
        JSONWriter.write(try resource(records, options: options, report: &report))
    }

    /// The FHIR tree of `records` (a Patient or a Bundle).
    /// - Throws: ``ConversionError`` `.missingData` for no records, `.unsupportedTarget` for payloads this writer
    ///   does not write.
    public func resource(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> JSONValue
    {
        guard let first = records.first else { throw ConversionError(.missingData, "nothing to write") }
        var context = FHIRWriteContext(
            options: options, key: (first.provenanceDocumentID ?? "") + "/" + first.kindName)
        let documentID = first.provenanceDocumentID.flatMap { Self.isValidID($0) ? $0 : nil }
        if records.count == 1, case .resident(let resident) = first {
            let patient = context.patient(resident, id: documentID ?? context.id("Patient", 0))
            report.merge(context.report)
            return patient
        }
        if records.count == 1, case .practitioner(let practitioner) = first {
            let resource = context.practitioner(practitioner, id: documentID ?? context.id("Practitioner", 0))
            report.merge(context.report)
            return resource
        }
        if records.count == 1, case .organization(let organization) = first {
            let resource = context.organization(organization, id: documentID ?? context.id("Organization", 0))
            report.merge(context.report)
            return resource
        }
        for record in records {
            switch record {
            case .resident(let resident):
                _ = context.addPatient(resident, shared: false)
            case .encounter(let encounter):
                _ = context.addEncounter(encounter)
            case .labReport(let lab):
                context.addLabReport(lab)
            case .referral(let referral):
                context.addReferral(referral)
            case .medicationOrder(let order):
                try context.addMedicationOrder(order)
            case .practitioner(let practitioner):
                _ = context.addPractitioner(practitioner)
            case .organization(let organization):
                _ = context.addOrganization(organization)
            case .examReport(let exam):
                context.addExamReport(exam)
            case .appointment(let appointment):
                context.addAppointment(appointment)
            case .followUp(let followUp):
                try context.addFollowUp(followUp)
            case .contract:
                // A contract is written by HIPrimaryCare's ContractFHIR (CarePlan + CareTeam + Consent) when
                // converting through `RecordConverter.withPrimaryCare`; the plain writer writes its resident.
                context.report.unmapped.append(
                    UnmappedItem(path: "contract", reason: "a contract is written as FHIR by HIPrimaryCare"))
            }
        }
        report.merge(context.report)
        var bundle = JSONBuilder()
        bundle.set("resourceType", "Bundle")
        bundle.set("id", documentID ?? context.id("Bundle", 0))
        bundle.set("type", "collection")
        bundle.set("entry", .array(context.entries))
        return bundle.value
    }
}

extension FHIRModelWriter {
    /// FHIR ids: 1–64 of A–Z a–z 0–9 - .
    static func isValidID(_ text: String) -> Bool {
        let bytes = text.utf8
        return (1...64).contains(bytes.count)
            && bytes.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x2E
            }
    }
}

extension ModelRecord {
    var provenanceDocumentID: String? {
        switch self {
        case .resident(let value): value.provenance.documentID
        case .encounter(let value): value.provenance.documentID
        case .labReport(let value): value.provenance.documentID
        case .examReport(let value): value.provenance.documentID
        case .referral(let value): value.provenance.documentID
        case .medicationOrder(let value): value.provenance.documentID
        case .followUp(let value): value.provenance.documentID
        case .practitioner(let value): value.provenance.documentID
        case .organization(let value): value.provenance.documentID
        case .contract(let value): value.provenance.documentID
        case .appointment(let value): value.provenance.documentID
        }
    }
}

struct FHIRWriteContext {
    let options: ConversionOptions
    let key: String
    let systems: IdentifierSystems
    var entries: [JSONValue] = []
    var report = ConversionReport()
    var counter: [String: Int] = [:]
    var patientRefs: [Resident: String] = [:]
    var practitionerRefs: [Practitioner: String] = [:]
    var encounterRefs: [Encounter: String] = [:]

    init(options: ConversionOptions, key: String) {
        self.options = options
        self.key = key
        self.systems = IdentifierSystems(tables: options.terminology)
    }

    func id(_ type: String, _ index: Int) -> String { StableID.uuid(key + "/" + type + "/" + String(index)) }

    mutating func nextID(_ type: String) -> String {
        let index = counter[type, default: 0]
        counter[type] = index + 1
        return id(type, index)
    }

    mutating func add(_ resource: JSONValue, id: String) -> String {
        let url = "urn:uuid:" + id
        var entry = JSONBuilder()
        entry.set("fullUrl", url)
        entry.set("resource", resource)
        entries.append(entry.value)
        return url
    }

    func reference(_ url: String?) -> JSONValue? {
        guard let url else { return nil }
        var builder = JSONBuilder()
        builder.set("reference", url)
        return builder.value
    }

    // MARK: Data types

    func codeableConcept(_ value: CodedValue?) -> JSONValue? {
        guard let value else { return nil }
        var codings: [JSONValue] = value.code.isEmpty ? [] : [coding(value)]
        for translation in value.translations where !translation.code.isEmpty { codings.append(coding(translation)) }
        guard !codings.isEmpty || !(value.originalText ?? "").isEmpty else { return nil }
        var builder = JSONBuilder()
        builder.set("coding", .array(codings))
        builder.set("text", value.originalText)
        return builder.value
    }

    func coding(_ value: CodedValue) -> JSONValue {
        var builder = JSONBuilder()
        builder.set("system", SystemNames.fhirSystem(value.system, tables: options.terminology))
        builder.set("code", value.code)
        builder.set("display", value.display)
        return builder.value
    }

    /// `value` in `target`: the value itself, a translation already in that system, or a crosswalk result.
    mutating func translated(_ value: CodedValue?, to target: String, path: String) -> CodedValue? {
        options.translated(value, to: target, path: path, report: &report, keepingSourceOnFailure: false)
    }

    func identifier(_ value: Identifier) -> JSONValue {
        var builder = JSONBuilder()
        if var type = value.type {
            if type.system == "hl7-0203" { type.system = "fhir-identifier-type" }
            builder.set("type", codeableConcept(type))
        }
        var system: String? = nil
        var assigner: String? = nil
        if let authority = value.authority {
            if authority.hasPrefix("urn:") || authority.hasPrefix("http") {
                system = authority
            } else if CodeSystem.isValidOID(authority) {
                system = "urn:oid:" + authority
            } else {
                assigner = authority
            }
        }
        builder.set("system", system ?? systems.fhirSystem(for: value.kind))
        builder.set("value", value.value)
        if let assigner {
            var display = JSONBuilder()
            display.set("display", assigner)
            builder.set("assigner", display.value)
        }
        return builder.value
    }

    func humanName(_ name: PersonName) -> JSONValue {
        var builder = JSONBuilder()
        let use: String? =
            switch name.use {
            case "L", "official": "official"
            case "D", "usual": "usual"
            case "N", "nickname": "nickname"
            case "M", "maiden": "maiden"
            case "A", "anonymous": "anonymous"
            case "temp", "old": name.use
            default: nil
            }
        builder.set("use", use)
        builder.set("text", name.text)
        builder.set("family", name.family)
        builder.set("given", .array(name.given.map { .string($0) }))
        return builder.value
    }

    func address(_ value: Address) -> JSONValue {
        var builder = JSONBuilder()
        if let region = value.regionCode {
            var coding = JSONBuilder()
            coding.set("system", "http://healthinterchange.example/CodeSystem/gbt-2260")
            coding.set("code", region)
            var ext = JSONBuilder()
            ext.set("url", "http://healthinterchange.example/fhir/StructureDefinition/gbt2260-division")
            ext.set("valueCoding", coding.value)
            builder.set("extension", .array([ext.value]))
        }
        let use: String? =
            switch value.use {
            case .home?: "home"
            case .work?: "work"
            case .registeredResidence?: "home"
            default: nil
            }
        builder.set("use", use)
        builder.set("text", value.text)
        // Named parts below the county go to `line`, each marked with its ISO 21090 ADXP extension in `_line`.
        var lines: [JSONValue] = []
        var lineExtensions: [JSONValue] = []
        for (part, kind) in [
            (value.township, "precinct"), (value.streetName, "streetName"), (value.houseNumber, "houseNumber"),
        ] {
            guard let part, !part.isEmpty else { continue }
            lines.append(.string(JSONString(part)))
            var ext = JSONBuilder()
            ext.set("url", FHIRAddressParts.extensionPrefix + kind)
            ext.set("valueString", part)
            var element = JSONBuilder()
            element.set("extension", .array([ext.value]))
            lineExtensions.append(element.value)
        }
        for line in value.lines where !line.isEmpty {
            lines.append(.string(JSONString(line)))
            lineExtensions.append(.null)
        }
        builder.set("line", .array(lines))
        if lineExtensions.contains(where: { $0 != .null }) { builder.set("_line", .array(lineExtensions)) }
        builder.set("city", value.city)
        builder.set("district", value.county)
        builder.set("state", value.province)
        builder.set("postalCode", value.postalCode)
        builder.set("country", value.country)
        return builder.value
    }

    func contactPoint(_ value: ContactPoint) -> JSONValue {
        var builder = JSONBuilder()
        builder.set("system", value.system.rawValue)
        builder.set("value", value.value)
        builder.set("use", value.use.map { $0 == .mobile ? "mobile" : $0.rawValue })
        return builder.value
    }

    /// The FHIR dateTime of `time`, or nil (reported) when it is not one.
    mutating func dt(_ time: Timestamp?, _ path: String) -> String? {
        guard let time else { return nil }
        let text = TimeText.fhirDateTime(time.text)
        guard TimeText.isFHIRDateTime(text) else {
            report.unmapped.append(UnmappedItem(path: path, reason: "not a valid FHIR dateTime; left out"))
            return nil
        }
        return text
    }

    mutating func period(_ start: Timestamp?, _ end: Timestamp?) -> JSONValue? {
        guard start != nil || end != nil else { return nil }
        var builder = JSONBuilder()
        builder.set("start", dt(start, "start"))
        builder.set("end", dt(end, "end"))
        return builder.value
    }

    func unmappedExtensions(_ fragments: [UnmappedFragment]) -> JSONValue? {
        guard options.carryUnmapped, !fragments.isEmpty else { return nil }
        return .array(
            fragments.map { fragment in
                var path = JSONBuilder()
                path.set("url", "path")
                path.set("valueString", fragment.path)
                var text = JSONBuilder()
                text.set("url", "text")
                text.set("valueString", fragment.text.isEmpty ? "(empty)" : fragment.text)
                var ext = JSONBuilder()
                ext.set("url", ConversionOptions.unmappedExtensionURL)
                ext.set("extension", .array([path.value, text.value]))
                return ext.value
            })
    }

    mutating func notMapped(_ path: String, _ present: Bool) {
        if present { report.unmapped.append(UnmappedItem(path: path, reason: "no FHIR element in this mapping")) }
    }

    // MARK: Resources

    mutating func patient(_ resident: Resident, id: String) -> JSONValue {
        var builder = JSONBuilder()
        builder.set("resourceType", "Patient")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(resident.unmappedFragments))
        notMapped("Resident.employer", resident.employer != nil)
        notMapped("Resident.householdRegistered", resident.householdRegistered != nil)
        builder.set("identifier", .array(resident.identifiers.map(identifier)))
        builder.set("name", .array(resident.names.map(humanName)))
        builder.set("telecom", .array(resident.telecom.map(contactPoint)))
        if let sex = translated(resident.sex, to: "fhir-administrative-gender", path: "Resident.sex") {
            if ["male", "female", "other", "unknown"].contains(sex.code) {
                builder.set("gender", sex.code)
            } else {
                notMapped("Resident.sex", true)
            }
        }
        builder.set("birthDate", resident.birthDate?.description)
        builder.set("address", .array(resident.addresses.map(address)))
        if let marital = resident.maritalStatus {
            var concept = marital
            if let v3 = translated(marital, to: "v3-MaritalStatus", path: "Resident.maritalStatus"), v3 != marital {
                concept = v3
            }
            builder.set("maritalStatus", codeableConcept(concept))
        }
        builder.set(
            "contact",
            .array(
                resident.contacts.map { contact in
                    var item = JSONBuilder()
                    if let relationship = contact.relationship {
                        item.set("relationship", .array([codeableConcept(relationship)].compactMap { $0 }))
                    }
                    item.set("name", contact.name.map(humanName))
                    item.set("telecom", .array(contact.telecom.map(contactPoint)))
                    item.set("address", contact.address.map(address))
                    return item.value
                }))
        if let nationality = resident.nationality {
            var ext = JSONBuilder()
            ext.set("url", "http://hl7.org/fhir/StructureDefinition/patient-nationality")
            var code = JSONBuilder()
            code.set("url", "code")
            code.set("valueCodeableConcept", codeableConcept(nationality))
            ext.set("extension", .array([code.value]))
            var current = builder.members.first { $0.key.equals("extension") }?.value.arrayValue ?? []
            current.append(ext.value)
            builder.members.removeAll { $0.key.equals("extension") }
            builder.members.insert(JSONMember(key: "extension", value: .array(current)), at: 2)
        }
        notMapped("Resident.ethnicity", resident.ethnicity != nil)
        notMapped("Resident.occupation", resident.occupation != nil)
        notMapped("Resident.education", resident.education != nil)
        notMapped("Resident.insurance", !resident.insurance.isEmpty)
        notMapped("Resident.aboBloodGroup", resident.aboBloodGroup != nil)
        notMapped("Resident.rhBloodGroup", resident.rhBloodGroup != nil)
        notMapped("Resident.keyPopulations", !resident.keyPopulations.isEmpty)
        return builder.value
    }

    mutating func addPatient(_ resident: Resident, shared: Bool = true) -> String {
        if shared, let existing = patientRefs[resident] { return existing }
        let id = nextID("Patient")
        let url = add(patient(resident, id: id), id: id)
        patientRefs[resident] = url
        return url
    }

    mutating func addPractitioner(_ practitioner: Practitioner?) -> String? {
        guard let practitioner else { return nil }
        if let existing = practitionerRefs[practitioner] { return existing }
        let id = nextID("Practitioner")
        let url = add(self.practitioner(practitioner, id: id), id: id)
        practitionerRefs[practitioner] = url
        return url
    }

    func practitioner(_ practitioner: Practitioner, id: String) -> JSONValue {
        var builder = JSONBuilder()
        builder.set("resourceType", "Practitioner")
        builder.set("id", id)
        builder.set(
            "identifier",
            .array(
                practitioner.identifiers.map { value in
                    var copy = value
                    if copy.kind == .other, copy.authority == nil {
                        copy.kind = Identifier.Kind(rawValue: "practitionerNumber")
                    }
                    return identifier(copy)
                }))
        builder.set("name", practitioner.name.map { .array([humanName($0)]) })
        builder.set("telecom", .array(practitioner.telecom.map(contactPoint)))
        if let role = practitioner.role {
            var qualification = JSONBuilder()
            qualification.set("code", codeableConcept(role))
            builder.set("qualification", .array([qualification.value]))
        }
        return builder.value
    }

    mutating func addOrganization(_ organization: Organization?) -> String? {
        guard let organization else { return nil }
        let id = nextID("Organization")
        return add(self.organization(organization, id: id), id: id)
    }

    func organization(_ organization: Organization, id: String) -> JSONValue {
        var builder = JSONBuilder()
        builder.set("resourceType", "Organization")
        builder.set("id", id)
        builder.set("identifier", .array(organization.identifiers.map(identifier)))
        builder.set("type", organization.type.flatMap { codeableConcept($0) }.map { .array([$0]) })
        builder.set("name", organization.name)
        builder.set("telecom", .array(organization.telecom.map(contactPoint)))
        builder.set("address", .array(organization.addresses.map(address)))
        builder.set("extension", unmappedExtensions(organization.unmappedFragments))
        return builder.value
    }

    mutating func addCondition(_ diagnosis: Diagnosis, subject: String?) -> String {
        let id = nextID("Condition")
        var builder = JSONBuilder()
        builder.set("resourceType", "Condition")
        builder.set("id", id)
        builder.set("code", codeableConcept(diagnosis.code))
        builder.set("subject", reference(subject))
        builder.set("recordedDate", dt(diagnosis.date, "diagnosis.date"))
        if let type = diagnosis.type {
            builder.set("category", codeableConcept(type).map { .array([$0]) })
        }
        notMapped("Diagnosis.tcmDisease", diagnosis.tcmDisease != nil)
        notMapped("Diagnosis.tcmSyndrome", diagnosis.tcmSyndrome != nil)
        return add(builder.value, id: id)
    }

    mutating func addEncounter(_ encounter: Encounter) -> String {
        if let existing = encounterRefs[encounter] { return existing }
        let subject = encounter.resident.map { addPatient($0) }
        let id = nextID("Encounter")
        var builder = JSONBuilder()
        builder.set("resourceType", "Encounter")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(encounter.unmappedFragments))
        builder.set("identifier", .array(encounter.identifiers.map(identifier)))
        builder.set("status", encounter.end != nil ? "finished" : "unknown")
        var classCoding: JSONValue
        if let mapped = translated(encounter.classCode, to: "v3-ActCode", path: "Encounter.classCode") {
            classCoding = coding(mapped)
        } else {
            let code =
                switch encounter.kind {
                case .inpatient: "IMP"
                case .emergency: "EMER"
                case .homeVisit: "HH"
                default: "AMB"
                }
            classCoding = coding(CodedValue(system: "v3-ActCode", code: code))
        }
        builder.set("class", classCoding)
        if let department = encounter.department {
            builder.set("serviceType", codeableConcept(department))
        }
        builder.set("subject", reference(subject))
        let participants = encounter.practitioners.compactMap { addPractitioner($0) }
        builder.set(
            "participant",
            .array(
                participants.map { url in
                    var item = JSONBuilder()
                    item.set("individual", reference(url))
                    return item.value
                }))
        builder.set("period", period(encounter.start, encounter.end))
        let conditions = encounter.diagnoses.map { addCondition($0, subject: subject) }
        builder.set(
            "diagnosis",
            .array(
                zip(conditions, encounter.diagnoses).map { url, diagnosis in
                    var item = JSONBuilder()
                    item.set("condition", reference(url))
                    if diagnosis.isPrimary { item.set("rank", .number(JSONNumber(1))) }
                    return item.value
                }))
        builder.set("serviceProvider", reference(addOrganization(encounter.organization)))
        let url = add(builder.value, id: id)
        encounterRefs[encounter] = url
        return url
    }

    mutating func status(_ value: CodedValue?, path: String) -> String {
        guard let value else { return "unknown" }
        let valid = [
            "registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown",
        ]
        let code = translated(value, to: "fhir-observation-status", path: path)?.code ?? ""
        guard valid.contains(code) else {
            report.unmapped.append(
                UnmappedItem(path: path, reason: "the status has no FHIR status code; wrote unknown"))
            return "unknown"
        }
        return code
    }

    mutating func addLabReport(_ lab: LabReport) {
        let subject = lab.resident.map { addPatient($0) }
        let encounter = lab.encounter.map { encounter -> String in
            var copy = encounter
            copy.resident = lab.resident
            return addEncounter(copy)
        }
        let requester = addPractitioner(lab.orderedBy)
        var specimenURL: String? = nil
        if let specimen = lab.specimen {
            let id = nextID("Specimen")
            var builder = JSONBuilder()
            builder.set("resourceType", "Specimen")
            builder.set("id", id)
            builder.set("identifier", .array(specimen.identifiers.map(identifier)))
            builder.set("type", codeableConcept(specimen.type))
            builder.set("subject", reference(subject))
            builder.set("receivedTime", dt(specimen.receivedAt, "specimen.receivedAt"))
            if let collected = specimen.collectedAt {
                var collection = JSONBuilder()
                collection.set("collectedDateTime", dt(collected, "specimen.collectedAt"))
                builder.set("collection", collection.value)
            }
            specimenURL = add(builder.value, id: id)
        }
        var orderURL: String? = nil
        if subject == nil {
            notMapped("LabReport.orderedAt", lab.orderedAt != nil)
            notMapped("LabReport.orderedBy", lab.orderedBy != nil)
        }
        if let subject, lab.order != nil || lab.orderedAt != nil {
            let id = nextID("ServiceRequest")
            var builder = JSONBuilder()
            builder.set("resourceType", "ServiceRequest")
            builder.set("id", id)
            builder.set("identifier", .array(OrderNumbers.requestIdentifiers(lab).map(identifier)))
            builder.set("status", lab.status == nil || FHIRLabTask.carries(lab) ? "active" : "completed")
            builder.set("intent", "order")
            builder.set("code", codeableConcept(lab.order))
            builder.set("subject", reference(subject))
            builder.set("encounter", reference(encounter))
            builder.set("authoredOn", dt(lab.orderedAt, "lab.orderedAt"))
            builder.set("requester", reference(requester))
            builder.set("specimen", specimenURL.map { .array([reference($0)].compactMap { $0 }) })
            orderURL = add(builder.value, id: id)
        }
        if FHIRLabTask.carries(lab), let orderURL {
            addLabTask(lab, focus: orderURL, subject: subject, encounter: encounter, requester: requester)
            return
        }
        guard !lab.results.isEmpty || lab.status != nil else { return }
        let performer = addPractitioner(lab.performer)
        let reviewer = addPractitioner(lab.reviewer)
        let laboratory = addOrganization(lab.laboratory)
        var resultURLs: [String] = []
        for (index, result) in lab.results.enumerated() {
            resultURLs.append(
                addObservation(
                    result, path: "LabReport.results[\(index)]", category: "laboratory", status: lab.status,
                    subject: subject, encounter: encounter, basedOn: orderURL, specimen: specimenURL))
        }
        let id = nextID("DiagnosticReport")
        var builder = JSONBuilder()
        builder.set("resourceType", "DiagnosticReport")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(lab.unmappedFragments))
        builder.set("identifier", .array(lab.identifiers.filter { $0.type?.code != "PLAC" }.map(identifier)))
        builder.set("basedOn", orderURL.map { .array([reference($0)].compactMap { $0 }) })
        builder.set("status", status(lab.status, path: "LabReport.status"))
        var category = JSONBuilder()
        var categoryCoding = JSONBuilder()
        categoryCoding.set("system", "http://terminology.hl7.org/CodeSystem/v2-0074")
        categoryCoding.set("code", "LAB")
        category.set("coding", .array([categoryCoding.value]))
        builder.set("category", .array([category.value]))
        if let order = lab.order {
            builder.set("code", codeableConcept(order))
        } else {
            var code = JSONBuilder()
            code.set("text", "检验报告")
            builder.set("code", code.value)
        }
        builder.set("subject", reference(subject))
        builder.set("encounter", reference(encounter))
        builder.set("effectiveDateTime", dt(lab.specimen?.collectedAt, "lab.specimen.collectedAt"))
        builder.set("issued", lab.reportedAt.flatMap { instant($0) })
        builder.set("performer", .array([performer, laboratory].compactMap { reference($0) }))
        builder.set("resultsInterpreter", .array([reviewer].compactMap { reference($0) }))
        builder.set("specimen", specimenURL.map { .array([reference($0)].compactMap { $0 }) })
        builder.set("result", .array(resultURLs.compactMap { reference($0) }))
        builder.set("conclusion", lab.notes.isEmpty ? nil : lab.notes.joined(separator: "\n"))
        _ = add(builder.value, id: id)
    }

    /// Adds one Observation for `result` and returns its URL.
    mutating func addObservation(
        _ result: LabResult, path: String, category categoryCode: String, status fallbackStatus: CodedValue?,
        subject: String?,
        encounter: String?, basedOn: String?, specimen: String?, extra: [JSONMember] = []
    ) -> String {
        let id = nextID("Observation")
        var builder = JSONBuilder()
        builder.set("resourceType", "Observation")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(result.unmappedFragments))
        builder.set("basedOn", basedOn.map { .array([reference($0)].compactMap { $0 }) })
        builder.set("status", status(result.status ?? fallbackStatus, path: path + ".status"))
        var category = JSONBuilder()
        var categoryCoding = JSONBuilder()
        categoryCoding.set("system", "http://terminology.hl7.org/CodeSystem/observation-category")
        categoryCoding.set("code", categoryCode)
        category.set("coding", .array([categoryCoding.value]))
        builder.set("category", .array([category.value]))
        builder.set("code", codeableConcept(result.code))
        builder.set("subject", reference(subject))
        builder.set("encounter", reference(encounter))
        builder.set("effectiveDateTime", dt(result.observedAt, "result.observedAt"))
        switch result.value {
        case .quantity(let quantity)?:
            if let number = JSONNumber(quantity.value) {
                var value = JSONBuilder()
                value.set("value", .number(number))
                if let comparator = quantity.comparator, ["<", "<=", ">=", ">"].contains(comparator) {
                    value.set("comparator", comparator)
                } else if let comparator = quantity.comparator, comparator != "=" {
                    notMapped(path + ".value.comparator", true)
                }
                value.set("unit", quantity.unit)
                if let ucum = quantity.ucum {
                    value.set("system", "http://unitsofmeasure.org")
                    value.set("code", ucum)
                }
                builder.set("valueQuantity", value.value)
            } else {
                builder.set("valueString", (quantity.comparator ?? "") + quantity.value)
                report.issues.append(
                    Issue(
                        .warning, code: "HI-CONV-0102", "a numeric result is not a number; written as valueString",
                        at: SourceLocation(path: path + ".value")))
            }
        case .coded(let coded)?:
            builder.set("valueCodeableConcept", codeableConcept(coded))
        case .text(let text)?:
            builder.set("valueString", text)
        case nil:
            break
        }
        if let flag = result.abnormalFlag {
            let mapped = translated(flag, to: "v3-ObservationInterpretation", path: path + ".abnormalFlag") ?? flag
            builder.set("interpretation", codeableConcept(mapped).map { .array([$0]) })
        }
        builder.set(
            "note",
            .array(
                result.notes.map { note in
                    var item = JSONBuilder()
                    item.set("text", note)
                    return item.value
                }))
        builder.set("method", codeableConcept(result.method))
        builder.set("specimen", reference(specimen))
        if let range = result.referenceRange {
            var item = JSONBuilder()
            func quantity(_ text: String?) -> JSONValue? {
                guard let text, let number = JSONNumber(text) else { return nil }
                var value = JSONBuilder()
                value.set("value", .number(number))
                value.set("unit", range.unit)
                return value.value
            }
            item.set("low", quantity(range.low))
            item.set("high", quantity(range.high))
            item.set("text", range.text)
            builder.set("referenceRange", .array([item.value]))
        }
        for member in extra { builder.members.append(member) }
        return add(builder.value, id: id)
    }

    /// An `instant` needs seconds and a zone; other precisions cannot be written there.
    mutating func instant(_ time: Timestamp) -> String? {
        let iso = TimeText.fhirDateTime(time.text)
        if iso.utf8.count >= 20, TimeText.isFHIRDateTime(iso) { return iso }
        report.unmapped.append(UnmappedItem(path: "LabReport.reportedAt", reason: "not precise enough for an instant"))
        return nil
    }

    mutating func addMedicationOrder(_ order: MedicationOrder) throws(ConversionError) {
        guard let resident = order.resident else {
            throw ConversionError(.missingData, "a MedicationRequest needs a subject; the order names no resident")
        }
        let subject = addPatient(resident)
        let requester = addPractitioner(order.prescriber)
        let id = nextID("MedicationRequest")
        var builder = JSONBuilder()
        builder.set("resourceType", "MedicationRequest")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(order.unmappedFragments))
        builder.set("identifier", .array(order.identifiers.map(identifier)))
        builder.set("status", "active")
        builder.set("intent", "order")
        builder.set("medicationCodeableConcept", codeableConcept(order.medication))
        builder.set("subject", reference(subject))
        builder.set("authoredOn", dt(order.orderedAt, "MedicationOrder.orderedAt"))
        builder.set("requester", reference(requester))
        var dosage = JSONBuilder()
        dosage.set("route", codeableConcept(order.route))
        if let frequency = order.frequency {
            var timing = JSONBuilder()
            timing.set("code", codeableConcept(frequency))
            dosage.set("timing", timing.value)
        }
        if let dose = order.dose, let number = JSONNumber(dose.value) {
            var quantity = JSONBuilder()
            quantity.set("value", .number(number))
            quantity.set("unit", dose.unit)
            var rate = JSONBuilder()
            rate.set("doseQuantity", quantity.value)
            dosage.set("doseAndRate", .array([rate.value]))
        }
        if !dosage.members.isEmpty { builder.set("dosageInstruction", .array([dosage.value])) }
        var dispense = JSONBuilder()
        if let quantity = order.quantity, let number = JSONNumber(quantity.value) {
            var value = JSONBuilder()
            value.set("value", .number(number))
            value.set("unit", quantity.unit)
            dispense.set("quantity", value.value)
        }
        if let days = order.daysSupplied {
            var duration = JSONBuilder()
            duration.set("value", .number(JSONNumber(days)))
            duration.set("unit", "d")
            duration.set("system", "http://unitsofmeasure.org")
            duration.set("code", "d")
            dispense.set("expectedSupplyDuration", duration.value)
        }
        if let refills = order.refills { dispense.set("numberOfRepeatsAllowed", .number(JSONNumber(refills))) }
        if !dispense.members.isEmpty { builder.set("dispenseRequest", dispense.value) }
        notMapped("MedicationOrder.form", order.form != nil)
        notMapped("MedicationOrder.strength", order.strength != nil)
        notMapped("MedicationOrder.isLongTermPrescription", order.isLongTermPrescription)
        _ = add(builder.value, id: id)
    }

    mutating func addReferral(_ referral: Referral) {
        let subject = referral.resident.map { addPatient($0) }
        let from = addOrganization(referral.fromOrganization)
        let to = addOrganization(referral.toOrganization)
        let conditions = referral.diagnoses.map { addCondition($0, subject: subject) }
        let id = nextID("ServiceRequest")
        var builder = JSONBuilder()
        builder.set("resourceType", "ServiceRequest")
        builder.set("id", id)
        builder.set("extension", unmappedExtensions(referral.unmappedFragments))
        builder.set("identifier", .array(referral.identifiers.map(identifier)))
        builder.set("status", "active")
        builder.set("intent", "order")
        var coding = JSONBuilder()
        coding.set("system", "http://snomed.info/sct")
        coding.set("code", "3457005")
        coding.set("display", "Patient referral")
        var category = JSONBuilder()
        category.set("coding", .array([coding.value]))
        builder.set("category", .array([category.value]))
        builder.set("subject", reference(subject))
        builder.set("authoredOn", dt(referral.date, "referral.date"))
        builder.set("requester", reference(from))
        builder.set("performer", .array([to].compactMap { reference($0) }))
        if let reason = referral.reason {
            var text = JSONBuilder()
            text.set("text", reason)
            builder.set("reasonCode", .array([text.value]))
        }
        builder.set("reasonReference", .array(conditions.compactMap { reference($0) }))
        notMapped("Referral.direction", referral.direction != nil)
        _ = add(builder.value, id: id)
    }
}
