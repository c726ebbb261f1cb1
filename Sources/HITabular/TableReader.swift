public import HICore

/// A streaming CSV/TSV reader over bytes: RFC 4180 quoting, CR/LF/CRLF row ends, UTF-8 or GB18030/GBK
/// with BOM handling and detection, delimiter detection, located errors and lenient warnings.
///
/// The reader detects the dialect and reads the header when it is created, then hands out one
/// ``TableRow`` per ``next()`` call. Memory is bounded by the largest row plus one chunk, whatever the
/// input size. In lenient mode (the default) ragged rows and quoting slips become warnings in ``issues``;
/// in strict mode ``next()`` throws them, after consuming the bad row, so a batch can reject one row and go
/// on by calling ``next()`` again. Broken limits end the reading.
///
/// Not `Sendable` when it reads from a `ByteSource`: one reader belongs to one task.
///
/// ```swift
/// var reader = try TableReader(source: ByteSource(path: "签约居民名单.csv"))
/// print(reader.header?.names ?? [])                   // ["姓名", "性别", "身份证号", …]
/// while let row = try reader.next() {
///     let name = try row.string(at: 0)
/// }
/// for issue in reader.issues { print(issue) }        // warnings, with row, column and byte offset
/// ```
public struct TableReader {
    private enum Input {
        case memory([UInt8], Int)
        case source(ByteSource)
    }

    /// The options in force.
    public let options: TableReadingOptions
    /// The delimiter, charset, BOM and line ending in use (detected or given).
    public private(set) var dialect: TableDialect
    /// The column names, or `nil` when ``TableReadingOptions/hasHeader`` is off.
    public private(set) var header: TableHeader?
    /// Warnings collected so far (lenient mode) and informational findings.
    public private(set) var issues: [Issue] = []

    private var input: Input
    private var scanner: RowScanner
    private var isEOF = false
    private var failed = false
    private var lineEndingKnown = false

    /// A reader over bytes in memory (fed to the scanner in ``TableReadingOptions/chunkSize`` pieces).
    ///
    /// - Throws: ``TabularError`` when there is no header row or it cannot be read.
    public init(bytes: [UInt8], options: TableReadingOptions = TableReadingOptions()) throws(TabularError) {
        try self.init(input: .memory(bytes, 0), options: options)
    }

    /// A reader over a file or standard input, read in ``TableReadingOptions/chunkSize`` chunks.
    ///
    /// - Throws: ``TabularError`` when reading fails or there is no header row.
    public init(source: ByteSource, options: TableReadingOptions = TableReadingOptions()) throws(TabularError) {
        var options = options
        if options.fileName == nil { options.fileName = source.name }
        try self.init(input: .source(source), options: options)
    }

    /// A reader over a file.
    ///
    /// ```swift
    /// var reader = try TableReader(path: "Samples/tables/followup-register.tsv")
    /// ```
    /// - Throws: ``TabularError`` (`readFailed` when the file cannot be opened, with the path as the file).
    public init(path: String, options: TableReadingOptions = TableReadingOptions()) throws(TabularError) {
        let source: ByteSource
        do {
            source = try ByteSource(path: path)
        } catch {
            throw TabularError(.readFailed, error.reason, file: path)
        }
        try self.init(source: source, options: options)
    }

    private init(input: Input, options: TableReadingOptions) throws(TabularError) {
        self.input = input
        self.options = options
        self.scanner = RowScanner(options: options)
        self.dialect = TableDialect()
        // Fill the detection sample.
        let sampleSize = max(1, options.detectionSampleBytes)
        while !isEOF, scanner.pendingBytes.count < sampleSize { try readChunk() }
        // Make sure the sample holds the whole first line (for the delimiter and the line ending).
        // (Only the bytes added by each chunk are searched, so a long first line costs linear time.)
        var searched = 0
        while !isEOF, scanner.pendingBytes.count <= options.maximumRowBytes {
            // (No slice of the buffer may outlive this check: appending to a shared buffer would copy it.)
            let count = scanner.pendingBytes.count
            if scanner.pendingBytes.dropFirst(searched).contains(where: { $0 == 0x0A || $0 == 0x0D }) { break }
            searched = count
            try readChunk()
        }
        dialect = Self.detect(scanner: &scanner, options: options, isEOF: isEOF)
        let resolved = dialect.charset
        let delimiter = dialect.delimiter
        scanner.charset = resolved
        scanner.delimiter = delimiter.byte
        if options.hasHeader {
            guard let first = try nextRecord() else {
                throw TabularError(.emptyInput, "the input has no header row", file: options.fileName)
            }
            var names: [String] = []
            for index in 0..<first.row.count {
                do {
                    names.append(try first.row.string(at: index) ?? "")
                } catch {
                    if !options.lenient { throw error.with(file: options.fileName) }
                    issues.append(error.with(file: options.fileName).issue(.warning))
                    names.append(first.row[index] ?? "")
                }
            }
            let header = TableHeader(names: names)
            self.header = header
            var seen = Set<String>()
            for (index, name) in names.enumerated() where !seen.insert(name).inserted {
                issues.append(
                    TabularError(
                        .duplicateColumn, "the header names this column twice; lookups use the first",
                        row: first.row.rowNumber, columnIndex: index, columnName: name,
                        byteOffset: first.row.byteOffset(ofField: index), line: first.row.line, file: options.fileName
                    ).issue(.warning))
            }
            try report(first.problems, in: first.row)
        }
    }

