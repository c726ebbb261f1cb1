public import HICore

/// The mapping engine: binds a ``TableMapping`` to a table's header once, then turns each ``TableRow`` into
/// a ``MappedRecord`` plus issues. Nothing is dropped silently: a value that does not map (an unknown local
/// code, a date in no listed format, a number that is not one) is kept as `.text` with an issue naming the
/// row, column and byte offset (never the value).
///
/// ```swift
/// var reader = try TableReader(bytes: bytes)
/// let mapper = TableMapper(mapping: BuiltInMappings.contractList, header: reader.header!)
/// if mapper.bindingIssues.containsErrors { /* a required column is missing */ }
/// while let row = try reader.next() {
///     let result = mapper.map(row)
///     print(result.record[.residentSex] ?? .text(""), result.issues.count)
/// }
/// ```
public struct TableMapper: Sendable {
    /// The mapping.
    public let mapping: TableMapping
    /// The header it was bound to.
    public let header: TableHeader
    /// Problems binding the mapping to the header: required columns missing (errors), optional ones
    /// missing (information).
    public let bindingIssues: [Issue]
    private let bindings: [Binding]
    /// Header columns no mapping column reads; their non-empty cells go to ``MappedRecord/otherCells``.
    public let otherColumns: [Int]
    private let fileName: String?

    /// A column bound to the header, compiled once: a class so the hot loop retains one reference per cell
    /// instead of copying the whole mapping column.
    private final class Binding: Sendable {
        let column: ColumnMapping
        let index: Int
        let unitIndex: Int?
        let formats: [DatePattern]
        let codes: [String: String]
        let knownCodes: Set<String>
        let trueValues: Set<String>
        let falseValues: Set<String>

        init(column: ColumnMapping, index: Int, unitIndex: Int?) {
            self.column = column
            self.index = index
            self.unitIndex = unitIndex
            self.formats = column.effectiveFormats
            var codes: [String: String] = [:]
            for pair in column.valuePairs where codes[pair.local] == nil { codes[pair.local] = pair.code }
            self.codes = codes
            self.knownCodes = Set(column.valuePairs.map(\.code)).union(column.displays.keys)
            self.trueValues = Set(column.trueValues)
            self.falseValues = Set(column.falseValues)
        }

        /// The code for a local value, or the value itself when it already is one of the codes.
        func code(for local: String) -> String? {
            if let code = codes[local] { return code }
            return knownCodes.contains(local) ? local : nil
        }
    }

    /// Binds `mapping` to `header`.
    public init(mapping: TableMapping, header: TableHeader, fileName: String? = nil) {
        self.mapping = mapping
        self.header = header
        self.fileName = fileName
        var bindings: [Binding] = []
        var issues: [Issue] = []
        for column in mapping.columns {
            let index = ([column.column] + column.aliases).lazy.compactMap { header.index(of: $0) }.first
            guard let index else {
                let error = TabularError(
                    .missingColumn,
                    column.required
                        ? "the required column \(column.column) is not in the header"
                        : "the column \(column.column) is not in the header; \(column.target) stays empty",
                    row: 1, columnName: column.column, file: fileName)
                issues.append(error.issue(column.required ? .error : .information))
                continue
            }
            var unitIndex: Int? = nil
            if let unitColumn = column.unitColumn {
                unitIndex = header.index(of: unitColumn)
                if unitIndex == nil {
                    issues.append(
                        TabularError(
                            .missingColumn, "the unit column \(unitColumn) is not in the header", row: 1,
                            columnName: unitColumn, file: fileName
                        ).issue(.warning))
                }
            }
            bindings.append(
                Binding(column: column, index: index, unitIndex: unitIndex))
        }
        self.bindings = bindings
        self.bindingIssues = issues
        var used = Set(bindings.map(\.index))
        for binding in bindings { if let unit = binding.unitIndex { used.insert(unit) } }
        self.otherColumns = (0..<header.count).filter { !used.contains($0) }
    }

