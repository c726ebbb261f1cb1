import HICore
public import HIFHIR
import HIModels
import HITerminology

/// Reads FHIR R4 JSON into models: a `Patient` into a resident; an `Encounter`, `DiagnosticReport`,
/// `Observation` or referral `ServiceRequest` (with what they reference) into encounter, lab report and
/// referral records; a `Bundle` (document, message, collection, transaction, batch, searchset) into the
/// records of its entries: each DiagnosticReport with its results, specimen and order; Observations no report
/// names (one lab report per subject); Encounters no report names; referral ServiceRequests; and Patients no
/// other record names. Top-level elements it has no place for are reported with their JSON path.
///
/// ```swift
/// let (records, report) = try FHIRModelReader().read(bytes, options: ConversionOptions())
/// print(report.unmapped.map(\.path))   // ["$.entry[0].resource(Composition)", …]
/// ```
public struct FHIRModelReader: RecordReader {
    public var format: RecordFormat { .fhir }

    /// Creates a reader.
    public init() {}

    public func read(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        let resource: FHIRResource
        do {
            resource = try FHIRResource(parsing: bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not readable FHIR JSON: \(error.reason)", at: error.location)
        }
        return try read(resource, options: options)
    }

    /// Reads a parsed resource.
    /// - Throws: ``ConversionError`` `.unsupportedRecord` when nothing in it has a model; `.unmappedContent`
    ///   in strict mode.
    public func read(_ resource: FHIRResource, options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        var state = FHIRReadState(options: options)
        state.documentID = resource.id
        state.index(resource.json, path: "$")
        let records = state.readRecords()
        guard !records.isEmpty else {
            throw ConversionError(
                .unsupportedRecord, "a \(resource.resourceType) holds nothing the models keep on its own",
                at: SourceLocation(path: "$.resourceType"))
        }
        state.collectUnmapped()
        var report = ConversionReport()
        report.issues = state.issues
        report.unmapped = state.unmapped.map { UnmappedItem(path: $0.path, reason: $0.text) }
        if options.strict, let first = report.unmapped.first {
            throw ConversionError(
                .unmappedContent, "\(report.unmapped.count) source element(s) have no place in the model",
                at: SourceLocation(path: first.path))
        }
        let fragments = state.unmapped.map { UnmappedFragment(path: $0.path, text: $0.text) }
        var result = records
        if !fragments.isEmpty, !result.isEmpty { result[0] = HL7v2ModelReader.attach(fragments, to: result[0]) }
        return (result, report)
    }
}

struct FHIRReadState {
    struct Entry {
        var json: JSONObject
        var path: String
        var type: String
        var used = false
        var consumedKeys: Set<String> = ["resourceType", "id", "meta", "text"]
    }

    let options: ConversionOptions
    let systems: IdentifierSystems
    var documentID: String?
    var entries: [Entry] = []
    var byReference: [String: Int] = [:]
    var issues: [Issue] = []
    var unmapped: [(path: String, text: String)] = []
    var carried: [Int: [UnmappedFragment]] = [:]

    init(options: ConversionOptions) {
        self.options = options
        self.systems = options.identifierSystems
    }

    var provenance: Provenance {
        Provenance(format: .fhir, documentID: documentID, location: SourceLocation(path: "$"))
    }

    mutating func index(_ json: JSONObject, path: String) {
        let type = json["resourceType"]?.stringValue ?? ""
        if type == "Bundle" {
            for (number, entry) in (json["entry"]?.arrayValue ?? []).enumerated() {
                guard let resource = entry["resource"]?.objectValue else { continue }
                let position = entries.count
                index(resource, path: "\(path).entry[\(number)].resource")
                if position < entries.count, let fullUrl = entry["fullUrl"]?.stringValue {
                    byReference[fullUrl] = position
                }
            }
            for key in json.keys
            where !["resourceType", "id", "meta", "type", "entry", "timestamp", "identifier"].contains(key) {
                unmapped.append((path + "." + key, "no place in the model"))
            }
            return
        }
        let position = entries.count
        entries.append(Entry(json: json, path: path, type: type))
        if let id = json["id"]?.stringValue { byReference[type + "/" + id] = position }
    }

