/// The R4 structure definitions the validator checks against, built once from the tables in
/// `R4Definitions+Tables.swift` (immutable after construction).
enum R4Definitions {
    enum Base: Sendable {
        case resource, domainResource, element, backbone
    }

    struct Element: Sendable {
        var name: String
        var types: [String]
        var min: Int
        var isArray: Bool
        var binding: String?
        var isChoice: Bool
    }

    struct TypeDefinition: Sendable {
        var name: String
        var base: Base
        var elements: [Element]
        /// Member name → (element index, concrete type).
        var lookup: [String: (element: Int, type: String)]
    }

    static let primitiveTypes: Set<String> = [
        "base64Binary", "boolean", "canonical", "code", "date", "dateTime", "decimal", "id", "instant", "integer",
        "markdown", "oid", "positiveInt", "string", "time", "unsignedInt", "uri", "url", "uuid", "xhtml",
    ]

    /// Quantity profiles that share Quantity's elements.
    static let aliases: [String: String] = [
        "Duration": "Quantity", "Age": "Quantity", "Count": "Quantity", "Distance": "Quantity",
        "SimpleQuantity": "Quantity", "MoneyQuantity": "Quantity",
    ]

    static let types: [String: TypeDefinition] = {
        var result: [String: TypeDefinition] = [:]
        for (name, base, text) in tables {
            result[name] = makeType(name: name, base: base, text: text)
        }
        return result
    }()

    /// Elements every resource may carry (used for resource types the library does not model).
    static let genericResource = makeType(name: "Resource", base: .domainResource, text: "")

    static let valueSets: [String: Set<String>] = {
        var result: [String: Set<String>] = [:]
        for (name, codes) in valueSetTable {
            result[name] = Set(codes.split(separator: " ").map(String.init))
        }
        return result
    }()

    static func definition(of type: String) -> TypeDefinition? {
        types[aliases[type] ?? type]
    }

    static func isPrimitive(_ type: String) -> Bool { primitiveTypes.contains(type) }

    private static func baseText(_ base: Base) -> String {
        switch base {
        case .resource: "id:id meta:Meta implicitRules:uri language:code"
        case .domainResource:
            "id:id meta:Meta implicitRules:uri language:code text:Narrative contained*:Resource "
                + "extension*:Extension modifierExtension*:Extension"
        case .element: "id:string extension*:Extension"
        case .backbone: "id:string extension*:Extension modifierExtension*:Extension"
        }
    }

    private static func makeType(name: String, base: Base, text: String) -> TypeDefinition {
        var elements: [Element] = []
        var lookup: [String: (element: Int, type: String)] = [:]
        let all = baseText(base) + " " + text
        for token in all.split(separator: " ") {
            guard let colon = token.firstIndex(of: ":") else { continue }
            var elementName = String(token[..<colon])
            var rest = String(token[token.index(after: colon)...])
            var binding: String? = nil
            if let equals = rest.firstIndex(of: "=") {
                binding = String(rest[rest.index(after: equals)...])
                rest = String(rest[..<equals])
            }
            var min = 0
            var isArray = false
            switch elementName.last {
            case "!":
                min = 1
                elementName.removeLast()
            case "*":
                isArray = true
                elementName.removeLast()
            case "+":
                min = 1
                isArray = true
                elementName.removeLast()
            default: break
            }
            var isChoice = false
            if elementName.hasSuffix("[x]") {
                isChoice = true
                elementName.removeLast(3)
            }
            let typeList =
                rest == "*"
                ? allDataTypes.split(separator: " ").map(String.init) : rest.split(separator: ",").map(String.init)
            let index = elements.count
            elements.append(
                Element(
                    name: elementName, types: typeList, min: min, isArray: isArray, binding: binding,
                    isChoice: isChoice))
            if isChoice {
                for type in typeList {
                    let suffix = type.prefix(1).uppercased() + type.dropFirst()
                    lookup[elementName + suffix] = (index, type)
                }
            } else {
                lookup[elementName] = (index, typeList.first ?? "string")
            }
        }
        return TypeDefinition(name: name, base: base, elements: elements, lookup: lookup)
    }
}
