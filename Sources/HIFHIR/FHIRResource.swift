import HICore

/// Any FHIR resource: the lossless JSON object (member order, exact numbers, unknown members and `_x`
/// primitive extensions all kept) with its `resourceType`. Types the library does not model are read and
/// written this way; modelled ones also have a typed view (``Patient``, ``Observation``, …).
///
/// ```swift
/// let resource = try FHIRResource(parsing: Array(#"{"resourceType":"Endpoint","id":"e1"}"#.utf8))
/// print(resource.resourceType, resource.id ?? "")           // Endpoint e1
/// print(String(decoding: resource.serialized(style: .compact), as: UTF8.self))
/// ```
public struct FHIRResource: Sendable, Hashable {
    /// The resource's JSON object.
    public var json: JSONObject

    /// Wraps an object that has a valid `resourceType`.
    /// - Throws: ``FHIRError`` (`missingResourceType`, `invalidResourceType`).
    public init(_ object: JSONObject, path: String = "$") throws(FHIRError) {
        guard let member = object.member("resourceType") else {
            throw FHIRError(
                .missingResourceType, "a resource needs a resourceType member",
                at: SourceLocation(path: path, byteOffset: object.sourceOffset))
        }
        guard case .string(let type) = member.value, Self.isResourceTypeName(type.value) else {
            throw FHIRError(
                .invalidResourceType, "resourceType must be a resource name (letters, starting upper case)",
                at: SourceLocation(path: path + ".resourceType", byteOffset: member.value.sourceOffset))
        }
        self.json = object
    }

    /// Reads one resource from JSON bytes (a UTF-8 byte-order mark is skipped).
    /// - Throws: ``FHIRError`` for malformed JSON, a top level that is not an object, or a bad `resourceType`.
    public init(parsing bytes: [UInt8], options: FHIRDecodingOptions = .init()) throws(FHIRError) {
        let value = try JSONReader.read(bytes, options: options)
        guard case .object(let object) = value else {
            throw FHIRError(.notAnObject, "a resource must be a JSON object", at: SourceLocation(path: "$"))
        }
        do {
            try self.init(object)
        } catch {
            let offset = error.location.byteOffset ?? 0
            throw FHIRError(
                error.code, error.reason,
                at: LineIndex.location(of: offset, in: bytes, path: error.location.path))
        }
    }

    static func isResourceTypeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= 0x41, first <= 0x5A else { return false }
        return name.utf8.allSatisfy { JSONScanner.isLetter($0) }
    }

    /// The `resourceType`, e.g. `Patient`.
    public var resourceType: String { json["resourceType"]?.stringValue ?? "" }

    /// The logical id.
    public var id: String? {
        get { json["id"]?.stringValue }
        set { json["id"] = newValue.map { .string(JSONString($0)) } }
    }

    /// The contained resources (`contained`), in order.
    public var contained: [FHIRResource] {
        json["contained"]?.arrayValue?.compactMap { value in value.objectValue.flatMap { try? FHIRResource($0) } }
            ?? []
    }

    /// The member named `key`.
    public subscript(key: String) -> JSONValue? {
        get { json[key] }
        set { json[key] = newValue }
    }

    /// The JSON bytes in one of the canonical layouts.
    public func serialized(style: JSONWriter.Style = .pretty) -> [UInt8] {
        JSONWriter.write(.object(json), style: style)
    }

    /// The typed view when the resource is a `T`.
    public func typed<T: FHIRTypedResource>(as type: T.Type) -> T? {
        resourceType == T.resourceType ? T(json: json) : nil
    }
}
