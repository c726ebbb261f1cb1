import HICore
import HITabular
import HITestSupport
import Testing

/// What each valid sample is expected to look like.
struct SampleExpectation: Sendable {
    var delimiter: Delimiter
    var charset: Charset
    var bom: Bool
    var lineEnding: LineEnding
    var rows: Int
    var columns: Int
}

let sampleExpectations: [String: SampleExpectation] = [
    "contract-list-utf8.csv": SampleExpectation(
        delimiter: .comma, charset: .utf8, bom: true, lineEnding: .crlf, rows: 6, columns: 12),
    "contract-list-gb18030.csv": SampleExpectation(
        delimiter: .comma, charset: .gb18030, bom: false, lineEnding: .crlf, rows: 6, columns: 12),
    "contract-list-gb18030-pipe.txt": SampleExpectation(
        delimiter: .pipe, charset: .gb18030, bom: false, lineEnding: .crlf, rows: 6, columns: 12),
    "followup-register.tsv": SampleExpectation(
        delimiter: .tab, charset: .utf8, bom: false, lineEnding: .lf, rows: 5, columns: 14),
    "lab-extract.csv": SampleExpectation(
        delimiter: .comma, charset: .utf8, bom: false, lineEnding: .lf, rows: 6, columns: 11),
    "county-contract-gb18030.csv": SampleExpectation(
        delimiter: .comma, charset: .gb18030, bom: false, lineEnding: .crlf, rows: 4, columns: 8),
    "rejects/contract-list-bad-rows.csv": SampleExpectation(
        delimiter: .comma, charset: .utf8, bom: false, lineEnding: .lf, rows: 5, columns: 12),
]

/// The valid samples: everything under Samples/tables except invalid/ and mappings/.
func validTableSamples() throws -> [SampleFile] {
    try SampleFiles.list("tables").filter { !$0.name.hasPrefix("invalid/") && !$0.name.hasPrefix("mappings/") }
}

func sampleBytes(_ name: String) throws -> [UInt8] {
    try SampleFiles.list("tables").first { $0.name == name }.map { try $0.bytes() } ?? []
}

func readAllRows(_ bytes: [UInt8], options: TableReadingOptions = TableReadingOptions()) throws -> Table {
    try TableReader.readAll(bytes: bytes, options: options)
}

@Suite struct TableReaderTests {
    @Test(arguments: try validTableSamples())
    func detectsDialectAndShape(_ sample: SampleFile) throws {
        let expected = try #require(sampleExpectations[sample.name], "no expectation for \(sample.name)")
        let table = try readAllRows(try sample.bytes(), options: .strict)
        #expect(table.dialect.delimiter == expected.delimiter)
        #expect(table.dialect.charset == expected.charset)
        #expect(table.dialect.byteOrderMark == expected.bom)
        #expect(table.dialect.lineEnding == expected.lineEnding)
        #expect(table.rows.count == expected.rows)
        #expect(table.header?.count == expected.columns)
        #expect(table.rows.allSatisfy { $0.count == expected.columns })
        #expect(table.issues.isEmpty, "\(table.issues)")
    }

