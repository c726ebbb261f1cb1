public import HIConvert
import HICore
public import HIFHIR
public import HIModels

/// Reads and writes a ``Referral`` as a FHIR R4 Bundle (`collection`) holding a referral `ServiceRequest`
/// (category SNOMED CT 3457005) and the `Task` that tracks it (`Task.focus` → the ServiceRequest), with the
/// Patient, Organizations, Practitioners and Conditions they reference.
///
/// Mapping: `Task.status` is the referral status (requested, accepted, rejected, completed, cancelled);
/// `ServiceRequest.status` follows it (active, completed, revoked); `priority` (both) is the urgency; the green
/// channel is the extension ``ReferralFHIRCodec/greenChannelURL`` (`valueBoolean`); the direction is a second
/// `category` coding in ``ReferralFHIRCodec/directionSystem`` (`up`, `down`); `ServiceRequest.requester` and
/// `Task.requester` are the sending organisation and practitioner, `ServiceRequest.performer` and `Task.owner`
/// the receiving ones; results are `supportingInfo` references to DiagnosticReports (identifier, link, title,
/// kind and date extensions).
///
/// ```swift
/// let codec = ReferralFHIRCodec()
/// let json = try codec.write(referral)
/// let (again, _) = try codec.read(json)
/// print(again.isGreenChannel == referral.isGreenChannel)
/// ```
public struct ReferralFHIRCodec: Sendable {
    /// The green-channel extension URL (a project extension; `valueBoolean`).
    public static let greenChannelURL =
        "http://healthinterchange.example/fhir/StructureDefinition/referral-green-channel"
    /// The referral-direction code system (`up` 上转, `down` 下转).
    public static let directionSystem = "http://healthinterchange.example/fhir/CodeSystem/referral-direction"
    /// The result-kind extension on a `supportingInfo` reference (`valueCode` `lab` or `exam`).
    public static let resultKindURL = "http://healthinterchange.example/fhir/StructureDefinition/result-kind"
    /// The result-date extension on a `supportingInfo` reference (`valueDateTime`).
    public static let resultDateURL = "http://healthinterchange.example/fhir/StructureDefinition/result-date"

    /// Conversion options.
    public var options: ConversionOptions

    /// Creates a codec.
    public init(options: ConversionOptions = ConversionOptions()) { self.options = options }

    /// Writes `referral` as FHIR JSON (a Bundle).
    /// - Throws: ``ConversionError`` from the base writer.
    public func write(_ referral: Referral) throws(ConversionError) -> [UInt8] {
        JSONWriter.write(try bundle(referral))
    }

