public import HIXML

/// An HL7 v3 data type that reads from and writes into a CDA element. Writing sets only the attributes
/// and children the type knows, so anything else on the element is kept.
///
/// ```swift
/// var element = CDA.element("id")
/// II(root: "2.16.156.10011.1.3", extension: "420106196303129995").write(into: &element)
/// ```
public protocol HL7DataValue: Sendable, Equatable {
    /// Reads the value from `element`.
    init(element: XMLElement)
    /// Writes the value into `element`.
    func write(into element: inout XMLElement)
}

extension HL7DataValue {
    /// A new HL7 v3 element called `name` holding this value.
    public func element(named name: String) -> XMLElement {
        var element = CDA.element(name)
        write(into: &element)
        return element
    }
}

/// II: an instance identifier (`root` OID + `extension`).
///
/// ```swift
/// let id = II(root: CDA.CN.residentIDRoot, extension: "420106196303129995")
/// ```
public struct II: HL7DataValue, Hashable {
    /// The OID or UUID naming the namespace.
    public var root: String?
    /// The identifier inside `root`.
    public var `extension`: String?
    /// The assigning authority's name.
    public var assigningAuthorityName: String?
    /// The null flavor (`NI`, `UNK` …) when the value is absent.
    public var nullFlavor: String?

    /// Creates an identifier.
    public init(root: String?, extension: String? = nil, assigningAuthorityName: String? = nil) {
        self.root = root
        self.extension = `extension`
        self.assigningAuthorityName = assigningAuthorityName
    }

    /// An identifier that is not known: `nullFlavor="NI"` (the schemas refuse an empty `extension`).
    public static let noInformation: II = {
        var id = II(root: nil)
        id.nullFlavor = "NI"
        return id
    }()

    public init(element: XMLElement) {
        root = element.attribute("root")
        self.extension = element.attribute("extension")
        assigningAuthorityName = element.attribute("assigningAuthorityName")
        nullFlavor = element.attribute("nullFlavor")
    }

    public func write(into element: inout XMLElement) {
        element.setAttribute("nullFlavor", nullFlavor)
        element.setAttribute("root", root)
        element.setAttribute("extension", self.extension)
        element.setAttribute("assigningAuthorityName", assigningAuthorityName)
    }
}

/// CD (and its restrictions CE, CV, CS): a code with its system, display name, original text and
/// translations.
///
/// ```swift
/// let sex = CD(code: "1", codeSystem: "2.16.156.10011.2.3.3.4", displayName: "男性")
/// ```
public struct CD: HL7DataValue, Hashable {
    /// The code.
    public var code: String?
    /// The code system OID.
    public var codeSystem: String?
    /// The code system's name.
    public var codeSystemName: String?
    /// The code system's version.
    public var codeSystemVersion: String?
    /// The display name.
    public var displayName: String?
    /// `originalText` as text (a `reference` inside it is not resolved).
    public var originalText: String?
    /// Equivalent codes in other systems.
    public var translations: [CD]
    /// The null flavor when the value is absent.
    public var nullFlavor: String?

    /// Creates a code.
    public init(
        code: String?, codeSystem: String? = nil, codeSystemName: String? = nil, displayName: String? = nil,
        translations: [CD] = []
    ) {
        self.code = code
        self.codeSystem = codeSystem
        self.codeSystemName = codeSystemName
        self.displayName = displayName
        self.translations = translations
    }

    public init(element: XMLElement) {
        code = element.attribute("code")
        codeSystem = element.attribute("codeSystem")
        codeSystemName = element.attribute("codeSystemName")
        codeSystemVersion = element.attribute("codeSystemVersion")
        displayName = element.attribute("displayName")
        nullFlavor = element.attribute("nullFlavor")
        originalText = element.firstChild("originalText").flatMap {
            $0.text ?? $0.firstChild("reference")?.attribute("value")
        }
        translations = element.children("translation").map(CD.init(element:))
    }

