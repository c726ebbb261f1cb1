public import HICDA
public import HIConvert
import HICore
public import HIModels

/// Reads and writes a ``FollowUp`` as a WS/T 483.12 高血压患者随访 or 483.13 2型糖尿病患者随访 CDA document,
/// valid against the national schema.
///
/// The header, method, date, blood pressure, fasting glucose, adherence, doctor and next visit are written as
/// ``CDAModelWriter`` writes them; symptoms (`DE04.01.118.00`), weight (`DE04.10.188.00`), height
/// (`DE04.10.167.00`), heart rate (`DE04.10.206.00`), BMI (`DE04.10.273.00`), cigarettes and alcohol per day
/// (`DE03.00.053.00`, `DE03.00.054.00`), minutes per exercise session (`DE03.00.088.00`) and adverse reactions
/// (`DE06.00.129.00`) use their WS 363 data elements; exercise frequency, salt, staple food, psychological adjustment, compliance, classification, medications (long prescriptions
/// included) and referral advice are project data elements `HI.FU.nn` in ``PrimaryCareCDA/localCodeSystem``.
///
/// ```swift
/// let codec = FollowUpCDACodec()
/// let xml = try codec.write(visit)
/// let (again, _) = try codec.read(xml)
/// print(again.lifestyle == visit.lifestyle)
/// ```
public struct FollowUpCDACodec: Sendable {
    /// Conversion options.
    public var options: ConversionOptions

    /// Creates a codec.
    public init(options: ConversionOptions = ConversionOptions()) { self.options = options }

    typealias Local = PrimaryCareCDA
    static let consumedIDs = [
        "DE04.01.118.00", "DE04.10.188.00", "DE04.10.167.00", "DE04.10.206.00", "DE03.00.053.00", "DE03.00.054.00",
        "DE06.00.129.00", "DE04.10.273.00", "DE03.00.088.00", "HI.FU.",
    ]
    static let detailSection = WSSectionKind(code: nil, displayName: "随访评估", title: "随访评估与指导")
    static let medicationSection = WSSectionKind(
        code: "10160-0", displayName: "HISTORY OF MEDICATION USE", title: "用药情况（含长期处方）")

    /// Writes the follow-up as CDA XML.
    /// - Throws: ``ConversionError`` when the document cannot be built.
    public func write(_ visit: FollowUp) throws(ConversionError) -> [UInt8] {
        try PrimaryCareCDA.serialize(try document(visit))
    }

