import HIXML

/// One lab test result: the test item, the value with its unit, the reference range and the
/// interpretation (H/L/N or text).
///
/// ```swift
/// let result = WSLabResult(
///     item: CD(code: "6690-2", codeSystem: CDA.loinc, displayName: "白细胞计数"),
///     value: .quantity(PQ(value: "12.6", unit: "10*9/L")),
///     referenceRange: WSReferenceRange(text: "3.5～9.5", low: PQ(value: "3.5", unit: "10*9/L"),
///                                         high: PQ(value: "9.5", unit: "10*9/L")),
///     interpretation: CD(code: "H", codeSystem: "2.16.840.1.113883.5.83", displayName: "偏高"))
/// ```
public struct WSLabResult: Sendable, Equatable {
    /// The test item (LOINC or a local code, with its display name).
    public var item: CD?
    /// The result value (PQ for quantitative, ST or CD for qualitative results).
    public var value: CDAValue?
    /// The reference range.
    public var referenceRange: WSReferenceRange?
    /// The interpretation (`H`, `L`, `N` …, or a text such as 偏高 in `displayName`).
    public var interpretation: CD?
    /// The result time.
    public var time: String?

    /// Creates a result.
    public init(
        item: CD?, value: CDAValue?, referenceRange: WSReferenceRange? = nil, interpretation: CD? = nil,
        time: String? = nil
    ) {
        self.item = item
        self.value = value
        self.referenceRange = referenceRange
        self.interpretation = interpretation
        self.time = time
    }

    /// The test item's display name.
    public var itemName: String? { item?.displayName ?? item?.originalText }
    /// The unit of a quantitative value.
    public var unit: String? {
        if case .quantity(let quantity) = value { return quantity.unit }
        return nil
    }
    /// The value as written (number or text).
    public var valueText: String? {
        switch value {
        case .quantity(let quantity): return quantity.value
        case .none: return nil
        case .some(let other): return other.isEmpty ? nil : other.displayText
        }
    }
}

/// A reference range as values: text and/or low and high quantities.
///
/// ```swift
/// let range = WSReferenceRange(text: "3.9～6.1", low: PQ(value: "3.9", unit: "mmol/L"), high: nil)
/// ```
public struct WSReferenceRange: Sendable, Equatable {
    /// The range as text.
    public var text: String?
    /// The lower limit.
    public var low: PQ?
    /// The upper limit.
    public var high: PQ?

    /// Creates a range.
    public init(text: String?, low: PQ?, high: PQ?) {
        self.text = text
        self.low = low
        self.high = high
    }

    init(_ range: CDAReferenceRange) {
        self.init(
            text: range.text.flatMap { $0.isEmpty ? nil : $0 }, low: range.interval?.low, high: range.interval?.high)
    }
}

/// WS/T 500.7 检验报告 (laboratory test report, `2.16.156.10011.2.1.1.27`): header, report number,
/// diagnosis, method and category, and every result (reading both the national form — a
/// `DE04.30.019.00` item with a nested `DE04.30.015.00` value — and the IHE XD-LAB form some vendors
/// send, where the observation code is the test itself).
///
/// ```swift
/// let report = try WSLabReport(document: try ClinicalDocument(parsing: bytes))
/// for result in report.results {
///     print(result.itemName ?? "", result.valueText ?? "", result.unit ?? "", result.referenceRange?.text ?? "")
/// }
/// ```
public struct WSLabReport: WSTypedDocument {
    public static let templateId = "2.16.156.10011.2.1.1.27"
    public var content: WSDocument
    /// The results, in document order.
    public var results: [WSLabResult]

    public init(content: WSDocument) {
        self.content = content
        self.results = []
    }

    /// Reads a lab report.
    ///
    /// - Throws: ``CDAError/Code/wrongTemplate`` for other templates.
    public init(document: ClinicalDocument) throws(CDAError) {
        guard document.templateIds.contains(where: { $0.root == Self.templateId }) else {
            throw CDAError(.wrongTemplate, "the document does not declare template \(Self.templateId)")
        }
        content = WSDocument(document: document)
        // Results are kept in `results`; drop their data elements from the generic sections.
        let resultIDs: Set<String> = [Self.itemID, Self.quantitativeID, Self.resultCodeID, Self.unitID]
        for index in content.sections.indices {
            content.sections[index].items.removeAll {
                resultIDs.contains($0.id) || $0.codeSystem != CDA.CN.dataElementCodeSystem
            }
        }
        results = Self.readResults(document)
    }

    static let itemID = "DE04.30.019.00"
    static let quantitativeID = "DE04.30.015.00"
    static let resultCodeID = "DE04.30.017.00"
    static let unitID = "DE04.30.016.00"

    /// The data elements this view reads and writes besides the results.
    ///
    /// ```swift
    /// print(WSLabReport.Fields.method.id)  // DE02.10.027.00
    /// ```
    public enum Fields {
        /// 诊断代码 (DE05.01.024.00).
        public static let diagnosisCode = WSField("DE05.01.024.00", "诊断代码", in: .diagnosis)
        /// 检验方法名称 (DE02.10.027.00).
        public static let method = WSField("DE02.10.027.00", "检验方法名称", in: labSection)
        /// 检验类别 (DE04.30.018.00).
        public static let category = WSField("DE04.30.018.00", "检验类别", in: labSection)
        /// 检验报告备注 (DE06.00.179.00).
        public static let remarks = WSField("DE06.00.179.00", "检验报告备注", in: labSection)
    }