    public func write(into element: inout XMLElement) {
        element.setAttribute("nullFlavor", nullFlavor)
        element.setAttribute("code", code)
        element.setAttribute("codeSystem", codeSystem)
        element.setAttribute("codeSystemName", codeSystemName)
        element.setAttribute("codeSystemVersion", codeSystemVersion)
        element.setAttribute("displayName", displayName)
        if let originalText {
            var text = element.firstChild("originalText") ?? CDA.element("originalText")
            text.text = originalText
            element.setChild("originalText", text, order: ["originalText", "qualifier", "translation"])
        }
        if !translations.isEmpty || !element.children("translation").isEmpty {
            element.setChildren(
                "translation", translations.map { $0.element(named: "translation") },
                order: ["originalText", "qualifier", "translation"])
        }
    }
}

/// CE: a coded value with equivalents (same shape as ``CD``).
public typealias CE = CD
/// CV: a coded value (same shape as ``CD``).
public typealias CV = CD
/// CS: a simple code (same shape as ``CD``; only `code` is used).
public typealias CS = CD

/// PQ: a physical quantity, the value kept as written (exact decimal text) with its unit.
///
/// ```swift
/// let glucose = PQ(value: "5.6", unit: "mmol/L")
/// print(glucose.doubleValue ?? 0)  // 5.6
/// ```
public struct PQ: HL7DataValue, Hashable {
    /// The number as written (`"5.60"` keeps its trailing zero).
    public var value: String?
    /// The unit (UCUM or as written, e.g. `mmHg`, `次/min`).
    public var unit: String?
    /// The null flavor when the value is absent.
    public var nullFlavor: String?

    /// Creates a quantity.
    public init(value: String?, unit: String? = nil) {
        self.value = value
        self.unit = unit
    }

    public init(element: XMLElement) {
        value = element.attribute("value")
        unit = element.attribute("unit")
        nullFlavor = element.attribute("nullFlavor")
    }

    /// The value as a `Double`, when it is a number.
    public var doubleValue: Double? { value.flatMap(Double.init) }

    public func write(into element: inout XMLElement) {
        element.setAttribute("nullFlavor", nullFlavor)
        element.setAttribute("value", value)
        element.setAttribute("unit", unit)
    }
}

/// IVL_PQ: an interval of physical quantities (a reference range).
///
/// ```swift
/// let range = IVL_PQ(low: PQ(value: "3.9", unit: "mmol/L"), high: PQ(value: "6.1", unit: "mmol/L"))
/// ```
public struct IVL_PQ: HL7DataValue, Hashable {
    /// The lower bound.
    public var low: PQ?
    /// The upper bound.
    public var high: PQ?

    /// Creates an interval.
    public init(low: PQ?, high: PQ?) {
        self.low = low
        self.high = high
    }

    public init(element: XMLElement) {
        low = element.firstChild("low").map(PQ.init(element:))
        high = element.firstChild("high").map(PQ.init(element:))
    }

    public func write(into element: inout XMLElement) {
        let order = ["low", "center", "width", "high"]
        element.setChild("low", low?.element(named: "low"), order: order)
        element.setChild("high", high?.element(named: "high"), order: order)
    }
}

/// TS: a point in time as written, `YYYYMMDDHHMMSS[.s][+ZZZZ]`, any precision.
///
/// ```swift
/// let time = TS("20121024154823")
/// print(time.year ?? 0, time.month ?? 0, time.day ?? 0)  // 2012 10 24
/// ```
public struct TS: HL7DataValue, Hashable {
    /// The value as written.
    public var value: String?
    /// The null flavor when the value is absent.
    public var nullFlavor: String?

    /// Creates a time stamp from its text.
    public init(_ value: String?) { self.value = value }

    public init(element: XMLElement) {
        value = element.attribute("value")
        nullFlavor = element.attribute("nullFlavor")
    }

    public func write(into element: inout XMLElement) {
        element.setAttribute("nullFlavor", nullFlavor)
        element.setAttribute("value", value)
    }

    private func digits(_ start: Int, _ count: Int) -> Int? {
        guard let value else { return nil }
        let bytes = Array(value.utf8)
        guard bytes.count >= start + count else { return nil }
        var result = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }

