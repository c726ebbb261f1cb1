import HIConvert
import HICore
public import HIFHIR
public import HIModels

/// Family-doctor contracts as FHIR R4: a `Bundle` (type `collection`) holding a `CarePlan` (the contract:
/// period, status, key populations as categories, one activity per service item with its timing, packages
/// and renewals as extensions), a `CareTeam` (the signing team, member roles, organisation), a `Consent`
/// (who, when, how), the `Patient`s, a `Group` for a family unit, `Practitioner`s, `Organization`s and a
/// `RelatedPerson` when someone signed for the resident. Why CarePlan and not `Contract`: see docs/contracts.md.
///
/// ```swift
/// let bundle = try ContractFHIR.write(contract)              // JSON bytes
/// let again = try ContractFHIR.read(bundle)                   // [FamilyDoctorContract]
/// assert(again[0].keyPopulations == contract.keyPopulations)
/// ```
public enum ContractFHIR {
    /// Base of the extension URLs this mapping defines.
    public static let extensionBase = "http://healthinterchange.example/fhir/StructureDefinition/"
    /// The CarePlan category that marks a family-doctor contract.
    public static let category = CodedValue(
        system: "urn:healthinterchange:careplan-category", code: "family-doctor-contract", display: "家庭医生签约服务")

    /// The Bundle of one contract, as a JSON tree.
    /// - Throws: ``ContractError`` `.invalidValue` when a resident or practitioner cannot be written.
    public static func bundle(_ contract: FamilyDoctorContract) throws(ContractError) -> JSONValue {
        var writer = ContractFHIRWriter(contract: contract)
        return try writer.bundle()
    }

    /// The Bundle of one contract, pretty-printed JSON.
    public static func write(_ contract: FamilyDoctorContract) throws(ContractError) -> [UInt8] {
        JSONWriter.write(try bundle(contract))
    }

    /// Reads the contracts of a Bundle (one per CarePlan with the contract category, or every CarePlan when
    /// none has it).
    /// - Throws: ``ContractError`` `.unreadableInput` for bad JSON, `.notAContract` for no CarePlan.
    public static func read(_ bytes: [UInt8], file: String? = nil, options: FHIRDecodingOptions = .init())
        throws(ContractError) -> [FamilyDoctorContract]
    {
        let value: JSONValue
        do {
            value = try JSONReader.read(bytes, options: options)
        } catch {
            throw ContractError(.unreadableInput, "not JSON: \(error.reason)", at: error.location)
        }
        return try read(value, file: file)
    }

    /// Reads the contracts of a Bundle tree.
    public static func read(_ value: JSONValue, file: String? = nil) throws(ContractError) -> [FamilyDoctorContract] {
        let reader = ContractFHIRReader(root: value, file: file)
        return try reader.contracts()
    }
}

struct ContractFHIRWriter {
    let contract: FamilyDoctorContract
    var entries: [JSONValue] = []
    var counter = 0
    let key: String

    init(contract: FamilyDoctorContract) {
        self.contract = contract
        self.key = contract.identifiers.first?.value ?? contract.start?.description ?? "contract"
    }

    static func ext(_ name: String) -> String { ContractFHIR.extensionBase + name }

    mutating func id(_ type: String) -> String {
        counter += 1
        return ContractIDs.uuid(key + "/" + type + "/" + String(counter))
    }

    mutating func add(_ resource: JSONValue, id: String) -> String {
        var entry = ContractJSONObject()
        entry.set("fullUrl", "urn:uuid:" + id)
        entry.set("resource", resource)
        entries.append(entry.value)
        return "urn:uuid:" + id
    }

    static func withID(_ value: JSONValue, _ id: String) -> JSONValue {
        guard var object = value.objectValue else { return value }
        object.members.removeAll { $0.key.value == "id" }
        let at = object.members.firstIndex { $0.key.value == "resourceType" }.map { $0 + 1 } ?? 0
        object.members.insert(JSONMember(key: "id", value: .string(id)), at: at)
        return .object(object)
    }

