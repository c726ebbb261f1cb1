import HICDA
import HICore
public import HIModels
import HITerminology
import HIXML

extension Provenance.Format {
    /// HL7 V3 interaction messages (and XDS.b document exchange).
    public static let hl7v3 = Provenance.Format(rawValue: "hl7v3")
}

/// Element ↔ model helpers shared by the typed interactions.
enum V3Map {
    // MARK: identifiers

    private static let kindsByRoot: [String: Identifier.Kind] = [
        V3Identifiers.residentIDCard: .residentIDCard,
        V3Identifiers.healthRecordNumber: .healthRecordNumber,
        V3Identifiers.healthCard: .healthCardNumber,
        V3Identifiers.outpatientNumber: .outpatientNumber,
        V3Identifiers.inpatientNumber: .inpatientNumber,
    ]

    static func identifier(_ element: XMLElement) -> Identifier? {
        guard let value = V3XML.trimmedAttribute(element, "extension") else { return nil }
        let root = V3XML.trimmedAttribute(element, "root")
        let kind = root.flatMap { kindsByRoot[$0] } ?? .other
        return Identifier(kind: kind, value: value, authority: root)
    }

    /// `id` elements, also the DSET form `<id><item root= extension=/></id>`.
    static func identifiers(_ elements: [XMLElement]) -> [Identifier] {
        var result: [Identifier] = []
        for element in elements {
            let items = element.children("item")
            if items.isEmpty {
                if let identifier = identifier(element) { result.append(identifier) }
            } else {
                result += items.compactMap(identifier)
            }
        }
        return result
    }

    static func root(for identifier: Identifier) -> String {
        switch identifier.kind {
        case .residentIDCard: V3Identifiers.residentIDCard
        case .healthRecordNumber: V3Identifiers.healthRecordNumber
        case .healthCardNumber: V3Identifiers.healthCard
        case .outpatientNumber: V3Identifiers.outpatientNumber
        case .inpatientNumber: V3Identifiers.inpatientNumber
        default: identifier.authority ?? V3Identifiers.patientID
        }
    }

    static func idElement(_ identifier: Identifier, name: String = "id") -> XMLElement {
        V3XML.element(name, ["root": root(for: identifier), "extension": identifier.value])
    }

    // MARK: codes

    static func coded(_ element: XMLElement?) -> CodedValue? {
        guard let element, let code = V3XML.trimmedAttribute(element, "code") else { return nil }
        let oid = V3XML.trimmedAttribute(element, "codeSystem")
        let system = oid.flatMap { oid in CodeSystem.wellKnown.first { $0.oid == oid }?.name } ?? oid ?? ""
        return CodedValue(
            system: system, code: code, display: V3XML.trimmedAttribute(element, "displayName"),
            originalText: V3Text.value(element.firstChild("originalText")?.textContent))
    }

    static func codeElement(_ name: String, _ value: CodedValue) -> XMLElement {
        let oid = CodeSystem.wellKnown.first { $0.name == value.system }?.oid ?? value.system
        var element = V3XML.element(
            name, ["code": value.code, "codeSystem": oid.isEmpty ? nil : oid, "displayName": value.display])
        if let text = value.originalText {
            element.children.append(.element(V3XML.element("originalText", text: text)))
        }
        return element
    }

    // MARK: names, addresses, telecom

    /// A PN: plain text, `family`/`given` parts, or the BAG_EN dialect `item/part/@value`.
    static func name(_ element: XMLElement?) -> PersonName? {
        guard let element else { return nil }
        let items = element.children("item")
        if !items.isEmpty {
            var text = ""
            var family: String? = nil
            var given: [String] = []
            for part in items.flatMap({ $0.children("part") }) {
                guard let value = V3XML.trimmedAttribute(part, "value") else { continue }
                text += value
                switch part.attribute("type") {
                case "FAM": family = value
                case "GIV": given.append(value)
                default: break
                }
            }
            return text.isEmpty ? nil : PersonName(text: text, family: family, given: given)
        }
        let family = V3Text.value(element.firstChild("family")?.textContent)
        let given = element.children("given").compactMap { V3Text.value($0.textContent) }
        if family != nil || !given.isEmpty {
            return PersonName(text: (family ?? "") + given.joined(), family: family, given: given)
        }
        return V3Text.value(element.textContent).map { PersonName(text: $0) }
    }