    /// The year, when given.
    public var year: Int? { digits(0, 4) }
    /// The month (1–12), when given.
    public var month: Int? { digits(4, 2) }
    /// The day of the month, when given.
    public var day: Int? { digits(6, 2) }
    /// The hour, when given.
    public var hour: Int? { digits(8, 2) }
    /// The minute, when given.
    public var minute: Int? { digits(10, 2) }

    /// `true` when the value starts with at least a 4-digit year and every given part is in range.
    public var isWellFormed: Bool {
        guard year != nil else { return false }
        if let month, !(1...12).contains(month) { return false }
        if let day, !(1...31).contains(day) { return false }
        if let hour, !(0...23).contains(hour) { return false }
        if let minute, !(0...59).contains(minute) { return false }
        return true
    }
}

/// IVL_TS: an interval of time (`low`/`high`, or a single `value`).
///
/// ```swift
/// let stay = IVL_TS(low: TS("20261101"), high: TS("20261108"))
/// ```
public struct IVL_TS: HL7DataValue, Hashable {
    /// A single point, when the interval is written as `value`.
    public var value: TS?
    /// The start.
    public var low: TS?
    /// The end.
    public var high: TS?

    /// Creates an interval.
    public init(value: TS? = nil, low: TS? = nil, high: TS? = nil) {
        self.value = value
        self.low = low
        self.high = high
    }

    public init(element: XMLElement) {
        value = element.attribute("value").map { TS($0) }
        low = element.firstChild("low").map(TS.init(element:))
        high = element.firstChild("high").map(TS.init(element:))
    }

    public func write(into element: inout XMLElement) {
        element.setAttribute("value", value?.value)
        let order = ["low", "center", "width", "high"]
        element.setChild("low", low?.element(named: "low"), order: order)
        element.setChild("high", high?.element(named: "high"), order: order)
    }
}

/// ED: encapsulated data (text, or base64 with a media type, as in `nonXMLBody`).
///
/// ```swift
/// let pdf = ED(mediaType: "application/pdf", representation: "B64", content: "JVBERi0x…")
/// ```
public struct ED: HL7DataValue, Hashable {
    /// The media type (`text/plain` when absent).
    public var mediaType: String?
    /// `TXT` or `B64`.
    public var representation: String?
    /// The character content (base64 text for `B64`).
    public var content: String?
    /// A `reference/@value` (URL or `#id`), when given.
    public var reference: String?

    /// Creates encapsulated data.
    public init(mediaType: String? = nil, representation: String? = nil, content: String?) {
        self.mediaType = mediaType
        self.representation = representation
        self.content = content
    }

    public init(element: XMLElement) {
        mediaType = element.attribute("mediaType")
        representation = element.attribute("representation")
        content = element.text
        reference = element.firstChild("reference")?.attribute("value")
    }

    public func write(into element: inout XMLElement) {
        element.setAttribute("mediaType", mediaType)
        element.setAttribute("representation", representation)
        if let content { element.text = content }
    }
}

/// AD: a postal address as ordered parts (`state`, `city`, `county`, `township`, `streetName`,
/// `houseNumber`, `postalCode` …) and free text.
///
/// ```swift
/// let address = AD(use: "H", parts: [.init("state", "湖北省"), .init("city", "武汉市")])
/// print(address.formatted)  // 湖北省武汉市
/// ```
public struct AD: HL7DataValue, Hashable {
    /// One part of an address: its element name and text.
    ///
    /// ```swift
    /// let county = AD.Part("county", "德清县")
    /// ```
    public struct Part: Sendable, Hashable {
        /// The part's element name (`city`, `streetAddressLine` …).
        public var kind: String
        /// The part's text.
        public var value: String
        /// Creates a part.
        public init(_ kind: String, _ value: String) {
            self.kind = kind
            self.value = value
        }
    }

    /// `use` codes (`H` home, `WP` work …).
    public var use: String?
    /// Parts in order (empty parts included, as Chinese documents write them).
    public var parts: [Part]
    /// Text written directly inside `addr` (addresses that are one line).
    public var text: String?

