public import HIXML

/// A `section` of a structured body: code, title, narrative `text`, entries and nested sections.
///
/// ```swift
/// for section in document.sections {
///     print(section.code?.code ?? "", section.title ?? "", section.entries.count)
/// }
/// ```
public struct CDASection: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder =
        infrastructure + [
            "id", "code", "title", "text", "confidentialityCode", "languageCode", "subject", "author", "informant",
            "entry", "component",
        ]

    /// Creates an empty section with a code and title.
    public init(code: CD?, title: String?) {
        element = CDA.element("section")
        self.code = code
        self.title = title
    }

    /// The section code (LOINC in most documents).
    public var code: CD? {
        get { value("code") }
        set { setValue("code", newValue) }
    }
    /// The title.
    public var title: String? {
        get { text("title") }
        set { setText("title", newValue) }
    }
    /// The narrative block (`text`), kept as XML (tables, lists, content …).
    public var narrative: XMLElement? {
        get { element.firstChild("text") }
        set { element.setChild("text", newValue, order: Self.childOrder) }
    }
    /// The narrative's text content, white space trimmed.
    public var narrativeText: String? { narrative.map { $0.textContent.trimmingXMLWhitespace() } }
    /// The entries.
    public var entries: [CDAEntry] {
        get { views("entry") }
        set { setViews("entry", newValue) }
    }
    /// Nested sections (`component/section`).
    public var subsections: [CDASection] {
        element.children("component").compactMap { $0.firstChild("section").map(CDASection.init(element:)) }
    }
    /// Appends an entry holding `statement`.
    public mutating func append(_ statement: CDAClinicalStatement, typeCode: String? = nil) {
        var entry = CDA.element("entry")
        entry.setAttribute("typeCode", typeCode)
        entry.children = [.element(statement.element)]
        element.insertChild(entry, order: Self.childOrder)
    }
}

/// An `entry` (or `component` / `entryRelationship`) holding one clinical statement.
///
/// ```swift
/// let statement = section.entries.first?.statement
/// ```
public struct CDAEntry: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder = infrastructure + CDAClinicalStatement.kinds

    /// `typeCode` (`DRIV`, `COMP`, `SUBJ` …).
    public var typeCode: String? { attribute("typeCode") }
    /// The statement inside.
    public var statement: CDAClinicalStatement? {
        get {
            element.elements.first { CDAClinicalStatement.kinds.contains($0.localName) }.map(
                CDAClinicalStatement.init(element:))
        }
        set {
            element.children.removeAll { $0.element.map { CDAClinicalStatement.kinds.contains($0.localName) } ?? false }
            if let newValue { element.children.append(.element(newValue.element)) }
        }
    }
}

/// A clinical statement: `observation`, `organizer`, `procedure`, `substanceAdministration`,
/// `encounter`, `act`, `supply`, `observationMedia`, `regionOfInterest`.
///
/// ```swift
/// let statement = CDAClinicalStatement.observation(
///     code: CD(code: "DE04.10.174.00", codeSystem: CDA.CN.dataElementCodeSystem, displayName: "收缩压"),
///     value: .quantity(PQ(value: "132", unit: "mmHg")))
/// ```
public struct CDAClinicalStatement: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder =
        infrastructure + [
            "id", "code", "derivationExpr", "text", "statusCode", "effectiveTime", "priorityCode", "repeatNumber",
            "languageCode", "value", "interpretationCode", "methodCode", "targetSiteCode", "subject", "specimen",
            "performer", "author", "informant", "participant", "entryRelationship", "reference", "precondition",
            "referenceRange", "component",
        ]
    /// Element names of clinical statements.
    public static let kinds = [
        "observation", "organizer", "procedure", "substanceAdministration", "encounter", "act", "supply",
        "observationMedia", "regionOfInterest",
    ]

    /// A new observation (`classCode="OBS" moodCode="EVN"`) with a code and value.
    public static func observation(code: CD, value: CDAValue?, effectiveTime: TS? = nil) -> CDAClinicalStatement {
        var element = CDA.element("observation")
        element.setAttribute("classCode", "OBS")
        element.setAttribute("moodCode", "EVN")
        var statement = CDAClinicalStatement(element: element)
        statement.code = code
        if let effectiveTime { statement.setValue("effectiveTime", effectiveTime) }
        if let value { statement.value = value }
        return statement
    }

    /// The element name: `observation`, `organizer` …
    public var kind: String { element.localName }
    /// The identifiers.
    public var ids: [II] {
        get { values("id") }
        set { setValues("id", newValue) }
    }
    /// The code (a data element `DE…` in Chinese documents, LOINC elsewhere).
    public var code: CD? {
        get { value("code") }
        set { setValue("code", newValue) }
    }
    /// The status code.
    public var statusCode: String? { element.firstChild("statusCode")?.attribute("code") }
    /// The effective time (a point is read as `value`).
    public var effectiveTime: IVL_TS? { value("effectiveTime") }
    /// The statement's `text` content.
    public var text: String? {
        element.firstChild("text").map { $0.textContent.trimmingXMLWhitespace() }
    }
    /// The first value.
    public var value: CDAValue? {
        get { element.firstChild("value").map(CDAValue.init(element:)) }
        set {
            guard let newValue else {
                element.setChild("value", nil)
                return
            }
            var child = element.firstChild("value") ?? element.makeChild("value")
            newValue.write(into: &child)
            element.setChild("value", child, order: Self.childOrder)
        }
    }
    /// Every value.
    public var values: [CDAValue] { element.children("value").map(CDAValue.init(element:)) }
    /// Interpretation codes (`H`, `L`, `N` …).
    public var interpretationCodes: [CD] { values("interpretationCode") }
    /// Reference ranges (`referenceRange/observationRange`).
    public var referenceRanges: [CDAReferenceRange] {
        element.children("referenceRange").compactMap {
            $0.firstChild("observationRange").map(CDAReferenceRange.init(element:))
        }
    }
    /// Statements in `entryRelationship`s, with the relationship's `typeCode`.
    public var relatedStatements: [(typeCode: String?, statement: CDAClinicalStatement)] {
        element.children("entryRelationship").compactMap { relationship in
            guard let inner = relationship.elements.first(where: { Self.kinds.contains($0.localName) }) else {
                return nil
            }
            return (relationship.attribute("typeCode"), CDAClinicalStatement(element: inner))
        }
    }
    /// Statements in an organizer's `component`s.
    public var components: [CDAClinicalStatement] {
        element.children("component").compactMap { component in
            component.elements.first { Self.kinds.contains($0.localName) }.map(CDAClinicalStatement.init(element:))
        }
    }
    /// Appends `statement` in an `entryRelationship` (for observations) or `component` (organizers).
    public mutating func append(_ statement: CDAClinicalStatement, typeCode: String? = "COMP") {
        let name = kind == "organizer" ? "component" : "entryRelationship"
        var wrapper = element.makeChild(name)
        if name == "entryRelationship" { wrapper.setAttribute("typeCode", typeCode ?? "COMP") }
        wrapper.children = [.element(statement.element)]
        element.insertChild(wrapper, order: Self.childOrder)
    }
    /// Adds a reference range.
    public mutating func appendReferenceRange(_ range: CDAReferenceRange) {
        var wrapper = element.makeChild("referenceRange")
        var inner = range.element
        inner.localName = "observationRange"
        wrapper.children = [.element(inner)]
        element.insertChild(wrapper, order: Self.childOrder)
    }
    /// Adds an interpretation code.
    public mutating func appendInterpretation(_ code: CD) {
        element.insertChild(code.element(named: "interpretationCode"), order: Self.childOrder)
    }
}

