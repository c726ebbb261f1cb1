import HICore
import HIFHIR

extension Deidentifier {
    /// De-identifies one FHIR JSON resource or Bundle; written back in the layout of the input (pretty when
    /// it spans lines, else compact).
    func deidentifyFHIR(_ bytes: [UInt8]) throws(PrivacyError) -> Result {
        var report = DeidentificationReport(format: .fhirJSON)
        let resource: FHIRResource
        do throws(FHIRError) {
            resource = try FHIRResource(parsing: bytes)
        } catch {
            throw PrivacyError(
                .unreadableInput, expected: "a FHIR JSON resource (\(error.issueCode) \(error.reason))",
                at: error.location)
        }
        let object = deidentify(resource.json, record: nil, report: &report)
        let style: JSONWriter.Style = bytes.contains(0x0A) ? .pretty : .compact
        return Result(bytes: JSONWriter.write(.object(object), style: style), report: report)
    }

    /// De-identifies FHIR NDJSON line by line (each line keeps its own person key).
    func deidentifyNDJSON(_ bytes: [UInt8]) throws(PrivacyError) -> Result {
        var report = DeidentificationReport(format: .ndjson)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var line = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            line += 1
            let text = Array(bytes[start..<end])
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                output += text
            } else {
                do throws(FHIRError) {
                    let resource = try FHIRResource(parsing: text)
                    let object = deidentify(resource.json, record: line, report: &report)
                    output += JSONWriter.write(.object(object), style: .compact)
                    if text.last == 0x0D { output.append(0x0D) }
                } catch {
                    throw PrivacyError(
                        .unreadableInput, expected: "a FHIR resource on each line (\(error.issueCode))",
                        at: SourceLocation(record: line, path: error.location.path, line: line))
                }
            }
            if end < bytes.count { output.append(0x0A) }
            start = end + 1
        }
        return Result(bytes: output, report: report)
    }

    func deidentify(_ object: JSONObject, record: Int?, report: inout DeidentificationReport) -> JSONObject {
        var walker = FHIRWalker(deidentifier: self, record: record)
        walker.offset = dateOffset(forPerson: walker.personKey(of: object))
        var result = walker.resource(object, path: "$")
        result = walker.sweep(result)
        report.changes += walker.changes
        return result
    }
}

/// Rewrites a FHIR JSON tree: person resources (Patient, RelatedPerson, Practitioner, Person) lose their
/// names, identifiers, telecom and street addresses; every resource's narrative and notes are masked and
/// its dates shifted.
struct FHIRWalker {
    let deidentifier: Deidentifier
    let record: Int?
    var offset = 0
    var changes: [DeidentificationReport.Change] = []
    var replaced: [String: String] = [:]
    static let personTypes: Set<String> = ["Patient", "RelatedPerson", "Practitioner", "Person"]
    static let personReference = ["Patient/", "RelatedPerson/", "Practitioner/", "Person/"]
    /// Members whose strings are never dates or free text.
    static let opaqueKeys: Set<String> = [
        "id", "system", "url", "code", "reference", "version", "fullUrl", "resourceType", "div", "status", "use",
    ]

    init(deidentifier: Deidentifier, record: Int?) {
        self.deidentifier = deidentifier
        self.record = record
    }

    var options: DeidentificationOptions { deidentifier.options }

    /// The person whose dates are shifted: the Patient (its first valid resident ID, else `Patient/id`), in
    /// a Bundle the first Patient entry, else the resource's subject or patient reference.
    func personKey(of object: JSONObject) -> String {
        let type = object["resourceType"]?.stringValue ?? ""
        if type == "Patient" {
            for identifier in object["identifier"]?.arrayValue ?? [] {
                if let value = identifier["value"]?.stringValue, Deidentifier.isValidResidentID(value) { return value }
            }
            return "Patient/" + (object["id"]?.stringValue ?? "")
        }
        if type == "Bundle" {
            for entry in object["entry"]?.arrayValue ?? [] {
                if let resource = entry["resource"]?.objectValue, resource["resourceType"]?.stringValue == "Patient" {
                    return personKey(of: resource)
                }
            }
            if let first = object["entry"]?[0]?["resource"]?.objectValue { return personKey(of: first) }
        }
        for key in ["subject", "patient", "beneficiary"] {
            if let reference = object[key]?["reference"]?.stringValue { return reference }
            if let value = object[key]?["identifier"]?["value"]?.stringValue { return value }
        }
        return type + "/" + (object["id"]?.stringValue ?? "")
    }

    mutating func note(_ path: String, _ kind: DeidentificationKind) {
        changes.append(.init(path: path, kind: kind, record: record))
    }

    mutating func resource(_ object: JSONObject, path: String) -> JSONObject {
        let type = object["resourceType"]?.stringValue ?? ""
        return walk(object, path: path, person: Self.personTypes.contains(type))
    }

