import CLibXML2
import Glibc
import HICore

/// Builds the value tree straight from libxml2's SAX2 callbacks, so no libxml2 DOM is allocated, walked
/// and freed. Produces exactly what ``TreeConverter`` produces from the DOM (the differential tests check
/// this on every sample and corpus file): the same nodes, text runs merged as libxml2's tree builder merges
/// them, the same lines, and the same located errors for the depth and text-size limits.
///
/// Names reach the callbacks as pointers into the parser's dictionary (one pointer per distinct name in a
/// parse), so each distinct name becomes a `String` once per document (``NameCache``). Children of the
/// open elements wait in one shared stack (`nodes`) and become one exactly sized array when their element
/// ends. After the first limit violation nothing more is built; the parse goes on only so that libxml2's
/// own errors keep precedence (as with the DOM) and so that the error path can count later siblings.
struct SAXTreeBuilder {
    /// An open element.
    private struct Frame {
        var localName: String
        var prefix: String?
        var namespaceURI: String?
        var declarations: [XMLNamespaceDeclaration]
        var attributes: [XMLAttribute]
        var line: Int
        /// Where this element's children start in `nodes`.
        var childStart: Int
    }

    /// The first limit violation, with what is needed to name its path once the parse has ended.
    private struct Failure {
        var code: XMLError.Code
        var reason: String
        var line: Int
        /// Qualified name, position among same-named siblings so far, and their total, from the root down.
        var chain: [(name: String, position: Int, total: Int)]
        /// `@name` for an attribute, `nil` otherwise.
        var suffix: String?
        /// How many levels of `chain` are still open (their later siblings are still counted).
        var intact: Int
    }

    let options: XMLParsingOptions
    private var names = NameCache()
    private var frames: [Frame] = []
    private var nodes = NodeStack()
    private var prolog: [XMLNode] = []
    private var epilog: [XMLNode] = []
    private var root: XMLElement? = nil
    /// What the pending run in `text` is.
    private enum Pending { case none, text, cdata }
    /// The pending run: consecutive `characters` callbacks, or consecutive CDATA sections, merged into
    /// one node as libxml2's tree builder merges them.
    private var pending = Pending.none
    private var text = TextRunBuffer()
    /// Strings for repeated attribute values and text runs too long to be stored inline in a `String`
    /// (OIDs, code system names, indentation): one allocation per distinct value and document.
    private var values = ValueCache()
    private var textLine = 0
    private var failure: Failure? = nil
    /// `failure != nil`, as a plain flag for the hot paths.
    private var failed = false
    /// The element depth while skipping after a failure.
    private var skippedDepth = 0

    init(options: XMLParsingOptions) {
        self.options = options
        frames.reserveCapacity(32)
    }

    /// Frees the pending nodes (those of an unfinished parse); call once, before the builder goes away.
    mutating func release() {
        nodes.release()
        text.release()
    }

    // MARK: Callbacks

