public import HICore

/// A typed view over a FHIR JSON object (a data type, a backbone element or a resource). The object stays
/// the storage, so members the view does not know, their order and `_x` primitive extensions survive
/// every get and set.
///
/// ```swift
/// var coding = FHIR.Coding()
/// coding.system = "http://loinc.org"
/// coding.code = "2345-7"
/// print(coding.json.keys)   // ["system", "code"]
/// ```
public protocol FHIRElement: Sendable, Hashable {
    /// The JSON object behind the view.
    var json: JSONObject { get set }
    /// Wraps `json` without checking it (see ``FHIRValidator`` for the structural rules).
    init(json: JSONObject)
}

extension FHIRElement {
    /// An empty element.
    public init() { self.init(json: JSONObject()) }

    /// The decoded string of the member `key` (nil when absent or not a string).
    public func string(_ key: String) -> String? { json[key]?.stringValue }

    /// Sets or removes a string member.
    public mutating func setString(_ key: String, _ value: String?) {
        json[key] = value.map { .string(JSONString($0)) }
    }

    /// The strings of an array member (non-strings skipped).
    public func strings(_ key: String) -> [String] {
        json[key]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Sets or removes (when empty) an array of strings.
    public mutating func setStrings(_ key: String, _ values: [String]) {
        json[key] = values.isEmpty ? nil : .array(values.map { .string(JSONString($0)) })
    }

    /// A boolean member.
    public func bool(_ key: String) -> Bool? { json[key]?.boolValue }

    /// Sets or removes a boolean member.
    public mutating func setBool(_ key: String, _ value: Bool?) { json[key] = value.map { .bool($0) } }

    /// A number member, exact text kept.
    public func number(_ key: String) -> JSONNumber? {
        if case .number(let number) = json[key] { return number }
        return nil
    }

    /// Sets or removes a number member.
    public mutating func setNumber(_ key: String, _ value: JSONNumber?) { json[key] = value.map { .number($0) } }

    /// An object member as a typed element.
    public func element<T: FHIRElement>(_ key: String, as type: T.Type = T.self) -> T? {
        json[key]?.objectValue.map { T(json: $0) }
    }

    /// Sets or removes an object member.
    public mutating func setElement<T: FHIRElement>(_ key: String, _ value: T?) {
        json[key] = value.map { .object($0.json) }
    }

    /// The objects of an array member as typed elements (non-objects skipped).
    public func elements<T: FHIRElement>(_ key: String, as type: T.Type = T.self) -> [T] {
        json[key]?.arrayValue?.compactMap { $0.objectValue.map { T(json: $0) } } ?? []
    }

    /// Sets or removes (when empty) an array of objects.
    public mutating func setElements<T: FHIRElement>(_ key: String, _ values: [T]) {
        json[key] = values.isEmpty ? nil : .array(values.map { .object($0.json) })
    }

    /// The primitive extension `_key` of a primitive member (its `id` and `extension`s).
    public func primitiveExtension(_ key: String) -> PrimitiveElement? {
        json["_" + key]?.objectValue.map { PrimitiveElement(json: $0) }
    }

    /// The choice member `base[x]` (e.g. `value` → `valueQuantity`), with its type.
    public func choice(_ base: String) -> FHIRChoice? {
        for member in json.members {
            switch FHIRChoice.match(member.key, base: base) {
            case .no: continue
            case .type(let type): return FHIRChoice(typeName: type, value: member.value)
            case .undecided: break
            }
            let key = member.key.value
            guard key.count > base.count, key.hasPrefix(base) else { continue }
            let suffix = key.dropFirst(base.count)
            guard let first = suffix.first, first.isUppercase else { continue }
            let typeName = first.lowercased() + suffix.dropFirst()
            let type = FHIRChoice.typeNames.contains(String(suffix)) ? String(suffix) : typeName
            guard FHIRChoice.typeNames.contains(type) else { continue }
            return FHIRChoice(typeName: type, value: member.value)
        }
        return nil
    }

    /// Replaces the choice `base[x]` by `value` of `typeName` (removes any other type of the choice).
    public mutating func setChoice(_ base: String, _ value: FHIRChoice?) {
        json.members.removeAll { member in
            let key = member.key.value
            guard key.count > base.count, key.hasPrefix(base) else { return false }
            let suffix = key.dropFirst(base.count)
            guard let first = suffix.first, first.isUppercase else { return false }
            return FHIRChoice.typeNames.contains(String(suffix))
                || FHIRChoice.typeNames.contains(first.lowercased() + suffix.dropFirst())
        }
        if let value {
            json[base + value.typeName.prefix(1).uppercased() + value.typeName.dropFirst()] = value.value
        }
    }

    /// The element's `id`.
    public var elementID: String? {
        get { string("id") }
        set { setString("id", newValue) }
    }

    /// The `extension` members.
    public var extensions: [FHIR.Extension] {
        get { elements("extension") }
        set { setElements("extension", newValue) }
    }

    /// The extensions with this `url`.
    public func extensions(url: String) -> [FHIR.Extension] { extensions.filter { $0.url == url } }
}

/// The `_name` sibling of a primitive value: an element id and extensions (for example a translation of a
/// `display`, or a data-absent reason for a `birthDate`).
///
/// ```swift
/// let patient = try FHIR.Patient(parsing: Array(#"{"resourceType":"Patient","_birthDate":{"extension":[{"url":"u","valueCode":"unknown"}]}}"#.utf8))
/// print(patient.birthDateElement?.extensions.first?.url ?? "")   // u
/// ```
public struct PrimitiveElement: FHIRElement {
    public var json: JSONObject
    public init(json: JSONObject) { self.json = json }
}

/// The value of a choice element such as `value[x]`: the concrete type (`Quantity`, `string`, …) and the
/// JSON value, with typed accessors.
///
/// ```swift
/// if let value = observation.value, let quantity = value.quantity {
///     print(quantity.value?.text ?? "", quantity.unit ?? "")
/// }
/// ```
public struct FHIRChoice: Sendable, Hashable {
    /// The R4 type name, e.g. `Quantity`, `dateTime`, `string`.
    public var typeName: String
    /// The value.
    public var value: JSONValue

