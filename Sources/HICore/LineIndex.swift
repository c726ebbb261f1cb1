/// Computes line and column numbers for byte offsets, on demand.
///
/// Parsers record only byte offsets while they run; a line and column are computed when an error or
/// issue is built, so the fast path never counts newlines. CR, LF and CRLF all end a line.
///
/// ```swift
/// let bytes = Array("MSH|^~\\&\rPID|1\r".utf8)
/// let (line, column) = LineIndex.lineAndColumn(of: 10, in: bytes)  // (2, 2)
/// ```
public enum LineIndex {
    /// The 1-based line and column (in bytes) of `offset` in `bytes`.
    public static func lineAndColumn<C: Collection<UInt8>>(of offset: Int, in bytes: C) -> (line: Int, column: Int)
    where C.Index == Int {
        var cursor = Cursor(startIndex: bytes.startIndex)
        return cursor.lineAndColumn(of: offset, in: bytes)
    }

    /// Counts lines on from the previous offset it was asked about, so that many locations in increasing order
    /// (the warnings of one parse) cost one pass over the bytes, not one pass each. Asked about an earlier
    /// offset, it starts again from the beginning.
    ///
    /// ```swift
    /// var cursor = LineIndex.Cursor()
    /// let first = cursor.lineAndColumn(of: 10, in: bytes)
    /// let second = cursor.lineAndColumn(of: 400, in: bytes)   // counts from byte 10 on
    /// ```
    public struct Cursor: Sendable {
        var index: Int
        var line = 1
        var lineStart: Int
        let startIndex: Int

        /// A cursor at the start of a collection whose first index is `startIndex`.
        public init(startIndex: Int = 0) {
            self.startIndex = startIndex
            index = startIndex
            lineStart = startIndex
        }

        /// The 1-based line and column (in bytes) of `offset` (from the collection's start) in `bytes`.
        public mutating func lineAndColumn<C: Collection<UInt8>>(of offset: Int, in bytes: C) -> (
            line: Int, column: Int
        ) where C.Index == Int {
            let end = min(bytes.startIndex + max(offset, 0), bytes.endIndex)
            if end < index || startIndex != bytes.startIndex { self = Cursor(startIndex: bytes.startIndex) }
            while index < end {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    lineStart = index + 1
                } else if byte == 0x0D {
                    if index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A {
                        index += 1
                        if index >= end { break }
                    }
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            return (line, end - lineStart + 1)
        }
    }

    /// A ``SourceLocation`` for `offset` in `bytes`, with line and column filled in.
    public static func location<C: Collection<UInt8>>(
        of offset: Int, in bytes: C, path: String? = nil, record: Int? = nil
    ) -> SourceLocation where C.Index == Int {
        let (line, column) = lineAndColumn(of: offset, in: bytes)
        return SourceLocation(record: record, path: path, byteOffset: offset, line: line, column: column)
    }
}
