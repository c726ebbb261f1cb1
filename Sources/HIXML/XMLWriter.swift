public import HICore

/// How ``XMLDocument/serialized(options:)`` writes a document.
///
/// ```swift
/// var options = XMLWritingOptions()
/// options.encoding = .gb18030
/// options.indentation = .pretty(spaces: 2)
/// let bytes = try document.serialized(options: options)
/// ```
public struct XMLWritingOptions: Sendable {
    /// How white space between elements is written.
    ///
    /// ```swift
    /// let indentation = XMLWritingOptions.Indentation.pretty(spaces: 2)
    /// ```
    public enum Indentation: Sendable, Equatable {
        /// Write text nodes exactly as they are (the default; lossless).
        case preserve
        /// Drop white-space-only text between elements and indent each element on its own line; elements
        /// with other text (mixed content such as narrative) are written unchanged.
        case pretty(spaces: Int)
    }

    /// The output encoding; UTF-8 by default. The declaration names it.
    public var encoding: Charset = .utf8
    /// White-space handling.
    public var indentation: Indentation = .preserve
    /// Write an XML declaration even when the source had none (always done for encodings other than UTF-8).
    public var alwaysWritesDeclaration = false

    /// The defaults: UTF-8, white space preserved.
    public init() {}
}

extension XMLDocument {
    /// Writes the document as UTF-8 bytes with white space preserved (never fails).
    ///
    /// ```swift
    /// let bytes = document.serialized()
    /// ```
    /// The document is written in its declared encoding when that is one ``Charset`` knows and every
    /// character fits (so an `encoding="GB18030"` document stays GB18030), otherwise in UTF-8.
    public func serialized() -> [UInt8] {
        if let name = declaration?.encoding, let charset = Charset(name: name), charset != .utf8 {
            var options = XMLWritingOptions()
            options.encoding = charset
            if let bytes = try? serialized(options: options) { return bytes }
        }
        var copy = self
        if let name = copy.declaration?.encoding, Charset(name: name) != .utf8 { copy.declaration?.encoding = "UTF-8" }
        var writer = XMLWriter(indentation: .preserve)
        writer.write(copy, encodingName: copy.declaration?.encoding)
        return writer.output
    }

    /// Writes the document with the given options.
    ///
    /// - Throws: ``XMLError/Code/encodingFailed`` when a character cannot be written in the encoding.
    ///
    /// ```swift
    /// var options = XMLWritingOptions()
    /// options.encoding = .gb18030
    /// let bytes = try document.serialized(options: options)
    /// ```
    public func serialized(options: XMLWritingOptions) throws(XMLError) -> [UInt8] {
        var writer = XMLWriter(indentation: options.indentation)
        var copy = self
        if options.encoding != .utf8 || options.alwaysWritesDeclaration || copy.declaration != nil {
            var declaration = copy.declaration ?? XMLDeclaration()
            if declaration.encoding.flatMap({ Charset(name: $0) }) != options.encoding {
                declaration.encoding = options.encoding.ianaName
            }
            copy.declaration = declaration
        }
        writer.write(copy, encodingName: copy.declaration?.encoding)
        if options.encoding == .utf8 { return writer.output }
        let text = String(decoding: writer.output, as: UTF8.self)
        do {
            var bytes = try options.encoding.encode(text)
            if options.encoding == .utf16BE { bytes.insert(contentsOf: [0xFE, 0xFF], at: 0) }
            if options.encoding == .utf16LE { bytes.insert(contentsOf: [0xFF, 0xFE], at: 0) }
            return bytes
        } catch {
            throw XMLError(
                .encodingFailed, "a character cannot be written in \(options.encoding.ianaName)",
                at: SourceLocation(byteOffset: error.byteOffset))
        }
    }
}

extension XMLElement {
    /// Writes this element alone (no declaration) as UTF-8, white space preserved.
    public func serialized() -> [UInt8] {
        var writer = XMLWriter(indentation: .preserve)
        writer.write(self, level: 0)
        return writer.output
    }
}

/// Byte-level XML writer.
struct XMLWriter {
    var output: [UInt8] = []
    let indentation: XMLWritingOptions.Indentation

    init(indentation: XMLWritingOptions.Indentation) {
        self.indentation = indentation
        output.reserveCapacity(1 << 16)
    }

    private var pretty: Bool {
        if case .pretty = indentation { return true }
        return false
    }

    private mutating func append(_ text: String) { output.append(contentsOf: text.utf8) }