    static func reference(_ url: String) -> JSONValue {
        var object = ContractJSONObject()
        object.set("reference", url)
        return object.value
    }

    static func codeable(_ value: CodedValue?) -> JSONValue? {
        guard let value else { return nil }
        var object = ContractJSONObject()
        object.set("coding", .array(([value] + value.translations).map(coding)))
        object.set("text", value.originalText)
        return object.value
    }

    static func coding(_ value: CodedValue) -> JSONValue {
        var object = ContractJSONObject()
        object.set("system", value.system)
        object.set("code", value.code)
        object.set("display", value.display)
        return object.value
    }

    static func identifier(_ identifier: Identifier) -> JSONValue {
        var object = ContractJSONObject()
        object.set("type", codeable(identifier.type))
        object.set("system", identifier.authority)
        object.set("value", identifier.value)
        var kind = ContractJSONObject()
        kind.set("url", ext("identifier-kind"))
        kind.set("valueCode", identifier.kind.rawValue)
        return .object(
            JSONObject(
                [JSONMember(key: "extension", value: .array([kind.value]))] + (object.value.objectValue?.members ?? []))
        )
    }

    static func humanName(_ name: PersonName) -> JSONValue {
        var object = ContractJSONObject()
        object.set("use", name.use)
        object.set("text", name.text)
        object.set("family", name.family)
        object.set("given", .array(name.given.map { .string($0) }))
        return object.value
    }

    static func extensionValue(_ name: String, _ type: String, _ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        var object = ContractJSONObject()
        object.set("url", name.hasPrefix("http") ? name : ext(name))
        object.set("value" + type, value)
        return object.value
    }

    static func complex(_ name: String, _ parts: [JSONValue?]) -> JSONValue {
        var object = ContractJSONObject()
        object.set("url", ext(name))
        object.set("extension", .array(parts.compactMap { $0 }))
        return object.value
    }

    static func text(_ value: String?) -> JSONValue? { value.map { .string($0) } }

    mutating func patient(_ resident: Resident) throws(ContractError) -> String {
        var report = ConversionReport()
        let value: JSONValue
        do {
            value = try FHIRModelWriter().resource([.resident(resident)], options: ConversionOptions(), report: &report)
        } catch {
            throw ContractError(.invalidValue, "resident cannot be written as a Patient: \(error.reason)")
        }
        let id = id("Patient")
        return add(Self.withID(value, id), id: id)
    }

    mutating func organization(_ organization: Organization) throws(ContractError) -> String {
        var report = ConversionReport()
        var plain = organization
        plain.provenance = Provenance()
        let value: JSONValue
        do {
            value = try FHIRModelWriter().resource(
                [.organization(plain)], options: ConversionOptions(), report: &report)
        } catch {
            throw ContractError(.invalidValue, "organisation cannot be written: \(error.reason)")
        }
        let id = id("Organization")
        var object = value.objectValue ?? JSONObject()
        if let type = Self.codeable(organization.type), object["type"] == nil {
            object.members.append(JSONMember(key: "type", value: .array([type])))
        }
        return add(Self.withID(.object(object), id), id: id)
    }

    mutating func practitioner(_ practitioner: Practitioner) throws(ContractError) -> String {
        var plain = practitioner
        plain.role = nil
        plain.organization = nil
        var report = ConversionReport()
        let value: JSONValue
        do {
            value = try FHIRModelWriter().resource(
                [.practitioner(plain)], options: ConversionOptions(), report: &report)
        } catch {
            throw ContractError(.invalidValue, "practitioner cannot be written: \(error.reason)")
        }
        let id = id("Practitioner")
        return add(Self.withID(value, id), id: id)
    }

    static func period(_ start: CalendarDate?, _ end: CalendarDate?) -> JSONValue? {
        var object = ContractJSONObject()
        object.set("start", start?.description)
        object.set("end", end?.description)
        return object.members.isEmpty ? nil : object.value
    }

