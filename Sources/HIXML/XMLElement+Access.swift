extension XMLElement {
    /// The child elements in order.
    ///
    /// ```swift
    /// let names = element.elements.map(\.localName)
    /// ```
    public var elements: [XMLElement] {
        children.compactMap(\.element)
    }

    /// `true` when this element has `localName` and, when `namespace` is given, that namespace.
    public func isNamed(_ localName: String, namespace: String? = nil) -> Bool {
        self.localName == localName && (namespace == nil || namespaceURI == namespace)
    }

    /// The first child element called `localName` (in `namespace` when given).
    ///
    /// ```swift
    /// let title = document.root.firstChild("title")?.text
    /// ```
    public func firstChild(_ localName: String, namespace: String? = nil) -> XMLElement? {
        for child in children {
            if case .element(let element) = child, element.isNamed(localName, namespace: namespace) {
                return element
            }
        }
        return nil
    }

    /// All child elements called `localName` (in `namespace` when given), in order.
    public func children(_ localName: String, namespace: String? = nil) -> [XMLElement] {
        var result: [XMLElement] = []
        for child in children {
            if case .element(let element) = child, element.isNamed(localName, namespace: namespace) {
                result.append(element)
            }
        }
        return result
    }

    /// Follows a path of local names through first matching children: `element.descendant("a", "b")`.
    public func descendant(_ path: String...) -> XMLElement? { descendant(path: path) }

    /// Follows a path of local names through first matching children.
    public func descendant(path: [String]) -> XMLElement? {
        var current = self
        for name in path {
            guard let next = current.firstChild(name) else { return nil }
            current = next
        }
        return current
    }

    /// The value of the attribute `localName` (in `namespace`; unprefixed attributes have none).
    ///
    /// ```swift
    /// let root = element.attribute("root")
    /// let type = element.attribute("type", namespace: XMLNamespaceDeclaration.xsi)
    /// ```
    public func attribute(_ localName: String, namespace: String? = nil) -> String? {
        for attribute in attributes where attribute.localName == localName && attribute.namespaceURI == namespace {
            return attribute.value
        }
        return nil
    }

    /// Sets (or, with `nil`, removes) an unprefixed attribute, keeping its position when it exists.
    public mutating func setAttribute(_ localName: String, _ value: String?) {
        setAttribute(localName, prefix: nil, namespace: nil, value)
    }

    /// Sets (or, with `nil`, removes) an attribute in `namespace`, written with `prefix` when added.
    public mutating func setAttribute(_ localName: String, prefix: String?, namespace: String?, _ value: String?) {
        if let index = attributes.firstIndex(where: { $0.localName == localName && $0.namespaceURI == namespace }) {
            if let value {
                attributes[index].value = value
            } else {
                attributes.remove(at: index)
            }
        } else if let value {
            attributes.append(XMLAttribute(localName, prefix: prefix, namespaceURI: namespace, value: value))
        }
    }

    /// The character data directly inside this element (text and CDATA children joined), `nil` when the
    /// element has none. Setting it replaces all children with one text node (`nil` removes them).
    public var text: String? {
        get {
            var result: String? = nil
            for child in children {
                if let data = child.characterData { result = (result ?? "") + data }
            }
            return result
        }
        set {
            children = newValue.map { [.text($0)] } ?? []
        }
    }

    /// All character data inside this element and its descendants, in document order.
    public var textContent: String {
        var result = ""
        func collect(_ element: XMLElement) {
            for child in element.children {
                switch child {
                case .text(let text), .cdata(let text): result += text
                case .element(let inner): collect(inner)
                default: break
                }
            }
        }
        collect(self)
        return result
    }

    /// Replaces the first child element called `localName` with `element`, removes it (`nil`), or, when
    /// there is none, inserts `element` after the last child whose local name comes earlier in `order`
    /// (or at the end when `order` does not name it). `order` lists the schema's child sequence.
    public mutating func setChild(_ localName: String, _ element: XMLElement?, order: [String] = []) {
        if let index = children.firstIndex(where: { $0.element?.localName == localName }) {
            if let element {
                children[index] = .element(element)
            } else {
                children.remove(at: index)
            }
            return
        }
        guard let element else { return }
        insertChild(element, order: order)
    }

    /// Replaces all child elements called `localName` with `elements`, keeping the position of the first
    /// (or placing them by `order` when there were none).
    public mutating func setChildren(_ localName: String, _ elements: [XMLElement], order: [String] = []) {
        let position = children.firstIndex(where: { $0.element?.localName == localName })
        children.removeAll { $0.element?.localName == localName }
        if let position {
            let insertAt = min(position, children.count)
            children.insert(contentsOf: elements.map { .element($0) }, at: insertAt)
        } else {
            for element in elements { insertChild(element, order: order) }
        }
    }

    /// Inserts `element` after the last child element that comes no later than it in `order`.
    public mutating func insertChild(_ element: XMLElement, order: [String]) {
        guard let rank = order.firstIndex(of: element.localName) else {
            children.append(.element(element))
            return
        }
        var insertAt = 0
        var sawLater = false
        for (index, child) in children.enumerated() {
            guard let name = child.element?.localName else { continue }
            if let childRank = order.firstIndex(of: name), childRank > rank {
                sawLater = true
                break
            }
            insertAt = index + 1
        }
        if !sawLater { insertAt = children.count }
        children.insert(.element(element), at: insertAt)
    }

    /// Creates an element in this element's namespace, written with this element's prefix.
    public func makeChild(_ localName: String) -> XMLElement {
        XMLElement(localName, prefix: prefix, namespaceURI: namespaceURI)
    }
}

