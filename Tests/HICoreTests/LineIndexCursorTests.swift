import HICore
import Testing

/// `LineIndex.Cursor` gives the same line and column as counting from the start, for offsets in any order,
/// over CR, LF and CRLF endings and over an array slice.
@Suite struct LineIndexCursorTests {
    static let text = Array("MSH|a\rPID|1\nOBX|1\r\nOBX|2\r\rNTE|x\n\nEND".utf8)

    @Test func increasingDecreasingAndRepeatedOffsetsMatchAFreshCount() {
        var cursor = LineIndex.Cursor()
        let offsets = Array(0...Self.text.count) + [30, 3, 3, 11, 12, 13, 40, 0]
        for offset in offsets {
            let fresh = LineIndex.lineAndColumn(of: offset, in: Self.text)
            let counted = cursor.lineAndColumn(of: offset, in: Self.text)
            #expect(counted == fresh, "offset \(offset)")
        }
        #expect(LineIndex.lineAndColumn(of: 12, in: Self.text) == (3, 1))
    }

    @Test func slicesCountFromTheirOwnStart() {
        let slice = Self.text[6...]
        var cursor = LineIndex.Cursor(startIndex: slice.startIndex)
        #expect(cursor.lineAndColumn(of: 0, in: slice) == (1, 1))
        #expect(cursor.lineAndColumn(of: 6, in: slice) == (2, 1))
        #expect(cursor.lineAndColumn(of: 6, in: slice) == LineIndex.lineAndColumn(of: 6, in: slice))
    }
}