    /// Creates an address.
    public init(use: String? = nil, parts: [Part] = [], text: String? = nil) {
        self.use = use
        self.parts = parts
        self.text = text
    }

    public init(element: XMLElement) {
        use = element.attribute("use")
        parts = element.elements.map { Part($0.localName, $0.textContent) }
        let direct = element.text?.trimmingXMLWhitespace() ?? ""
        text = direct.isEmpty ? nil : direct
    }

    /// The parts (most general first as written) and text joined.
    public var formatted: String { parts.map(\.value).joined() + (text ?? "") }

    /// The text of the first part of `kind`.
    public func part(_ kind: String) -> String? { parts.first { $0.kind == kind }?.value }

    public func write(into element: inout XMLElement) {
        element.setAttribute("use", use)
        var children: [XMLNode] = []
        if let text { children.append(.text(text)) }
        for part in parts {
            var child = CDA.element(part.kind)
            if !part.value.isEmpty { child.text = part.value }
            children.append(.element(child))
        }
        element.children = children
    }
}

/// PN: a person name, as parts (`family`, `given`, `prefix`, `suffix`) or as plain text (Chinese
/// documents usually write `<name>王小二</name>`).
///
/// ```swift
/// let name = PN(text: "王小二")
/// print(name.formatted)  // 王小二
/// ```
public struct PN: HL7DataValue, Hashable {
    /// `use` codes (`L` legal …).
    public var use: String?
    /// Name parts in order (element name and text).
    public var parts: [AD.Part]
    /// Text directly inside `name`.
    public var text: String?

    /// Creates a plain-text name.
    public init(text: String?, use: String? = nil) {
        self.text = text
        self.use = use
        self.parts = []
    }

    /// Creates a name from parts.
    public init(parts: [AD.Part], use: String? = nil) {
        self.parts = parts
        self.use = use
        self.text = nil
    }

    public init(element: XMLElement) {
        use = element.attribute("use")
        parts = element.elements.map { AD.Part($0.localName, $0.textContent) }
        let direct = element.text?.trimmingXMLWhitespace() ?? ""
        text = direct.isEmpty ? nil : direct
    }

    /// The name for display: the text, or family then given names (joined without spaces when the family
    /// name is Chinese, with spaces otherwise).
    public var formatted: String {
        if let text, parts.isEmpty { return text }
        let family = parts.filter { $0.kind == "family" }.map(\.value)
        let given = parts.filter { $0.kind == "given" }.map(\.value)
        let chinese = (family.first?.unicodeScalars.first?.value ?? 0) >= 0x2E80
        let joined = chinese ? (family + given).joined() : (given + family).joined(separator: " ")
        return joined.isEmpty ? (text ?? "") : joined
    }

    public func write(into element: inout XMLElement) {
        element.setAttribute("use", use)
        var children: [XMLNode] = []
        if let text { children.append(.text(text)) }
        for part in parts {
            var child = CDA.element(part.kind)
            child.text = part.value
            children.append(.element(child))
        }
        element.children = children
    }
}

/// TEL: a telecom address (`tel:…`, `mailto:…` or a bare number, as Chinese documents often write).
///
/// ```swift
/// let phone = TEL(value: "tel:13800000000", use: "MC")
/// print(phone.number)  // 13800000000
/// ```
public struct TEL: HL7DataValue, Hashable {
    /// The URL or number as written.
    public var value: String?
    /// `use` codes (`H`, `WP`, `MC` …).
    public var use: String?

    /// Creates a telecom address.
    public init(value: String?, use: String? = nil) {
        self.value = value
        self.use = use
    }

    public init(element: XMLElement) {
        value = element.attribute("value")
        use = element.attribute("use")
    }

    /// The value without a `tel:` scheme.
    public var number: String? {
        guard let value else { return nil }
        return value.hasPrefix("tel:") ? String(value.dropFirst(4)) : value
    }

    public func write(into element: inout XMLElement) {
        element.setAttribute("value", value)
        element.setAttribute("use", use)
    }
}

extension String {
    func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
