import HICore

/// Writes ``MappedRecord``s as a table whose columns are those of a ``TableMapping``: the export direction.
///
/// Each column gets the values of its target: codes back to the mapping's local label (`1` → `男`), dates in
/// the column's first format, quantities as their exact decimal text (the unit goes to the unit column when
/// the mapping has one), several values joined with the column's separator. Values kept as text (unmapped
/// codes) are written as they came, so import → export loses nothing.
///
/// ```swift
/// var writer = try MappedTableWriter(mapping: BuiltInMappings.contractList, dialect: TableDialect(byteOrderMark: true))
/// try writer.write(record)
/// let csv = writer.takeBytes()
/// ```
public struct MappedTableWriter: Sendable {
    /// The mapping that chooses the columns.
    public let mapping: TableMapping
    private var writer: TableWriter

    /// Creates the writer and writes the header row (the mapping's column names).
    ///
    /// - Throws: ``TabularError`` `unencodable` when a column name has no representation in the charset.
    public init(mapping: TableMapping, dialect: TableDialect = TableDialect()) throws(TabularError) {
        self.mapping = mapping
        self.writer = TableWriter(dialect: dialect)
        try writer.writeRow(mapping.columns.map(\.column))
    }

    /// The cells of `record` in column order.
    public func cells(for record: MappedRecord) -> [String] {
        mapping.columns.map { column in
            var parts: [String] = []
            for entry in record.entries where entry.target == column.target {
                parts.append(render(entry.value, column: column))
            }
            if parts.isEmpty, let unitOwner = mapping.columns.first(where: { $0.unitColumn == column.column }) {
                // A unit column not mapped itself: take the unit of the quantity it belongs to.
                if let unit = record[unitOwner.target]?.quantity?.unit {
                    parts.append(unitOwner.units.first { $0.value == unit }?.key ?? unit)
                }
            }
            return parts.joined(separator: column.separator ?? "、")
        }
    }

    private func render(_ value: MappedValue, column: ColumnMapping) -> String {
        switch value {
        case .text(let text): return text
        case .code(let code): return column.local(for: code.code)
        case .date(let date): return column.effectiveFormats.first?.format(date) ?? date.description
        case .dateTime(let dateTime):
            // The first format of the value's precision (with seconds only when the value has them).
            let formats = column.effectiveFormats
            let pattern =
                formats.first { $0.hasTime && $0.hasSeconds == (dateTime.second != nil) } ?? formats.first
            return pattern?.format(dateTime) ?? dateTime.description
        case .decimal(let decimal): return decimal.text
        case .quantity(let quantity): return quantity.value.text
        case .boolean(let flag): return (flag ? column.trueValues.first : column.falseValues.first) ?? String(flag)
        }
    }

    /// Writes one record as a row.
    ///
    /// - Throws: ``TabularError`` `unencodable` when a value has no representation in the output charset.
    public mutating func write(_ record: MappedRecord) throws(TabularError) {
        try writer.writeRow(cells(for: record))
    }

    /// The bytes written so far.
    public var bytes: [UInt8] { writer.bytes }

    /// Returns the bytes written so far and empties the buffer.
    public mutating func takeBytes() -> [UInt8] { writer.takeBytes() }
}