    @Test(arguments: try validTableSamples())
    func readsFromAFileSource(_ sample: SampleFile) throws {
        var options = TableReadingOptions.strict
        options.chunkSize = 5
        var reader = try TableReader(path: sample.url.path, options: options)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(try row.strings()) }
        let whole = try readAllRows(try sample.bytes())
        #expect(rows == (try whole.rows.map { try $0.strings() }))
    }

    @Test(arguments: try validTableSamples())
    func chunkBoundariesDoNotChangeTheResult(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let reference = try readAllRows(bytes)
        for chunkSize in 1...7 {
            var options = TableReadingOptions()
            options.chunkSize = chunkSize
            options.detectionSampleBytes = 40 + chunkSize  // detection from a small sample cut at any byte
            let table = try readAllRows(bytes, options: options)
            let sameHeader = table.header == reference.header
            let sameRows = table.rows == reference.rows
            #expect(sameHeader, "chunk \(chunkSize)")
            #expect(sameRows, "chunk \(chunkSize)")
            #expect(table.dialect == reference.dialect, "chunk \(chunkSize)")
            #expect(table.issues.isEmpty)
        }
    }

    @Test func contractListUTF8Values() throws {
        let table = try readAllRows(try sampleBytes("contract-list-utf8.csv"))
        let header = try #require(table.header)
        #expect(header.names.first == "姓名")  // the BOM is not part of the first name
        #expect(header.index(of: "身份证号") == 3)
        #expect(header.index(of: "人群分类") == 10)
        let first = table.rows[0]
        #expect(first.rowNumber == 2)
        #expect(first.line == 2)
        #expect(try first.string(at: 0) == "张伟明")
        #expect(try first.string(at: 3) == "330102195603120114")
        #expect(try first.string(at: 5) == "浙江省杭州市上城区,清波街道1号")  // quoted comma
        #expect(first.isQuoted(5))
        #expect(!first.isQuoted(0))
        #expect(try table.rows[1].string(at: 11) == "行动不便\n需上门服务")  // quoted newline
        #expect(table.rows[2].rowNumber == 4)
        #expect(table.rows[2].line == 5)  // the quoted newline in row 3 moved the lines on
        #expect(try table.rows[2].string(at: 11) == "说\"按时服药\"")  // doubled quotes
        #expect(try table.rows[4].string(at: 4) == "")  // empty phone
        let headerLine = "姓名,性别,出生日期,身份证号,联系电话,现住址,签约日期,签约医生,签约团队,服务包,人群分类,备注\r\n"
        #expect(table.rows[0].byteOffset == 3 + Array(headerLine.utf8).count)
    }

    @Test(arguments: ["contract-list-gb18030.csv", "contract-list-gb18030-pipe.txt"])
    func gb18030ValuesWithASCIITrailBytes(_ name: String) throws {
        let bytes = try sampleBytes(name)
        // The sample really holds the hazardous trail bytes: 瑋 = AC 7C, 琝 = AC 5C.
        let pairs = zip(bytes, bytes.dropFirst())
        #expect(pairs.contains { $0 == 0xAC && $1 == 0x7C })
        #expect(pairs.contains { $0 == 0xAC && $1 == 0x5C })
        for chunkSize in [1, 2, 3, 65536] {
            var options = TableReadingOptions.strict
            options.chunkSize = chunkSize
            let table = try readAllRows(bytes, options: options)
            #expect(table.header?.names[0] == "姓名")
            #expect(table.header?.names[11] == "备注")
            #expect(try table.rows[2].string(at: 0) == "王瑋")
            #expect(try table.rows[3].string(at: 0) == "陈琝")
            #expect(try table.rows[2].string(at: 1) == "男")
            #expect(try table.rows[2].string(at: 6) == "2026年3月20日")
            #expect(try table.rows[0].string(at: 5) == "浙江省杭州市上城区,清波街道1号")
            #expect(try table.rows[1].string(at: 11) == "行动不便\n需上门服务")
            #expect(table.rows.allSatisfy { $0.count == 12 })
        }
    }

    @Test func overridesWinOverDetection() throws {
        let bytes = Array("a;b,c\n1;2,3\n".utf8)
        var options = TableReadingOptions()
        options.delimiter = .comma
        let table = try readAllRows(bytes, options: options)
        #expect(table.header?.names == ["a;b", "c"])
        // Charset override: GBK bytes of 姓名 / 张三.
        var gbk = TableReadingOptions()
        gbk.charset = .gbk
        let gbkTable = try readAllRows([0xD0, 0xD5, 0xC3, 0xFB, 0x0A, 0xD5, 0xC5, 0xC8, 0xFD, 0x0A], options: gbk)
        #expect(gbkTable.header?.names == ["姓名"])
        #expect(try gbkTable.rows[0].string(at: 0) == "张三")
        #expect(gbkTable.dialect.charset == .gbk)
    }

    @Test func detectsDelimitersAndEncodings() {
        func delimiter(_ text: String) -> Delimiter {
            TableDetection.delimiter(of: Array(text.utf8)[...], charset: .utf8, complete: true)
        }
        #expect(delimiter("a\tb\tc\n1\t2\t3\n") == .tab)
        #expect(delimiter("a;b;c\n1;2,5;3\n") == .semicolon)
        #expect(delimiter("a|b\n1|2\n") == .pipe)
        #expect(delimiter("\"a,b\";c\n1;2\n") == .semicolon)
        #expect(delimiter("single\n") == .comma)
        // 王瑋,1 in GB18030 (瑋 = AC 7C): not a `|` when stepping over characters.
        let gb: [UInt8] = [0xCD, 0xF5, 0xAC, 0x7C, 0x2C, 0x31, 0x0A, 0xCD, 0xF5, 0xAC, 0x7C, 0x2C, 0x32, 0x0A]
        #expect(TableDetection.delimiter(of: gb[...], charset: .gb18030, complete: true) == .comma)
        #expect(TableDetection.charset(of: gb[...], complete: true) == .gb18030)
        #expect(TableDetection.charset(of: Array("姓名".utf8)[...], complete: true) == .utf8)
        // A UTF-8 character cut off at the end of an incomplete sample is still UTF-8.
        let cut = Array(Array("姓名".utf8).dropLast())
        #expect(TableDetection.charset(of: cut[...], complete: false) == .utf8)
        #expect(TableDetection.charset(of: cut[...], complete: true) == .gb18030)
    }

    @Test func gb18030ByteOrderMarkIsSkipped() throws {
        let bytes = TableDialect.gb18030BOM + [0xD0, 0xD5, 0xC3, 0xFB, 0x0D, 0x0A, 0xD5, 0xC5, 0xC8, 0xFD, 0x0D, 0x0A]
        let table = try readAllRows(bytes)
        #expect(table.dialect.byteOrderMark)
        #expect(table.dialect.charset == .gb18030)
        #expect(table.header?.names == ["姓名"])
        #expect(table.rows[0].byteOffset == 10)
    }

    @Test func lineEndingsAndBlankLines() throws {
        for text in ["a,b\r1,2\r3,4\r", "a,b\n1,2\n\n3,4", "a,b\r\n1,2\r\n3,4\r\n\r\n"] {
            let table = try readAllRows(Array(text.utf8), options: .strict)
            #expect(table.rows.count == 2, "\(text.debugDescription)")
            #expect(try table.rows.map { try $0.strings() } == [["1", "2"], ["3", "4"]])
        }
        let quotedCR = try readAllRows(Array("a\n\"x\ry\r\nz\"\n".utf8))
        #expect(try quotedCR.rows[0].string(at: 0) == "x\ry\r\nz")
        let trailing = try readAllRows(Array("a,b\n1,\n".utf8))
        #expect(try trailing.rows[0].strings() == ["1", ""])
    }
}

