import HIConvert
import HIModels

/// Models with what is not a modelled value (unmapped source fragments) removed, so round trips compare
/// every modelled field.
enum ModelComparison {
    static func normalized(_ records: [ModelRecord]) -> [ModelRecord] { records.map(normalized) }

    static func normalized(_ record: ModelRecord) -> ModelRecord {
        switch record {
        case .resident(var value):
            value.unmappedFragments = []
            return .resident(value)
        case .encounter(var value):
            value.unmappedFragments = []
            value.resident?.unmappedFragments = []
            return .encounter(value)
        case .labReport(var value):
            value.unmappedFragments = []
            value.resident?.unmappedFragments = []
            value.encounter?.unmappedFragments = []
            for index in value.results.indices { value.results[index].unmappedFragments = [] }
            return .labReport(value)
        case .examReport(var value):
            value.unmappedFragments = []
            value.resident?.unmappedFragments = []
            value.encounter?.unmappedFragments = []
            for index in value.results.indices { value.results[index].unmappedFragments = [] }
            return .examReport(value)
        case .referral(var value):
            value.unmappedFragments = []
            value.resident?.unmappedFragments = []
            return .referral(value)
        case .medicationOrder(var value):
            value.unmappedFragments = []
            return .medicationOrder(value)
        case .followUp(var value):
            value.unmappedFragments = []
            return .followUp(value)
        case .practitioner:
            return record
        case .organization(var value):
            value.unmappedFragments = []
            return .organization(value)
        case .appointment(var value):
            value.unmappedFragments = []
            value.resident?.unmappedFragments = []
            value.encounter?.unmappedFragments = []
            return .appointment(value)
        }
    }

    /// The first differing field, described by its Swift dump path (for failure messages; no personal data
    /// beyond the test samples).
    static func difference(_ lhs: [ModelRecord], _ rhs: [ModelRecord]) -> String? {
        var left = ""
        var right = ""
        dump(normalized(lhs), to: &left)
        dump(normalized(rhs), to: &right)
        let leftLines = left.split(separator: "\n")
        let rightLines = right.split(separator: "\n")
        let pairs = zip(leftLines, rightLines).filter { $0.0 != $0.1 }
        // Prefer the first differing leaf (container lines repeat their whole summary).
        if let leaf = pairs.first(where: { $0.0.trimmingPrefix(while: { $0 == " " }).hasPrefix("-") }) {
            return "\(leaf.0)  ≠  \(leaf.1)"
        }
        if let first = pairs.first { return "\(first.0)  ≠  \(first.1)" }
        return leftLines.count == rightLines.count ? nil : "different lengths"
    }
}