    /// The CDA document of `visit`.
    /// - Throws: ``ConversionError`` when the document cannot be built.
    public func document(_ visit: FollowUp) throws(ConversionError) -> ClinicalDocument {
        var base = visit
        base.unmappedFragments = options.carryUnmapped ? visit.unmappedFragments : []
        var report = ConversionReport()
        var document = try CDAModelWriter().document([.followUp(base)], options: options, report: &report)
        var problems: [WSItem] = []
        for symptom in visit.symptoms {
            problems.append(WSItem(id: "DE04.01.118.00", name: "症状名称", value: .string(symptom)))
        }
        var vitals: [WSItem] = []
        func pq(_ id: String, _ name: String, _ quantity: Quantity?, unit: String, local: Bool = false) -> WSItem? {
            guard let quantity else { return nil }
            return WSItem(
                id: id, name: name, value: .quantity(PQ(value: quantity.value, unit: quantity.unit ?? unit)),
                codeSystem: local ? Local.localCodeSystem : CDA.CN.dataElementCodeSystem)
        }
        vitals += [
            pq("DE04.10.188.00", "体重", visit.weight, unit: "kg"), pq("DE04.10.167.00", "身高", visit.height, unit: "cm"),
            pq("DE04.10.273.00", "体质指数", visit.bmi, unit: "kg/m2"),
            pq("DE04.10.206.00", "心率", visit.heartRate.map { Quantity(value: String($0)) }, unit: "次/min"),
        ].compactMap { $0 }
        let life = visit.lifestyle
        var lifestyle: [WSItem] = [
            pq("DE03.00.053.00", "日吸烟量", life.dailyCigarettes.map { Quantity(value: String($0)) }, unit: "支"),
            pq("DE03.00.054.00", "日饮酒量", life.dailyAlcohol, unit: "ml"),
            pq(
                "HI.FU.02", "运动频率", life.exerciseTimesPerWeek.map { Quantity(value: String($0)) }, unit: "次/周",
                local: true),
            pq(
                "DE03.00.088.00", "每次锻炼时间", life.exerciseMinutesPerSession.map { Quantity(value: String($0)) },
                unit: "min"),
            pq(
                "HI.FU.05", "主食量", life.stapleFoodGramsPerDay.map { Quantity(value: String($0)) }, unit: "g/d",
                local: true),
        ].compactMap { $0 }
        lifestyle += [
            Self.coded("HI.FU.04", "摄盐情况", life.saltIntake),
            Self.coded("HI.FU.06", "心理调整", life.psychologicalAdjustment),
            Self.coded("HI.FU.07", "遵医行为", life.compliance),
        ].compactMap { $0 }
        var details: [WSItem] = []
        if let flag = visit.hasAdverseReaction {
            details.append(
                WSItem(id: "HI.FU.08", name: "药物不良反应标志", value: .boolean(flag), codeSystem: Local.localCodeSystem))
        }
        if let text = visit.adverseReactionText {
            details.append(WSItem(id: "DE06.00.129.00", name: "药物不良反应情况", value: .string(text)))
        }
        // The value in its value domain's OID (CV05.10.012 → 2.16.156.10011.2.3.1.150) when the tables know one.
        let classificationOID = options.terminology.codeSystems.first { $0.name == visit.classification?.system }?.oid
        if let item = Self.coded("HI.FU.09", "此次随访分类", visit.classification, oid: classificationOID) {
            details.append(item)
        }
        if let reason = visit.referralReason { details.append(Local.string("HI.FU.16", "转诊原因", reason)) }
        if let organization = visit.referralOrganization {
            details.append(Local.string("HI.FU.17", "转诊机构及科别", organization))
        }
        var medications: [WSItem] = []
        for order in visit.medications { medications += Self.items(order) }
        var extra = WSDocument(templateId: "", header: CNDocumentHeader())
        Local.append(problems, to: .problems, in: &extra)
        Local.append(vitals, to: .vitalSigns, in: &extra)
        Local.append(lifestyle, to: .socialHistory, in: &extra)
        Local.append(medications, to: Self.medicationSection, in: &extra)
        Local.append(details, to: Self.detailSection, in: &extra)
        document.sections = document.sections + extra.sections.map(\.section)
        return document
    }

    static func coded(_ id: String, _ name: String, _ value: CodedValue?, oid: String? = nil) -> WSItem? {
        guard let value else { return nil }
        let system = oid ?? (PrimaryCareCDA.isOID(value.system) ? value.system : PrimaryCareCDA.localCodeSystem)
        return WSItem(
            id: id, name: name,
            value: .coded(
                CD(code: value.code, codeSystem: system, codeSystemName: value.system, displayName: value.display),
                type: "CD"),
            codeSystem: PrimaryCareCDA.localCodeSystem)
    }

    static func codedValue(_ item: WSItem) -> CodedValue? {
        guard case .coded(let value, _)? = item.value, let code = value.code else { return nil }
        return CodedValue(
            system: value.codeSystemName ?? value.codeSystem ?? "", code: code, display: value.displayName)
    }