    /// The Bundle tree of `referral`.
    /// - Throws: ``ConversionError`` from the base writer.
    public func bundle(_ referral: Referral) throws(ConversionError) -> JSONValue {
        var base = referral
        base.unmappedFragments = options.carryUnmapped ? referral.unmappedFragments : []
        var report = ConversionReport()
        var root = try FHIRModelWriter().resource([.referral(base)], options: options, report: &report)
        guard case .array(var entries)? = root["entry"] else {
            throw ConversionError(.missingData, "the base writer wrote no Bundle")
        }
        guard
            let serviceIndex = entries.firstIndex(where: {
                $0["resource"]?["resourceType"]?.stringValue == "ServiceRequest"
            }),
            let service = entries[serviceIndex]["resource"],
            let serviceURL = entries[serviceIndex]["fullUrl"]?.stringValue
        else {
            throw ConversionError(.missingData, "the base writer wrote no ServiceRequest")
        }
        let key = (referral.identifiers.first?.value ?? "") + (referral.date?.text ?? "") + (referral.reason ?? "")
        func addPractitioner(_ practitioner: Practitioner?, _ role: String) throws(ConversionError) -> String? {
            guard let practitioner else { return nil }
            var ignored = ConversionReport()
            let id = PrimaryCareID.uuid(key + "/practitioner/" + role)
            let resource = try FHIRModelWriter().resource(
                [.practitioner(practitioner)], options: options, report: &ignored)
            let url = "urn:uuid:" + id
            entries.append(
                FHIRJSON.object([
                    ("fullUrl", .string(url)), ("resource", FHIRJSON.setting(resource, [("id", .string(id))])),
                ]))
            return url
        }
        let sending = try addPractitioner(referral.fromPractitioner, "from")
        let receiving = try addPractitioner(referral.toPractitioner, "to")

        var extensions = service["extension"]?.arrayValue ?? []
        if referral.isGreenChannel {
            extensions.append(FHIRJSON.object([("url", .string(Self.greenChannelURL)), ("valueBoolean", .bool(true))]))
        }
        var categories = service["category"]?.arrayValue ?? []
        if let direction = referral.direction {
            let coding = FHIRJSON.object([
                ("system", .string(Self.directionSystem)), ("code", .string(direction == .upward ? "up" : "down")),
                ("display", .string(direction == .upward ? "上转" : "下转")),
            ])
            categories.append(FHIRJSON.object([("coding", .array([coding]))]))
        }
        var performers = service["performer"]?.arrayValue ?? []
        if let receiving { performers.append(FHIRJSON.object([("reference", .string(receiving))])) }
        let serviceStatus: String
        switch referral.status {
        case .completed?: serviceStatus = "completed"
        case .rejected?, .cancelled?: serviceStatus = "revoked"
        default: serviceStatus = "active"
        }
        let updated = FHIRJSON.setting(
            service,
            [
                ("extension", .array(extensions)), ("status", .string(serviceStatus)), ("category", .array(categories)),
                ("priority", FHIRJSON.string(referral.urgency?.rawValue)), ("performer", .array(performers)),
                ("supportingInfo", .array(referral.results.map(resultReference))),
            ])
        entries[serviceIndex] = FHIRJSON.setting(entries[serviceIndex], [("resource", updated)])

        let taskID = PrimaryCareID.uuid(key + "/task")
        let task = FHIRJSON.object([
            ("resourceType", .string("Task")), ("id", .string(taskID)),
            ("identifier", service["identifier"]),
            ("status", .string((referral.status ?? .requested).rawValue)), ("intent", .string("order")),
            ("priority", FHIRJSON.string(referral.urgency?.rawValue)),
            (
                "code",
                FHIRJSON.object([
                    (
                        "coding",
                        .array([
                            FHIRJSON.object([
                                ("system", .string("http://hl7.org/fhir/CodeSystem/task-code")),
                                ("code", .string("fulfill")),
                            ])
                        ])
                    )
                ])
            ),
            ("focus", FHIRJSON.reference(serviceURL)), ("for", service["subject"]),
            ("authoredOn", service["authoredOn"]),
            ("requester", sending.flatMap { FHIRJSON.reference($0) } ?? service["requester"]),
            ("owner", service["performer"]?[0]),
        ])
        entries.append(FHIRJSON.object([("fullUrl", .string("urn:uuid:" + taskID)), ("resource", task)]))
        root = FHIRJSON.setting(root, [("entry", .array(entries))])
        return root
    }

    func resultReference(_ result: Referral.ResultReference) -> JSONValue {
        var extensions = [
            FHIRJSON.object([("url", .string(Self.resultKindURL)), ("valueCode", .string(result.kind.rawValue))])
        ]
        if let date = result.date, let text = FHIRTime.dateTime(date.text) {
            extensions.append(
                FHIRJSON.object([("url", .string(Self.resultDateURL)), ("valueDateTime", .string(text))]))
        }
        let identifier = result.identifier.map { id in
            FHIRJSON.object([
                ("value", .string(id.value)),
                ("assigner", id.authority.map { FHIRJSON.object([("display", .string($0))]) }),
            ])
        }
        return FHIRJSON.object([
            ("extension", .array(extensions)), ("reference", FHIRJSON.string(result.link)),
            ("type", .string("DiagnosticReport")), ("identifier", identifier),
            ("display", FHIRJSON.string(result.title)),
        ])
    }

