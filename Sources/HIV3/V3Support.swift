import HIXML

/// Small text helpers (byte-level trimming of XML white space).
enum V3Text {
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func trimmed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == 0 && last == bytes.count - 1 { return text }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// `true` when `text` has leading or trailing white space around other characters.
    static func isPadded(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return (isSpace(first) || isSpace(last)) && !trimmed(text).isEmpty
    }

    /// The trimmed value, `nil` when empty.
    static func value(_ text: String?) -> String? {
        guard let text else { return nil }
        let result = trimmed(text)
        return result.isEmpty ? nil : result
    }
}

/// The HL7 V3 namespace and element construction in it.
enum V3XML {
    static let namespace = "urn:hl7-org:v3"
    static let xsi = XMLNamespaceDeclaration.xsi

    static func element(
        _ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ children: [XMLElement] = [],
        text: String? = nil
    ) -> XMLElement {
        var result = XMLElement(name, namespaceURI: namespace)
        for (key, value) in attributes {
            if let value { result.attributes.append(XMLAttribute(key, value: value)) }
        }
        result.children = children.map { .element($0) }
        if let text { result.children.append(.text(text)) }
        return result
    }

    static func trimmedAttribute(_ element: XMLElement?, _ name: String) -> String? {
        V3Text.value(element?.attribute(name))
    }
}

/// Identifier roots (OIDs) of the Chinese health information platforms, as the interaction
/// specifications and WS/T 500 use them.
///
/// ```swift
/// print(V3Identifiers.residentIDCard)  // 2.16.156.10011.1.3
/// ```
public enum V3Identifiers {
    /// 消息标识 root of message ids.
    public static let message = "2.16.156.10011.0"
    /// HL7 interaction id root `2.16.840.1.113883.1.6`.
    public static let interaction = "2.16.840.1.113883.1.6"
    /// Root of platform device (system) ids `2.16.156.10011.0.1.*`.
    public static let devicePrefix = "2.16.156.10011.0.1."
    /// 健康档案编号.
    public static let healthRecordNumber = "2.16.156.10011.1.2"
    /// 居民身份证号.
    public static let residentIDCard = "2.16.156.10011.1.3"
    /// 医务人员 (practitioner) ids.
    public static let practitioner = "2.16.156.10011.1.4"
    /// 医疗卫生机构 (organisation) ids.
    public static let organization = "2.16.156.10011.1.5"
    /// 平台患者 ID (empi).
    public static let patientID = "2.16.156.10011.1.10"
    /// 门(急)诊号.
    public static let outpatientNumber = "2.16.156.10011.1.11"
    /// 住院号.
    public static let inpatientNumber = "2.16.156.10011.1.12"
    /// 标本编号.
    public static let specimenNumber = "2.16.156.10011.1.14"
    /// 居民健康卡号.
    public static let healthCard = "2.16.156.10011.1.19"
    /// 就诊流水号 (visit number).
    public static let visitNumber = "2.16.156.10011.1.13"
    /// 电子申请单编号.
    public static let applicationForm = "2.16.156.10011.1.24"
    /// 医嘱号.
    public static let orderNumber = "2.16.156.10011.1.28"
    /// 科室 (department) ids.
    public static let department = "2.16.156.10011.1.26"
}
