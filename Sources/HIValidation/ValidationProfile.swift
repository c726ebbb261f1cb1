import Foundation
public import HICore

/// A validation profile as data: the rules to apply (by id) with severity overrides and bound tables, the
/// required and recommended elements, and the profile it extends. Users write profiles as JSON; the built-in
/// ones ship in the library (``ProfileLibrary/builtIn``).
///
/// JSON shape (every key but `name` optional):
///
/// ```json
/// {
///   "name": "site-lab-report",
///   "title": "Our lab report rules",
///   "extends": "cn-lab-report",
///   "subject": "labReport",
///   "rules": ["HI-VAL-0201", {"id": "HI-VAL-0506", "severity": "error"},
///             {"id": "HI-VAL-0301", "tables": ["gb-t-2261.1"]}],
///   "disable": ["HI-VAL-0310"],
///   "required": ["labReport.reviewer"],
///   "recommended": ["labReport.results[].status"],
///   "optional": ["labReport.specimen.receivedAt"]
/// }
/// ```
///
/// `optional` relaxes elements an extended profile requires or recommends; `disable` removes its rules.
///
/// ```swift
/// let profile = try ValidationProfile(json: #"{"name":"strict-lab","extends":"cn-lab-report","rules":[{"id":"HI-VAL-0506","severity":"error"}]}"#)
/// let validator = try profile.validator()
/// ```
public struct ValidationProfile: Hashable, Sendable, Codable {
    /// One rule entry: the id, and optionally a severity and bound tables that override the rule's defaults
    /// (and those of an extended profile).
    ///
    /// ```swift
    /// let entry = ValidationProfile.RuleEntry(id: "HI-VAL-0506", severity: .error)
    /// ```
    public struct RuleEntry: Hashable, Sendable, Codable {
        /// The rule id.
        public var id: IssueCode
        /// The severity, overriding the rule's default.
        public var severity: Severity?
        /// The code systems bound, overriding the rule's default tables.
        public var tables: [String]?

        /// Creates an entry.
        public init(id: IssueCode, severity: Severity? = nil, tables: [String]? = nil) {
            self.id = id
            self.severity = severity
            self.tables = tables
        }

        private enum Keys: String, CodingKey { case id, severity, tables }

        public init(from decoder: any Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let id = try? single.decode(String.self) {
                self.init(id: IssueCode(id))
                return
            }
            let container = try decoder.container(keyedBy: Keys.self)
            let id = try container.decode(String.self, forKey: .id)
            var severity: Severity?
            if let text = try container.decodeIfPresent(String.self, forKey: .severity) {
                guard let value = Severity.allCases.first(where: { $0.description == text }) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .severity, in: container,
                        debugDescription: "severity must be information, warning, error or fatal")
                }
                severity = value
            }
            self.init(
                id: IssueCode(id), severity: severity,
                tables: try container.decodeIfPresent([String].self, forKey: .tables))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id.rawValue, forKey: .id)
            try container.encodeIfPresent(severity?.description, forKey: .severity)
            try container.encodeIfPresent(tables, forKey: .tables)
        }
    }

    /// The profile name (`cn-lab-report`).
    public var name: String
    /// A human title.
    public var title: String?
    /// The profile this one extends.
    public var extends: String?
    /// The record kind (`labReport`, `followUp` …); inherited when absent; a base profile may have none.
    public var subject: String?
    /// The rules.
    public var rules: [RuleEntry]
    /// Rules of an extended profile not to apply.
    public var disable: [IssueCode]
    /// Elements that must be present (`HI-VAL-0101`).
    public var required: [String]
    /// Elements that should be present (`HI-VAL-0102`).
    public var recommended: [String]
    /// Elements an extended profile requires or recommends that this one does not.
    public var optional: [String]

    /// Creates a profile.
    public init(
        name: String, title: String? = nil, extends: String? = nil, subject: String? = nil, rules: [RuleEntry] = [],
        disable: [IssueCode] = [], required: [String] = [], recommended: [String] = [], optional: [String] = []
    ) {
        self.name = name
        self.title = title
        self.extends = extends
        self.subject = subject
        self.rules = rules
        self.disable = disable
        self.required = required
        self.recommended = recommended
        self.optional = optional
    }

    private enum Keys: String, CodingKey {
        case name, title, extends, subject, rules, disable, required, recommended, optional
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            title: try container.decodeIfPresent(String.self, forKey: .title),
            extends: try container.decodeIfPresent(String.self, forKey: .extends),
            subject: try container.decodeIfPresent(String.self, forKey: .subject),
            rules: try container.decodeIfPresent([RuleEntry].self, forKey: .rules) ?? [],
            disable: (try container.decodeIfPresent([String].self, forKey: .disable) ?? []).map { IssueCode($0) },
            required: try container.decodeIfPresent([String].self, forKey: .required) ?? [],
            recommended: try container.decodeIfPresent([String].self, forKey: .recommended) ?? [],
            optional: try container.decodeIfPresent([String].self, forKey: .optional) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(extends, forKey: .extends)
        try container.encodeIfPresent(subject, forKey: .subject)
        try container.encode(rules, forKey: .rules)
        if !disable.isEmpty { try container.encode(disable.map(\.rawValue), forKey: .disable) }
        if !required.isEmpty { try container.encode(required, forKey: .required) }
        if !recommended.isEmpty { try container.encode(recommended, forKey: .recommended) }
        if !optional.isEmpty { try container.encode(optional, forKey: .optional) }
    }

    /// Decodes a profile from JSON text.
    /// - Parameters:
    ///   - json: the JSON text.
    ///   - file: the file it came from, for errors.
    /// - Throws: ``ValidationError`` `.invalidProfile` naming the key or position that is wrong.
    public init(json: String, file: String? = nil) throws(ValidationError) {
        try self.init(jsonBytes: Array(json.utf8), file: file)
    }

    /// Decodes a profile from JSON bytes (UTF-8).
    /// - Throws: ``ValidationError`` `.invalidProfile`.
    public init(jsonBytes: [UInt8], file: String? = nil) throws(ValidationError) {
        let location = SourceLocation(file: file)
        guard jsonBytes.count <= 4 << 20 else {
            throw ValidationError(.invalidProfile, "a profile file is at most 4 MiB", at: location)
        }
        do {
            self = try JSONDecoder().decode(ValidationProfile.self, from: Data(jsonBytes))
        } catch let error as DecodingError {
            throw ValidationError(.invalidProfile, Self.explain(error), at: location)
        } catch {
            throw ValidationError(.invalidProfile, "the profile is not valid JSON", at: location)
        }
        guard !name.isEmpty else { throw ValidationError(.invalidProfile, "the profile needs a name", at: location) }
    }

    /// Reads a profile file.
    /// - Throws: ``ValidationError`` `.invalidProfile` when unreadable or malformed.
    public init(contentsOfFile path: String) throws(ValidationError) {
        let bytes: [UInt8]
        do {
            bytes = try ByteSource.readFile(path)
        } catch {
            throw ValidationError(.invalidProfile, "cannot read the profile file", at: SourceLocation(file: path))
        }
        try self.init(jsonBytes: bytes, file: path)
    }

    /// The profile as JSON text (keys in a fixed order).
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return keys.isEmpty ? "the top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "the profile is not valid JSON" : "bad value at \(path(context)): \(context.debugDescription)"
        @unknown default:
            return "the profile cannot be decoded"
        }
    }
}