/// `observationRange`: a reference range as text and/or an interval.
///
/// ```swift
/// let range = CDAReferenceRange(text: "3.9～6.1", interval: IVL_PQ(low: PQ(value: "3.9"), high: PQ(value: "6.1")))
/// ```
public struct CDAReferenceRange: CDAElementView {
    public var element: XMLElement
    public init(element: XMLElement) { self.element = element }
    public static let childOrder = infrastructure + ["code", "text", "value", "interpretationCode"]

    /// Creates a range.
    public init(text: String?, interval: IVL_PQ?) {
        element = CDA.element("observationRange")
        self.text = text
        if let interval {
            element.insertChild(CDAValue.quantityRange(interval).element(), order: Self.childOrder)
        }
    }

    /// The range as text (`3.5～9.5`, `阴性`).
    public var text: String? {
        get { element.firstChild("text").map { $0.textContent.trimmingXMLWhitespace() } }
        set { setText("text", newValue) }
    }
    /// The range as a value (usually IVL_PQ).
    public var value: CDAValue? { element.firstChild("value").map(CDAValue.init(element:)) }
    /// The range as an interval of quantities, when it is one.
    public var interval: IVL_PQ? {
        if case .quantityRange(let range) = value { return range }
        return nil
    }
}

extension CDAClinicalStatement {
    /// `substanceAdministration`: the drug (`consumable/manufacturedProduct/manufacturedLabeledDrug` or
    /// `manufacturedMaterial` code, with its name as display name or `name` text).
    public var drug: CD? {
        guard let product = element.descendant("consumable", "manufacturedProduct") else { return nil }
        let drug = product.firstChild("manufacturedLabeledDrug") ?? product.firstChild("manufacturedMaterial")
        guard let drug else { return nil }
        var code = drug.firstChild("code").map(CD.init(element:)) ?? CD(code: nil)
        if code.displayName == nil { code.displayName = drug.firstChild("name")?.text }
        return code
    }
    /// `substanceAdministration/doseQuantity`.
    public var doseQuantity: IVL_PQ? {
        guard let dose = element.firstChild("doseQuantity") else { return nil }
        if dose.attribute("value") != nil { return IVL_PQ(low: PQ(element: dose), high: PQ(element: dose)) }
        return IVL_PQ(element: dose)
    }
    /// `substanceAdministration/routeCode`.
    public var routeCode: CD? { value("routeCode") }
    /// `methodCode` (procedures, observations).
    public var methodCode: CD? { value("methodCode") }
    /// `targetSiteCode` (procedures, observations).
    public var targetSiteCode: CD? { value("targetSiteCode") }
    /// The `moodCode` (`EVN` done, `INT` intended, `APT` appointment …).
    public var moodCode: String? { attribute("moodCode") }
}
