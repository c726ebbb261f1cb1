import CLibXML2
import Glibc
import HICore

/// Everything that touches libxml2 directly: one-time initialisation, a safe per-call parse with error
/// capture through the parser context's own SAX handler (no global error handler), and node paths.
enum LibXML {
    /// libxml2's global initialisation, run once (Swift runs a static initialiser exactly once).
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parser options: no network, big line numbers; never NOENT, DTDLOAD, DTDATTR or HUGE.
    static let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// ``parseOptions`` plus COMPACT (short text nodes stored inside the node: one allocation less each, as
    /// `xmllint` does by default), for callers that only read the tree and free it, never edit its text.
    static let readOnlyParseOptions = parseOptions | Int32(XML_PARSE_COMPACT.rawValue)

    /// One error or warning reported by libxml2 during one call.
    struct Captured {
        var domain: Int32
        var code: Int32
        var level: xmlErrorLevel
        var line: Int
        var column: Int
        var message: String
        var node: xmlNodePtr?
    }

    /// Collects what libxml2 reports for one parse or validation; reached through the context's
    /// `_private` (parser) or the callback's user data (schemas).
    final class Sink {
        var captured: [Captured] = []
        var entityDeclared = false
        var entityLine = 0

        func add(_ error: xmlErrorPtr?) {
            guard let error, captured.count < 1000 else { return }
            let raw = error.pointee
            let message = raw.message.map { String(cString: $0) } ?? ""
            captured.append(
                Captured(
                    domain: raw.domain, code: raw.code, level: raw.level, line: Int(raw.line), column: Int(raw.int2),
                    message: message.trimmingTrailingNewlines(), node: raw.node?.assumingMemoryBound(to: xmlNode.self)))
        }
    }