    func resolve(_ reference: JSONValue?) -> Int? {
        guard let text = reference?["reference"]?.stringValue else { return nil }
        if let found = byReference[text] { return found }
        // Absolute URLs ending in Type/id.
        let parts = text.split(separator: "/")
        if parts.count >= 2 { return byReference[parts[parts.count - 2] + "/" + parts[parts.count - 1]] }
        return nil
    }

    mutating func use(_ index: Int, _ keys: [String]) {
        entries[index].used = true
        entries[index].consumedKeys.formUnion(keys)
    }

    // MARK: Records

    mutating func readRecords() -> [ModelRecord] {
        var records: [ModelRecord] = []
        var claimedObservations: Set<Int> = []
        var claimedEncounters: Set<Int> = []
        var claimedPatients: Set<Int> = []
        for index in entries.indices where entries[index].type == "DiagnosticReport" {
            if isExamReport(entries[index].json) {
                let exam = readExamReport(index)
                claimedObservations.formUnion(exam.observations)
                if let encounter = exam.encounter { claimedEncounters.insert(encounter) }
                if let patient = exam.patient { claimedPatients.insert(patient) }
                records.append(.examReport(exam.value))
                continue
            }
            let report = readDiagnosticReport(index)
            claimedObservations.formUnion(report.observations)
            if let encounter = report.encounter { claimedEncounters.insert(encounter) }
            if let patient = report.patient { claimedPatients.insert(patient) }
            records.append(.labReport(report.value))
        }
        var loose: [Int?: [Int]] = [:]
        var order: [Int?] = []
        for index in entries.indices where entries[index].type == "Observation" && !claimedObservations.contains(index)
        {
            let subject = resolve(entries[index].json["subject"])
            if loose[subject] == nil { order.append(subject) }
            loose[subject, default: []].append(index)
        }
        for subject in order {
            var lab = LabReport(provenance: provenance)
            if let subject, entries[subject].type == "Patient" {
                lab.resident = readPatient(subject)
                claimedPatients.insert(subject)
            }
            lab.results = (loose[subject] ?? []).compactMap { readObservation($0) }
            if lab.status == nil, let first = loose[subject]?.first,
                let status = entries[first].json["status"]?.stringValue
            {
                lab.status = CodedValue(system: "fhir-observation-status", code: status)
            }
            records.append(.labReport(lab))
        }
        records += readLabOrders(claimedEncounters: &claimedEncounters, claimedPatients: &claimedPatients)
        for index in entries.indices where entries[index].type == "Encounter" && !claimedEncounters.contains(index) {
            var encounter = readEncounter(index)
            if let subject = resolve(entries[index].json["subject"]), entries[subject].type == "Patient" {
                encounter.resident = readPatient(subject)
                claimedPatients.insert(subject)
            }
            records.append(.encounter(encounter))
        }
        for index in entries.indices where entries[index].type == "ServiceRequest" && !entries[index].used {
            guard isReferral(entries[index].json) else { continue }
            let (referral, patient) = readReferral(index)
            if let patient { claimedPatients.insert(patient) }
            records.append(.referral(referral))
        }
        for index in entries.indices where entries[index].type == "Appointment" {
            let (appointment, patient) = readAppointment(index)
            if let patient { claimedPatients.insert(patient) }
            records.append(.appointment(appointment))
        }
        for index in entries.indices where entries[index].type == "MedicationRequest" {
            let (order, patient) = readMedicationRequest(index)
            if let patient { claimedPatients.insert(patient) }
            records.append(.medicationOrder(order))
        }
        for index in entries.indices where entries[index].type == "Patient" && !claimedPatients.contains(index) {
            records.append(.resident(readPatient(index)))
        }
        for index in entries.indices where !entries[index].used {
            if entries[index].type == "Practitioner" {
                records.append(.practitioner(readPractitioner(at: index)))
            } else if entries[index].type == "Organization" {
                records.append(.organization(readOrganization(at: index)))
            }
        }
        return records
    }

    func isReferral(_ json: JSONObject) -> Bool {
        for category in json["category"]?.arrayValue ?? [] {
            for coding in category["coding"]?.arrayValue ?? [] where coding["code"]?.stringValue == "3457005" {
                return true
            }
        }
        return false
    }

    // MARK: Data types

