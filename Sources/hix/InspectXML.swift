import HealthInterchange

/// `hix inspect` for XML input: a CDA document's header, sections and entries (data element id, display
/// name, value) as a tree or JSON. Patient name, resident ID, phone and address are masked unless `--show`.
/// HL7 V3 interaction messages get their wrapper, dialect issues and content (personal values masked). Other
/// XML gets an element outline.
enum InspectXML {
    /// WS 363 data elements that carry personal data when they appear in a body.
    static let personalDataElements: Set<String> = [
        "DE02.01.039.00",  // 姓名
        "DE02.01.030.00",  // 身份证件号码
        "DE02.01.010.00",  // 电话号码
        "DE02.01.009.01",  // 地址
    ]

    static func inspect(_ input: InspectInput, options: InspectCommand.Options) -> Int32 {
        guard options.format != "er7" else {
            Console.error("hix inspect: \(input.name): --format er7 applies to HL7 v2 input only")
            return ExitCode.usage
        }
        var parsing = XMLParsingOptions()
        parsing.sourceName = input.name
        let xml: XMLDocument
        do {
            xml = try XMLDocument(parsing: input.bytes, options: parsing)
        } catch let error where error.code == .undeclaredNamespacePrefix && options.lenient {
            Console.error("hix inspect: warning: \(error.description) (read leniently; --strict refuses it)")
            parsing.allowsUndeclaredPrefixes = true
            do {
                xml = try XMLDocument(parsing: input.bytes, options: parsing)
            } catch {
                Console.error("hix inspect: \(error.description)")
                return ExitCode.inputError
            }
        } catch {
            Console.error("hix inspect: \(error.description)")
            return ExitCode.inputError
        }
        if V3Message.isV3Message(root: xml.root) { return inspectV3(xml, input: input, options: options) }
        guard let document = try? ClinicalDocument(xml) else {
            Console.output(
                options.format != "tree" ? outlineJSON(xml, name: input.name) : outline(xml, name: input.name))
            return ExitCode.ok
        }
        let view = CDAInspection(document: document, show: options.show)
        Console.output(options.format != "tree" ? view.json(name: input.name) : view.tree(name: input.name))
        return ExitCode.ok
    }

    /// An HL7 V3 message: interaction, specification, wrapper values, dialect issues and what it carries. The
    /// content line masks personal values (resident ID, name) in every mode.
    static func inspectV3(_ xml: XMLDocument, input: InspectInput, options: InspectCommand.Options) -> Int32 {
        var reading = V3ReadingOptions()
        reading.sourceName = input.name
        reading.strict = !options.lenient
        let message: V3Message
        do {
            message = try V3Message(xml, options: reading)
        } catch {
            Console.error("hix inspect: \(error.description)")
            return ExitCode.inputError
        }
        let interaction = message.interaction
        let content: String
        var contentFailed = false
        do {
            content = V3Command.summary(try V3Content(message))
        } catch {
            content = error.description
            contentFailed = true
        }
        let fields: [(String, String?)] = [
            ("interaction", interaction.rawValue), ("title", interaction.title),
            ("specification", interaction.specification),
            ("interactionId", message.interactionId?.extension.map { V3Interaction(rawValue: $0).rawValue }),
            ("id", message.id?.extension), ("creationTime", message.creationTime),
            ("processingCode", message.processingCode), ("processingModeCode", message.processingModeCode),
            ("acceptAckCode", message.acceptAckCode), ("sender", message.senderID?.extension),
            ("receiver", message.receiverID?.extension),
        ]
        if options.format == "tree" {
            var lines = ["\(input.name): HL7 V3 message <\(message.rootName)>"]
            for (key, value) in fields { if let value, !value.isEmpty { lines.append("  \(key): \(value)") } }
            lines.append("  content: \(content)")
            lines.append("  issues: \(message.issues.count)")
            lines += message.issues.map { "    \($0)" }
            Console.output(lines.joined(separator: "\n"))
        } else {
            var json = "{\"file\":\(JSONText.quoted(input.name)),\"type\":\"hl7v3\""
            for (key, value) in fields { if let value { json += ",\(JSONText.quoted(key)):\(JSONText.quoted(value))" } }
            json += ",\"content\":\(JSONText.quoted(content)),\"issues\":["
            json += message.issues.map(\.jsonText).joined(separator: ",") + "]}"
            Console.output(json)
        }
        return message.issues.containsErrors || contentFailed ? ExitCode.inputError : ExitCode.ok
    }