    /// The lab section (LOINC 30954-2, 实验室检查).
    public static let labSection = WSSectionKind(code: "30954-2", displayName: "STUDIES SUMMARY", title: "实验室检查")

    /// The lab report number (`patientRole/id` with root `2.16.156.10011.1.33`).
    public var reportNumber: String? {
        get { header.patientIDs.first { $0.root == CDA.CN.labReportNumberRoot }?.extension }
        set {
            header.patientIDs.removeAll { $0.root == CDA.CN.labReportNumberRoot }
            if let newValue { header.patientIDs.append(II(root: CDA.CN.labReportNumberRoot, extension: newValue)) }
        }
    }
    /// Diagnosis code (ICD-10).
    public var diagnosisCode: CD? {
        get { code(Fields.diagnosisCode) }
        set { setCode(Fields.diagnosisCode, newValue) }
    }
    /// Lab method.
    public var method: String? {
        get { string(Fields.method) }
        set { setString(Fields.method, newValue) }
    }
    /// Lab category.
    public var category: String? {
        get { string(Fields.category) }
        set { setString(Fields.category, newValue) }
    }

    private static func readResults(_ document: ClinicalDocument) -> [WSLabResult] {
        var results: [WSLabResult] = []
        func visit(_ statement: CDAClinicalStatement) {
            if statement.kind == "organizer" {
                statement.components.forEach(visit)
                return
            }
            guard statement.kind == "observation", let code = statement.code else {
                statement.relatedStatements.forEach { visit($0.statement) }
                return
            }
            if code.codeSystem == CDA.CN.dataElementCodeSystem {
                guard code.code == itemID else { return }
                var item: CD? = nil
                if case .coded(let value, _) = statement.value { item = value }
                let nested = statement.relatedStatements.map(\.statement).first {
                    [quantitativeID, resultCodeID].contains($0.code?.code ?? "")
                }
                let source = nested ?? statement
                results.append(result(item: item, from: source, fallbackTime: statement))
            } else {
                results.append(result(item: code, from: statement, fallbackTime: statement))
            }
        }
        for section in document.allSections {
            for entry in section.entries {
                guard let statement = entry.statement else { continue }
                // Only organizers and their observations hold results.
                if statement.kind == "organizer" { visit(statement) }
            }
        }
        return results
    }

    private static func result(item: CD?, from statement: CDAClinicalStatement, fallbackTime: CDAClinicalStatement)
        -> WSLabResult
    {
        var interpretation = statement.interpretationCodes.first
        if interpretation == nil, let text = statement.element.descendant("text", "reference")?.attribute("value") {
            interpretation = CD(code: nil, displayName: text)
        }
        let time = statement.effectiveTime ?? fallbackTime.effectiveTime
        return WSLabResult(
            item: item, value: statement.value,
            referenceRange: statement.referenceRanges.first.map(WSReferenceRange.init),
            interpretation: interpretation, time: time?.value?.value ?? time?.low?.value)
    }

    /// Builds the national lab report document: header, diagnosis, and one `BATTERY` organizer holding a
    /// `DE04.30.019.00` item per result with its `DE04.30.015.00` value, interpretation and range.
    public func makeDocument() throws(CDAError) -> ClinicalDocument {
        var content = content
        if content.sections.firstIndex(where: { $0.kind.code == Self.labSection.code }) == nil {
            content.sections.append(WSSection(kind: Self.labSection, text: nil, items: []))
        }
        var document = try content.makeDocument()
        var sections = document.sections
        guard let labIndex = sections.firstIndex(where: { $0.code?.code == Self.labSection.code }) else {
            return document
        }
        var organizer = CDAClinicalStatement(element: CDA.element("organizer"))
        organizer.element.setAttribute("classCode", "BATTERY")
        organizer.element.setAttribute("moodCode", "EVN")
        var status = CDA.element("statusCode")
        status.setAttribute("code", "completed")
        organizer.element.insertChild(status, order: CDAClinicalStatement.childOrder)
        for result in results {
            var item = CDAClinicalStatement.observation(
                code: CD(
                    code: Self.itemID, codeSystem: CDA.CN.dataElementCodeSystem,
                    codeSystemName: CDA.CN.dataElementCodeSystemName, displayName: "检验项目代码"),
                value: result.item.map { .coded($0, type: "CD") }, effectiveTime: result.time.map { TS($0) })
            var value = CDAClinicalStatement.observation(
                code: CD(
                    code: Self.quantitativeID, codeSystem: CDA.CN.dataElementCodeSystem,
                    codeSystemName: CDA.CN.dataElementCodeSystemName, displayName: "检验定量结果"),
                value: result.value)
            if let interpretation = result.interpretation { value.appendInterpretation(interpretation) }
            if let range = result.referenceRange {
                let interval = range.low != nil || range.high != nil ? IVL_PQ(low: range.low, high: range.high) : nil
                value.appendReferenceRange(CDAReferenceRange(text: range.text, interval: interval))
            }
            item.append(value)
            organizer.append(item)
        }
        if !results.isEmpty {
            var section = sections[labIndex]
            section.append(organizer)
            if section.narrativeText?.isEmpty ?? true {
                var narrative = CDA.element("text")
                narrative.text = results.map {
                    ($0.itemName ?? "") + " " + ($0.valueText ?? "") + " " + ($0.unit ?? "")
                }
                .joined(separator: "；")
                section.narrative = narrative
            }
            sections[labIndex] = section
        }
        document.sections = sections
        return document
    }
}
