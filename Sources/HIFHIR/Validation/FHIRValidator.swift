public import HICore

/// Stable codes of the validation issues (thrown reading errors use ``FHIRError/Code``, `HI-FHIR-0001`…).
///
/// ```swift
/// let issues = FHIRValidator().validate(resource)
/// let missing = issues.filter { $0.code == FHIRIssueCode.requiredElementMissing }
/// ```
public enum FHIRIssueCode {
    /// A member R4 does not define for this type (R4 forbids unknown elements).
    public static let unknownElement: IssueCode = "HI-FHIR-0101"
    /// A JSON kind the element's type does not allow (object for an array, string for an object, …).
    public static let wrongJSONKind: IssueCode = "HI-FHIR-0102"
    /// A required element (minimum cardinality 1) is absent.
    public static let requiredElementMissing: IssueCode = "HI-FHIR-0103"
    /// A primitive value does not match its R4 format (date, id, uri, code, …).
    public static let invalidPrimitive: IssueCode = "HI-FHIR-0104"
    /// A code outside the required value set bound to the element.
    public static let codeNotInValueSet: IssueCode = "HI-FHIR-0105"
    /// More than one type given for one choice element (`valueQuantity` and `valueString`).
    public static let choiceConflict: IssueCode = "HI-FHIR-0106"
    /// A `Reference.reference` that is not a relative, absolute, `urn:uuid:`/`urn:oid:` or `#local` reference.
    public static let malformedReference: IssueCode = "HI-FHIR-0107"
    /// Empty string, array or object (R4 JSON forbids them), or `null` where no `_x` sibling explains it.
    public static let emptyValue: IssueCode = "HI-FHIR-0108"
    /// A decimal with more significant digits than ``FHIRDecodingOptions/maximumDecimalDigits``.
    public static let decimalPrecision: IssueCode = "HI-FHIR-0109"
    /// `resourceType` missing or not a resource name (contained and entry resources).
    public static let invalidResourceType: IssueCode = "HI-FHIR-0110"
    /// A resource type the library does not model: only the common elements were checked.
    public static let resourceNotModelled: IssueCode = "HI-FHIR-0111"
    /// A reference inside a Bundle that no entry resolves.
    public static let unresolvedReference: IssueCode = "HI-FHIR-0112"
    /// A blank NDJSON line (skipped).
    public static let blankLine: IssueCode = "HI-FHIR-0113"
    /// An NDJSON line that is not a resource (the thrown error, as an issue).
    public static let unreadableLine: IssueCode = "HI-FHIR-0114"
}

/// Structural validation of R4 JSON: cardinality and required elements, JSON kinds, primitive formats,
/// choice-type exclusivity, unknown elements, reference syntax and required code bindings of the modelled
/// resources and data types. Findings are returned as issues (never thrown), located by FHIRPath-like path
/// (`Observation.interpretation`, `Bundle.entry[2].resource.status`) and, with the source bytes, line/column.
///
/// ```swift
/// let bytes = Array(#"{"resourceType":"Observation","status":"done"}"#.utf8)
/// let resource = try FHIRResource(parsing: bytes)
/// for issue in FHIRValidator().validate(resource, source: bytes) { print(issue) }
/// // error HI-FHIR-0105: code not in the required value set observation-status (FHIR.Observation.status, …)
/// // error HI-FHIR-0103: required element missing (FHIR.Observation.code, …)
/// ```
public struct FHIRValidator: Sendable {
    /// Limits and policies (decimal digits, unknown-element severity).
    public var options: FHIRDecodingOptions

    /// A validator.
    public init(options: FHIRDecodingOptions = .init()) {
        self.options = options
    }

    /// Validates a resource. Pass the bytes it was read from to get line and column in each issue.
    public func validate(_ resource: FHIRResource, source: [UInt8]? = nil) -> [Issue] {
        var walker = Walker(options: options, source: source)
        walker.validateResource(resource.json, path: nil)
        return walker.issues
    }

    /// Validates a typed resource.
    public func validate<T: FHIRTypedResource>(_ resource: T, source: [UInt8]? = nil) -> [Issue] {
        validate(resource.resource, source: source)
    }
}

