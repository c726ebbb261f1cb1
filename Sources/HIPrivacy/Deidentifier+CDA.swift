import HICore
import HIXML

extension Deidentifier {
    /// De-identifies one CDA R2 document (WS/T 500, WS/T 483 or any other CDA); written back in the
    /// document's declared encoding with its layout (white space, comments' places, attribute order) kept.
    func deidentifyCDA(_ bytes: [UInt8]) throws(PrivacyError) -> Result {
        try deidentifyXML(bytes, dialect: .cda)
    }

    /// De-identifies one HL7 v3 XML message (PRPA patient registry, POOR orders, POLB lab results, …): the
    /// same rules as CDA over the RIM roles a message carries (`patient`/`patientPerson`, `asOtherIDs`,
    /// `assignedEntity`/`assignedPerson`, …), plus the query parameters of a registry query
    /// (`livingSubjectId`, `livingSubjectName`, `livingSubjectBirthTime`, `patientTelecom`, `patientAddress`)
    /// and the XDS.b parts (the base64 CDA payload, the metadata naming the patient).
    func deidentifyV3(_ bytes: [UInt8]) throws(PrivacyError) -> Result {
        try deidentifyXML(bytes, dialect: .v3)
    }

    private func deidentifyXML(_ bytes: [UInt8], dialect: CDAWalker.Dialect) throws(PrivacyError) -> Result {
        var report = DeidentificationReport(format: dialect == .cda ? .cda : .v3)
        var document: XMLDocument
        do throws(XMLError) {
            document = try XMLDocument(parsing: bytes)
        } catch {
            let what = dialect == .cda ? "a CDA XML document" : "an HL7 v3 XML message"
            throw PrivacyError(
                .unreadableInput, expected: "\(what) (\(error.issueCode) \(error.reason))", at: error.location)
        }
        var walker = CDAWalker(deidentifier: self, dialect: dialect)
        try walker.deidentify(&document.root, path: "/" + document.root.qualifiedName)
        if let replacement = freeTextReplacement {
            document.prolog = document.prolog.map { walker.comment($0, replacement) }
            document.epilog = document.epilog.map { walker.comment($0, replacement) }
        }
        report.changes += walker.changes
        var writing = XMLWritingOptions()
        if let name = document.declaration?.encoding, let charset = Charset(name: name) { writing.encoding = charset }
        do throws(XMLError) {
            return Result(bytes: try document.serialized(options: writing), report: report)
        } catch {
            throw PrivacyError(
                .unreadableInput, expected: "a document writable in its declared encoding (\(error.issueCode))",
                at: error.location)
        }
    }
}

/// Rewrites a CDA tree in place.
///
/// - people (the patient, guardians, related persons, authors, authenticators, performers, recipients): their
///   `id/@extension` become keyed pseudonyms (a GB 11643 resident ID stays a valid one with its region),
///   their `name` (whole or `family`/`given` parts) a pseudonymous name, `telecom/@value` a pseudonymous phone
///   or e-mail, `addr` keeps its parts down to the county (`state`, `city`, `county`, `postalCode`,
///   `country`) and loses the rest (`township`, `streetName`, `houseNumber`, `streetAddressLine`, …), a
///   text-only `addr` keeps its text up to the county;
/// - organisations (`…Organization`) keep their ids, names, telecom and addresses;
/// - every time stamp (`effectiveTime`, `time`, `birthTime`, `low`, `high`, `center`, and `value` of type
///   TS/IVL_TS) moves by the patient's date offset, so intervals are kept;
/// - narrative (`section/text`), comments and free-text data elements of the body (主诉, 现病史, 既往史,
///   诊疗过程描述, 备注, 指导意见 …) follow the free-text policy; body data elements that are themselves
///   identifiers (WS 363 姓名, 身份证件号码, 电话号码, address parts below the county) are replaced like the
///   header's.
struct CDAWalker {
    /// Which XML family the tree belongs to: CDA R2 documents or HL7 v3 messages (same RIM roles, more of them).
    enum Dialect {
        case cda
        case v3
    }

    enum Context {
        case document
        case person
        case organization
    }

