import HICore
import HIModels
import HITerminology

extension ConversionOptions {
    /// `value` in the code system `target`: the value itself when it is already in that system, a translation it
    /// carries in that system, or the crosswalk's result under this conversion's unmapped-code policy (whose
    /// issues go to `report`). When the crosswalk fails, a warning goes to `report` and the result is the source
    /// value (`keepingSourceOnFailure`) or `nil`.
    func translated(
        _ value: CodedValue?, to target: String, path: String, report: inout ConversionReport,
        keepingSourceOnFailure: Bool
    ) -> CodedValue? {
        guard let value else { return nil }
        let tables = terminology
        let targetName = tables.codeSystem(matching: target)?.name ?? target
        if (tables.codeSystem(matching: value.system)?.name ?? value.system) == targetName { return value }
        if let existing = value.translations.first(where: {
            (tables.codeSystem(matching: $0.system)?.name ?? $0.system) == targetName
        }) {
            return existing
        }
        do {
            let result = try value.translated(
                to: target, with: tables, policy: translation.policy(from: value.system, to: targetName),
                at: SourceLocation(path: path))
            report.issues += result.issues
            return result.value
        } catch {
            report.issues.append(Issue(.warning, code: error.issueCode, error.reason, at: SourceLocation(path: path)))
            return keepingSourceOnFailure ? value : nil
        }
    }
}