    func coded(_ value: JSONValue?) -> CodedValue? {
        guard let value else { return nil }
        let codings = value["coding"]?.arrayValue ?? []
        let text = value["text"]?.stringValue
        func one(_ coding: JSONValue) -> CodedValue {
            CodedValue(
                system: SystemNames.modelSystem(coding["system"]?.stringValue, tables: options.terminology),
                code: coding["code"]?.stringValue ?? "", display: coding["display"]?.stringValue)
        }
        guard let first = codings.first else {
            guard let text else { return nil }
            return CodedValue(system: "", code: "", originalText: text)
        }
        var result = one(first)
        result.translations = codings.dropFirst().map(one)
        result.originalText = text
        return result
    }

    func codingValue(_ coding: JSONValue?) -> CodedValue? {
        guard let coding, let code = coding["code"]?.stringValue else { return nil }
        return CodedValue(
            system: SystemNames.modelSystem(coding["system"]?.stringValue, tables: options.terminology), code: code,
            display: coding["display"]?.stringValue)
    }

    func identifier(_ value: JSONValue) -> Identifier? {
        guard let text = value["value"]?.stringValue else { return nil }
        let system = value["system"]?.stringValue
        let kind = system.flatMap { systems.kind(forFHIRSystem: $0) } ?? .other
        var authority = value["assigner"]?["display"]?.stringValue
        if authority == nil, let system, kind == .other || systems.fhirSystem(for: kind) != system {
            authority = system
        }
        return Identifier(kind: kind, value: text, authority: authority, type: coded(value["type"]))
    }

    func identifiers(_ value: JSONValue?) -> [Identifier] { (value?.arrayValue ?? []).compactMap(identifier) }

