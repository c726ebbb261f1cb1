import HICore

/// One table of `Mappings/` (or of a user directory): a header row and rows of tab-separated cells.
///
/// Columns named after a code system (`hl7-0001`) hold codes; `<system>.display` columns hold their display
/// texts; any other column (`equivalence`, `level`, `note` …) is a property. A table with one code column
/// is a value set; one with two or more is a crosswalk between each pair of them.
///
/// ```swift
/// let table = try TerminologyTable(name: "my-sex", text: "hl7-0001\tgb-t-2261.1\nM\t1\nF\t2\n")
/// print(table.codeColumns)  // ["hl7-0001", "gb-t-2261.1"]
/// print(table.rows.count)   // 2
/// ```
public struct TerminologyTable: Sendable, Hashable {
    /// The table name: its file name without `.tsv`.
    public let name: String
    /// The header cells.
    public let header: [String]
    /// The data rows, each with exactly `header.count` cells.
    public let rows: [[String]]
    /// The code-system names of the code columns, in column order.
    public let codeColumns: [String]
    /// The file the table came from (`nil` for built-in or API-made tables); used in error locations.
    public let file: String?

    private let columnIndex: [String: Int]

    /// Parses a table from its TSV text (UTF-8, LF or CRLF line ends, header row first).
    /// - Parameters:
    ///   - name: the table name.
    ///   - text: the TSV text.
    ///   - knownSystems: names that count as code columns even without a `.display` column.
    ///   - file: the file name for error locations.
    /// - Throws: ``TerminologyError`` `.malformedTable` for a missing header, a duplicate column, a row with the
    ///   wrong number of cells, or no code column.
    public init(name: String, text: String, knownSystems: Set<String> = [], file: String? = nil)
        throws(TerminologyError)
    {
        try self.init(name: name, bytes: Array(text.utf8), knownSystems: knownSystems, file: file)
    }

    /// Parses a table from its UTF-8 bytes; see ``init(name:text:knownSystems:file:)``.
    /// - Throws: ``TerminologyError`` `.unreadableTable` when the bytes are not UTF-8, `.malformedTable` otherwise.
    public init(name: String, bytes: [UInt8], knownSystems: Set<String> = [], file: String? = nil)
        throws(TerminologyError)
    {
        if let bad = Charset.firstInvalidUTF8Offset(bytes) {
            throw TerminologyError(
                .unreadableTable, "table '\(name)' is not UTF-8",
                at: LineIndex.location(of: bad, in: bytes, path: nil, record: nil).with(file: file ?? name))
        }
        var lines = TerminologyTable.splitLines(bytes)
        // Skip a UTF-8 byte-order mark on the header.
        if let first = lines.first, first.count >= 3, bytes[first.lowerBound] == 0xEF,
            bytes[first.lowerBound + 1] == 0xBB, bytes[first.lowerBound + 2] == 0xBF
        {
            lines[0] = (first.lowerBound + 3)..<first.upperBound
        }
        guard let headerRange = lines.first, !headerRange.isEmpty else {
            throw TerminologyError(
                .malformedTable, "table '\(name)' has no header row", at: SourceLocation(file: file ?? name, line: 1))
        }
        let header = TerminologyTable.cells(bytes[headerRange])
        var columnIndex: [String: Int] = [:]
        for (index, column) in header.enumerated() {
            guard !column.isEmpty, columnIndex[column] == nil else {
                throw TerminologyError(
                    .malformedTable, "table '\(name)' has an empty or repeated column name in its header",
                    at: SourceLocation(file: file ?? name, path: "column \(index + 1)", line: 1))
            }
            columnIndex[column] = index
        }
        var rows: [[String]] = []
        rows.reserveCapacity(lines.count)
        for (lineNumber, range) in lines.enumerated().dropFirst() where !range.isEmpty {
            let row = TerminologyTable.cells(bytes[range])
            guard row.count == header.count else {
                throw TerminologyError(
                    .malformedTable,
                    "table '\(name)' row has \(row.count) cells, the header has \(header.count)",
                    at: SourceLocation(file: file ?? name, record: rows.count + 1, line: lineNumber + 1))
            }
            rows.append(row)
        }
        let codeColumns = header.filter { column in
            !column.hasSuffix(".display") && CodeSystem.isValidName(column)
                && (knownSystems.contains(column) || columnIndex[column + ".display"] != nil)
        }
        guard !codeColumns.isEmpty else {
            throw TerminologyError(
                .malformedTable,
                "table '\(name)' has no code column (name a column after a code system and add '<system>.display')",
                at: SourceLocation(file: file ?? name, line: 1))
        }
        self.name = name
        self.header = header
        self.rows = rows
        self.codeColumns = codeColumns
        self.file = file
        self.columnIndex = columnIndex
    }

    /// The index of the column named `name`.
    public func column(_ name: String) -> Int? { columnIndex[name] }

    /// The cell of `row` in the column named `column`, or `nil` when there is no such column.
    public func value(_ row: [String], _ column: String) -> String? {
        guard let index = columnIndex[column], index < row.count else { return nil }
        return row[index]
    }

    /// The table as TSV text (header, rows, LF line ends).
    public var tsvText: String {
        var text = header.joined(separator: "\t") + "\n"
        for row in rows { text += row.joined(separator: "\t") + "\n" }
        return text
    }

    public static func == (lhs: TerminologyTable, rhs: TerminologyTable) -> Bool {
        lhs.name == rhs.name && lhs.header == rhs.header && lhs.rows == rhs.rows
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(header)
    }

    /// The byte ranges of the lines (without LF or CR LF).
    private static func splitLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                var end = index
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(start..<end)
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count {
            var end = bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(start..<end)
        }
        return lines
    }

    /// The tab-separated cells of one line, decoded.
    private static func cells(_ line: ArraySlice<UInt8>) -> [String] {
        var cells: [String] = []
        var start = line.startIndex
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == 0x09 {
                cells.append(String(decoding: line[start..<index], as: UTF8.self))
                start = index + 1
            }
            index += 1
        }
        cells.append(String(decoding: line[start..<line.endIndex], as: UTF8.self))
        return cells
    }
}
