public import HICDA
public import HIConvert
import HICore
public import HIModels
import HIXML

/// Reads and writes a ``Referral`` as a WS/T 483.20 转诊（院）记录 CDA document (templateId
/// `2.16.156.10011.2.1.1.20`), valid against the national schema.
///
/// The header, reason, receiving organisation name and first diagnosis are written as ``CDAModelWriter`` writes
/// them; further diagnoses repeat `DE05.01.024.00`; the sending practitioner is the document author. What the
/// template has no WS 363 data element for (direction, status, urgency, green channel, receiving organisation
/// code and practitioner, result references) is written as project data elements coded in
/// ``PrimaryCareCDA/localCodeSystem`` (`HI.REF.nn`, listed in `docs/primary-care.md`).
///
/// ```swift
/// let codec = ReferralCDACodec()
/// let xml = try codec.write(referral)
/// let (again, _) = try codec.read(xml)
/// print(again.urgency == referral.urgency)
/// ```
public struct ReferralCDACodec: Sendable {
    /// Conversion options.
    public var options: ConversionOptions

    /// Creates a codec.
    public init(options: ConversionOptions = ConversionOptions()) { self.options = options }

    typealias Local = PrimaryCareCDA
    static let resultsSection = WSSectionKind(
        code: "30954-2", displayName: "STUDIES SUMMARY", title: "互认检查检验结果")

    /// Writes the referral as CDA XML (UTF-8, indented).
    /// - Throws: ``ConversionError`` when the document cannot be built.
    public func write(_ referral: Referral) throws(ConversionError) -> [UInt8] {
        try PrimaryCareCDA.serialize(try document(referral))
    }

    /// The CDA document of `referral`.
    /// - Throws: ``ConversionError`` when the document cannot be built.
    public func document(_ referral: Referral) throws(ConversionError) -> ClinicalDocument {
        var base = referral
        base.unmappedFragments = options.carryUnmapped ? referral.unmappedFragments : []
        var report = ConversionReport()
        let baseDocument = try CDAModelWriter().document([.referral(base)], options: options, report: &report)
        var content = WSDocument(document: baseDocument)
        if let practitioner = referral.fromPractitioner {
            content.header.authorName = practitioner.name?.text
            if let id = practitioner.identifiers.first {
                content.header.authorID = II(
                    root: Local.practitionerRoot, extension: id.value,
                    assigningAuthorityName: id.authority)
            }
        }
        let section = WSSectionKind.referralReason
        var items: [WSItem] = []
        if let direction = referral.direction {
            items.append(
                Local.coded(
                    "HI.REF.01", "转诊方向", direction == .upward ? "up" : "down",
                    direction == .upward ? "上转" : "下转"))
        }
        if let status = referral.status { items.append(Local.coded("HI.REF.02", "转诊状态", status.rawValue, nil)) }
        if let urgency = referral.urgency { items.append(Local.coded("HI.REF.03", "紧急程度", urgency.rawValue, nil)) }
        if referral.isGreenChannel {
            items.append(
                WSItem(id: "HI.REF.04", name: "绿色通道标志", value: .boolean(true), codeSystem: Local.localCodeSystem))
        }
        if let code = referral.toOrganization?.identifiers.first?.value {
            items.append(Local.string("HI.REF.05", "转入医疗机构代码", code))
        }
        if let practitioner = referral.toPractitioner {
            if let name = practitioner.name?.text { items.append(Local.string("HI.REF.06", "接诊医生姓名", name)) }
            if let id = practitioner.identifiers.first {
                items.append(Local.string("HI.REF.07", "接诊医生标识", id.value))
                if let authority = id.authority { items.append(Local.string("HI.REF.08", "接诊医生标识机构", authority)) }
            }
        }
        if let code = referral.fromOrganization?.identifiers.first?.value, content.header.custodianCode == nil {
            content.header.custodianCode = code
        }
        Local.append(items, to: section, in: &content)
        // Further diagnoses, each written as the base writer writes the first.
        for diagnosis in referral.diagnoses.dropFirst() {
            var single = Referral()
            single.diagnoses = [diagnosis]
            var ignored = ConversionReport()
            let singleDocument = try CDAModelWriter().document([.referral(single)], options: options, report: &ignored)
            guard let view = try? WSReferralRecord(document: singleDocument) else { continue }
            var more: [WSItem] = []
            if let code = view.value(WSReferralRecord.Fields.diagnosisCode) {
                more.append(WSItem(id: WSReferralRecord.Fields.diagnosisCode.id, name: "诊断代码", value: code))
            }
            Local.append(more, to: .diagnosis, in: &content)
        }
        var results: [WSItem] = []
        for result in referral.results {
            results.append(Local.coded("HI.REF.10", "结果类别", result.kind.rawValue, result.kind == .lab ? "检验" : "检查"))
            if let id = result.identifier {
                results.append(Local.string("HI.REF.11", "报告编号", id.value))
                if let authority = id.authority { results.append(Local.string("HI.REF.12", "报告机构", authority)) }
            }
            if let title = result.title { results.append(Local.string("HI.REF.13", "报告名称", title)) }
            if let link = result.link { results.append(Local.string("HI.REF.14", "报告链接", link)) }
            if let date = result.date {
                results.append(
                    WSItem(
                        id: "HI.REF.15", name: "报告日期", value: .time(TS(date.text)), codeSystem: Local.localCodeSystem))
            }
        }
        Local.append(results, to: Self.resultsSection, in: &content)
        do {
            return try content.makeDocument()
        } catch {
            throw ConversionError(.unsupportedTarget, "the referral document could not be built: \(error.reason)")
        }
    }