    /// Reads a Bundle (or a lone ServiceRequest) holding a referral.
    /// - Throws: ``ConversionError`` `.unreadableInput` for bytes that are not FHIR JSON, `.unsupportedRecord`
    ///   when no referral ServiceRequest is found.
    public func read(_ bytes: [UInt8]) throws(ConversionError) -> (referral: Referral, report: ConversionReport) {
        var readOptions = options
        readOptions.strict = false
        var (records, report) = try FHIRModelReader().read(bytes, options: readOptions)
        guard
            var referral = records.lazy.compactMap({ record -> Referral? in
                if case .referral(let value) = record { return value }
                return nil
            }).first
        else {
            throw ConversionError(.unsupportedRecord, "no referral ServiceRequest found", at: SourceLocation(path: "$"))
        }
        let root: JSONValue
        do {
            root = try JSONReader.read(bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not readable JSON: \(error.reason)", at: error.location)
        }
        let resources = FHIRJSON.resources(root)
        var consumed: [String] = []
        let isBundle = root["resourceType"]?.stringValue == "Bundle"
        func path(_ index: Int) -> String { isBundle ? "$.entry[\(index)].resource" : "$" }
        guard
            let serviceIndex = resources.firstIndex(where: {
                $0.resource["resourceType"]?.stringValue == "ServiceRequest"
            })
        else { return (referral, report) }
        let service = resources[serviceIndex].resource
        consumed += [
            path(serviceIndex) + ".priority", path(serviceIndex) + ".supportingInfo",
            path(serviceIndex) + ".performer", path(serviceIndex) + ".category", path(serviceIndex) + ".extension",
            path(serviceIndex) + ".status", path(serviceIndex) + ".intent",
        ]
        let serviceURL = resources[serviceIndex].url
        let taskIndex = resources.firstIndex { item in
            guard item.resource["resourceType"]?.stringValue == "Task" else { return false }
            let focus = item.resource["focus"]?["reference"]?.stringValue
            if let serviceURL, focus == serviceURL { return true }
            if let id = service["id"]?.stringValue, focus == "ServiceRequest/" + id { return true }
            return false
        }
        let task = taskIndex.map { resources[$0].resource }
        if let taskIndex { consumed += [path(taskIndex) + ".", path(taskIndex) + "("] }

        if let status = task?["status"]?.stringValue {
            referral.status = Referral.Status(rawValue: status)
        } else {
            switch service["status"]?.stringValue {
            case "completed": referral.status = .completed
            case "revoked": referral.status = .cancelled
            case "active": referral.status = .requested
            default: break
            }
        }
        referral.urgency = (service["priority"] ?? task?["priority"])?.stringValue.flatMap(Referral.Urgency.init)
        referral.isGreenChannel =
            FHIRJSON.extensionValue(service, url: Self.greenChannelURL)?["valueBoolean"]?.boolValue ?? false
        for category in service["category"]?.arrayValue ?? [] {
            for coding in category["coding"]?.arrayValue ?? []
            where coding["system"]?.stringValue == Self.directionSystem {
                referral.direction = coding["code"]?.stringValue == "up" ? .upward : .downward
            }
        }
        func practitioner(_ reference: JSONValue?) -> Practitioner? {
            guard let resource = FHIRJSON.resolve(reference, in: resources),
                resource["resourceType"]?.stringValue == "Practitioner",
                let object = resource.objectValue, let parsed = try? FHIRResource(object),
                let (records, _) = try? FHIRModelReader().read(parsed, options: readOptions),
                case .practitioner(var value)? = records.first
            else { return nil }
            value.provenance = referral.provenance
            if let index = resources.firstIndex(where: { $0.resource == resource }) {
                consumed += [path(index) + ".", path(index) + "("]
            }
            return value
        }
        referral.fromPractitioner = practitioner(task?["requester"])
        for performer in service["performer"]?.arrayValue ?? [] {
            if let found = practitioner(performer) { referral.toPractitioner = found }
        }
        for item in service["supportingInfo"]?.arrayValue ?? [] {
            let kind = FHIRJSON.extensionValue(item, url: Self.resultKindURL)?["valueCode"]?.stringValue
            var result = Referral.ResultReference(kind: kind == "exam" ? .exam : .lab)
            if let value = item["identifier"]?["value"]?.stringValue {
                result.identifier = Identifier(
                    kind: .other, value: value, authority: item["identifier"]?["assigner"]?["display"]?.stringValue)
            }
            result.link = item["reference"]?.stringValue
            result.title = item["display"]?.stringValue
            if let date = FHIRJSON.extensionValue(item, url: Self.resultDateURL)?["valueDateTime"]?.stringValue {
                result.date = Timestamp(FHIRTime.compact(date))
            }
            referral.results.append(result)
        }
        if let date = referral.date { referral.date = Timestamp(FHIRTime.compact(date.text)) }
        report.consume(consumed)
        referral.unmappedFragments = referral.unmappedFragments.consuming(consumed)
        try options.checkStrict(report)
        return (referral, report)
    }
}
