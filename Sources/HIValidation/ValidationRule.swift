public import HICore
public import HIModels
public import HITerminology

/// One validation rule: a stable id (also the code of every issue it raises), its level, default severity,
/// English and Chinese titles, the tables it binds by default and a check over a record (or over a
/// collection of records).
///
/// Rules are immutable `Sendable` values; a ``RuleRegistry`` holds them by id and profiles name them.
///
/// ```swift
/// let noTestText = ValidationRule(
///     id: "SITE-0001", level: .businessRule, severity: .warning,
///     title: "Exam report has an impression", chineseTitle: "检查报告有结论",
///     appliesTo: [.examReport]
/// ) { subject, context in
///     guard case .examReport(let report) = subject, report.impression == nil else { return }
///     context.report("examReport.impression", "add the impression (检查结论)", expected: "text", found: "absent")
/// }
/// let registry = RuleRegistry.builtIn.adding(noTestText)
/// ```
public struct ValidationRule: Sendable {
    /// How the rule looks at records.
    ///
    /// ```swift
    /// let check = ValidationRule.Check.record { _, _ in }
    /// ```
    public enum Check: Sendable {
        /// Looks at one record at a time.
        case record(@Sendable (_ subject: ValidationSubject, _ context: inout RuleContext) -> Void)
        /// Looks at all records of a batch together (e.g. overlapping contracts of one resident); findings
        /// name the record by index with ``RuleContext/report(_:_:chinese:expected:found:record:location:)``.
        case collection(@Sendable (_ subjects: [ValidationSubject], _ context: inout RuleContext) -> Void)
    }

    /// The stable id, e.g. `HI-VAL-0201`; also the code of the issues raised.
    public let id: IssueCode
    /// The level.
    public let level: ValidationLevel
    /// The severity unless a profile overrides it.
    public let defaultSeverity: Severity
    /// What the rule checks, in English.
    public let title: String
    /// What the rule checks, in Chinese.
    public let chineseTitle: String
    /// The record kinds the rule looks at; empty means all.
    public let appliesTo: Set<ValidationSubject.Kind>
    /// The code systems (value sets) the rule accepts unless a profile binds others.
    public let defaultTables: [String]
    /// The check.
    public let check: Check

    /// Creates a rule.
    /// - Parameters:
    ///   - id: the stable id.
    ///   - level: the level.
    ///   - severity: the default severity.
    ///   - title: what it checks (English).
    ///   - chineseTitle: what it checks (Chinese).
    ///   - appliesTo: the record kinds; empty means all.
    ///   - defaultTables: the code systems bound by default.
    ///   - check: the record check; findings go to the context.
    public init(
        id: IssueCode, level: ValidationLevel, severity: Severity, title: String, chineseTitle: String,
        appliesTo: Set<ValidationSubject.Kind> = [], defaultTables: [String] = [],
        check: @escaping @Sendable (_ subject: ValidationSubject, _ context: inout RuleContext) -> Void
    ) {
        self.init(
            id: id, level: level, severity: severity, title: title, chineseTitle: chineseTitle, appliesTo: appliesTo,
            defaultTables: defaultTables, evaluating: .record(check))
    }

    /// Creates a rule with an explicit ``Check`` (use this for collection rules).
    public init(
        id: IssueCode, level: ValidationLevel, severity: Severity, title: String, chineseTitle: String,
        appliesTo: Set<ValidationSubject.Kind> = [], defaultTables: [String] = [], evaluating check: Check
    ) {
        self.id = id
        self.level = level
        self.defaultSeverity = severity
        self.title = title
        self.chineseTitle = chineseTitle
        self.appliesTo = appliesTo
        self.defaultTables = defaultTables
        self.check = check
    }

    /// `true` when the rule looks at records of `kind`.
    public func applies(to kind: ValidationSubject.Kind) -> Bool { appliesTo.isEmpty || appliesTo.contains(kind) }

    /// `true` for a collection rule.
    public var isCollectionRule: Bool {
        if case .collection = check { return true }
        return false
    }
}

