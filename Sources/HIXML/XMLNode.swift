/// One node of an XML tree: an element, text, a CDATA section, a comment or a processing instruction.
///
/// Values all the way down: editing a copy never changes the original. Equality compares the infoset
/// (names, namespaces, attributes, text, order), not the source line numbers.
///
/// ```swift
/// let node = XMLNode.text("glucose")
/// if case .text(let value) = node { print(value) }  // glucose
/// ```
public enum XMLNode: Sendable, Equatable {
    /// An element with its attributes and children.
    case element(XMLElement)
    /// Character data (entity and character references already replaced), white space included.
    case text(String)
    /// A `<![CDATA[…]]>` section, kept as such.
    case cdata(String)
    /// A comment `<!--…-->`.
    case comment(String)
    /// A processing instruction `<?target data?>`, for example `xml-stylesheet`.
    case processingInstruction(target: String, data: String)

    /// The element, when this node is one.
    public var element: XMLElement? {
        if case .element(let element) = self { return element }
        return nil
    }

    /// The character data of a text or CDATA node; `nil` for other nodes.
    public var characterData: String? {
        switch self {
        case .text(let text), .cdata(let text): return text
        default: return nil
        }
    }

    /// `true` for a text node made only of XML white space (space, tab, CR, LF).
    public var isWhitespace: Bool {
        guard case .text(let text) = self else { return false }
        return text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}

/// A namespace declaration as written on an element: `xmlns="urn:hl7-org:v3"` (prefix `nil`) or
/// `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`.
///
/// ```swift
/// let declaration = XMLNamespaceDeclaration(prefix: "xsi", uri: XMLNamespaceDeclaration.xsi)
/// print(declaration.prefix ?? "(default)")  // xsi
/// ```
public struct XMLNamespaceDeclaration: Sendable, Hashable {
    /// The prefix, or `nil` for the default namespace.
    public var prefix: String?
    /// The namespace name (may be empty to undeclare the default namespace).
    public var uri: String

    /// Creates a declaration.
    public init(prefix: String?, uri: String) {
        self.prefix = prefix
        self.uri = uri
    }

    /// `http://www.w3.org/2001/XMLSchema-instance`, the namespace of `xsi:type`.
    public static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    /// `http://www.w3.org/XML/1998/namespace`, the namespace of `xml:lang`, bound to `xml` implicitly.
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}

/// An attribute as written: its name with the prefix used in the source, its namespace and its value.
///
/// ```swift
/// let type = XMLAttribute("type", prefix: "xsi", namespaceURI: XMLNamespaceDeclaration.xsi, value: "PQ")
/// print(type.qualifiedName)  // xsi:type
/// ```
public struct XMLAttribute: Sendable, Equatable {
    /// The local name (`type` in `xsi:type`).
    public var localName: String
    /// The prefix as written, `nil` when unprefixed.
    public var prefix: String?
    /// The namespace name; `nil` for unprefixed attributes (and for an undeclared prefix in lenient mode).
    public var namespaceURI: String?
    /// The value, with references replaced and attribute-value normalisation applied by the parser.
    public var value: String

    /// Creates an attribute.
    public init(_ localName: String, prefix: String? = nil, namespaceURI: String? = nil, value: String) {
        self.localName = localName
        self.prefix = prefix
        self.namespaceURI = namespaceURI
        self.value = value
    }

    /// `prefix:localName`, or `localName` when unprefixed.
    public var qualifiedName: String { prefix.map { $0 + ":" + localName } ?? localName }
}

/// An element: its name as written (prefix and local name), its namespace, the namespace declarations
/// and attributes in source order, its children and the line it started on.
///
/// ```swift
/// var title = XMLElement("title", namespaceURI: "urn:hl7-org:v3")
/// title.text = "检验报告"
/// print(title.text ?? "")  // 检验报告
/// ```
public struct XMLElement: Sendable {
    /// The local name (`ClinicalDocument`).
    public var localName: String
    /// The prefix as written in the source, `nil` when the element uses the default namespace (or none).
    public var prefix: String?
    /// The namespace name, `nil` when the element is in no namespace.
    public var namespaceURI: String?
    /// `xmlns` / `xmlns:p` declarations written on this element, in source order.
    public var namespaceDeclarations: [XMLNamespaceDeclaration]
    /// Attributes other than namespace declarations, in source order.
    public var attributes: [XMLAttribute]
    /// Child nodes in order.
    public var children: [XMLNode]
    /// The source line of the start tag (counting from 1), `nil` for elements built in code.
    public var line: Int?