    private mutating func newline(level: Int) {
        guard case .pretty(let spaces) = indentation else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: max(0, spaces) * level))
    }

    mutating func write(_ document: XMLDocument, encodingName: String?) {
        if let declaration = document.declaration {
            append("<?xml version=\"\(declaration.version)\"")
            if let encodingName { append(" encoding=\"\(encodingName)\"") }
            if let standalone = declaration.standalone {
                append(standalone ? " standalone=\"yes\"" : " standalone=\"no\"")
            }
            append("?>\n")
        }
        if let doctype = document.doctype {
            append("<!DOCTYPE \(doctype.name)")
            if let publicID = doctype.publicID {
                append(" PUBLIC \"\(publicID)\" \"\(doctype.systemID ?? "")\"")
            } else if let systemID = doctype.systemID {
                append(" SYSTEM \"\(systemID)\"")
            }
            append(">\n")
        }
        for node in document.prolog {
            write(node, level: 0)
            output.append(0x0A)
        }
        write(document.root, level: 0)
        for node in document.epilog {
            output.append(0x0A)
            write(node, level: 0)
        }
        output.append(0x0A)
    }

    mutating func write(_ node: XMLNode, level: Int) {
        switch node {
        case .element(let element): write(element, level: level)
        case .text(let text): escape(text, attribute: false)
        case .cdata(let text):
            // "]]>" cannot appear inside one CDATA section: split it across two.
            append("<![CDATA[")
            let bytes = Array(text.utf8)
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x5D, index + 2 < bytes.count, bytes[index + 1] == 0x5D, bytes[index + 2] == 0x3E {
                    append("]]]]><![CDATA[>")
                    index += 3
                } else {
                    output.append(bytes[index])
                    index += 1
                }
            }
            append("]]>")
        case .comment(let text): append("<!--\(text)-->")
        case .processingInstruction(let target, let data):
            append(data.isEmpty ? "<?\(target)?>" : "<?\(target) \(data)?>")
        }
    }

    /// Namespace bindings in scope (prefix → URI; `""` is the default namespace), innermost last: a flat
    /// list searched from the end (a document declares a handful), each element's own appended on entry and
    /// removed on exit.
    private var bindings: [(prefix: String, uri: String)] = [("xml", XMLNamespaceDeclaration.xml)]

    private func binding(_ prefix: String) -> String? {
        var index = bindings.count
        while index > 0 {
            index -= 1
            if bindings[index].prefix == prefix { return bindings[index].uri }
        }
        return nil
    }

    /// The element's own declarations plus any needed so that its name and attributes mean what the tree
    /// says (elements built in code carry a namespace but no declaration). Parsed trees need none.
    private func declarations(for element: XMLElement) -> [XMLNamespaceDeclaration] {
        var result = element.namespaceDeclarations
        /// The binding of `prefix` on this element (its declarations, the last one winning) or in scope.
        func bound(_ prefix: String) -> String? {
            var index = result.count
            while index > 0 {
                index -= 1
                if (result[index].prefix ?? "") == prefix { return result[index].uri }
            }
            return binding(prefix)
        }
        if let prefix = element.prefix {
            if let uri = element.namespaceURI, bound(prefix) != uri {
                result.append(XMLNamespaceDeclaration(prefix: prefix, uri: uri))
            }
        } else if (bound("") ?? "") != (element.namespaceURI ?? "") {
            result.append(XMLNamespaceDeclaration(prefix: nil, uri: element.namespaceURI ?? ""))
        }
        for attribute in element.attributes {
            guard let prefix = attribute.prefix, let uri = attribute.namespaceURI, prefix != "xml" else { continue }
            if bound(prefix) != uri {
                result.append(XMLNamespaceDeclaration(prefix: prefix, uri: uri))
            }
        }
        return result
    }

    private mutating func appendName(prefix: String?, localName: String) {
        if let prefix {
            output.append(contentsOf: prefix.utf8)
            output.append(0x3A)
        }
        output.append(contentsOf: localName.utf8)
    }

    mutating func write(_ element: XMLElement, level: Int) {
        output.append(0x3C)
        appendName(prefix: element.prefix, localName: element.localName)
        let declarations = declarations(for: element)
        let scopeStart = bindings.count
        for declaration in declarations {
            bindings.append((declaration.prefix ?? "", declaration.uri))
            append(" xmlns")
            if let prefix = declaration.prefix {
                output.append(0x3A)
                output.append(contentsOf: prefix.utf8)
            }
            append("=\"")
            escape(declaration.uri, attribute: true)
            output.append(0x22)
        }
        defer { bindings.removeSubrange(scopeStart...) }
        for attribute in element.attributes {
            output.append(0x20)
            appendName(prefix: attribute.prefix, localName: attribute.localName)
            append("=\"")
            escape(attribute.value, attribute: true)
            output.append(0x22)
        }
        if element.children.isEmpty {
            append("/>")
            return
        }
        append(">")
        // Element-only content (at least one child element, other children white space) is re-indented;
        // text-only and mixed content is written as it is.
        let elementOnly =
            pretty && element.children.contains { $0.element != nil }
            && element.children.allSatisfy { $0.element != nil || $0.isWhitespace }
        if elementOnly {
            for child in element.children where !child.isWhitespace {
                newline(level: level + 1)
                write(child, level: level + 1)
            }
            newline(level: level)
        } else {
            for child in element.children { write(child, level: level + 1) }
        }
        append("</")
        appendName(prefix: element.prefix, localName: element.localName)
        output.append(0x3E)
    }

    private mutating func escape(_ text: String, attribute: Bool) {
        // Most values need no escaping: copy them whole.
        let plain = text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            for byte in buffer {
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x0D: return false
                case UInt8(ascii: "\""), 0x0A, 0x09: if attribute { return false }
                default: continue
                }
            }
            output.append(contentsOf: buffer)
            return true
        }
        if plain == true { return }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\"") where attribute: append("&quot;")
            case 0x0D: append("&#13;")
            case 0x0A where attribute: append("&#10;")
            case 0x09 where attribute: append("&#9;")
            default: output.append(byte)
            }
        }
    }
}