    mutating func walk(_ object: JSONObject, path: String, person: Bool) -> JSONObject {
        var result = object
        for (index, member) in object.members.enumerated() {
            let key = member.key.value
            let here = path + "." + key
            var value = member.value
            switch key {
            case "identifier" where person && options.identifiers:
                value = map(value, here) { walker, element, at in walker.identifier(element, path: at) }
            case "name" where person && options.names:
                value = map(value, here) { walker, element, at in walker.humanName(element, path: at) }
            case "telecom" where person && options.phones:
                value = map(value, here) { walker, element, at in walker.contactPoint(element, path: at) }
            case "address" where person && options.addresses:
                value = map(value, here) { walker, element, at in walker.address(element, path: at) }
            case "contact" where person:
                value = map(value, here) { walker, element, at in
                    guard case .object(let contact) = element else { return element }
                    return .object(walker.walk(contact, path: at, person: true))
                }
            case "text" where object["resourceType"] != nil:
                if case .object(let narrative) = value, let replacement = deidentifier.freeTextReplacement,
                    narrative["div"] != nil
                {
                    var copy = narrative
                    let body = replacement.isEmpty ? "***" : replacement
                    copy["div"] = .string(JSONString("<div xmlns=\"http://www.w3.org/1999/xhtml\">\(body)</div>"))
                    value = .object(copy)
                    note(here + ".div", .freeText)
                }
            case "note":
                value = map(value, here) { walker, element, at in walker.annotation(element, path: at) }
            case "contained":
                value = map(value, here) { walker, element, at in
                    guard case .object(let inner) = element else { return element }
                    return .object(walker.resource(inner, path: at))
                }
            case "resource":
                if case .object(let inner) = value { value = .object(resource(inner, path: here)) }
            default:
                value = generic(value, key: key, path: here)
            }
            result.members[index].value = value
        }
        if options.names, let reference = object["reference"]?.stringValue,
            Self.personReference.contains(where: { reference.hasPrefix($0) }),
            let display = object["display"]?.stringValue, !display.isEmpty, let index = object.index(of: "display")
        {
            let pseudonym = deidentifier.pseudonymousName(display)
            result.members[index].value = .string(JSONString(pseudonym))
            replaced[display] = pseudonym
            note(path + ".display", .name)
        }
        return result
    }

    /// Shifts date strings and descends into objects and arrays.
    mutating func generic(_ value: JSONValue, key: String, path: String) -> JSONValue {
        switch value {
        case .string(let string):
            guard options.dates, !Self.opaqueKeys.contains(key), string.rawBytes.count >= 10 else { return value }
            let text = string.value
            guard Self.looksLikeFHIRDate(text), let shifted = Deidentifier.shiftDate(text, by: offset), shifted != text
            else { return value }
            note(path, .date)
            return .string(JSONString(shifted))
        case .object(let object):
            return .object(walk(object, path: path, person: false))
        case .array(let elements):
            var copy = elements
            for (index, element) in elements.enumerated() {
                copy[index] = generic(element, key: key, path: "\(path)[\(index)]")
            }
            return .array(copy)
        default:
            return value
        }
    }

