import HICore
public import HIHL7v2
import HIModels

/// The outcome of converting one record: the target bytes, the models in between and the report.
///
/// ```swift
/// let result = try RecordConverter().convert(bytes, from: .hl7v2, to: .fhir)
/// print(result.report.unmapped.count)
/// ```
public struct ConversionResult: Sendable {
    /// The target record's bytes.
    public var output: [UInt8]
    /// The models the source read into.
    public var records: [ModelRecord]
    /// What had no place, and issues met on the way (reader and writer).
    public var report: ConversionReport
}

/// Any-to-any conversion through the models, with the readers and writers it knows. CDA slots in by adding
/// its reader and writer to ``readers`` / ``writers``.
///
/// ```swift
/// var options = ConversionOptions()
/// options.carryUnmapped = true
/// let fhir = try RecordConverter().convert(er7Bytes, from: .hl7v2, to: .fhir, options: options)
/// ```
public struct RecordConverter: Sendable {
    /// Readers by source format.
    public var readers: [RecordFormat: any RecordReader]
    /// Writers by target format.
    public var writers: [RecordFormat: any RecordWriter]

    /// A converter with the HL7 v2 and FHIR readers and writers.
    public init() {
        readers = [.hl7v2: HL7v2ModelReader(), .fhir: FHIRModelReader()]
        writers = [.hl7v2: HL7v2ModelWriter(), .fhir: FHIRModelWriter()]
    }

    /// Reads `bytes` as `source` and writes the models as `target`.
    /// - Throws: ``ConversionError``: `.unsupportedTarget` when no reader/writer is registered, and whatever
    ///   the reader or writer throws; in strict mode `.unmappedContent` when anything had no place.
    public func convert(
        _ bytes: [UInt8], from source: RecordFormat, to target: RecordFormat,
        options: ConversionOptions = ConversionOptions()
    ) throws(ConversionError) -> ConversionResult {
        guard let reader = readers[source] else {
            throw ConversionError(.unsupportedTarget, "no reader for \(source) input is available")
        }
        guard let writer = writers[target] else {
            throw ConversionError(.unsupportedTarget, "no writer for \(target) output is available")
        }
        let (records, readReport) = try reader.read(bytes, options: options)
        return try finish(records, readReport, writer: writer, options: options)
    }

    /// Converts an already parsed HL7 v2 message (for example one a streaming ``HL7v2MessageReader`` yielded)
    /// without tokenising it again. The registered `.hl7v2` reader is used when it is an
    /// ``HL7v2ModelReader``; another reader gets the message's bytes.
    ///
    /// ```swift
    /// let message = try HL7v2Message(parsing: er7Bytes)
    /// let result = try RecordConverter.allFormats.convert(message, to: .cda)
    /// ```
    /// - Throws: ``ConversionError``, as the byte-based `convert` does.
    public func convert(
        _ message: HL7v2Message, to target: RecordFormat, options: ConversionOptions = ConversionOptions()
    ) throws(ConversionError) -> ConversionResult {
        guard let reader = readers[.hl7v2] else {
            throw ConversionError(.unsupportedTarget, "no reader for hl7v2 input is available")
        }
        guard let writer = writers[target] else {
            throw ConversionError(.unsupportedTarget, "no writer for \(target) output is available")
        }
        let (records, readReport) =
            if let v2 = reader as? HL7v2ModelReader {
                try v2.read(message, options: options)
            } else {
                try reader.read(message.serializedBytes(), options: options)
            }
        return try finish(records, readReport, writer: writer, options: options)
    }

    private func finish(
        _ records: [ModelRecord], _ readReport: ConversionReport, writer: any RecordWriter, options: ConversionOptions
    ) throws(ConversionError) -> ConversionResult {
        var report = readReport
        let output = try writer.write(records, options: options, report: &report)
        if options.strict, let first = report.unmapped.first {
            throw ConversionError(
                .unmappedContent, "\(report.unmapped.count) element(s) have no place in the target",
                at: SourceLocation(path: first.path))
        }
        return ConversionResult(output: output, records: records, report: report)
    }
}
