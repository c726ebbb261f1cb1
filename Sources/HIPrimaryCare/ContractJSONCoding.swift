import HICore
import HIFHIR
import HIModels

/// Builds JSON objects in member order, skipping empty values.
struct ContractJSONObject {
    var members: [JSONMember] = []

    mutating func set(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        if case .array(let items) = value, items.isEmpty { return }
        if case .object(let object) = value, object.members.isEmpty { return }
        members.append(JSONMember(key: key, value: value))
    }

    mutating func set(_ key: String, _ text: String?) {
        guard let text, !text.isEmpty else { return }
        members.append(JSONMember(key: key, value: .string(text)))
    }

    mutating func set(_ key: String, _ number: Int?) {
        guard let number else { return }
        members.append(JSONMember(key: key, value: .number(JSONNumber(number))))
    }

    mutating func set(_ key: String, _ flag: Bool) {
        guard flag else { return }
        members.append(JSONMember(key: key, value: .bool(true)))
    }

    var value: JSONValue { .object(JSONObject(members)) }
}

/// Model pieces → the export JSON shape (see docs/contracts.md).
enum ContractJSONEncoding {
    static func coded(_ value: CodedValue?) -> JSONValue? {
        guard let value else { return nil }
        var object = ContractJSONObject()
        object.set("system", value.system)
        object.set("code", value.code)
        object.set("display", value.display)
        object.set("originalText", value.originalText)
        object.set("translations", .array(value.translations.compactMap { coded($0) }))
        return object.value
    }

    static func identifiers(_ values: [Identifier]) -> JSONValue {
        .array(
            values.map { identifier in
                var object = ContractJSONObject()
                object.set("kind", identifier.kind.rawValue)
                object.set("value", identifier.value)
                object.set("authority", identifier.authority)
                object.set("type", coded(identifier.type))
                return object.value
            })
    }

    static func name(_ name: PersonName?) -> JSONValue? {
        guard let name else { return nil }
        var object = ContractJSONObject()
        object.set("text", name.text)
        object.set("family", name.family)
        object.set("given", .array(name.given.map { .string($0) }))
        object.set("use", name.use)
        return object.value
    }

    static func telecom(_ values: [ContactPoint]) -> JSONValue {
        .array(
            values.map { point in
                var object = ContractJSONObject()
                object.set("system", point.system.rawValue)
                object.set("value", point.value)
                object.set("use", point.use?.rawValue)
                return object.value
            })
    }

    static func addresses(_ values: [Address]) -> JSONValue {
        .array(
            values.map { address in
                var object = ContractJSONObject()
                object.set("use", address.use?.rawValue)
                object.set("regionCode", address.regionCode)
                object.set("parts", .array(address.parts.map { .string($0) }))
                object.set("text", address.text)
                object.set("postalCode", address.postalCode)
                return object.value
            })
    }

    static func resident(_ resident: Resident?) -> JSONValue? {
        guard let resident else { return nil }
        var object = ContractJSONObject()
        object.set("identifiers", identifiers(resident.identifiers))
        object.set("names", .array(resident.names.compactMap { name($0) }))
        object.set("sex", coded(resident.sex))
        object.set("birthDate", resident.birthDate?.description)
        object.set("telecom", telecom(resident.telecom))
        object.set("addresses", addresses(resident.addresses))
        return object.value
    }

    static func organization(_ organization: Organization?) -> JSONValue? {
        guard let organization else { return nil }
        var object = ContractJSONObject()
        object.set("identifiers", identifiers(organization.identifiers))
        object.set("name", organization.name)
        object.set("type", coded(organization.type))
        return object.value
    }

    static func practitioner(_ practitioner: Practitioner?) -> JSONValue? {
        guard let practitioner else { return nil }
        var object = ContractJSONObject()
        object.set("identifiers", identifiers(practitioner.identifiers))
        object.set("name", name(practitioner.name))
        object.set("role", coded(practitioner.role))
        object.set("organization", organization(practitioner.organization))
        object.set("telecom", telecom(practitioner.telecom))
        return object.value
    }

    static func frequency(_ frequency: ServiceFrequency?) -> JSONValue? {
        guard let frequency else { return nil }
        var object = ContractJSONObject()
        object.set("count", frequency.count)
        object.set("period", frequency.period.rawValue)
        return object.value
    }