    mutating func startElement(
        _ context: xmlParserCtxtPtr, localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
        uri: UnsafePointer<xmlChar>?, namespaceCount: Int32, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int32, defaultedCount: Int32, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        if pending != .none { flushText() }
        if failed {
            skippedDepth += 1
            countLaterSibling(localName: localName, prefix: prefix)
            return
        }
        let line = Int(xmlSAX2GetLineNumber(context))
        let dictionary = context.pointee.dict
        let local = names.string(localName, dictionary)
        let prefixString = prefix.map { names.string($0, dictionary) }
        let depth = frames.count + 1
        guard depth <= options.maximumDepth else {
            fail(
                .tooDeep, "elements nest deeper than the limit of \(options.maximumDepth) levels", line: line,
                starting: qualified(local, prefixString))
            return
        }
        var declarations: [XMLNamespaceDeclaration] = []
        if namespaceCount > 0, let namespaces {
            declarations.reserveCapacity(Int(namespaceCount))
            for index in 0..<Int(namespaceCount) {
                let declaredPrefix = namespaces[2 * index]
                if let declaredPrefix, LibXML.isXMLPrefix(declaredPrefix) { continue }
                declarations.append(
                    XMLNamespaceDeclaration(
                        prefix: declaredPrefix.map { names.string($0, dictionary) },
                        uri: namespaces[2 * index + 1].map { names.string($0, dictionary) } ?? ""))
            }
        }
        var attributeList: [XMLAttribute] = []
        let specified = Int(attributeCount) - Int(defaultedCount)
        if specified > 0, let attributes {
            attributeList.reserveCapacity(specified)
            for index in 0..<specified {
                let base = 5 * index
                let attributeName = names.string(attributes[base], dictionary)
                let attributePrefix = attributes[base + 1].map { names.string($0, dictionary) }
                let attributeURI = attributes[base + 2].map { names.string($0, dictionary) }
                var length = 0
                if let start = attributes[base + 3], let end = attributes[base + 4] {
                    length = start.distance(to: end)
                }
                let value = Self.attributeValue(attributes[base + 3], length: length, cache: &values)
                guard length <= options.maximumTextBytes || value.utf8.count <= options.maximumTextBytes else {
                    fail(
                        .textTooLarge,
                        "a text of \(value.utf8.count) bytes is larger than the limit of \(options.maximumTextBytes)",
                        line: line, starting: qualified(local, prefixString),
                        suffix: "@" + qualified(attributeName, attributePrefix))
                    return
                }
                attributeList.append(
                    XMLAttribute(attributeName, prefix: attributePrefix, namespaceURI: attributeURI, value: value))
            }
        }
        frames.append(
            Frame(
                localName: local, prefix: prefixString, namespaceURI: uri.map { names.string($0, dictionary) },
                declarations: declarations, attributes: attributeList, line: line, childStart: nodes.count))
    }

    mutating func endElement() {
        if pending != .none { flushText() }
        if failed {
            if skippedDepth <= (failure?.intact ?? 0) { failure?.intact = skippedDepth - 1 }
            skippedDepth -= 1
            return
        }
        guard let frame = frames.popLast() else { return }
        let children = nodes.moveOut(from: frame.childStart)
        let element = XMLElement(
            frame.localName, prefix: frame.prefix, namespaceURI: frame.namespaceURI,
            namespaceDeclarations: frame.declarations, attributes: frame.attributes, children: children,
            line: frame.line > 0 ? frame.line : nil)
        if frames.isEmpty {
            root = element
        } else {
            nodes.append(.element(element))
        }
    }

    mutating func characters(_ context: xmlParserCtxtPtr, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
        guard !failed, !frames.isEmpty, let bytes, count > 0 else { return }
        if pending != .text {
            if pending != .none { flushText() }
            pending = .text
            textLine = Int(xmlSAX2GetLineNumber(context))
        }
        text.append(bytes, count: Int(count))
    }

    mutating func cdata(_ context: xmlParserCtxtPtr, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
        guard !failed, !frames.isEmpty else { return }
        if pending != .cdata {
            if pending != .none { flushText() }
            pending = .cdata
            textLine = Int(xmlSAX2GetLineNumber(context))
        }
        if let bytes, count > 0 { text.append(bytes, count: Int(count)) }
    }

    mutating func comment(_ context: xmlParserCtxtPtr, _ value: UnsafePointer<xmlChar>?) {
        guard !failed, context.pointee.inSubset == 0 else { return }
        if pending != .none { flushText() }
        guard !failed else { return }
        let content = value.map { String(cString: $0) } ?? ""
        guard checkSize(content.utf8.count, line: Int(xmlSAX2GetLineNumber(context))) else { return }
        append(.comment(content))
    }

    mutating func processingInstruction(
        _ context: xmlParserCtxtPtr, _ target: UnsafePointer<xmlChar>?, _ data: UnsafePointer<xmlChar>?
    ) {
        guard !failed, context.pointee.inSubset == 0 else { return }
        if pending != .none { flushText() }
        guard !failed else { return }
        let content = data.map { String(cString: $0) } ?? ""
        guard checkSize(content.utf8.count, line: Int(xmlSAX2GetLineNumber(context))) else { return }
        append(.processingInstruction(target: target.map { String(cString: $0) } ?? "", data: content))
    }

