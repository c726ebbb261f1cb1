public import HICore
public import HITerminology

/// Validates records against one profile. Built once (the profile resolved and compiled, lookups prepared),
/// then used for any number of records, from any number of tasks. Validation never throws: bad content
/// yields issues.
///
/// ```swift
/// let validator = try Validator(profile: "cn-lab-report")
/// let report = validator.validate(.labReport(labReport))
/// if !report.isShareable {
///     print(report.jsonText)              // what to fix, located
///     print(report.operationOutcomeJSON)  // the same as a FHIR OperationOutcome
/// }
/// ```
public struct Validator: Sendable {
    /// A rule as the profile applies it.
    ///
    /// ```swift
    /// for applied in try Validator(profile: "cn-lab-report").appliedRules { print(applied.rule.id, applied.severity) }
    /// ```
    public struct AppliedRule: Sendable {
        /// The rule.
        public let rule: ValidationRule
        /// The severity in this profile.
        public let severity: Severity
        /// The code systems bound in this profile.
        public let tables: [String]
    }

    /// The profile name.
    public let profileName: String
    /// The resolved profile.
    public let profile: ProfileLibrary.Resolved
    /// The rules applied, in profile order.
    public let appliedRules: [AppliedRule]
    private let template: RuleContext
    /// The record rules that apply to each kind, in profile order (computed once).
    private let recordRulesByKind: [ValidationSubject.Kind: [AppliedRule]]

    /// Builds a validator for the profile `name` of `library`.
    /// - Parameters:
    ///   - name: the profile name (`cn-lab-report`).
    ///   - library: the profiles (default: the built-in ones).
    ///   - registry: the rules (default: the built-in ones).
    ///   - tables: the terminology (default: the built-in tables).
    ///   - limits: the physiologically possible limits (default: the built-in table).
    ///   - options: the options.
    /// - Throws: ``ValidationError`` when the profile is unknown or names unknown rules, tables or elements.
    public init(
        profile name: String, library: ProfileLibrary = .builtIn, registry: RuleRegistry = .builtIn,
        tables: TerminologyTables = .builtIn, limits: PlausibleLimits = .builtIn, options: ValidationOptions = .init()
    ) throws(ValidationError) {
        guard let profile = library.profile(named: name) else {
            throw ValidationError(
                .unknownProfile, "no profile named '\(name)'; known: \(library.names.joined(separator: ", "))")
        }
        try self.init(
            profile: profile, library: library, registry: registry, tables: tables, limits: limits, options: options)
    }

    /// Builds a validator for `profile`, resolving `extends` in `library`.
    /// - Throws: ``ValidationError`` when the profile names unknown profiles, rules, tables or elements.
    public init(
        profile: ValidationProfile, library: ProfileLibrary = .builtIn, registry: RuleRegistry = .builtIn,
        tables: TerminologyTables = .builtIn, limits: PlausibleLimits = .builtIn, options: ValidationOptions = .init()
    ) throws(ValidationError) {
        let resolved = try library.resolve(profile)
        var applied: [AppliedRule] = []
        for (index, entry) in resolved.rules.enumerated() {
            let location = SourceLocation(path: "profile \(profile.name).rules[\(index)]")
            guard let rule = registry.rule(entry.id) else {
                throw ValidationError(
                    .unknownRule, "rule \(entry.id) is not in the rule registry (check the id or register the rule)",
                    at: location)
            }
            var bound: [String] = []
            for table in entry.tables ?? rule.defaultTables {
                guard
                    let name = tables.codeSystem(matching: table)?.name
                        ?? (tables.valueSet(for: table) != nil ? table : nil),
                    tables.valueSet(for: name) != nil
                else {
                    throw ValidationError(
                        .unknownTable, "rule \(entry.id) binds '\(table)', which no loaded table lists", at: location)
                }
                bound.append(name)
            }
            applied.append(AppliedRule(rule: rule, severity: entry.severity ?? rule.defaultSeverity, tables: bound))
        }
        func elements(_ names: [String], _ key: String) throws(ValidationError) -> [ElementCatalog.Element] {
            var result: [ElementCatalog.Element] = []
            for name in names {
                let location = SourceLocation(path: "profile \(profile.name).\(key)")
                guard let element = ElementCatalog.all[name] else {
                    throw ValidationError(
                        .unknownElement, "element '\(name)' is not in the element catalog", at: location)
                }
                if let subject = resolved.subject, !element.kinds.isEmpty, !element.kinds.contains(subject) {
                    throw ValidationError(
                        .unknownElement, "element '\(name)' does not belong to a \(subject) record", at: location)
                }
                result.append(element)
            }
            return result
        }
        self.profileName = profile.name
        self.profile = resolved
        self.appliedRules = applied
        var byKind: [ValidationSubject.Kind: [AppliedRule]] = [:]
        for kind in ValidationSubject.Kind.allCases {
            byKind[kind] = applied.filter { !$0.rule.isCollectionRule && $0.rule.applies(to: kind) }
        }
        self.recordRulesByKind = byKind
        self.template = RuleContext(
            tables: tables, options: options, resources: ValidationResources(tables: tables, limits: limits),
            required: try elements(resolved.required, "required"),
            recommended: try elements(resolved.recommended, "recommended"))
    }

