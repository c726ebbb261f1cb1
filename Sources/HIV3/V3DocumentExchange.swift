import Foundation
public import HICDA
import HICore
public import HIXML

/// One CDA document carried by a document-exchange message, with its XDS.b `Document/@id`.
///
/// ```swift
/// for entry in try V3DocumentExchange.documents(from: message) {
///     print(entry.id, entry.document.template?.title ?? "CDA")
/// }
/// ```
public struct V3DocumentEntry: Sendable, Equatable {
    /// `Document/@id` (the ExtrinsicObject it belongs to).
    public var id: String
    /// The CDA document, read through HICDA.
    public var document: ClinicalDocument
    /// `true` when the sender put the CDA inline as XML instead of base64 text (reported as HI-V3-0108).
    public var wasInline: Bool

    /// Creates an entry.
    public init(id: String, document: ClinicalDocument, wasInline: Bool = false) {
        self.id = id
        self.document = document
        self.wasInline = wasInline
    }
}

/// Document registration and retrieval (WS/T 790.10-2021 存储, WS/T 790.13-2021 调阅) over IHE XDS.b
/// ITI-41 `ProvideAndRegisterDocumentSetRequest` and ITI-43 `RetrieveDocumentSetRequest`/`Response`
/// (namespace `urn:ihe:iti:xds-b:2007`, ebRIM 3.0 metadata kept as-is), whose `Document` payload is a
/// WS/T 500 / WS/T 483 CDA document read with HICDA.
///
/// ```swift
/// let request = V3DocumentExchange.provideAndRegister([V3DocumentEntry(id: "Doc01", document: cda)])
/// let documents = try V3DocumentExchange.documents(from: request)
/// print(documents.first?.document.template?.title ?? "")  // 检验报告
/// ```
public enum V3DocumentExchange {
    /// The XDS.b namespace `urn:ihe:iti:xds-b:2007`.
    public static let namespace = "urn:ihe:iti:xds-b:2007"
    static let lcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"
    static let rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"
    static let stableDocument = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"

    /// `true` for `ProvideAndRegisterDocumentSetRequest`, `RetrieveDocumentSetRequest` and
    /// `RetrieveDocumentSetResponse` roots (any namespace, so unqualified vendor messages still read).
    public static func isDocumentExchange(root: XMLElement) -> Bool {
        switch root.localName {
        case "ProvideAndRegisterDocumentSetRequest", "RetrieveDocumentSetRequest", "RetrieveDocumentSetResponse":
            return root.namespaceURI == nil || root.namespaceURI == namespace
        default: return false
        }
    }

    /// The CDA documents of a ProvideAndRegisterDocumentSetRequest (`Document`) or a
    /// RetrieveDocumentSetResponse (`DocumentResponse/Document`), base64 or inline.
    ///
    /// - Throws: ``V3Error/Code/payload`` when a document is not base64 of a CDA document;
    ///   ``V3Error/Code/wrongInteraction`` for other messages.
    public static func documents(
        from message: V3Message, options: XMLParsingOptions = XMLParsingOptions()
    ) throws(V3Error) -> [V3DocumentEntry] {
        try V3Map.require(message, [.provideAndRegisterDocumentSet, .retrieveDocumentSetResponse])
        var elements = message.element.children("Document")
        for response in message.element.children("DocumentResponse") { elements += response.children("Document") }
        var result: [V3DocumentEntry] = []
        for (index, element) in elements.enumerated() {
            let path = SourceLocation(path: "//Document[\(index + 1)]", line: element.line)
            let id = V3Text.trimmed(element.attribute("id") ?? "")
            if let inline = element.firstChild("ClinicalDocument") {
                do {
                    result.append(
                        V3DocumentEntry(
                            id: id, document: try ClinicalDocument(XMLDocument(root: inline)), wasInline: true))
                } catch {
                    throw V3Error(.payload, "the inline document is not a CDA document", at: path)
                }
                continue
            }
            var text = ""
            for child in element.children { text += child.characterData ?? "" }
            let compact = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
            guard let data = Data(base64Encoded: compact) else {
                throw V3Error(.payload, "Document content is not base64 text", at: path)
            }
            do {
                result.append(
                    V3DocumentEntry(id: id, document: try ClinicalDocument(parsing: [UInt8](data), options: options)))
            } catch {
                throw V3Error(
                    .payload, "the decoded Document is not a readable CDA document (\(error.issueCode))", at: path)
            }
        }
        return result
    }

