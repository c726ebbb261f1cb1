import HIXML

/// A well-known section of the national documents: its LOINC code, display name and default title.
///
/// ```swift
/// let vitals = WSSectionKind.vitalSigns
/// print(vitals.code, vitals.title)  // 8716-3 生命体征
/// ```
public struct WSSectionKind: Sendable, Hashable {
    /// The LOINC code (`nil` for sections the standards leave uncoded, such as 随访信息).
    public var code: String?
    /// The LOINC display name.
    public var displayName: String
    /// The Chinese section title written by default.
    public var title: String

    /// Creates a section kind.
    public init(code: String?, displayName: String, title: String) {
        self.code = code
        self.displayName = displayName
        self.title = title
    }

    /// 过敏史 (48765-2).
    public static let allergies = WSSectionKind(
        code: "48765-2", displayName: "Allergies, adverse reactions, alerts", title: "过敏史")
    /// 主诉 (10154-3).
    public static let chiefComplaint = WSSectionKind(code: "10154-3", displayName: "CHIEF COMPLAINT", title: "主诉")
    /// 现病史 (10164-2).
    public static let presentIllness = WSSectionKind(
        code: "10164-2", displayName: "HISTORY OF PRESENT ILLNESS", title: "现病史")
    /// 既往史 (11348-0).
    public static let pastIllness = WSSectionKind(code: "11348-0", displayName: "HISTORY OF PAST ILLNESS", title: "既往史")
    /// 生命体征 (8716-3).
    public static let vitalSigns = WSSectionKind(code: "8716-3", displayName: "VITAL SIGNS", title: "生命体征")
    /// 体格检查 (29545-1).
    public static let physicalExamination = WSSectionKind(
        code: "29545-1", displayName: "PHYSICAL EXAMINATION", title: "体格检查")
    /// 检查检验 / 辅助检查 (30954-2).
    public static let studies = WSSectionKind(code: "30954-2", displayName: "STUDIES SUMMARY", title: "辅助检查")
    /// 诊断 (29548-5).
    public static let diagnosis = WSSectionKind(code: "29548-5", displayName: "Diagnosis", title: "诊断记录")
    /// 治疗计划 (18776-5).
    public static let treatmentPlan = WSSectionKind(code: "18776-5", displayName: "TREATMENT PLAN", title: "治疗计划")
    /// 用药 (10160-0).
    public static let medications = WSSectionKind(
        code: "10160-0", displayName: "HISTORY OF MEDICATION USE", title: "用药情况")
    /// 问题列表 / 症状 (11450-4).
    public static let problems = WSSectionKind(code: "11450-4", displayName: "PROBLEM LIST", title: "症状")
    /// 生活方式 (29762-2).
    public static let socialHistory = WSSectionKind(code: "29762-2", displayName: "Social history", title: "生活方式")
    /// 评估 (51848-0).
    public static let assessment = WSSectionKind(code: "51848-0", displayName: "Assessment note", title: "评估")
    /// 诊疗过程 (8648-8).
    public static let hospitalCourse = WSSectionKind(code: "8648-8", displayName: "Hospital Course", title: "治疗经过")
    /// 转诊原因 (42349-1).
    public static let referralReason = WSSectionKind(
        code: "42349-1", displayName: "REASON FOR REFERRAL", title: "转诊信息")
    /// 随访 (uncoded in the national templates).
    public static let followUp = WSSectionKind(code: nil, displayName: "随访", title: "随访信息")
}

/// One data element entry in a national document: WS 363 identifier, name, value, time, and the data
/// elements nested in its `entryRelationship`s.
///
/// ```swift
/// let systolic = WSItem(id: "DE04.10.174.00", name: "收缩压", value: .quantity(PQ(value: "138", unit: "mmHg")))
/// ```
public struct WSItem: Sendable, Equatable {
    /// The data element identifier.
    public var id: String
    /// The display name.
    public var name: String?
    /// The value.
    public var value: CDAValue?
    /// The observation time, when given.
    public var effectiveTime: String?
    /// Nested data elements.
    public var related: [WSItem]
    /// The code system of ``id``: WS 363 data elements by default, LOINC for a few section-level
    /// observations (转诊原因 42349-1).
    public var codeSystem: String

    /// Creates an item.
    public init(
        id: String, name: String?, value: CDAValue?, effectiveTime: String? = nil, related: [WSItem] = [],
        codeSystem: String = CDA.CN.dataElementCodeSystem
    ) {
        self.id = id
        self.name = name
        self.value = value
        self.effectiveTime = effectiveTime
        self.related = related
        self.codeSystem = codeSystem
    }

    /// The items in a statement: the statement itself when it is a coded observation, otherwise the coded
    /// observations inside it (organizer components, entry relationships of acts and encounters).
    static func collect(from statement: CDAClinicalStatement) -> [WSItem] {
        if statement.kind == "observation", let code = statement.code, let id = code.code,
            let system = code.codeSystem
        {
            return [
                WSItem(
                    id: id, name: code.displayName, value: statement.value,
                    effectiveTime: statement.effectiveTime?.value?.value ?? statement.effectiveTime?.low?.value,
                    related: statement.relatedStatements.flatMap { collect(from: $0.statement) }, codeSystem: system)
            ]
        }
        return (statement.components + statement.relatedStatements.map(\.statement)).flatMap(collect(from:))
    }

    var statement: CDAClinicalStatement {
        var statement = CDAClinicalStatement.observation(
            code: CD(
                code: id, codeSystem: codeSystem,
                codeSystemName: codeSystem == CDA.CN.dataElementCodeSystem
                    ? CDA.CN.dataElementCodeSystemName : codeSystem == CDA.loinc ? "LOINC" : nil,
                displayName: name),
            value: value, effectiveTime: effectiveTime.map { TS($0) })
        for item in related { statement.append(item.statement) }
        return statement
    }
}

