import Foundation
import HICore
import HIXML

/// The parts of HL7 v3 / IHE XDS.b messages that CDA documents do not have: the base64 CDA payload of a
/// `Document` (ITI-41 ProvideAndRegisterDocumentSetRequest, ITI-43 RetrieveDocumentSetResponse) and the ebRIM
/// metadata that names the patient (`sourcePatientId`, `sourcePatientInfo`, the `patientId` external
/// identifiers).
extension CDAWalker {
    /// The IHE XDS.b namespace of `Document`.
    static let xdsNamespace = "urn:ihe:iti:xds-b:2007"
    /// `identificationScheme`s of the ebRIM external identifiers that hold the patient's id
    /// (XDSDocumentEntry.patientId, XDSSubmissionSet.patientId).
    static let patientIDSchemes: Set<String> = [
        "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427", "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446",
    ]

    /// Handles an XDS element; `true` when `element` was one (its subtree is done).
    mutating func xdsElement(_ element: inout XMLElement, path: String) -> Bool {
        switch element.localName {
        case "Document" where element.namespaceURI == Self.xdsNamespace:
            embeddedDocument(&element, path: path)
            return true
        case "Slot":
            guard let name = element.attribute("name"), name == "sourcePatientId" || name == "sourcePatientInfo"
            else { return false }
            slotValues(&element, path: path, patientInfo: name == "sourcePatientInfo")
            return true
        case "ExternalIdentifier":
            guard let scheme = element.attribute("identificationScheme"), Self.patientIDSchemes.contains(scheme),
                deidentifier.options.identifiers, let value = element.attribute("value"), !value.isEmpty
            else { return false }
            element.setAttribute("value", pseudonymousCX(value))
            note(path + "/@value", .identifier)
            return false  // its Name/Description children are still walked
        default:
            return false
        }
    }

    /// An HL7 v2 CX (`id^^^&oid&ISO`) with its id replaced and the assigning authority kept.
    func pseudonymousCX(_ value: String) -> String {
        let id = value.prefix { $0 != "^" }
        guard !id.isEmpty else { return value }
        return deidentifier.pseudonymousIdentifier(String(id), dateOffset: offset) + value.dropFirst(id.count)
    }

    /// The base64 CDA of an XDS `Document`, decoded, de-identified as a CDA document and encoded again in the
    /// same layout (one line, or lines of 76 characters). A payload that is not base64 XML is an error: it is
    /// never passed through unchanged.
    mutating func embeddedDocument(_ element: inout XMLElement, path: String) {
        if let inline = element.elements.first {
            // A CDA put inline as XML (a common vendor habit) is de-identified in place.
            var document = inline
            var inner = CDAWalker(deidentifier: deidentifier, dialect: .cda)
            do throws(PrivacyError) {
                try inner.deidentify(&document, path: path + "/" + document.qualifiedName)
            } catch {
                failure = error
                return
            }
            changes += inner.changes
            if let index = element.children.firstIndex(where: { if case .element = $0 { true } else { false } }) {
                element.children[index] = .element(document)
            }
            return
        }
        let text = element.textContent
        let compact = text.filter { !$0.isWhitespace }
        guard !compact.isEmpty else { return }
        guard let data = Data(base64Encoded: compact) else {
            failure = PrivacyError(
                .unreadableInput, expected: "base64 text in the XDS Document at \(path)",
                at: SourceLocation(path: path))
            return
        }
        do throws(PrivacyError) {
            let result = try deidentifier.deidentifyCDA(Array(data))
            changes += result.report.changes.map { .init(path: path + "/base64()" + $0.path, kind: $0.kind) }
            let wrapped = text.contains("\n")
            let encoded = Data(result.bytes).base64EncodedString(
                options: wrapped ? [.lineLength76Characters, .endLineWithLineFeed] : [])
            let leading = String(text.prefix { $0.isWhitespace })
            let trailing = String(text.reversed().prefix { $0.isWhitespace }.reversed())
            element.children = [.text(leading + encoded + trailing)]
        } catch {
            failure = PrivacyError(
                .unreadableInput, expected: "a CDA document in the XDS Document at \(path) (\(error.reason))",
                at: SourceLocation(path: path))
        }
    }

    /// `rim:Slot/rim:ValueList/rim:Value` texts: `sourcePatientId` is a CX; `sourcePatientInfo` holds
    /// `PID-n|value` lines (PID-3 ids, PID-5 names, PID-7 birth date, PID-11 address, PID-13/14 phones; any
    /// other PID field is masked).
    mutating func slotValues(_ element: inout XMLElement, path: String, patientInfo: Bool) {
        for listIndex in element.children.indices {
            guard case .element(var list) = element.children[listIndex], list.localName == "ValueList" else { continue }
            var count = 0
            for valueIndex in list.children.indices {
                guard case .element(var value) = list.children[valueIndex], value.localName == "Value" else { continue }
                count += 1
                let text = value.textContent
                guard !text.isEmpty else { continue }
                let valuePath = path + "/" + list.qualifiedName + "/" + value.qualifiedName + "[\(count)]"
                guard let (replaced, kind) = patientInfo ? patientInfoValue(text) : (pseudonymousCX(text), .identifier)
                else { continue }
                value.children = [.text(replaced)]
                note(valuePath, kind)
                list.children[valueIndex] = .element(value)
            }
            element.children[listIndex] = .element(list)
        }
    }

    /// One `PID-n|value` line of `sourcePatientInfo`, replaced by the kind of its field.
    func patientInfoValue(_ text: String) -> (String, DeidentificationKind)? {
        guard let bar = text.firstIndex(of: "|") else {
            return deidentifier.options.identifiers ? ("***", .identifier) : nil
        }
        let field = text[..<bar].uppercased().filter { !$0.isWhitespace }
        let value = String(text[text.index(after: bar)...])
        let prefix = String(text[...bar])
        let options = deidentifier.options
        switch field {
        case "PID-3", "PID-2", "PID-4", "PID-19", "PID-20":
            return options.identifiers ? (prefix + pseudonymousCX(value), .identifier) : nil
        case "PID-5", "PID-6", "PID-9":
            guard options.names else { return nil }
            let parts = value.split(separator: "^", omittingEmptySubsequences: false).map(String.init)
            let family = parts.first.map { $0.isEmpty ? $0 : deidentifier.pseudonymousNamePart($0, family: true) } ?? ""
            let given =
                parts.count > 1 && !parts[1].isEmpty ? deidentifier.pseudonymousNamePart(parts[1], family: false) : ""
            let rest = parts.count > 2 ? "^" + parts[2...].joined(separator: "^") : ""
            return (prefix + family + (parts.count > 1 ? "^" + given : "") + rest, .name)
        case "PID-7":
            guard options.dates, offset != 0 else { return nil }
            return DateShift.shift(value, by: offset).map { (prefix + $0, .date) }
        case "PID-11":
            return options.addresses ? (prefix + deidentifier.pseudonymousAddress(value), .address) : nil
        case "PID-13", "PID-14":
            return options.phones ? (prefix + deidentifier.pseudonymousPhone(value), .phone) : nil
        case "PID-8", "PID-10", "PID-15", "PID-16", "PID-17", "PID-22", "PID-28":
            return nil  // coded demographics (sex, race, language, marital status, …) are kept, as in v2
        default:
            return options.identifiers ? (prefix + "***", .identifier) : nil
        }
    }
}
