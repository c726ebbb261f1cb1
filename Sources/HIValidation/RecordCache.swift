import HIModels

/// The record being validated, copied once per validation into a class so that built-in rules read its
/// fields in place (`record.labReport.results[i].value`) instead of copying a whole `LabReport` (with its
/// resident, encounter and practitioners) out of the enum in every rule.
final class RecordCache: Sendable {
    let isLabReport: Bool
    /// The lab report (an empty one for other kinds; check ``isLabReport``).
    let labReport: LabReport
    /// The resident and its model path, when the record has one.
    let resident: (value: Resident, path: String)?

    init(_ subject: ValidationSubject) {
        if case .labReport(let report) = subject {
            isLabReport = true
            labReport = report
            resident = report.resident.map { ($0, "labReport.resident") }
        } else {
            isLabReport = false
            labReport = LabReport()
            resident = subject.resident
        }
    }

    static let empty = RecordCache(.resident(Resident()))
}
