import HIModels
import HITerminology

/// Checks a coded value against the code systems a profile binds: the value (or one of its translations)
/// must use a bound system and a code of that system's table.
enum CodeBinding {
    struct Failure {
        let message: String
        let chinese: String
        let expected: String
        let found: String
    }

    static func check(_ value: CodedValue, bound: [String], resources: ValidationResources) -> Failure? {
        if bound.isEmpty { return nil }
        var unknownCode: (system: String, code: String)?
        func accepts(_ candidate: CodedValue) -> Bool {
            let name = resources.systemName(candidate.system)
            guard bound.contains(name) else { return false }
            if resources.contains(candidate.code, system: name) { return true }
            if unknownCode == nil { unknownCode = (name, candidate.code) }
            return false
        }
        if accepts(value) { return nil }
        for candidate in value.translations where accepts(candidate) { return nil }
        let expected = "a code of " + bound.joined(separator: " or ")
        if let unknownCode {
            return Failure(
                message: "use a code listed in the \(unknownCode.system) table",
                chinese: "代码不在 \(unknownCode.system) 代码表中，请更正", expected: expected,
                found: "code " + BuiltInRules.quoted(unknownCode.code) + " (not in \(unknownCode.system))")
        }
        return Failure(
            message: "use (or add a translation to) a bound code system",
            chinese: "代码系统不在规范绑定的代码表中，请使用（或增加映射到）绑定的代码系统", expected: expected,
            found: "code system " + BuiltInRules.quoted(value.system))
    }

    /// The GB/T 2261.1 code (`1` male, `2` female …) of a sex value in any mapped system, or `nil`.
    static func gbSexCode(_ value: CodedValue, tables: TerminologyTables, resources: ValidationResources) -> String? {
        for candidate in CollectionOfOne(value) + value.translations {
            let name = resources.systemName(candidate.system)
            if name == "gb-t-2261.1" { return candidate.code }
            if let map = tables.crosswalk(from: name, to: "gb-t-2261.1"), let target = map.target(for: candidate.code) {
                return target.concept.code
            }
        }
        return nil
    }

    /// The HL7 0078 / v3 interpretation code of an abnormal flag, or `nil` when it uses another system.
    static func interpretationCode(_ value: CodedValue, resources: ValidationResources) -> String? {
        func isInterpretation(_ system: String) -> Bool {
            let name = resources.systemName(system)
            return name == "hl7-0078" || name == "v3-ObservationInterpretation"
        }
        if isInterpretation(value.system) { return value.code }
        return value.translations.first { isInterpretation($0.system) }?.code
    }
}