    static func contract(_ contract: FamilyDoctorContract) -> JSONValue {
        var object = ContractJSONObject()
        object.set("identifiers", identifiers(contract.identifiers))
        object.set("resident", resident(contract.resident))
        if let family = contract.family {
            var unit = ContractJSONObject()
            unit.set("identifiers", identifiers(family.identifiers))
            unit.set(
                "members",
                .array(
                    family.members.map { member in
                        var entry = ContractJSONObject()
                        entry.set("resident", resident(member.resident) ?? .object(JSONObject()))
                        entry.set("relationship", coded(member.relationship))
                        entry.set("householder", member.isHouseholder)
                        return entry.value
                    }))
            object.members.append(JSONMember(key: "family", value: unit.value))
        }
        if let team = contract.team {
            var entry = ContractJSONObject()
            entry.set("identifiers", identifiers(team.identifiers))
            entry.set("name", team.name)
            entry.set("organization", organization(team.organization))
            entry.set("members", .array(team.members.compactMap { practitioner($0) }))
            object.members.append(JSONMember(key: "team", value: entry.value))
        }
        object.set("leadDoctor", practitioner(contract.leadDoctor))
        object.set(
            "packages",
            .array(
                contract.packages.map { package in
                    var entry = ContractJSONObject()
                    entry.set("code", package.code)
                    entry.set("name", package.name)
                    entry.set("system", package.system)
                    entry.set("kind", package.kind?.rawValue)
                    entry.set("fee", package.fee)
                    entry.set(
                        "items",
                        .array(
                            package.items.map { item in
                                var line = ContractJSONObject()
                                line.set("code", item.code)
                                line.set("name", item.name)
                                line.set("frequency", frequency(item.frequency))
                                return line.value
                            }))
                    return entry.value
                }))
        object.set("keyPopulations", .array(contract.keyPopulations.compactMap { coded($0) }))
        object.set("signedOn", contract.signedOn?.description)
        object.set("start", contract.start?.description)
        object.set("years", contract.years)
        object.set("end", contract.end?.description)
        object.set("status", coded(contract.status))
        object.set("statusReason", coded(contract.statusReason))
        object.set("statusDate", contract.statusDate?.description)
        object.set(
            "renewals",
            .array(
                contract.renewals.map { renewal in
                    var entry = ContractJSONObject()
                    entry.set("renewedOn", renewal.renewedOn?.description)
                    entry.set("start", renewal.start?.description)
                    entry.set("years", renewal.years)
                    entry.set("end", renewal.end?.description)
                    return entry.value
                }))
        if let consent = contract.consent {
            var entry = ContractJSONObject()
            entry.set("signer", name(consent.signer))
            entry.set("relationship", coded(consent.relationship))
            entry.set("date", consent.date?.text)
            entry.set("method", coded(consent.method))
            object.members.append(JSONMember(key: "consent", value: entry.value))
        }
        object.set("notes", .array(contract.notes.map { .string($0) }))
        var others: [UnmappedFragment] = []
        for fragment in contract.unmappedFragments {
            // Members an import did not know go back where they were, as members.
            if fragment.path.hasPrefix("json:"), let value = try? JSONReader.read(Array(fragment.text.utf8)) {
                object.members.append(JSONMember(key: String(fragment.path.dropFirst(5)), value: value))
            } else {
                others.append(fragment)
            }
        }
        object.set(
            "unmapped",
            .array(
                others.map { fragment in
                    var entry = ContractJSONObject()
                    entry.set("path", fragment.path)
                    entry.set("text", fragment.text)
                    return entry.value
                }))
        return object.value
    }
}

/// The export JSON shape → model pieces. Every accessor checks the kind and reports the JSON path.
struct ContractJSONDecoding {
    var file: String?
    var record: Int?

    func fail(_ code: ContractError.Code, _ reason: String, _ path: String) -> ContractError {
        ContractError(code, reason, at: SourceLocation(file: file, record: record, path: path))
    }

    func object(_ value: JSONValue?, _ path: String) throws(ContractError) -> JSONObject? {
        guard let value else { return nil }
        if case .null = value { return nil }
        guard let object = value.objectValue else { throw fail(.invalidValue, "expected an object", path) }
        return object
    }

    func array(_ value: JSONValue?, _ path: String) throws(ContractError) -> [JSONValue] {
        guard let value else { return [] }
        if case .null = value { return [] }
        guard let array = value.arrayValue else { throw fail(.invalidValue, "expected an array", path) }
        return array
    }

