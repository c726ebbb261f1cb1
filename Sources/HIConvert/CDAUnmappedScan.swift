import HIModels
import HIXML

/// Finds what of a source document the models did not hold: every attribute value and text of the source that
/// the document written back from the models does not reproduce (at the same element path, indices ignored).
/// Descriptive and structural attributes (`codeSystemName`, `classCode`, `moodCode` …) and comments are left out.
enum CDAUnmappedScan {
    /// Attributes whose values are fixed by the schema or restate another attribute.
    static let ignoredAttributes: Set<String> = [
        "codeSystemName", "classCode", "moodCode", "typeCode", "contextControlCode", "determinerCode",
        "inversionInd", "negationInd", "contextConductionInd",
    ]

    /// One leaf value of an element.
    private struct Leaf: Hashable {
        var path: String
        var name: String
        var value: String
    }

    /// The unmapped items (path and reason, no values) and the fragments (path and source values) of `source`
    /// that `regenerated` does not reproduce.
    static func scan(source: XMLElement, regenerated: XMLElement, maximumItems: Int = 10_000) -> (
        items: [UnmappedItem], fragments: [UnmappedFragment]
    ) {
        var available: [Leaf: Int] = [:]
        collect(regenerated, path: "") { leaf, _, _ in available[leaf, default: 0] += 1 }
        var items: [UnmappedItem] = []
        var fragments: [UnmappedFragment] = []
        var missingByElement: [String: (names: [String], values: [String])] = [:]
        var order: [String] = []
        collect(source, path: "") { leaf, xpath, _ in
            if let count = available[leaf], count > 0 {
                available[leaf] = count - 1
                return
            }
            if missingByElement[xpath] == nil {
                guard order.count < maximumItems else { return }
                order.append(xpath)
                missingByElement[xpath] = ([], [])
            }
            missingByElement[xpath]?.names.append(leaf.name)
            missingByElement[xpath]?.values.append(leaf.name == "text()" ? leaf.value : "@\(leaf.name)=\(leaf.value)")
        }
        for xpath in order {
            guard let missing = missingByElement[xpath] else { continue }
            let names = missing.names.map { $0 == "text()" ? "text" : "@" + $0 }.joined(separator: ", ")
            items.append(UnmappedItem(path: xpath, reason: "\(names) not held by the models"))
            fragments.append(UnmappedFragment(path: xpath, text: missing.values.joined(separator: " ")))
        }
        return (items, fragments)
    }

    /// Calls `visit` for every attribute and non-blank text of `element` and its descendants, with the general
    /// path (no indices) in the leaf and the indexed XPath of the element. Iterative: no recursion depth limit.
    private static func collect(_ root: XMLElement, path: String, _ visit: (Leaf, String, Int) -> Void) {
        var stack: [(element: XMLElement, general: String, xpath: String)] = [
            (root, path + "/" + root.localName, path + "/" + root.localName)
        ]
        while let (element, general, xpath) = stack.popLast() {
            for attribute in element.attributes where !ignoredAttributes.contains(attribute.localName) {
                let name = attribute.prefix.map { $0 + ":" + attribute.localName } ?? attribute.localName
                visit(Leaf(path: general, name: name, value: attribute.value), xpath, 0)
            }
            var text = ""
            var counts: [String: Int] = [:]
            var totals: [String: Int] = [:]
            for child in element.children {
                if case .element(let child) = child { totals[child.localName, default: 0] += 1 }
            }
            var children: [(XMLElement, String, String)] = []
            for child in element.children {
                switch child {
                case .element(let child):
                    let index = counts[child.localName, default: 0] + 1
                    counts[child.localName] = index
                    let step = (totals[child.localName] ?? 1) > 1 ? "\(child.localName)[\(index)]" : child.localName
                    children.append((child, general + "/" + child.localName, xpath + "/" + step))
                case .text(let value), .cdata(let value):
                    text += value
                default:
                    continue
                }
            }
            let trimmed = trim(text)
            if !trimmed.isEmpty { visit(Leaf(path: general, name: "text()", value: trimmed), xpath, 0) }
            stack.append(contentsOf: children.reversed())
        }
    }

    private static func trim(_ text: String) -> String {
        let bytes = Array(text.utf8)
        func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