/// What a rule sees while it runs: the terminology, the options, the tables the profile binds for it, the
/// required elements of the profile, and the findings it reports.
///
/// ```swift
/// let rule = ValidationRule(
///     id: "SITE-0002", level: .valueDomain, severity: .error, title: "Sex code", chineseTitle: "性别代码"
/// ) { subject, context in
///     guard let (resident, path) = subject.resident, let sex = resident.sex else { return }
///     if !context.boundTables.contains(sex.system) {
///         context.report(path + ".sex", "use a bound code system", expected: context.boundTables.joined(separator: ", "),
///                        found: sex.system)
///     }
/// }
/// ```
public struct RuleContext: Sendable {
    /// One finding: a model path, a message and the expected and found kinds (never personal data).
    ///
    /// ```swift
    /// let finding = RuleContext.Finding(path: "labReport.results[0].value", message: "add a value")
    /// ```
    public struct Finding: Hashable, Sendable {
        /// The model path (`labReport.results[3].value`).
        public var path: String
        /// What to fix.
        public var message: String
        /// What to fix, in Chinese (the rule's Chinese title when the rule gives none).
        public var chineseMessage: String?
        /// What was expected (a kind, a range, a table).
        public var expected: String?
        /// What was found (a kind, a code, a masked value).
        public var found: String?
        /// The record the finding is about, for collection rules (index in the batch).
        public var record: Int?
        /// A more precise location than the record's provenance, when the rule knows one.
        public var location: SourceLocation?

        /// Creates a finding.
        public init(
            path: String, message: String, chineseMessage: String? = nil, expected: String? = nil,
            found: String? = nil, record: Int? = nil, location: SourceLocation? = nil
        ) {
            self.path = path
            self.message = message
            self.chineseMessage = chineseMessage
            self.expected = expected
            self.found = found
            self.record = record
            self.location = location
        }
    }

    /// The terminology the validator uses.
    public let tables: TerminologyTables
    /// The options of the validator.
    public let options: ValidationOptions
    /// The code systems the profile binds for the running rule (its default tables unless overridden).
    public internal(set) var boundTables: [String]
    /// The elements the profile requires.
    public let requiredElements: [String]
    /// The elements the profile recommends.
    public let recommendedElements: [String]
    /// The findings reported so far by the running rule.
    public internal(set) var findings: [Finding] = []

    let resources: ValidationResources
    /// The record being validated, for in-place reads by the built-in rules.
    var record: RecordCache = .empty
    let required: [ElementCatalog.Element]
    let recommended: [ElementCatalog.Element]

    init(
        tables: TerminologyTables, options: ValidationOptions, resources: ValidationResources,
        required: [ElementCatalog.Element], recommended: [ElementCatalog.Element]
    ) {
        self.tables = tables
        self.options = options
        self.resources = resources
        self.boundTables = []
        self.required = required
        self.recommended = recommended
        self.requiredElements = required.map(\.name)
        self.recommendedElements = recommended.map(\.name)
    }

    /// Reports a finding.
    /// - Parameters:
    ///   - path: the model path of the element.
    ///   - message: what to fix (no personal data; mask with `PrivacyMask`).
    ///   - chinese: what to fix, in Chinese.
    ///   - expected: what was expected.
    ///   - found: what was found.
    ///   - record: the index of the record in the batch (collection rules).
    ///   - location: a more precise source location, when known.
    public mutating func report(
        _ path: String, _ message: String, chinese: String? = nil, expected: String? = nil, found: String? = nil,
        record: Int? = nil, location: SourceLocation? = nil
    ) {
        findings.append(
            Finding(
                path: path, message: message, chineseMessage: chinese, expected: expected, found: found, record: record,
                location: location))
    }

    /// The resident-ID options the validator uses (today's date from the options).
    public var residentIDOptions: ResidentIDOptions {
        var options = ResidentIDOptions()
        options.requireKnownRegion = false
        options.today = self.options.today
        return options
    }
}
