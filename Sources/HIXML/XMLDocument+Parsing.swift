import CLibXML2
import HICore

extension XMLDocument {
    /// Reads an XML document from bytes in any encoding libxml2 detects or the declaration names (UTF-8,
    /// UTF-16 with a byte-order mark, GB18030, GBK …), under the safety rules of this module: no network,
    /// no DTD loading, entity declarations refused, bounded input size, depth and text size. Parsing is
    /// safe on several threads at once; libxml2's errors are captured per call.
    ///
    /// - Parameters:
    ///   - bytes: the document.
    ///   - options: limits and policies.
    /// - Throws: ``XMLError`` with the line and column of the first problem.
    ///
    /// ```swift
    /// let document = try XMLDocument(parsing: Array(#"<?xml version="1.0"?><a><b>1</b></a>"#.utf8))
    /// print(document.root.firstChild("b")?.text ?? "")  // 1
    /// ```
    public init(parsing bytes: [UInt8]) throws(XMLError) {
        try self.init(parsing: bytes, options: XMLParsingOptions())
    }

    /// Reads an XML document from bytes with the given limits and policies (see ``init(parsing:)``).
    public init(parsing bytes: [UInt8], options: XMLParsingOptions) throws(XMLError) {
        let builder = UnsafeMutablePointer<SAXTreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: SAXTreeBuilder(options: options))
        defer {
            builder.pointee.release()
            builder.deinitialize(count: 1)
            builder.deallocate()
        }
        self = try LibXML.withDocument(bytes, options: options, builder: builder) {
            (document, declaredEncoding) throws(XMLError) -> XMLDocument in
            var result = try builder.pointee.finish(document, bytes: bytes)
            if let declaredEncoding { result.declaration?.encoding = declaredEncoding }
            return result
        }
    }

    /// Reads a document through libxml2's DOM and ``TreeConverter`` (the way ``init(parsing:options:)``
    /// worked before it built the tree from SAX2 events): the reference the differential tests compare
    /// the SAX2 builder with.
    init(parsingThroughDOM bytes: [UInt8], options: XMLParsingOptions) throws(XMLError) {
        self = try LibXML.withDocument(bytes, options: options, readOnly: true) {
            (document, declaredEncoding) throws(XMLError) -> XMLDocument in
            var converter = TreeConverter(options: options)
            var result = try converter.convert(document, bytes: bytes)
            if let declaredEncoding { result.declaration?.encoding = declaredEncoding }
            return result
        }
    }
}

/// Turns a libxml2 tree into the value tree, enforcing the depth and text-size limits.
///
/// Each element's converted children are freed (with their subtrees) as soon as the element itself has
/// been converted, so the peak memory is about the larger of the two trees rather than their sum. The
/// siblings of every open element are still in the libxml2 tree, so error paths count them directly.
struct TreeConverter {
    let options: XMLParsingOptions

    init(options: XMLParsingOptions) { self.options = options }

