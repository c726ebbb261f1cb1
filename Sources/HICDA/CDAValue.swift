public import HIXML

/// The value of an observation (`value` with its `xsi:type`), as a typed HL7 v3 value.
///
/// ```swift
/// let value = CDAValue.quantity(PQ(value: "160", unit: "mmHg"))
/// print(value.displayText)  // 160 mmHg
/// ```
public enum CDAValue: Sendable, Equatable {
    /// PQ.
    case quantity(PQ)
    /// IVL_PQ.
    case quantityRange(IVL_PQ)
    /// CD, CE, CV, CS, CO (the `xsi:type` as written is kept).
    case coded(CD, type: String)
    /// ST (and plain text values).
    case string(String?)
    /// BL; `nil` when the value attribute is absent.
    case boolean(Bool?)
    /// INT, as written.
    case integer(String?)
    /// REAL, as written.
    case real(String?)
    /// TS.
    case time(TS)
    /// IVL_TS.
    case timeRange(IVL_TS)
    /// II.
    case identifier(II)
    /// ED.
    case encapsulated(ED)
    /// Any other type: kept as the element.
    case other(type: String?, element: XMLElement)

    /// Reads a `value` element by its `xsi:type`.
    public init(element: XMLElement) {
        let type = element.attribute("type", namespace: XMLNamespaceDeclaration.xsi)
        // Drop a prefix such as `hl7:PQ`.
        let bare = type.map { name -> String in
            guard let colon = name.lastIndex(of: ":") else { return name }
            return String(name[name.index(after: colon)...])
        }
        switch bare {
        case "PQ": self = .quantity(PQ(element: element))
        case "IVL_PQ": self = .quantityRange(IVL_PQ(element: element))
        case "CD", "CE", "CV", "CS", "CO": self = .coded(CD(element: element), type: bare ?? "CD")
        case "ST", "SC": self = .string(element.text)
        case "BL": self = .boolean(element.attribute("value").map { $0 == "true" })
        case "INT": self = .integer(element.attribute("value"))
        case "REAL": self = .real(element.attribute("value"))
        case "TS": self = .time(TS(element: element))
        case "IVL_TS": self = .timeRange(IVL_TS(element: element))
        case "II": self = .identifier(II(element: element))
        case "ED": self = .encapsulated(ED(element: element))
        default: self = .other(type: type, element: element)
        }
    }

    /// The `xsi:type` this value is written with.
    public var xsiType: String? {
        switch self {
        case .quantity: "PQ"
        case .quantityRange: "IVL_PQ"
        case .coded(_, let type): type
        case .string: "ST"
        case .boolean: "BL"
        case .integer: "INT"
        case .real: "REAL"
        case .time: "TS"
        case .timeRange: "IVL_TS"
        case .identifier: "II"
        case .encapsulated: "ED"
        case .other(let type, _): type
        }
    }

    /// Writes this value into `element` (the `xsi:type` is set, other attributes are kept).
    public func write(into element: inout XMLElement) {
        if case .other(_, let original) = self {
            element = original
            return
        }
        if let type = xsiType {
            element.setAttribute("type", prefix: "xsi", namespace: XMLNamespaceDeclaration.xsi, type)
        }
        switch self {
        case .quantity(let value): value.write(into: &element)
        case .quantityRange(let value): value.write(into: &element)
        case .coded(let value, _): value.write(into: &element)
        case .string(let text): element.text = text
        case .boolean(let value): element.setAttribute("value", value.map { $0 ? "true" : "false" })
        case .integer(let value), .real(let value): element.setAttribute("value", value)
        case .time(let value): value.write(into: &element)
        case .timeRange(let value): value.write(into: &element)
        case .identifier(let value): value.write(into: &element)
        case .encapsulated(let value): value.write(into: &element)
        case .other: break
        }
    }

    /// A new `value` element holding this value.
    public func element(named name: String = "value") -> XMLElement {
        var element = CDA.element(name)
        write(into: &element)
        return element
    }

    /// A short human-readable form: `160 mmHg`, `1 红润`, `true`, the text … (not masked: callers mask).
    public var displayText: String {
        switch self {
        case .quantity(let value): return [value.value, value.unit].compactMap { $0 }.joined(separator: " ")
        case .quantityRange(let value):
            let low = value.low.map { [$0.value, $0.unit].compactMap { $0 }.joined(separator: " ") } ?? ""
            let high = value.high.map { [$0.value, $0.unit].compactMap { $0 }.joined(separator: " ") } ?? ""
            return "\(low)–\(high)"
        case .coded(let value, _):
            return [value.code, value.displayName].compactMap { $0 }.joined(separator: " ")
        case .string(let text): return text ?? ""
        case .boolean(let value): return value.map { $0 ? "true" : "false" } ?? ""
        case .integer(let value), .real(let value): return value ?? ""
        case .time(let value): return value.value ?? ""
        case .timeRange(let value): return "\(value.low?.value ?? "")–\(value.high?.value ?? "")"
        case .identifier(let value): return [value.root, value.extension].compactMap { $0 }.joined(separator: "/")
        case .encapsulated(let value): return value.content ?? ""
        case .other(_, let element): return element.textContent.trimmingXMLWhitespace()
        }
    }

    /// `true` when the value carries nothing (an empty `<value xsi:type="PQ"/>`, as templates write).
    public var isEmpty: Bool { displayText.isEmpty }
}
