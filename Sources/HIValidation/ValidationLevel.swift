/// The level a validation rule works at; a ``ValidationReport`` lists its issues level by level.
///
/// ```swift
/// let level = ValidationLevel.valueDomain
/// print(level, level.chineseName)   // valueDomain 值域
/// ```
public enum ValidationLevel: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// Syntax of the interchange format (ER7 delimiters, XML well-formedness, JSON grammar); raised by the
    /// format layers and merged into a report with ``ValidationReport/addingSyntaxIssues(_:)``.
    case syntax
    /// Structure: required elements, cardinality, order.
    case structure
    /// Data types and formats: identifiers, timestamps, decimals, phone numbers, lengths.
    case dataType
    /// Value domains: codes in the bound tables (GB/T 2261.1, GB 3304, WS 364, HL7 tables, UCUM).
    case valueDomain
    /// Business rules across fields and records.
    case businessRule

    /// The Chinese name of the level.
    public var chineseName: String {
        switch self {
        case .syntax: "语法"
        case .structure: "结构"
        case .dataType: "数据类型与格式"
        case .valueDomain: "值域"
        case .businessRule: "业务规则"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: ValidationLevel, rhs: ValidationLevel) -> Bool { lhs.order < rhs.order }

    public var description: String { rawValue }
}
