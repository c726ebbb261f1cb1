public import HICore

/// What a crosswalk does with a code it has no mapping for. Whatever the policy, the miss is reported as
/// an ``Issue``; a code is never silently replaced.
///
/// ```swift
/// var options = TranslationOptions()
/// options.setPolicy(.useDefault(Concept(code: "9", display: "未说明的性别")), from: "hl7-0001", to: "gb-t-2261.1")
/// options.setPolicy(.fail, from: "hl7-0085", to: "fhir-observation-status")
/// ```
public enum UnmappedCodePolicy: Sendable, Hashable {
    /// Throw ``TerminologyError`` `.unmappedCode` (`HI-TERM-0005`).
    case fail
    /// Keep the source code in the source system, with a warning (`HI-TERM-0003`).
    case keepSource
    /// Use this target concept, with a warning (`HI-TERM-0004`).
    case useDefault(Concept)
}

/// The unmapped-code policy per crosswalk, and a default for the others.
///
/// ```swift
/// var options = TranslationOptions()           // default policy: keep the source code and warn
/// options.setPolicy(.fail, from: "hl7-0001", to: "gb-t-2261.1")
/// print(options.policy(from: "hl7-0001", to: "gb-t-2261.1"))  // fail
/// ```
public struct TranslationOptions: Sendable, Hashable {
    /// The policy of crosswalks without their own.
    public var defaultPolicy: UnmappedCodePolicy = .keepSource
    /// Policies by `source>target` system names.
    public private(set) var policies: [String: UnmappedCodePolicy] = [:]

    /// Creates options with the default policy `.keepSource`.
    public init(defaultPolicy: UnmappedCodePolicy = .keepSource) { self.defaultPolicy = defaultPolicy }

    /// Sets the policy of the crosswalk `source` → `target` (code-system names).
    public mutating func setPolicy(_ policy: UnmappedCodePolicy, from source: String, to target: String) {
        policies[source + ">" + target] = policy
    }

    /// The policy of the crosswalk `source` → `target`.
    public func policy(from source: String, to target: String) -> UnmappedCodePolicy {
        policies[source + ">" + target] ?? defaultPolicy
    }
}

/// The result of translating one code.
///
/// ```swift
/// let result = try TerminologyTables.builtIn.translate("F", from: "hl7-0001", to: "gb-t-2261.1")
/// print(result.code.code, result.code.display, result.isMapped)  // 2 女 true
/// ```
public struct Translation: Sendable, Hashable {
    /// What happened.
    ///
    /// ```swift
    /// if case .mapped(let equivalence) = result.outcome { print(equivalence) }
    /// ```
    public enum Outcome: Sendable, Hashable {
        /// Mapped through the table.
        case mapped(Equivalence)
        /// No mapping; the source code was kept (in the source system).
        case keptSource
        /// No mapping; the policy's default target was used.
        case defaulted
    }

    /// The source concept (display from the table when it knows the code).
    public let source: Concept
    /// The source code system name.
    public let sourceSystem: String
    /// The resulting concept: the mapped target, the kept source or the default.
    public let code: Concept
    /// The system of ``code``: the target system, or the source system when the source code was kept.
    public let system: String
    /// What happened.
    public let outcome: Outcome
    /// The table used, when one was.
    public let table: String?
    /// Reports: unmapped codes (always), codes unknown to the source system, inexact mappings.
    public let issues: [Issue]

    /// Creates a result.
    public init(
        source: Concept, sourceSystem: String, code: Concept, system: String, outcome: Outcome, table: String?,
        issues: [Issue]
    ) {
        self.source = source
        self.sourceSystem = sourceSystem
        self.code = code
        self.system = system
        self.outcome = outcome
        self.table = table
        self.issues = issues
    }

    /// `true` when the table mapped the code.
    public var isMapped: Bool {
        if case .mapped = outcome { return true }
        return false
    }
}
