import HICore
public import HIXML

/// A CDA R2 document (`ClinicalDocument`, POCD_MT000040): header and body as typed views over the XML
/// tree. Reading goes through the tree; setting a property edits it, so everything the model does not
/// know (extensions, comments, vendor elements) is kept and written back.
///
/// ```swift
/// var document = try ClinicalDocument(parsing: bytes)
/// print(document.template?.title ?? "generic CDA")  // 个人基本健康信息登记
/// print(document.patient?.name ?? "")               // 王小二
/// document.title = "个人基本健康信息登记（更正）"
/// let written = document.serialized()
/// ```
public struct ClinicalDocument: CDAElementView {
    /// The whole XML document (declaration, processing instructions, comments, root).
    public var xml: XMLDocument

    /// The root `ClinicalDocument` element.
    public var element: XMLElement {
        get { xml.root }
        set { xml.root = newValue }
    }

    public init(element: XMLElement) { xml = XMLDocument(root: element) }

    public static let childOrder =
        infrastructure + [
            "id", "code", "title", "effectiveTime", "confidentialityCode", "languageCode", "setId", "versionNumber",
            "copyTime", "recordTarget", "author", "dataEnterer", "informant", "custodian", "informationRecipient",
            "legalAuthenticator", "authenticator", "participant", "inFulfillmentOf", "documentationOf",
            "relatedDocument", "authorization", "componentOf", "component",
        ]

    /// Wraps a parsed XML document.
    ///
    /// - Throws: ``CDAError/Code/notClinicalDocument`` when the root is not `ClinicalDocument` (any
    ///   namespace is accepted, so guide snippets without `urn:hl7-org:v3` still read).
    public init(_ xml: XMLDocument) throws(CDAError) {
        guard xml.root.localName == "ClinicalDocument" else {
            throw CDAError(
                .notClinicalDocument, "the root element is '\(xml.root.qualifiedName)', not ClinicalDocument",
                at: SourceLocation(path: "/" + xml.root.qualifiedName, line: xml.root.line))
        }
        self.xml = xml
    }

    /// Parses a CDA document from bytes (any encoding libxml2 reads) under the XML safety rules.
    ///
    /// - Throws: ``CDAError`` (``CDAError/Code/xml`` wraps the located ``XMLError``).
    public init(parsing bytes: [UInt8]) throws(CDAError) {
        try self.init(parsing: bytes, options: XMLParsingOptions())
    }

    /// Parses a CDA document from bytes with XML reading options (limits, lenient prefixes, file name).
    public init(parsing bytes: [UInt8], options: XMLParsingOptions) throws(CDAError) {
        let xml: XMLDocument
        do {
            xml = try XMLDocument(parsing: bytes, options: options)
        } catch {
            throw CDAError(error)
        }
        try self.init(xml)
    }

    /// Writes the document (UTF-8 unless the source declared another encoding; see
    /// ``HIXML/XMLDocument/serialized()``).
    public func serialized() -> [UInt8] { xml.serialized() }

    /// Writes the document with options (encoding, indentation).
    public func serialized(options: XMLWritingOptions) throws(XMLError) -> [UInt8] {
        try xml.serialized(options: options)
    }

    // MARK: Header