    func string(_ value: JSONValue?, _ path: String) throws(ContractError) -> String? {
        guard let value else { return nil }
        if case .null = value { return nil }
        guard let text = value.stringValue else { throw fail(.invalidValue, "expected a string", path) }
        return text
    }

    func requiredString(_ value: JSONValue?, _ path: String) throws(ContractError) -> String {
        guard let text = try string(value, path) else { throw fail(.missingElement, "expected a string", path) }
        return text
    }

    func int(_ value: JSONValue?, _ path: String) throws(ContractError) -> Int? {
        guard let value else { return nil }
        if case .null = value { return nil }
        guard case .number(let number) = value, let int = number.intValue, int >= 0, int <= 1_000_000 else {
            throw fail(.invalidValue, "expected a whole number", path)
        }
        return int
    }

    func date(_ value: JSONValue?, _ path: String) throws(ContractError) -> CalendarDate? {
        guard let text = try string(value, path) else { return nil }
        guard let date = CalendarDate(text) else { throw fail(.invalidValue, "expected a date YYYY-MM-DD", path) }
        return date
    }

    func coded(_ value: JSONValue?, _ path: String, depth: Int = 0) throws(ContractError) -> CodedValue? {
        guard let object = try object(value, path) else { return nil }
        guard depth < 8 else { throw fail(.tooLarge, "translations nested too deeply", path) }
        var translations: [CodedValue] = []
        for (index, item) in try array(object["translations"], path + ".translations").enumerated() {
            if let code = try coded(item, path + ".translations[\(index)]", depth: depth + 1) {
                translations.append(code)
            }
        }
        return CodedValue(
            system: try string(object["system"], path + ".system") ?? "",
            code: try requiredString(object["code"], path + ".code"),
            display: try string(object["display"], path + ".display"),
            originalText: try string(object["originalText"], path + ".originalText"), translations: translations)
    }

    func identifiers(_ value: JSONValue?, _ path: String) throws(ContractError) -> [Identifier] {
        var result: [Identifier] = []
        for (index, item) in try array(value, path).enumerated() {
            let itemPath = path + "[\(index)]"
            guard let object = try object(item, itemPath) else { continue }
            result.append(
                Identifier(
                    kind: Identifier.Kind(rawValue: try string(object["kind"], itemPath + ".kind") ?? "other"),
                    value: try requiredString(object["value"], itemPath + ".value"),
                    authority: try string(object["authority"], itemPath + ".authority"),
                    type: try coded(object["type"], itemPath + ".type")))
        }
        return result
    }

    func name(_ value: JSONValue?, _ path: String) throws(ContractError) -> PersonName? {
        guard let object = try object(value, path) else { return nil }
        var given: [String] = []
        for (index, item) in try array(object["given"], path + ".given").enumerated() {
            given.append(try requiredString(item, path + ".given[\(index)]"))
        }
        return PersonName(
            text: try string(object["text"], path + ".text") ?? "",
            family: try string(object["family"], path + ".family"),
            given: given, use: try string(object["use"], path + ".use"))
    }

    func telecom(_ value: JSONValue?, _ path: String) throws(ContractError) -> [ContactPoint] {
        var result: [ContactPoint] = []
        for (index, item) in try array(value, path).enumerated() {
            let itemPath = path + "[\(index)]"
            guard let object = try object(item, itemPath) else { continue }
            let system =
                ContactPoint.System(rawValue: try string(object["system"], itemPath + ".system") ?? "") ?? .other
            let use = try string(object["use"], itemPath + ".use").flatMap { ContactPoint.Use(rawValue: $0) }
            result.append(
                ContactPoint(system: system, value: try requiredString(object["value"], itemPath + ".value"), use: use))
        }
        return result
    }

    func addresses(_ value: JSONValue?, _ path: String) throws(ContractError) -> [Address] {
        var result: [Address] = []
        for (index, item) in try array(value, path).enumerated() {
            let itemPath = path + "[\(index)]"
            guard let object = try object(item, itemPath) else { continue }
            var parts: [String] = []
            for (partIndex, part) in try array(object["parts"], itemPath + ".parts").enumerated() {
                parts.append(try requiredString(part, itemPath + ".parts[\(partIndex)]"))
            }
            result.append(
                Address(
                    use: try string(object["use"], itemPath + ".use").map { Address.Use(rawValue: $0) },
                    regionCode: try string(object["regionCode"], itemPath + ".regionCode"), parts: parts,
                    text: try string(object["text"], itemPath + ".text"),
                    postalCode: try string(object["postalCode"], itemPath + ".postalCode")))
        }
        return result
    }

