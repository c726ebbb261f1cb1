public import HICDA
import HICore
import HIModels
import HIXML

/// Reads a WS/T 500 / WS/T 483 CDA document (检验报告 .27, 检查报告 .26, 门(急)诊病历 .22, 个人基本健康信息
/// 登记 .1, 高血压/2型糖尿病患者随访 .12/.13, 成人健康体检 .16, 转诊（院）记录 .20) into the models.
///
/// Codes keep their CDA code system (known OIDs become the terminology tables' system names, e.g.
/// `2.16.156.10011.2.3.3.4` → `gb-t-2261.1`); identifier roots become identifier kinds, the root kept as
/// the authority. Every source attribute or text the models cannot hold is reported as an ``UnmappedItem`` with
/// its XPath, and kept in the record's `unmappedFragments`.
///
/// ```swift
/// let (records, report) = try CDAModelReader().read(bytes, options: ConversionOptions())
/// if case .labReport(let lab) = records.first { print(lab.results.count, report.unmapped.count) }
/// ```
public struct CDAModelReader: RecordReader {
    /// Creates a reader.
    public init() {}

    /// Always `.cda`.
    public var format: RecordFormat { .cda }

    /// Reads one CDA document.
    /// - Throws: ``ConversionError`` `.unreadableInput` when the bytes are not a CDA document,
    ///   `.unsupportedRecord` for templates without a model mapping.
    public func read(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        let document: ClinicalDocument
        do {
            document = try ClinicalDocument(parsing: bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not a CDA document: \(error.reason)", at: error.location)
        }
        return try read(document, options: options)
    }

    /// Reads a parsed CDA document.
    public func read(_ document: ClinicalDocument, options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        var mapper = CDAToModels(options: options)
        var record = try mapper.read(document)
        var report = ConversionReport()
        report.issues = mapper.codes.issues
        // What the models did not hold: the source compared with the document the models write back.
        var writer = CDAFromModels(options: options)
        do {
            let regenerated = try writer.write([record])
            let found = CDAUnmappedScan.scan(source: document.element, regenerated: regenerated.element)
            report.unmapped = found.items
            record.appendUnmappedFragments(found.fragments)
        } catch {
            // Never silent: without the comparison, say so.
            report.unmapped.append(
                UnmappedItem(
                    path: "/ClinicalDocument",
                    reason: "what the models hold could not be checked (the models do not write back: \(error.reason))")
            )
        }
        return ([record], report)
    }
}

extension ModelRecord {
    /// Adds source fragments to the payload's `unmappedFragments`.
    mutating func appendUnmappedFragments(_ fragments: [UnmappedFragment]) {
        guard !fragments.isEmpty else { return }
        switch self {
        case .resident(var value):
            value.unmappedFragments += fragments
            self = .resident(value)
        case .encounter(var value):
            value.unmappedFragments += fragments
            self = .encounter(value)
        case .labReport(var value):
            value.unmappedFragments += fragments
            self = .labReport(value)
        case .examReport(var value):
            value.unmappedFragments += fragments
            self = .examReport(value)
        case .referral(var value):
            value.unmappedFragments += fragments
            self = .referral(value)
        case .medicationOrder(var value):
            value.unmappedFragments += fragments
            self = .medicationOrder(value)
        case .followUp(var value):
            value.unmappedFragments += fragments
            self = .followUp(value)
        case .organization(var value):
            value.unmappedFragments += fragments
            self = .organization(value)
        case .appointment(var value):
            value.unmappedFragments += fragments
            self = .appointment(value)
        case .practitioner:
            break  // Practitioner keeps no fragments; the report still lists them.
        }
    }
}
