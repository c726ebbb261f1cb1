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
        // A non-OID authority written by ``idElement`` travels in assigningAuthorityName.
        if kind == .other, let name = V3XML.trimmedAttribute(element, "assigningAuthorityName"), !isOID(name) {
            return Identifier(kind: kind, value: value, authority: name)
        }
        return Identifier(kind: kind, value: value, authority: root)
    }

    /// `true` for a dotted-decimal OID (`2.16.156.10011.1.3`).
    static func isOID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "."), last != UInt8(ascii: ".")
        else { return false }
        return bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }
    }

    /// An authority as an II root: `urn:oid:` removed; `nil` when it is not an OID (a v2 assigning authority, a
    /// FHIR system URL).
    static func oidRoot(_ authority: String?) -> String? {
        guard var text = authority.map(V3Text.trimmed) else { return nil }
        if text.hasPrefix("urn:oid:") { text.removeFirst(8) }
        return isOID(text) ? text : nil
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

    static func root(for identifier: Identifier, defaultRoot: String = V3Identifiers.patientID) -> String {
        switch identifier.kind {
        case .residentIDCard: V3Identifiers.residentIDCard
        case .healthRecordNumber: V3Identifiers.healthRecordNumber
        case .healthCardNumber: V3Identifiers.healthCard
        case .outpatientNumber: V3Identifiers.outpatientNumber
        case .inpatientNumber: V3Identifiers.inpatientNumber
        default: oidRoot(identifier.authority) ?? defaultRoot
        }
    }

    /// `<id root= extension=/>`; an authority that is no OID is kept in `assigningAuthorityName` under
    /// `defaultRoot`.
    static func idElement(
        _ identifier: Identifier, name: String = "id", defaultRoot: String = V3Identifiers.patientID
    ) -> XMLElement {
        let root = root(for: identifier, defaultRoot: defaultRoot)
        let keepsName = identifier.kind == .other && oidRoot(identifier.authority) == nil
        let authorityName = keepsName ? identifier.authority.map(V3Text.trimmed).flatMap { $0.isEmpty ? nil : $0 } : nil
        return V3XML.element(
            name, ["root": root, "extension": identifier.value, "assigningAuthorityName": authorityName])
    }

    /// A time stamp in the HL7 V3 TS form (`20240315083000+0800`): the ISO 8601 form FHIR writes
    /// (`2024-03-15T08:30:00+08:00`) is compacted; any other text is kept as written.
    static func ts(_ time: Timestamp) -> String {
        let bytes = Array(time.text.utf8)
        guard bytes.count >= 5, bytes[4] == UInt8(ascii: "-") else { return time.text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") {
                out.append(byte)
            } else if byte == UInt8(ascii: "-") && index > 10 {
                out.append(byte)
            } else if byte == UInt8(ascii: "Z") {
                out += Array("+0000".utf8)
            } else if byte != UInt8(ascii: "-") && byte != UInt8(ascii: ":") && byte != UInt8(ascii: "T") {
                return time.text
            }
        }
        return String(decoding: out, as: UTF8.self)
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
