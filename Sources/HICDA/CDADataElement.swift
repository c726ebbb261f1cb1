public import HICore
import HIXML

/// One WS 363 data element found in a document's body: an observation whose code is in
/// `2.16.156.10011.2.2.1` (`DE04.10.174.00` 收缩压 …), with its value and where it was found.
///
/// ```swift
/// for element in document.dataElements {
///     print(element.id, element.name ?? "", element.value?.displayText ?? "")
/// }
/// ```
public struct CDADataElement: Sendable, Equatable {
    /// The data element identifier (`DE04.10.174.00`).
    public var id: String
    /// The display name written in the document (vendor spellings vary).
    public var name: String?
    /// The value (`nil` when the observation has none).
    public var value: CDAValue?
    /// The code of the section it is in (LOINC).
    public var sectionCode: String?
    /// The XPath-like location of the observation.
    public var path: String
    /// The source line of the observation, when parsed.
    public var line: Int?

    /// Creates a data element occurrence.
    public init(
        id: String, name: String?, value: CDAValue?, sectionCode: String?, path: String, line: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.value = value
        self.sectionCode = sectionCode
        self.path = path
        self.line = line
    }

    /// Where it was found, as a location.
    public var location: SourceLocation { SourceLocation(path: path, line: line) }
}

extension ClinicalDocument {
    /// Every WS 363 data element in the body, in document order (nested ones included).
    public var dataElements: [CDADataElement] {
        var result: [CDADataElement] = []
        var sectionCodes: [(depth: Int, code: String?)] = []
        xml.forEachElement { element, path in
            let depth = path.split(separator: "/").count
            while let last = sectionCodes.last, last.depth >= depth { sectionCodes.removeLast() }
            if element.localName == "section" {
                sectionCodes.append((depth, element.firstChild("code")?.attribute("code")))
                return
            }
            guard CDAClinicalStatement.kinds.contains(element.localName), let code = element.firstChild("code"),
                code.attribute("codeSystem") == CDA.CN.dataElementCodeSystem, let id = code.attribute("code")
            else { return }
            result.append(
                CDADataElement(
                    id: id, name: code.attribute("displayName"),
                    value: element.firstChild("value").map(CDAValue.init(element:)),
                    sectionCode: sectionCodes.last?.code, path: path, line: element.line))
        }
        return result
    }

    /// The first occurrence of data element `id` (optionally inside the section with `sectionCode`).
    public func dataElement(_ id: String, inSection sectionCode: String? = nil) -> CDADataElement? {
        dataElements.first { $0.id == id && (sectionCode == nil || $0.sectionCode == sectionCode) }
    }

    /// The value of the first occurrence of data element `id`.
    public func dataElementValue(_ id: String, inSection sectionCode: String? = nil) -> CDAValue? {
        dataElement(id, inSection: sectionCode)?.value
    }
}