    /// An ITI-41 request registering `documents`, each as base64 in `Document` with an ebRIM
    /// `ExtrinsicObject` (mime type, creation time, source patient id from the CDA header).
    public static func provideAndRegister(_ documents: [V3DocumentEntry]) -> V3Message {
        var objects: [XMLElement] = []
        var payloads: [XMLElement] = []
        for entry in documents {
            var object = rimElement("ExtrinsicObject")
            object.attributes = [
                XMLAttribute("id", value: entry.id), XMLAttribute("mimeType", value: "text/xml"),
                XMLAttribute("objectType", value: stableDocument),
            ]
            let header = entry.document.element
            if let time = V3XML.trimmedAttribute(header.firstChild("effectiveTime"), "value") {
                object.children.append(.element(slot("creationTime", time)))
            }
            if let patientID = V3Map.find(header, "recordTarget", "patientRole", "patient", "id")
                ?? V3Map.find(header, "recordTarget", "patientRole", "id"),
                let value = V3XML.trimmedAttribute(patientID, "extension")
            {
                let root = V3XML.trimmedAttribute(patientID, "root") ?? ""
                object.children.append(.element(slot("sourcePatientId", "\(value)^^^&\(root)&ISO")))
            }
            if let code = V3XML.trimmedAttribute(header.firstChild("code"), "code") {
                object.children.append(.element(slot("documentTypeCode", code)))
            }
            objects.append(object)
            var document = XMLElement(
                "Document", namespaceURI: namespace, attributes: [XMLAttribute("id", value: entry.id)])
            document.children = [.text(Data(entry.document.serialized()).base64EncodedString())]
            payloads.append(document)
        }
        var list = rimElement("RegistryObjectList")
        list.children = objects.map { .element($0) }
        var submit = XMLElement("SubmitObjectsRequest", prefix: "lcm", namespaceURI: lcm)
        submit.children = [.element(list)]
        var root = XMLElement(
            "ProvideAndRegisterDocumentSetRequest", namespaceURI: namespace,
            namespaceDeclarations: [
                XMLNamespaceDeclaration(prefix: nil, uri: namespace), XMLNamespaceDeclaration(prefix: "lcm", uri: lcm),
                XMLNamespaceDeclaration(prefix: "rim", uri: rim),
            ])
        root.children = [.element(submit)] + payloads.map { .element($0) }
        return V3Message(document: XMLDocument(root: root))
    }

    /// An ITI-43 request for `documentIDs` in the repository `repositoryID`.
    public static func retrieveRequest(documentIDs: [String], repositoryID: String) -> V3Message {
        var root = XMLElement(
            "RetrieveDocumentSetRequest", namespaceURI: namespace,
            namespaceDeclarations: [XMLNamespaceDeclaration(prefix: nil, uri: namespace)])
        for id in documentIDs {
            var request = XMLElement("DocumentRequest", namespaceURI: namespace)
            request.children = [
                .element(xdsElement("RepositoryUniqueId", repositoryID)), .element(xdsElement("DocumentUniqueId", id)),
            ]
            root.children.append(.element(request))
        }
        return V3Message(document: XMLDocument(root: root))
    }

    /// The (repository, document) ids a RetrieveDocumentSetRequest asks for.
    ///
    /// - Throws: ``V3Error/Code/wrongInteraction`` for other messages.
    public static func requestedDocuments(from message: V3Message) throws(V3Error) -> [(
        repositoryID: String, documentID: String
    )] {
        try V3Map.require(message, [.retrieveDocumentSet])
        return message.element.children("DocumentRequest").map { request in
            (
                V3Text.trimmed(request.firstChild("RepositoryUniqueId")?.textContent ?? ""),
                V3Text.trimmed(request.firstChild("DocumentUniqueId")?.textContent ?? "")
            )
        }
    }

    /// An ITI-43 response returning `documents` from `repositoryID` (status Success).
    public static func retrieveResponse(_ documents: [V3DocumentEntry], repositoryID: String) -> V3Message {
        var root = XMLElement(
            "RetrieveDocumentSetResponse", namespaceURI: namespace,
            namespaceDeclarations: [
                XMLNamespaceDeclaration(prefix: nil, uri: namespace),
                XMLNamespaceDeclaration(prefix: "rs", uri: "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"),
            ])
        var status = XMLElement(
            "RegistryResponse", prefix: "rs", namespaceURI: "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0")
        status.attributes = [
            XMLAttribute("status", value: "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success")
        ]
        root.children.append(.element(status))
        for entry in documents {
            var response = XMLElement("DocumentResponse", namespaceURI: namespace)
            response.children = [
                .element(xdsElement("RepositoryUniqueId", repositoryID)),
                .element(xdsElement("DocumentUniqueId", entry.id)),
                .element(xdsElement("mimeType", "text/xml")),
                .element(xdsElement("Document", Data(entry.document.serialized()).base64EncodedString())),
            ]
            root.children.append(.element(response))
        }
        return V3Message(document: XMLDocument(root: root))
    }

    private static func xdsElement(_ name: String, _ text: String) -> XMLElement {
        XMLElement(name, namespaceURI: namespace, children: [.text(text)])
    }

    private static func rimElement(_ name: String) -> XMLElement { XMLElement(name, prefix: "rim", namespaceURI: rim) }

    private static func slot(_ name: String, _ value: String) -> XMLElement {
        var valueElement = rimElement("Value")
        valueElement.children = [.text(value)]
        var list = rimElement("ValueList")
        list.children = [.element(valueElement)]
        var slot = rimElement("Slot")
        slot.attributes = [XMLAttribute("name", value: name)]
        slot.children = [.element(list)]
        return slot
    }
}

extension V3Message {
    /// Wraps a document built in code (no reading issues).
    init(document: XMLDocument) {
        self.xml = document
        self.issues = []
    }
}
