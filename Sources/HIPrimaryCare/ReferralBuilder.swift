public import HIConvert
import HICore
import HIHL7v2
public import HIModels

/// Builds a ``Referral`` from the records a source holds (a follow-up, a lab or exam report, an encounter, a
/// resident): the resident, the diagnoses, the results to recognise, the sending doctor and organisation, and a
/// reason taken from the follow-up's referral advice unless one is given.
///
/// ```swift
/// var builder = ReferralBuilder(direction: .upward)
/// builder.toOrganization = Organization(name: "县人民医院")
/// let referral = builder.referral(from: records)
/// print(referral.results.count)
/// ```
public struct ReferralBuilder: Sendable {
    /// The direction.
    public var direction: Referral.Direction
    /// The receiving organisation (else the follow-up's referral advice names it).
    public var toOrganization: Organization?
    /// The sending organisation (else the one the records name).
    public var fromOrganization: Organization?
    /// The reason (else the follow-up's referral advice, else the first diagnosis).
    public var reason: String?
    /// The urgency.
    public var urgency: Referral.Urgency?
    /// Green channel.
    public var isGreenChannel = false
    /// The status written (requested by default).
    public var status: Referral.Status = .requested
    /// The referral date (else the latest date the records carry).
    public var date: Timestamp?
    /// The referral number.
    public var identifier: Identifier?

    /// Creates a builder.
    public init(direction: Referral.Direction = .upward) { self.direction = direction }

    /// The referral the records support.
    public func referral(from records: [ModelRecord]) -> Referral {
        var referral = Referral(direction: direction, reason: reason)
        referral.status = status
        referral.urgency = urgency
        referral.isGreenChannel = isGreenChannel
        referral.identifiers = identifier.map { [$0] } ?? []
        referral.toOrganization = toOrganization
        referral.fromOrganization = fromOrganization
        var dates: [String] = []
        func addDiagnosis(_ diagnosis: Diagnosis) {
            if !referral.diagnoses.contains(where: { $0.code.code == diagnosis.code.code }) {
                referral.diagnoses.append(diagnosis)
            }
        }
        for record in records {
            if referral.resident == nil, let resident = record.resident { referral.resident = resident }
            switch record {
            case .followUp(let visit):
                let code =
                    visit.disease == .diabetes
                    ? CodedValue(system: "ICD10", code: "E11", display: "2型糖尿病")
                    : CodedValue(system: "ICD10", code: "I10", display: "高血压")
                addDiagnosis(Diagnosis(code: code, isPrimary: referral.diagnoses.isEmpty))
                if referral.reason == nil { referral.reason = visit.referralReason }
                if referral.toOrganization == nil, let name = visit.referralOrganization {
                    referral.toOrganization = Organization(name: name)
                }
                if referral.fromPractitioner == nil { referral.fromPractitioner = visit.doctor }
                if referral.fromOrganization == nil { referral.fromOrganization = visit.doctor?.organization }
                if let date = visit.date { dates.append(date.compact) }
            case .labReport(let lab):
                var result = Referral.ResultReference(kind: .lab)
                result.identifier = lab.identifiers.first
                result.title = lab.order?.display ?? lab.order?.originalText
                result.date = lab.reportedAt ?? lab.orderedAt
                referral.results.append(result)
                if let encounter = lab.encounter { encounter.diagnoses.forEach(addDiagnosis) }
                if let date = result.date { dates.append(date.text) }
            case .examReport(let exam):
                var result = Referral.ResultReference(kind: .exam)
                result.identifier = exam.identifiers.first
                result.title = exam.kind?.display
                result.date = exam.reportedAt ?? exam.performedAt
                result.link = exam.imageReferences.first
                referral.results.append(result)
                if let date = result.date { dates.append(date.text) }
            case .encounter(let encounter):
                encounter.diagnoses.forEach(addDiagnosis)
                if referral.fromOrganization == nil { referral.fromOrganization = encounter.organization }
                if referral.fromPractitioner == nil { referral.fromPractitioner = encounter.practitioners.first }
                if let start = encounter.start { dates.append(start.text) }
            case .referral(let earlier):
                // Answering a referral: send back what it was about, the other way.
                earlier.diagnoses.forEach(addDiagnosis)
                if referral.toOrganization == nil { referral.toOrganization = earlier.fromOrganization }
                if referral.fromOrganization == nil { referral.fromOrganization = earlier.toOrganization }
                if referral.fromPractitioner == nil { referral.fromPractitioner = earlier.toPractitioner }
                if referral.toPractitioner == nil { referral.toPractitioner = earlier.fromPractitioner }
                if referral.identifiers.isEmpty { referral.identifiers = earlier.identifiers }
            case .resident, .medicationOrder, .practitioner, .organization, .contract, .appointment:
                break
            }
        }
        if referral.reason == nil, let first = referral.diagnoses.first {
            referral.reason = (direction == .upward ? "上转：" : "下转：") + (first.code.display ?? first.code.code)
        }
        referral.date = date ?? dates.max().map { Timestamp(String($0.prefix(8))) }
        return referral
    }
}

