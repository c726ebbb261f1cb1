public import HICDA
import HICore
import HIModels
import HIXML

/// Writes models as one WS/T 500 / WS/T 483 CDA document: a lab report as 检验报告 (.27), an exam report as
/// 检查报告 (.26), a referral as 转诊（院）记录 (.20), a follow-up as 高血压/2型糖尿病患者随访 (.12/.13), an
/// encounter as 门(急)诊病历 (.22), a resident as 个人基本健康信息登记 (.1).
///
/// Codes are translated into the national value domains where a crosswalk knows them (HL7 v2 sex `F` →
/// GB/T 2261.1 `2`, abnormal flags → ObservationInterpretation). Output is deterministic: the document id comes
/// from the source document id, else from the first record identifier; times come from the models. With
/// ``ConversionOptions/carryUnmapped`` the records' unmapped source fragments are kept as observations in a
/// section titled 未映射的源数据 (code `nullFlavor="OTH"`, the source path as `originalText`, the text as `ST`).
///
/// ```swift
/// var report = ConversionReport()
/// let xml = try CDAModelWriter().write([.labReport(lab)], options: ConversionOptions(), report: &report)
/// ```
public struct CDAModelWriter: RecordWriter {
    /// Creates a writer.
    public init() {}

    /// Always `.cda`.
    public var format: RecordFormat { .cda }

    /// The title of the section that carries unmapped source content.
    public static let carriedSectionTitle = "未映射的源数据"

    /// Writes `records` as one document (UTF-8, with an XML declaration).
    /// - Throws: ``ConversionError`` `.unsupportedTarget` when no record has a document template.
    public func write(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> [UInt8]
    {
        let document = try document(records, options: options, report: &report)
        var writing = XMLWritingOptions()
        writing.alwaysWritesDeclaration = true
        writing.indentation = .pretty(spaces: 2)
        do {
            return try document.serialized(options: writing)
        } catch {
            throw ConversionError(.unsupportedTarget, "the document could not be serialized: \(error.reason)")
        }
    }

    /// The document for `records`, before serialization.
    public func document(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> ClinicalDocument
    {
        var writer = CDAFromModels(options: options)
        var document = try writer.write(records)
        report.merge(writer.report)
        report.issues += writer.codes.issues
        let fragments = records.flatMap(\.unmappedFragments)
        if options.carryUnmapped, !fragments.isEmpty {
            var section = CDASection(code: nil, title: Self.carriedSectionTitle)
            var narrative = CDA.element("text")
            narrative.text = "\(fragments.count) source element(s) without a place in the document template"
            section.narrative = narrative
            for fragment in fragments {
                var code = CD(code: nil)
                code.nullFlavor = "OTH"
                code.originalText = fragment.path
                section.append(CDAClinicalStatement.observation(code: code, value: .string(fragment.text)))
            }
            document.sections = document.sections + [section]
        }
        return document
    }
}
