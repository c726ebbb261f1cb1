import HIModels

/// The elements a profile may list in `required` and `recommended`, each with a presence check that returns
/// the model paths of the missing instances.
///
/// Names are model paths: `labReport.specimen.collectedAt`, `labReport.results[].unit` (every result; the
/// unit is required only for numeric values), and `resident.*` names that apply to the resident of any
/// record (`labReport.resident.identifiers` …).
enum ElementCatalog {
    struct Element: Sendable {
        let name: String
        /// Record kinds the element belongs to; empty: every kind with a resident.
        let kinds: Set<ValidationSubject.Kind>
        let missing: @Sendable (ValidationSubject, RecordCache) -> [String]
    }

    static let all: [String: Element] = {
        var elements: [String: Element] = [:]
        for element in residentElements + labElements + examElements + encounterElements + recordElements
            + followUpElements + referralElements + contractElements
        {
            elements[element.name] = element
        }
        return elements
    }()

    static func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        return text.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\n" }
    }

    static func hasText(_ text: String?) -> Bool { !isBlank(text) }

    static func hasOrganization(_ organization: Organization?) -> Bool {
        guard let organization else { return false }
        return hasText(organization.name) || organization.identifiers.contains { hasText($0.value) }
    }

    static func hasPractitioner(_ practitioner: Practitioner?) -> Bool {
        guard let practitioner else { return false }
        return hasText(practitioner.name?.text) || practitioner.identifiers.contains { hasText($0.value) }
    }

    // MARK: Resident elements (any record with a resident)

    private static func resident(_ name: String, _ present: @escaping @Sendable (Resident) -> Bool) -> Element {
        let suffix = String(name.dropFirst("resident".count))
        return Element(name: name, kinds: []) { subject, record in
            guard let (value, path) = record.resident else { return [subject.residentPath] }
            return present(value) ? [] : [path + suffix]
        }
    }

    private static let residentElements: [Element] = [
        resident("resident.name") { hasText($0.names.first?.text) },
        resident("resident.residentID") { hasText($0.identifier(.residentIDCard)?.value) },
        resident("resident.healthRecordNumber") { hasText($0.identifier(.healthRecordNumber)?.value) },
        resident("resident.sex") { hasText($0.sex?.code) },
        resident("resident.birthDate") { $0.birthDate != nil },
        resident("resident.ethnicity") { hasText($0.ethnicity?.code) },
        resident("resident.maritalStatus") { hasText($0.maritalStatus?.code) },
        resident("resident.occupation") { hasText($0.occupation?.code) },
        resident("resident.education") { hasText($0.education?.code) },
        resident("resident.address") { $0.addresses.contains { hasText($0.text) || hasText($0.regionCode) } },
        resident("resident.phone") { $0.telecom.contains { $0.system == .phone && hasText($0.value) } },
        resident("resident.contacts") { !$0.contacts.isEmpty },
        resident("resident.aboBloodGroup") { hasText($0.aboBloodGroup?.code) },
    ]

    // MARK: Record elements

    /// `present` reads the report in place (through the record cache).
    private static func lab(_ name: String, _ present: @escaping @Sendable (RecordCache) -> Bool) -> Element {
        Element(name: name, kinds: [.labReport]) { _, record in
            guard record.isLabReport else { return [] }
            return present(record) ? [] : [name]
        }
    }

    /// `present` reads result `index` of the report in place (passing a `LabResult` would copy it).
    private static func eachResult(
        _ field: String, _ present: @escaping @Sendable (RecordCache, Int) -> Bool
    ) -> Element {
        Element(name: "labReport.results[]." + field, kinds: [.labReport]) { _, record in
            guard record.isLabReport else { return [] }
            var missing: [String] = []
            for index in record.labReport.results.indices where !present(record, index) {
                missing.append("labReport.results[\(index)].\(field)")
            }
            return missing
        }
    }

    private static let labElements: [Element] = [
        lab("labReport.reportNumber") { $0.labReport.identifiers.contains { hasText($0.value) } },
        lab("labReport.resident") { $0.labReport.resident != nil },
        lab("labReport.order") { hasText($0.labReport.order?.code) || hasText($0.labReport.order?.display) },
        lab("labReport.orderedBy") { hasPractitioner($0.labReport.orderedBy) },
        lab("labReport.orderedAt") { $0.labReport.orderedAt != nil },
        lab("labReport.encounter") { $0.labReport.encounter != nil },
        lab("labReport.specimen") { $0.labReport.specimen != nil },
        lab("labReport.specimen.identifier") {
            $0.labReport.specimen?.identifiers.contains { hasText($0.value) } ?? false
        },
        lab("labReport.specimen.type") {
            hasText($0.labReport.specimen?.type?.code) || hasText($0.labReport.specimen?.type?.display)
        },
        lab("labReport.specimen.collectedAt") { $0.labReport.specimen?.collectedAt != nil },
        lab("labReport.specimen.receivedAt") { $0.labReport.specimen?.receivedAt != nil },
        lab("labReport.results") { !$0.labReport.results.isEmpty },
        lab("labReport.status") { hasText($0.labReport.status?.code) },
        lab("labReport.performer") { hasPractitioner($0.labReport.performer) },
        lab("labReport.reviewer") { hasPractitioner($0.labReport.reviewer) },
        lab("labReport.laboratory") { hasOrganization($0.labReport.laboratory) },
        lab("labReport.reportedAt") { $0.labReport.reportedAt != nil },
        eachResult("code") { hasText($0.labReport.results[$1].code.code) },
        eachResult("value") { record, index in
            switch record.labReport.results[index].value {
            case .quantity(let quantity): hasText(quantity.value)
            case .coded(let coded): hasText(coded.code)
            case .text(let text): hasText(text)
            case nil: false
            }
        },
        eachResult("unit") { record, index in
            guard case .quantity(let quantity) = record.labReport.results[index].value else { return true }
            return hasText(quantity.unit) || hasText(quantity.ucum)
        },
        eachResult("referenceRange") { $0.labReport.results[$1].referenceRange != nil },
        eachResult("abnormalFlag") { hasText($0.labReport.results[$1].abnormalFlag?.code) },
        eachResult("status") { hasText($0.labReport.results[$1].status?.code) },
        eachResult("observedAt") { $0.labReport.results[$1].observedAt != nil },
    ]

    private static func exam(_ name: String, _ present: @escaping @Sendable (ExamReport) -> Bool) -> Element {
        Element(name: name, kinds: [.examReport]) { subject, _ in
            guard case .examReport(let report) = subject else { return [] }
            return present(report) ? [] : [name]
        }
    }

    private static let examElements: [Element] = [
        exam("examReport.reportNumber") { $0.identifiers.contains { hasText($0.value) } },
        exam("examReport.resident") { $0.resident != nil },
        exam("examReport.kind") { hasText($0.kind?.code) || hasText($0.kind?.display) },
        exam("examReport.bodySite") { hasText($0.bodySite?.code) || hasText($0.bodySite?.display) },
        exam("examReport.findings") { hasText($0.findings) },
        exam("examReport.impression") { hasText($0.impression) },
        exam("examReport.imageReferences") { !$0.imageReferences.isEmpty },
        exam("examReport.performer") { hasPractitioner($0.performer) },
        exam("examReport.reviewer") { hasPractitioner($0.reviewer) },
        exam("examReport.performedAt") { $0.performedAt != nil },
        exam("examReport.reportedAt") { $0.reportedAt != nil },
        exam("examReport.status") { hasText($0.status?.code) },
    ]

    private static func encounter(_ name: String, _ present: @escaping @Sendable (Encounter) -> Bool) -> Element {
        Element(name: name, kinds: [.encounter]) { subject, _ in
            guard case .encounter(let encounter) = subject else { return [] }
            return present(encounter) ? [] : [name]
        }
    }

    private static let encounterElements: [Element] = [
        encounter("encounter.identifier") { $0.identifiers.contains { hasText($0.value) } },
        encounter("encounter.resident") { $0.resident != nil },
        encounter("encounter.organization") { hasOrganization($0.organization) },
        encounter("encounter.department") { hasText($0.department?.code) || hasText($0.department?.display) },
        encounter("encounter.practitioner") { $0.practitioners.contains { hasPractitioner($0) } },
        encounter("encounter.start") { $0.start != nil },
        encounter("encounter.diagnoses") { !$0.diagnoses.isEmpty },
        Element(name: "encounter.diagnoses[].code", kinds: [.encounter]) { subject, _ in
            guard case .encounter(let encounter) = subject else { return [] }
            var missing: [String] = []
            for (index, diagnosis) in encounter.diagnoses.enumerated() where isBlank(diagnosis.code.code) {
                missing.append("encounter.diagnoses[\(index)].code")
            }
            return missing
        },
    ]

    private static func record(_ name: String, _ present: @escaping @Sendable (HealthRecord) -> Bool) -> Element {
        Element(name: name, kinds: [.healthRecord]) { subject, _ in
            guard case .healthRecord(let record) = subject else { return [] }
            return present(record) ? [] : [name]
        }
    }

    private static let recordElements: [Element] = [
        record("healthRecord.number") { hasText($0.number?.value) },
        record("healthRecord.managingOrganization") { hasOrganization($0.managingOrganization) },
        record("healthRecord.responsibleDoctor") { hasPractitioner($0.responsibleDoctor) },
        record("healthRecord.createdOn") { $0.createdOn != nil },
        record("healthRecord.createdBy") { hasPractitioner($0.createdBy) },
    ]

    private static func followUp(_ name: String, _ present: @escaping @Sendable (FollowUp) -> Bool) -> Element {
        Element(name: name, kinds: [.followUp]) { subject, _ in
            guard case .followUp(let visit) = subject else { return [] }
            return present(visit) ? [] : [name]
        }
    }

    private static let followUpElements: [Element] = [
        followUp("followUp.resident") { $0.resident != nil },
        followUp("followUp.date") { $0.date != nil },
        followUp("followUp.method") { hasText($0.method?.code) },
        followUp("followUp.classification") { hasText($0.classification?.code) },
        followUp("followUp.medicationAdherence") { hasText($0.medicationAdherence?.code) },
        followUp("followUp.systolic") { $0.systolic != nil },
        followUp("followUp.diastolic") { $0.diastolic != nil },
        followUp("followUp.fastingGlucose") { hasText($0.fastingGlucose?.value) },
        followUp("followUp.weight") { hasText($0.weight?.value) },
        followUp("followUp.heartRate") { $0.heartRate != nil },
        followUp("followUp.nextDate") { $0.nextDate != nil },
        followUp("followUp.doctor") { hasPractitioner($0.doctor) },
    ]

    private static func referral(_ name: String, _ present: @escaping @Sendable (Referral) -> Bool) -> Element {
        Element(name: name, kinds: [.referral]) { subject, _ in
            guard case .referral(let referral) = subject else { return [] }
            return present(referral) ? [] : [name]
        }
    }

    private static let referralElements: [Element] = [
        referral("referral.identifier") { $0.identifiers.contains { hasText($0.value) } },
        referral("referral.direction") { $0.direction != nil },
        referral("referral.resident") { $0.resident != nil },
        referral("referral.fromOrganization") { hasOrganization($0.fromOrganization) },
        referral("referral.toOrganization") { hasOrganization($0.toOrganization) },
        referral("referral.reason") { hasText($0.reason) },
        referral("referral.diagnoses") { !$0.diagnoses.isEmpty },
        referral("referral.date") { $0.date != nil },
    ]

    private static func contract(
        _ name: String, _ present: @escaping @Sendable (FamilyDoctorContract) -> Bool
    ) -> Element {
        Element(name: name, kinds: [.contract]) { subject, _ in
            guard case .contract(let contract) = subject else { return [] }
            return present(contract) ? [] : [name]
        }
    }

    private static let contractElements: [Element] = [
        contract("contract.identifier") { $0.identifiers.contains { hasText($0.value) } },
        contract("contract.resident") { $0.resident != nil },
        contract("contract.team") { hasText($0.team?.name) || !($0.team?.members.isEmpty ?? true) },
        contract("contract.servicePackage") { hasText($0.servicePackage?.code) },
        contract("contract.start") { $0.start != nil },
        contract("contract.status") { hasText($0.status?.code) },
    ]
}
