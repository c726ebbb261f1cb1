public import HICore

/// Reads a table and maps each row in one pass: the batch façade a converter or `hix` drives.
///
/// Every data row comes out as an ``ImportedRow``: its ``MappedRecord`` and all issues that concern it,
/// the reader's (ragged row, quoting) and the mapper's (unknown codes, bad dates). A row whose issues
/// include an error is ``ImportedRow/isRejected``; a row the reader could not split at all (strict mode)
/// has no record. Only problems that stop the whole file are thrown: a required column missing from the
/// header, a broken limit, a read failure. Like ``TableReader`` it is not `Sendable` (it owns the reader's
/// byte source); run one importer per task.
///
/// ```swift
/// var importer = try TableImporter(
///     reader: TableReader(path: "签约居民名单.csv"), mapping: BuiltInMappings.contractList)
/// while let row = try importer.next() {
///     if row.isRejected { print("row \(row.rowNumber) rejected:", row.issues) } else { use(row.record!) }
/// }
/// print(importer.summary)   // rows 120, accepted 118, rejected 2, warnings 5
/// ```
public struct TableImporter {
    private var reader: TableReader
    /// The mapper bound to the table's header.
    public let mapper: TableMapper
    /// Counts so far.
    public private(set) var summary = ImportSummary()
    private var readerIssuesSeen = 0

    /// Binds `mapping` to the reader's header.
    ///
    /// - Throws: ``TabularError`` `missingColumn` for the first required column the header lacks, or
    ///   `emptyInput` when the table has no header row.
    public init(reader: TableReader, mapping: TableMapping) throws(TabularError) {
        guard let header = reader.header else {
            throw TabularError(.emptyInput, "a mapping needs a header row", file: reader.options.fileName)
        }
        let mapper = TableMapper(mapping: mapping, header: header, fileName: reader.options.fileName)
        if let missing = mapping.columns.first(where: { column in
            column.required && ([column.column] + column.aliases).allSatisfy { header.index(of: $0) == nil }
        }) {
            throw TabularError(
                .missingColumn, "the required column \(missing.column) is not in the header", row: 1,
                columnName: missing.column, file: reader.options.fileName)
        }
        self.reader = reader
        self.mapper = mapper
        self.readerIssuesSeen = reader.issues.count
        self.headerIssues = reader.issues
    }

    /// Issues about the whole file: header findings and optional columns that are missing.
    public var fileIssues: [Issue] { headerIssues + mapper.bindingIssues }
    private let headerIssues: [Issue]

    /// The dialect the reader found.
    public var dialect: TableDialect { reader.dialect }

    /// The next row, or `nil` at the end.
    ///
    /// - Throws: ``TabularError`` for a broken limit or a read failure (the file cannot be read on).
    public mutating func next() throws(TabularError) -> ImportedRow? {
        let row: TableRow?
        var issues: [Issue] = []
        do {
            row = try reader.next()
        } catch {
            switch error.code {
            case .fieldTooLarge, .tooManyColumns, .rowTooLarge, .readFailed:
                throw error
            default:
                // Strict mode: the row was consumed but not accepted.
                issues = newReaderIssues() + [error.issue(.error)]
                summary.count(issues, rejected: true)
                return ImportedRow(rowNumber: error.row ?? 0, record: nil, issues: issues)
            }
        }
        guard let row else { return nil }
        issues = newReaderIssues()
        let result = mapper.map(row)
        issues += result.issues
        let imported = ImportedRow(rowNumber: row.rowNumber, record: result.record, issues: issues)
        summary.count(issues, rejected: imported.isRejected)
        return imported
    }

    private mutating func newReaderIssues() -> [Issue] {
        let all = reader.issues
        guard all.count > readerIssuesSeen else { return [] }
        let new = Array(all[readerIssuesSeen...])
        readerIssuesSeen = all.count
        return new
    }
}

/// One imported row: the mapped record (when the row could be read) and every issue that concerns it.
///
/// ```swift
/// if let record = row.record, !row.isRejected { print(record[.residentName] ?? .text("")) }
/// ```
public struct ImportedRow: Hashable, Sendable {
    /// The row number (the header being row 1).
    public var rowNumber: Int
    /// The mapped values; `nil` when the reader rejected the row (strict mode).
    public var record: MappedRecord?
    /// Reader and mapper issues for this row.
    public var issues: [Issue]

    /// `true` when an issue is an error (or the row could not be read).
    public var isRejected: Bool { record == nil || issues.containsErrors }
}

/// Row and issue counts of an import.
///
/// ```swift
/// print(importer.summary.rejected, importer.summary.description)
/// ```
public struct ImportSummary: Hashable, Sendable, CustomStringConvertible {
    /// Data rows seen.
    public var rows = 0
    /// Rows without errors.
    public var accepted = 0
    /// Rows with errors.
    public var rejected = 0
    /// Warnings over all rows.
    public var warnings = 0
    /// Issues by code, for a batch report.
    public var byCode: [IssueCode: Int] = [:]

    /// An empty summary.
    public init() {}

    mutating func count(_ issues: [Issue], rejected isRejected: Bool) {
        rows += 1
        if isRejected { rejected += 1 } else { accepted += 1 }
        for issue in issues {
            if issue.severity == .warning { warnings += 1 }
            byCode[issue.code, default: 0] += 1
        }
    }

    public var description: String {
        "rows \(rows), accepted \(accepted), rejected \(rejected), warnings \(warnings)"
    }
}