@Suite struct TableReaderEdgeTests {
    @Test func gbkOverrideWithPipeTrailBytes() throws {
        // 王瑋|陈琝 / 张三|李四 in GBK: 瑋 = AC 7C, 琝 = AC 5C.
        let bytes: [UInt8] = [
            0xCD, 0xF5, 0xAC, 0x7C, 0x7C, 0xB3, 0xC2, 0xAC, 0x5C, 0x0A,
            0xD5, 0xC5, 0xC8, 0xFD, 0x7C, 0xC0, 0xEE, 0xCB, 0xC4, 0x0A,
        ]
        for chunkSize in 1...4 {
            var options = TableReadingOptions.strict
            options.charset = .gbk
            options.chunkSize = chunkSize
            let table = try TableReader.readAll(bytes: bytes, options: options)
            #expect(table.dialect.delimiter == .pipe)
            #expect(table.header?.names == ["王瑋", "陈琝"])
            #expect(try table.rows[0].strings() == ["张三", "李四"])
        }
    }

    @Test func longFirstLineWithTinyChunksStaysFast() throws {
        var options = TableReadingOptions()
        options.chunkSize = 1
        let line = [UInt8](repeating: 0x61, count: 200_000) + [0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x32, 0x0A]
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let table = try TableReader.readAll(bytes: line, options: options)
            #expect(table.rows.count == 1)
            #expect(table.header?.count == 2)
        }
        #expect(elapsed < .seconds(5))
        // A long quoted field in a data row, fed one byte at a time.
        let quoted = Array("a,b\n1,\"".utf8) + [UInt8](repeating: 0x78, count: 200_000) + Array("\"\n".utf8)
        let elapsedQuoted = try clock.measure {
            let table = try TableReader.readAll(bytes: quoted, options: options)
            #expect(table.rows.first?.fieldBytes(at: 1)?.count == 200_000)
        }
        #expect(elapsedQuoted < .seconds(5))
    }

    @Test func gb18030RowDecodingInOneCall() throws {
        var writer = TableWriter(dialect: TableDialect(delimiter: .comma, charset: .gb18030, lineEnding: .lf))
        try writer.writeRow(["姓名", "备注", "编号"])
        try writer.writeRow(["王瑋", "有\u{0}空字符", "A1"])  // a NUL inside a field: the per-field path
        try writer.writeRow(["陈琝", "", "B2"])
        try writer.writeRow(["𠀀", "行一\n行二", "C3"])  // a 4-byte GB18030 character
        let table = try TableReader.readAll(bytes: writer.bytes, options: .strict)
        #expect(try table.rows[0].strings() == ["王瑋", "有\u{0}空字符", "A1"])
        #expect(try table.rows[1].strings() == ["陈琝", "", "B2"])
        #expect(try table.rows[2].strings() == ["𠀀", "行一\n行二", "C3"])
        for row in table.rows {
            #expect(try row.strings() == (0..<row.count).map { row[$0] ?? "?" })
        }
    }

    @Test func missingFileIsAReadError() {
        let error = #expect(throws: TabularError.self) { try TableReader(path: "/nonexistent/table.csv") }
        #expect(error?.code == .readFailed)
        #expect(error?.location.file == "/nonexistent/table.csv")
    }

    @Test func headerlessTables() throws {
        var options = TableReadingOptions()
        options.hasHeader = false
        let table = try TableReader.readAll(bytes: Array("1,2\n3\n".utf8), options: options)
        #expect(table.header == nil)
        #expect(table.rows.count == 2)
        #expect(table.rows[0].rowNumber == 1)
        #expect(table.issues.isEmpty)  // no header, so no ragged rows
    }
}