    static func nameElement(_ name: PersonName) -> XMLElement {
        V3XML.element("name", text: name.text)
    }

    private static let addressParts = [
        "country", "state", "city", "county", "precinct", "streetName", "houseNumber", "streetAddressLine",
        "additionalLocator",
    ]

    static func address(_ element: XMLElement) -> Address? {
        var address = Address()
        switch element.attribute("use") {
        case "H", "HP": address.use = .home
        case "WP": address.use = .work
        case "PHYS": address.use = .registeredResidence
        default: break
        }
        for child in element.elements {
            guard let value = V3Text.value(child.textContent) else { continue }
            if child.localName == "postalCode" {
                address.postalCode = value
            } else if addressParts.contains(child.localName) {
                address.parts.append(value)
            }
        }
        if address.parts.isEmpty, element.elements.isEmpty { address.text = V3Text.value(element.textContent) }
        return address.parts.isEmpty && address.text == nil && address.postalCode == nil ? nil : address
    }

    static func addressElement(_ address: Address) -> XMLElement {
        let use: String? =
            switch address.use {
            case .home?: "H"
            case .work?: "WP"
            case .registeredResidence?: "PHYS"
            default: nil
            }
        var element = V3XML.element("addr", ["use": use])
        if address.parts.isEmpty, let text = address.text {
            element.children = [.text(text)]
        } else {
            element.children = address.parts.map { .element(V3XML.element("streetAddressLine", text: $0)) }
        }
        if let postalCode = address.postalCode {
            element.children.append(.element(V3XML.element("postalCode", text: postalCode)))
        }
        return element
    }

    static func telecom(_ element: XMLElement) -> ContactPoint? {
        guard var value = V3XML.trimmedAttribute(element, "value") else { return nil }
        var system = ContactPoint.System.phone
        if value.hasPrefix("tel:") {
            value.removeFirst(4)
        } else if value.hasPrefix("mailto:") {
            value.removeFirst(7)
            system = .email
        }
        let use: ContactPoint.Use? =
            switch element.attribute("use") {
            case "H", "HP": .home
            case "WP": .work
            case "MC": .mobile
            default: nil
            }
        return ContactPoint(system: system, value: value, use: use)
    }

    static func telecomElement(_ point: ContactPoint) -> XMLElement {
        let scheme = point.system == .email ? "mailto:" : "tel:"
        let use: String? =
            switch point.use {
            case .home?: "H"
            case .work?: "WP"
            case .mobile?: "MC"
            default: nil
            }
        return V3XML.element("telecom", ["value": scheme + point.value, "use": use])
    }

    static func time(_ element: XMLElement?) -> Timestamp? {
        V3XML.trimmedAttribute(element, "value").map(Timestamp.init)
    }

    static func provenance(_ message: V3Message, _ element: XMLElement?) -> Provenance {
        Provenance(
            format: .hl7v3, documentID: V3Text.value(message.id?.extension),
            location: SourceLocation(path: element.map { "//" + $0.localName }, line: element?.line))
    }

    // MARK: checks

    static func require(_ message: V3Message, _ allowed: [V3Interaction]) throws(V3Error) {
        let interaction = message.interaction
        guard allowed.contains(interaction) else {
            throw V3Error(
                .wrongInteraction,
                "expected \(allowed.map(\.rawValue).joined(separator: " or ")), found \(interaction.rawValue)",
                at: SourceLocation(path: "/" + message.element.qualifiedName, line: message.element.line))
        }
    }

    static func missing(_ what: String, in message: V3Message, below element: XMLElement? = nil) -> V3Error {
        let anchor = element ?? message.element
        return V3Error(
            .missingElement, "the message has no \(what)",
            at: SourceLocation(path: "//" + anchor.localName, line: anchor.line))
    }

    /// The first descendant of `element` at `path` (local names), searching only first matches.
    static func find(_ element: XMLElement?, _ path: String...) -> XMLElement? {
        element?.descendant(path: path)
    }
}
