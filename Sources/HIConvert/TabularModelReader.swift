public import HICore
import HIModels
public import HITabular

/// One data row of a table read into models: its row number, the models (empty when the row is rejected)
/// and every issue that concerns it (the reader's, the mapping's and the model builder's), each located by
/// file, row, column name and byte offset.
///
/// ```swift
/// while let row = try stream.next() {
///     if row.isRejected { print("row", row.rowNumber, row.issues.first?.location ?? .unknown) }
/// }
/// ```
public struct TabularRow: Sendable {
    /// The row number (the header is row 1).
    public var rowNumber: Int
    /// Where the row starts: file, record = row number, byte offset, line.
    public var location: SourceLocation
    /// The models of the row; empty when it was rejected.
    public var records: [ModelRecord]
    /// What had no place in the models, and the issues of the row.
    public var report: ConversionReport
    /// The row as mapped (for an export or a reject file); `nil` when it could not be read.
    public var mapped: MappedRecord?

    /// `true` when an issue of the row is an error.
    public var isRejected: Bool { records.isEmpty || report.issues.containsErrors }
}

/// Reads a CSV/TSV table row by row into models through a ``HITabular/TableMapping``: the streaming form of
/// ``TabularModelReader``, for batch tools that write one output per row and reject bad rows alone.
///
/// Not `Sendable` (it owns the table reader); one stream per task.
///
/// ```swift
/// var options = ConversionOptions()
/// options.tableMapping = BuiltInMappings.contractList
/// var stream = try TabularModelStream(reader: TableReader(path: "签约.csv"), options: options)
/// while let row = try stream.next() where !row.isRejected {
///     let fhir = try FHIRModelWriter().write(row.records, options: options, report: &report)
/// }
/// print(stream.summary)   // rows 6, accepted 6, rejected 0, warnings 0
/// ```
public struct TabularModelStream {
    private var importer: TableImporter
    /// The mapper in use.
    public let mapper: TabularModelMapper
    /// Row counts so far (rejections by the model builder included).
    public private(set) var summary = ImportSummary()
    /// Issues about the whole file (header findings, optional columns missing).
    public var fileIssues: [Issue] { importer.fileIssues }
    /// The dialect the reader found.
    public var dialect: TableDialect { importer.dialect }

    /// Binds the mapping of `options` (``ConversionOptions/tableMapping``) to the table's header.
    ///
    /// - Throws: ``ConversionError`` `missingData` without a mapping; `unreadableInput` when the header lacks a
    ///   required column or the table cannot be read.
    public init(reader: TableReader, options: ConversionOptions) throws(ConversionError) {
        guard let mapping = options.tableMapping else {
            throw ConversionError(.missingData, "table input needs a column mapping (ConversionOptions.tableMapping)")
        }
        do {
            importer = try TableImporter(reader: reader, mapping: mapping)
        } catch {
            throw ConversionError(.unreadableInput, error.reason, at: error.location)
        }
        mapper = TabularModelMapper(options: options)
    }

    /// A stream over table bytes in memory, read with ``ConversionOptions/tableReading``.
    ///
    /// - Throws: ``ConversionError`` as ``init(reader:options:)``.
    public init(bytes: [UInt8], options: ConversionOptions) throws(ConversionError) {
        let reader: TableReader
        do {
            reader = try TableReader(bytes: bytes, options: options.tableReading)
        } catch {
            throw ConversionError(.unreadableInput, error.reason, at: error.location)
        }
        try self.init(reader: reader, options: options)
    }

    /// The next data row, or `nil` at the end.
    ///
    /// - Throws: ``ConversionError`` `unreadableInput` when the table cannot be read on (a broken limit, a
    ///   read failure); a bad row is not thrown but returned rejected.
    public mutating func next() throws(ConversionError) -> TabularRow? {
        let imported: ImportedRow?
        do {
            imported = try importer.next()
        } catch {
            throw ConversionError(.unreadableInput, error.reason, at: error.location)
        }
        guard let imported else { return nil }
        var report = ConversionReport()
        report.issues = imported.issues
        var location = imported.record?.location ?? SourceLocation(record: imported.rowNumber)
        if location.record == nil { location.record = imported.rowNumber }
        guard let mapped = imported.record, !imported.isRejected else {
            summary.count(report.issues, rejected: true)
            return TabularRow(
                rowNumber: imported.rowNumber, location: location, records: [], report: report, mapped: imported.record)
        }
        let (records, modelReport) = mapper.models(from: mapped)
        report.merge(modelReport)
        let row = TabularRow(
            rowNumber: imported.rowNumber, location: location, records: records, report: report, mapped: mapped)
        summary.count(report.issues, rejected: row.isRejected)
        return row
    }
}

