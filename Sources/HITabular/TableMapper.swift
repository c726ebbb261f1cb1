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
    private let fileName: String?

    private struct Binding: Sendable {
        var column: ColumnMapping
        var index: Int
        var unitIndex: Int?
        var formats: [DatePattern]
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
                Binding(column: column, index: index, unitIndex: unitIndex, formats: column.effectiveFormats))
        }
        self.bindings = bindings
        self.bindingIssues = issues
    }

    /// Maps one row.
    public func map(_ row: TableRow) -> MappingResult {
        var record = MappedRecord(
            location: SourceLocation(file: fileName, record: row.rowNumber, byteOffset: row.byteOffset, line: row.line))
        var issues: [Issue] = []
        for binding in bindings {
            let column = binding.column
            func issue(_ code: TabularError.Code, _ severity: Severity, _ reason: String) {
                issues.append(
                    TabularError(
                        code, reason, row: row.rowNumber, columnIndex: binding.index,
                        columnName: header.name(at: binding.index) ?? column.column,
                        byteOffset: row.byteOffset(ofField: binding.index) ?? row.byteOffset, line: row.line,
                        file: fileName
                    ).issue(severity))
            }
            var text: String
            do {
                text = try row.string(at: binding.index) ?? ""
            } catch {
                issue(
                    .invalidEncoding, .error,
                    "the cell is not valid \(row.charset.ianaName); kept with replacement characters")
                text = row[binding.index] ?? ""
            }
            text = TableHeader.trimmed(text)
            if text.isEmpty {
                if let fallback = column.defaultValue {
                    text = fallback
                } else {
                    if column.required { issue(.missingValue, .error, "a required value is empty") }
                    continue
                }
            }
            var pieces: [String] = [text]
            if let separator = column.separator {
                pieces = text.split(separator: separator, omittingEmptySubsequences: true).map {
                    TableHeader.trimmed(String($0))
                }.filter { !$0.isEmpty }
            }
            for piece in pieces {
                let value = mapValue(piece, binding: binding, row: row, issue: issue)
                record.append(value, for: column.target, column: column.column)
            }
        }
        return MappingResult(record: record, issues: issues)
    }

    private func mapValue(
        _ text: String, binding: Binding, row: TableRow,
        issue: (TabularError.Code, Severity, String) -> Void
    ) -> MappedValue {
        let column = binding.column
        switch column.kind {
        case .text:
            return .text(text)
        case .code:
            if let code = column.code(for: text) {
                return .code(MappedCode(system: column.system, code: code, display: column.displays[code]))
            }
            if column.valuePairs.isEmpty, column.displays.isEmpty {
                return .code(MappedCode(system: column.system, code: text))
            }
            issue(
                .unknownCode, .warning,
                "the value is not in the value map of this column (\(column.system ?? "local codes")); kept as text")
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
                if !column.textIfNotNumeric {
                    issue(.invalidNumber, .error, "the value is not a decimal number; kept as text")
                }
                return .text(text)
            }
            if column.kind == .decimal { return .decimal(decimal) }
            var unit = column.unit
            if let unitIndex = binding.unitIndex {
                let written = TableHeader.trimmed(row[unitIndex] ?? "")
                if !written.isEmpty { unit = column.units[written] ?? written }
            } else if let fixed = unit {
                unit = column.units[fixed] ?? fixed
            }
            return .quantity(MappedQuantity(value: decimal, unit: unit))
        case .boolean:
            if column.trueValues.contains(text) { return .boolean(true) }
            if column.falseValues.contains(text) { return .boolean(false) }
            issue(.invalidBoolean, .error, "the value is in neither the true nor the false list; kept as text")
            return .text(text)
        }
    }

    private func formatList(_ binding: Binding) -> String {
        binding.formats.prefix(4).map(\.text).joined(separator: ", ") + (binding.formats.count > 4 ? ", …" : "")
    }
}
