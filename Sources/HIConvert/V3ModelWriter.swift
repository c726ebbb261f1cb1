import HICDA
import HICore
import HIModels
public import HIV3
import HIXML

/// Writes models as one HL7 V3 interaction message (互联互通 / WS/T 790), through ``HIV3``:
///
/// | records | message |
/// |---|---|
/// | a resident | PRPA_IN201311UV02 个人信息注册 |
/// | an encounter | PRPA_IN400001UV 就诊信息登记 |
/// | lab/exam requests (lab reports without results or status) and medication orders | POOR_IN200901UV 医嘱/申请单新增 (one `placerGroup`) |
/// | a lab report with a status and no results | POLB_IN224000UV01 检验状态 |
/// | a lab report with results, an exam report, a referral, a follow-up | ProvideAndRegisterDocumentSetRequest carrying the CDA document ``CDAModelWriter`` writes |
/// | an organisation / a practitioner | PRPM_IN401030UV01 / PRPM_IN301010UV01 |
///
/// The transmission wrapper is deterministic: the message id is the source document id (else a hash of the
/// record kind), the creation time the record's own time (order, visit start, report time), the sender device
/// `2.16.156.10011.0.1.2` with ``ConversionOptions/sendingApplication`` as extension and the receiver
/// ``receiver``. Records one message cannot hold are reported as unmapped.
///
/// ```swift
/// var report = ConversionReport()
/// let xml = try V3ModelWriter().write([.resident(resident)], options: ConversionOptions(), report: &report)
/// ```
public struct V3ModelWriter: RecordWriter {
    /// The receiving system written into `receiver/device/id/@extension` (default `PLATFORM`).
    public var receiver: String
    /// The interaction to write instead of the new/registration one the records choose, when it fits them:
    /// ``HIV3/V3Interaction/patientUpdate``, ``HIV3/V3Interaction/encounterUpdate``,
    /// ``HIV3/V3Interaction/encounterCancel``, ``HIV3/V3Interaction/orderUpdate`` or
    /// ``HIV3/V3Interaction/labStatus``; others are ignored. ``HIV3/V3Interaction/patientRegistration`` (or
    /// update) on an encounter writes its resident as 个人信息注册 (an ADT^A04 registration at the visit, as the
    /// hospital platforms send it); the visit is then reported as not written.
    public var interaction: V3Interaction?

    /// Creates a writer.
    ///
    /// ```swift
    /// var writer = V3ModelWriter(receiver: "EMPI")
    /// writer.interaction = .patientUpdate   // PRPA_IN201314UV02 instead of PRPA_IN201311UV02
    /// ```
    public init(receiver: String = "PLATFORM", interaction: V3Interaction? = nil) {
        self.receiver = receiver
        self.interaction = interaction
    }

    /// The interactions ``interaction`` may name.
    static let forcible: [V3Interaction] = [
        .patientRegistration, .patientUpdate, .encounterUpdate, .encounterCancel, .orderUpdate, .labStatus,
    ]

    /// Always `.v3`.
    public var format: RecordFormat { .v3 }