    func resident(_ value: JSONValue?, _ path: String) throws(ContractError) -> Resident? {
        guard let object = try object(value, path) else { return nil }
        var resident = Resident(
            identifiers: try identifiers(object["identifiers"], path + ".identifiers"),
            sex: try coded(object["sex"], path + ".sex"), birthDate: try date(object["birthDate"], path + ".birthDate"),
            provenance: Provenance(location: SourceLocation(file: file, record: record, path: path)))
        for (index, item) in try array(object["names"], path + ".names").enumerated() {
            if let name = try name(item, path + ".names[\(index)]") { resident.names.append(name) }
        }
        resident.telecom = try telecom(object["telecom"], path + ".telecom")
        resident.addresses = try addresses(object["addresses"], path + ".addresses")
        return resident
    }

    func organization(_ value: JSONValue?, _ path: String) throws(ContractError) -> Organization? {
        guard let object = try object(value, path) else { return nil }
        var organization = Organization(
            name: try string(object["name"], path + ".name"),
            identifiers: try identifiers(object["identifiers"], path + ".identifiers"))
        organization.type = try coded(object["type"], path + ".type")
        return organization
    }

    func practitioner(_ value: JSONValue?, _ path: String) throws(ContractError) -> Practitioner? {
        guard let object = try object(value, path) else { return nil }
        var practitioner = Practitioner(
            name: try name(object["name"], path + ".name"),
            identifiers: try identifiers(object["identifiers"], path + ".identifiers"),
            role: try coded(object["role"], path + ".role"),
            organization: try organization(object["organization"], path + ".organization"))
        practitioner.telecom = try telecom(object["telecom"], path + ".telecom")
        return practitioner
    }

    func frequency(_ value: JSONValue?, _ path: String) throws(ContractError) -> ServiceFrequency? {
        guard let object = try object(value, path) else { return nil }
        guard let count = try int(object["count"], path + ".count"), count > 0 else {
            throw fail(.missingElement, "expected a positive count", path + ".count")
        }
        guard let period = ServiceFrequency.Period(rawValue: try requiredString(object["period"], path + ".period"))
        else { throw fail(.invalidValue, "expected week, month, quarter or year", path + ".period") }
        return ServiceFrequency(count: count, period: period)
    }

