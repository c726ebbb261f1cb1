public import HICDA
public import HICore
public import HIXML

/// How ``V3Message`` reads a message.
///
/// ```swift
/// var options = V3ReadingOptions()
/// options.sourceName = "PRPA_IN201311UV02.xml"
/// options.strict = true  // vendor dialect becomes errors
/// let message = try V3Message(parsing: bytes, options: options)
/// ```
public struct V3ReadingOptions: Sendable {
    /// The XML limits (depth, size) and the source name used in locations.
    public var xml = XMLParsingOptions()
    /// Report the vendor dialect (BAG_EN names, `code1`…, padded values, private OIDs, empty wrapper
    /// values) as errors instead of warnings.
    public var strict = false
    /// The most issues one message reports; the scan stops adding issues after it.
    public var maximumIssues = 200

    /// The file name used in issue locations.
    public var sourceName: String? {
        get { xml.sourceName }
        set { xml.sourceName = newValue }
    }

    /// The defaults: lenient, XML limits of ``HIXML/XMLParsingOptions``.
    public init() {}
}

/// An HL7 V3 interaction message (the transmission wrapper with its control act) or an XDS.b
/// document-exchange message, as a view over the lossless XML tree.
///
/// Reading goes through the tree and setting a property edits it, so every element the view does not
/// know (vendor extensions, comments, payload) is kept and written back: parse → ``serialized()`` gives the
/// same infoset. Vendor dialect found while reading is reported in ``issues`` (codes `HI-V3-01nn`, XPath
/// locations).
///
/// ```swift
/// let message = try V3Message(parsing: bytes)
/// print(message.interaction)                 // PRPA_IN201311UV02
/// print(message.id?.extension ?? "")         // message id
/// print(message.issues.map(\.code))          // dialect warnings
/// let written = message.serialized()
/// ```
public struct V3Message: Sendable, Equatable {
    /// The whole XML document.
    public var xml: XMLDocument
    /// Warnings (or, in strict mode, errors) found while reading; empty for messages built in code.
    public var issues: [Issue]

    /// Wraps a parsed XML document.
    ///
    /// - Throws: ``V3Error/Code/notV3Message`` when the root is neither a V3 interaction nor an XDS.b message.
    public init(_ xml: XMLDocument, options: V3ReadingOptions = V3ReadingOptions()) throws(V3Error) {
        guard Self.isV3Message(root: xml.root) else {
            throw V3Error(
                .notV3Message,
                "the root element is not an HL7 V3 interaction (urn:hl7-org:v3, interactionId) or an XDS.b message",
                at: SourceLocation(file: options.sourceName, path: "/" + xml.root.qualifiedName, line: xml.root.line))
        }
        self.xml = xml
        self.issues = V3DialectScanner(options: options).scan(xml)
    }

    /// Parses bytes (any encoding the XML declaration names).
    ///
    /// - Throws: ``V3Error`` with code ``V3Error/Code/xml`` for XML problems, ``V3Error/Code/notV3Message``
    ///   for other documents.
    public init(parsing bytes: [UInt8], options: V3ReadingOptions = V3ReadingOptions()) throws(V3Error) {
        let document: XMLDocument
        do {
            document = try XMLDocument(parsing: bytes, options: options.xml)
        } catch {
            throw V3Error(error)
        }
        try self.init(document, options: options)
    }

    /// Builds a message: the transmission wrapper from `header`, then `acknowledgement` (for MCCI) and the
    /// control act `controlActProcess`, if given.
    public init(header: V3Header, acknowledgement: XMLElement? = nil, controlActProcess: XMLElement? = nil) {
        var root = XMLElement(
            header.rootName, namespaceURI: V3XML.namespace,
            namespaceDeclarations: [
                XMLNamespaceDeclaration(prefix: nil, uri: V3XML.namespace),
                XMLNamespaceDeclaration(prefix: "xsi", uri: V3XML.xsi),
            ],
            attributes: [XMLAttribute("ITSVersion", value: "XML_1.0")])
        var children = header.wrapperElements()
        if let acknowledgement { children.append(acknowledgement) }
        if let controlActProcess { children.append(controlActProcess) }
        root.children = children.map { .element($0) }
        xml = XMLDocument(root: root)
        issues = []
    }

    /// Infoset equality of the XML trees (issues are not compared).
    public static func == (lhs: V3Message, rhs: V3Message) -> Bool { lhs.xml == rhs.xml }

    /// The root element.
    public var element: XMLElement {
        get { xml.root }
        set { xml.root = newValue }
    }

    /// `true` when `root` is an HL7 V3 interaction message (in `urn:hl7-org:v3`, named like
    /// `PRPA_IN201311UV02` or carrying an `interactionId`) or an XDS.b document-exchange message
    /// (`ProvideAndRegisterDocumentSetRequest`, `RetrieveDocumentSetRequest`/`Response`). A root in no
    /// namespace is accepted when it is named like an interaction and has an `interactionId` (vendor
    /// dialect, reported as HI-V3-0110). CDA documents (`ClinicalDocument`) are not messages.
    ///
    /// ```swift
    /// let document = try XMLDocument(parsing: bytes)
    /// if V3Message.isV3Message(root: document.root) { /* read as V3 */ }
    /// ```
    public static func isV3Message(root: XMLElement) -> Bool {
        if V3DocumentExchange.isDocumentExchange(root: root) { return true }
        guard root.localName != "ClinicalDocument" else { return false }
        if root.namespaceURI == nil {
            // Lenient: a vendor message without the HL7 namespace (reported as HI-V3-0110).
            return V3Interaction.isNormativeID(root.localName) && root.firstChild("interactionId") != nil
        }
        guard root.namespaceURI == V3XML.namespace else { return false }
        return V3Interaction.isNormativeID(root.localName) || root.firstChild("interactionId") != nil
    }

