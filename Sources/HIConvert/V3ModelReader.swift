import HICDA
import HICore
import HIModels
public import HIV3
import HIXML

/// Reads an HL7 V3 interaction message (互联互通 / WS/T 790) into the models, through ``HIV3``:
///
/// | interaction | records |
/// |---|---|
/// | PRPA_IN201311UV02 / 201314UV02 注册/更新, PRPA_IN201306UV02 查询结果 | `.resident` per patient |
/// | PRPA_IN201304UV02 合并 | `.resident` (the surviving one; the replaced ids are reported as unmapped) |
/// | PRPM_IN401030UV01 / PRPM_IN301010UV01 | `.organization` / `.practitioner` |
/// | PRPA_IN400001UV / 400002UV / 400003UV 就诊 | `.encounter` with its resident |
/// | POOR_IN200901UV / 200902UV 医嘱/申请单 | `.labReport` per lab or exam request (order, no results), `.medicationOrder` per drug |
/// | POLB_IN224000UV01 检验状态 | `.labReport` with its ``HIModels/LabReport/status`` |
/// | ProvideAndRegisterDocumentSetRequest, RetrieveDocumentSetResponse | the CDA payloads read with ``CDAModelReader`` |
///
/// Queries, retrieve requests and acknowledgements carry no record (``ConversionError/Code/unsupportedRecord``).
/// The vendor dialect (BAG_EN names, vendor interaction ids, specimen `code1`…, padded values, private OIDs) is
/// read leniently and its warnings (`HI-V3-01nn`) go into ``ConversionReport/issues``. What the models do not
/// hold is found by writing the records back as the same interaction and comparing the control acts: every
/// attribute or text missing from the rewrite is an ``UnmappedItem`` (XPath, no value) and an unmapped fragment.
///
/// ```swift
/// let (records, report) = try V3ModelReader().read(bytes, options: ConversionOptions())
/// if case .resident(let resident) = records.first { print(resident.identifiers.count, report.issues.count) }
/// ```
public struct V3ModelReader: RecordReader {
    /// Creates a reader.
    public init() {}

    /// Always `.v3`.
    public var format: RecordFormat { .v3 }

