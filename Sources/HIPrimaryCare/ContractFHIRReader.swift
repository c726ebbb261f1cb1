import HIConvert
import HICore
import HIFHIR
import HIModels

/// Reads contracts back from the Bundle ``ContractFHIR`` writes (or one a platform writes the same way).
struct ContractFHIRReader {
    let root: JSONValue
    let file: String?
    var resources: [String: JSONObject] = [:]
    var plans: [(object: JSONObject, path: String, urls: [String])] = []
    /// Consents by the CarePlan reference in their `consent-for` extension (one index, no scan per plan).
    var consents: [String: JSONObject] = [:]

    init(root: JSONValue, file: String?) {
        self.root = root
        self.file = file
        if root["resourceType"]?.stringValue == "CarePlan", let object = root.objectValue {
            plans.append((object, "$", []))
        }
        for (index, entry) in (root["entry"]?.arrayValue ?? []).enumerated() {
            guard let resource = entry["resource"]?.objectValue else { continue }
            let type = resource["resourceType"]?.stringValue ?? ""
            var urls: [String] = []
            if let url = entry["fullUrl"]?.stringValue { urls.append(url) }
            if let id = resource["id"]?.stringValue { urls.append(type + "/" + id) }
            for url in urls where resources[url] == nil { resources[url] = resource }
            if type == "CarePlan" { plans.append((resource, "$.entry[\(index)].resource", urls)) }
            if type == "Consent",
                let target = Self.extValue(resource, "consent-for", "Reference")?["reference"]?.stringValue,
                consents[target] == nil
            {
                consents[target] = resource
            }
        }
    }

    func location(_ path: String) -> SourceLocation { SourceLocation(file: file, path: path) }

    func resolve(_ reference: JSONValue?) -> JSONObject? {
        guard let text = reference?["reference"]?.stringValue else { return nil }
        return resources[text]
    }

    static func ext(_ object: JSONObject, _ name: String) -> [JSONObject] {
        (object["extension"]?.arrayValue ?? []).compactMap { $0.objectValue }.filter {
            let url = $0["url"]?.stringValue ?? ""
            return url == ContractFHIR.extensionBase + name || url == name
        }
    }

    static func extValue(_ object: JSONObject, _ name: String, _ type: String) -> JSONValue? {
        ext(object, name).first?["value" + type]
    }

    static func coded(_ value: JSONValue?) -> CodedValue? {
        guard let value, let codings = value["coding"]?.arrayValue, !codings.isEmpty else { return nil }
        let all = codings.map { coding in
            CodedValue(
                system: coding["system"]?.stringValue ?? "", code: coding["code"]?.stringValue ?? "",
                display: coding["display"]?.stringValue)
        }
        var first = all[0]
        first.originalText = value["text"]?.stringValue
        first.translations = Array(all.dropFirst())
        return first
    }

    static func date(_ value: JSONValue?) -> CalendarDate? { value?.stringValue.flatMap { CalendarDate($0) } }

    static func identifiers(_ value: JSONValue?) -> [Identifier] {
        (value?.arrayValue ?? []).compactMap { item in
            guard let object = item.objectValue, let text = object["value"]?.stringValue else { return nil }
            let kind = extValue(object, "identifier-kind", "Code")?.stringValue ?? "other"
            return Identifier(
                kind: Identifier.Kind(rawValue: kind), value: text, authority: object["system"]?.stringValue,
                type: coded(object["type"]))
        }
    }

    static func humanName(_ value: JSONValue?) -> PersonName? {
        guard let value, value.objectValue != nil else { return nil }
        return PersonName(
            text: value["text"]?.stringValue ?? "", family: value["family"]?.stringValue,
            given: (value["given"]?.arrayValue ?? []).compactMap(\.stringValue), use: value["use"]?.stringValue)
    }

    func model(_ object: JSONObject) -> ModelRecord? {
        guard let resource = try? FHIRResource(object),
            let records = try? FHIRModelReader().read(resource, options: ConversionOptions()).records
        else { return nil }
        return records.first
    }