    /// Parses `bytes` into a libxml2 document under the module's safety rules and hands it to `body`;
    /// the document is freed afterwards. `readOnly`: `body` only reads the tree (and may unlink and free
    /// nodes), so short text nodes may be stored compactly.
    ///
    /// With a `builder`, the tree-building SAX2 callbacks are replaced by the builder's: libxml2 builds no
    /// element, text or comment nodes, and `document` holds only the declaration and the DOCTYPE.
    static func withDocument<T>(
        _ bytes: [UInt8], options: XMLParsingOptions, readOnly: Bool = false,
        builder: UnsafeMutablePointer<SAXTreeBuilder>? = nil,
        _ body: (_ document: xmlDocPtr, _ declaredEncoding: String?) throws(XMLError) -> T
    ) throws(XMLError) -> T {
        _ = initialized
        let location = SourceLocation(file: options.sourceName)
        guard bytes.count <= options.maximumInputBytes else {
            throw XMLError(
                .inputTooLarge,
                "input of \(bytes.count) bytes is larger than the limit of \(options.maximumInputBytes)",
                at: location)
        }
        guard bytes.count <= Int(Int32.max) else {
            throw XMLError(.inputTooLarge, "input is larger than 2 GB", at: location)
        }
        // GB18030, GBK and ASCII are decoded here (glibc iconv through HICore) rather than by libxml2, whose
        // conversion errors go to its process-wide error channel instead of this call's handler.
        var input = bytes
        var encodingOverride: String? = nil
        var declaredName: String? = nil
        if let name = declaredEncoding(bytes), let charset = Charset(name: name),
            charset == .gb18030 || charset == .gbk || charset == .ascii
        {
            do {
                input = Array(try charset.decode(bytes).utf8)
            } catch {
                let position = LineIndex.lineAndColumn(of: error.byteOffset, in: bytes)
                throw XMLError(
                    .unsupportedEncoding,
                    "byte \(error.byteOffset) is not valid \(charset.ianaName) (declared encoding)",
                    at: SourceLocation(
                        file: options.sourceName, byteOffset: error.byteOffset, line: position.line,
                        column: position.column))
            }
            encodingOverride = "UTF-8"
            declaredName = name
        }
        if bytes.starts(with: [0, 0, 0, 0x3C]) || bytes.starts(with: [0x3C, 0, 0, 0])
            || bytes.starts(with: [0, 0, 0xFE, 0xFF]) || bytes.starts(with: [0x4C, 0x6F, 0xA7, 0x94])
        {
            throw XMLError(
                .unsupportedEncoding, "UCS-4 and EBCDIC input are not supported (use UTF-8, UTF-16 or GB18030)",
                at: location)
        }
        // UTF-16 is decoded here too, so that the attribute scan below reads ASCII-compatible bytes.
        if declaredName == nil, let charset = utf16Charset(bytes) {
            let hasMark = bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
            do {
                input = Array(try charset.decode(bytes.dropFirst(hasMark ? 2 : 0)).utf8)
            } catch {
                throw XMLError(
                    .unsupportedEncoding, "byte \(error.byteOffset) is not valid UTF-16",
                    at: SourceLocation(file: options.sourceName, byteOffset: error.byteOffset + (hasMark ? 2 : 0)))
            }
            encodingOverride = "UTF-8"
            declaredName = declaredEncoding(input)
        }
        if let crowded = crowding(
            input, attributeLimit: options.maximumAttributesPerElement,
            namespaceLimit: options.maximumNamespaceDeclarations)
        {
            let position = LineIndex.lineAndColumn(of: crowded.offset, in: input)
            throw XMLError(
                .tooManyAttributes,
                crowded.namespaces
                    ? "the document declares more than \(options.maximumNamespaceDeclarations) namespaces"
                    : "a start tag has more than \(options.maximumAttributesPerElement) attributes",
                at: SourceLocation(file: options.sourceName, line: position.line, column: position.column))
        }
        guard let context = xmlNewParserCtxt() else {
            throw XMLError(.libraryFailure, "libxml2 could not create a parser context", at: location)
        }
        defer { xmlFreeParserCtxt(context) }
        let sink = Sink()
        let state = UnsafeMutablePointer<ParseState>.allocate(capacity: 1)
        state.initialize(to: ParseState(sink: sink, builder: builder))
        defer {
            state.deinitialize(count: 1)
            state.deallocate()
        }
        context.pointee._private = UnsafeMutableRawPointer(state)
        if let sax = context.pointee.sax {
            sax.pointee.serror = { userData, error in
                ParseState.of(userData)?.pointee.sink.add(error)
            }
            sax.pointee.entityDecl = { userData, _, _, _, _, _ in
                guard let userData else { return }
                if let state = ParseState.of(userData) {
                    state.pointee.sink.entityDeclared = true
                    state.pointee.sink.entityLine = Int(xmlSAX2GetLineNumber(userData))
                }
                xmlStopParser(userData.assumingMemoryBound(to: xmlParserCtxt.self))
            }
            sax.pointee.unparsedEntityDecl = { userData, _, _, _, _ in
                guard let userData else { return }
                if let state = ParseState.of(userData) {
                    state.pointee.sink.entityDeclared = true
                    state.pointee.sink.entityLine = Int(xmlSAX2GetLineNumber(userData))
                }
                xmlStopParser(userData.assumingMemoryBound(to: xmlParserCtxt.self))
            }
            if builder != nil { installBuilder(sax) }
        }
        let document: xmlDocPtr? = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlCtxtReadMemory(
                        context, chars, Int32(buffer.count), nil, encodingOverride,
                        readOnly ? readOnlyParseOptions : parseOptions)
                }
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        if sink.entityDeclared {
            throw XMLError(
                .entityDeclarationRefused,
                "the DOCTYPE declares entities; entity declarations are refused (billion laughs, external entities)",
                at: SourceLocation(file: options.sourceName, line: sink.entityLine))
        }
        let fatal = sink.captured.first { $0.level == XML_ERR_FATAL || $0.level == XML_ERR_ERROR }
        if context.pointee.wellFormed == 0 || document == nil {
            throw error(from: fatal, options: options, bytes: bytes)
        }
        // libxml2 reports some problems as recoverable errors and still builds a tree (an entity that only
        // an unloaded external DTD could declare, in an attribute value): refuse those as well.
        if let recoverable = sink.captured.first(where: {
            $0.domain == Int32(XML_FROM_PARSER.rawValue) && ($0.level == XML_ERR_ERROR || $0.level == XML_ERR_FATAL)
        }) {
            throw error(from: recoverable, options: options, bytes: bytes)
        }
        if context.pointee.nsWellFormed == 0 && !options.allowsUndeclaredPrefixes {
            let namespaceError = sink.captured.first { $0.domain == Int32(XML_FROM_NAMESPACE.rawValue) }
            throw XMLError(
                .undeclaredNamespacePrefix,
                "namespace error: \(sanitized(namespaceError?.message ?? "a prefix is not declared"))",
                at: SourceLocation(file: options.sourceName, line: namespaceError?.line, column: namespaceError?.column)
            )
        }
        guard let document else { throw error(from: fatal, options: options, bytes: bytes) }
        return try body(document, declaredName)
    }

    /// What the callbacks of one parse reach through the context's `_private`: the error sink and, when
    /// the tree is built from SAX2 events, the builder.
    struct ParseState {
        let sink: Sink
        let builder: UnsafeMutablePointer<SAXTreeBuilder>?

        /// The state of the parse whose context is `userData`.
        static func of(_ userData: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ParseState>? {
            guard let userData else { return nil }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            return context.pointee._private?.assumingMemoryBound(to: ParseState.self)
        }

        /// The context and builder of the parse whose context is `userData`.
        @inline(__always)
        static func builder(
            _ userData: UnsafeMutableRawPointer?
        ) -> (xmlParserCtxtPtr, UnsafeMutablePointer<SAXTreeBuilder>)? {
            guard let userData else { return nil }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let builder = context.pointee._private?.assumingMemoryBound(to: ParseState.self).pointee.builder
            else { return nil }
            return (context, builder)
        }
    }

    /// Replaces the default SAX2 handlers that build libxml2's element, text, CDATA, comment, processing
    /// instruction and entity reference nodes by the builder's. The document, DOCTYPE and declaration
    /// handlers stay libxml2's own (they keep the internal subset's attribute declarations working).
    private static func installBuilder(_ sax: UnsafeMutablePointer<xmlSAXHandler>) {
        sax.pointee.startElementNs = {
            userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount,
            attributes in
            guard let (context, builder) = ParseState.builder(userData) else { return }
            builder.pointee.startElement(
                context, localName: localName, prefix: prefix, uri: uri, namespaceCount: namespaceCount,
                namespaces: namespaces, attributeCount: attributeCount, defaultedCount: defaultedCount,
                attributes: attributes)
        }
        sax.pointee.endElementNs = { userData, _, _, _ in
            ParseState.builder(userData)?.1.pointee.endElement()
        }
        let characters: charactersSAXFunc = { userData, bytes, count in
            guard let (context, builder) = ParseState.builder(userData) else { return }
            builder.pointee.characters(context, bytes, count)
        }
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        sax.pointee.cdataBlock = { userData, bytes, count in
            guard let (context, builder) = ParseState.builder(userData) else { return }
            builder.pointee.cdata(context, bytes, count)
        }
        sax.pointee.comment = { userData, value in
            guard let (context, builder) = ParseState.builder(userData) else { return }
            builder.pointee.comment(context, value)
        }
        sax.pointee.processingInstruction = { userData, target, data in
            guard let (context, builder) = ParseState.builder(userData) else { return }
            builder.pointee.processingInstruction(context, target, data)
        }
        sax.pointee.reference = { userData, name in
            guard let (context, builder) = ParseState.builder(userData) else { return }
            builder.pointee.reference(context, name)
        }
    }

    /// `true` for the reserved prefix `xml` (its declaration is never kept as a namespace node).
    static func isXMLPrefix(_ pointer: UnsafePointer<xmlChar>) -> Bool {
        pointer[0] == 0x78 && pointer[1] == 0x6D && pointer[2] == 0x6C && pointer[3] == 0
    }

    /// UTF-16 detected from a byte-order mark or from `<?` written in UTF-16.
    static func utf16Charset(_ bytes: [UInt8]) -> Charset? {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0, 0x3C, 0, 0x3F]) { return .utf16BE }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0, 0x3F, 0]) { return .utf16LE }
        return nil
    }

    /// The offset of the first start tag with more than `limit` attributes, found by a linear scan of
    /// ASCII-compatible bytes (comments, CDATA sections, processing instructions and declarations are
    /// skipped; quoted values are not counted).
    /// What the attribute scan found: the offset of the start tag, and whether namespace declarations
    /// (over the whole document) or attributes (on one element) were too many.
    struct Crowding {
        var offset: Int
        var namespaces: Bool
    }

    /// A linear scan of ASCII-compatible bytes for start tags with more than `attributeLimit` attributes,
    /// or for more than `namespaceLimit` namespace declarations in the whole input (libxml2 2.9 searches
    /// the declarations in scope linearly and checks attributes pairwise). Comments, CDATA sections,
    /// processing instructions and declarations are skipped; quoted values are not counted.
    static func crowding(_ bytes: [UInt8], attributeLimit limit: Int, namespaceLimit: Int) -> Crowding? {
        bytes.withUnsafeBufferPointer { buffer in
            crowding(buffer, attributeLimit: limit, namespaceLimit: namespaceLimit)
        }
    }

    /// ``crowding(_:attributeLimit:namespaceLimit:)`` over a buffer: `memchr` finds each `<`; every read is
    /// checked against the count.
    static func crowding(
        _ buffer: UnsafeBufferPointer<UInt8>, attributeLimit limit: Int, namespaceLimit: Int
    ) -> Crowding? {
        guard let base = buffer.baseAddress else { return nil }
        var namespaceCount = 0
        let count = buffer.count
        /// `true` when the ASCII `pattern` is at `index`.
        func matches(_ pattern: StaticString, at index: Int) -> Bool {
            let length = pattern.utf8CodeUnitCount
            guard index >= 0, index + length <= count else { return false }
            let pointer = pattern.utf8Start
            for offset in 0..<length where base[index + offset] != pointer[offset] { return false }
            return true
        }
        /// The offset of the first `byte` at or after `start`, or `count`.
        func next(_ byte: UInt8, from start: Int) -> Int {
            guard start < count, let found = memchr(base + start, Int32(byte), count - start) else { return count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        /// The offset just past the first `pattern` at or after `start`, or `count`.
        func find(_ pattern: StaticString, from start: Int) -> Int {
            let first = pattern.utf8Start.pointee
            var index = next(first, from: start)
            while index < count {
                if matches(pattern, at: index) { return index + pattern.utf8CodeUnitCount }
                index = next(first, from: index + 1)
            }
            return count
        }
        let lt = UInt8(ascii: "<")
        let gt = UInt8(ascii: ">")
        var index = next(lt, from: 0)
        while index < count {
            let nextByte = index + 1 < count ? base[index + 1] : 0
            if nextByte == UInt8(ascii: "!") {
                if matches("<!--", at: index) {
                    index = find("-->", from: index + 4)
                } else if matches("<![CDATA[", at: index) {
                    index = find("]]>", from: index + 9)
                } else {
                    var inSubset = false
                    index += 2
                    while index < count {
                        let byte = base[index]
                        if byte == UInt8(ascii: "[") {
                            inSubset = true
                        } else if byte == UInt8(ascii: "]") {
                            inSubset = false
                        } else if byte == gt && !inSubset {
                            break
                        }
                        index += 1
                    }
                    index += 1
                }
                index = next(lt, from: index)
                continue
            }
            if nextByte == UInt8(ascii: "?") {
                index = next(lt, from: find("?>", from: index + 2))
                continue
            }
            let start = index
            var attributes = 0
            index += 1
            while index < count {
                let byte = base[index]
                if byte == 0x22 || byte == 0x27 {
                    // A quoted value: jump to its closing quote (the end of the input when it never closes).
                    index = next(byte, from: index + 1)
                } else if byte == UInt8(ascii: "=") {
                    attributes += 1
                    if attributes > limit { return Crowding(offset: start, namespaces: false) }
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D, matches("xmlns", at: index + 1)
                {
                    namespaceCount += 1
                    if namespaceCount > namespaceLimit { return Crowding(offset: start, namespaces: true) }
                } else if byte == gt {
                    break
                }
                index += 1
            }
            index = next(lt, from: index + 1)
        }
        return nil
    }

    /// The `encoding` pseudo-attribute of an XML declaration written in an ASCII-compatible encoding
    /// (no byte-order mark), when there is one.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let limit = min(bytes.count, 256)
        guard let end = (5..<limit).first(where: { bytes[$0] == UInt8(ascii: "?") }) else { return nil }
        let declaration = Array(bytes[0..<end])
        let key = Array("encoding".utf8)
        guard declaration.count > key.count,
            let start = (0...(declaration.count - key.count)).first(where: {
                Array(declaration[$0..<($0 + key.count)]) == key
            })
        else { return nil }
        var index = start + key.count
        while index < declaration.count,
            declaration[index] == 0x20 || declaration[index] == 0x3D
                || declaration[index] == 0x09 || declaration[index] == 0x0A || declaration[index] == 0x0D
        {
            index += 1
        }
        guard index < declaration.count, declaration[index] == 0x22 || declaration[index] == 0x27 else { return nil }
        let quote = declaration[index]
        index += 1
        var value: [UInt8] = []
        while index < declaration.count, declaration[index] != quote {
            value.append(declaration[index])
            index += 1
        }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }

    /// Maps libxml2's first fatal error to an ``XMLError``.
    static func error(from captured: Captured?, options: XMLParsingOptions, bytes: [UInt8]) -> XMLError {
        guard let captured else {
            let code: XMLError.Code = bytes.isEmpty ? .emptyDocument : .notWellFormed
            return XMLError(code, "the input is not an XML document", at: SourceLocation(file: options.sourceName))
        }
        let location = SourceLocation(
            file: options.sourceName, line: captured.line > 0 ? captured.line : nil,
            column: captured.column > 0 ? captured.column : nil)
        let message = captured.message
        if message.contains("Excessive depth") || message.contains("depth") && message.contains("HUGE") {
            return XMLError(.tooDeep, "elements nest deeper than 256 levels", at: location)
        }
        if message.contains("huge text node") || message.contains("too long") || message.contains("too big") {
            return XMLError(
                .textTooLarge, "a text node or name is larger than libxml2's limit of 10,000,000 bytes", at: location)
        }
        if captured.code == Int32(XML_ERR_DOCUMENT_EMPTY.rawValue) {
            return XMLError(.emptyDocument, "the input holds no root element", at: location)
        }
        if captured.code == Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue)
            || captured.code == Int32(XML_ERR_INVALID_ENCODING.rawValue)
            || captured.code == Int32(XML_ERR_INVALID_CHAR.rawValue) && message.contains("encoding")
            || captured.domain == Int32(XML_FROM_I18N.rawValue)
        {
            return XMLError(.unsupportedEncoding, "encoding error: \(sanitized(message))", at: location)
        }
        return XMLError(.notWellFormed, "not well-formed: \(sanitized(message))", at: location)
    }

    /// Removes quoted document values from a libxml2 message, keeping quoted XML names.
    static func sanitized(_ message: String) -> String {
        // libxml2 appends the offending bytes ("Bytes: 0xC3 0x28 …") to encoding errors: drop them.
        var message = message
        if let bytesIndex = message.firstIndex(of: "\n") { message = String(message[..<bytesIndex]) }
        var result = ""
        var quoted = ""
        var inQuote = false
        var previous = ""
        for character in message {
            if character == "'" {
                if inQuote {
                    let keep = looksLikeName(quoted) && !previous.hasSuffix("value ") && !previous.hasSuffix("value: ")
                    result += keep ? "'\(quoted)'" : "'…'"
                    quoted = ""
                    inQuote = false
                } else {
                    previous = String(result.suffix(8))
                    inQuote = true
                }
            } else if inQuote {
                quoted.append(character)
            } else {
                result.append(character)
            }
        }
        if inQuote { result += "'…" }
        return result
    }

    /// An ASCII XML name, QName or `{namespace}name`, as schema messages quote element and type names.
    static func looksLikeName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic || first == "{" || first == "_"
        else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_-.:{}/#".unicodeScalars.contains(scalar))
        }
    }

    /// The XPath-like location of a libxml2 node (same form as ``XMLDocument/forEachElement(_:)``).
    static func path(of node: xmlNodePtr?) -> String? {
        guard var current = node else { return nil }
        if current.pointee.type == XML_ATTRIBUTE_NODE, let parent = current.pointee.parent {
            let name = qualifiedName(current)
            return (path(of: parent) ?? "") + "/@" + name
        }
        var steps: [String] = []
        while current.pointee.type == XML_ELEMENT_NODE {
            let name = qualifiedName(current)
            var position = 0
            var total = 0
            var sibling = current.pointee.parent?.pointee.children
            while let node = sibling {
                if node.pointee.type == XML_ELEMENT_NODE, qualifiedName(node) == name {
                    total += 1
                    if node == current { position = total }
                }
                sibling = node.pointee.next
            }
            steps.append(total > 1 ? "\(name)[\(position)]" : name)
            guard let parent = current.pointee.parent else { break }
            current = parent
        }
        return steps.isEmpty ? nil : "/" + steps.reversed().joined(separator: "/")
    }

    static func qualifiedName(_ node: xmlNodePtr) -> String {
        let local = node.pointee.name.map { String(cString: $0) } ?? ""
        if let prefix = node.pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }

    /// `true` when the NUL-terminated name holds a `:` (a qualified name kept whole by libxml2), checked
    /// before any `String` is made.
    static func containsColon(_ pointer: UnsafePointer<xmlChar>?) -> Bool {
        guard let pointer else { return false }
        return UnsafeRawPointer(pointer).withMemoryRebound(to: CChar.self, capacity: 1) { strchr($0, 0x3A) != nil }
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last == "\n" || copy.last == "\r" { copy.removeLast() }
        return copy
    }
}