    /// A choice value.
    public init(typeName: String, value: JSONValue) {
        self.typeName = typeName
        self.value = value
    }

    static let typeNames: Set<String> = Set(R4Definitions.allDataTypes.split(separator: " ").map(String.init))

    /// The type names as bytes, for ``match(_:base:)``.
    static let typeNameBytes: [[UInt8]] = R4Definitions.allDataTypes.split(separator: " ").map { Array($0.utf8) }

    /// What the bytes of a member name say about it being `base[x]`.
    enum NameMatch {
        /// Not a choice of `base`.
        case no
        /// The choice of this type.
        case type(String)
        /// Escapes, non-ASCII bytes or a base with letters other scalars are canonically equivalent to
        /// (`K`, `` ` ``, `;`): the `String` rules of ``FHIRElement/choice(_:)`` decide.
        case undecided
    }

    /// Decides on the bytes, without building `String`s, what ``FHIRElement/choice(_:)`` decides with
    /// `String` comparisons (which follow canonical equivalence): for plain ASCII names and bases the two
    /// agree byte for byte, and no R4 type name starts with a letter a non-ASCII capital lowercases to.
    static func match(_ key: JSONString, base: String) -> NameMatch {
        guard !key.hasEscapes else { return .undecided }
        var base = base
        return base.withUTF8 { prefix in
            for byte in prefix where byte >= 0x80 || byte == 0x4B || byte == 0x60 || byte == 0x3B {
                return .undecided
            }
            let raw = key.rawBytes
            guard raw.count > prefix.count else { return .no }
            var index = raw.startIndex
            for byte in prefix {
                guard raw[index] == byte else { return raw[index] >= 0x80 ? .undecided : .no }
                index += 1
            }
            let suffix = raw[index...]
            for byte in suffix where byte >= 0x80 { return .undecided }
            guard let first = suffix.first, first >= 0x41, first <= 0x5A else { return .no }
            if typeNameBytes.contains(where: { $0.elementsEqual(suffix) }) {
                return .type(String(decoding: suffix, as: UTF8.self))
            }
            var lowered = Array(suffix)
            lowered[0] = first | 0x20
            if typeNameBytes.contains(lowered) { return .type(String(decoding: lowered, as: UTF8.self)) }
            return .no
        }
    }