    /// Writes the message as UTF-8, white space preserved.
    public func serialized() -> [UInt8] { xml.serialized() }

    /// Writes the message with `options` (encoding, indentation).
    ///
    /// - Throws: ``HIXML/XMLError`` when a character cannot be encoded.
    public func serialized(options: XMLWritingOptions) throws(XMLError) -> [UInt8] {
        try xml.serialized(options: options)
    }

    // MARK: wrapper

    /// The root element's local name (`PRPA_IN201311UV02`, `ProvideAndRegisterDocumentSetRequest`).
    public var rootName: String { element.localName }

    /// `true` for XDS.b document-exchange messages (no HL7 V3 transmission wrapper).
    public var isDocumentExchange: Bool { V3DocumentExchange.isDocumentExchange(root: element) }

    /// The interaction: the root element name when it is a normative id (a vendor service code in
    /// `interactionId/@extension` is reported as a warning and kept in ``interactionId``), else the
    /// `interactionId/@extension`.
    public var interaction: V3Interaction {
        if isDocumentExchange || V3Interaction.isNormativeID(rootName) { return V3Interaction(rawValue: rootName) }
        return V3Interaction(rawValue: interactionId?.extension ?? rootName)
    }

    /// The message id (`id`, root `2.16.156.10011.0`).
    public var id: II? {
        get { element.firstChild("id").map(II.init(element:)) }
        set { setWrapper("id", newValue) }
    }

    /// The creation time (`creationTime/@value`), as written.
    public var creationTime: String? {
        get { element.firstChild("creationTime")?.attribute("value") }
        set { setWrapperValue("creationTime", "value", newValue) }
    }

    /// The interaction id element (root `2.16.840.1.113883.1.6`, extension the interaction or a vendor code).
    public var interactionId: II? {
        get { element.firstChild("interactionId").map(II.init(element:)) }
        set { setWrapper("interactionId", newValue) }
    }

    /// `processingCode/@code`: `P` production, `D` debugging, `T` training.
    public var processingCode: String? {
        get { element.firstChild("processingCode")?.attribute("code") }
        set { setWrapperValue("processingCode", "code", newValue) }
    }

    /// `processingModeCode/@code`: `T` current processing, `A` archive, `I` initial load, `R` restore.
    public var processingModeCode: String? {
        get { element.firstChild("processingModeCode")?.attribute("code") }
        set { setWrapperValue("processingModeCode", "code", newValue) }
    }

    /// `acceptAckCode/@code`: `AL` always, `NE` never, `ER` on error only.
    public var acceptAckCode: String? {
        get { element.firstChild("acceptAckCode")?.attribute("code") }
        set { setWrapperValue("acceptAckCode", "code", newValue) }
    }

    /// The sending system: `sender/device/id` (root `2.16.156.10011.0.1.*`).
    public var senderID: II? {
        get { element.descendant("sender", "device", "id").map(II.init(element:)) }
        set { setDevice("sender", newValue) }
    }

    /// The receiving system: `receiver/device/id`.
    public var receiverID: II? {
        get { element.descendant("receiver", "device", "id").map(II.init(element:)) }
        set { setDevice("receiver", newValue) }
    }

    /// The wrapper values as a ``V3Header`` (missing values empty).
    public var header: V3Header {
        var header = V3Header(
            messageID: id ?? II(root: V3Identifiers.message), creationTime: creationTime ?? "",
            interaction: interaction, sender: senderID ?? II(root: nil), receiver: receiverID ?? II(root: nil))
        header.rootName = rootName
        header.interactionIdExtension = interactionId?.extension
        header.processingCode = processingCode ?? ""
        header.processingModeCode = processingModeCode ?? ""
        header.acceptAckCode = acceptAckCode ?? ""
        return header
    }

    /// The `controlActProcess` element.
    public var controlActProcess: XMLElement? {
        get { element.firstChild("controlActProcess") }
        set { element.setChild("controlActProcess", newValue, order: V3Header.wrapperOrder) }
    }

    /// The payloads: the first child element of each `controlActProcess/subject`, in order
    /// (`registrationRequest`, `encounterEvent`, `placerGroup`, `observationRequest` …).
    public var subjects: [XMLElement] {
        controlActProcess?.children("subject").compactMap { $0.elements.first } ?? []
    }

    /// The `acknowledgement` element of an MCCI/response message.
    public var acknowledgementElement: XMLElement? { element.firstChild("acknowledgement") }

    private mutating func setWrapper(_ name: String, _ value: II?) {
        guard let value else {
            element.setChild(name, nil)
            return
        }
        var child = element.firstChild(name) ?? V3XML.element(name)
        value.write(into: &child)
        element.setChild(name, child, order: V3Header.wrapperOrder)
    }

    private mutating func setWrapperValue(_ name: String, _ attribute: String, _ value: String?) {
        guard let value else {
            element.setChild(name, nil)
            return
        }
        var child = element.firstChild(name) ?? V3XML.element(name)
        child.setAttribute(attribute, value)
        element.setChild(name, child, order: V3Header.wrapperOrder)
    }

    private mutating func setDevice(_ role: String, _ value: II?) {
        guard let value else {
            element.setChild(role, nil)
            return
        }
        var party = element.firstChild(role) ?? V3Header.device(role, value)
        var device =
            party.firstChild("device") ?? V3XML.element("device", ["classCode": "DEV", "determinerCode": "INSTANCE"])
        var idElement = device.firstChild("id") ?? V3XML.element("id")
        value.write(into: &idElement)
        device.setChild("id", idElement)
        party.setChild("device", device)
        element.setChild(role, party, order: V3Header.wrapperOrder)
    }
}