    func name(_ value: JSONValue) -> PersonName? {
        let family = value["family"]?.stringValue
        let given = (value["given"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard let text = value["text"]?.stringValue ?? (family.map { $0 + given.joined() }) else { return nil }
        return PersonName(text: text, family: family, given: given, use: value["use"]?.stringValue)
    }

    func address(_ value: JSONValue) -> Address {
        var address = Address()
        switch value["use"]?.stringValue {
        case "home": address.use = .home
        case "work": address.use = .work
        default: address.use = nil
        }
        for ext in value["extension"]?.arrayValue ?? []
        where ext["url"]?.stringValue?.hasSuffix("gbt2260-division") == true {
            address.regionCode = ext["valueCoding"]?["code"]?.stringValue
        }
        let lines = value["line"]?.arrayValue ?? []
        let lineExtensions = value["_line"]?.arrayValue ?? []
        for (index, line) in lines.enumerated() {
            guard let text = line.stringValue, !text.isEmpty else { continue }
            let kind = index < lineExtensions.count ? FHIRAddressParts.kind(of: lineExtensions[index]) : nil
            switch kind {
            case "precinct" where address.township == nil: address.township = text
            case "streetName" where address.streetName == nil: address.streetName = text
            case "houseNumber" where address.houseNumber == nil: address.houseNumber = text
            default: address.lines.append(text)
            }
        }
        address.province = value["state"]?.stringValue
        address.city = value["city"]?.stringValue
        address.county = value["district"]?.stringValue
        address.country = value["country"]?.stringValue
        address.text = value["text"]?.stringValue
        address.postalCode = value["postalCode"]?.stringValue
        return address
    }

    func contactPoint(_ value: JSONValue) -> ContactPoint? {
        guard let text = value["value"]?.stringValue else { return nil }
        let system = ContactPoint.System(rawValue: value["system"]?.stringValue ?? "phone") ?? .other
        return ContactPoint(
            system: system, value: text, use: value["use"]?.stringValue.flatMap { ContactPoint.Use(rawValue: $0) })
    }

    func time(_ value: JSONValue?) -> Timestamp? { value?.stringValue.map(Timestamp.init) }

    mutating func carriedFragments(_ index: Int) -> [UnmappedFragment] {
        var fragments: [UnmappedFragment] = []
        for ext in entries[index].json["extension"]?.arrayValue ?? []
        where ext["url"]?.stringValue == ConversionOptions.unmappedExtensionURL {
            var path = ""
            var text = ""
            for part in ext["extension"]?.arrayValue ?? [] {
                if part["url"]?.stringValue == "path" { path = part["valueString"]?.stringValue ?? "" }
                if part["url"]?.stringValue == "text" { text = part["valueString"]?.stringValue ?? "" }
            }
            fragments.append(UnmappedFragment(path: path, text: text))
        }
        return fragments
    }

    // MARK: Resources

    mutating func readPatient(_ index: Int) -> Resident {
        use(
            index,
            [
                "identifier", "name", "telecom", "gender", "birthDate", "address", "maritalStatus", "contact", "active",
                "extension",
            ])
        let json = entries[index].json
        var resident = Resident(provenance: provenance)
        resident.identifiers = identifiers(json["identifier"])
        resident.names = (json["name"]?.arrayValue ?? []).compactMap(name)
        resident.telecom = (json["telecom"]?.arrayValue ?? []).compactMap(contactPoint)
        if let gender = json["gender"]?.stringValue {
            let source = CodedValue(system: "fhir-administrative-gender", code: gender)
            do {
                let result = try source.translated(
                    to: "gb-t-2261.1", with: options.terminology,
                    policy: options.translation.policy(from: "fhir-administrative-gender", to: "gb-t-2261.1"),
                    at: SourceLocation(path: entries[index].path + ".gender"))
                issues += result.issues
                resident.sex = result.value
            } catch {
                issues.append(error.issue)
                resident.sex = source
            }
        }
        if let birth = json["birthDate"]?.stringValue {
            resident.birthDate = CalendarDate(birth)
            if resident.birthDate == nil {
                unmapped.append((entries[index].path + ".birthDate", "a partial date has no place in the model"))
            }
        }
        if json["_birthDate"] != nil {
            entries[index].consumedKeys.insert("_birthDate")
            unmapped.append((entries[index].path + "._birthDate", "birth time has no place in the model"))
        }
        resident.addresses = (json["address"]?.arrayValue ?? []).map(address)
        resident.maritalStatus = coded(json["maritalStatus"])
        resident.contacts = (json["contact"]?.arrayValue ?? []).map { value in
            Contact(
                name: value["name"].flatMap(name), relationship: coded(value["relationship"]?[0]),
                telecom: (value["telecom"]?.arrayValue ?? []).compactMap(contactPoint),
                address: value["address"].map(address))
        }
        for ext in json["extension"]?.arrayValue ?? [] {
            let url = ext["url"]?.stringValue ?? ""
            if url == "http://hl7.org/fhir/StructureDefinition/patient-nationality" {
                resident.nationality = coded(ext["extension"]?[0]?["valueCodeableConcept"])
            } else if url != ConversionOptions.unmappedExtensionURL {
                unmapped.append((entries[index].path + ".extension(\(url))", "no place in the model"))
            }
        }
        resident.unmappedFragments = carriedFragments(index)
        return resident
    }

    mutating func readPractitioner(_ reference: JSONValue?) -> Practitioner? {
        guard let index = resolve(reference), entries[index].type == "Practitioner" else { return nil }
        return readPractitioner(at: index)
    }

    mutating func readPractitioner(at index: Int) -> Practitioner {
        use(index, ["identifier", "name", "telecom", "qualification"])
        let json = entries[index].json
        var practitioner = Practitioner(provenance: provenance)
        practitioner.identifiers = identifiers(json["identifier"]).map { value in
            var copy = value
            if copy.kind.rawValue == "practitionerNumber", copy.authority == nil { copy.kind = .other }
            return copy
        }
        practitioner.name = json["name"]?[0].flatMap(name)
        practitioner.telecom = (json["telecom"]?.arrayValue ?? []).compactMap(contactPoint)
        practitioner.role = coded(json["qualification"]?[0]?["code"])
        return practitioner
    }

    mutating func readOrganization(_ reference: JSONValue?) -> Organization? {
        guard let index = resolve(reference), entries[index].type == "Organization" else { return nil }
        return readOrganization(at: index)
    }

    mutating func readOrganization(at index: Int) -> Organization {
        use(index, ["identifier", "name", "telecom", "address", "type", "active", "extension"])
        let json = entries[index].json
        var organization = Organization(provenance: provenance)
        organization.identifiers = identifiers(json["identifier"])
        organization.name = json["name"]?.stringValue
        organization.type = coded(json["type"]?[0])
        organization.telecom = (json["telecom"]?.arrayValue ?? []).compactMap(contactPoint)
        organization.addresses = (json["address"]?.arrayValue ?? []).map(address)
        organization.unmappedFragments = carriedFragments(index)
        return organization
    }

    mutating func readCondition(_ reference: JSONValue?, rank: Int?) -> Diagnosis? {
        guard let index = resolve(reference), entries[index].type == "Condition" else { return nil }
        use(index, ["code", "subject", "recordedDate", "category"])
        let json = entries[index].json
        guard let code = coded(json["code"]) else { return nil }
        return Diagnosis(
            code: code, isPrimary: rank == 1, type: coded(json["category"]?[0]), date: time(json["recordedDate"]))
    }

    mutating func readEncounter(_ index: Int) -> Encounter {
        use(
            index,
            [
                "identifier", "status", "class", "serviceType", "subject", "participant", "period", "diagnosis",
                "serviceProvider", "extension",
            ])
        let json = entries[index].json
        let classCode = codingValue(json["class"])
        let kind: Encounter.Kind =
            switch classCode?.code {
            case "IMP", "ACUTE", "NONAC": .inpatient
            case "EMER": .emergency
            case "HH": .homeVisit
            default: .outpatient
            }
        var encounter = Encounter(kind: kind, provenance: provenance)
        encounter.classCode = classCode
        encounter.identifiers = identifiers(json["identifier"])
        encounter.department = coded(json["serviceType"])
        encounter.practitioners = (json["participant"]?.arrayValue ?? []).compactMap {
            readPractitioner($0["individual"])
        }
        encounter.start = time(json["period"]?["start"])
        encounter.end = time(json["period"]?["end"])
        encounter.diagnoses = (json["diagnosis"]?.arrayValue ?? []).compactMap {
            readCondition($0["condition"], rank: $0["rank"]?.numberText.flatMap { Int($0) })
        }
        encounter.organization = readOrganization(json["serviceProvider"])
        encounter.unmappedFragments = carriedFragments(index)
        return encounter
    }

    mutating func readObservation(_ index: Int) -> LabResult? {
        use(
            index,
            [
                "status", "category", "code", "subject", "encounter", "effectiveDateTime", "valueQuantity",
                "valueCodeableConcept", "valueString", "interpretation", "note", "method", "specimen", "referenceRange",
                "basedOn", "extension", "issued",
            ])
        let json = entries[index].json
        guard let code = coded(json["code"]) else { return nil }
        var result = LabResult(code: code)
        if let quantity = json["valueQuantity"] {
            let ucum =
                quantity["system"]?.stringValue == "http://unitsofmeasure.org" ? quantity["code"]?.stringValue : nil
            result.value = .quantity(
                Quantity(
                    value: quantity["value"]?.numberText ?? "", unit: quantity["unit"]?.stringValue ?? ucum,
                    ucum: ucum, comparator: quantity["comparator"]?.stringValue))
        } else if let concept = coded(json["valueCodeableConcept"]) {
            result.value = .coded(concept)
        } else if let text = json["valueString"]?.stringValue {
            result.value = .text(text)
        }
        for key in json.keys
        where key.hasPrefix("value") && !["valueQuantity", "valueCodeableConcept", "valueString"].contains(key) {
            unmapped.append((entries[index].path + "." + key, "this value type has no place in the model"))
            entries[index].consumedKeys.insert(key)
        }
        result.abnormalFlag = coded(json["interpretation"]?[0])
        if let status = json["status"]?.stringValue {
            result.status = CodedValue(system: "fhir-observation-status", code: status)
        }
        result.observedAt = time(json["effectiveDateTime"])
        result.method = coded(json["method"])
        result.notes = (json["note"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        if let range = json["referenceRange"]?[0] {
            result.referenceRange = ReferenceRange(
                low: range["low"]?["value"]?.numberText, high: range["high"]?["value"]?.numberText,
                unit: range["low"]?["unit"]?.stringValue ?? range["high"]?["unit"]?.stringValue,
                text: range["text"]?.stringValue)
        }
        result.unmappedFragments = carriedFragments(index)
        return result
    }

    mutating func readSpecimen(_ reference: JSONValue?) -> Specimen? {
        guard let index = resolve(reference), entries[index].type == "Specimen" else { return nil }
        use(index, ["identifier", "type", "subject", "receivedTime", "collection"])
        let json = entries[index].json
        var specimen = Specimen(type: coded(json["type"]), identifiers: identifiers(json["identifier"]))
        specimen.collectedAt = time(json["collection"]?["collectedDateTime"])
        specimen.receivedAt = time(json["receivedTime"])
        return specimen
    }

    /// The patient and encounter a report (`DiagnosticReport`) refers to, read from this record; a reference
    /// that does not resolve here is reported as unmapped. The encounter is returned without its resident
    /// (the report carries it).
    mutating func readReportContext(_ index: Int) -> (
        resident: Resident?, patient: Int?, encounter: Encounter?, encounterIndex: Int?
    ) {
        let json = entries[index].json
        var result: (resident: Resident?, patient: Int?, encounter: Encounter?, encounterIndex: Int?)
        result = (nil, nil, nil, nil)
        if let subject = resolve(json["subject"]), entries[subject].type == "Patient" {
            result.resident = readPatient(subject)
            result.patient = subject
        } else if json["subject"] != nil {
            unmapped.append((entries[index].path + ".subject", "the reference does not resolve in this record"))
        }
        if let encounter = resolve(json["encounter"]), entries[encounter].type == "Encounter" {
            var value = readEncounter(encounter)
            value.resident = nil
            result.encounter = value
            result.encounterIndex = encounter
        } else if json["encounter"] != nil {
            unmapped.append((entries[index].path + ".encounter", "the reference does not resolve in this record"))
        }
        return result
    }

    mutating func readDiagnosticReport(_ index: Int) -> (
        value: LabReport, observations: [Int], encounter: Int?, patient: Int?
    ) {
        use(
            index,
            [
                "identifier", "basedOn", "status", "category", "code", "subject", "encounter", "effectiveDateTime",
                "issued", "performer", "resultsInterpreter", "specimen", "result", "conclusion", "extension",
            ])
        let json = entries[index].json
        var lab = LabReport(provenance: provenance)
        let context = readReportContext(index)
        lab.resident = context.resident
        lab.encounter = context.encounter
        let patient = context.patient
        let encounterIndex = context.encounterIndex
        if let order = resolve(json["basedOn"]?[0]), entries[order].type == "ServiceRequest" {
            use(
                order,
                [
                    "identifier", "status", "intent", "code", "subject", "encounter", "authoredOn", "requester",
                    "specimen",
                ])
            let request = entries[order].json
            lab.identifiers = identifiers(request["identifier"])
            lab.order = coded(request["code"])
            lab.orderedAt = time(request["authoredOn"])
            lab.orderedBy = readPractitioner(request["requester"])
        }
        lab.identifiers += identifiers(json["identifier"])
        if lab.order == nil, let code = coded(json["code"]), !(code.code.isEmpty && code.originalText == "检验报告") {
            lab.order = code
        }
        if let status = json["status"]?.stringValue {
            lab.status = CodedValue(system: "fhir-observation-status", code: status)
        }
        lab.specimen = readSpecimen(json["specimen"]?[0])
        if lab.specimen == nil, let effective = time(json["effectiveDateTime"]) {
            var specimen = Specimen()
            specimen.collectedAt = effective
            lab.specimen = specimen
        }
        lab.reportedAt = time(json["issued"])
        for performer in json["performer"]?.arrayValue ?? [] {
            if let practitioner = readPractitioner(performer) {
                lab.performer = practitioner
            } else if let organization = readOrganization(performer) {
                lab.laboratory = organization
            } else {
                unmapped.append((entries[index].path + ".performer", "the reference does not resolve in this record"))
            }
        }
        lab.reviewer = readPractitioner(json["resultsInterpreter"]?[0])
        var observations: [Int] = []
        for (number, reference) in (json["result"]?.arrayValue ?? []).enumerated() {
            guard let observation = resolve(reference), entries[observation].type == "Observation" else {
                unmapped.append(
                    (entries[index].path + ".result[\(number)]", "the reference does not resolve in this record"))
                continue
            }
            observations.append(observation)
            if let result = readObservation(observation) { lab.results.append(result) }
        }
        if let conclusion = json["conclusion"]?.stringValue {
            lab.notes = conclusion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        lab.unmappedFragments = carriedFragments(index)
        return (lab, observations, encounterIndex, patient)
    }

    mutating func readReferral(_ index: Int) -> (Referral, Int?) {
        use(
            index,
            [
                "identifier", "status", "intent", "category", "subject", "authoredOn", "requester", "performer",
                "reasonCode", "reasonReference", "extension",
            ])
        let json = entries[index].json
        var referral = Referral(provenance: provenance)
        referral.identifiers = identifiers(json["identifier"])
        var patient: Int? = nil
        if let subject = resolve(json["subject"]), entries[subject].type == "Patient" {
            referral.resident = readPatient(subject)
            patient = subject
        }
        referral.date = time(json["authoredOn"])
        referral.fromOrganization = readOrganization(json["requester"])
        referral.toOrganization = readOrganization(json["performer"]?[0])
        referral.reason = json["reasonCode"]?[0]?["text"]?.stringValue
        referral.diagnoses = (json["reasonReference"]?.arrayValue ?? []).compactMap { readCondition($0, rank: nil) }
        referral.unmappedFragments = carriedFragments(index)
        return (referral, patient)
    }

    mutating func readMedicationRequest(_ index: Int) -> (MedicationOrder, Int?) {
        use(
            index,
            [
                "identifier", "status", "intent", "medicationCodeableConcept", "subject", "authoredOn", "requester",
                "dosageInstruction", "dispenseRequest", "extension",
            ])
        let json = entries[index].json
        let medication =
            coded(json["medicationCodeableConcept"]) ?? CodedValue(system: "", code: "", originalText: nil)
        if json["medicationReference"] != nil {
            unmapped.append((entries[index].path + ".medicationReference", "a Medication reference has no place"))
            entries[index].consumedKeys.insert("medicationReference")
        }
        var order = MedicationOrder(medication: medication, provenance: provenance)
        order.identifiers = identifiers(json["identifier"])
        var patient: Int? = nil
        if let subject = resolve(json["subject"]), entries[subject].type == "Patient" {
            order.resident = readPatient(subject)
            patient = subject
        } else if json["subject"] != nil {
            unmapped.append((entries[index].path + ".subject", "the reference does not resolve in this record"))
        }
        order.orderedAt = time(json["authoredOn"])
        order.prescriber = readPractitioner(json["requester"])
        if json["requester"] != nil, order.prescriber == nil {
            unmapped.append((entries[index].path + ".requester", "the reference does not resolve to a Practitioner"))
        }
        if let dosage = json["dosageInstruction"]?[0] {
            order.route = coded(dosage["route"])
            order.frequency = coded(dosage["timing"]?["code"])
            if let dose = dosage["doseAndRate"]?[0]?["doseQuantity"], let value = dose["value"]?.numberText {
                order.dose = Quantity(value: value, unit: dose["unit"]?.stringValue, ucum: nil)
            }
            for key in dosage.objectValue?.keys ?? [] where !["route", "timing", "doseAndRate"].contains(key) {
                unmapped.append((entries[index].path + ".dosageInstruction[0]." + key, "no place in the model"))
            }
        }
        if let dispense = json["dispenseRequest"] {
            if let value = dispense["quantity"]?["value"]?.numberText {
                order.quantity = Quantity(value: value, unit: dispense["quantity"]?["unit"]?.stringValue)
            }
            order.daysSupplied = dispense["expectedSupplyDuration"]?["value"]?.numberText.flatMap { Int($0) }
            order.refills = dispense["numberOfRepeatsAllowed"]?.numberText.flatMap { Int($0) }
        }
        order.unmappedFragments = carriedFragments(index)
        return (order, patient)
    }

    // MARK: Unmapped

    mutating func collectUnmapped() {
        for entry in entries {
            guard entry.used else {
                unmapped.append((entry.path + "(\(entry.type))", "this resource has no place in the records read"))
                continue
            }
            for key in entry.json.keys where !entry.consumedKeys.contains(key) {
                unmapped.append((entry.path + "." + key, "no place in the model"))
            }
        }
    }
}

/// The ISO 21090 address-part extensions FHIR R4 defines for `Address.line`
/// (`http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-…`), used for 乡镇 (`precinct`), 村/街/路
/// (`streetName`) and 门牌号码 (`houseNumber`).
enum FHIRAddressParts {
    static let extensionPrefix = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-"

    /// The part kind (`precinct`, `streetName`, `houseNumber` …) a `_line` element's extension names.
    static func kind(of element: JSONValue) -> String? {
        for ext in element["extension"]?.arrayValue ?? [] {
            guard let url = ext["url"]?.stringValue, url.hasPrefix(extensionPrefix) else { continue }
            return String(url.dropFirst(extensionPrefix.count))
        }
        return nil
    }
}
