import HICore
import HIXML

/// Finds the vendor dialect and the empty or missing wrapper values in a message, once, at read time.
struct V3DialectScanner {
    let options: V3ReadingOptions

    private var severity: Severity { options.strict ? .error : .warning }

    func scan(_ document: XMLDocument) -> [Issue] {
        var issues: [Issue] = []
        func add(_ code: IssueCode, _ message: String, _ path: String, _ line: Int?) {
            guard issues.count < options.maximumIssues else { return }
            issues.append(Issue(severity, code: code, message, at: location(path, line)))
        }
        let root = document.root
        if !V3DocumentExchange.isDocumentExchange(root: root) {
            if root.namespaceURI == nil {
                add(
                    V3IssueCodes.noNamespace, "the message is in no namespace; expected urn:hl7-org:v3",
                    "/" + root.qualifiedName, root.line)
            }
            checkWrapper(root, add)
        }
        var privateRoots: Set<String> = []
        document.forEachElement { element, path in
            if element.localName == "name", isBagName(element) {
                add(
                    V3IssueCodes.bagName,
                    "name written as BAG_EN with item/part (data types R2 style); read as a person name", path,
                    element.line)
            }
            if element.localName == "Document", element.firstChild("ClinicalDocument") != nil {
                add(
                    V3IssueCodes.inlineDocument, "the CDA document is inline XML; XDS.b expects base64 text", path,
                    element.line)
            }
            if isVendorSpecimenCode(element.localName) {
                add(
                    V3IssueCodes.vendorSpecimenCode,
                    "vendor element '\(element.localName)' carries a specimen code; expected specimen/code", path,
                    element.line)
            }
            for attribute in element.attributes where attribute.namespaceURI == nil {
                switch attribute.localName {
                case "root", "extension", "code", "value", "codeSystem":
                    if V3Text.isPadded(attribute.value) {
                        add(
                            V3IssueCodes.paddedValue,
                            "@\(attribute.localName) has leading or trailing white space; read trimmed",
                            path + "/@" + attribute.localName, element.line)
                    }
                    if attribute.localName == "root" || attribute.localName == "codeSystem" {
                        let oid = V3Text.trimmed(attribute.value)
                        if oid.hasPrefix("1.2.156."), privateRoots.insert(oid).inserted {
                            add(
                                V3IssueCodes.privateOID,
                                "@\(attribute.localName) uses the private OID arc 1.2.156.*; national roots are "
                                    + "2.16.156.10011.*", path + "/@" + attribute.localName, element.line)
                        }
                    }
                default: break
                }
            }
        }
        return issues
    }

    private func location(_ path: String, _ line: Int?) -> SourceLocation {
        SourceLocation(file: options.sourceName, path: path, line: line)
    }

    private func isBagName(_ element: XMLElement) -> Bool {
        element.attribute("type", namespace: XMLNamespaceDeclaration.xsi).map { V3Text.trimmed($0) == "BAG_EN" }
            ?? false || element.firstChild("item")?.firstChild("part") != nil
    }

    private func isVendorSpecimenCode(_ name: String) -> Bool {
        name == "code1" || name == "code2" || name == "code3" || name == "code4"
    }

    private func checkWrapper(_ root: XMLElement, _ add: (IssueCode, String, String, Int?) -> Void) {
        let rootPath = "/" + root.qualifiedName
        let required: [(name: String, attribute: String)] = [
            ("id", "extension"), ("creationTime", "value"), ("interactionId", "extension"),
            ("processingCode", "code"), ("processingModeCode", "code"), ("acceptAckCode", "code"),
        ]
        for (name, attribute) in required {
            guard let child = root.firstChild(name) else {
                add(V3IssueCodes.missingWrapperElement, "the wrapper has no '\(name)' element", rootPath, root.line)
                continue
            }
            let path = rootPath + "/" + child.qualifiedName
            if child.attribute("nullFlavor") == nil, V3Text.value(child.attribute(attribute)) == nil {
                add(V3IssueCodes.emptyValue, "'\(name)/@\(attribute)' is empty", path + "/@" + attribute, child.line)
            }
        }
        for role in ["receiver", "sender"] {
            guard let id = root.descendant(role, "device", "id") else {
                add(
                    V3IssueCodes.missingWrapperElement, "the wrapper has no '\(role)/device/id' element", rootPath,
                    root.line)
                continue
            }
            if V3Text.value(id.attribute("extension")) == nil {
                add(
                    V3IssueCodes.emptyValue, "'\(role)/device/id/@extension' is empty",
                    rootPath + "/" + role + "/device/id/@extension", id.line)
            }
        }
        if let interactionId = root.firstChild("interactionId"),
            let value = V3Text.value(interactionId.attribute("extension"))
        {
            let path = rootPath + "/interactionId/@extension"
            if !V3Interaction.isNormativeID(value) {
                add(
                    V3IssueCodes.vendorInteractionId,
                    "interactionId/@extension is a vendor service code, not an HL7 V3 interaction id; the root "
                        + "element names the interaction", path, interactionId.line)
            } else if V3Interaction.isNormativeID(root.localName), value != root.localName {
                add(
                    V3IssueCodes.interactionMismatch,
                    "interactionId/@extension names another interaction than the root element", path,
                    interactionId.line)
            }
        }
    }
}