    /// An entity that only an external DTD could declare (libxml2 accepts it when the DOCTYPE names one);
    /// external DTDs are never loaded, so the text cannot be known: refused.
    mutating func reference(_ context: xmlParserCtxtPtr, _ name: UnsafePointer<xmlChar>?) {
        guard !failed, context.pointee.inSubset == 0 else { return }
        if pending != .none { flushText() }
        guard !failed else { return }
        fail(
            .notWellFormed,
            "reference to the entity '\(name.map { String(cString: $0) } ?? "")', which only an external DTD "
                + "declares (external DTDs are never loaded)", line: Int(xmlSAX2GetLineNumber(context)))
    }

    // MARK: Result

    /// The document, once libxml2 has accepted the input; `document` is the near-empty libxml2 document
    /// (declaration and DOCTYPE only) the default SAX2 handlers made.
    mutating func finish(_ document: xmlDocPtr, bytes: [UInt8]) throws(XMLError) -> XMLDocument {
        if let failure {
            var path =
                "/"
                + failure.chain.map { $0.total > 1 ? "\($0.name)[\($0.position)]" : $0.name }
                .joined(separator: "/")
            if let suffix = failure.suffix { path += (failure.chain.isEmpty ? "" : "/") + suffix }
            throw XMLError(
                failure.code, failure.reason,
                at: SourceLocation(
                    file: options.sourceName, path: path, line: failure.line > 0 ? failure.line : nil))
        }
        guard let root else {
            throw XMLError(
                .emptyDocument, "the input holds no root element", at: SourceLocation(file: options.sourceName))
        }
        var doctype: XMLDoctype? = nil
        if let dtd = document.pointee.intSubset {
            doctype = XMLDoctype(
                name: LibXML.string(dtd.pointee.name) ?? "", publicID: LibXML.string(dtd.pointee.ExternalID),
                systemID: LibXML.string(dtd.pointee.SystemID))
        }
        return XMLDocument(
            root: root, declaration: TreeConverter.declaration(of: document, bytes: bytes), doctype: doctype,
            prolog: prolog, epilog: epilog)
    }

    // MARK: Helpers

    private mutating func append(_ node: XMLNode) {
        if !frames.isEmpty {
            nodes.append(node)
        } else if root == nil {
            prolog.append(node)
        } else {
            epilog.append(node)
        }
    }

    private mutating func flushText() {
        let kind = pending
        pending = .none
        defer { text.removeAll() }
        guard checkSize(text.count, line: textLine) else { return }
        let string = values.string(text.bytes)
        nodes.append(kind == .cdata ? .cdata(string) : .text(string))
    }

    /// `false` (and the failure recorded) when `length` is over the text limit.
    private mutating func checkSize(_ length: Int, line: Int) -> Bool {
        guard length > options.maximumTextBytes else { return true }
        fail(
            .textTooLarge, "a text of \(length) bytes is larger than the limit of \(options.maximumTextBytes)",
            line: line)
        return false
    }

    private func qualified(_ local: String, _ prefix: String?) -> String {
        prefix.map { $0 + ":" + local } ?? local
    }

    /// Records the first failure inside the open elements, or (with `starting`) on the element being
    /// started, whose depth is then counted as open; building stops.
    private mutating func fail(
        _ code: XMLError.Code, _ reason: String, line: Int, starting: String? = nil, suffix: String? = nil
    ) {
        var chain: [(name: String, position: Int, total: Int)] = []
        var parentStart = -1
        for frame in frames {
            let name = qualified(frame.localName, frame.prefix)
            let position = parentStart < 0 ? 1 : sameNamed(name, in: parentStart..<frame.childStart) + 1
            chain.append((name, position, position))
            parentStart = frame.childStart
        }
        if let starting {
            let position = parentStart < 0 ? 1 : sameNamed(starting, in: parentStart..<nodes.count) + 1
            chain.append((starting, position, position))
        }
        failed = true
        failure = Failure(
            code: code, reason: reason, line: line, chain: chain, suffix: suffix, intact: chain.count)
        skippedDepth = starting == nil ? frames.count : frames.count + 1
        frames.removeAll()
        nodes.truncate(to: 0)
        text.removeAll()
        pending = .none
    }