    /// `YYYY-MM-DD…` (the FHIR date, dateTime and instant layout).
    static func looksLikeFHIRDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
    }

    mutating func map(
        _ value: JSONValue, _ path: String, _ body: (inout FHIRWalker, JSONValue, String) -> JSONValue
    ) -> JSONValue {
        switch value {
        case .array(let elements):
            var copy = elements
            for (index, element) in elements.enumerated() { copy[index] = body(&self, element, "\(path)[\(index)]") }
            return .array(copy)
        case .object:
            return body(&self, value, path)
        default:
            return value
        }
    }

    mutating func setString(
        _ object: inout JSONObject, _ key: String, path: String, kind: DeidentificationKind,
        _ pseudonym: (String) -> String
    ) {
        guard let index = object.index(of: key), case .string(let string) = object.members[index].value else {
            return
        }
        let original = string.value
        guard !original.isEmpty else { return }
        let new = pseudonym(original)
        guard new != original else { return }
        object.members[index].value = .string(JSONString(new))
        replaced[original] = new
        note(path + "." + key, kind)
    }

    mutating func identifier(_ value: JSONValue, path: String) -> JSONValue {
        guard case .object(var object) = value else { return value }
        let kind: DeidentificationKind =
            Deidentifier.isValidResidentID(object["value"]?.stringValue ?? "") ? .residentID : .identifier
        let offset = offset
        setString(&object, "value", path: path, kind: kind) { [deidentifier] original in
            deidentifier.pseudonymousIdentifier(original, dateOffset: offset)
        }
        return .object(walk(object, path: path, person: false))
    }

    mutating func humanName(_ value: JSONValue, path: String) -> JSONValue {
        guard case .object(var object) = value else { return value }
        let family = object["family"]?.stringValue ?? ""
        let given = (object["given"]?.arrayValue ?? []).compactMap(\.stringValue)
        let latin = (family + given.joined()).unicodeScalars.allSatisfy { $0.isASCII }
        let full = latin ? ([family] + given).filter { !$0.isEmpty }.joined(separator: " ") : family + given.joined()
        if !full.isEmpty {
            let pseudonym = Array(deidentifier.pseudonymousName(full))
            replaced[full] = String(pseudonym)
            var position = 0
            if !family.isEmpty, let index = object.index(of: "family") {
                object.members[index].value = .string(JSONString(String(pseudonym.prefix(family.count))))
                replaced[family + " " + given.joined(separator: " ")] = String(pseudonym)
                position = family.count + (latin ? 1 : 0)
                note(path + ".family", .name)
            }
            if let index = object.index(of: "given"), case .array(let parts) = object.members[index].value {
                var copy = parts
                for (number, part) in parts.enumerated() {
                    guard let text = part.stringValue else { continue }
                    let start = min(position, pseudonym.count)
                    let end = min(position + text.count, pseudonym.count)
                    let piece = String(pseudonym[start..<end])
                    copy[number] = .string(JSONString(piece.isEmpty ? "***" : piece))
                    if text.count >= 2, !piece.isEmpty { replaced[text] = piece }
                    position += text.count + (latin ? 1 : 0)
                    note("\(path).given[\(number)]", .name)
                }
                object.members[index].value = .array(copy)
            }
        }
        setString(&object, "text", path: path, kind: .name) { [deidentifier] original in
            deidentifier.pseudonymousName(original)
        }
        return .object(walk(object, path: path, person: false))
    }

    mutating func contactPoint(_ value: JSONValue, path: String) -> JSONValue {
        guard case .object(var object) = value else { return value }
        setString(&object, "value", path: path, kind: .phone) { [deidentifier] original in
            deidentifier.pseudonymousPhone(original)
        }
        return .object(walk(object, path: path, person: false))
    }

    mutating func address(_ value: JSONValue, path: String) -> JSONValue {
        guard case .object(var object) = value else { return value }
        if let index = object.index(of: "line"), case .array(let lines) = object.members[index].value {
            var copy = lines
            for (number, line) in lines.enumerated() {
                guard let text = line.stringValue, !text.isEmpty else { continue }
                let street = deidentifier.pseudonymousStreet(text)
                copy[number] = .string(JSONString(street))
                replaced[text] = street
                note("\(path).line[\(number)]", .address)
            }
            object.members[index].value = .array(copy)
        }
        setString(&object, "text", path: path, kind: .address) { [deidentifier] original in
            deidentifier.pseudonymousAddress(original)
        }
        return .object(walk(object, path: path, person: false))
    }

    mutating func annotation(_ value: JSONValue, path: String) -> JSONValue {
        guard case .object(var object) = value else { return value }
        if let replacement = deidentifier.freeTextReplacement {
            setString(&object, "text", path: path, kind: .freeText) { _ in replacement.isEmpty ? "***" : replacement }
        }
        return .object(walk(object, path: path, person: false))
    }

    /// Replaces originals still present in other strings (narrative of other resources, displays,
    /// descriptions) by their pseudonyms.
    mutating func sweep(_ object: JSONObject) -> JSONObject {
        let pairs = replaced.filter { $0.key.count >= 2 }.sorted { $0.key.count > $1.key.count }
        guard !pairs.isEmpty else { return object }
        guard case .object(let result) = sweep(.object(object), path: "$", pairs: pairs) else { return object }
        return result
    }

    private mutating func sweep(_ value: JSONValue, path: String, pairs: [(key: String, value: String)]) -> JSONValue {
        switch value {
        case .string(let string):
            var text = string.value
            var changed = false
            for pair in pairs {
                guard let replacedText = Deidentifier.replacingBytes(of: pair.key, with: pair.value, in: text) else {
                    continue
                }
                text = replacedText
                changed = true
            }
            guard changed else { return value }
            note(path, .freeText)
            return .string(JSONString(text))
        case .array(let elements):
            var copy = elements
            for (index, element) in elements.enumerated() {
                copy[index] = sweep(element, path: "\(path)[\(index)]", pairs: pairs)
            }
            return .array(copy)
        case .object(let object):
            var copy = object
            for (index, member) in object.members.enumerated() {
                copy.members[index].value = sweep(member.value, path: path + "." + member.key.value, pairs: pairs)
            }
            return .object(copy)
        default:
            return value
        }
    }
}