    /// Detects BOM, charset and delimiter from the pending sample (and skips the BOM). A function of its own
    /// so that no slice of the scanner's buffer outlives it (a live slice would make every append copy).
    private static func detect(scanner: inout RowScanner, options: TableReadingOptions, isEOF: Bool) -> TableDialect {
        var charset = options.charset
        var bom = false
        if let (bomCharset, length) = TableDetection.byteOrderMark(of: scanner.pendingBytes) {
            let matches =
                charset == nil || charset == bomCharset
                || (bomCharset == .gb18030 && charset == .gbk)
            if matches {
                bom = true
                charset = charset ?? bomCharset
                scanner.skip(length)
            }
        }
        let body = scanner.pendingBytes
        let resolved = charset ?? TableDetection.charset(of: body, complete: isEOF)
        let delimiter = options.delimiter ?? TableDetection.delimiter(of: body, charset: resolved, complete: isEOF)
        return TableDialect(
            delimiter: delimiter, charset: resolved, byteOrderMark: bom,
            lineEnding: TableDetection.lineEnding(of: body) ?? .crlf)
    }

    private mutating func readChunk() throws(TabularError) {
        let size = max(1, options.chunkSize)
        switch input {
        case .memory(let bytes, let offset):
            if offset >= bytes.count {
                isEOF = true
                return
            }
            let end = min(bytes.count, offset + size)
            scanner.append(Array(bytes[offset..<end]))
            input = .memory(bytes, end)
        case .source(let source):
            do {
                if let chunk = try source.read(maximumCount: size) {
                    scanner.append(chunk)
                } else {
                    isEOF = true
                }
            } catch {
                failed = true
                throw TabularError(.readFailed, error.reason, file: options.fileName)
            }
        }
    }

    private mutating func nextRecord() throws(TabularError) -> (row: TableRow, problems: [RowScanner.Problem])? {
        while true {
            let step: RowScanner.Step
            do {
                step = try scanner.next(isEOF: isEOF)
            } catch {
                failed = true
                throw error.with(file: options.fileName)
            }
            switch step {
            case .needMore:
                try readChunk()
            case .end:
                return nil
            case .row(let row, let problems, let terminator):
                if !lineEndingKnown, let terminator {
                    dialect.lineEnding = terminator
                    lineEndingKnown = true
                }
                if row.bytes.isEmpty { continue }  // blank line
                return (row, problems)
            }
        }
    }

    /// The next data row, or `nil` at the end of the input. Blank lines are skipped (but counted in row
    /// numbers, as a spreadsheet counts them).
    ///
    /// - Throws: ``TabularError``: in strict mode for a ragged row or a quoting error (the row is consumed,
    ///   so calling again goes on with the next row); in both modes for a broken limit or a read failure
    ///   (after which the reader returns `nil`).
    public mutating func next() throws(TabularError) -> TableRow? {
        if failed { return nil }
        guard let (row, problems) = try nextRecord() else { return nil }
        var all = problems
        if let header, row.count != header.count {
            let fewer = row.count < header.count
            all.append(
                RowScanner.Problem(
                    code: .raggedRow,
                    reason: fewer
                        ? "the row has \(row.count) fields, the header \(header.count)"
                        : "the row has \(row.count) fields, more than the header's \(header.count)",
                    columnIndex: fewer ? row.count : header.count,
                    offset: row.fields.count > header.count ? row.fields[header.count].start : row.bytes.count))
        }
        try report(all, in: row)
        return row
    }

    private mutating func report(_ problems: [RowScanner.Problem], in row: TableRow) throws(TabularError) {
        guard !problems.isEmpty else { return }
        var errors: [TabularError] = []
        for problem in problems {
            let (lineInRow, _) = LineIndex.lineAndColumn(of: problem.offset, in: row.bytes)
            errors.append(
                TabularError(
                    problem.code, problem.reason, row: row.rowNumber, columnIndex: problem.columnIndex,
                    columnName: header?.name(at: problem.columnIndex), byteOffset: row.byteOffset + problem.offset,
                    line: row.line + lineInRow - 1, file: options.fileName))
        }
        if !options.lenient, let first = errors.first {
            for other in errors.dropFirst() { issues.append(other.issue(.error)) }
            throw first
        }
        for error in errors { issues.append(error.issue(.warning)) }
    }

    /// Reads every row of `bytes` into memory: for small tables and tests.
    ///
    /// ```swift
    /// let table = try TableReader.readAll(bytes: Array("a,b\n1,2\n".utf8))
    /// print(table.rows.count, table.header?.names ?? [])  // 1 ["a", "b"]
    /// ```
    /// - Throws: ``TabularError`` as ``next()`` does (strict mode stops at the first bad row here).
    public static func readAll(
        bytes: [UInt8], options: TableReadingOptions = TableReadingOptions()
    ) throws(TabularError) -> Table {
        var reader = try TableReader(bytes: bytes, options: options)
        var rows: [TableRow] = []
        while let row = try reader.next() { rows.append(row) }
        return Table(dialect: reader.dialect, header: reader.header, rows: rows, issues: reader.issues)
    }
}

/// A whole table in memory: the dialect, header, rows and the reader's issues.
///
/// ```swift
/// let table = try TableReader.readAll(bytes: Array("姓名\n张三\n".utf8))
/// print(table.rows[0][0] ?? "")   // 张三
/// ```
public struct Table: Sendable, Hashable {
    /// The dialect detected or given.
    public var dialect: TableDialect
    /// The column names, when the table has a header row.
    public var header: TableHeader?
    /// The data rows.
    public var rows: [TableRow]
    /// Warnings collected while reading.
    public var issues: [Issue]
}

extension TabularError {
    func with(file: String?) -> TabularError {
        guard let file, location.file == nil else { return self }
        return TabularError(
            code, reason, row: row, columnIndex: columnIndex, columnName: columnName,
            byteOffset: location.byteOffset, line: location.line, file: file)
    }
}