    /// The string of string-like types (string, code, uri, date, dateTime, …).
    public var string: String? { value.stringValue }
    /// The boolean of `boolean`.
    public var boolean: Bool? { value.boolValue }
    /// The number of `integer`, `decimal`, … (exact text).
    public var number: JSONNumber? {
        if case .number(let number) = value { return number }
        return nil
    }
    private func typed<T: FHIRElement>(_ names: Set<String>) -> T? {
        guard names.contains(typeName), let object = value.objectValue else { return nil }
        return T(json: object)
    }
    /// `Quantity` (or Age, Duration, Count, Distance).
    public var quantity: FHIR.Quantity? { typed(["Quantity", "Age", "Duration", "Count", "Distance"]) }
    /// `CodeableConcept`.
    public var codeableConcept: FHIR.CodeableConcept? { typed(["CodeableConcept"]) }
    /// `Coding`.
    public var coding: FHIR.Coding? { typed(["Coding"]) }
    /// `Period`.
    public var period: FHIR.Period? { typed(["Period"]) }
    /// `Range`.
    public var range: FHIR.Range? { typed(["Range"]) }
    /// `Ratio`.
    public var ratio: FHIR.Ratio? { typed(["Ratio"]) }
    /// `Reference`.
    public var reference: FHIR.Reference? { typed(["Reference"]) }
    /// `Identifier`.
    public var identifier: FHIR.Identifier? { typed(["Identifier"]) }
    /// `Attachment`.
    public var attachment: FHIR.Attachment? { typed(["Attachment"]) }
    /// `Timing`.
    public var timing: FHIR.Timing? { typed(["Timing"]) }

    /// A Quantity choice.
    public static func quantity(_ quantity: FHIR.Quantity) -> FHIRChoice {
        FHIRChoice(typeName: "Quantity", value: .object(quantity.json))
    }
    /// A string-valued choice of `typeName` (`string`, `dateTime`, `code`, …).
    public static func string(_ text: String, type typeName: String = "string") -> FHIRChoice {
        FHIRChoice(typeName: typeName, value: .string(JSONString(text)))
    }
    /// A CodeableConcept choice.
    public static func codeableConcept(_ concept: FHIR.CodeableConcept) -> FHIRChoice {
        FHIRChoice(typeName: "CodeableConcept", value: .object(concept.json))
    }
}

/// A modelled resource type: a typed view over the resource's JSON object.
///
/// ```swift
/// let patient = try FHIR.Patient(parsing: bytes)
/// let resource = patient.resource          // back to the generic form
/// ```
public protocol FHIRTypedResource: FHIRElement {
    /// The `resourceType` this view is for.
    static var resourceType: String { get }
}

extension FHIRTypedResource {
    /// The view of `resource`.
    /// - Throws: ``FHIRError`` `wrongResourceType` when it is another type.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        guard resource.resourceType == Self.resourceType else {
            throw FHIRError(
                .wrongResourceType, "expected a \(Self.resourceType) resource",
                at: SourceLocation(path: "$.resourceType", byteOffset: resource.json.sourceOffset))
        }
        self.init(json: resource.json)
    }

    /// Reads the resource from JSON bytes.
    /// - Throws: ``FHIRError`` for malformed JSON or another resource type.
    public init(parsing bytes: [UInt8], options: FHIRDecodingOptions = .init()) throws(FHIRError) {
        try self.init(FHIRResource(parsing: bytes, options: options))
    }

    /// Reads the resource and validates it: the typed view and the structural issues (located by FHIRPath,
    /// line and column), so wrongly shaped members are reported rather than silently skipped by accessors.
    /// - Throws: ``FHIRError`` for malformed JSON or another resource type.
    public static func validated(
        parsing bytes: [UInt8], options: FHIRDecodingOptions = .init()
    ) throws(FHIRError) -> (resource: Self, issues: [Issue]) {
        let resource = try Self(parsing: bytes, options: options)
        return (resource, FHIRValidator(options: options).validate(resource, source: bytes))
    }

    /// A new, empty resource of this type (`resourceType` set).
    public static func make(id: String? = nil) -> Self {
        var object = JSONObject()
        object["resourceType"] = .string(JSONString(resourceType))
        if let id { object["id"] = .string(JSONString(id)) }
        return Self(json: object)
    }

    /// The generic form.
    public var resource: FHIRResource { FHIRResource(unchecked: json) }

    /// The logical id.
    public var id: String? {
        get { string("id") }
        set { setString("id", newValue) }
    }
    /// Metadata.
    public var meta: FHIR.Meta? {
        get { element("meta") }
        set { setElement("meta", newValue) }
    }
    /// The human-readable narrative (DomainResource).
    public var text: FHIR.Narrative? {
        get { element("text") }
        set { setElement("text", newValue) }
    }
    /// Contained resources.
    public var contained: [FHIRResource] {
        json["contained"]?.arrayValue?.compactMap { value in
            value.objectValue.flatMap { try? FHIRResource($0) }
        } ?? []
    }

    /// JSON bytes in a canonical layout.
    public func serialized(style: JSONWriter.Style = .pretty) -> [UInt8] {
        JSONWriter.write(.object(json), style: style)
    }
}

extension FHIRResource {
    init(unchecked json: JSONObject) { self.json = json }
}
