/// One element of a parsed HL7 v2 abstract message structure: a segment, a group or a choice, with its
/// optionality and repetition.
///
/// ```swift
/// let nodes = try HL7v2StructureNode.parse("MSH [{SFT}] MSA [{ERR}]")
/// print(nodes.map(\.description).joined(separator: " "))   // MSH [{SFT}] MSA [{ERR}]
/// ```
public struct HL7v2StructureNode: Sendable, Hashable, CustomStringConvertible {
    /// What the element is.
    public enum Kind: Sendable, Hashable {
        /// A segment by id.
        case segment(String)
        /// A named (or anonymous, name empty) group of elements.
        case group(name: String, children: [HL7v2StructureNode])
        /// One of several alternative sequences.
        case choice([[HL7v2StructureNode]])
    }

    /// The element.
    public var kind: Kind
    /// `[ ]`: may be absent.
    public var isOptional: Bool
    /// `{ }`: may repeat.
    public var isRepeating: Bool

    /// The segment ids that can appear anywhere in this element (computed when parsed).
    public private(set) var segmentIDs: Set<String> = []
    /// The segment ids that can start this element (computed when parsed).
    public private(set) var firstIDs: Set<String> = []
    /// `true` when the element may match no segment at all (optional, or a group of optional elements).
    public private(set) var isNullable = false
    /// The first required segment id of the element (for messages about a missing group).
    public private(set) var firstRequiredID: String?

    init(kind: Kind, isOptional: Bool, isRepeating: Bool) {
        self.kind = kind
        self.isOptional = isOptional
        self.isRepeating = isRepeating
    }

    /// This element with its derived sets computed, children first.
    func compiled() -> HL7v2StructureNode {
        var node = self
        switch kind {
        case .segment(let id):
            node.segmentIDs = [id]
            node.firstIDs = [id]
            node.isNullable = isOptional
            node.firstRequiredID = id
        case .group(let name, let children):
            let done = children.map { $0.compiled() }
            node.kind = .group(name: name, children: done)
            node.segmentIDs = done.reduce(into: Set<String>()) { $0.formUnion($1.segmentIDs) }
            node.firstIDs = Self.firstIDs(of: done)
            node.isNullable = isOptional || done.allSatisfy(\.isNullable)
            node.firstRequiredID = (done.first { !$0.isNullable } ?? done.first)?.firstRequiredID
        case .choice(let alternatives):
            let done = alternatives.map { $0.map { $0.compiled() } }
            node.kind = .choice(done)
            node.segmentIDs = done.reduce(into: Set<String>()) { set, sequence in
                for element in sequence { set.formUnion(element.segmentIDs) }
            }
            node.firstIDs = done.reduce(into: Set<String>()) { $0.formUnion(Self.firstIDs(of: $1)) }
            node.isNullable = isOptional || done.contains { $0.allSatisfy(\.isNullable) }
            node.firstRequiredID = done.first?.first?.firstRequiredID
        }
        return node
    }

    static func firstIDs(of sequence: [HL7v2StructureNode]) -> Set<String> {
        var result = Set<String>()
        for node in sequence {
            result.formUnion(node.firstIDs)
            if !node.isNullable { break }
        }
        return result
    }

    public var description: String {
        var body: String
        switch kind {
        case .segment(let id): body = id
        case .group(let name, let children):
            body = (name.isEmpty ? "" : name + ": ") + children.map(\.description).joined(separator: " ")
        case .choice(let alternatives):
            body =
                "<" + alternatives.map { $0.map(\.description).joined(separator: " ") }.joined(separator: " | ") + ">"
        }
        if isRepeating { body = "{" + body + "}" }
        if isOptional { body = "[" + body + "]" }
        return body
    }

    /// A notation that cannot be parsed (a table error, not an input error).
    ///
    /// ```swift
    /// do { _ = try HL7v2StructureNode.parse("MSH [PID") } catch { print(error.offset) }
    /// ```
    public struct NotationError: Error, Sendable, Hashable {
        /// Where in the notation (UTF-8 offset).
        public var offset: Int
    }

    /// Parses the chapters' notation (`MSH [{SFT}] {GROUP: PID [PD1]} <OBR | RQD>`).
    /// - Throws: ``NotationError`` for unbalanced brackets or stray characters.
    public static func parse(_ notation: String) throws(NotationError) -> [HL7v2StructureNode] {
        var parser = NotationParser(bytes: Array(notation.utf8))
        return try parser.sequence(until: nil).map { $0.compiled() }
    }
}

private struct NotationParser {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    /// Reads elements until `close` (consumed) or the end (when `close` is nil); `|` ends a choice alternative.
    mutating func sequence(until close: UInt8?) throws(HL7v2StructureNode.NotationError) -> [HL7v2StructureNode] {
        var nodes: [HL7v2StructureNode] = []
        while true {
            skipSpaces()
            guard index < bytes.count else {
                if close == nil { return nodes }
                throw .init(offset: index)
            }
            let byte = bytes[index]
            if let close, byte == close || (close == 0x3E && byte == 0x7C) { return nodes }
            if close == nil, byte == 0x5D || byte == 0x7D || byte == 0x3E || byte == 0x7C {
                throw .init(offset: index)
            }
            nodes.append(try element())
        }
    }

    mutating func element() throws(HL7v2StructureNode.NotationError) -> HL7v2StructureNode {
        let byte = bytes[index]
        switch byte {
        case 0x5B, 0x7B:  // [ {
            let close: UInt8 = byte == 0x5B ? 0x5D : 0x7D
            index += 1
            skipSpaces()
            let name = groupName()
            let children = try sequence(until: close)
            index += 1
            var node: HL7v2StructureNode
            if children.count == 1, name.isEmpty {
                node = children[0]
            } else {
                node = HL7v2StructureNode(
                    kind: .group(name: name, children: children), isOptional: false, isRepeating: false)
            }
            if close == 0x5D {
                if node.isOptional {  // [[X]] — keep as is
                    return node
                }
                node.isOptional = true
            } else {
                if node.isRepeating && !node.isOptional { return node }
                if node.isOptional {  // {[X]}: a repeating optional element
                    node.isRepeating = true
                    return node
                }
                node.isRepeating = true
            }
            return node
        case 0x3C:  // <
            index += 1
            var alternatives: [[HL7v2StructureNode]] = []
            while true {
                let alternative = try sequence(until: 0x3E)
                alternatives.append(alternative)
                guard index < bytes.count else { throw .init(offset: index) }
                if bytes[index] == 0x7C {
                    index += 1
                    continue
                }
                index += 1  // >
                break
            }
            return HL7v2StructureNode(kind: .choice(alternatives), isOptional: false, isRepeating: false)
        default:
            let start = index
            while index < bytes.count, Self.isIDByte(bytes[index]) { index += 1 }
            guard index - start == 3 else { throw .init(offset: start) }
            let id = String(decoding: bytes[start..<index], as: UTF8.self)
            return HL7v2StructureNode(kind: .segment(id), isOptional: false, isRepeating: false)
        }
    }

    /// `NAME:` right after an opening bracket; empty when absent.
    mutating func groupName() -> String {
        var end = index
        while end < bytes.count, Self.isIDByte(bytes[end]) || bytes[end] == 0x5F { end += 1 }
        guard end < bytes.count, bytes[end] == 0x3A, end > index else { return "" }
        let name = String(decoding: bytes[index..<end], as: UTF8.self)
        index = end + 1
        return name
    }

    static func isIDByte(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) }
}