    let deidentifier: Deidentifier
    let dialect: Dialect
    var offset = 0
    var changes: [DeidentificationReport.Change] = []
    /// Pseudonyms given to person identifiers, by original `extension`: the same identifier elsewhere in the
    /// document (a specimen number repeated on the specimen, an order number on the order) gets the same one.
    var replacedIDs: [String: String] = [:]
    /// Set when part of the tree cannot be de-identified (an undecodable embedded document): the whole
    /// document is then refused rather than passed on with that part untouched.
    var failure: PrivacyError? = nil

    init(deidentifier: Deidentifier, dialect: Dialect = .cda) {
        self.deidentifier = deidentifier
        self.dialect = dialect
    }

    /// Elements that are (or play) a person: their ids, names, telecom and addresses are personal data.
    static let personElements: Set<String> = [
        "patientRole", "patient", "guardian", "guardianPerson", "relatedEntity", "relatedPerson", "relatedSubject",
        "subject", "assignedAuthor", "assignedPerson", "assignedEntity", "associatedEntity", "associatedPerson",
        "intendedRecipient", "informationRecipient", "maintainingPerson", "person", "informant", "participantRole",
        "playingEntity", "healthCareProvider",
    ]
    /// HL7 v3 message roles that are (or play) a person, besides the CDA ones.
    static let v3PersonElements: Set<String> = [
        "patientPerson", "asOtherIDs", "relationshipHolder1", "personalRelationship", "contactParty",
        "healthCarePrincipalPerson", "providerPerson", "employeePerson", "assignedProvider", "healthCareProvider",
    ]
    /// HL7 v3 registry query parameters (`queryByParameter/parameterList/…/value`) that carry personal data.
    static let v3QueryParameters: [String: DeidentificationKind] = [
        "livingSubjectId": .identifier, "patientIdentifier": .identifier, "livingSubjectName": .name,
        "mothersMaidenName": .name, "livingSubjectBirthTime": .date, "patientTelecom": .phone,
        "patientAddress": .address,
    ]
    /// Elements whose `@value` is a time stamp.
    static let timeElements: Set<String> = [
        "effectiveTime", "time", "birthTime", "low", "high", "center", "deceasedTime",
    ]
    /// `addr` parts kept (down to the county).
    static let keptAddressParts: Set<String> = ["state", "city", "county", "postalCode", "country", "precinct"]
    /// WS 363 data elements whose value is free text.
    static let freeTextElements: Set<String> = [
        "DE04.01.119.00",  // 主诉
        "DE02.10.071.00",  // 现病史
        "DE02.10.099.00",  // 既往史
        "DE06.00.296.00",  // 诊疗过程描述
        "DE06.00.179.00",  // 检验/检查报告备注
        "DE06.00.018.00",  // 处理及指导意见
        "DE06.00.051.00",  // 健康指导
        "DE05.10.032.00",  // 健康评价异常描述
    ]
    /// WS 363 data elements that identify a person, and how to replace their value.
    static let identifyingElements: [String: DeidentificationKind] = [
        "DE02.01.039.00": .name,  // 姓名
        "DE02.01.030.00": .residentID,  // 身份证件号码
        "DE02.01.010.00": .phone,  // 电话号码
        "DE02.01.009.04": .address,  // 地址-乡(镇、街道办事处)
        "DE02.01.009.05": .address,  // 地址-村(街、路、弄等)
        "DE02.01.009.06": .address,  // 地址-门牌号码
    ]

    /// The key the patient's date offset comes from: the resident ID number when the document carries a valid
    /// one (as HL7 v2 and FHIR de-identification use), else the first patient identifier. A CDA document's
    /// patient is `recordTarget/patientRole`; a v3 message's is the first `patient` role at any depth (or the
    /// `livingSubjectId` of a query).
    static func personKey(of root: XMLElement, dialect: Dialect = .cda) -> String {
        var candidates: [XMLElement] = []
        switch dialect {
        case .cda:
            guard let role = root.descendant("recordTarget", "patientRole") else { return "" }
            candidates = role.children("id")
            if let patient = role.firstChild("patient") { candidates = patient.children("id") + candidates }
        case .v3:
            if let patient = firstDescendant(of: root, named: "patient") {
                candidates = patient.children("id")
                if let person = patient.firstChild("patientPerson") {
                    candidates =
                        person.children("id") + person.children("asOtherIDs").flatMap { $0.children("id") }
                        + candidates
                }
            } else if let parameter = firstDescendant(of: root, named: "livingSubjectId") {
                candidates = parameter.children("value")
            }
        }
        for id in candidates {
            if let value = id.attribute("extension"), Deidentifier.isValidResidentID(value) { return value }
        }
        return candidates.lazy.compactMap { $0.attribute("extension") }.first ?? ""
    }