    func resident(_ object: JSONObject?) -> Resident? {
        guard let object, case .resident(var resident) = model(object) else { return nil }
        resident.provenance = Provenance(format: .fhir, location: location("Patient"))
        resident.unmappedFragments = []
        return resident
    }

    func practitioner(_ object: JSONObject?) -> Practitioner? {
        guard let object, case .practitioner(var practitioner) = model(object) else { return nil }
        practitioner.provenance = Provenance()
        return practitioner
    }

    func organization(_ object: JSONObject?) -> Organization? {
        guard let object, case .organization(var organization) = model(object) else { return nil }
        organization.provenance = Provenance()
        organization.unmappedFragments = []
        if organization.type == nil { organization.type = Self.coded(object["type"]?[0]) }
        return organization
    }

    static func frequency(_ timing: JSONValue?) -> ServiceFrequency? {
        guard let repeats = timing?["repeat"], let count = repeats["frequency"]?.numberText.flatMap({ Int($0) }) else {
            return nil
        }
        let period = repeats["period"]?.numberText.flatMap { Double($0) } ?? 1
        switch (repeats["periodUnit"]?.stringValue, period) {
        case ("wk", _): return ServiceFrequency(count: count, period: .week)
        case ("mo", 3): return ServiceFrequency(count: count, period: .quarter)
        case ("mo", _): return ServiceFrequency(count: count, period: .month)
        default: return ServiceFrequency(count: count, period: .year)
        }
    }

    func contracts() throws(ContractError) -> [FamilyDoctorContract] {
        guard root.objectValue != nil else {
            throw ContractError(.notAContract, "expected a Bundle", at: location("$"))
        }
        let marked = plans.filter { plan in
            (plan.object["category"]?.arrayValue ?? []).contains {
                Self.coded($0)?.code == ContractFHIR.category.code
            }
        }
        let chosen = marked.isEmpty ? plans : marked
        guard !chosen.isEmpty else {
            throw ContractError(.notAContract, "no CarePlan in the Bundle", at: location("$.entry"))
        }
        return chosen.map { contract($0.object, path: $0.path, urls: $0.urls) }
    }

