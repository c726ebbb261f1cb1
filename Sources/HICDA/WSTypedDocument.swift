import HICore

/// A data element a typed view reads and writes: its WS 363 identifier (and spellings seen in the field),
/// name and the section it is written in.
///
/// ```swift
/// let systolic = WSField("DE04.10.174.00", "收缩压", in: .vitalSigns)
/// ```
public struct WSField: Sendable, Hashable {
    /// The identifier written.
    public var id: String
    /// Other identifiers accepted when reading (vendor variants).
    public var alternateIDs: [String]
    /// The display name written.
    public var name: String
    /// The section written to.
    public var section: WSSectionKind
    /// The code system of ``id`` (WS 363 unless stated).
    public var codeSystem: String

    /// Creates a field.
    public init(
        _ id: String, _ name: String, in section: WSSectionKind, alternateIDs: [String] = [],
        codeSystem: String = CDA.CN.dataElementCodeSystem
    ) {
        self.id = id
        self.name = name
        self.section = section
        self.alternateIDs = alternateIDs
        self.codeSystem = codeSystem
    }
}

/// A typed view of one national document template, over a ``WSDocument`` value: read it from a parsed
/// document, change typed properties, and build a new document from it.
///
/// ```swift
/// var followUp = try WSHypertensionFollowUp(document: parsed)
/// followUp.systolic = PQ(value: "132", unit: "mmHg")
/// let rebuilt = try followUp.makeDocument()
/// ```
public protocol WSTypedDocument: Sendable, Equatable {
    /// The template this view is for.
    static var templateId: String { get }
    /// The document's values.
    var content: WSDocument { get set }
    /// Wraps values.
    init(content: WSDocument)
    /// Reads a parsed document of this template.
    init(document: ClinicalDocument) throws(CDAError)
    /// Builds the CDA document.
    func makeDocument() throws(CDAError) -> ClinicalDocument
}

extension WSTypedDocument {
    /// An empty document of this template with a header.
    public init(header: CNDocumentHeader) {
        self.init(content: WSDocument(templateId: Self.templateId, header: header))
    }

    /// Reads a parsed document.
    ///
    /// - Throws: ``CDAError/Code/wrongTemplate`` when the document declares another template.
    public init(document: ClinicalDocument) throws(CDAError) {
        guard
            document.templateIds.contains(where: { $0.root == Self.templateId })
                || document.template?.templateId == Self.templateId
        else {
            throw CDAError(
                .wrongTemplate, "the document does not declare template \(Self.templateId)",
                at: SourceLocation(path: "/ClinicalDocument", line: document.element.line))
        }
        self.init(content: WSDocument(document: document))
    }

    /// Builds the CDA document (national header, sections, entries).
    public func makeDocument() throws(CDAError) -> ClinicalDocument { try content.makeDocument() }

    /// The header values.
    public var header: CNDocumentHeader {
        get { content.header }
        set { content.header = newValue }
    }

    /// The value of a field (the first of its identifiers found).
    public func value(_ field: WSField) -> CDAValue? {
        for id in [field.id] + field.alternateIDs {
            if let value = content.value(id) { return value }
        }
        return nil
    }

    /// Sets a field's value (`nil` removes it).
    public mutating func setValue(_ field: WSField, _ value: CDAValue?) {
        for id in field.alternateIDs where content.value(id) != nil {
            content.setValue(id, name: field.name, value, in: field.section, codeSystem: field.codeSystem)
            return
        }
        content.setValue(field.id, name: field.name, value, in: field.section, codeSystem: field.codeSystem)
    }

    /// A quantity field.
    public func quantity(_ field: WSField) -> PQ? {
        if case .quantity(let value) = value(field) { return value }
        return nil
    }

    /// Sets a quantity field.
    public mutating func setQuantity(_ field: WSField, _ value: PQ?) { setValue(field, value.map { .quantity($0) }) }

    /// A coded field.
    public func code(_ field: WSField) -> CD? {
        if case .coded(let value, _) = value(field) { return value }
        return nil
    }

    /// Sets a coded field (written as `xsi:type="CD"`).
    public mutating func setCode(_ field: WSField, _ value: CD?) {
        setValue(field, value.map { .coded($0, type: "CD") })
    }

    /// A text field (ST; other types give their display text).
    public func string(_ field: WSField) -> String? {
        guard let value = value(field) else { return nil }
        if case .string(let text) = value { return text }
        return value.isEmpty ? nil : value.displayText
    }

    /// Sets a text field (written as `xsi:type="ST"`).
    public mutating func setString(_ field: WSField, _ value: String?) { setValue(field, value.map { .string($0) }) }

    /// A boolean field.
    public func boolean(_ field: WSField) -> Bool? {
        if case .boolean(let value) = value(field) { return value }
        return nil
    }

    /// Sets a boolean field.
    public mutating func setBoolean(_ field: WSField, _ value: Bool?) { setValue(field, value.map { .boolean($0) }) }
}