/// One section of a national document as values: kind (code and title), narrative text and data
/// elements.
///
/// ```swift
/// let section = WSSection(kind: .chiefComplaint, text: "咳嗽3天", items: [
///     WSItem(id: "DE04.01.119.00", name: "主诉", value: .string("咳嗽3天"))])
/// ```
public struct WSSection: Sendable, Equatable {
    /// The section code, display name and title.
    public var kind: WSSectionKind
    /// The narrative text.
    public var text: String?
    /// Data elements (top-level entries).
    public var items: [WSItem]

    /// Creates a section.
    public init(kind: WSSectionKind, text: String? = nil, items: [WSItem] = []) {
        self.kind = kind
        self.text = text
        self.items = items
    }

    /// The section as a CDA `section`.
    public var section: CDASection {
        let hasCode = kind.code != nil || !kind.displayName.isEmpty
        var section = CDASection(
            code: hasCode
                ? CD(
                    code: kind.code, codeSystem: kind.code == nil ? nil : CDA.loinc,
                    codeSystemName: kind.code == nil ? nil : "LOINC",
                    displayName: kind.displayName.isEmpty ? nil : kind.displayName) : nil,
            title: kind.title.isEmpty ? nil : kind.title)
        var narrative = CDA.element("text")
        narrative.text =
            text
            ?? items.map { ($0.name ?? $0.id) + "：" + ($0.value?.displayText ?? "") }
            .joined(separator: "；")
        section.narrative = narrative
        for item in items { section.append(item.statement) }
        return section
    }
}

/// A national-profile document (WS/T 500, WS/T 483) as values: template, header and sections of data
/// elements. ``init(document:)`` reads any national document; ``makeDocument()`` builds one that is valid
/// against the national schema. Typed views (``WSLabReport``, ``WSHypertensionFollowUp`` …) are built on it.
///
/// ```swift
/// var content = WSDocument(templateId: "2.16.156.10011.2.1.1.22", header: header)
/// content.setValue("DE04.01.119.00", name: "主诉", .string("咳嗽3天"), in: .chiefComplaint)
/// let document = try content.makeDocument()
/// ```
public struct WSDocument: Sendable, Equatable {
    /// The template identifier.
    public var templateId: String
    /// The header values.
    public var header: CNDocumentHeader
    /// The sections.
    public var sections: [WSSection]

    /// Creates a document value.
    public init(templateId: String, header: CNDocumentHeader, sections: [WSSection] = []) {
        self.templateId = templateId
        self.header = header
        self.sections = sections
    }

    /// Reads a national document (any template).
    public init(document: ClinicalDocument) {
        templateId = document.template?.templateId ?? document.templateIds.first?.root ?? ""
        header = CNDocumentHeader(document: document)
        sections = document.allSections.map { section in
            let code = section.code
            let kind = WSSectionKind(
                code: code?.code, displayName: code?.displayName ?? "", title: section.title ?? "")
            let items = section.entries.flatMap { entry -> [WSItem] in
                entry.statement.map(WSItem.collect(from:)) ?? []
            }
            return WSSection(kind: kind, text: section.narrativeText, items: items)
        }
    }

    /// The template from the registry.
    public var template: CDADocumentTemplate? { CDATemplateRegistry.template(forId: templateId) }

    /// Every item, nested ones included, in order.
    public var allItems: [WSItem] {
        var result: [WSItem] = []
        func visit(_ item: WSItem) {
            result.append(item)
            item.related.forEach(visit)
        }
        sections.flatMap(\.items).forEach(visit)
        return result
    }

    /// The value of the first data element `id` (optionally in the section with `sectionCode`).
    public func value(_ id: String, inSection sectionCode: String? = nil) -> CDAValue? {
        if let sectionCode {
            return sections.filter { $0.kind.code == sectionCode }.flatMap(\.items).first { $0.id == id }?.value
        }
        return allItems.first { $0.id == id }?.value
    }

    /// Sets (or with `nil` removes) the first data element `id` in the section of `kind` (created when
    /// missing), as a top-level entry.
    public mutating func setValue(
        _ id: String, name: String?, _ value: CDAValue?, in kind: WSSectionKind,
        codeSystem: String = CDA.CN.dataElementCodeSystem
    ) {
        var sectionIndex =
            sections.firstIndex { $0.kind.code == kind.code && $0.kind.title == kind.title }
            ?? sections.firstIndex { $0.kind.code == kind.code && kind.code != nil }
        if sectionIndex == nil {
            guard value != nil else { return }
            sections.append(WSSection(kind: kind))
            sectionIndex = sections.count - 1
        }
        guard let index = sectionIndex else { return }
        if let itemIndex = sections[index].items.firstIndex(where: { $0.id == id }) {
            if let value {
                sections[index].items[itemIndex].value = value
            } else {
                sections[index].items.remove(at: itemIndex)
            }
        } else if let value {
            sections[index].items.append(WSItem(id: id, name: name, value: value, codeSystem: codeSystem))
        }
        sections[index].text = nil
    }

    /// Builds the CDA document: national header plus one section per ``sections`` entry.
    ///
    /// - Throws: ``CDAError/Code/wrongTemplate`` when ``templateId`` is not a national template.
    public func makeDocument() throws(CDAError) -> ClinicalDocument {
        guard let template else {
            throw CDAError(.wrongTemplate, "templateId is not a WS/T 500 or WS/T 483 document template")
        }
        var document = ClinicalDocument(element: header.makeRoot(template: template))
        document.sections = sections.filter { !$0.items.isEmpty || $0.text != nil }.map(\.section)
        return document
    }
}
