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

    /// The pretty JSON of `records` (2-space indent, final line feed), or one compact NDJSON line (no final
    /// line feed) when ``ConversionOptions/compactJSON`` is set.
    public func write(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> [UInt8]
    {
        var bytes = try bytes(records, options: options, pretty: !options.compactJSON, report: &report)
        if !options.compactJSON { bytes.append(0x0A) }
        return bytes
    }

    /// The FHIR tree of `records` (a Patient or a Bundle).
    /// - Throws: ``ConversionError`` `.missingData` for no records, `.unsupportedTarget` for payloads this writer
    ///   does not write.
    public func resource(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> JSONValue
    {
        let bytes = try bytes(records, options: options, pretty: false, report: &report)
        do {
            return try JSONReader.read(bytes)
        } catch {
            throw ConversionError(.unsupportedTarget, "the written FHIR JSON did not read back")
        }
    }

    /// The JSON of `records` without the final line feed.
    func bytes(
        _ records: [ModelRecord], options: ConversionOptions, pretty: Bool, report: inout ConversionReport
    ) throws(ConversionError) -> [UInt8] {
        guard let first = records.first else { throw ConversionError(.missingData, "nothing to write") }
        let documentID = first.provenanceDocumentID.flatMap { Self.isValidID($0) ? $0 : nil }
        let lone = records.count == 1 && first.isLoneResource
        var context = FHIRWriteContext(
            options: options, key: (first.provenanceDocumentID ?? "") + "/" + first.kindName, pretty: pretty,
            base: lone ? 0 : 6)
        if lone {
            let bytes: [UInt8]
            switch first {
            case .resident(let resident):
                bytes = context.patient(resident, id: documentID ?? context.id("Patient", 0))
            case .practitioner(let practitioner):
                bytes = context.practitioner(practitioner, id: documentID ?? context.id("Practitioner", 0))
            case .organization(let organization):
                bytes = context.organization(organization, id: documentID ?? context.id("Organization", 0))
            default:
                bytes = []
            }
            report.merge(context.report)
            return bytes
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
        let total = context.entries.reduce(256) { $0 + $1.resource.count + $1.url.utf8.count + 64 }
        var out = JSONOut(pretty: pretty, base: 0, capacity: total)
        let root = out.openRoot()
        out.field("resourceType", literal: "Bundle")
        out.field("id", documentID ?? context.id("Bundle", 0))
        out.field("type", literal: "collection")
        let entries = out.openArray("entry")
        for entry in context.entries {
            let item = out.openElement()
            out.field("fullUrl", entry.url)
            out.key("resource")
            out.put(entry.resource)
            out.closeObject(item)
        }
        out.closeArray(entries)
        out.closeObject(root)
        return out.takeBytes()
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
    /// A lone resident, practitioner or organization is written as that resource, not as a Bundle.
    var isLoneResource: Bool {
        switch self {
        case .resident, .practitioner, .organization: true
        default: false
        }
    }

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
    /// Pretty or compact output, and the indentation of each resource's `{` (6 in a Bundle, 0 alone).
    let pretty: Bool
    let base: Int
    var entries: [(url: String, resource: [UInt8])] = []
    var report = ConversionReport()
    var counter: [String: Int] = [:]
    // Resources already written, found by equality: a record has a handful, and comparing copies of the same
    // value is cheaper than hashing every field of a resident or encounter.
    var patientRefs: [(value: Resident, url: String)] = []
    var practitionerRefs: [(value: Practitioner, url: String)] = []
    var encounterRefs: [(value: Encounter, url: String)] = []
    /// Translations already made for this record (see ``translated(_:to:path:)``).
    var translations: [(value: CodedValue, target: String, result: CodedValue?)] = []
    /// Valid FHIR dateTimes already converted for this record (see ``dt(_:_:)``).
    var dateTimes: [(source: String, fhir: String)] = []

    init(options: ConversionOptions, key: String, pretty: Bool = true, base: Int = 6) {
        self.options = options
        self.key = key
        self.systems = options.identifierSystems
        self.pretty = pretty
        self.base = base
    }

    func id(_ type: String, _ index: Int) -> String { StableID.uuid(key: key, type: type, index: index) }

    mutating func nextID(_ type: String) -> String {
        let index = counter[type, default: 0]
        counter[type] = index + 1
        return id(type, index)
    }

    /// A writer for one resource, its root object open, with `resourceType` and `id` written.
    func resourceWriter(_ type: StaticString, id: String) -> (JSONOut, JSONOut.Scope) {
        var out = JSONOut(pretty: pretty, base: base, capacity: 2048)
        let root = out.openRoot()
        out.field("resourceType", literal: type)
        out.field("id", id)
        return (out, root)
    }

    /// Closes `out` and adds it as a Bundle entry; returns its URL.
    mutating func add(_ out: consuming JSONOut, _ root: JSONOut.Scope, id: String) -> String {
        var out = out
        out.closeObject(root)
        let url = "urn:uuid:" + id
        entries.append((url, out.takeBytes()))
        return url
    }

    /// Closes `out` and returns its bytes.
    func finish(_ out: consuming JSONOut, _ root: JSONOut.Scope) -> [UInt8] {
        var out = out
        out.closeObject(root)
        return out.takeBytes()
    }

    // MARK: Data types

    /// Whether ``codeableConcept(_:_:into:)`` writes anything for `value`.
    func hasConcept(_ value: CodedValue?) -> Bool {
        guard let value else { return false }
        if !value.code.isEmpty || !(value.originalText ?? "").isEmpty { return true }
        return value.translations.contains { !$0.code.isEmpty }
    }

    /// `"key": CodeableConcept`, left out when the value has no code and no text.
    func codeableConcept(_ key: StaticString, _ value: CodedValue?, into out: inout JSONOut) {
        guard let value, hasConcept(value) else { return }
        let scope = out.openObject(key)
        conceptMembers(value, into: &out)
        out.closeObject(scope)
    }

    /// A CodeableConcept as the next array element, if it has a code or text.
    func codeableConceptElement(_ value: CodedValue?, into out: inout JSONOut) {
        guard let value, hasConcept(value) else { return }
        let scope = out.openElement()
        conceptMembers(value, into: &out)
        out.closeObject(scope)
    }

    /// `"key": [CodeableConcept]`, left out when the value has no code and no text.
    func codeableConceptArray(_ key: StaticString, _ value: CodedValue?, into out: inout JSONOut) {
        guard let value, hasConcept(value) else { return }
        let scope = out.openArray(key)
        codeableConceptElement(value, into: &out)
        out.closeArray(scope)
    }

    func conceptMembers(_ value: CodedValue, into out: inout JSONOut) {
        let codings = out.openArray("coding")
        if !value.code.isEmpty { codingElement(value, into: &out) }
        for translation in value.translations where !translation.code.isEmpty {
            codingElement(translation, into: &out)
        }
        out.closeArray(codings)
        out.field("text", value.originalText)
    }

    func codingMembers(_ value: CodedValue, into out: inout JSONOut) {
        out.field("system", SystemNames.fhirSystem(value.system, tables: options.terminology))
        out.field("code", value.code)
        out.field("display", value.display)
    }

    func codingElement(_ value: CodedValue, into out: inout JSONOut) {
        let scope = out.openElement()
        codingMembers(value, into: &out)
        out.closeObject(scope)
    }

    /// `"key": Coding`.
    func coding(_ key: StaticString, _ value: CodedValue, into out: inout JSONOut) {
        let scope = out.openObject(key)
        codingMembers(value, into: &out)
        out.closeObject(scope)
    }

    /// `{"coding": [{"system": system, "code": code}]}` as the next array element.
    func fixedConceptElement(system: StaticString, code: StaticString, into out: inout JSONOut) {
        let concept = out.openElement()
        let codings = out.openArray("coding")
        let coding = out.openElement()
        out.field("system", literal: system)
        out.field("code", literal: code)
        out.closeObject(coding)
        out.closeArray(codings)
        out.closeObject(concept)
    }

    /// `value` in `target`: the value itself, a translation already in that system, or a crosswalk result.
    /// Translations that reported nothing are remembered for the rest of the record (a report's results share a
    /// handful of status and flag codes); one that reported is translated again each time, so every path is
    /// reported as before.
    mutating func translated(_ value: CodedValue?, to target: String, path: String) -> CodedValue? {
        guard let value else { return nil }
        for entry in translations where entry.target == target && entry.value == value { return entry.result }
        let issues = report.issues.count
        let unmapped = report.unmapped.count
        let result = options.translated(value, to: target, path: path, report: &report, keepingSourceOnFailure: false)
        if report.issues.count == issues, report.unmapped.count == unmapped, translations.count < 16 {
            translations.append((value, target, result))
        }
        return result
    }

    /// `"key": [Identifier, …]`, left out when there is none.
    func identifiers(_ key: StaticString, _ values: [Identifier], into out: inout JSONOut) {
        guard !values.isEmpty else { return }
        let scope = out.openArray(key)
        for value in values { identifierElement(value, into: &out) }
        out.closeArray(scope)
    }

    func identifierElement(_ value: Identifier, into out: inout JSONOut) {
        let scope = out.openElement()
        identifierMembers(value, into: &out)
        out.closeObject(scope)
    }

    func identifierMembers(_ value: Identifier, into out: inout JSONOut) {
        if var type = value.type {
            if type.system == "hl7-0203" { type.system = "fhir-identifier-type" }
            codeableConcept("type", type, into: &out)
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
        out.field("system", system ?? systems.fhirSystem(for: value.kind))
        out.field("value", value.value)
        if let assigner {
            let scope = out.openObject("assigner")
            out.field("display", assigner)
            out.closeObject(scope)
        }
    }

    func humanNameElement(_ name: PersonName, into out: inout JSONOut) {
        let scope = out.openElement()
        humanNameMembers(name, into: &out)
        out.closeObject(scope)
    }

    func humanNameMembers(_ name: PersonName, into out: inout JSONOut) {
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
        out.field("use", use)
        out.field("text", name.text)
        out.field("family", name.family)
        let given = out.openArray("given")
        for part in name.given {
            out.separator()
            out.string(part)
        }
        out.closeArray(given)
    }

    func humanNames(_ key: StaticString, _ names: [PersonName], into out: inout JSONOut) {
        let scope = out.openArray(key)
        for name in names { humanNameElement(name, into: &out) }
        out.closeArray(scope)
    }

    func addresses(_ key: StaticString, _ values: [Address], into out: inout JSONOut) {
        let scope = out.openArray(key)
        for value in values {
            let element = out.openElement()
            addressMembers(value, into: &out)
            out.closeObject(element)
        }
        out.closeArray(scope)
    }

    func addressMembers(_ value: Address, into out: inout JSONOut) {
        if let region = value.regionCode {
            let extensions = out.openArray("extension")
            let ext = out.openElement()
            out.field("url", literal: "http://healthinterchange.example/fhir/StructureDefinition/gbt2260-division")
            let coding = out.openObject("valueCoding")
            out.field("system", literal: "http://healthinterchange.example/CodeSystem/gbt-2260")
            out.field("code", region)
            out.closeObject(coding)
            out.closeObject(ext)
            out.closeArray(extensions)
        }
        let use: String? =
            switch value.use {
            case .home?: "home"
            case .work?: "work"
            case .registeredResidence?: "home"
            default: nil
            }
        out.field("use", use)
        out.field("text", value.text)
        // Named parts below the county go to `line`, each marked with its ISO 21090 ADXP extension in `_line`.
        let named: [(String?, String)] = [
            (value.township, "precinct"), (value.streetName, "streetName"), (value.houseNumber, "houseNumber"),
        ]
        let lines = out.openArray("line")
        var marked = false
        for (part, _) in named {
            guard let part, !part.isEmpty else { continue }
            marked = true
            out.separator()
            out.string(part)
        }
        for line in value.lines where !line.isEmpty {
            out.separator()
            out.string(line)
        }
        out.closeArray(lines)
        if marked {
            let extensions = out.openArray("_line")
            for (part, kind) in named {
                guard let part, !part.isEmpty else { continue }
                let element = out.openElement()
                let list = out.openArray("extension")
                let ext = out.openElement()
                out.field("url", FHIRAddressParts.extensionPrefix + kind)
                out.field("valueString", part)
                out.closeObject(ext)
                out.closeArray(list)
                out.closeObject(element)
            }
            for line in value.lines where !line.isEmpty {
                out.separator()
                out.raw("null")
            }
            out.closeArray(extensions)
        }
        out.field("city", value.city)
        out.field("district", value.county)
        out.field("state", value.province)
        out.field("postalCode", value.postalCode)
        out.field("country", value.country)
    }

    func telecoms(_ key: StaticString, _ values: [ContactPoint], into out: inout JSONOut) {
        let scope = out.openArray(key)
        for value in values {
            let element = out.openElement()
            out.field("system", value.system.rawValue)
            out.field("value", value.value)
            out.field("use", value.use.map { $0 == .mobile ? "mobile" : $0.rawValue })
            out.closeObject(element)
        }
        out.closeArray(scope)
    }

    /// The FHIR dateTime of `time`, or nil (reported) when it is not one.
    mutating func dt(_ time: Timestamp?, _ path: String) -> String? {
        guard let time else { return nil }
        // A record's times repeat (every result of a report is observed at the same time): valid ones are
        // remembered; invalid ones are checked (and reported) each time.
        for entry in dateTimes where entry.source == time.text { return entry.fhir }
        let text = TimeText.fhirDateTime(time.text)
        guard TimeText.isFHIRDateTime(text) else {
            report.unmapped.append(UnmappedItem(path: path, reason: "not a valid FHIR dateTime; left out"))
            return nil
        }
        if dateTimes.count < 16 { dateTimes.append((time.text, text)) }
        return text
    }

    /// `"period": {"start": …, "end": …}`, left out when neither is a dateTime.
    mutating func period(_ start: Timestamp?, _ end: Timestamp?, into out: inout JSONOut) {
        guard start != nil || end != nil else { return }
        let scope = out.openObject("period")
        out.field("start", dt(start, "start"))
        out.field("end", dt(end, "end"))
        out.closeObject(scope)
    }

    /// Whether ``unmappedExtensions(_:into:)`` writes anything.
    func carries(_ fragments: [UnmappedFragment]) -> Bool { options.carryUnmapped && !fragments.isEmpty }

    /// The unmapped-source extensions of `fragments` as elements of an open `extension` array.
    func unmappedExtensionElements(_ fragments: [UnmappedFragment], into out: inout JSONOut) {
        guard carries(fragments) else { return }
        for fragment in fragments {
            let ext = out.openElement()
            out.field("url", ConversionOptions.unmappedExtensionURL)
            let list = out.openArray("extension")
            let path = out.openElement()
            out.field("url", literal: "path")
            out.field("valueString", fragment.path)
            out.closeObject(path)
            let text = out.openElement()
            out.field("url", literal: "text")
            out.field("valueString", fragment.text.isEmpty ? "(empty)" : fragment.text)
            out.closeObject(text)
            out.closeArray(list)
            out.closeObject(ext)
        }
    }

    /// `"extension": [unmapped-source …]`, left out when not carried or none.
    func unmappedExtensions(_ fragments: [UnmappedFragment], into out: inout JSONOut) {
        guard carries(fragments) else { return }
        let scope = out.openArray("extension")
        unmappedExtensionElements(fragments, into: &out)
        out.closeArray(scope)
    }

    mutating func notMapped(_ path: String, _ present: Bool) {
        if present { report.unmapped.append(UnmappedItem(path: path, reason: "no FHIR element in this mapping")) }
    }

    // MARK: Resources

    mutating func patient(_ resident: Resident, id: String) -> [UInt8] {
        var (out, root) = resourceWriter("Patient", id: id)
        if carries(resident.unmappedFragments) || resident.nationality != nil {
            let extensions = out.openArray("extension")
            unmappedExtensionElements(resident.unmappedFragments, into: &out)
            if let nationality = resident.nationality {
                let ext = out.openElement()
                out.field("url", literal: "http://hl7.org/fhir/StructureDefinition/patient-nationality")
                let list = out.openArray("extension")
                let code = out.openElement()
                out.field("url", literal: "code")
                codeableConcept("valueCodeableConcept", nationality, into: &out)
                out.closeObject(code)
                out.closeArray(list)
                out.closeObject(ext)
            }
            out.closeArray(extensions)
        }
        notMapped("Resident.employer", resident.employer != nil)
        notMapped("Resident.householdRegistered", resident.householdRegistered != nil)
        identifiers("identifier", resident.identifiers, into: &out)
        humanNames("name", resident.names, into: &out)
        telecoms("telecom", resident.telecom, into: &out)
        if let sex = translated(resident.sex, to: "fhir-administrative-gender", path: "Resident.sex") {
            if ["male", "female", "other", "unknown"].contains(sex.code) {
                out.field("gender", sex.code)
            } else {
                notMapped("Resident.sex", true)
            }
        }
        out.field("birthDate", resident.birthDate?.description)
        addresses("address", resident.addresses, into: &out)
        if let marital = resident.maritalStatus {
            var concept = marital
            if let v3 = translated(marital, to: "v3-MaritalStatus", path: "Resident.maritalStatus"), v3 != marital {
                concept = v3
            }
            codeableConcept("maritalStatus", concept, into: &out)
        }
        let contacts = out.openArray("contact")
        for contact in resident.contacts {
            let item = out.openElement()
            if let relationship = contact.relationship {
                codeableConceptArray("relationship", relationship, into: &out)
            }
            if let name = contact.name {
                let scope = out.openObject("name")
                humanNameMembers(name, into: &out)
                out.closeObject(scope)
            }
            telecoms("telecom", contact.telecom, into: &out)
            if let address = contact.address {
                let scope = out.openObject("address")
                addressMembers(address, into: &out)
                out.closeObject(scope)
            }
            out.closeObject(item)
        }
        out.closeArray(contacts)
        notMapped("Resident.ethnicity", resident.ethnicity != nil)
        notMapped("Resident.occupation", resident.occupation != nil)
        notMapped("Resident.education", resident.education != nil)
        notMapped("Resident.insurance", !resident.insurance.isEmpty)
        notMapped("Resident.aboBloodGroup", resident.aboBloodGroup != nil)
        notMapped("Resident.rhBloodGroup", resident.rhBloodGroup != nil)
        notMapped("Resident.keyPopulations", !resident.keyPopulations.isEmpty)
        return finish(out, root)
    }

    mutating func addPatient(_ resident: Resident, shared: Bool = true) -> String {
        if shared, let existing = patientRefs.first(where: { $0.value == resident }) { return existing.url }
        let id = nextID("Patient")
        let url = "urn:uuid:" + id
        entries.append((url, patient(resident, id: id)))
        if let index = patientRefs.firstIndex(where: { $0.value == resident }) {
            patientRefs[index].url = url
        } else {
            patientRefs.append((resident, url))
        }
        return url
    }

    mutating func addPractitioner(_ practitioner: Practitioner?) -> String? {
        guard let practitioner else { return nil }
        if let existing = practitionerRefs.first(where: { $0.value == practitioner }) { return existing.url }
        let id = nextID("Practitioner")
        let url = "urn:uuid:" + id
        entries.append((url, self.practitioner(practitioner, id: id)))
        practitionerRefs.append((practitioner, url))
        return url
    }

    func practitioner(_ practitioner: Practitioner, id: String) -> [UInt8] {
        var (out, root) = resourceWriter("Practitioner", id: id)
        let list = out.openArray("identifier")
        for value in practitioner.identifiers {
            var copy = value
            if copy.kind == .other, copy.authority == nil {
                copy.kind = Identifier.Kind(rawValue: "practitionerNumber")
            }
            identifierElement(copy, into: &out)
        }
        out.closeArray(list)
        if let name = practitioner.name {
            let names = out.openArray("name")
            humanNameElement(name, into: &out)
            out.closeArray(names)
        }
        telecoms("telecom", practitioner.telecom, into: &out)
        if let role = practitioner.role {
            let qualifications = out.openArray("qualification")
            let qualification = out.openElement()
            codeableConcept("code", role, into: &out)
            out.closeObject(qualification)
            out.closeArray(qualifications)
        }
        return finish(out, root)
    }

    mutating func addOrganization(_ organization: Organization?) -> String? {
        guard let organization else { return nil }
        let id = nextID("Organization")
        let url = "urn:uuid:" + id
        entries.append((url, self.organization(organization, id: id)))
        return url
    }

    func organization(_ organization: Organization, id: String) -> [UInt8] {
        var (out, root) = resourceWriter("Organization", id: id)
        identifiers("identifier", organization.identifiers, into: &out)
        codeableConceptArray("type", organization.type, into: &out)
        out.field("name", organization.name)
        telecoms("telecom", organization.telecom, into: &out)
        addresses("address", organization.addresses, into: &out)
        unmappedExtensions(organization.unmappedFragments, into: &out)
        return finish(out, root)
    }

    mutating func addCondition(_ diagnosis: Diagnosis, subject: String?) -> String {
        let id = nextID("Condition")
        var (out, root) = resourceWriter("Condition", id: id)
        codeableConcept("code", diagnosis.code, into: &out)
        out.reference("subject", subject)
        out.field("recordedDate", dt(diagnosis.date, "diagnosis.date"))
        if let type = diagnosis.type {
            codeableConceptArray("category", type, into: &out)
        }
        notMapped("Diagnosis.tcmDisease", diagnosis.tcmDisease != nil)
        notMapped("Diagnosis.tcmSyndrome", diagnosis.tcmSyndrome != nil)
        return add(out, root, id: id)
    }

    mutating func addEncounter(_ encounter: Encounter) -> String {
        if let existing = encounterRefs.first(where: { $0.value == encounter }) { return existing.url }
        let subject = encounter.resident.map { addPatient($0) }
        let id = nextID("Encounter")
        var (out, root) = resourceWriter("Encounter", id: id)
        unmappedExtensions(encounter.unmappedFragments, into: &out)
        identifiers("identifier", encounter.identifiers, into: &out)
        out.field("status", encounter.end != nil ? "finished" : "unknown")
        if let mapped = translated(encounter.classCode, to: "v3-ActCode", path: "Encounter.classCode") {
            coding("class", mapped, into: &out)
        } else {
            let code =
                switch encounter.kind {
                case .inpatient: "IMP"
                case .emergency: "EMER"
                case .homeVisit: "HH"
                default: "AMB"
                }
            coding("class", CodedValue(system: "v3-ActCode", code: code), into: &out)
        }
        if let department = encounter.department {
            codeableConcept("serviceType", department, into: &out)
        }
        out.reference("subject", subject)
        let participants = encounter.practitioners.compactMap { addPractitioner($0) }
        let participantList = out.openArray("participant")
        for url in participants {
            let item = out.openElement()
            out.reference("individual", url)
            out.closeObject(item)
        }
        out.closeArray(participantList)
        period(encounter.start, encounter.end, into: &out)
        let conditions = encounter.diagnoses.map { addCondition($0, subject: subject) }
        let diagnosisList = out.openArray("diagnosis")
        for (url, diagnosis) in zip(conditions, encounter.diagnoses) {
            let item = out.openElement()
            out.reference("condition", url)
            if diagnosis.isPrimary { out.number("rank", 1) }
            out.closeObject(item)
        }
        out.closeArray(diagnosisList)
        out.reference("serviceProvider", addOrganization(encounter.organization))
        let url = add(out, root, id: id)
        encounterRefs.append((encounter, url))
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
            var (out, root) = resourceWriter("Specimen", id: id)
            identifiers("identifier", specimen.identifiers, into: &out)
            codeableConcept("type", specimen.type, into: &out)
            out.reference("subject", subject)
            out.field("receivedTime", dt(specimen.receivedAt, "specimen.receivedAt"))
            if let collected = specimen.collectedAt {
                let collection = out.openObject("collection")
                out.field("collectedDateTime", dt(collected, "specimen.collectedAt"))
                out.closeObject(collection)
            }
            specimenURL = add(out, root, id: id)
        }
        var orderURL: String? = nil
        if subject == nil {
            notMapped("LabReport.orderedAt", lab.orderedAt != nil)
            notMapped("LabReport.orderedBy", lab.orderedBy != nil)
        }
        if let subject, lab.order != nil || lab.orderedAt != nil {
            let id = nextID("ServiceRequest")
            var (out, root) = resourceWriter("ServiceRequest", id: id)
            identifiers("identifier", OrderNumbers.requestIdentifiers(lab), into: &out)
            out.field("status", lab.status == nil || FHIRLabTask.carries(lab) ? "active" : "completed")
            out.field("intent", literal: "order")
            codeableConcept("code", lab.order, into: &out)
            out.reference("subject", subject)
            out.reference("encounter", encounter)
            out.field("authoredOn", dt(lab.orderedAt, "lab.orderedAt"))
            out.reference("requester", requester)
            out.references("specimen", [specimenURL])
            orderURL = add(out, root, id: id)
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
        resultURLs.reserveCapacity(lab.results.count)
        for index in lab.results.indices {
            resultURLs.append(
                addObservation(
                    lab.results[index], path: "LabReport.results[\(index)]", category: "laboratory",
                    status: lab.status, subject: subject, encounter: encounter, basedOn: orderURL,
                    specimen: specimenURL))
        }
        let id = nextID("DiagnosticReport")
        var (out, root) = resourceWriter("DiagnosticReport", id: id)
        unmappedExtensions(lab.unmappedFragments, into: &out)
        identifiers("identifier", lab.identifiers.filter { $0.type?.code != "PLAC" }, into: &out)
        out.references("basedOn", [orderURL])
        out.field("status", status(lab.status, path: "LabReport.status"))
        let categories = out.openArray("category")
        fixedConceptElement(system: "http://terminology.hl7.org/CodeSystem/v2-0074", code: "LAB", into: &out)
        out.closeArray(categories)
        if let order = lab.order {
            codeableConcept("code", order, into: &out)
        } else {
            let code = out.openObject("code")
            out.field("text", literal: "检验报告")
            out.closeObject(code)
        }
        out.reference("subject", subject)
        out.reference("encounter", encounter)
        out.field("effectiveDateTime", dt(lab.specimen?.collectedAt, "lab.specimen.collectedAt"))
        out.field("issued", lab.reportedAt.flatMap { instant($0) })
        out.references("performer", [performer, laboratory])
        out.references("resultsInterpreter", [reviewer])
        out.references("specimen", [specimenURL])
        let results = out.openArray("result")
        for url in resultURLs { out.referenceElement(url) }
        out.closeArray(results)
        out.field("conclusion", lab.notes.isEmpty ? nil : lab.notes.joined(separator: "\n"))
        _ = add(out, root, id: id)
    }

    /// Adds one Observation for `result` and returns its URL.
    mutating func addObservation(
        _ result: LabResult, path: @autoclosure () -> String, category categoryCode: StaticString,
        status fallbackStatus: CodedValue?, subject: String?, encounter: String?, basedOn: String?,
        specimen: String?, bodySite: CodedValue? = nil
    ) -> String {
        let id = nextID("Observation")
        var (out, root) = resourceWriter("Observation", id: id)
        unmappedExtensions(result.unmappedFragments, into: &out)
        out.references("basedOn", [basedOn])
        out.field("status", status(result.status ?? fallbackStatus, path: path() + ".status"))
        let categories = out.openArray("category")
        fixedConceptElement(
            system: "http://terminology.hl7.org/CodeSystem/observation-category", code: categoryCode, into: &out)
        out.closeArray(categories)
        codeableConcept("code", result.code, into: &out)
        out.reference("subject", subject)
        out.reference("encounter", encounter)
        if let observedAt = result.observedAt {
            out.field("effectiveDateTime", dt(observedAt, "result.observedAt"))
        }
        switch result.value {
        case .quantity(let quantity)?:
            if JSONOut.isNumber(quantity.value) {
                let value = out.openObject("valueQuantity")
                out.number("value", text: quantity.value)
                if let comparator = quantity.comparator, ["<", "<=", ">=", ">"].contains(comparator) {
                    out.field("comparator", comparator)
                } else if let comparator = quantity.comparator, comparator != "=" {
                    notMapped(path() + ".value.comparator", true)
                }
                out.field("unit", quantity.unit)
                if let ucum = quantity.ucum {
                    out.field("system", literal: "http://unitsofmeasure.org")
                    out.field("code", ucum)
                }
                out.closeObject(value)
            } else {
                out.field("valueString", (quantity.comparator ?? "") + quantity.value)
                report.issues.append(
                    Issue(
                        .warning, code: "HI-CONV-0102", "a numeric result is not a number; written as valueString",
                        at: SourceLocation(path: path() + ".value")))
            }
        case .coded(let coded)?:
            codeableConcept("valueCodeableConcept", coded, into: &out)
        case .text(let text)?:
            out.field("valueString", text)
        case nil:
            break
        }
        if let flag = result.abnormalFlag {
            let mapped = translated(flag, to: "v3-ObservationInterpretation", path: path() + ".abnormalFlag") ?? flag
            codeableConceptArray("interpretation", mapped, into: &out)
        }
        let notes = out.openArray("note")
        for note in result.notes {
            let item = out.openElement()
            out.field("text", note)
            out.closeObject(item)
        }
        out.closeArray(notes)
        codeableConcept("method", result.method, into: &out)
        out.reference("specimen", specimen)
        if let range = result.referenceRange {
            let ranges = out.openArray("referenceRange")
            let item = out.openElement()
            func quantity(_ key: StaticString, _ text: String?, into out: inout JSONOut) {
                guard let text, JSONOut.isNumber(text) else { return }
                let value = out.openObject(key)
                out.number("value", text: text)
                out.field("unit", range.unit)
                out.closeObject(value)
            }
            quantity("low", range.low, into: &out)
            quantity("high", range.high, into: &out)
            out.field("text", range.text)
            out.closeObject(item)
            out.closeArray(ranges)
        }
        codeableConcept("bodySite", bodySite, into: &out)
        return add(out, root, id: id)
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
        var (out, root) = resourceWriter("MedicationRequest", id: id)
        unmappedExtensions(order.unmappedFragments, into: &out)
        identifiers("identifier", order.identifiers, into: &out)
        out.field("status", literal: "active")
        out.field("intent", literal: "order")
        codeableConcept("medicationCodeableConcept", order.medication, into: &out)
        out.reference("subject", subject)
        out.field("authoredOn", dt(order.orderedAt, "MedicationOrder.orderedAt"))
        out.reference("requester", requester)
        let doseNumber = order.dose.flatMap { JSONOut.isNumber($0.value) ? $0 : nil }
        if hasConcept(order.route) || hasConcept(order.frequency) || doseNumber != nil {
            let dosages = out.openArray("dosageInstruction")
            let dosage = out.openElement()
            codeableConcept("route", order.route, into: &out)
            if let frequency = order.frequency {
                let timing = out.openObject("timing")
                codeableConcept("code", frequency, into: &out)
                out.closeObject(timing)
            }
            if let dose = doseNumber {
                let rates = out.openArray("doseAndRate")
                let rate = out.openElement()
                let quantity = out.openObject("doseQuantity")
                out.number("value", text: dose.value)
                out.field("unit", dose.unit)
                out.closeObject(quantity)
                out.closeObject(rate)
                out.closeArray(rates)
            }
            out.closeObject(dosage)
            out.closeArray(dosages)
        }
        let dispense = out.openObject("dispenseRequest")
        if let quantity = order.quantity, JSONOut.isNumber(quantity.value) {
            let value = out.openObject("quantity")
            out.number("value", text: quantity.value)
            out.field("unit", quantity.unit)
            out.closeObject(value)
        }
        if let days = order.daysSupplied {
            let duration = out.openObject("expectedSupplyDuration")
            out.number("value", days)
            out.field("unit", literal: "d")
            out.field("system", literal: "http://unitsofmeasure.org")
            out.field("code", literal: "d")
            out.closeObject(duration)
        }
        if let refills = order.refills { out.number("numberOfRepeatsAllowed", refills) }
        out.closeObject(dispense)
        notMapped("MedicationOrder.form", order.form != nil)
        notMapped("MedicationOrder.strength", order.strength != nil)
        notMapped("MedicationOrder.isLongTermPrescription", order.isLongTermPrescription)
        _ = add(out, root, id: id)
    }

    mutating func addReferral(_ referral: Referral) {
        let subject = referral.resident.map { addPatient($0) }
        let from = addOrganization(referral.fromOrganization)
        let to = addOrganization(referral.toOrganization)
        let conditions = referral.diagnoses.map { addCondition($0, subject: subject) }
        let id = nextID("ServiceRequest")
        var (out, root) = resourceWriter("ServiceRequest", id: id)
        unmappedExtensions(referral.unmappedFragments, into: &out)
        identifiers("identifier", referral.identifiers, into: &out)
        out.field("status", literal: "active")
        out.field("intent", literal: "order")
        let categories = out.openArray("category")
        let category = out.openElement()
        let codings = out.openArray("coding")
        let coding = out.openElement()
        out.field("system", literal: "http://snomed.info/sct")
        out.field("code", literal: "3457005")
        out.field("display", literal: "Patient referral")
        out.closeObject(coding)
        out.closeArray(codings)
        out.closeObject(category)
        out.closeArray(categories)
        out.reference("subject", subject)
        out.field("authoredOn", dt(referral.date, "referral.date"))
        out.reference("requester", from)
        out.references("performer", [to])
        if let reason = referral.reason {
            let reasons = out.openArray("reasonCode")
            let item = out.openElement()
            out.field("text", reason)
            out.closeObject(item)
            out.closeArray(reasons)
        }
        out.references("reasonReference", conditions)
        notMapped("Referral.direction", referral.direction != nil)
        _ = add(out, root, id: id)
    }
}
