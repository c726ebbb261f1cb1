public import HICore

/// One table row turned into typed values keyed by ``TargetPath``, in mapping order. A later layer builds
/// domain models from it; an export writes it back (``MappedTableWriter``).
///
/// ```swift
/// let result = mapper.map(row)
/// print(result.record[.residentSex]?.code?.code ?? "")        // 1
/// print(result.record[.contractDate]?.date?.description ?? "") // 2026-01-15
/// ```
public struct MappedRecord: Hashable, Sendable {
    /// One mapped value.
    ///
    /// ```swift
    /// let entry = MappedRecord.Entry(target: .residentName, value: .text("张伟明"), column: "姓名")
    /// ```
    public struct Entry: Hashable, Sendable {
        /// Where the value goes.
        public var target: TargetPath
        /// The value.
        public var value: MappedValue
        /// The column it came from (`nil` when built by hand).
        public var column: String?

        /// Creates an entry.
        public init(target: TargetPath, value: MappedValue, column: String? = nil) {
            self.target = target
            self.value = value
            self.column = column
        }
    }

    /// A non-empty cell of a column the mapping does not use, kept so that nothing is lost on the way.
    ///
    /// ```swift
    /// for cell in result.record.otherCells { print(cell.column) }   // e.g. 村医
    /// ```
    public struct Cell: Hashable, Sendable {
        /// The header name.
        public var column: String
        /// The text as decoded.
        public var text: String

        /// Creates a cell.
        public init(column: String, text: String) {
            self.column = column
            self.text = text
        }
    }

    /// The values, in mapping order; a target may repeat (multi-valued cells).
    public var entries: [Entry]
    /// Non-empty cells of columns the mapping does not name (nor uses as a unit column), in column order,
    /// then fields beyond the header (named `column N`, counting from 1).
    public var otherCells: [Cell] = []
    /// Where the row was: file, record = row number, byte offset, line.
    public var location: SourceLocation

    /// Creates a record.
    public init(entries: [Entry] = [], location: SourceLocation = .unknown) {
        self.entries = entries
        self.location = location
    }

    /// The first value for `target`.
    public subscript(target: TargetPath) -> MappedValue? {
        entries.first { $0.target == target }?.value
    }

    /// Every value for `target`, in order.
    public func values(for target: TargetPath) -> [MappedValue] {
        entries.filter { $0.target == target }.map(\.value)
    }

    /// Adds a value.
    public mutating func append(_ value: MappedValue, for target: TargetPath, column: String? = nil) {
        entries.append(Entry(target: target, value: value, column: column))
    }
}

/// A mapped row and the issues found on the way (values that did not map, kept as text).
///
/// ```swift
/// let result = mapper.map(row)
/// if result.issues.containsErrors { reject(row) }
/// ```
public struct MappingResult: Hashable, Sendable {
    /// The typed values.
    public var record: MappedRecord
    /// Unknown codes, bad dates or numbers, missing required values; each with row, column and offset.
    public var issues: [Issue]
}