extension XMLDocument {
    /// Calls `body` for every element in document order with its XPath-like location
    /// (`/ClinicalDocument/component/structuredBody/component[2]/section`). A position `[n]` is added when
    /// the parent has more than one child of that name.
    ///
    /// ```swift
    /// document.forEachElement { element, path in print(path, element.line ?? 0) }
    /// ```
    public func forEachElement(_ body: (XMLElement, String) -> Void) {
        XMLPath.walk(root, path: "/" + root.qualifiedName, body)
    }

    /// Calls `body` for every node (elements, text, CDATA, comments, processing instructions) under the
    /// root in document order, with XPath-like locations: `/a/b[2]`, `/a/b[2]/text()[1]`, `/a/comment()[1]`,
    /// `/a/processing-instruction()[1]`.
    ///
    /// ```swift
    /// document.forEachNode { node, path in if case .comment = node { print(path) } }
    /// ```
    public func forEachNode(_ body: (XMLNode, String) -> Void) {
        let rootPath = "/" + root.qualifiedName
        body(.element(root), rootPath)
        XMLPath.walkNodes(root, path: rootPath, body)
    }

    /// The element at an XPath-like location produced by ``forEachElement(_:)``.
    public func element(at path: String) -> XMLElement? {
        var steps = path.split(separator: "/").map(String.init)
        guard !steps.isEmpty, XMLPath.step(steps.removeFirst()).name == root.qualifiedName else { return nil }
        var current = root
        for step in steps {
            let (name, position) = XMLPath.step(step)
            let matches = current.elements.filter { $0.qualifiedName == name }
            guard position >= 1, position <= matches.count else { return nil }
            current = matches[position - 1]
        }
        return current
    }
}

/// XPath-like location strings for elements.
enum XMLPath {
    static func walk(_ element: XMLElement, path: String, _ body: (XMLElement, String) -> Void) {
        body(element, path)
        var counts: [String: Int] = [:]
        for child in element.elements { counts[child.qualifiedName, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for child in element.elements {
            let name = child.qualifiedName
            seen[name, default: 0] += 1
            let step = (counts[name] ?? 0) > 1 ? "\(name)[\(seen[name] ?? 1)]" : name
            walk(child, path: path + "/" + step, body)
        }
    }

    static func walkNodes(_ element: XMLElement, path: String, _ body: (XMLNode, String) -> Void) {
        var counts: [String: Int] = [:]
        for child in element.elements { counts[child.qualifiedName, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for child in element.children {
            let key: String
            switch child {
            case .element(let inner): key = inner.qualifiedName
            case .text, .cdata: key = "text()"
            case .comment: key = "comment()"
            case .processingInstruction: key = "processing-instruction()"
            }
            seen[key, default: 0] += 1
            let position = seen[key] ?? 1
            let step: String
            if case .element = child {
                step = (counts[key] ?? 0) > 1 ? "\(key)[\(position)]" : key
            } else {
                step = "\(key)[\(position)]"
            }
            body(child, path + "/" + step)
            if case .element(let inner) = child { walkNodes(inner, path: path + "/" + step, body) }
        }
    }

    static func step(_ text: String) -> (name: String, position: Int) {
        guard text.hasSuffix("]"), let open = text.firstIndex(of: "[") else { return (text, 1) }
        let number = text[text.index(after: open)..<text.index(before: text.endIndex)]
        return (String(text[..<open]), Int(number) ?? 0)
    }
}