    /// Creates an element.
    public init(
        _ localName: String, prefix: String? = nil, namespaceURI: String? = nil,
        namespaceDeclarations: [XMLNamespaceDeclaration] = [], attributes: [XMLAttribute] = [],
        children: [XMLNode] = [], line: Int? = nil
    ) {
        self.localName = localName
        self.prefix = prefix
        self.namespaceURI = namespaceURI
        self.namespaceDeclarations = namespaceDeclarations
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// `prefix:localName`, or `localName`.
    public var qualifiedName: String { prefix.map { $0 + ":" + localName } ?? localName }
}

extension XMLElement: Equatable {
    /// Infoset equality: names, namespaces, declarations, attributes and children; `line` is ignored.
    public static func == (lhs: XMLElement, rhs: XMLElement) -> Bool {
        lhs.localName == rhs.localName && lhs.prefix == rhs.prefix && lhs.namespaceURI == rhs.namespaceURI
            && lhs.namespaceDeclarations == rhs.namespaceDeclarations && lhs.attributes == rhs.attributes
            && lhs.children == rhs.children
    }
}

/// The XML declaration `<?xml version="1.0" encoding="GB18030" standalone="yes"?>`.
///
/// ```swift
/// let declaration = XMLDeclaration(version: "1.0", encoding: "UTF-8")
/// print(declaration.encoding ?? "")  // UTF-8
/// ```
public struct XMLDeclaration: Sendable, Equatable {
    /// The version, `1.0` in practice.
    public var version: String
    /// The declared encoding as written, `nil` when not declared.
    public var encoding: String?
    /// The standalone flag, `nil` when not declared.
    public var standalone: Bool?

    /// Creates a declaration.
    public init(version: String = "1.0", encoding: String? = nil, standalone: Bool? = nil) {
        self.version = version
        self.encoding = encoding
        self.standalone = standalone
    }
}

/// A `<!DOCTYPE name PUBLIC "…" "…">` line. Only the name and external identifiers are kept; an internal
/// subset with entity declarations is refused by the parser.
///
/// ```swift
/// let doctype = XMLDoctype(name: "html", publicID: nil, systemID: nil)
/// print(doctype.name)  // html
/// ```
public struct XMLDoctype: Sendable, Equatable {
    /// The root element name given in the DOCTYPE.
    public var name: String
    /// The public identifier, when given.
    public var publicID: String?
    /// The system identifier, when given (never loaded).
    public var systemID: String?

    /// Creates a DOCTYPE.
    public init(name: String, publicID: String? = nil, systemID: String? = nil) {
        self.name = name
        self.publicID = publicID
        self.systemID = systemID
    }
}

/// A whole XML document: the declaration, what comes before the root (comments, processing instructions
/// such as `xml-stylesheet`, a DOCTYPE), the root element and what follows it.
///
/// ```swift
/// let document = try XMLDocument(parsing: Array("<a x='1'><b/>text</a>".utf8))
/// print(document.root.localName)             // a
/// print(document.root.attribute("x") ?? "")  // 1
/// print(String(decoding: document.serialized(), as: UTF8.self))
/// ```
public struct XMLDocument: Sendable, Equatable {
    /// The XML declaration, `nil` when the source had none.
    public var declaration: XMLDeclaration?
    /// A DOCTYPE line, when the source had one.
    public var doctype: XMLDoctype?
    /// Comments and processing instructions before the root element, in order.
    public var prolog: [XMLNode]
    /// The root element.
    public var root: XMLElement
    /// Comments and processing instructions after the root element, in order.
    public var epilog: [XMLNode]

    /// Creates a document around a root element.
    public init(
        root: XMLElement, declaration: XMLDeclaration? = XMLDeclaration(version: "1.0", encoding: "UTF-8"),
        doctype: XMLDoctype? = nil, prolog: [XMLNode] = [], epilog: [XMLNode] = []
    ) {
        self.root = root
        self.declaration = declaration
        self.doctype = doctype
        self.prolog = prolog
        self.epilog = epilog
    }
}