private struct Walker {
    let options: FHIRDecodingOptions
    let source: [UInt8]?
    var issues: [Issue] = []
    private var lineStarts: [Int]? = nil
    private var depth = 0
    static let maximumIssues = 1000

    init(options: FHIRDecodingOptions, source: [UInt8]?) {
        self.options = options
        self.source = source
    }

    mutating func report(_ severity: Severity, _ code: IssueCode, _ message: String, path: String, offset: Int?) {
        guard issues.count < Self.maximumIssues else { return }
        var location = SourceLocation(path: path, byteOffset: offset)
        if let offset, let source {
            if lineStarts == nil {
                var starts = [0]
                for (position, byte) in source.enumerated() where byte == 0x0A { starts.append(position + 1) }
                lineStarts = starts
            }
            if let starts = lineStarts {
                var low = 0
                var high = starts.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if starts[middle] <= offset { low = middle } else { high = middle - 1 }
                }
                location.line = low + 1
                location.column = offset - starts[low] + 1
            }
        }
        issues.append(Issue(severity, code: code, message, at: location))
    }

    // MARK: Resources

    mutating func validateResource(_ object: JSONObject, path: String?) {
        let typeMember = object.member("resourceType")
        let typeName = typeMember?.value.stringValue ?? ""
        let root = path ?? (FHIRResource.isResourceTypeName(typeName) ? typeName : "Resource")
        guard let typeMember else {
            report(
                .error, FHIRIssueCode.invalidResourceType, "resourceType missing", path: root,
                offset: object.sourceOffset)
            return
        }
        guard FHIRResource.isResourceTypeName(typeName) else {
            report(
                .error, FHIRIssueCode.invalidResourceType,
                "resourceType must be a resource name (letters, starting upper case)", path: root + ".resourceType",
                offset: typeMember.value.sourceOffset ?? typeMember.key.sourceOffset)
            return
        }
        guard depth < 16 else {
            report(.error, FHIRIssueCode.wrongJSONKind, "resources nested too deeply", path: root, offset: nil)
            return
        }
        depth += 1
        defer { depth -= 1 }
        if let definition = R4Definitions.types[typeName],
            definition.base == .resource || definition.base == .domainResource
        {
            validateObject(object, definition, path: root, isResource: true, allowUnknown: false)
            if typeName == "Bundle" {
                for issue in FHIR.Bundle(json: object).bundleIssues() {
                    let issuePath = issue.location.path.map { root + $0.dropFirst("Bundle".count) } ?? root
                    report(
                        issue.severity, issue.code, issue.message, path: issuePath, offset: issue.location.byteOffset)
                }
            }
        } else {
            report(
                .information, FHIRIssueCode.resourceNotModelled,
                "resource type \(typeName) is not modelled: only its common elements were checked", path: root,
                offset: object.sourceOffset)
            validateObject(object, R4Definitions.genericResource, path: root, isResource: true, allowUnknown: true)
        }
    }

    // MARK: Objects

    mutating func validateObject(
        _ object: JSONObject, _ definition: R4Definitions.TypeDefinition, path: String, isResource: Bool,
        allowUnknown: Bool
    ) {
        var present = [Bool](repeating: false, count: definition.elements.count)
        var choiceMember = [Int: String]()
        for member in object.members {
            let key = member.key.value
            let keyOffset = member.key.sourceOffset
            if isResource && key == "resourceType" { continue }
            let memberPath = path + "." + key
            if key.hasPrefix("_") {
                let name = String(key.dropFirst())
                guard let (index, type) = definition.lookup[name], R4Definitions.isPrimitive(type) else {
                    if !allowUnknown {
                        report(
                            options.unknownElementSeverity, FHIRIssueCode.unknownElement,
                            "'\(key)' is not a primitive extension of a primitive element of \(definition.name)",
                            path: memberPath, offset: keyOffset)
                    }
                    continue
                }
                present[index] = true
                validatePrimitiveExtension(
                    member.value, isArray: definition.elements[index].isArray, path: memberPath, offset: keyOffset)
                continue
            }
            guard let (index, type) = definition.lookup[key] else {
                if !allowUnknown {
                    report(
                        options.unknownElementSeverity, FHIRIssueCode.unknownElement,
                        "'\(key)' is not an element of \(definition.name)", path: memberPath, offset: keyOffset)
                }
                continue
            }
            let element = definition.elements[index]
            if element.isChoice {
                if let other = choiceMember[index] {
                    report(
                        .error, FHIRIssueCode.choiceConflict,
                        "\(element.name)[x] given twice ('\(other)' and '\(key)'); only one type is allowed",
                        path: memberPath, offset: keyOffset)
                } else {
                    choiceMember[index] = key
                }
            }
            present[index] = true
            let hasExtensionSibling = R4Definitions.isPrimitive(type) && object.member("_" + key) != nil
            if element.isArray {
                guard case .array(let items) = member.value else {
                    report(
                        .error, FHIRIssueCode.wrongJSONKind,
                        "\(definition.name).\(element.name) repeats: expected an array, found \(member.value.kindName)",
                        path: memberPath, offset: keyOffset)
                    continue
                }
                if items.isEmpty {
                    report(.error, FHIRIssueCode.emptyValue, "empty array", path: memberPath, offset: keyOffset)
                }
                for (position, item) in items.enumerated() {
                    let itemPath = memberPath + "[\(position)]"
                    if case .null = item, hasExtensionSibling { continue }
                    validateValue(
                        item, type: type, element: element, path: itemPath, offset: item.sourceOffset ?? keyOffset)
                }
            } else {
                if case .array = member.value {
                    report(
                        .error, FHIRIssueCode.wrongJSONKind,
                        "\(definition.name).\(element.name) does not repeat: expected one value, found an array",
                        path: memberPath, offset: keyOffset)
                    continue
                }
                validateValue(
                    member.value, type: type, element: element, path: memberPath,
                    offset: member.value.sourceOffset ?? keyOffset)
            }
        }
        for (index, element) in definition.elements.enumerated() where element.min > 0 && !present[index] {
            report(
                .error, FHIRIssueCode.requiredElementMissing,
                "required element \(definition.name).\(element.name)\(element.isChoice ? "[x]" : "") is missing",
                path: path + "." + element.name + (element.isChoice ? "[x]" : ""), offset: object.sourceOffset)
        }
        if definition.name == "Extension", object["extension"] != nil,
            let valueIndex = definition.elements.firstIndex(where: { $0.name == "value" }), present[valueIndex]
        {
            report(
                .error, FHIRIssueCode.choiceConflict,
                "an extension has either nested extensions or a value[x], not both",
                path: path, offset: object.sourceOffset)
        }
        if definition.name == "Reference", let member = object.member("reference"),
            let text = member.value.stringValue, !ReferenceSyntax.isWellFormed(text)
        {
            report(
                .error, FHIRIssueCode.malformedReference,
                "reference is not relative (Type/id), absolute, urn:uuid:, urn:oid: or #local",
                path: path + ".reference", offset: member.value.sourceOffset)
        }
    }

    mutating func validatePrimitiveExtension(_ value: JSONValue, isArray: Bool, path: String, offset: Int?) {
        let element = R4Definitions.definition(of: "PrimitiveElement") ?? R4Definitions.primitiveElement
        if isArray {
            guard case .array(let items) = value else {
                report(
                    .error, FHIRIssueCode.wrongJSONKind, "expected an array of objects or nulls", path: path,
                    offset: offset)
                return
            }
            for (position, item) in items.enumerated() {
                switch item {
                case .null: continue
                case .object(let object):
                    validateObject(
                        object, element, path: path + "[\(position)]", isResource: false, allowUnknown: false)
                default:
                    report(
                        .error, FHIRIssueCode.wrongJSONKind, "expected an object or null", path: path, offset: offset)
                }
            }
        } else {
            guard case .object(let object) = value else {
                report(.error, FHIRIssueCode.wrongJSONKind, "expected an object", path: path, offset: offset)
                return
            }
            validateObject(object, element, path: path, isResource: false, allowUnknown: false)
        }
    }

    // MARK: Values

    mutating func validateValue(
        _ value: JSONValue, type: String, element: R4Definitions.Element, path: String, offset: Int?
    ) {
        if R4Definitions.isPrimitive(type) {
            validatePrimitive(value, type: type, binding: element.binding, path: path, offset: offset)
            return
        }
        guard case .object(let object) = value else {
            report(
                .error, FHIRIssueCode.wrongJSONKind, "expected an object (\(type)), found \(value.kindName)",
                path: path, offset: offset)
            return
        }
        if object.members.isEmpty {
            report(.error, FHIRIssueCode.emptyValue, "empty object", path: path, offset: offset)
            return
        }
        if type == "Resource" {
            validateResource(object, path: path)
            return
        }
        guard depth < 64 else { return }
        depth += 1
        defer { depth -= 1 }
        if let definition = R4Definitions.definition(of: type) {
            validateObject(object, definition, path: path, isResource: false, allowUnknown: false)
        }
        if let binding = element.binding, type == "CodeableConcept",
            let system = R4Definitions.codeableConceptSystems[binding], let codes = R4Definitions.valueSets[binding]
        {
            for (position, coding) in (object["coding"]?.arrayValue ?? []).enumerated() {
                guard coding["system"]?.stringValue == system, let code = coding["code"]?.stringValue else { continue }
                if !codes.contains(code) {
                    report(
                        .error, FHIRIssueCode.codeNotInValueSet,
                        "code not in the required value set \(binding)",
                        path: path + ".coding[\(position)].code", offset: coding["code"]?.sourceOffset)
                }
            }
        }
    }

    mutating func validatePrimitive(_ value: JSONValue, type: String, binding: String?, path: String, offset: Int?) {
        switch type {
        case "boolean":
            guard case .bool = value else { return kindError(value, expected: "boolean", path: path, offset: offset) }
        case "integer", "positiveInt", "unsignedInt":
            guard case .number(let number) = value else {
                return kindError(value, expected: "number", path: path, offset: offset)
            }
            guard number.isInteger, let integer = number.intValue, integer >= Int(Int32.min), integer <= Int(Int32.max)
            else {
                return report(
                    .error, FHIRIssueCode.invalidPrimitive, "expected a 32-bit \(type)", path: path, offset: offset)
            }
            if (type == "positiveInt" && integer < 1) || (type == "unsignedInt" && integer < 0) {
                report(.error, FHIRIssueCode.invalidPrimitive, "out of range for \(type)", path: path, offset: offset)
            }
        case "decimal":
            guard case .number(let number) = value else {
                return kindError(value, expected: "number", path: path, offset: offset)
            }
            if let limit = options.maximumDecimalDigits, number.significantDigits > limit {
                report(
                    .error, FHIRIssueCode.decimalPrecision,
                    "decimal has \(number.significantDigits) significant digits; more than \(limit) are not "
                        + "interoperable (kept exactly as written)", path: path, offset: offset)
            }
        default:
            guard case .string(let string) = value else {
                return kindError(value, expected: "string", path: path, offset: offset)
            }
            let bytes = string.utf8
            if bytes.isEmpty {
                return report(.error, FHIRIssueCode.emptyValue, "empty string", path: path, offset: offset)
            }
            if !PrimitiveFormat.isValid(bytes, type: type) {
                return report(
                    .error, FHIRIssueCode.invalidPrimitive, "not a valid FHIR \(type)", path: path, offset: offset)
            }
            if let binding, let codes = R4Definitions.valueSets[binding], !codes.contains(string.value) {
                report(
                    .error, FHIRIssueCode.codeNotInValueSet, "code not in the required value set \(binding)",
                    path: path, offset: offset)
            }
        }
    }

    mutating func kindError(_ value: JSONValue, expected: String, path: String, offset: Int?) {
        if case .null = value {
            report(.error, FHIRIssueCode.emptyValue, "null without a primitive extension", path: path, offset: offset)
        } else {
            report(
                .error, FHIRIssueCode.wrongJSONKind, "expected a JSON \(expected), found \(value.kindName)",
                path: path, offset: offset)
        }
    }
}

extension R4Definitions {
    /// What a `_x` primitive extension object may hold.
    static let primitiveElement = TypeDefinition(
        name: "Element",
        base: .element,
        elements: [
            Element(name: "id", types: ["string"], min: 0, isArray: false, binding: nil, isChoice: false),
            Element(name: "extension", types: ["Extension"], min: 0, isArray: true, binding: nil, isChoice: false),
        ],
        lookup: ["id": (0, "string"), "extension": (1, "Extension")])
}