    func contract(_ value: JSONValue, _ path: String = "$") throws(ContractError) -> FamilyDoctorContract {
        guard let object = value.objectValue else { throw fail(.notAContract, "expected a contract object", path) }
        if object["resourceType"] != nil {
            throw fail(.notAContract, "a FHIR resource, not the contract export shape", path + ".resourceType")
        }
        var contract = FamilyDoctorContract(
            provenance: Provenance(format: .api, location: SourceLocation(file: file, record: record, path: path)))
        contract.identifiers = try identifiers(object["identifiers"], path + ".identifiers")
        contract.resident = try resident(object["resident"], path + ".resident")
        if let family = try self.object(object["family"], path + ".family") {
            var unit = FamilyUnit(identifiers: try identifiers(family["identifiers"], path + ".family.identifiers"))
            for (index, item) in try array(family["members"], path + ".family.members").enumerated() {
                let itemPath = path + ".family.members[\(index)]"
                guard let member = try self.object(item, itemPath) else { continue }
                unit.members.append(
                    FamilyMember(
                        resident: try resident(member["resident"], itemPath + ".resident") ?? Resident(),
                        relationship: try coded(member["relationship"], itemPath + ".relationship"),
                        isHouseholder: member["householder"]?.boolValue ?? false))
            }
            contract.family = unit
        }
        if let team = try self.object(object["team"], path + ".team") {
            var careTeam = CareTeam(
                name: try string(team["name"], path + ".team.name"),
                organization: try organization(team["organization"], path + ".team.organization"))
            careTeam.identifiers = try identifiers(team["identifiers"], path + ".team.identifiers")
            for (index, item) in try array(team["members"], path + ".team.members").enumerated() {
                if let member = try practitioner(item, path + ".team.members[\(index)]") {
                    careTeam.members.append(member)
                }
            }
            contract.team = careTeam
        }
        contract.leadDoctor = try practitioner(object["leadDoctor"], path + ".leadDoctor")
        for (index, item) in try array(object["packages"], path + ".packages").enumerated() {
            let itemPath = path + ".packages[\(index)]"
            guard let entry = try self.object(item, itemPath) else { continue }
            var package = ServicePackage(
                code: try requiredString(entry["code"], itemPath + ".code"),
                name: try string(entry["name"], itemPath + ".name"))
            if let system = try string(entry["system"], itemPath + ".system") { package.system = system }
            if let kind = try string(entry["kind"], itemPath + ".kind") {
                guard let known = ServicePackage.Kind(rawValue: kind) else {
                    throw fail(.invalidValue, "expected basic or personalised", itemPath + ".kind")
                }
                package.kind = known
            }
            package.fee = try string(entry["fee"], itemPath + ".fee")
            for (itemIndex, line) in try array(entry["items"], itemPath + ".items").enumerated() {
                let linePath = itemPath + ".items[\(itemIndex)]"
                guard let line = try self.object(line, linePath) else { continue }
                package.items.append(
                    ServiceItem(
                        code: try requiredString(line["code"], linePath + ".code"),
                        name: try string(line["name"], linePath + ".name"),
                        frequency: try frequency(line["frequency"], linePath + ".frequency")))
            }
            contract.packages.append(package)
        }
        for (index, item) in try array(object["keyPopulations"], path + ".keyPopulations").enumerated() {
            if let code = try coded(item, path + ".keyPopulations[\(index)]") { contract.keyPopulations.append(code) }
        }
        contract.signedOn = try date(object["signedOn"], path + ".signedOn")
        contract.start = try date(object["start"], path + ".start")
        contract.years = try int(object["years"], path + ".years")
        contract.end = try date(object["end"], path + ".end")
        contract.status = try coded(object["status"], path + ".status")
        contract.statusReason = try coded(object["statusReason"], path + ".statusReason")
        contract.statusDate = try date(object["statusDate"], path + ".statusDate")
        for (index, item) in try array(object["renewals"], path + ".renewals").enumerated() {
            let itemPath = path + ".renewals[\(index)]"
            guard let entry = try self.object(item, itemPath) else { continue }
            contract.renewals.append(
                ContractRenewal(
                    renewedOn: try date(entry["renewedOn"], itemPath + ".renewedOn"),
                    start: try date(entry["start"], itemPath + ".start"),
                    years: try int(entry["years"], itemPath + ".years"),
                    end: try date(entry["end"], itemPath + ".end")))
        }
        if let consent = try self.object(object["consent"], path + ".consent") {
            contract.consent = ContractConsent(
                signer: try name(consent["signer"], path + ".consent.signer"),
                relationship: try coded(consent["relationship"], path + ".consent.relationship"),
                date: try string(consent["date"], path + ".consent.date").map { Timestamp($0) },
                method: try coded(consent["method"], path + ".consent.method"))
        }
        for (index, item) in try array(object["notes"], path + ".notes").enumerated() {
            contract.notes.append(try requiredString(item, path + ".notes[\(index)]"))
        }
        for (index, item) in try array(object["unmapped"], path + ".unmapped").enumerated() {
            let itemPath = path + ".unmapped[\(index)]"
            guard let entry = try self.object(item, itemPath) else { continue }
            contract.unmappedFragments.append(
                UnmappedFragment(
                    path: try requiredString(entry["path"], itemPath + ".path"),
                    text: try requiredString(entry["text"], itemPath + ".text")))
        }
        // Members this shape does not know are kept, so a newer export survives a round trip.
        let known: Set<String> = [
            "identifiers", "resident", "family", "team", "leadDoctor", "packages", "keyPopulations", "signedOn",
            "start",
            "years", "end", "status", "statusReason", "statusDate", "renewals", "consent", "notes", "unmapped",
        ]
        for member in object.members where !known.contains(member.key.value) {
            contract.unmappedFragments.append(
                UnmappedFragment(
                    path: "json:" + member.key.value,
                    text: String(decoding: JSONWriter.write(member.value, style: .compact), as: UTF8.self)))
        }
        return contract
    }
}