    /// The names of the elements the catalog knows (for `required` / `recommended`), sorted.
    public static var elementNames: [String] { ElementCatalog.all.keys.sorted() }

    /// Validates one record.
    /// - Parameter subject: the record.
    /// - Returns: the report; never throws.
    public func validate(_ subject: ValidationSubject) -> ValidationReport {
        var issues: [ValidationIssue] = []
        var context = template
        context.record = RecordCache(subject)
        if let expected = profile.subject, expected != subject.kind {
            issues.append(
                ValidationIssue(
                    code: "HI-VAL-0002", level: .structure, severity: .error,
                    message: "validate this record with a profile for \(subject.kind) records",
                    chineseTitle: "记录类型与规范不符", expected: "a \(expected) record", found: "a \(subject.kind) record",
                    modelPath: subject.rootPath, location: location(subject, path: subject.rootPath)))
        }
        var dropped = 0
        for applied in recordRulesByKind[subject.kind] ?? [] {
            guard case .record(let check) = applied.rule.check else { continue }
            context.boundTables = applied.tables
            context.findings.removeAll(keepingCapacity: true)
            check(subject, &context)
            for finding in context.findings {
                guard issues.count < template.options.maximumIssuesPerRecord else {
                    dropped += 1
                    continue
                }
                issues.append(issue(finding, applied, subject, record: nil))
            }
        }
        if dropped > 0 {
            issues.append(
                Self.droppedIssue(dropped, subject: subject, location: location(subject, path: subject.rootPath)))
        }
        return ValidationReport(profile: profileName, issues: issues)
    }

    /// Validates a batch: each record on its own, then the collection rules (overlapping contracts …) over
    /// all of them. Issues of collection rules go to the report of the record they name.
    /// - Parameter subjects: the records.
    /// - Returns: one report per record, in order; issues carry their record index.
    public func validate(batch subjects: [ValidationSubject]) -> [ValidationReport] {
        var reports = subjects.enumerated().map { index, subject in
            var report = validate(subject)
            report = ValidationReport(
                profile: report.profile,
                issues: report.issues.map { issue in
                    var copy = issue
                    copy.record = index
                    return copy
                })
            return report
        }
        var context = template
        for applied in appliedRules {
            guard case .collection(let check) = applied.rule.check else { continue }
            context.record = .empty
            context.boundTables = applied.tables
            context.findings.removeAll(keepingCapacity: true)
            check(subjects, &context)
            for finding in context.findings {
                guard let record = finding.record, subjects.indices.contains(record) else { continue }
                let issue = issue(finding, applied, subjects[record], record: record)
                reports[record] = ValidationReport(profile: profileName, issues: reports[record].issues + [issue])
            }
        }
        return reports
    }

    private func location(_ subject: ValidationSubject, path: String) -> SourceLocation {
        var location = subject.provenance.location
        if location.path == nil { location.path = path }
        return location
    }

    private func issue(
        _ finding: RuleContext.Finding, _ applied: AppliedRule, _ subject: ValidationSubject, record: Int?
    ) -> ValidationIssue {
        ValidationIssue(
            code: applied.rule.id, level: applied.rule.level, severity: applied.severity, message: finding.message,
            chineseTitle: applied.rule.chineseTitle, chineseMessage: finding.chineseMessage, expected: finding.expected,
            found: finding.found,
            modelPath: finding.path, location: finding.location ?? location(subject, path: finding.path),
            record: record)
    }

    private static func droppedIssue(_ count: Int, subject: ValidationSubject, location: SourceLocation)
        -> ValidationIssue
    {
        ValidationIssue(
            code: "HI-VAL-0001", level: .structure, severity: .warning,
            message: "\(count) more issues were not listed (maximumIssuesPerRecord); fix the ones above first",
            chineseTitle: "问题过多，未全部列出", modelPath: subject.rootPath, location: location)
    }
}

extension ValidationProfile {
    /// A validator for this profile (resolving `extends` in `library`).
    /// - Throws: ``ValidationError`` when the profile names unknown profiles, rules, tables or elements.
    public func validator(
        library: ProfileLibrary = .builtIn, registry: RuleRegistry = .builtIn, tables: TerminologyTables = .builtIn,
        options: ValidationOptions = .init()
    ) throws(ValidationError) -> Validator {
        try Validator(profile: self, library: library, registry: registry, tables: tables, options: options)
    }
}