    /// The first element named `name` in document order (depth-first), bounded by the tree's own depth.
    static func firstDescendant(of element: XMLElement, named name: String) -> XMLElement? {
        for child in element.elements {
            if child.localName == name { return child }
            if let found = firstDescendant(of: child, named: name) { return found }
        }
        return nil
    }

    /// De-identifies a document's root element: the patient's date offset, the rules, then the sweep that gives
    /// every other copy of a replaced identifier the same pseudonym.
    /// - Throws: the ``failure`` of a part that cannot be de-identified.
    mutating func deidentify(_ root: inout XMLElement, path: String) throws(PrivacyError) {
        offset = deidentifier.dateOffset(forPerson: Self.personKey(of: root, dialect: dialect))
        visit(&root, path: path, parent: "", context: .document)
        if let failure { throw failure }
        if !replacedIDs.isEmpty { sweepIDs(&root, path: path) }
    }

    mutating func note(_ path: String, _ kind: DeidentificationKind) {
        changes.append(.init(path: path, kind: kind))
    }

    func comment(_ node: XMLNode, _ replacement: String) -> XMLNode {
        guard case .comment(let text) = node, !text.isEmpty else { return node }
        return .comment(replacement.isEmpty ? "" : " \(replacement) ")
    }

    mutating func visit(_ element: inout XMLElement, path: String, parent: String, context: Context) {
        let name = element.localName
        let isPerson =
            Self.personElements.contains(name) || (dialect == .v3 && Self.v3PersonElements.contains(name))
        let here: Context =
            name.hasSuffix("Organization") || name == "organization" ? .organization : isPerson ? .person : context
        shiftTime(&element, path: path)
        if here == .person { personal(&element, path: path) }
        if name == "text", parent == "section", let replacement = deidentifier.freeTextReplacement {
            if !element.children.isEmpty {
                element.children = replacement.isEmpty ? [] : [.text(replacement)]
                note(path, .freeText)
            }
            return
        }
        if name == "observation" || name == "organizer" || name == "act" {
            bodyDataElement(&element, path: path)
        }
        if dialect == .v3, xdsElement(&element, path: path) { return }
        if dialect == .v3, let kind = Self.v3QueryParameters[name] {
            queryParameter(&element, kind: kind, path: path)
            return
        }
        var counts: [String: Int] = [:]
        for index in element.children.indices {
            switch element.children[index] {
            case .element(var child):
                let childName = child.localName
                counts[childName, default: 0] += 1
                let childPath = path + "/" + child.qualifiedName + "[\(counts[childName] ?? 1)]"
                visit(&child, path: childPath, parent: name, context: here)
                element.children[index] = .element(child)
            case .comment:
                if let replacement = deidentifier.freeTextReplacement {
                    let replaced = comment(element.children[index], replacement)
                    if replaced != element.children[index] {
                        element.children[index] = replaced
                        note(path + "/comment()", .freeText)
                    }
                }
            default: continue
            }
        }
    }

    /// The ids, names, telecoms and addresses directly under a person element.
    mutating func personal(_ element: inout XMLElement, path: String) {
        var counts: [String: Int] = [:]
        for index in element.children.indices {
            guard case .element(var child) = element.children[index] else { continue }
            counts[child.localName, default: 0] += 1
            let childPath = path + "/" + child.qualifiedName + "[\(counts[child.localName] ?? 1)]"
            switch child.localName {
            case "id" where deidentifier.options.identifiers:
                guard let value = child.attribute("extension"), !value.isEmpty else { continue }
                let pseudonym = deidentifier.pseudonymousIdentifier(value, dateOffset: offset)
                child.setAttribute("extension", pseudonym)
                replacedIDs[value] = pseudonym
                note(childPath + "/@extension", Deidentifier.isValidResidentID(value) ? .residentID : .identifier)
            case "name" where deidentifier.options.names:
                replaceName(&child, path: childPath)
            case "telecom" where deidentifier.options.phones:
                guard let value = child.attribute("value"), !value.isEmpty else { continue }
                child.setAttribute("value", pseudonymousTelecom(value))
                note(childPath + "/@value", .phone)
            case "addr" where deidentifier.options.addresses:
                replaceAddress(&child, path: childPath)
            default: continue
            }
            element.children[index] = .element(child)
        }
    }