    /// How many elements named `name` are among `nodes[range]`.
    private func sameNamed(_ name: String, in range: Range<Int>) -> Int {
        var count = 0
        for index in range {
            if case .element(let element) = nodes[index], element.qualifiedName == name { count += 1 }
        }
        return count
    }
    /// After a failure: an element started at `skippedDepth` whose ancestors are the failure's open chain
    /// is a later sibling of the chain's element at that level.
    private mutating func countLaterSibling(localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?) {
        guard let current = failure, skippedDepth <= current.chain.count, current.intact == skippedDepth - 1
        else { return }
        let local = LibXML.string(localName) ?? ""
        let name = qualified(local, LibXML.string(prefix))
        if current.chain[skippedDepth - 1].name == name { failure?.chain[skippedDepth - 1].total += 1 }
    }

    /// An attribute value as libxml2 hands it to SAX2 without entity substitution: `&` (written `&amp;` or
    /// `&#38;`) arrives as `&#38;`, which the DOM builder turns back into `&`; every other reference has
    /// been replaced already (or refused as an error).
    static func attributeValue(
        _ start: UnsafePointer<xmlChar>?, length: Int, cache: inout ValueCache
    ) -> String {
        guard let start, length > 0 else { return "" }
        let buffer = UnsafeBufferPointer(start: start, count: length)
        guard memchr(start, 0x26, length) != nil else { return cache.string(buffer) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(length)
        var index = 0
        while index < length {
            let byte = buffer[index]
            if byte == 0x26, index + 4 < length, buffer[index + 1] == 0x23, buffer[index + 2] == 0x33,
                buffer[index + 3] == 0x38, buffer[index + 4] == 0x3B
            {
                decoded.append(0x26)
                index += 5
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}

/// `String`s for the parser dictionary's name pointers: libxml2 hands every occurrence of a name as the
/// same pointer during one parse, so each distinct name is decoded once. Pointers the dictionary does not
/// own are decoded every time (never cached).
struct NameCache {
    private var table = StringTable()

    mutating func string(_ pointer: UnsafePointer<xmlChar>?, _ dictionary: xmlDictPtr?) -> String {
        guard let pointer else { return "" }
        let key = UInt64(UInt(bitPattern: pointer))
        let found = table.find(key)
        if let index = found.index { return table.strings[index] }
        let string = String(cString: pointer)
        if let slot = found.slot, let dictionary, xmlDictOwns(dictionary, pointer) == 1 {
            table.insert(string, key: key, slot: slot)
        }
        return string
    }
}

/// `String`s for repeated byte runs of up to 64 bytes (attribute values, text runs): found by their bytes
/// (up to 8) or a hash of them (compared in full), so that a value seen before in the document costs a
/// lookup instead of UTF-8 validation and, over 15 bytes, an allocation.
struct ValueCache {
    private var table = StringTable()

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 0, count <= 64, let base = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let raw = UnsafeRawPointer(base)
        var key: UInt64
        if count <= 7 {
            // The bytes themselves (and the count): equal keys are equal values.
            key = UInt64(count) << 56
            for index in 0..<count { key |= UInt64(base[index]) << (8 * UInt64(index)) }
            let found = table.find(key)
            if let index = found.index { return table.strings[index] }
            let string = String(decoding: bytes, as: UTF8.self)
            if let slot = found.slot { table.insert(string, key: key, slot: slot) }
            return string
        }
        key = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= count {
            key = (key ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            key ^= key >> 29
            offset += 8
        }
        key = (key ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53
        key ^= key >> 32
        key |= 0x8000_0000_0000_0000  // never a short key, never 0
        key &= ~(0x7F << 56)
        let found = table.find(key)
        if let index = found.index {
            let candidate = table.strings[index]
            let same =
                candidate.utf8.count == count
                && candidate.utf8.withContiguousStorageIfAvailable { stored in
                    stored.baseAddress.map { memcmp($0, base, count) == 0 } ?? false
                } == true
            // A hash collision decodes without caching.
            return same ? candidate : String(decoding: bytes, as: UTF8.self)
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if let slot = found.slot { table.insert(string, key: key, slot: slot) }
        return string
    }
}

/// An open-addressing table from non-zero 64-bit keys to strings, for one parse: 512 slots, at most 256
/// entries, at most 8 probes; when full, callers decode without caching.
struct StringTable {
    private static let slotCount = 512
    private var keys: [UInt64] = StringTable.zeroed(StringTable.slotCount)
    private var indices: [Int32] = StringTable.zeroed(StringTable.slotCount)
    private(set) var strings: [String] = []

    /// The index in `strings` of the entry with `key`, or the free slot to insert it at (`nil` when the
    /// probe sequence or the table is full).
    @inline(__always)
    func find(_ key: UInt64) -> (index: Int?, slot: Int?) {
        let mask = Self.slotCount - 1
        var slot = Int(truncatingIfNeeded: ((key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        for _ in 0..<8 {
            let found = keys[slot]
            if found == key {
                let index = Int(indices[slot])
                return index < strings.count ? (index, nil) : (nil, nil)
            }
            if found == 0 { return (nil, strings.count < Self.slotCount / 2 ? slot : nil) }
            slot = (slot + 1) & mask
        }
        return (nil, nil)
    }

    /// `count` zeros, written by one `memset` (one table is made per parse).
    private static func zeroed<T: FixedWidthInteger>(_ count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { memset(base, 0, count * MemoryLayout<T>.stride) }
            initialized = count
        }
    }

    mutating func insert(_ string: String, key: UInt64, slot: Int) {
        guard slot >= 0, slot < Self.slotCount, keys[slot] == 0 else { return }
        keys[slot] = key
        indices[slot] = Int32(strings.count)
        strings.append(string)
    }
}

/// A growable byte buffer in manually managed storage (the pending text run).
struct TextRunBuffer {
    private var storage: UnsafeMutablePointer<UInt8>? = nil
    private var capacity = 0
    private(set) var count = 0

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: storage == nil ? 0 : count) }

    mutating func append(_ bytes: UnsafePointer<UInt8>, count added: Int) {
        guard added > 0 else { return }
        if count + added > capacity {
            let newCapacity = Swift.max(256, Swift.max(capacity * 2, count + added))
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            if let storage {
                grown.initialize(from: storage, count: count)
                storage.deallocate()
            }
            storage = grown
            capacity = newCapacity
        }
        guard let storage else { return }
        (storage + count).initialize(from: bytes, count: added)
        count += added
    }

    /// Empties the buffer, keeping its storage.
    mutating func removeAll() {
        count = 0
    }

    mutating func release() {
        storage?.deallocate()
        storage = nil
        capacity = 0
        count = 0
    }
}

/// The children of the open elements, one run after another, in manually managed storage so that an
/// element's children are moved (not copied and released) into their exactly sized array when it ends.
struct NodeStack {
    private var storage: UnsafeMutablePointer<XMLNode>? = nil
    private var capacity = 0
    private(set) var count = 0

    subscript(index: Int) -> XMLNode {
        guard let storage, index >= 0, index < count else { return .text("") }
        return storage[index]
    }

    mutating func append(_ node: XMLNode) {
        if count == capacity { grow() }
        guard let storage else { return }
        (storage + count).initialize(to: node)
        count += 1
    }

    /// The nodes from `start` to the end, moved out into an array; the stack ends at `start` afterwards.
    mutating func moveOut(from start: Int) -> [XMLNode] {
        guard let storage, start >= 0, start < count else { return [] }
        let moved = count - start
        let result = [XMLNode](unsafeUninitializedCapacity: moved) { buffer, initialized in
            if let base = buffer.baseAddress { base.moveInitialize(from: storage + start, count: moved) }
            initialized = moved
        }
        count = start
        return result
    }

    /// Drops the nodes from `length` on.
    mutating func truncate(to length: Int) {
        guard let storage, length >= 0, length < count else { return }
        (storage + length).deinitialize(count: count - length)
        count = length
    }

    mutating func release() {
        truncate(to: 0)
        storage?.deallocate()
        storage = nil
        capacity = 0
    }

    private mutating func grow() {
        let newCapacity = Swift.max(256, capacity * 2)
        let grown = UnsafeMutablePointer<XMLNode>.allocate(capacity: newCapacity)
        if let storage {
            grown.moveInitialize(from: storage, count: count)
            storage.deallocate()
        }
        storage = grown
        capacity = newCapacity
    }
}
