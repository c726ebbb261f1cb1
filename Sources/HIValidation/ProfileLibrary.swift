import HICore

/// Profiles by name: the built-in ones for the platform documents, plus any a user adds (from JSON files or
/// values). Resolves `extends` chains.
///
/// ```swift
/// let site = try ValidationProfile(contentsOfFile: "site-lab.json")
/// let library = ProfileLibrary.builtIn.adding(site)
/// let validator = try Validator(profile: site.name, library: library)
/// print(ProfileLibrary.builtIn.names)   // ["cn-base", "cn-contract", "cn-exam-report", …]
/// ```
public struct ProfileLibrary: Sendable {
    /// The profiles by name.
    public let profiles: [String: ValidationProfile]

    /// A library of `profiles`; a later profile with the same name replaces an earlier one.
    public init(_ profiles: [ValidationProfile]) {
        var byName: [String: ValidationProfile] = [:]
        for profile in profiles { byName[profile.name] = profile }
        self.profiles = byName
    }

    /// The built-in profiles (``BuiltInProfiles``), parsed from the JSON texts shipped in the library.
    public static let builtIn: ProfileLibrary = {
        var profiles: [ValidationProfile] = []
        for text in BuiltInProfiles.jsonTexts {
            do {
                profiles.append(try ValidationProfile(json: text))
            } catch {
                // The built-in profiles are checked by the test suite; reaching this is a build defect.
                preconditionFailure("built-in validation profile is invalid: \(error)")
            }
        }
        return ProfileLibrary(profiles)
    }()

    /// The profile names, sorted.
    public var names: [String] { profiles.keys.sorted() }

    /// The profile named `name`.
    public func profile(named name: String) -> ValidationProfile? { profiles[name] }

    /// This library with `profile` added (replacing one of the same name).
    public func adding(_ profile: ValidationProfile) -> ProfileLibrary {
        ProfileLibrary(Array(profiles.values) + [profile])
    }

    /// A profile merged with the profiles it extends: the rules in order of first appearance with the latest
    /// overrides, the elements required and recommended, the subject.
    ///
    /// ```swift
    /// let resolved = try ProfileLibrary.builtIn.resolve(ProfileLibrary.builtIn.profile(named: "cn-lab-report")!)
    /// print(resolved.chain)   // ["cn-base", "cn-lab-report"]
    /// ```
    public struct Resolved: Hashable, Sendable {
        /// The names from the root profile to this one.
        public var chain: [String]
        /// The record kind.
        public var subject: ValidationSubject.Kind?
        /// The merged rule entries.
        public var rules: [ValidationProfile.RuleEntry]
        /// The required elements.
        public var required: [String]
        /// The recommended elements.
        public var recommended: [String]
    }

    /// Merges `profile` with the profiles it extends.
    /// - Throws: ``ValidationError`` `.unknownProfile`, `.circularExtension`, `.unknownSubject`.
    public func resolve(_ profile: ValidationProfile) throws(ValidationError) -> Resolved {
        var chain = [profile]
        var seen: Set<String> = [profile.name]
        var current = profile
        while let parentName = current.extends {
            let location = SourceLocation(path: "profile \(current.name).extends")
            guard let parent = parentName == profile.name ? nil : profiles[parentName] else {
                if seen.contains(parentName) {
                    throw ValidationError(.circularExtension, "profile \(parentName) extends itself", at: location)
                }
                throw ValidationError(
                    .unknownProfile, "profile \(current.name) extends '\(parentName)', which is not in the library",
                    at: location)
            }
            guard seen.insert(parentName).inserted, chain.count < 32 else {
                throw ValidationError(
                    .circularExtension, "profile \(parentName) is reached twice through extends", at: location)
            }
            chain.insert(parent, at: 0)
            current = parent
        }
        var order: [IssueCode] = []
        var entries: [IssueCode: ValidationProfile.RuleEntry] = [:]
        var required: [String] = []
        var recommended: [String] = []
        var subject: ValidationSubject.Kind?
        for item in chain {
            if let name = item.subject {
                guard let kind = ValidationSubject.Kind(rawValue: name) else {
                    throw ValidationError(
                        .unknownSubject,
                        "subject '\(name)' is not one of "
                            + ValidationSubject.Kind.allCases.map(\.rawValue).joined(separator: ", "),
                        at: SourceLocation(path: "profile \(item.name).subject"))
                }
                subject = kind
            }
            for entry in item.rules {
                if var existing = entries[entry.id] {
                    if let severity = entry.severity { existing.severity = severity }
                    if let tables = entry.tables { existing.tables = tables }
                    entries[entry.id] = existing
                } else {
                    entries[entry.id] = entry
                    order.append(entry.id)
                }
            }
            for id in item.disable {
                entries[id] = nil
                order.removeAll { $0 == id }
            }
            let relaxed = Set(item.optional)
            required.removeAll { relaxed.contains($0) }
            recommended.removeAll { relaxed.contains($0) }
            for name in item.required where !required.contains(name) {
                required.append(name)
                recommended.removeAll { $0 == name }
            }
            for name in item.recommended where !required.contains(name) && !recommended.contains(name) {
                recommended.append(name)
            }
        }
        let disabled = Set(chain.last?.disable ?? [])
        if !required.isEmpty, entries["HI-VAL-0101"] == nil, !disabled.contains("HI-VAL-0101") {
            entries["HI-VAL-0101"] = ValidationProfile.RuleEntry(id: "HI-VAL-0101")
            order.insert("HI-VAL-0101", at: 0)
        }
        if !recommended.isEmpty, entries["HI-VAL-0102"] == nil, !disabled.contains("HI-VAL-0102") {
            entries["HI-VAL-0102"] = ValidationProfile.RuleEntry(id: "HI-VAL-0102")
            order.insert("HI-VAL-0102", at: min(1, order.count))
        }
        return Resolved(
            chain: chain.map(\.name), subject: subject, rules: order.compactMap { entries[$0] }, required: required,
            recommended: recommended)
    }
}