    /// Gives every other `id/@extension` equal to a replaced person identifier the same pseudonym.
    mutating func sweepIDs(_ element: inout XMLElement, path: String) {
        for index in element.children.indices {
            guard case .element(var child) = element.children[index] else { continue }
            let childPath = path + "/" + child.qualifiedName
            if child.localName == "id", let value = child.attribute("extension"), let pseudonym = replacedIDs[value],
                pseudonym != value
            {
                child.setAttribute("extension", pseudonym)
                note(childPath + "/@extension", .identifier)
            }
            sweepIDs(&child, path: childPath)
            element.children[index] = .element(child)
        }
    }

    /// `tel:`/`mailto:`/`fax:` URLs keep their scheme.
    func pseudonymousTelecom(_ value: String) -> String {
        guard let colon = value.firstIndex(of: ":"), value[..<colon].allSatisfy({ $0.isLetter }) else {
            return deidentifier.pseudonymousPhone(value)
        }
        let scheme = value[...colon]
        let rest = String(value[value.index(after: colon)...])
        if scheme.lowercased() == "mailto:" {
            return "mailto:" + deidentifier.pseudonymousPhone(rest.contains("@") ? rest : rest + "@")
        }
        return scheme + deidentifier.pseudonymousPhone(rest)
    }

    mutating func replaceName(_ name: inout XMLElement, path: String) {
        let parts = name.elements.filter { ["family", "given", "prefix", "suffix"].contains($0.localName) }
        if parts.isEmpty {
            let text = name.textContent.trimmingASCIISpaces
            guard !text.isEmpty else {
                replaceValueParts(&name, path: path)
                return
            }
            name.children = name.children.filter { !$0.isText }
            name.children.append(.text(deidentifier.pseudonymousName(text)))
            note(path, .name)
            return
        }
        for index in name.children.indices {
            guard case .element(var part) = name.children[index],
                part.localName == "family" || part.localName == "given"
            else { continue }
            let text = part.textContent.trimmingASCIISpaces
            guard !text.isEmpty else { continue }
            part.children = [.text(deidentifier.pseudonymousNamePart(text, family: part.localName == "family"))]
            name.children[index] = .element(part)
            note(path + "/" + part.qualifiedName, .name)
        }
    }

    /// Data types R2 names (`BAG_EN`: `item/part/@value`, with `@type` FAM or GIV): every `@value` below.
    mutating func replaceValueParts(_ element: inout XMLElement, path: String) {
        for index in element.children.indices {
            guard case .element(var child) = element.children[index] else { continue }
            let childPath = path + "/" + child.qualifiedName
            if let value = child.attribute("value"), !value.isEmpty {
                let type = child.attribute("type")
                let pseudonym =
                    type == "FAM" || type == "GIV"
                    ? deidentifier.pseudonymousNamePart(value, family: type == "FAM")
                    : deidentifier.pseudonymousName(value)
                child.setAttribute("value", pseudonym)
                note(childPath + "/@value", .name)
            }
            replaceValueParts(&child, path: childPath)
            element.children[index] = .element(child)
        }
    }

    mutating func replaceAddress(_ addr: inout XMLElement, path: String) {
        let parts = addr.elements
        if parts.isEmpty {
            let text = addr.textContent.trimmingASCIISpaces
            guard !text.isEmpty else { return }
            let pseudonym = deidentifier.pseudonymousAddress(text)
            guard pseudonym != text else { return }
            addr.children = [.text(pseudonym)]
            note(path, .address)
            return
        }
        for index in addr.children.indices {
            guard case .element(var part) = addr.children[index], !Self.keptAddressParts.contains(part.localName),
                part.localName != "useablePeriod"
            else { continue }
            let text = part.textContent.trimmingASCIISpaces
            guard !text.isEmpty else { continue }
            part.children = [.text(deidentifier.pseudonymousStreet(text))]
            addr.children[index] = .element(part)
            note(path + "/" + part.qualifiedName, .address)
        }
    }