    /// Maps one row.
    public func map(_ row: TableRow) -> MappingResult {
        var record = MappedRecord(
            location: SourceLocation(file: fileName, record: row.rowNumber, byteOffset: row.byteOffset, line: row.line))
        record.entries.reserveCapacity(bindings.count)
        // GB18030/GBK rows are decoded in one iconv call (see TableRow.decodedInOneCall).
        let decoded = row.charset.hasASCIITrailBytes ? row.decodedInOneCall() : nil
        var issues: [Issue] = []
        for binding in bindings {
            func issue(_ code: TabularError.Code, _ severity: Severity, _ reason: String) {
                issues.append(
                    TabularError(
                        code, reason, row: row.rowNumber, columnIndex: binding.index,
                        columnName: header.name(at: binding.index) ?? binding.column.column,
                        byteOffset: row.byteOffset(ofField: binding.index) ?? row.byteOffset, line: row.line,
                        file: fileName
                    ).issue(severity))
            }
            var text: String
            do {
                if let decoded, binding.index < decoded.count {
                    text = decoded[binding.index]
                } else {
                    text = try row.string(at: binding.index) ?? ""
                }
            } catch {
                issue(
                    .invalidEncoding, .error,
                    "the cell is not valid \(row.charset.ianaName); kept with replacement characters")
                text = row[binding.index] ?? ""
            }
            text = TableHeader.trimmed(text)
            if text.isEmpty {
                if let fallback = binding.column.defaultValue {
                    text = fallback
                } else {
                    if binding.column.required { issue(.missingValue, .error, "a required value is empty") }
                    continue
                }
            }
            var pieces: [String] = [text]
            if let separator = binding.column.separator {
                pieces = Self.split(text, by: separator)
            }
            for piece in pieces {
                let value = mapValue(piece, binding: binding, row: row, issue: issue)
                record.append(value, for: binding.column.target, column: binding.column.column)
            }
        }
        // Unmapped columns, then fields beyond the header (ragged rows, lenient mode), named `column N`.
        for index in otherColumns + Array(header.count..<max(header.count, row.count)) {
            let text = decoded.flatMap { index < $0.count ? $0[index] : nil } ?? row[index] ?? ""
            if !text.isEmpty {
                record.otherCells.append(.init(column: header.name(at: index) ?? "column \(index + 1)", text: text))
            }
        }
        return MappingResult(record: record, issues: issues)
    }

    private func mapValue(
        _ text: String, binding: Binding, row: TableRow,
        issue: (TabularError.Code, Severity, String) -> Void
    ) -> MappedValue {
        switch binding.column.kind {
        case .text:
            return .text(text)
        case .code:
            if let code = binding.code(for: text) {
                return .code(
                    MappedCode(system: binding.column.system, code: code, display: binding.column.displays[code]))
            }
            if binding.knownCodes.isEmpty {
                return .code(MappedCode(system: binding.column.system, code: text))
            }
            issue(
                .unknownCode, .warning,
                "the value is not in the value map of this column (\(binding.column.system ?? "local codes")); kept as text"
            )
            return .text(text)
        case .date:
            for pattern in binding.formats {
                if let date = pattern.parseDate(text) { return .date(date) }
            }
            issue(.invalidDate, .error, "the value is not a date in any of the formats \(formatList(binding))")
            return .text(text)
        case .dateTime:
            for pattern in binding.formats {
                if let dateTime = pattern.parseDateTime(text) { return .dateTime(dateTime) }
            }
            issue(.invalidDate, .error, "the value is not a date-time in any of the formats \(formatList(binding))")
            return .text(text)
        case .decimal, .quantity:
            guard let decimal = MappedDecimal(text) else {
                if !binding.column.textIfNotNumeric {
                    issue(.invalidNumber, .error, "the value is not a decimal number; kept as text")
                }
                return .text(text)
            }
            if binding.column.kind == .decimal { return .decimal(decimal) }
            var unit = binding.column.unit
            if let unitIndex = binding.unitIndex {
                let written = TableHeader.trimmed(row[unitIndex] ?? "")
                if !written.isEmpty { unit = binding.column.units[written] ?? written }
            } else if let fixed = unit {
                unit = binding.column.units[fixed] ?? fixed
            }
            return .quantity(MappedQuantity(value: decimal, unit: unit))
        case .boolean:
            if binding.trueValues.contains(text) { return .boolean(true) }
            if binding.falseValues.contains(text) { return .boolean(false) }
            issue(.invalidBoolean, .error, "the value is in neither the true nor the false list; kept as text")
            return .text(text)
        }
    }

    /// Splits `text` at each occurrence of `separator` (compared by Unicode scalars), trimming the pieces and
    /// dropping empty ones.
    static func split(_ text: String, by separator: String) -> [String] {
        let needle = Array(separator.unicodeScalars)
        guard let first = needle.first else { return [text] }
        let scalars = text.unicodeScalars
        var pieces: [String] = []
        var pieceStart = scalars.startIndex
        var index = scalars.startIndex
        func add(_ end: String.UnicodeScalarView.Index) {
            let piece = TableHeader.trimmed(String(scalars[pieceStart..<end]))
            if !piece.isEmpty { pieces.append(piece) }
        }
        while index < scalars.endIndex {
            if scalars[index] == first {
                var probe = index
                var matched = 0
                while matched < needle.count, probe < scalars.endIndex, scalars[probe] == needle[matched] {
                    matched += 1
                    probe = scalars.index(after: probe)
                }
                if matched == needle.count {
                    add(index)
                    pieceStart = probe
                    index = probe
                    continue
                }
            }
            index = scalars.index(after: index)
        }
        add(scalars.endIndex)
        return pieces
    }

    private func formatList(_ binding: Binding) -> String {
        binding.formats.prefix(4).map(\.text).joined(separator: ", ") + (binding.formats.count > 4 ? ", …" : "")
    }
}