    mutating func convert(_ document: xmlDocPtr, bytes: [UInt8]) throws(XMLError) -> XMLDocument {
        var prolog: [XMLNode] = []
        var epilog: [XMLNode] = []
        var doctype: XMLDoctype? = nil
        var root: XMLElement? = nil
        var node = document.pointee.children
        while let current = node {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                root = try element(current, depth: 1)
            case XML_DTD_NODE:
                let dtd = UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlDtd.self)
                doctype = XMLDoctype(
                    name: LibXML.string(dtd.pointee.name) ?? "", publicID: LibXML.string(dtd.pointee.ExternalID),
                    systemID: LibXML.string(dtd.pointee.SystemID))
            default:
                if let converted = try leaf(current) {
                    if root == nil { prolog.append(converted) } else { epilog.append(converted) }
                }
            }
            node = current.pointee.next
        }
        guard let root else {
            throw XMLError(
                .emptyDocument, "the input holds no root element", at: SourceLocation(file: options.sourceName))
        }
        return XMLDocument(
            root: root, declaration: Self.declaration(of: document, bytes: bytes), doctype: doctype, prolog: prolog,
            epilog: epilog)
    }

    /// The XML declaration libxml2 read, when the bytes have one (libxml2 reports defaults otherwise).
    static func declaration(of document: xmlDocPtr, bytes: [UInt8]) -> XMLDeclaration? {
        guard hasDeclaration(bytes) else { return nil }
        let standalone = document.pointee.standalone
        return XMLDeclaration(
            version: LibXML.string(document.pointee.version) ?? "1.0",
            encoding: LibXML.string(document.pointee.encoding),
            standalone: standalone == 1 ? true : standalone == 0 ? false : nil)
    }

    /// `true` when the bytes start (after a byte-order mark) with `<?xml`, in a single-byte or UTF-16 form.
    static func hasDeclaration(_ bytes: [UInt8]) -> Bool {
        let ascii: [UInt8] = Array("<?xml".utf8)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if bytes[start...].starts(with: ascii) { return true }
        if bytes.starts(with: [0xFE, 0xFF]) { return bytes.dropFirst(2).starts(with: [0, 0x3C, 0, 0x3F]) }
        if bytes.starts(with: [0xFF, 0xFE]) { return bytes.dropFirst(2).starts(with: [0x3C, 0, 0x3F, 0]) }
        return bytes.starts(with: [0, 0x3C, 0, 0x3F]) || bytes.starts(with: [0x3C, 0, 0x3F, 0])
    }

    private func location(_ node: xmlNodePtr) -> SourceLocation {
        let line = Int(xmlGetLineNo(node))
        return SourceLocation(file: options.sourceName, path: path(of: node), line: line > 0 ? line : nil)
    }

    /// The XPath-like path of a node still in the libxml2 tree.
    private func path(of node: xmlNodePtr) -> String {
        var steps: [String] = []
        var current: xmlNodePtr? = node
        if node.pointee.type == XML_ATTRIBUTE_NODE {
            steps.append("@" + LibXML.qualifiedName(node))
            current = node.pointee.parent
        } else if node.pointee.type != XML_ELEMENT_NODE {
            current = node.pointee.parent
        }
        var chain: [xmlNodePtr] = []
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            chain.append(element)
            current = element.pointee.parent
        }
        // chain is innermost first; depth of chain[i] (root = 1) is chain.count - i.
        for element in chain {
            let name = LibXML.qualifiedName(element)
            var position = 0
            var total = 0
            var sibling = element.pointee.parent?.pointee.children
            while let candidate = sibling {
                if candidate.pointee.type == XML_ELEMENT_NODE, LibXML.qualifiedName(candidate) == name {
                    total += 1
                    if candidate == element { position = total }
                }
                sibling = candidate.pointee.next
            }
            steps.append(total > 1 ? "\(name)[\(position)]" : name)
        }
        return "/" + steps.reversed().joined(separator: "/")
    }

    private mutating func checked(_ text: String, _ node: xmlNodePtr) throws(XMLError) -> String {
        guard text.utf8.count <= options.maximumTextBytes else {
            throw XMLError(
                .textTooLarge,
                "a text of \(text.utf8.count) bytes is larger than the limit of \(options.maximumTextBytes)",
                at: location(node))
        }
        return text
    }

    private mutating func content(_ node: xmlNodePtr) throws(XMLError) -> String {
        try checked(LibXML.string(node.pointee.content) ?? "", node)
    }

    private mutating func leaf(_ node: xmlNodePtr) throws(XMLError) -> XMLNode? {
        switch node.pointee.type {
        case XML_TEXT_NODE: return .text(try content(node))
        case XML_CDATA_SECTION_NODE: return .cdata(try content(node))
        case XML_COMMENT_NODE: return .comment(try content(node))
        case XML_PI_NODE:
            return .processingInstruction(target: LibXML.string(node.pointee.name) ?? "", data: try content(node))
        case XML_ENTITY_REF_NODE:
            // An entity that only an external DTD could declare (libxml2 accepts it when the DOCTYPE names
            // one); external DTDs are never loaded, so the text cannot be known: refuse.
            throw XMLError(
                .notWellFormed,
                "reference to the entity '\(LibXML.string(node.pointee.name) ?? "")', which only an external DTD "
                    + "declares (external DTDs are never loaded)", at: location(node))
        default: return nil
        }
    }

    private mutating func element(_ node: xmlNodePtr, depth: Int) throws(XMLError) -> XMLElement {
        // Read the line first: for lines past 65535 libxml2 derives it from the following text nodes.
        let line = Int(xmlGetLineNo(node))
        guard depth <= options.maximumDepth else {
            throw XMLError(
                .tooDeep, "elements nest deeper than the limit of \(options.maximumDepth) levels", at: location(node))
        }
        var (prefix, localName) = (
            LibXML.string(node.pointee.ns?.pointee.prefix), LibXML.string(node.pointee.name) ?? ""
        )
        let namespaceURI = LibXML.string(node.pointee.ns?.pointee.href)
        if node.pointee.ns == nil, LibXML.containsColon(node.pointee.name), let colon = localName.firstIndex(of: ":") {
            // An undeclared prefix (accepted in lenient mode): libxml2 keeps the qualified name.
            prefix = String(localName[..<colon])
            localName = String(localName[localName.index(after: colon)...])
        }
        var declarations: [XMLNamespaceDeclaration] = []
        var namespace = node.pointee.nsDef
        while let current = namespace {
            declarations.append(
                XMLNamespaceDeclaration(
                    prefix: LibXML.string(current.pointee.prefix), uri: LibXML.string(current.pointee.href) ?? ""))
            namespace = current.pointee.next
        }
        var attributes: [XMLAttribute] = []
        var property = node.pointee.properties
        if property != nil {
            var attributeCount = 0
            while let attribute = property {
                attributeCount += 1
                property = attribute.pointee.next
            }
            attributes.reserveCapacity(attributeCount)
            property = node.pointee.properties
        }
        while let attribute = property {
            var value = ""
            var child = attribute.pointee.children
            while let text = child {
                value += LibXML.string(text.pointee.content) ?? ""
                child = text.pointee.next
            }
            var name = LibXML.string(attribute.pointee.name) ?? ""
            var attributePrefix = LibXML.string(attribute.pointee.ns?.pointee.prefix)
            if attribute.pointee.ns == nil, LibXML.containsColon(attribute.pointee.name),
                let colon = name.firstIndex(of: ":")
            {
                attributePrefix = String(name[..<colon])
                name = String(name[name.index(after: colon)...])
            }
            let attributeNode = UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)
            attributes.append(
                XMLAttribute(
                    name, prefix: attributePrefix, namespaceURI: LibXML.string(attribute.pointee.ns?.pointee.href),
                    value: try checked(value, attributeNode)))
            property = attribute.pointee.next
        }
        var childCount = 0
        var child = node.pointee.children
        while let current = child {
            childCount += 1
            child = current.pointee.next
        }
        var children: [XMLNode] = []
        children.reserveCapacity(childCount)
        var hasElementChildren = false
        child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                children.append(.element(try element(current, depth: depth + 1)))
                hasElementChildren = true
            } else if let converted = try leaf(current) {
                children.append(converted)
            }
            child = current.pointee.next
        }
        // Converted: free the element children's libxml2 subtrees now to keep the peak memory down (their
        // own children were freed when they were converted).
        if hasElementChildren {
            child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                if current.pointee.type == XML_ELEMENT_NODE {
                    xmlUnlinkNode(current)
                    xmlFreeNode(current)
                }
            }
        }
        return XMLElement(
            localName, prefix: prefix, namespaceURI: namespaceURI, namespaceDeclarations: declarations,
            attributes: attributes, children: children, line: line > 0 ? line : nil)
    }
}