    /// `realmCode/@code` (`CN` for Chinese documents).
    public var realmCode: String? {
        get { element.firstChild("realmCode")?.attribute("code") }
        set { setValue("realmCode", newValue.map { CD(code: $0) }) }
    }
    /// `typeId` (`2.16.840.1.113883.1.3` / `POCD_MT000040`).
    public var typeId: II? {
        get { value("typeId") }
        set { setValue("typeId", newValue) }
    }
    /// The document identifier.
    public var id: II? {
        get { value("id") }
        set { setValue("id", newValue) }
    }
    /// The document type code (`C0007`, `HSDA00.01`, a LOINC code …).
    public var code: CD? {
        get { value("code") }
        set { setValue("code", newValue) }
    }
    /// The title.
    public var title: String? {
        get { text("title") }
        set { setText("title", newValue) }
    }
    /// The document time.
    public var effectiveTime: TS? {
        get { value("effectiveTime") }
        set { setValue("effectiveTime", newValue) }
    }
    /// The confidentiality code.
    public var confidentialityCode: CD? {
        get { value("confidentialityCode") }
        set { setValue("confidentialityCode", newValue) }
    }
    /// `languageCode/@code` (`zh-CN`).
    public var languageCode: String? {
        get { element.firstChild("languageCode")?.attribute("code") }
        set { setValue("languageCode", newValue.map { CD(code: $0) }) }
    }
    /// The set identifier (versions of one document share it).
    public var setId: II? {
        get { value("setId") }
        set { setValue("setId", newValue) }
    }
    /// The version number.
    public var versionNumber: Int? {
        get { element.firstChild("versionNumber")?.attribute("value").flatMap { Int($0) } }
        set {
            var child = element.firstChild("versionNumber") ?? element.makeChild("versionNumber")
            child.setAttribute("value", newValue.map(String.init))
            element.setChild("versionNumber", newValue == nil ? nil : child, order: Self.childOrder)
        }
    }
    /// `recordTarget/patientRole`.
    public var patientRole: CDAPatientRole? {
        get { element.descendant("recordTarget", "patientRole").map(CDAPatientRole.init(element:)) }
        set {
            var target = element.firstChild("recordTarget") ?? element.makeChild("recordTarget")
            var role = newValue?.element
            role?.localName = "patientRole"
            target.setChild("patientRole", role)
            element.setChild("recordTarget", newValue == nil ? nil : target, order: Self.childOrder)
        }
    }
    /// `recordTarget/patientRole/patient`.
    public var patient: CDAPatient? {
        get { patientRole?.patient }
        set {
            var role = patientRole ?? CDAPatientRole(element: element.makeChild("patientRole"))
            role.patient = newValue
            patientRole = role
        }
    }
    /// The authors.
    public var authors: [CDAAuthor] {
        get { views("author") }
        set { setViews("author", newValue) }
    }
    /// The custodian.
    public var custodian: CDACustodian? {
        get { view("custodian") }
        set { setView("custodian", newValue) }
    }
    /// The legal authenticator.
    public var legalAuthenticator: CDAAuthenticator? {
        get { view("legalAuthenticator") }
        set { setView("legalAuthenticator", newValue) }
    }
    /// Other authenticators (Chinese documents list reviewing doctors here).
    public var authenticators: [CDAAuthenticator] {
        get { views("authenticator") }
        set { setViews("authenticator", newValue) }
    }
    /// Participants (contacts, guarantors …).
    public var participants: [CDAParticipant] { views("participant") }
    /// `inFulfillmentOf/order`: the orders (application forms) fulfilled.
    public var inFulfillmentOf: [CDAActReference] { views("inFulfillmentOf") }
    /// `documentationOf/serviceEvent`.
    public var documentationOf: [CDAActReference] { views("documentationOf") }
    /// `relatedDocument/parentDocument`.
    public var relatedDocuments: [CDAActReference] { views("relatedDocument") }
    /// `componentOf/encompassingEncounter`.
    public var encompassingEncounter: CDAEncompassingEncounter? {
        element.descendant("componentOf", "encompassingEncounter").map(CDAEncompassingEncounter.init(element:))
    }

    // MARK: Body

    /// `component/structuredBody`, when the body is structured.
    public var structuredBody: XMLElement? { element.descendant("component", "structuredBody") }

    /// `component/nonXMLBody/text`, when the body is not XML (a PDF, an image, plain text).
    public var nonXMLBody: ED? { element.descendant("component", "nonXMLBody", "text").map(ED.init(element:)) }

    /// The top-level sections of the structured body (nested ones are in ``CDASection/subsections``).
    public var sections: [CDASection] {
        get {
            (structuredBody?.children("component") ?? []).compactMap {
                $0.firstChild("section").map(CDASection.init(element:))
            }
        }
        set {
            var component = element.firstChild("component") ?? element.makeChild("component")
            var body = component.firstChild("structuredBody") ?? component.makeChild("structuredBody")
            body.setChildren(
                "component",
                newValue.map { section in
                    var wrapper = body.makeChild("component")
                    wrapper.children = [.element(section.element)]
                    return wrapper
                }, order: infrastructure + ["confidentialityCode", "languageCode", "component"])
            component.setChild("structuredBody", body)
            element.setChild("component", component, order: Self.childOrder)
        }
    }

    /// Every section, nested ones included, in document order.
    public var allSections: [CDASection] {
        var result: [CDASection] = []
        func visit(_ section: CDASection) {
            result.append(section)
            section.subsections.forEach(visit)
        }
        sections.forEach(visit)
        return result
    }

    /// The first section with the given code (LOINC code of the section).
    public func section(code: String) -> CDASection? { allSections.first { $0.code?.code == code } }

    /// The national template this document declares (`templateId` known to ``CDATemplateRegistry``), or
    /// `nil` for other CDA documents.
    public var template: CDADocumentTemplate? {
        CDATemplateRegistry.template(forIds: templateIds.compactMap(\.root))
            ?? code.flatMap { $0.codeSystem == CDA.CN.documentTypeCodeSystem ? $0.code : nil }
            .flatMap(CDATemplateRegistry.template(forDocumentTypeCode:))
    }

    /// `true` for a Chinese national-profile document (realmCode `CN` or a national template).
    public var isChineseProfile: Bool { realmCode == CDA.CN.realmCode || template != nil }
}
