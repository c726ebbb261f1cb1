public import HICore

/// A problem reading, writing or mapping a CSV/TSV table, with where in the input it happened.
///
/// The code is a struct over a private enum (codes can be added without breaking clients), and `==`
/// compares codes only, so tests can match on ``code``. Messages name the row, column and byte offset and
/// say what was expected; they never contain cell values (which may be names, ID numbers or phones).
///
/// ```swift
/// do {
///     var reader = try TableReader(bytes: Array("a,b\n\"x,y\n".utf8), options: .strict)
///     while try reader.next() != nil {}
/// } catch {
///     print(error.code, error.issueCode)  // unterminatedQuote HI-TAB-0001
/// }
/// ```
public struct TabularError: LocatedError, Hashable {
    /// What went wrong, as a stable code (`HI-TAB-0001` … `HI-TAB-0012` for reading and writing,
    /// `HI-TAB-0101` … `HI-TAB-0108` for mapping).
    ///
    /// ```swift
    /// let code = TabularError.Code.raggedRow
    /// print(code, code.issueCode)   // raggedRow HI-TAB-0004
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Int, Hashable, Sendable {
            case unterminatedQuote = 1
            case strayQuote = 2
            case textAfterClosingQuote = 3
            case raggedRow = 4
            case fieldTooLarge = 5
            case tooManyColumns = 6
            case rowTooLarge = 7
            case invalidEncoding = 8
            case duplicateColumn = 9
            case emptyInput = 10
            case readFailed = 11
            case unencodable = 12
            case unknownCode = 101
            case invalidDate = 102
            case invalidNumber = 103
            case missingColumn = 104
            case missingValue = 105
            case invalidMapping = 106
            case unknownTarget = 107
            case invalidBoolean = 108
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A quoted field is still open at the end of the input (`HI-TAB-0001`).
        public static let unterminatedQuote = Code(.unterminatedQuote)
        /// A `"` inside a field that did not start with one (`HI-TAB-0002`).
        public static let strayQuote = Code(.strayQuote)
        /// Text between a closing quote and the next delimiter (`HI-TAB-0003`).
        public static let textAfterClosingQuote = Code(.textAfterClosingQuote)
        /// A row with fewer or more fields than the header (`HI-TAB-0004`).
        public static let raggedRow = Code(.raggedRow)
        /// A field larger than ``TableReadingOptions/maximumFieldBytes`` (`HI-TAB-0005`).
        public static let fieldTooLarge = Code(.fieldTooLarge)
        /// A row with more fields than ``TableReadingOptions/maximumColumns`` (`HI-TAB-0006`).
        public static let tooManyColumns = Code(.tooManyColumns)
        /// A row larger than ``TableReadingOptions/maximumRowBytes`` (`HI-TAB-0007`).
        public static let rowTooLarge = Code(.rowTooLarge)
        /// Bytes that are not valid in the table's charset (`HI-TAB-0008`).
        public static let invalidEncoding = Code(.invalidEncoding)
        /// Two header columns with the same name (`HI-TAB-0009`).
        public static let duplicateColumn = Code(.duplicateColumn)
        /// No header row where one was expected (`HI-TAB-0010`).
        public static let emptyInput = Code(.emptyInput)
        /// The input could not be read (`HI-TAB-0011`).
        public static let readFailed = Code(.readFailed)
        /// Text the output charset cannot represent (`HI-TAB-0012`).
        public static let unencodable = Code(.unencodable)
        /// A local code with no entry in the column's value map (`HI-TAB-0101`).
        public static let unknownCode = Code(.unknownCode)
        /// A date or date-time that matches none of the column's formats (`HI-TAB-0102`).
        public static let invalidDate = Code(.invalidDate)
        /// A number or quantity that is not a decimal (`HI-TAB-0103`).
        public static let invalidNumber = Code(.invalidNumber)
        /// A required column is not in the header (`HI-TAB-0104`).
        public static let missingColumn = Code(.missingColumn)
        /// A required value is empty and has no default (`HI-TAB-0105`).
        public static let missingValue = Code(.missingValue)
        /// A mapping file that is not valid (`HI-TAB-0106`).
        public static let invalidMapping = Code(.invalidMapping)
        /// A mapping names a target path outside ``TargetPath`` (`HI-TAB-0107`).
        public static let unknownTarget = Code(.unknownTarget)
        /// A value that is in neither the true nor the false list of a boolean column (`HI-TAB-0108`).
        public static let invalidBoolean = Code(.invalidBoolean)

        /// The stable issue code, `HI-TAB-nnnn`.
        public var issueCode: IssueCode {
            let digits = String(base.rawValue)
            return IssueCode("HI-TAB-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits)
        }

        public var description: String { String(describing: base) }
    }

    /// The stable code.
    public let code: Code
    /// The row (record) number counting from 1, the header being row 1, as a spreadsheet shows it.
    public let row: Int?
    /// The column index counting from 0, when known.
    public let columnIndex: Int?
    /// The column name from the header, when known (header names are not personal data).
    public let columnName: String?
    /// Where in the input: file (when known), record = ``row``, path `row R, column NAME`, byte offset, line.
    public let location: SourceLocation
    /// What was expected, free of cell values.
    public let reason: String

    /// Creates an error.
    public init(
        _ code: Code, _ reason: String, row: Int? = nil, columnIndex: Int? = nil, columnName: String? = nil,
        byteOffset: Int? = nil, line: Int? = nil, file: String? = nil
    ) {
        self.code = code
        self.row = row
        self.columnIndex = columnIndex
        self.columnName = columnName
        self.reason = reason
        self.location = SourceLocation(
            file: file, record: row, path: Self.path(row: row, columnIndex: columnIndex, columnName: columnName),
            byteOffset: byteOffset, line: line)
    }

    static func path(row: Int?, columnIndex: Int?, columnName: String?) -> String? {
        var parts: [String] = []
        if let row { parts.append("row \(row)") }
        if let columnName {
            parts.append("column \(columnName)")
        } else if let columnIndex {
            parts.append("column \(columnIndex + 1)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    public var issueCode: IssueCode { code.issueCode }

    /// This problem as an ``Issue`` of the given severity (warnings in lenient mode).
    public func issue(_ severity: Severity) -> Issue { Issue(severity, code: issueCode, reason, at: location) }

    public var description: String { "\(issueCode) \(code): \(reason) (\(location))" }

    public static func == (lhs: TabularError, rhs: TabularError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
