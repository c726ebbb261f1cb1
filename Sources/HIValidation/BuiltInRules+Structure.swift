import HICore
import HIModels

extension BuiltInRules {
    /// `HI-VAL-0101` / `HI-VAL-0102`: the elements a profile lists in `required` / `recommended` are present.
    static let structureRules: [ValidationRule] = [
        ValidationRule(
            id: "HI-VAL-0101", level: .structure, severity: .error, title: "Required element present",
            chineseTitle: "必填数据元不得为空"
        ) { subject, context in
            var reported: Set<String> = []
            for element in context.required where element.kinds.isEmpty || element.kinds.contains(subject.kind) {
                for path in element.missing(subject, context.record) where reported.insert(path).inserted {
                    context.report(
                        path, "add the required element (profile lists \(element.name))", chinese: "请填写必填数据元",
                        expected: "present",
                        found: "absent or empty")
                }
            }
        },
        ValidationRule(
            id: "HI-VAL-0102", level: .structure, severity: .warning, title: "Recommended element present",
            chineseTitle: "建议填写的数据元为空"
        ) { subject, context in
            // A missing resident is reported once, by the required resident element.
            let absentResident = context.record.resident == nil ? subject.residentPath : ""
            var reported: Set<String> = []
            for element in context.recommended where element.kinds.isEmpty || element.kinds.contains(subject.kind) {
                for path in element.missing(subject, context.record)
                where path != absentResident && reported.insert(path).inserted {
                    context.report(
                        path, "add the recommended element (profile lists \(element.name))", chinese: "建议填写该数据元",
                        expected: "present",
                        found: "absent or empty")
                }
            }
        },
    ]
}