/// Reads any source record into models, understanding the primary-care documents (REF/RRI referrals, WS/T
/// 483.12/.13/.20 CDA, referral and follow-up Bundles, MedicationRequests) in full and everything else through
/// ``RecordConverter/allFormats``.
///
/// ```swift
/// let records = try PrimaryCareReader().read(bytes, format: .cda).records
/// ```
public struct PrimaryCareReader: Sendable {
    /// Conversion options.
    public var options: ConversionOptions

    /// Creates a reader.
    public init(options: ConversionOptions = ConversionOptions()) { self.options = options }

    /// Reads one record.
    /// - Throws: ``ConversionError`` from the reader that applies.
    public func read(_ bytes: [UInt8], format: RecordFormat) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        if format == .hl7v2 {
            // MSH-9.1 through the shared header reader (BOM, blank lines, any delimiters, GB18030 headers).
            let messageCode = HL7v2MessageHeader(bytes: bytes)?.messageCode ?? ""
            if messageCode.hasPrefix("RDE") {
                let (orders, report) = try PrescriptionV2Codec(options: options).read(bytes)
                return (orders.map { .medicationOrder($0) }, report)
            }
            if messageCode.hasPrefix("REF") || messageCode.hasPrefix("RRI") {
                let (referral, report) = try ReferralV2Codec(options: options).read(bytes)
                return ([.referral(referral)], report)
            }
        } else if format == .cda {
            let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
            if text.contains("2.16.156.10011.2.1.1.20\"") {
                let (referral, report) = try ReferralCDACodec(options: options).read(bytes)
                return ([.referral(referral)], report)
            }
            if text.contains("2.16.156.10011.2.1.1.12\"") || text.contains("2.16.156.10011.2.1.1.13\"") {
                let (visit, report) = try FollowUpCDACodec(options: options).read(bytes)
                return ([.followUp(visit)], report)
            }
        } else if format == .fhir {
            let text = String(decoding: bytes, as: UTF8.self)
            if text.contains("family-doctor-contract") && text.contains("\"CarePlan\"") {
                do throws(ContractError) {
                    let contracts = try ContractFHIR.read(bytes)
                    if !contracts.isEmpty { return (contracts.map { .contract($0) }, ConversionReport()) }
                } catch {
                    throw ConversionError(.unreadableInput, error.reason, at: error.location)
                }
            }
            if text.contains("\"Task\"") && text.contains("\"ServiceRequest\"") {
                let (referral, report) = try ReferralFHIRCodec(options: options).read(bytes)
                return ([.referral(referral)], report)
            }
            if text.contains(FollowUpFHIRCodec.observationSystem) || text.contains(FollowUpFHIRCodec.nextVisitURL) {
                let (visit, report) = try FollowUpFHIRCodec(options: options).read(bytes)
                return ([.followUp(visit)], report)
            }
            if text.contains("\"MedicationRequest\"") && !text.contains("\"DiagnosticReport\"") {
                let (orders, report) = try PrescriptionFHIRCodec(options: options).read(bytes)
                return (orders.map { .medicationOrder($0) }, report)
            }
        }
        let converter = RecordConverter.allFormats
        guard let reader = converter.readers[format] else {
            throw ConversionError(.unsupportedTarget, "no reader for \(format) input is available")
        }
        return try reader.read(bytes, options: options)
    }

    /// Writes a referral in `format` (HL7 v2 `REF^I12`, WS/T 483.20 CDA, FHIR ServiceRequest + Task).
    /// - Throws: ``ConversionError`` from the codec.
    public func write(_ referral: Referral, to format: RecordFormat) throws(ConversionError) -> [UInt8] {
        if format == .hl7v2 { return try ReferralV2Codec(options: options).write(referral) }
        if format == .cda { return try ReferralCDACodec(options: options).write(referral) }
        if format == .fhir { return try ReferralFHIRCodec(options: options).write(referral) }
        throw ConversionError(.unsupportedTarget, "a referral is written as HL7 v2, CDA or FHIR, not \(format)")
    }
}