    /// Reads a WS/T 483.20 referral document.
    /// - Throws: ``ConversionError`` `.unreadableInput` for bytes that are not CDA, `.unsupportedRecord` for
    ///   another template.
    public func read(_ bytes: [UInt8]) throws(ConversionError) -> (referral: Referral, report: ConversionReport) {
        let document = try PrimaryCareCDA.parse(bytes)
        var readOptions = options
        readOptions.strict = false
        var (records, report) = try CDAModelReader().read(document, options: readOptions)
        guard case .referral(var referral)? = records.first else {
            throw ConversionError(
                .unsupportedRecord, "the document is not a WS/T 483.20 referral record",
                at: SourceLocation(path: "/ClinicalDocument/templateId"))
        }
        let content = WSDocument(document: document)
        let items = content.allItems
        func first(_ id: String) -> WSItem? { items.first { $0.id == id } }
        switch Local.code(first("HI.REF.01")) {
        case "up": referral.direction = .upward
        case "down": referral.direction = .downward
        default: break
        }
        referral.status = Local.code(first("HI.REF.02")).flatMap(Referral.Status.init)
        referral.urgency = Local.code(first("HI.REF.03")).flatMap(Referral.Urgency.init)
        if case .boolean(let flag)? = first("HI.REF.04")?.value { referral.isGreenChannel = flag ?? false }
        if let code = Local.text(first("HI.REF.05")) {
            var organization = referral.toOrganization ?? Organization(provenance: referral.provenance)
            organization.identifiers = [Identifier(kind: .organizationCode, value: code)]
            referral.toOrganization = organization
        }
        if let code = content.header.custodianCode, var organization = referral.fromOrganization,
            organization.identifiers.isEmpty
        {
            organization.identifiers = [Identifier(kind: .organizationCode, value: code)]
            referral.fromOrganization = organization
        }
        let receivingName = Local.text(first("HI.REF.06"))
        let receivingID = Local.text(first("HI.REF.07"))
        if receivingName != nil || receivingID != nil {
            var practitioner = Practitioner(provenance: referral.provenance)
            practitioner.name = receivingName.map { PersonName(text: $0) }
            if let receivingID {
                practitioner.identifiers = [
                    Identifier(kind: .other, value: receivingID, authority: Local.text(first("HI.REF.08")))
                ]
            }
            referral.toPractitioner = practitioner
        }
        if content.header.authorName != nil || content.header.authorID?.extension != nil {
            var practitioner = Practitioner(provenance: referral.provenance)
            practitioner.name = content.header.authorName.map { PersonName(text: $0) }
            if let id = content.header.authorID, let value = id.extension {
                practitioner.identifiers = [
                    Identifier(kind: .other, value: value, authority: id.assigningAuthorityName)
                ]
            }
            referral.fromPractitioner = practitioner
        }
        // Diagnoses after the first, each read as the base reader reads the first.
        let codes = items.filter { $0.id == WSReferralRecord.Fields.diagnosisCode.id }.dropFirst()
        for item in codes {
            var view = WSReferralRecord(header: content.header)
            view.setValue(WSReferralRecord.Fields.diagnosisCode, item.value)
            if let single = try? view.makeDocument(),
                let (more, _) = try? CDAModelReader().read(single, options: readOptions),
                case .referral(let value)? = more.first, let diagnosis = value.diagnoses.first
            {
                referral.diagnoses.append(diagnosis)
            }
        }
        for item in items {
            switch item.id {
            case "HI.REF.10":
                referral.results.append(Referral.ResultReference(kind: Local.code(item) == "exam" ? .exam : .lab))
            case "HI.REF.11":
                referral.results.mutateLast { $0.identifier = Identifier(kind: .other, value: Local.text(item) ?? "") }
            case "HI.REF.12":
                referral.results.mutateLast { $0.identifier?.authority = Local.text(item) }
            case "HI.REF.13": referral.results.mutateLast { $0.title = Local.text(item) }
            case "HI.REF.14": referral.results.mutateLast { $0.link = Local.text(item) }
            case "HI.REF.15":
                if case .time(let time)? = item.value {
                    referral.results.mutateLast { $0.date = time.value.map(Timestamp.init) }
                }
            default: break
            }
        }
        Local.consume(
            &report, &referral.unmappedFragments, in: document,
            codes: ["HI.REF.", WSReferralRecord.Fields.diagnosisCode.id, WSReferralRecord.Fields.diagnosisName.id],
            author: true)
        try options.checkStrict(report)
        return (referral, report)
    }
}

extension Array {
    mutating func mutateLast(_ change: (inout Element) -> Void) {
        guard !isEmpty else { return }
        change(&self[count - 1])
    }
}
