import HICore
import HITabular
import HITestSupport
import Testing

/// The code tables under ../shared/corpus/cn/mappings are real CSV/TSV exports (NBS 统计用区划代码, GB/T 2260,
/// WS/T 500 template tables): the reader must take every one strictly, with the right delimiter.
@Suite struct SharedCorpusTableTests {
    static let tables = SharedCorpus.files("cn/mappings", extensions: ["csv", "tsv"])

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusHasTheTables() {
        #expect(Self.tables.count >= 8)
    }

    @Test(arguments: tables)
    func corpusTableReadsStrictly(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        var options = TableReadingOptions.strict
        options.chunkSize = 4096
        let table = try TableReader.readAll(bytes: bytes, options: options)
        let header = try #require(table.header)
        #expect(table.dialect.delimiter == (file.name.hasSuffix(".tsv") ? .tab : .comma), "\(file.name)")
        #expect(table.dialect.charset == .utf8)
        #expect(table.issues.isEmpty, "\(file.name)")
        // One record per line (no quoted newlines in these tables); blank lines are skipped.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).count
        #expect(table.rows.count == lines - 1, "\(file.name)")
        #expect(table.rows.allSatisfy { $0.count == header.count })
        // The first column is a code of ASCII letters, digits and dots in every row.
        for row in table.rows {
            let code = try #require(try row.string(at: 0))
            #expect(!code.isEmpty && code.utf8.allSatisfy { $0 < 0x80 }, "\(file.name) row \(row.rowNumber)")
        }
        if file.name == "gb2260-mca-201904.tsv" { #expect(table.rows.count == 3219) }
    }
}