    /// Writes `records` as one message (UTF-8, with an XML declaration).
    /// - Throws: ``ConversionError`` `.missingData` for no records, `.unsupportedTarget` for records no
    ///   interaction carries.
    public func write(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> [UInt8]
    {
        let message = try message(records, options: options, report: &report)
        var writing = XMLWritingOptions()
        writing.alwaysWritesDeclaration = true
        writing.indentation = .pretty(spaces: 2)
        do {
            return try message.serialized(options: writing)
        } catch {
            throw ConversionError(.unsupportedTarget, "the message could not be serialized: \(error.reason)")
        }
    }

    /// The message for `records`, before serialization.
    public func message(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> V3Message
    {
        guard let first = records.first else { throw ConversionError(.missingData, "nothing to write") }
        let id = first.provenanceDocumentID ?? "HI" + String(StableID.hash(first.kindName), radix: 16)
        let header = V3Header(
            messageID: id, creationTime: V3FromModels.time(of: records).map { TimeText.v2($0.text) } ?? "",
            interaction: .patientRegistration,
            sender: options.sendingApplication, receiver: receiver)
        let forced = interaction.flatMap { Self.forcible.contains($0) ? $0 : nil }
        return try V3FromModels.message(
            records, header: header, interaction: forced, source: nil, replaced: [], options: options, report: &report)
    }
}

/// Model records → the V3 message of one interaction; shared by the writer and the reader's unmapped check.
enum V3FromModels {
    /// The time a record carries for `creationTime`.
    static func time(of records: [ModelRecord]) -> Timestamp? {
        for record in records {
            switch record {
            case .encounter(let value): if let time = value.start { return time }
            case .labReport(let value): if let time = value.reportedAt ?? value.orderedAt { return time }
            case .medicationOrder(let value): if let time = value.orderedAt { return time }
            case .examReport(let value): if let time = value.reportedAt ?? value.performedAt { return time }
            default: continue
            }
        }
        return nil
    }

    /// The message for `records`. `interaction` forces the interaction of a reading (update, cancel, merge,
    /// query response, lab status); `nil` chooses from the records. `source` is the message read (for the
    /// query a response answers), `replaced` the merged identifiers.
    static func message(
        _ records: [ModelRecord], header: V3Header, interaction: V3Interaction?, source: V3Message?,
        replaced: [Identifier], options: ConversionOptions, report: inout ConversionReport
    ) throws(ConversionError) -> V3Message {
        guard let first = primary(records) else {
            throw ConversionError(.missingData, "nothing to write")
        }
        var header = header
        var written: (ModelRecord) -> Bool = { $0 == first || isContext($0, of: first) }
        let message: V3Message
        switch first {
        case .resident(let resident):
            if interaction == .patientMerge {
                message = V3PatientRegistry.merge(
                    V3ResidentMerge(surviving: resident, replaced: replaced), header: header)
            } else if interaction == .patientQueryResponse, let source {
                let residents = records.compactMap { record -> Resident? in
                    if case .resident(let value) = record { return value }
                    return nil
                }
                written = { if case .resident = $0 { true } else { false } }
                message = V3PatientRegistry.queryResponse(residents, to: source, header: header)
            } else {
                header.interaction = interaction == .patientUpdate ? .patientUpdate : .patientRegistration
                message = V3PatientRegistry.registration(resident, header: header)
            }
        case .organization(let organization):
            message = V3ProviderRegistry.registration(organization, header: header)
        case .practitioner(let practitioner):
            message = V3ProviderRegistry.registration(practitioner, header: header)
        case .encounter(let encounter)
        where interaction == .patientRegistration || interaction == .patientUpdate:
            // A registration at the visit (ADT^A04 挂号): the visit's resident as 个人信息注册/更新; the visit
            // itself is reported as not written.
            guard let resident = encounter.resident else {
                throw ConversionError(.missingData, "the encounter names no resident to register")
            }
            header.interaction = interaction == .patientUpdate ? .patientUpdate : .patientRegistration
            written = { $0 == .resident(resident) }
            message = V3PatientRegistry.registration(resident, header: header)
        case .encounter(let encounter):
            header.interaction =
                interaction == .encounterUpdate || interaction == .encounterCancel
                ? interaction ?? .encounterNew
                : .encounterNew
            message = V3EncounterMessages.message(encounter, header: header)
        case .labReport(let lab) where interaction == .labStatus || (lab.results.isEmpty && lab.status != nil):
            message = V3OrderMessages.labStatusMessage(lab, header: header)
        case .labReport(let lab) where lab.results.isEmpty:
            message = orderMessage(records, header: header, interaction: interaction, written: &written)
        case .medicationOrder:
            message = orderMessage(records, header: header, interaction: interaction, written: &written)
        case .appointment:
            throw ConversionError(.unsupportedTarget, "no V3 interaction carries an appointment (SIU)")
        case .labReport, .examReport, .referral, .followUp:
            let document = try CDAModelWriter().document(records, options: options, report: &report)
            written = { record in
                switch record {
                case .medicationOrder, .organization, .practitioner: false
                default: true
                }
            }
            let id = "Document01"
            message = V3DocumentExchange.provideAndRegister([V3DocumentEntry(id: id, document: document)])
        }
        for (index, record) in records.enumerated() where !written(record) {
            report.unmapped.append(
                UnmappedItem(
                    path: "record[\(index + 1)](\(record.kindName))",
                    reason: "one V3 interaction message holds one kind of record; this one was not written"))
        }
        return message
    }

    /// The record that decides the interaction: orders and reports first, then an encounter, then a resident,
    /// then an organisation or practitioner (a FHIR Bundle lists the Patient and Encounter before the orders).
    static func primary(_ records: [ModelRecord]) -> ModelRecord? {
        func rank(_ record: ModelRecord) -> Int {
            switch record {
            case .labReport, .medicationOrder, .examReport, .referral, .followUp: 0
            case .encounter: 1
            case .resident: 2
            case .organization, .practitioner: 3
            case .appointment: 4
            }
        }
        return records.min { rank($0) < rank($1) }
    }

    /// `true` when `record` only restates what `primary` already carries (its resident, its visit).
    static func isContext(_ record: ModelRecord, of primary: ModelRecord) -> Bool {
        switch record {
        case .resident(let resident): primary.resident == resident
        case .encounter(let encounter):
            if case .labReport(let lab) = primary {
                lab.encounter == nil ? encounter.resident == lab.resident : lab.encounter == encounter
            } else {
                false
            }
        default: false
        }
    }

    /// A POOR_IN200901UV (or 200902UV) with the lab/exam requests and medication orders of `records`.
    static func orderMessage(
        _ records: [ModelRecord], header: V3Header, interaction: V3Interaction?,
        written: inout (ModelRecord) -> Bool
    ) -> V3Message {
        var header = header
        let labs = records.compactMap { record -> LabReport? in
            if case .labReport(let value) = record, value.results.isEmpty, value.status == nil { return value }
            return nil
        }
        let medications = records.compactMap { record -> MedicationOrder? in
            if case .medicationOrder(let value) = record { return value }
            return nil
        }
        var order = V3Order(labRequests: labs, medicationOrders: medications)
        order.resident = labs.first?.resident ?? medications.first?.resident
        order.orderedBy = labs.first?.orderedBy ?? medications.first?.prescriber
        order.orderedAt = labs.first?.orderedAt ?? medications.first?.orderedAt
        order.encounterIdentifiers = labs.first?.encounter?.identifiers ?? []
        header.interaction = interaction == .orderUpdate ? .orderUpdate : .orderNew
        let resident = order.resident
        let visit = labs.first?.encounter
        written = { record in
            switch record {
            case .labReport(let value): value.results.isEmpty && value.status == nil
            case .medicationOrder: true
            case .resident(let value): value == resident
            case .encounter(let value):
                value.resident == resident && (visit == nil || value.identifiers == visit?.identifiers)
            default: false
            }
        }
        return V3OrderMessages.message(order, header: header)
    }
}
