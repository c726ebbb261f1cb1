public import HICore

/// The rules a validator can apply, by id: the built-in ones plus any a user adds. Immutable; `adding`
/// returns a new registry.
///
/// ```swift
/// let registry = try RuleRegistry.builtIn.adding(
///     ValidationRule(id: "SITE-0001", level: .structure, severity: .warning,
///                    title: "Lab report has an order", chineseTitle: "检验报告有医嘱", appliesTo: [.labReport]) { subject, context in
///         if case .labReport(let report) = subject, report.order == nil {
///             context.report("labReport.order", "add the order", expected: "an order code", found: "absent")
///         }
///     })
/// print(registry.rule("SITE-0001")?.title ?? "")
/// ```
public struct RuleRegistry: Sendable {
    private let byID: [IssueCode: ValidationRule]

    /// The rules, sorted by id.
    public let rules: [ValidationRule]

    /// A registry of `rules`; a later rule with the same id replaces an earlier one.
    public init(_ rules: [ValidationRule]) {
        var byID: [IssueCode: ValidationRule] = [:]
        for rule in rules { byID[rule.id] = rule }
        self.byID = byID
        self.rules = byID.values.sorted { $0.id < $1.id }
    }

    /// The built-in rules (`HI-VAL-0101` … `HI-VAL-0513`).
    public static let builtIn = RuleRegistry(BuiltInRules.all)

    /// The rule with `id`.
    public func rule(_ id: IssueCode) -> ValidationRule? { byID[id] }

    /// This registry with `rule` added.
    /// - Throws: ``ValidationError`` `.duplicateRule` when a rule with its id exists (use ``replacing(_:)``).
    public func adding(_ rule: ValidationRule) throws(ValidationError) -> RuleRegistry {
        guard byID[rule.id] == nil else {
            throw ValidationError(.duplicateRule, "a rule with id \(rule.id) exists; use replacing(_:) to replace it")
        }
        return RuleRegistry(rules + [rule])
    }

    /// This registry with `rule` added or replacing the rule with its id.
    public func replacing(_ rule: ValidationRule) -> RuleRegistry { RuleRegistry(rules + [rule]) }
}

/// The built-in rules, by level.
enum BuiltInRules {
    static let all: [ValidationRule] = structureRules + dataTypeRules + valueDomainRules + businessRules
}
