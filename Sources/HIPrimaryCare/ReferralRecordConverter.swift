public import HIConvert
import HICore
import HIModels

/// A ``RecordReader`` that reads the primary-care documents in full (through ``PrimaryCareReader``) and
/// everything else as ``RecordConverter/allFormats`` does. Plug it into a converter, a validator or a batch.
///
/// ```swift
/// var converter = RecordConverter.allFormats
/// converter.readers[.fhir] = PrimaryCareRecordReader(format: .fhir)
/// ```
public struct PrimaryCareRecordReader: RecordReader {
    public let format: RecordFormat

    /// Creates a reader for `format`.
    public init(format: RecordFormat) { self.format = format }

    public func read(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        try PrimaryCareReader(options: options).read(bytes, format: format)
    }
}

/// A ``RecordWriter`` that writes referrals, follow-ups and prescriptions with the primary-care codecs (a
/// referral first, else a follow-up, else medication orders) and everything else as ``RecordConverter/allFormats``
/// does.
///
/// ```swift
/// var report = ConversionReport()
/// let xml = try PrimaryCareRecordWriter(format: .cda).write([.followUp(visit)], options: ConversionOptions(), report: &report)
/// ```
public struct PrimaryCareRecordWriter: RecordWriter {
    public let format: RecordFormat

    /// Creates a writer for `format`.
    public init(format: RecordFormat) { self.format = format }

    public func write(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> [UInt8]
    {
        for record in records {
            if case .referral(let referral) = record {
                note(records, written: record, report: &report)
                return try PrimaryCareReader(options: options).write(referral, to: format)
            }
        }
        for record in records where format == .fhir {
            guard case .contract(let contract) = record else { continue }
            // A family-doctor contract: CarePlan + CareTeam + Consent (docs/contracts.md); its resident is the
            // bundle's Patient.
            let others = records.filter { $0 != .resident(contract.resident ?? Resident()) }
            note(others, written: record, report: &report)
            do throws(ContractError) {
                return try ContractFHIR.write(contract)
            } catch {
                throw ConversionError(.missingData, error.reason, at: error.location)
            }
        }
        for record in records {
            guard case .followUp(let visit) = record else { continue }
            if format == .cda {
                note(records, written: record, report: &report)
                return try FollowUpCDACodec(options: options).write(visit)
            }
            if format == .fhir {
                note(records, written: record, report: &report)
                return try FollowUpFHIRCodec(options: options).write(visit)
            }
        }
        let orders = records.compactMap { record -> MedicationOrder? in
            if case .medicationOrder(let order) = record { return order }
            return nil
        }
        if !orders.isEmpty, orders.count == records.count {
            if format == .hl7v2 { return try PrescriptionV2Codec(options: options).write(orders) }
            if format == .fhir { return try PrescriptionFHIRCodec(options: options).write(orders) }
        }
        guard let writer = RecordConverter.allFormats.writers[format] else {
            throw ConversionError(.unsupportedTarget, "no writer for \(format) output is available")
        }
        return try writer.write(records, options: options, report: &report)
    }

    func note(_ records: [ModelRecord], written: ModelRecord, report: inout ConversionReport) {
        for (index, record) in records.enumerated() where record != written {
            report.unmapped.append(
                UnmappedItem(
                    path: "records[\(index)]",
                    reason: "a \(record.kindName) has no place beside the \(written.kindName)"))
        }
    }
}

extension RecordConverter {
    /// ``allFormats`` with the primary-care readers and writers: referrals, follow-ups and long prescriptions
    /// keep every modelled value in HL7 v2, CDA and FHIR.
    ///
    /// ```swift
    /// let result = try RecordConverter.withPrimaryCare.convert(er7, from: .hl7v2, to: .fhir)
    /// ```
    public static var withPrimaryCare: RecordConverter {
        var converter = RecordConverter.allFormats
        for format in [RecordFormat.hl7v2, .cda, .fhir] {
            converter.readers[format] = PrimaryCareRecordReader(format: format)
            converter.writers[format] = PrimaryCareRecordWriter(format: format)
        }
        return converter
    }
}
