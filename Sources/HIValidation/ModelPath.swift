/// A model path built only when a finding needs it (`labReport.results[3].value`): rules walk every result
/// of every record, and most never report.
struct ModelPath: Sendable {
    let base: String
    let index: Int
    let field: String

    /// A path without an index (`followUp.method`).
    init(_ base: String) {
        self.base = base
        self.index = -1
        self.field = ""
    }

    /// `base[index].field` (`labReport.results`, 3, `value`).
    init(_ base: String, _ index: Int, _ field: String) {
        self.base = base
        self.index = index
        self.field = field
    }

    var text: String { index < 0 ? base : base + "[" + String(index) + "]." + field }
}
