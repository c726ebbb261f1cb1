import HICDA
import HIConvert
import HICore
import HIModels
import HIXML

/// CDA helpers shared by the primary-care documents: project data elements, parsing and serialising.
///
/// ```swift
/// print(PrimaryCareCDA.localCodeSystem)
/// ```
public enum PrimaryCareCDA {
    /// The code system of the project's own data elements (`HI.REF.nn`, `HI.FU.nn`): an OID under the UUID arc
    /// `2.25` (ITU-T X.667), so it needs no registration and clashes with no national code.
    public static let localCodeSystem = "2.25.163052118373294540618209536917262310341"
    /// The identifier root for practitioner ids written in the documents.
    static let practitionerRoot = "2.16.156.10011.1.4"

    static func coded(_ id: String, _ name: String, _ code: String, _ display: String?) -> WSItem {
        WSItem(
            id: id, name: name,
            value: .coded(CD(code: code, codeSystem: localCodeSystem, displayName: display), type: "CD"),
            codeSystem: localCodeSystem)
    }

    static func string(_ id: String, _ name: String, _ text: String) -> WSItem {
        WSItem(id: id, name: name, value: .string(text), codeSystem: localCodeSystem)
    }

    static func code(_ item: WSItem?) -> String? {
        if case .coded(let value, _)? = item?.value { return value.code }
        return nil
    }

    static func text(_ item: WSItem?) -> String? {
        guard let value = item?.value else { return nil }
        if case .string(let text) = value { return text }
        return value.isEmpty ? nil : value.displayText
    }

    /// Appends items to the section of `kind` (created when missing).
    static func append(_ items: [WSItem], to kind: WSSectionKind, in content: inout WSDocument) {
        guard !items.isEmpty else { return }
        if let index = content.sections.firstIndex(where: { $0.kind.code == kind.code && $0.kind.title == kind.title })
        {
            content.sections[index].items += items
            content.sections[index].text = nil
        } else {
            content.sections.append(WSSection(kind: kind, items: items))
        }
    }

    static func parse(_ bytes: [UInt8]) throws(ConversionError) -> ClinicalDocument {
        do {
            return try ClinicalDocument(parsing: bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not a CDA document: \(error.reason)", at: error.location)
        }
    }

    static func serialize(_ document: ClinicalDocument) throws(ConversionError) -> [UInt8] {
        var writing = XMLWritingOptions()
        writing.alwaysWritesDeclaration = true
        writing.indentation = .pretty(spaces: 2)
        do {
            return try document.serialized(options: writing)
        } catch {
            throw ConversionError(.unsupportedTarget, "the document could not be serialized: \(error.reason)")
        }
    }
}

extension PrimaryCareCDA {
    /// `true` for a dotted-decimal OID.
    static func isOID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first >= 0x30, first <= 0x32, bytes.contains(0x2E) else { return false }
        return bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E } && bytes.last != 0x2E
    }
}

extension PrimaryCareCDA {
    /// Removes the unmapped items and fragments (XPaths from ``CDAModelReader``) that a primary-care codec reads
    /// itself: entries whose observation code is in `codes` (a code, or a prefix ending in `.`), the code, title
    /// and narrative of sections whose entries are all such, and (with `author`) the document author.
    static func consume(
        _ report: inout ConversionReport, _ fragments: inout [UnmappedFragment], in document: ClinicalDocument,
        codes: [String], author: Bool
    ) {
        func isConsumedCode(_ code: String?) -> Bool {
            guard let code else { return false }
            return codes.contains { $0.hasSuffix(".") ? code.hasPrefix($0) : code == $0 }
        }
        func entryCode(_ entry: XMLElement) -> String? {
            entry.elements.first?.firstChild("code")?.attribute("code")
        }
        func isConsumed(_ path: String) -> Bool {
            if author, path.hasPrefix("/ClinicalDocument/author/") { return true }
            var steps = path.split(separator: "/").map(String.init)
            guard steps.first == "ClinicalDocument" else { return false }
            steps.removeFirst()
            var element = document.element
            var section: XMLElement?
            for step in steps {
                if step.hasPrefix("@") { break }
                var name = step
                var index = 1
                if let open = step.firstIndex(of: "["), let close = step.firstIndex(of: "]"), open < close {
                    name = String(step[..<open])
                    index = Int(step[step.index(after: open)..<close]) ?? 1
                }
                let matches = element.children(name)
                guard index >= 1, index <= matches.count else { return false }
                element = matches[index - 1]
                if name == "entry" { return isConsumedCode(entryCode(element)) }
                if name == "section" { section = element }
            }
            if let section {
                let entries = section.children("entry")
                // The narrative is written from the entries: it changes as soon as one of them is ours.
                if steps.last == "text" { return entries.contains { isConsumedCode(entryCode($0)) } }
                return !entries.isEmpty && entries.allSatisfy { isConsumedCode(entryCode($0)) }
            }
            return false
        }
        report.unmapped.removeAll { isConsumed($0.path) }
        fragments.removeAll { isConsumed($0.path) }
    }
}