extension ImportSummary {
    mutating func count(_ issues: [Issue], rejected isRejected: Bool) {
        rows += 1
        if isRejected { rejected += 1 } else { accepted += 1 }
        for issue in issues {
            if issue.severity == .warning { warnings += 1 }
            byCode[issue.code, default: 0] += 1
        }
    }
}

/// Reads a whole CSV/TSV table (the ``RecordFormat/table`` format) into models through
/// ``ConversionOptions/tableMapping``: the rows' records in row order. Rejected rows are left out; their
/// issues (errors, with row number, column name and byte offset) are in the report. For one output per row,
/// use ``TabularModelStream``.
///
/// ```swift
/// var options = ConversionOptions()
/// options.tableMapping = BuiltInMappings.followUpRegister
/// let (records, report) = try TabularModelReader().read(tsvBytes, options: options)
/// ```
public struct TabularModelReader: RecordReader {
    public var format: RecordFormat { .table }

    /// Creates the reader.
    public init() {}

    /// Reads every row.
    ///
    /// - Throws: ``ConversionError`` `missingData` without a mapping, `unreadableInput` when the table
    ///   cannot be read or every row was rejected.
    public func read(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        var stream = try TabularModelStream(bytes: bytes, options: options)
        var report = ConversionReport()
        report.issues = stream.fileIssues
        var records: [ModelRecord] = []
        var firstError: Issue?
        while let row = try stream.next() {
            report.merge(row.report)
            if row.isRejected {
                if firstError == nil {
                    firstError = row.report.issues.first { $0.severity == .error || $0.severity == .fatal }
                }
            } else {
                records += row.records
            }
        }
        if records.isEmpty {
            throw ConversionError(
                .unreadableInput,
                firstError.map { "no row was accepted: \($0.message)" } ?? "the table has no data rows",
                at: firstError?.location ?? .unknown)
        }
        return (records, report)
    }
}

/// Writes models as a CSV/TSV table (the ``RecordFormat/table`` format): a header with the columns of
/// ``ConversionOptions/tableMapping``, then one row per contract, follow-up, lab result and resident (see
/// ``TabularModelMapper/mappedRecords(from:)``), in ``ConversionOptions/tableDialect``.
///
/// ```swift
/// var options = ConversionOptions()
/// options.tableMapping = BuiltInMappings.contractList
/// var report = ConversionReport()
/// let csv = try TabularModelWriter().write(records, options: options, report: &report)
/// ```
public struct TabularModelWriter: RecordWriter {
    public var format: RecordFormat { .table }

    /// Creates the writer.
    public init() {}

    /// Writes the header and the rows.
    ///
    /// - Throws: ``ConversionError`` `missingData` without a mapping, `unsupportedTarget` when a value cannot
    ///   be encoded in the dialect's charset.
    public func write(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> [UInt8]
    {
        guard let mapping = options.tableMapping else {
            throw ConversionError(.missingData, "table output needs a column mapping (ConversionOptions.tableMapping)")
        }
        do {
            var writer = try MappedTableWriter(mapping: mapping, dialect: options.tableDialect)
            let mapper = TabularModelMapper(options: options)
            let used = Set(mapping.columns.map(\.target))
            for row in mapper.mappedRecords(from: records) {
                try writer.write(row)
                for entry in row.entries where !used.contains(entry.target) {
                    report.unmapped.append(
                        UnmappedItem(path: entry.target.rawValue, reason: "no column in the mapping"))
                }
            }
            return writer.takeBytes()
        } catch {
            throw ConversionError(.unsupportedTarget, error.reason, at: error.location)
        }
    }
}