    /// The items of one medication line (a group starting at `HI.FU.10`).
    static func items(_ order: MedicationOrder) -> [WSItem] {
        var items: [WSItem] = []
        if let item = coded("HI.FU.10", "药物名称", order.medication) { items.append(item) }
        if let dose = order.dose {
            items.append(
                WSItem(
                    id: "HI.FU.11", name: "每次剂量", value: .quantity(PQ(value: dose.value, unit: dose.unit)),
                    codeSystem: PrimaryCareCDA.localCodeSystem))
        }
        if let item = coded("HI.FU.12", "用药频次", order.frequency) { items.append(item) }
        if let item = coded("HI.FU.18", "用药途径", order.route) { items.append(item) }
        items.append(
            WSItem(
                id: "HI.FU.13", name: "长期处方标志", value: .boolean(order.isLongTermPrescription),
                codeSystem: PrimaryCareCDA.localCodeSystem))
        if let days = order.daysSupplied {
            items.append(
                WSItem(
                    id: "HI.FU.14", name: "供药天数", value: .quantity(PQ(value: String(days), unit: "d")),
                    codeSystem: PrimaryCareCDA.localCodeSystem))
        }
        if let refills = order.refills {
            items.append(
                WSItem(
                    id: "HI.FU.15", name: "可续方次数", value: .integer(String(refills)),
                    codeSystem: PrimaryCareCDA.localCodeSystem))
        }
        return items
    }

    /// Reads a WS/T 483.12 or 483.13 follow-up document.
    /// - Throws: ``ConversionError`` `.unreadableInput` for bytes that are not CDA, `.unsupportedRecord` for
    ///   another template.
    public func read(_ bytes: [UInt8]) throws(ConversionError) -> (followUp: FollowUp, report: ConversionReport) {
        let document = try PrimaryCareCDA.parse(bytes)
        var readOptions = options
        readOptions.strict = false
        var (records, report) = try CDAModelReader().read(document, options: readOptions)
        guard case .followUp(var visit)? = records.first else {
            throw ConversionError(
                .unsupportedRecord, "the document is not a WS/T 483.12 or 483.13 follow-up",
                at: SourceLocation(path: "/ClinicalDocument/templateId"))
        }
        let items = WSDocument(document: document).allItems
        func quantity(_ item: WSItem) -> Quantity? {
            guard case .quantity(let value)? = item.value, let number = value.value else { return nil }
            return Quantity(value: number, unit: value.unit)
        }
        func integer(_ item: WSItem) -> Int? {
            switch item.value {
            case .quantity(let value)?: return value.value.flatMap { Int($0) }
            case .integer(let text)?: return text.flatMap { Int($0) }
            default: return nil
            }
        }
        for item in items {
            switch item.id {
            case "DE04.01.118.00": if let text = PrimaryCareCDA.text(item) { visit.symptoms.append(text) }
            case "DE04.10.188.00": visit.weight = quantity(item)
            case "DE04.10.167.00": visit.height = quantity(item)
            case "DE04.10.273.00": visit.bmi = quantity(item)
            case "DE04.10.206.00": visit.heartRate = integer(item)
            case "DE03.00.053.00": visit.lifestyle.dailyCigarettes = integer(item)
            case "DE03.00.054.00": visit.lifestyle.dailyAlcohol = quantity(item)
            case "HI.FU.02": visit.lifestyle.exerciseTimesPerWeek = integer(item)
            case "DE03.00.088.00": visit.lifestyle.exerciseMinutesPerSession = integer(item)
            case "HI.FU.04": visit.lifestyle.saltIntake = Self.codedValue(item)
            case "HI.FU.05": visit.lifestyle.stapleFoodGramsPerDay = integer(item)
            case "HI.FU.06": visit.lifestyle.psychologicalAdjustment = Self.codedValue(item)
            case "HI.FU.07": visit.lifestyle.compliance = Self.codedValue(item)
            case "HI.FU.08": if case .boolean(let flag)? = item.value { visit.hasAdverseReaction = flag }
            case "DE06.00.129.00": visit.adverseReactionText = PrimaryCareCDA.text(item)
            case "HI.FU.09": visit.classification = Self.codedValue(item)
            case "HI.FU.16": visit.referralReason = PrimaryCareCDA.text(item)
            case "HI.FU.17": visit.referralOrganization = PrimaryCareCDA.text(item)
            case "HI.FU.10":
                var order = MedicationOrder(
                    medication: Self.codedValue(item) ?? CodedValue(system: "", code: ""), resident: nil,
                    provenance: visit.provenance)
                order.isLongTermPrescription = false
                visit.medications.append(order)
            case "HI.FU.11": visit.medications.mutateLast { $0.dose = quantity(item) }
            case "HI.FU.12": visit.medications.mutateLast { $0.frequency = Self.codedValue(item) }
            case "HI.FU.18": visit.medications.mutateLast { $0.route = Self.codedValue(item) }
            case "HI.FU.13":
                if case .boolean(let flag)? = item.value {
                    visit.medications.mutateLast { $0.isLongTermPrescription = flag ?? false }
                }
            case "HI.FU.14": visit.medications.mutateLast { $0.daysSupplied = integer(item) }
            case "HI.FU.15": visit.medications.mutateLast { $0.refills = integer(item) }
            default: break
            }
        }
        if visit.classification == nil, let found = Self.classification(in: document, options: options) {
            visit.classification = found.value
            if let issue = found.issue { report.issues.append(issue) }
        }
        PrimaryCareCDA.consume(&report, &visit.unmappedFragments, in: document, codes: Self.consumedIDs, author: false)
        try options.checkStrict(report)
        return (visit, report)
    }

