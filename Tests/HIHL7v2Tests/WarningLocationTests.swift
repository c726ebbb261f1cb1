import HICore
import HIHL7v2
import Testing

/// Warnings carry the same line and column as `LineIndex` computes from scratch, although the tokenizer counts
/// lines on from the previous warning (CR, LF and CRLF endings mixed, warnings on many lines).
@Suite struct WarningLocationTests {
    @Test(arguments: ["\r", "\n", "\r\n"])
    func warningLinesAndColumnsMatchLineIndex(_ ending: String) throws {
        var text = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5" + ending
        for index in 0..<60 {
            // A segment ID in lower case and trailing delimiters give recoverable warnings on many lines.
            text += (index % 3 == 0 ? "zz\(index % 10)|x|" : "PID|\(index)||||") + (index % 2 == 0 ? ending : "\r\n")
        }
        let bytes = Array(text.utf8)
        let message = try HL7v2Message(parsing: bytes)
        let located = message.issues.filter { $0.location.byteOffset != nil }
        #expect(!located.isEmpty, "the input should give warnings")
        for issue in located {
            let offset = try #require(issue.location.byteOffset)
            let (line, column) = LineIndex.lineAndColumn(of: offset, in: bytes)
            #expect(issue.location.line == line, "\(issue.code) at \(offset)")
            #expect(issue.location.column == column, "\(issue.code) at \(offset)")
        }
    }
}
