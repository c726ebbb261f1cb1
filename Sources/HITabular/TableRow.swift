public import HICore

/// One record of a table: its raw bytes and the byte ranges of its fields; text is decoded only when asked.
///
/// A row owns a copy of its bytes (so a streaming reader keeps memory bounded by the largest row), and
/// ``bytes`` are exactly the bytes of the record in the input, without the line ending.
///
/// ```swift
/// var reader = try TableReader(bytes: Array("姓名,备注\n张三,\"甲,乙\"\n".utf8))
/// let row = try reader.next()!
/// print(row.rowNumber, row.count)          // 2 2
/// print(try row.string(at: 1) ?? "")       // 甲,乙
/// ```
public struct TableRow: Sendable, Hashable {
    /// The record number counting from 1, the header being row 1 (as a spreadsheet numbers rows).
    public let rowNumber: Int
    /// The line on which the record starts (differs from ``rowNumber`` after quoted newlines).
    public let line: Int
    /// The byte offset of the record in the input (counting the BOM, if any).
    public let byteOffset: Int
    /// The record's bytes as they were in the input, without the line ending.
    public let bytes: [UInt8]
    /// The charset the fields are decoded in.
    public let charset: Charset
    let fields: [FieldSpan]

    init(rowNumber: Int, line: Int, byteOffset: Int, bytes: [UInt8], charset: Charset, fields: [FieldSpan]) {
        self.rowNumber = rowNumber
        self.line = line
        self.byteOffset = byteOffset
        self.bytes = bytes
        self.charset = charset
        self.fields = fields
    }

    /// The number of fields in this row.
    public var count: Int { fields.count }

    /// `true` when the field at `index` was written in quotes.
    public func isQuoted(_ index: Int) -> Bool {
        guard index >= 0, index < fields.count else { return false }
        return fields[index].kind == .quoted || fields[index].kind == .quotedWithEscapes
    }

    /// The field's content bytes with quoting removed (`""` → `"`), or `nil` when the row has no such field.
    public func fieldBytes(at index: Int) -> [UInt8]? {
        guard index >= 0, index < fields.count else { return nil }
        let span = fields[index]
        let start = max(0, min(span.start, bytes.count))
        let end = max(start, min(span.end, bytes.count))
        guard span.kind == .quotedWithEscapes else { return Array(bytes[start..<end]) }
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = bytes[index]
            output.append(byte)
            // 0x22 is never a GB18030/GBK trail byte, so a byte-wise scan is safe in every supported charset.
            if byte == 0x22, index + 1 < end, bytes[index + 1] == 0x22 { index += 2 } else { index += 1 }
        }
        return output
    }

    /// The field at `index` decoded in the row's charset; `nil` when the row has no such field.
    ///
    /// - Throws: ``TabularError`` (`invalidEncoding`) with the row, column and byte offset.
    public func string(at index: Int) throws(TabularError) -> String? {
        guard index >= 0, index < fields.count else { return nil }
        let span = fields[index]
        if span.kind != .quotedWithEscapes {
            // Fast paths without a copy: UTF-8 validated in place; ASCII is the same in every charset.
            let start = max(0, min(span.start, bytes.count))
            let slice = bytes[start..<max(start, min(span.end, bytes.count))]
            if slice.isEmpty { return "" }
            if charset == .utf8 || slice.allSatisfy({ $0 < 0x80 }) {
                if let text = String(validating: slice, as: UTF8.self) { return text }
            }
        }
        guard let content = fieldBytes(at: index) else { return nil }
        if content.isEmpty { return "" }
        do {
            return try charset.decode(content)
        } catch {
            throw TabularError(
                .invalidEncoding, "field is not valid \(charset.ianaName)", row: rowNumber, columnIndex: index,
                byteOffset: byteOffset + fields[index].start + error.byteOffset)
        }
    }

    /// The field at `index`, with invalid bytes replaced by U+FFFD; `nil` when the row has no such field.
    public subscript(index: Int) -> String? {
        guard let content = fieldBytes(at: index) else { return nil }
        return content.isEmpty ? "" : charset.decodeLossy(content)
    }

    /// All fields decoded.
    ///
    /// - Throws: ``TabularError`` (`invalidEncoding`) for the first field that does not decode.
    public func strings() throws(TabularError) -> [String] {
        if charset.hasASCIITrailBytes, let batch = decodedInOneCall() { return batch }
        var output: [String] = []
        output.reserveCapacity(fields.count)
        for index in fields.indices { output.append(try string(at: index) ?? "") }
        return output
    }

    /// GB18030/GBK go through iconv, whose set-up costs more than a short field: decode all the row's
    /// non-ASCII fields in one call, joined by NUL (never a trail byte), and split the text again. `nil` when
    /// a field holds a NUL itself or anything fails to decode (the caller then goes field by field, which
    /// locates the bad one).
    func decodedInOneCall() -> [String]? {
        var joined: [UInt8] = []
        var slots: [Int] = []
        var output = [String](repeating: "", count: fields.count)
        for index in fields.indices {
            guard let content = fieldBytes(at: index) else { return nil }
            if content.allSatisfy({ $0 < 0x80 }) {
                output[index] = String(decoding: content, as: UTF8.self)
                continue
            }
            if content.contains(0) { return nil }
            if !slots.isEmpty { joined.append(0) }
            joined.append(contentsOf: content)
            slots.append(index)
        }
        if slots.isEmpty { return output }
        guard let text = try? charset.decode(joined) else { return nil }
        var pieces: [String] = []
        pieces.reserveCapacity(slots.count)
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\u{0}" {
                pieces.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        pieces.append(String(current))
        guard pieces.count == slots.count else { return nil }
        for (slot, piece) in zip(slots, pieces) { output[slot] = piece }
        return output
    }

    /// The byte offset of the field at `index` in the input (its opening quote when quoted).
    public func byteOffset(ofField index: Int) -> Int? {
        guard index >= 0, index < fields.count else { return nil }
        let span = fields[index]
        return byteOffset + span.start - (span.kind == .plain || span.kind == .raw ? 0 : 1)
    }
}

/// Where a field's content lies in its row's bytes.
struct FieldSpan: Hashable, Sendable {
    enum Kind: UInt8, Sendable {
        /// Unquoted; content is taken as is.
        case plain
        /// Quoted, without doubled quotes inside; content excludes the quotes.
        case quoted
        /// Quoted, with `""` inside to collapse.
        case quotedWithEscapes
        /// Malformed (text after a closing quote, lenient mode): the raw bytes as written.
        case raw
    }
    var start: Int
    var end: Int
    var kind: Kind
}