    /// The terminology name of the 此次随访分类 value domain (WS 364 CV05.10.012 随访评价结果代码).
    static let classificationSystem = "ws364-follow-up-classification"
    /// Observation display names that name the 此次随访分类 data element.
    static let classificationNames: Set<String> = ["此次随访分类", "此次随访分类代码", "随访评价结果", "随访评价结果代码"]

    /// The 此次随访分类 of a document written by another system: the first observation whose value is coded in
    /// the classification value domain (by its OID in the terminology tables), else one whose code has no data
    /// element identifier but the display name 此次随访分类 / 随访评价结果; the latter is read with a warning
    /// (`HI-PC-0401`) so that a displayName-only document is not silently lost, nor silently trusted.
    static func classification(in document: ClinicalDocument, options: ConversionOptions) -> (
        value: CodedValue, issue: Issue?
    )? {
        var byName: CodedValue?
        var pending: [CDAClinicalStatement] = document.allSections.flatMap { $0.entries.compactMap(\.statement) }
        pending.reverse()
        while let statement = pending.popLast() {
            // Bounded: a document's statements are finite and each is visited once (no recursion).
            pending += (statement.components + statement.relatedStatements.map(\.statement)).reversed()
            guard statement.kind == "observation", case .coded(let value, _)? = statement.value,
                let code = value.code, !code.isEmpty
            else { continue }
            let oid = value.codeSystem ?? ""
            let system = options.terminology.codeSystems.first { !oid.isEmpty && $0.oid == oid }?.name
            if system == classificationSystem {
                return (CodedValue(system: classificationSystem, code: code, display: value.displayName), nil)
            }
            let name = statement.code?.displayName ?? ""
            let hasElementID = !(statement.code?.code ?? "").isEmpty
            if byName == nil, !hasElementID, classificationNames.contains(name) {
                let chosen = system ?? (oid.isEmpty ? classificationSystem : oid)
                byName = CodedValue(system: chosen, code: code, display: value.displayName)
            }
        }
        guard let byName else { return nil }
        let issue = Issue(
            .warning, code: "HI-PC-0401",
            "此次随访分类仅由观察的 displayName 识别 / the follow-up classification was recognised by its observation's "
                + "displayName only (no data element code, value not in the 随访评价结果 value domain by OID)",
            at: SourceLocation(path: "/ClinicalDocument/component/structuredBody"))
        return (byName, issue)
    }
}
