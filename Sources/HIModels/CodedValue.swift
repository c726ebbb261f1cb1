public import HICore
public import HITerminology

/// A coded value as the documents carry it: code system, code, display and the original text.
///
/// Codes stay codes: a reader fills in what the source gives, a converter translates through
/// ``HITerminology/TerminologyTables`` and records the source in ``originalText`` or ``translations``.
///
/// ```swift
/// let sex = CodedValue(system: "gb-t-2261.1", code: "1", display: "男")
/// let fhir = try sex.translated(to: "fhir-administrative-gender", with: .builtIn)
/// print(fhir.value.code, fhir.issues.isEmpty)   // male true
/// ```
public struct CodedValue: Hashable, Sendable, CustomStringConvertible {
    /// The code-system name (`gb-t-2261.1`), OID or URI the source used.
    public var system: String
    /// The code.
    public var code: String
    /// The display text.
    public var display: String?
    /// The text as written in the source, when it differs from the display.
    public var originalText: String?
    /// The same concept in other code systems (e.g. the source code kept beside a translation).
    public var translations: [CodedValue]

    /// Creates a coded value.
    public init(
        system: String, code: String, display: String? = nil, originalText: String? = nil,
        translations: [CodedValue] = []
    ) {
        self.system = system
        self.code = code
        self.display = display
        self.originalText = originalText
        self.translations = translations
    }

    /// This value translated to `target` through `tables`; the source is kept in ``translations``.
    /// - Parameters:
    ///   - target: the target code-system name, OID or URI.
    ///   - tables: the terminology to use.
    ///   - policy: what to do when there is no mapping (the miss is always reported).
    ///   - location: where the value was found, for the issues.
    /// - Returns: the translated value and the issues raised.
    /// - Throws: ``HITerminology/TerminologyError`` when no table maps the systems, or the code is unmapped
    ///   under `.fail`.
    public func translated(
        to target: String, with tables: TerminologyTables, policy: UnmappedCodePolicy = .keepSource,
        at location: SourceLocation = .unknown
    ) throws(TerminologyError) -> (value: CodedValue, issues: [Issue]) {
        let result = try tables.translate(code, from: system, to: target, policy: policy, at: location)
        var source = self
        source.translations = []
        if result.outcome == .keptSource { return (self, result.issues) }
        let value = CodedValue(
            system: result.system, code: result.code.code,
            display: result.code.display.isEmpty ? nil : result.code.display,
            originalText: originalText, translations: [source] + translations)
        return (value, result.issues)
    }

    public var description: String { display.map { "\(system)#\(code) \($0)" } ?? "\(system)#\(code)" }
}

/// Where a model came from: the format, the document or message id and the location inside it.
///
/// ```swift
/// let provenance = Provenance(format: .hl7v2, documentID: "MSG00001", location: SourceLocation(file: "a.hl7"))
/// ```
public struct Provenance: Hashable, Sendable {
    /// The interchange format.
    ///
    /// ```swift
    /// let format = Provenance.Format.hl7v2
    /// ```
    public struct Format: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// HL7 v2 (ER7 or v2 XML).
        public static let hl7v2 = Format(rawValue: "hl7v2")
        /// CDA R2 (incl. WS/T 500, WS/T 483).
        public static let cda = Format(rawValue: "cda")
        /// FHIR R4 JSON.
        public static let fhir = Format(rawValue: "fhir")
        /// Made through the API.
        public static let api = Format(rawValue: "api")
        public var description: String { rawValue }
    }

    /// The format the model was read from.
    public var format: Format
    /// The message control id (MSH-10), CDA document id or FHIR resource id.
    public var documentID: String?
    /// Where in the source the model starts.
    public var location: SourceLocation

    /// Creates a provenance.
    public init(format: Format = .api, documentID: String? = nil, location: SourceLocation = .unknown) {
        self.format = format
        self.documentID = documentID
        self.location = location
    }
}

/// A piece of the source that no mapping consumed, kept so a converter can report it or carry it as an
/// extension instead of dropping it.
///
/// ```swift
/// let fragment = UnmappedFragment(path: "ZPI-3", text: "A^B")
/// ```
public struct UnmappedFragment: Hashable, Sendable {
    /// The path in the source (`ZPI-3`, an XPath, a JSON path).
    public var path: String
    /// The raw source text of the fragment.
    public var text: String

    /// Creates a fragment.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// A point in time as the documents write it (`20240315083000+0800`, `2024-03-15T08:30:00+08:00`,
/// `20240315`), kept as written; ``date`` reads its calendar date.
///
/// ```swift
/// let time = Timestamp("20240315083000+0800")
/// print(time.date?.description ?? "")   // 2024-03-15
/// ```
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
    /// The text as written.
    public var text: String

    /// Keeps `text` as written.
    public init(_ text: String) { self.text = text }

    /// The calendar date of the first eight digits (or `YYYY-MM-DD`), when they form one.
    public var date: CalendarDate? {
        let prefix = String(text.prefix(10))
        return CalendarDate(prefix) ?? CalendarDate(String(text.prefix(8)))
    }

    public var description: String { text }
}