    /// A depth-limited outline of any XML document.
    static func outline(_ xml: XMLDocument, name: String) -> String {
        var lines = ["\(name): XML document, root <\(xml.root.qualifiedName)>"]
        func visit(_ element: XMLElement, depth: Int) {
            guard depth < 4 else { return }
            for child in element.elements {
                lines.append(
                    String(repeating: "  ", count: depth + 1) + "<\(child.qualifiedName)> line \(child.line ?? 0)")
                visit(child, depth: depth + 1)
            }
        }
        visit(xml.root, depth: 0)
        return lines.joined(separator: "\n")
    }

    static func outlineJSON(_ xml: XMLDocument, name: String) -> String {
        var count = 0
        xml.forEachElement { _, _ in count += 1 }
        return
            "{\"file\":\(JSONText.quoted(name)),\"type\":\"xml\",\"root\":\(JSONText.quoted(xml.root.qualifiedName)),"
            + "\"namespace\":\(xml.root.namespaceURI.map(JSONText.quoted) ?? "null"),\"elements\":\(count)}"
    }
}

/// What `hix inspect` shows of one CDA document, with personal data masked unless `show`.
struct CDAInspection {
    struct Line {
        var id: String?
        var name: String?
        var value: String
        var type: String?
        var depth: Int
    }

    struct SectionSummary {
        var code: String?
        var title: String?
        var entries: [Line]
    }

    var header: [(String, String)] = []
    var sections: [SectionSummary] = []
    var templateText: String?
    /// Lab results of a WS/T 500.7 lab report: item, value, unit, reference range, interpretation.
    var labResults: [WSLabResult] = []

    init(document: ClinicalDocument, show: Bool) {
        let mask: (String, (String) -> String) -> String = { value, masker in show ? value : masker(value) }
        if let template = document.template {
            templateText = "\(template.partDesignation) \(template.title) (\(template.templateId))"
        }
        if case .labReport(let report) = WSTypedView(document: document) { labResults = report.results }
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { header.append((key, value)) }
        }
        add("id", document.id.map { [$0.root, $0.extension].compactMap { $0 }.joined(separator: "/") })
        add("code", document.code.map { [$0.code, $0.displayName].compactMap { $0 }.joined(separator: " ") })
        add("title", document.title)
        add("effectiveTime", document.effectiveTime?.value)
        add("realmCode", document.realmCode)
        add("languageCode", document.languageCode)
        add("templateIds", document.templateIds.compactMap(\.root).joined(separator: ", "))
        if let role = document.patientRole {
            for id in role.ids {
                add("patientRole.id " + (id.root ?? ""), id.extension.map { mask($0, PrivacyMask.identifier) })
            }
            add("patient.phone", role.telecoms.first?.number.map { mask($0, PrivacyMask.phone) })
            add("patient.address", role.addresses.first.map { mask($0.formatted, PrivacyMask.text) })
        }
        if let patient = document.patient {
            add("patient.name", patient.name.map { mask($0, PrivacyMask.name) })
            if let id = patient.id {
                add("patient.id " + (id.root ?? ""), id.extension.map { mask($0, PrivacyMask.identifier) })
            }
            add(
                "patient.sex",
                patient.administrativeGender.map { [$0.code, $0.displayName].compactMap { $0 }.joined(separator: " ") })
            add("patient.birthTime", patient.birthTime?.value.map { show ? $0 : String($0.prefix(4)) + "…" })
            add("patient.age", patient.age.map { [$0.value, $0.unit].compactMap { $0 }.joined(separator: " ") })
        }
        for author in document.authors {
            add(
                "author",
                [author.assignedAuthor?.personName, author.assignedAuthor?.organization?.name, author.time?.value]
                    .compactMap { $0 }.joined(separator: ", "))
        }
        add("custodian", document.custodian?.name)
        add("legalAuthenticator", document.legalAuthenticator?.assignedEntity?.personName)
        add("encounter", document.encompassingEncounter?.locationName)
        if let body = document.nonXMLBody {
            add("nonXMLBody", "\(body.mediaType ?? "text/plain"), \(body.content?.utf8.count ?? 0) bytes")
        }