    func contract(_ plan: JSONObject, path: String, urls: [String]) -> FamilyDoctorContract {
        var contract = FamilyDoctorContract(provenance: Provenance(format: .fhir, location: location(path)))
        contract.identifiers = Self.identifiers(plan["identifier"])
        contract.resident = resident(resolve(plan["subject"]))
        if let group = Self.extValue(plan, "contract-family", "Reference").flatMap({ resolve($0) }) {
            var family = FamilyUnit(identifiers: Self.identifiers(group["identifier"]))
            for member in group["member"]?.arrayValue ?? [] {
                guard let object = member.objectValue else { continue }
                family.members.append(
                    FamilyMember(
                        resident: resident(resolve(member["entity"])) ?? Resident(),
                        relationship: Self.coded(Self.extValue(object, "family-relationship", "CodeableConcept")),
                        isHouseholder: Self.extValue(object, "householder", "Boolean")?.boolValue ?? false))
            }
            contract.family = family
        }
        if let team = (plan["careTeam"]?.arrayValue ?? []).first.flatMap({ resolve($0) }) {
            let organization = organization(team["managingOrganization"]?[0].flatMap { resolve($0) })
            var careTeam = CareTeam(name: team["name"]?.stringValue, organization: organization)
            careTeam.identifiers = Self.identifiers(team["identifier"])
            for participant in team["participant"]?.arrayValue ?? [] {
                guard var member = practitioner(resolve(participant["member"])) else { continue }
                member.role = Self.coded(participant["role"]?[0])
                member.organization = self.organization(resolve(participant["onBehalfOf"]))
                careTeam.members.append(member)
            }
            contract.team = careTeam
        }
        if var lead = practitioner(resolve(plan["author"])) {
            lead.role = Self.coded(Self.extValue(plan, "lead-doctor-role", "CodeableConcept"))
            lead.organization = organization(
                Self.extValue(plan, "lead-doctor-organization", "Reference").flatMap { resolve($0) })
            contract.leadDoctor = lead
        }
        for package in Self.ext(plan, "service-package") {
            guard let code = Self.extValue(package, "code", "Coding") else { continue }
            var model = ServicePackage(
                code: code["code"]?.stringValue ?? "", name: code["display"]?.stringValue,
                kind: Self.extValue(package, "kind", "Code")?.stringValue.flatMap { ServicePackage.Kind(rawValue: $0) })
            if let system = code["system"]?.stringValue { model.system = system }
            model.fee = Self.extValue(package, "fee", "String")?.stringValue
            contract.packages.append(model)
        }
        var packageIndex: [String: Int] = [:]
        for (index, package) in contract.packages.enumerated() where packageIndex[package.code] == nil {
            packageIndex[package.code] = index
        }
        for activity in plan["activity"]?.arrayValue ?? [] {
            guard let detail = activity["detail"]?.objectValue, let code = Self.coded(detail["code"]) else { continue }
            let packageCode = Self.extValue(detail, "service-package-code", "String")?.stringValue
            let item = ServiceItem(
                code: code.code, name: code.display, frequency: Self.frequency(detail["scheduledTiming"]))
            if let index = packageIndex[packageCode ?? ""] {
                contract.packages[index].items.append(item)
            } else {
                packageIndex[packageCode ?? ""] = contract.packages.count
                contract.packages.append(ServicePackage(code: packageCode ?? "", items: [item]))
            }
        }
        contract.keyPopulations = (plan["category"]?.arrayValue ?? []).compactMap { Self.coded($0) }.filter {
            $0.code != ContractFHIR.category.code || $0.system != ContractFHIR.category.system
        }
        contract.start = Self.date(plan["period"]?["start"])
        contract.end = Self.date(plan["period"]?["end"])
        contract.years = Self.extValue(plan, "contract-years", "Integer")?.numberText.flatMap { Int($0) }
        contract.signedOn = Self.date(plan["created"])
        contract.status = Self.coded(Self.extValue(plan, "contract-status", "CodeableConcept"))
        contract.statusReason = Self.coded(Self.extValue(plan, "contract-status-reason", "CodeableConcept"))
        contract.statusDate = Self.date(Self.extValue(plan, "contract-status-date", "Date"))
        for renewal in Self.ext(plan, "contract-renewal") {
            contract.renewals.append(
                ContractRenewal(
                    renewedOn: Self.date(Self.extValue(renewal, "renewedOn", "Date")),
                    start: Self.date(Self.extValue(renewal, "start", "Date")),
                    years: Self.extValue(renewal, "years", "Integer")?.numberText.flatMap { Int($0) },
                    end: Self.date(Self.extValue(renewal, "end", "Date"))))
        }
        for fragment in Self.ext(plan, "unmapped") {
            contract.unmappedFragments.append(
                UnmappedFragment(
                    path: Self.extValue(fragment, "path", "String")?.stringValue ?? "",
                    text: Self.extValue(fragment, "text", "String")?.stringValue ?? ""))
        }
        contract.notes = (plan["note"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        contract.consent = urls.lazy.compactMap { consents[$0] }.first.map(consent)
        return contract
    }

    func consent(_ consent: JSONObject) -> ContractConsent {
        var model = ContractConsent(
            date: consent["dateTime"]?.stringValue.map { Timestamp($0) },
            method: Self.coded(Self.extValue(consent, "consent-method", "CodeableConcept")))
        if let performer = resolve(consent["performer"]?[0]), performer["resourceType"]?.stringValue == "RelatedPerson"
        {
            model.signer = Self.humanName(performer["name"]?[0])
            model.relationship = Self.coded(performer["relationship"]?[0])
        } else {
            model.signer = Self.humanName(Self.extValue(consent, "consent-signer", "HumanName"))
        }
        return model
    }
}