    /// Shifts the `@value` of a time element (and of `value` typed TS/IVL_TS) by the patient's offset.
    mutating func shiftTime(_ element: inout XMLElement, path: String) {
        guard deidentifier.options.dates, offset != 0 else { return }
        let name = element.localName
        var isTime = Self.timeElements.contains(name)
        if name == "value", let type = element.attribute("type", namespace: XMLNamespaceDeclaration.xsi) {
            let local = type.split(separator: ":").last.map(String.init) ?? type
            isTime = local == "TS" || local == "IVL_TS"
        }
        guard isTime, let value = element.attribute("value"), let shifted = DateShift.shift(value, by: offset)
        else { return }
        element.setAttribute("value", shifted)
        note(path + "/@value", .date)
    }

    /// A body `observation`/`organizer` whose `code` is a WS 363 free-text or identifying data element.
    mutating func bodyDataElement(_ element: inout XMLElement, path: String) {
        guard let code = element.firstChild("code")?.attribute("code") else { return }
        let kind: DeidentificationKind
        if Self.freeTextElements.contains(code) {
            guard deidentifier.freeTextReplacement != nil else { return }
            kind = .freeText
        } else if let identifying = Self.identifyingElements[code] {
            kind = identifying
        } else {
            return
        }
        for index in element.children.indices {
            guard case .element(var value) = element.children[index], value.localName == "value" else { continue }
            let valuePath = path + "/value"
            if let attribute = value.attribute("value") ?? value.attribute("extension") {
                let key = value.attribute("value") != nil ? "value" : "extension"
                guard let replaced = replacement(attribute, kind: kind) else { continue }
                value.setAttribute(key, replaced)
                note(valuePath + "/@" + key, kind)
            } else {
                let text = value.textContent.trimmingASCIISpaces
                guard !text.isEmpty, let replaced = replacement(text, kind: kind) else { continue }
                value.children = replaced.isEmpty ? [] : [.text(replaced)]
                note(valuePath, kind)
            }
            element.children[index] = .element(value)
        }
    }

    /// The `value` children of a v3 registry query parameter: identifiers (`@extension`), names (PN), birth
    /// times (`@value`), telecoms (`@value`) and addresses (AD) are replaced as a person's would be.
    mutating func queryParameter(_ element: inout XMLElement, kind: DeidentificationKind, path: String) {
        var count = 0
        for index in element.children.indices {
            guard case .element(var value) = element.children[index], value.localName == "value" else { continue }
            count += 1
            let valuePath = path + "/" + value.qualifiedName + "[\(count)]"
            switch kind {
            case .identifier, .residentID:
                guard deidentifier.options.identifiers, let original = value.attribute("extension"), !original.isEmpty
                else { continue }
                let pseudonym = deidentifier.pseudonymousIdentifier(original, dateOffset: offset)
                value.setAttribute("extension", pseudonym)
                replacedIDs[original] = pseudonym
                note(valuePath + "/@extension", Deidentifier.isValidResidentID(original) ? .residentID : .identifier)
            case .name:
                guard deidentifier.options.names else { continue }
                replaceName(&value, path: valuePath)
            case .date:
                guard deidentifier.options.dates, offset != 0, let original = value.attribute("value"),
                    let shifted = DateShift.shift(original, by: offset)
                else { continue }
                value.setAttribute("value", shifted)
                note(valuePath + "/@value", .date)
            case .phone:
                guard deidentifier.options.phones, let original = value.attribute("value"), !original.isEmpty
                else { continue }
                value.setAttribute("value", pseudonymousTelecom(original))
                note(valuePath + "/@value", .phone)
            case .address:
                guard deidentifier.options.addresses else { continue }
                replaceAddress(&value, path: valuePath)
            case .freeText: continue
            }
            element.children[index] = .element(value)
        }
    }

    func replacement(_ text: String, kind: DeidentificationKind) -> String? {
        let options = deidentifier.options
        switch kind {
        case .freeText: return deidentifier.freeTextReplacement
        case .name: return options.names ? deidentifier.pseudonymousName(text) : nil
        case .residentID, .identifier:
            return options.identifiers ? deidentifier.pseudonymousIdentifier(text, dateOffset: offset) : nil
        case .phone: return options.phones ? deidentifier.pseudonymousPhone(text) : nil
        case .address: return options.addresses ? deidentifier.pseudonymousStreet(text) : nil
        case .date: return options.dates ? DateShift.shift(text, by: offset) : nil
        }
    }
}

extension XMLNode {
    fileprivate var isText: Bool {
        switch self {
        case .text, .cdata: true
        default: false
        }
    }
}

extension String {
    fileprivate var trimmingASCIISpaces: String {
        let bytes = Array(utf8)
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
