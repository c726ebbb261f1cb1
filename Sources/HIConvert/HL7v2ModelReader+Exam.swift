import HICore
import HIHL7v2
import HIModels

/// ORU^R01 exam reports (检查报告): an OBR whose diagnostic service section (OBR-24, table 0074) is an imaging
/// or functional-exam section, or whose OBX carry findings / impression, reads into an ``ExamReport``:
/// OBX findings (LOINC 18782-3, `GDT`) and impression (LOINC 19005-8, `IMP`) to the texts, reference
/// pointers (`RP`, DICOM 113014) to image references, other OBX to measured results; OBR-15.4 is the body site.
extension V2ReadState {
    /// Diagnostic service sections (HL7 table 0074) that report exams rather than lab tests.
    static let examSections: Set<String> = [
        "RAD", "RX", "CT", "MR", "NMR", "NMS", "US", "CUS", "OUS", "RUS", "VUS", "XRC", "EC", "EN", "CTH", "PF",
        "OSL", "IMG", "PHY",
    ]
    /// OBX-3 codes of findings text.
    static let findingsCodes: Set<String> = ["18782-3", "GDT", "&GDT", "59776-5"]
    /// OBX-3 codes of impression text.
    static let impressionCodes: Set<String> = ["19005-8", "IMP", "&IMP"]
    /// OBX-3 codes of image references (DICOM study instance UID).
    static let imageCodes: Set<String> = ["113014", "DICOM-STUDY"]

    static func examRole(_ result: LabResult) -> String? {
        if findingsCodes.contains(result.code.code) { return "findings" }
        if impressionCodes.contains(result.code.code) { return "impression" }
        if imageCodes.contains(result.code.code) { return "image" }
        return nil
    }

    /// The report as read, or as an exam report when its OBR-24 or its OBX say it is one.
    mutating func examOrLab(_ report: LabReport, obr: Int?) -> ModelRecord {
        let section = obr.flatMap { segments[$0].field(24) }.flatMap { $0.repetitions.first }.flatMap {
            component($0, 1)
        }
        let isExam =
            section.map { Self.examSections.contains($0.uppercased()) }
            ?? report.results.contains { Self.examRole($0) == "findings" || Self.examRole($0) == "impression" }
        guard isExam else { return .labReport(report) }
        var exam = ExamReport(kind: report.order, resident: report.resident, provenance: report.provenance)
        exam.identifiers = report.identifiers
        exam.encounter = report.encounter
        exam.orderedBy = report.orderedBy
        exam.performer = report.performer
        exam.reviewer = report.reviewer
        exam.reportedAt = report.reportedAt
        exam.status = report.status
        exam.notes = report.notes
        if let obr {
            _ = field(obr, 24)
            if let section { exam.category = CodedValue(system: "hl7-0074", code: section) }
            if let specimen = field(obr, 15)?.repetitions.first {
                let components = specimen.components
                if components.count >= 4 {
                    exam.bodySite = Self.subcomponentCode(components[3])
                }
                if component(specimen, 1) != nil || report.specimen?.type != nil {
                    unmapped.append(UnmappedFragment(path: path(obr, 15), text: specimen.er7))
                }
            }
        }
        exam.performedAt = report.specimen?.collectedAt
        if let obr, let received = report.specimen?.receivedAt {
            unmapped.append(UnmappedFragment(path: path(obr, 14), text: received.text))
        }
        var findings: [String] = []
        var impressions: [String] = []
        for result in report.results {
            let text: String? =
                switch result.value {
                case .text(let value)?: value
                case .coded(let value)?: value.display ?? value.code
                case .quantity(let value)?: value.value
                case nil: nil
                }
            switch Self.examRole(result) {
            case "findings": findings.append(text ?? "")
            case "impression": impressions.append(text ?? "")
            case "image": if let text { exam.imageReferences.append(text) }
            default: exam.results.append(result)
            }
        }
        exam.findings = findings.isEmpty ? nil : findings.joined(separator: "\n")
        exam.impression = impressions.isEmpty ? nil : impressions.joined(separator: "\n")
        exam.unmappedFragments = report.unmappedFragments
        return .examReport(exam)
    }

    /// A CWE written as subcomponents (`code&text&system`), e.g. OBR-15.4 body site.
    static func subcomponentCode(_ component: HL7v2Element) -> CodedValue? {
        let subs = component.subcomponents.map { $0.text.plainText }
        func sub(_ n: Int) -> String? { n <= subs.count && !subs[n - 1].isEmpty ? subs[n - 1] : nil }
        guard let code = sub(1) ?? sub(2) else { return nil }
        return CodedValue(system: sub(3) ?? "", code: code, display: sub(2))
    }
}