    static func carePlanStatus(_ status: ContractStatus?) -> String {
        switch status {
        case .signed: "draft"
        case .active, .renewed: "active"
        case .terminated: "revoked"
        case .expired: "completed"
        case nil: "unknown"
        }
    }

    static func timing(_ frequency: ServiceFrequency) -> JSONValue {
        var repeats = ContractJSONObject()
        repeats.set("frequency", frequency.count)
        switch frequency.period {
        case .week:
            repeats.set("period", .number(JSONNumber(1)))
            repeats.set("periodUnit", "wk")
        case .month:
            repeats.set("period", .number(JSONNumber(1)))
            repeats.set("periodUnit", "mo")
        case .quarter:
            repeats.set("period", .number(JSONNumber(3)))
            repeats.set("periodUnit", "mo")
        case .year:
            repeats.set("period", .number(JSONNumber(1)))
            repeats.set("periodUnit", "a")
        }
        var timing = ContractJSONObject()
        timing.set("repeat", repeats.value)
        return timing.value
    }

    mutating func bundle() throws(ContractError) -> JSONValue {
        let planID = id("CarePlan")
        var patientURL: String?
        if let resident = contract.resident { patientURL = try patient(resident) }
        var groupURL: String?
        if let family = contract.family {
            var members: [JSONValue] = []
            for member in family.members {
                let url = try patient(member.resident)
                var entry = ContractJSONObject()
                entry.set(
                    "extension",
                    .array(
                        [
                            Self.extensionValue(
                                "family-relationship", "CodeableConcept", Self.codeable(member.relationship)),
                            member.isHouseholder ? Self.extensionValue("householder", "Boolean", .bool(true)) : nil,
                        ].compactMap { $0 }))
                entry.set("entity", Self.reference(url))
                members.append(entry.value)
            }
            var group = ContractJSONObject()
            group.set("resourceType", "Group")
            let groupID = id("Group")
            group.set("id", groupID)
            group.set("identifier", .array(family.identifiers.map(Self.identifier)))
            group.set("type", "person")
            group.set("actual", .bool(true))
            group.set("quantity", .number(JSONNumber(family.members.count)))
            group.set("member", .array(members))
            groupURL = add(group.value, id: groupID)
        }
        var teamURL: String?
        if let team = contract.team {
            var organizationURL: String?
            if let organization = team.organization { organizationURL = try self.organization(organization) }
            var participants: [JSONValue] = []
            for member in team.members {
                let url = try practitioner(member)
                var participant = ContractJSONObject()
                participant.set("role", .array([Self.codeable(member.role)].compactMap { $0 }))
                participant.set("member", Self.reference(url))
                if let organization = member.organization {
                    if organization == team.organization, let organizationURL {
                        participant.set("onBehalfOf", Self.reference(organizationURL))
                    } else {
                        participant.set("onBehalfOf", Self.reference(try self.organization(organization)))
                    }
                }
                participants.append(participant.value)
            }
            var careTeam = ContractJSONObject()
            careTeam.set("resourceType", "CareTeam")
            let teamID = id("CareTeam")
            careTeam.set("id", teamID)
            careTeam.set("identifier", .array(team.identifiers.map(Self.identifier)))
            careTeam.set("status", "active")
            careTeam.set("name", team.name)
            if let patientURL { careTeam.set("subject", Self.reference(patientURL)) }
            careTeam.set("participant", .array(participants))
            if let organizationURL { careTeam.set("managingOrganization", .array([Self.reference(organizationURL)])) }
            teamURL = add(careTeam.value, id: teamID)
        }
        var leadURL: String?
        if let lead = contract.leadDoctor {
            leadURL = try practitioner(lead)
            if let organization = lead.organization {
                // The lead doctor's organisation rides on the author reference as an extension.
                leadOrganizationURL = try self.organization(organization)
            }
        }
        var plan = ContractJSONObject()
        plan.set("resourceType", "CarePlan")
        plan.set("id", planID)
        var extensions: [JSONValue?] = []
        extensions.append(Self.extensionValue("contract-status", "CodeableConcept", Self.codeable(contract.status)))
        extensions.append(
            Self.extensionValue("contract-status-reason", "CodeableConcept", Self.codeable(contract.statusReason)))
        extensions.append(
            Self.extensionValue("contract-status-date", "Date", Self.text(contract.statusDate?.description)))
        extensions.append(
            Self.extensionValue("contract-years", "Integer", contract.years.map { .number(JSONNumber($0)) }))
        if let groupURL {
            extensions.append(Self.extensionValue("contract-family", "Reference", Self.reference(groupURL)))
        }
        if let leadRole = contract.leadDoctor?.role {
            extensions.append(Self.extensionValue("lead-doctor-role", "CodeableConcept", Self.codeable(leadRole)))
        }
        if let leadOrganizationURL {
            extensions.append(
                Self.extensionValue("lead-doctor-organization", "Reference", Self.reference(leadOrganizationURL)))
        }
        for package in contract.packages {
            extensions.append(
                Self.complex(
                    "service-package",
                    [
                        Self.extensionValue(
                            "code", "Coding",
                            Self.coding(CodedValue(system: package.system, code: package.code, display: package.name))),
                        Self.extensionValue("kind", "Code", Self.text(package.kind?.rawValue)),
                        Self.extensionValue("fee", "String", Self.text(package.fee)),
                    ].map { $0.map(Self.relative) }))
        }
        for renewal in contract.renewals {
            extensions.append(
                Self.complex(
                    "contract-renewal",
                    [
                        Self.extensionValue("renewedOn", "Date", Self.text(renewal.renewedOn?.description)),
                        Self.extensionValue("start", "Date", Self.text(renewal.start?.description)),
                        Self.extensionValue("end", "Date", Self.text(renewal.end?.description)),
                        Self.extensionValue("years", "Integer", renewal.years.map { .number(JSONNumber($0)) }),
                    ].map { $0.map(Self.relative) }))
        }
        for fragment in contract.unmappedFragments {
            extensions.append(
                Self.complex(
                    "unmapped",
                    [
                        Self.extensionValue("path", "String", .string(fragment.path)),
                        Self.extensionValue("text", "String", .string(fragment.text)),
                    ].map { $0.map(Self.relative) }))
        }
        plan.set("extension", .array(extensions.compactMap { $0 }))
        plan.set("identifier", .array(contract.identifiers.map(Self.identifier)))
        plan.set("status", Self.carePlanStatus(contract.lifecycleStatus))
        plan.set("intent", "plan")
        plan.set(
            "category",
            .array(
                [Self.codeable(ContractFHIR.category)].compactMap { $0 }
                    + contract.keyPopulations.compactMap(Self.codeable)))
        plan.set("title", "家庭医生签约服务协议")
        if let patientURL { plan.set("subject", Self.reference(patientURL)) }
        plan.set("period", Self.period(contract.start, contract.end))
        plan.set("created", contract.signedOn?.description)
        if let leadURL { plan.set("author", Self.reference(leadURL)) }
        if let teamURL { plan.set("careTeam", .array([Self.reference(teamURL)])) }
        var activities: [JSONValue] = []
        for package in contract.packages {
            for item in package.items {
                var detail = ContractJSONObject()
                detail.set(
                    "extension",
                    .array(
                        [Self.extensionValue("service-package-code", "String", .string(package.code))].compactMap { $0 }
                    ))
                detail.set(
                    "code",
                    Self.codeable(
                        CodedValue(system: "urn:healthinterchange:service-item", code: item.code, display: item.name)))
                detail.set("status", "scheduled")
                if let frequency = item.frequency { detail.set("scheduledTiming", Self.timing(frequency)) }
                var activity = ContractJSONObject()
                activity.set("detail", detail.value)
                activities.append(activity.value)
            }
        }
        plan.set("activity", .array(activities))
        plan.set(
            "note",
            .array(contract.notes.map { note in .object(JSONObject([JSONMember(key: "text", value: .string(note))])) }))
        let planURL = add(plan.value, id: planID)
        if let consent = contract.consent {
            var resource = ContractJSONObject()
            resource.set("resourceType", "Consent")
            let consentID = id("Consent")
            resource.set("id", consentID)
            var performer: String?
            var consentExtensions: [JSONValue?] = [
                Self.extensionValue("consent-method", "CodeableConcept", Self.codeable(consent.method))
            ]
            if let relationship = consent.relationship {
                var related = ContractJSONObject()
                related.set("resourceType", "RelatedPerson")
                let relatedID = id("RelatedPerson")
                related.set("id", relatedID)
                if let patientURL { related.set("patient", Self.reference(patientURL)) }
                related.set("relationship", .array([Self.codeable(relationship)].compactMap { $0 }))
                if let signer = consent.signer { related.set("name", .array([Self.humanName(signer)])) }
                performer = add(related.value, id: relatedID)
            } else {
                performer = patientURL
                if let signer = consent.signer {
                    consentExtensions.append(Self.extensionValue("consent-signer", "HumanName", Self.humanName(signer)))
                }
            }
            consentExtensions.append(Self.extensionValue("consent-for", "Reference", Self.reference(planURL)))
            resource.set("extension", .array(consentExtensions.compactMap { $0 }))
            resource.set("status", contract.lifecycleStatus?.isInForce == false ? "inactive" : "active")
            resource.set(
                "scope",
                Self.codeable(
                    CodedValue(
                        system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "treatment",
                        display: "Treatment")))
            resource.set(
                "category",
                .array(
                    [Self.codeable(CodedValue(system: "http://loinc.org", code: "59284-0", display: "Patient Consent"))]
                        .compactMap { $0 }))
            if let patientURL { resource.set("patient", Self.reference(patientURL)) }
            resource.set("dateTime", consent.date?.text)
            if let performer { resource.set("performer", .array([Self.reference(performer)])) }
            _ = add(resource.value, id: consentID)
        }
        var bundle = ContractJSONObject()
        bundle.set("resourceType", "Bundle")
        bundle.set("id", ContractIDs.uuid(key + "/Bundle"))
        bundle.set("type", "collection")
        // CarePlan first: readers find the contract without a scan.
        let planIndex = entries.firstIndex { $0["resource"]?["resourceType"]?.stringValue == "CarePlan" } ?? 0
        var ordered = entries
        if planIndex < ordered.count {
            let plan = ordered.remove(at: planIndex)
            ordered.insert(plan, at: 0)
        }
        bundle.set("entry", .array(ordered))
        return bundle.value
    }

    var leadOrganizationURL: String?

    /// Sub-extensions use relative URLs (their names), as FHIR complex extensions do.
    static func relative(_ value: JSONValue) -> JSONValue {
        guard var object = value.objectValue, let url = object["url"]?.stringValue,
            url.hasPrefix(ContractFHIR.extensionBase)
        else { return value }
        if let index = object.index(of: "url") {
            object.members[index] = JSONMember(
                key: "url", value: .string(String(url.dropFirst(ContractFHIR.extensionBase.count))))
        }
        return .object(object)
    }
}

/// Stable ids: FNV-1a over a key, formatted as a UUID, so the same contract always gives the same bytes.
enum ContractIDs {
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func uuid(_ key: String) -> String {
        func hex(_ value: UInt64) -> [Character] {
            let text = String(value, radix: 16)
            return Array(String(repeating: "0", count: max(0, 16 - text.count)) + text)
        }
        var chars = hex(hash(key)) + hex(hash(key + "#2"))
        chars[12] = "5"
        chars[16] = "8"
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32]
        return groups.map { String(chars[$0]) }.joined(separator: "-")
    }
}
