public import HICore

/// The field delimiter of a table: comma, tab, semicolon, `|`, or another ASCII byte.
///
/// ```swift
/// let delimiter = Delimiter.tab
/// print(delimiter.byte)             // 9
/// print(Delimiter(byte: 0x22))      // nil: a quote cannot delimit
/// ```
public struct Delimiter: Hashable, Sendable, CustomStringConvertible {
    /// The delimiter byte.
    public let byte: UInt8

    /// A delimiter byte; `nil` for a quote, CR, LF or a non-ASCII byte.
    public init?(byte: UInt8) {
        guard byte < 0x80, byte != 0x22, byte != 0x0A, byte != 0x0D else { return nil }
        self.byte = byte
    }

    private init(known byte: UInt8) { self.byte = byte }

    /// `,` (RFC 4180).
    public static let comma = Delimiter(known: 0x2C)
    /// Horizontal tab (TSV).
    public static let tab = Delimiter(known: 0x09)
    /// `;` (spreadsheets in locales with a decimal comma).
    public static let semicolon = Delimiter(known: 0x3B)
    /// `|`, a GB18030/GBK trail byte value: the reader steps over whole characters so it never splits one.
    public static let pipe = Delimiter(known: 0x7C)

    /// The delimiters that detection chooses from, in order of preference on a tie.
    public static let detectable: [Delimiter] = [.tab, .comma, .semicolon, .pipe]

    public var description: String {
        switch byte {
        case 0x09: "tab"
        case 0x2C: "comma"
        case 0x3B: "semicolon"
        case 0x7C: "pipe"
        default: "byte \(byte)"
        }
    }
}

/// How rows end.
///
/// ```swift
/// let ending: LineEnding = .crlf
/// print(ending.bytes)  // [13, 10]
/// ```
public enum LineEnding: Hashable, Sendable {
    /// CR LF (RFC 4180, Excel).
    case crlf
    /// LF (Unix).
    case lf
    /// A lone CR (old Mac exports).
    case cr

    /// The bytes of this line ending.
    public var bytes: [UInt8] {
        switch self {
        case .crlf: [0x0D, 0x0A]
        case .lf: [0x0A]
        case .cr: [0x0D]
        }
    }
}

/// What a reader found out about a table (or what a writer is to produce): delimiter, charset, BOM and line
/// ending.
///
/// ```swift
/// let reader = try TableReader(bytes: Array("姓名\t性别\r\n".utf8))
/// print(reader.dialect.delimiter, reader.dialect.charset)  // tab UTF-8
/// ```
public struct TableDialect: Hashable, Sendable {
    /// The field delimiter.
    public var delimiter: Delimiter
    /// The charset of the cells.
    public var charset: Charset
    /// `true` when the input starts (or the output is to start) with the charset's byte order mark.
    public var byteOrderMark: Bool
    /// The line ending of the first row (the writer's choice when writing).
    public var lineEnding: LineEnding

    /// Creates a dialect; the defaults are RFC 4180 (comma, CRLF) in UTF-8 without a BOM.
    public init(
        delimiter: Delimiter = .comma, charset: Charset = .utf8, byteOrderMark: Bool = false,
        lineEnding: LineEnding = .crlf
    ) {
        self.delimiter = delimiter
        self.charset = charset
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
    }

    /// The UTF-8 byte order mark `EF BB BF`.
    public static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// The GB18030 byte order mark `84 31 95 33` (U+FEFF in GB18030).
    public static let gb18030BOM: [UInt8] = [0x84, 0x31, 0x95, 0x33]
}

/// Limits and policies for reading CSV/TSV tables. The defaults suit production exports.
///
/// ```swift
/// var options = TableReadingOptions()
/// options.delimiter = .tab            // skip detection
/// options.charset = .gbk              // skip detection
/// options.lenient = false             // ragged rows and quote errors throw
/// var reader = try TableReader(bytes: bytes, options: options)
/// ```
public struct TableReadingOptions: Sendable {
    /// The delimiter, or `nil` to detect it from the first rows (tab, comma, semicolon, `|`).
    public var delimiter: Delimiter? = nil
    /// The charset, or `nil` to detect it (a BOM; else valid UTF-8 → UTF-8; else GB18030). Detection looks
    /// at the first ``detectionSampleBytes``: a file that is ASCII there and GBK further on gives
    /// `invalidEncoding` (HI-TAB-0008) for those cells; set the charset for such files.
    public var charset: Charset? = nil
    /// `true` when the first row holds the column names.
    public var hasHeader = true
    /// `true`: ragged rows, stray quotes and an unterminated quote become warnings in ``TableReader/issues``
    /// and the row is kept as well as possible. `false`: they are thrown as ``TabularError``.
    public var lenient = true
    /// Largest field accepted, in bytes (always enforced, also when lenient).
    public var maximumFieldBytes = 1 << 20
    /// Most fields accepted in one row (always enforced).
    public var maximumColumns = 4096
    /// Largest row accepted, in bytes (always enforced); memory use is bounded by this and ``chunkSize``.
    public var maximumRowBytes = 8 << 20
    /// Bytes read from the input at a time.
    public var chunkSize = 64 << 10
    /// Bytes examined (at most) to detect the delimiter and the charset.
    public var detectionSampleBytes = 64 << 10
    /// The file name to put into locations, when the input came from a file.
    public var fileName: String? = nil

    /// The defaults: detection on, lenient.
    public init() {}

    /// The defaults with ``lenient`` off.
    public static var strict: TableReadingOptions {
        var options = TableReadingOptions()
        options.lenient = false
        return options
    }
}
