import HICore

/// Writes CSV/TSV bytes: RFC 4180 quoting only where needed (a field holding the delimiter, a quote, CR or
/// LF), the chosen delimiter and line ending, UTF-8 (optionally with a BOM, which Excel needs to read UTF-8)
/// or GB18030/GBK.
///
/// Quoting is decided on the text, not on the encoded bytes: in GB18030 a `|`-delimited field holding 瑋
/// (`AC 7C`) stays unquoted, as a reader that steps over characters (``TableReader``) expects.
/// Reading a canonical file (quotes only where needed, one line ending throughout, a final line ending)
/// and writing its rows with the reader's ``TableReader/dialect`` gives the same bytes.
///
/// ```swift
/// var writer = TableWriter(dialect: TableDialect(delimiter: .comma, charset: .gb18030, lineEnding: .crlf))
/// try writer.writeRow(["姓名", "备注"])
/// try writer.writeRow(["张三", "甲,乙"])        // → 张三,"甲,乙"\r\n in GB18030
/// let bytes = writer.takeBytes()
/// ```
public struct TableWriter: Sendable {
    /// Delimiter, charset, BOM and line ending of the output.
    public let dialect: TableDialect
    private var output: [UInt8] = []
    private var rowUTF8: [UInt8] = []
    private var rowsWritten = 0

    /// Creates a writer; the BOM (when the dialect asks for one) is written first.
    public init(dialect: TableDialect = TableDialect()) {
        self.dialect = dialect
        if dialect.byteOrderMark {
            if dialect.charset == .utf8 { output = TableDialect.utf8BOM }
            if dialect.charset == .gb18030 { output = TableDialect.gb18030BOM }
        }
    }

    /// `true` when `field` must be quoted with `delimiter`.
    public static func needsQuotes(_ field: String, delimiter: Delimiter) -> Bool {
        for byte in field.utf8 where byte == delimiter.byte || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            return true
        }
        return false
    }

    /// Appends one row.
    ///
    /// - Throws: ``TabularError`` (`unencodable`) when a field has a character the charset cannot encode;
    ///   the column index is given, never the text.
    public mutating func writeRow(_ fields: [String]) throws(TabularError) {
        rowsWritten += 1
        rowUTF8.removeAll(keepingCapacity: true)
        for (index, field) in fields.enumerated() {
            if index > 0 { rowUTF8.append(dialect.delimiter.byte) }
            if Self.needsQuotes(field, delimiter: dialect.delimiter) {
                rowUTF8.append(0x22)
                for byte in field.utf8 {
                    rowUTF8.append(byte)
                    if byte == 0x22 { rowUTF8.append(0x22) }
                }
                rowUTF8.append(0x22)
            } else {
                rowUTF8.append(contentsOf: field.utf8)
            }
        }
        if dialect.charset == .utf8 || rowUTF8.allSatisfy({ $0 < 0x80 }) {
            output.append(contentsOf: rowUTF8)
        } else {
            do {
                output.append(contentsOf: try dialect.charset.encode(String(decoding: rowUTF8, as: UTF8.self)))
            } catch {
                // Find the field holding the offending character, for the location.
                let column = fields.firstIndex { (try? dialect.charset.encode($0)) == nil } ?? 0
                throw TabularError(
                    .unencodable, "a character cannot be encoded in \(dialect.charset.ianaName)",
                    row: rowsWritten, columnIndex: column)
            }
        }
        output.append(contentsOf: dialect.lineEnding.bytes)
    }

    /// The bytes written so far (BOM included).
    public var bytes: [UInt8] { output }

    /// Returns the bytes written so far and empties the buffer (for streaming to a file).
    public mutating func takeBytes() -> [UInt8] {
        let taken = output
        output.removeAll(keepingCapacity: true)
        return taken
    }
}
