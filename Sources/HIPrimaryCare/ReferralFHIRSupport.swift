import HIConvert
import HICore
import HIFHIR
import HIModels

/// FHIR data-type helpers shared by the primary-care codecs.
enum PrimaryCareFHIR {
    static let ucum = "http://unitsofmeasure.org"
    static let localSystemPrefix = "http://healthinterchange.example/CodeSystem/"
    static let identifierKindSystem = "http://healthinterchange.example/fhir/CodeSystem/identifier-kind"

    static func systemURI(_ system: String) -> String? {
        if system.isEmpty { return nil }
        if system.hasPrefix("http:") || system.hasPrefix("https:") || system.hasPrefix("urn:") { return system }
        if PrimaryCareCDA.isOID(system) { return "urn:oid:" + system }
        switch system {
        case "LN", "LOINC": return "http://loinc.org"
        case "I10", "ICD10", "ICD-10": return "http://hl7.org/fhir/sid/icd-10"
        default: return localSystemPrefix + system
        }
    }

    static func systemName(_ uri: String?) -> String {
        guard let uri else { return "" }
        if uri.hasPrefix(localSystemPrefix) { return String(uri.dropFirst(localSystemPrefix.utf8.count)) }
        if uri.hasPrefix("urn:oid:") { return String(uri.dropFirst(8)) }
        return uri
    }

    static func concept(_ value: CodedValue) -> JSONValue {
        let coding = FHIRJSON.object([
            ("system", FHIRJSON.string(systemURI(value.system))), ("code", FHIRJSON.string(value.code)),
            ("display", FHIRJSON.string(value.display)),
        ])
        return FHIRJSON.object([
            ("coding", .array(value.code.isEmpty ? [] : [coding])), ("text", FHIRJSON.string(value.originalText)),
        ])
    }

    static func coded(_ json: JSONValue?) -> CodedValue? {
        guard let json else { return nil }
        let coding = json["coding"]?[0]
        let text = json["text"]?.stringValue
        guard coding != nil || text != nil else { return nil }
        return CodedValue(
            system: systemName(coding?["system"]?.stringValue), code: coding?["code"]?.stringValue ?? "",
            display: coding?["display"]?.stringValue, originalText: text)
    }

    /// A Quantity: `unit` as written, `code` the UCUM code (the model's, else `defaultCode`, else the unit).
    static func quantity(_ value: Quantity, defaultCode: String?) -> JSONValue {
        let code = value.ucum ?? defaultCode ?? value.unit
        return FHIRJSON.object([
            ("value", FHIRJSON.number(value.value) ?? .string(value.value)),
            ("comparator", FHIRJSON.string(value.comparator)),
            ("unit", FHIRJSON.string(value.unit)), ("system", code == nil ? nil : .string(ucum)),
            ("code", FHIRJSON.string(code)),
        ])
    }

    /// The model quantity; the UCUM code is kept only when it differs from the unit.
    static func quantity(_ json: JSONValue?) -> Quantity? {
        guard let json, let value = json["value"]?.numberText ?? json["value"]?.stringValue else { return nil }
        let unit = json["unit"]?.stringValue
        let code = json["code"]?.stringValue
        return Quantity(
            value: value, unit: unit ?? code, ucum: code == unit ? nil : code,
            comparator: json["comparator"]?.stringValue)
    }

    static func identifier(_ value: Identifier) -> JSONValue {
        let type = FHIRJSON.object([
            (
                "coding",
                .array([
                    FHIRJSON.object([("system", .string(identifierKindSystem)), ("code", .string(value.kind.rawValue))])
                ])
            )
        ])
        return FHIRJSON.object([
            ("type", type), ("value", .string(value.value)),
            ("assigner", value.authority.map { FHIRJSON.object([("display", .string($0))]) }),
        ])
    }

    static func identifier(_ json: JSONValue) -> Identifier? {
        guard let value = json["value"]?.stringValue else { return nil }
        let kind = json["type"]?["coding"]?[0]?["code"]?.stringValue ?? "other"
        return Identifier(
            kind: Identifier.Kind(rawValue: kind), value: value, authority: json["assigner"]?["display"]?.stringValue)
    }

    static func resident(
        _ reference: JSONValue?, in resources: [(url: String?, resource: JSONValue)], provenance: Provenance
    ) -> Resident? {
        guard let resource = FHIRJSON.resolve(reference, in: resources), let object = resource.objectValue,
            resource["resourceType"]?.stringValue == "Patient", let parsed = try? FHIRResource(object),
            let (records, _) = try? FHIRModelReader().read(parsed, options: ConversionOptions()),
            case .resident(var value)? = records.first
        else { return nil }
        value.provenance = provenance
        return value
    }

    static func practitioner(
        _ reference: JSONValue?, in resources: [(url: String?, resource: JSONValue)], provenance: Provenance
    ) -> Practitioner? {
        guard let resource = FHIRJSON.resolve(reference, in: resources), let object = resource.objectValue,
            resource["resourceType"]?.stringValue == "Practitioner", let parsed = try? FHIRResource(object),
            let (records, _) = try? FHIRModelReader().read(parsed, options: ConversionOptions()),
            case .practitioner(var value)? = records.first
        else { return nil }
        value.provenance = provenance
        return value
    }
}

/// Builds a `collection` Bundle with deterministic `urn:uuid` full URLs.
struct PrimaryCareBundle {
    let key: String
    var entries: [JSONValue] = []
    var counter: [String: Int] = [:]

    init(key: String) { self.key = key }

    mutating func nextID(_ type: String) -> String {
        let index = counter[type, default: 0]
        counter[type] = index + 1
        return PrimaryCareID.uuid(key + "/" + type + "/" + String(index))
    }

    @discardableResult
    mutating func add(_ resource: JSONValue, id: String) -> String {
        let url = "urn:uuid:" + id
        entries.append(FHIRJSON.object([("fullUrl", .string(url)), ("resource", resource)]))
        return url
    }

    mutating func addPatient(_ resident: Resident?, options: ConversionOptions) throws(ConversionError) -> String? {
        guard let resident else { return nil }
        var report = ConversionReport()
        let patient = try FHIRModelWriter().resource([.resident(resident)], options: options, report: &report)
        let id = nextID("Patient")
        return add(FHIRJSON.setting(patient, [("id", .string(id))]), id: id)
    }

    mutating func addPractitioner(_ practitioner: Practitioner?, options: ConversionOptions) throws(ConversionError)
        -> String?
    {
        guard let practitioner else { return nil }
        var report = ConversionReport()
        let resource = try FHIRModelWriter().resource([.practitioner(practitioner)], options: options, report: &report)
        let id = nextID("Practitioner")
        return add(FHIRJSON.setting(resource, [("id", .string(id))]), id: id)
    }

    var bundle: JSONValue {
        FHIRJSON.object([
            ("resourceType", .string("Bundle")), ("id", .string(PrimaryCareID.uuid(key + "/Bundle"))),
            ("type", .string("collection")), ("entry", .array(entries)),
        ])
    }
}