    /// Reads one V3 message.
    /// - Throws: ``ConversionError`` `.unreadableInput` for bytes that are not a V3 message,
    ///   `.unsupportedRecord` for interactions that carry no record, `.missingData` when a typed interaction lacks
    ///   its payload.
    public func read(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        let message: V3Message
        do {
            message = try V3Message(parsing: bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not an HL7 V3 message: \(error.reason)", at: error.location)
        }
        return try read(message, options: options)
    }

    /// Reads a parsed V3 message.
    public func read(_ message: V3Message, options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        let content: V3Content
        do {
            content = try V3Content(message)
        } catch {
            throw Self.conversionError(error)
        }
        var report = ConversionReport()
        report.issues = message.issues
        var records: [ModelRecord]
        let root = "/" + message.rootName
        switch content {
        case .residents(let residents):
            records = residents.map { .resident($0) }
            if residents.isEmpty {
                throw ConversionError(
                    .missingData, "the query response names no resident", at: SourceLocation(path: root))
            }
        case .residentMerge(let merge):
            records = [.resident(merge.surviving)]
            for index in merge.replaced.indices {
                report.unmapped.append(
                    UnmappedItem(
                        path: root + "//replacementOf[\(index + 1)]/priorRegistration/subject1/priorRegisteredRole/id",
                        reason: "a merged (replaced) identifier has no place in the models"))
            }
        case .organization(let organization): records = [.organization(organization)]
        case .practitioner(let practitioner): records = [.practitioner(practitioner)]
        case .encounter(let encounter, _): records = [.encounter(encounter)]
        case .order(let order):
            records = order.labRequests.map { lab in
                var lab = lab
                if lab.encounter == nil, !order.encounterIdentifiers.isEmpty {
                    lab.encounter = Self.encounter(order.encounterIdentifiers, resident: order.resident)
                }
                return .labReport(lab)
            }
            records += order.medicationOrders.map { .medicationOrder($0) }
            if records.isEmpty {
                throw ConversionError(
                    .missingData, "the order group has no observationRequest or substanceAdministrationRequest",
                    at: SourceLocation(path: root + "/controlActProcess/subject/placerGroup"))
            }
        case .labStatus(let lab): records = [.labReport(lab)]
        case .documents(let entries):
            records = []
            for (index, entry) in entries.enumerated() {
                let (documentRecords, documentReport) = try CDAModelReader().read(entry.document, options: options)
                records += documentRecords
                report.issues += documentReport.issues
                report.unmapped += documentReport.unmapped.map {
                    UnmappedItem(path: root + "/Document[\(index + 1)]" + $0.path, reason: $0.reason)
                }
            }
            if records.isEmpty {
                throw ConversionError(.missingData, "the message carries no document", at: SourceLocation(path: root))
            }
            return (records, report)
        case .residentQuery, .documentRequests, .acknowledgement, .other:
            throw ConversionError(
                .unsupportedRecord,
                "\(message.interaction.rawValue) carries no record (a query, retrieve request or acknowledgement)",
                at: SourceLocation(path: root))
        }
        // What the models did not hold: the control act compared with the one the models write back.
        if let source = message.controlActProcess {
            var header = message.header
            header.interactionIdExtension = nil
            var writeReport = ConversionReport()
            var replaced: [Identifier] = []
            if case .residentMerge(let merge) = content { replaced = merge.replaced }
            if let rewritten = try? V3FromModels.message(
                records, header: header, interaction: message.interaction, source: message, replaced: replaced,
                options: options, report: &writeReport),
                let regenerated = rewritten.controlActProcess
            {
                let found = CDAUnmappedScan.scan(source: V3ScanForm.normalized(source), regenerated: regenerated)
                report.unmapped += found.items.map { UnmappedItem(path: root + $0.path, reason: $0.reason) }
                if !records.isEmpty {
                    records[0].appendUnmappedFragments(
                        found.fragments.map { UnmappedFragment(path: root + $0.path, text: $0.text) })
                }
            } else {
                report.unmapped.append(
                    UnmappedItem(
                        path: root + "/controlActProcess",
                        reason: "what the models hold could not be checked (the models do not write back)"))
            }
        }
        return (records, report)
    }

    /// The encounter an order group points to (`componentOf1/encounter/id`).
    static func encounter(_ identifiers: [Identifier], resident: Resident?) -> Encounter {
        let kind: Encounter.Kind = identifiers.contains { $0.kind == .inpatientNumber } ? .inpatient : .outpatient
        var encounter = Encounter(kind: kind, resident: resident, provenance: Provenance(format: .hl7v3))
        encounter.identifiers = identifiers
        return encounter
    }

    static func conversionError(_ error: V3Error) -> ConversionError {
        let code: ConversionError.Code =
            switch error.code {
            case .missingElement: .missingData
            case .wrongInteraction: .unsupportedRecord
            default: .unreadableInput
            }
        return ConversionError(code, "\(error.issueCode) \(error.reason)", at: error.location)
    }
}

/// The source control act in the form the models write back, so that the unmapped scan reports what the
/// models lose and not how the vendor spelled it: attribute values trimmed (padded values are read trimmed),
/// a BAG_EN `name/item/part` as the name text, and the named address parts (`state`, `city`, `county` …) as
/// `streetAddressLine` (the models keep the values in order as ``HIModels/Address/parts``, not the part names).
enum V3ScanForm {
    static let addressParts: Set<String> = [
        "country", "state", "city", "county", "precinct", "streetName", "houseNumber", "additionalLocator",
    ]

    static func normalized(_ element: XMLElement, depth: Int = 0) -> XMLElement {
        var result = element
        for index in result.attributes.indices {
            result.attributes[index].value = trimmed(result.attributes[index].value)
        }
        guard depth < 512 else { return result }
        if element.localName == "name", !element.children("item").isEmpty {
            let text = element.children("item").flatMap { $0.children("part") }.compactMap { part in
                part.attribute("value").map(trimmed)
            }.joined()
            result.attributes.removeAll { $0.localName == "type" }
            result.children = text.isEmpty ? [] : [.text(text)]
            return result
        }
        for index in result.children.indices {
            guard case .element(var child) = result.children[index] else { continue }
            if element.localName == "addr", addressParts.contains(child.localName) {
                child.localName = "streetAddressLine"
            }
            result.children[index] = .element(normalized(child, depth: depth + 1))
        }
        return result
    }

    private static func trimmed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) })
        else { return "" }
        if first == 0 && last == bytes.count - 1 { return text }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