        for section in document.allSections {
            var lines: [Line] = []
            for entry in section.entries {
                guard let statement = entry.statement else { continue }
                Self.collect(statement, depth: 0, into: &lines, show: show)
            }
            sections.append(SectionSummary(code: section.code?.code, title: section.title, entries: lines))
        }
    }

    static func collect(_ statement: CDAClinicalStatement, depth: Int, into lines: inout [Line], show: Bool) {
        guard depth < 12 else { return }
        let code = statement.code
        var value = statement.value
        if !show, let id = code?.code, InspectXML.personalDataElements.contains(id), let shown = value {
            value = .string(PrivacyMask.text(shown.displayText))
        }
        lines.append(
            Line(
                id: code?.code, name: code?.displayName ?? statement.kind, value: value?.displayText ?? "",
                type: value?.xsiType, depth: depth))
        for child in statement.components + statement.relatedStatements.map(\.statement) {
            collect(child, depth: depth + 1, into: &lines, show: show)
        }
    }

    func tree(name: String) -> String {
        var lines = ["\(name): CDA document" + (templateText.map { " " + $0 } ?? " (generic CDA R2)")]
        lines.append("  header")
        for (key, value) in header { lines.append("    \(key): \(value)") }
        if !labResults.isEmpty {
            lines.append("  lab results (\(labResults.count))")
            for result in labResults {
                var text = "    " + (result.itemName ?? result.item?.code ?? "-") + " = " + (result.valueText ?? "")
                if let unit = result.unit { text += " " + unit }
                if let range = result.referenceRange {
                    let interval = [range.low?.value, range.high?.value].map { $0 ?? "" }.joined(separator: "–")
                    text += " [" + (range.text ?? interval) + "]"
                }
                if let flag = result.interpretation?.code ?? result.interpretation?.displayName { text += " " + flag }
                lines.append(text)
            }
        }
        lines.append("  sections (\(sections.count))")
        for (index, section) in sections.enumerated() {
            lines.append("    [\(index + 1)] \(section.code ?? "-") \(section.title ?? "")")
            for line in section.entries {
                let indent = String(repeating: "  ", count: 3 + line.depth)
                var text = indent + (line.id ?? "-") + " " + (line.name ?? "")
                if !line.value.isEmpty { text += " = " + line.value }
                lines.append(text)
            }
        }
        return lines.joined(separator: "\n")
    }

    func json(name: String) -> String {
        var output: [UInt8] = []
        func raw(_ text: String) { output.append(contentsOf: text.utf8) }
        func string(_ text: String?) {
            if let text { JSONText.appendString(text, to: &output) } else { raw("null") }
        }
        raw("{\"file\":")
        string(name)
        raw(",\"type\":\"cda\",\"template\":")
        string(templateText)
        raw(",\"header\":{")
        for (index, (key, value)) in header.enumerated() {
            if index > 0 { raw(",") }
            string(key)
            raw(":")
            string(value)
        }
        raw("},\"labResults\":[")
        for (index, result) in labResults.enumerated() {
            if index > 0 { raw(",") }
            raw("{\"code\":")
            string(result.item?.code)
            raw(",\"name\":")
            string(result.itemName)
            raw(",\"value\":")
            string(result.valueText)
            raw(",\"unit\":")
            string(result.unit)
            raw(",\"referenceRange\":")
            string(result.referenceRange?.text)
            raw(",\"low\":")
            string(result.referenceRange?.low?.value)
            raw(",\"high\":")
            string(result.referenceRange?.high?.value)
            raw(",\"interpretation\":")
            string(result.interpretation?.code ?? result.interpretation?.displayName)
            raw("}")
        }
        raw("],\"sections\":[")
        for (index, section) in sections.enumerated() {
            if index > 0 { raw(",") }
            raw("{\"code\":")
            string(section.code)
            raw(",\"title\":")
            string(section.title)
            raw(",\"entries\":[")
            for (entryIndex, line) in section.entries.enumerated() {
                if entryIndex > 0 { raw(",") }
                raw("{\"id\":")
                string(line.id)
                raw(",\"name\":")
                string(line.name)
                raw(",\"value\":")
                string(line.value.isEmpty ? nil : line.value)
                raw(",\"type\":")
                string(line.type)
                raw(",\"depth\":\(line.depth)}")
            }
            raw("]}")
        }
        raw("]}")
        return String(decoding: output, as: UTF8.self)
    }
}
