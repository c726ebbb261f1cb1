public import HICore

extension FHIR {
    /// R4 `Bundle` (document, message, transaction, transaction-response, batch, batch-response, history,
    /// searchset, collection) with entry access and reference resolution: `urn:uuid:` and absolute references
    /// match an entry's `fullUrl`; relative `Type/id` references are resolved against the referring entry's
    /// RESTful base URL, then against entries with that type and id.
    ///
    /// ```swift
    /// let bundle = try FHIR.Bundle(parsing: bytes)
    /// print(bundle.type ?? "", bundle.entries.count)
    /// if let index = bundle.resolve("urn:uuid:3f1c…", from: 0) { print(bundle.entries[index].resource?.resourceType ?? "") }
    /// ```
    public struct Bundle: FHIRTypedResource {
        public static let resourceType = "Bundle"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }

        /// `type`.
        public var type: String? {
            get { string("type") }
            set { setString("type", newValue) }
        }
        /// `timestamp`.
        public var timestamp: String? {
            get { string("timestamp") }
            set { setString("timestamp", newValue) }
        }
        /// `total` (searchset).
        public var total: JSONNumber? {
            get { number("total") }
            set { setNumber("total", newValue) }
        }
        /// `identifier`.
        public var identifier: Identifier? {
            get { element("identifier") }
            set { setElement("identifier", newValue) }
        }
        /// `entry`.
        public var entries: [BundleEntry] {
            get { elements("entry") }
            set { setElements("entry", newValue) }
        }

        /// The resources of the entries, in order (entries without one skipped).
        public var resources: [FHIRResource] { entries.compactMap(\.resource) }

        /// The entry index `reference` points to, seen from the entry at `from` (nil when none matches).
        public func resolve(_ reference: String, from entryIndex: Int? = nil) -> Int? {
            let entries = self.entries
            var fullUrls: [String: Int] = [:]
            for (index, entry) in entries.enumerated() {
                if let url = entry.fullUrl, fullUrls[url] == nil { fullUrls[url] = index }
            }
            return Self.resolve(reference, from: entryIndex, entries: entries, fullUrls: fullUrls)
        }

        static func resolve(_ reference: String, from entryIndex: Int?, entries: [BundleEntry], fullUrls: [String: Int])
            -> Int?
        {
            if reference.hasPrefix("#") { return nil }
            if let index = fullUrls[reference] { return index }
            if reference.hasPrefix("urn:") || reference.contains("://") { return nil }
            // Relative reference: strip a version, then try the referring entry's base URL.
            var parts = reference.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 4, parts[2] == "_history" { parts.removeLast(2) }
            guard parts.count == 2 else { return nil }
            let relative = parts[0] + "/" + parts[1]
            if let entryIndex, entries.indices.contains(entryIndex), let url = entries[entryIndex].fullUrl,
                let base = Self.restBase(url)
            {
                if let index = fullUrls[base + relative] { return index }
            }
            for (index, entry) in entries.enumerated() {
                guard let resource = entry.resource else { continue }
                if resource.resourceType == parts[0], resource.id == String(parts[1]) { return index }
            }
            return nil
        }

        /// `http://server/fhir/` for `http://server/fhir/Patient/123`.
        static func restBase(_ fullUrl: String) -> String? {
            let parts = fullUrl.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count >= 3, fullUrl.contains("://") else { return nil }
            let type = parts[parts.count - 2]
            guard FHIRResource.isResourceTypeName(String(type)) else { return nil }
            return parts.dropLast(2).joined(separator: "/") + "/"
        }

        /// Every `reference` string inside the entries' resources: entry index, FHIRPath and the reference.
        public func references() -> [(entry: Int, path: String, reference: String, offset: Int?)] {
            var found: [(entry: Int, path: String, reference: String, offset: Int?)] = []
            for (index, entry) in entries.enumerated() {
                guard let resource = entry.json["resource"] else { continue }
                Self.collectReferences(
                    resource, path: "Bundle.entry[\(index)].resource", depth: 0,
                    into: &found, entry: index)
            }
            return found
        }

        private static func collectReferences(
            _ value: JSONValue, path: String, depth: Int,
            into found: inout [(entry: Int, path: String, reference: String, offset: Int?)], entry: Int
        ) {
            guard depth < 100 else { return }
            switch value {
            case .object(let object):
                for member in object.members {
                    let key = member.key.value
                    if key == "reference", case .string(let text) = member.value {
                        found.append((entry, path + ".reference", text.value, text.sourceOffset))
                    } else {
                        collectReferences(
                            member.value, path: path + "." + key, depth: depth + 1, into: &found, entry: entry)
                    }
                }
            case .array(let items):
                for (position, item) in items.enumerated() {
                    collectReferences(item, path: path + "[\(position)]", depth: depth + 1, into: &found, entry: entry)
                }
            default: break
            }
        }

        /// Bundle rules beyond element structure: a document starts with a Composition (bdl-11), a message with
        /// a MessageHeader (bdl-12), transaction and batch entries carry a request (bdl-3), fullUrls are unique
        /// (bdl-7; a warning in transactions and batches), and every `urn:uuid:` reference resolves to an entry (warning otherwise).
        public func bundleIssues() -> [Issue] {
            var issues: [Issue] = []
            let entries = self.entries
            func issue(_ severity: Severity, _ code: IssueCode, _ message: String, _ path: String, _ offset: Int?) {
                issues.append(Issue(severity, code: code, message, at: SourceLocation(path: path, byteOffset: offset)))
            }
            let type = self.type ?? ""
            if type == "document" || type == "message" {
                let first = type == "document" ? "Composition" : "MessageHeader"
                if entries.first?.resource?.resourceType != first {
                    issue(
                        .error, FHIRIssueCode.requiredElementMissing, "a \(type) Bundle must start with a \(first)",
                        "Bundle.entry[0].resource", json.sourceOffset)
                }
            }
            var fullUrls: [String: Int] = [:]
            for (index, entry) in entries.enumerated() {
                if ["transaction", "batch"].contains(type), entry.request == nil {
                    issue(
                        .error, FHIRIssueCode.requiredElementMissing, "\(type) entries need a request",
                        "Bundle.entry[\(index)].request", entry.json.sourceOffset)
                }
                guard let url = entry.fullUrl else { continue }
                if fullUrls[url] != nil {
                    let versioned = entry.resource?.json["meta"]?["versionId"] != nil
                    if !versioned {
                        // Published transaction/batch examples repeat fullUrls (several operations on one
                        // resource), so bdl-7 is a warning there.
                        issue(
                            ["transaction", "batch"].contains(type) ? .warning : .error, FHIRIssueCode.choiceConflict,
                            "fullUrl repeats an earlier entry's fullUrl",
                            "Bundle.entry[\(index)].fullUrl", entry.json["fullUrl"]?.sourceOffset)
                    }
                } else {
                    fullUrls[url] = index
                }
            }
            for found in references() where found.reference.hasPrefix("urn:uuid:") {
                if Self.resolve(found.reference, from: found.entry, entries: entries, fullUrls: fullUrls) == nil {
                    issue(
                        .warning, FHIRIssueCode.unresolvedReference, "urn:uuid reference matches no entry fullUrl",
                        found.path, found.offset)
                }
            }
            return issues
        }
    }
}

extension FHIR.BundleEntry {
    /// The entry's resource.
    public var resource: FHIRResource? {
        get { json["resource"]?.objectValue.flatMap { try? FHIRResource($0) } }
        set { json["resource"] = newValue.map { .object($0.json) } }
    }
}
