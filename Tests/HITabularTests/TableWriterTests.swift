import HICore
import HITabular
import HITestSupport
import Testing

@Suite struct TableWriterTests {
    /// Every valid sample is canonical (quotes only where needed, one line ending, a final line ending), so
    /// reading it and writing its rows back with the detected dialect gives the same bytes.
    @Test(arguments: try validTableSamples())
    func readThenWriteIsByteExact(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let table = try TableReader.readAll(bytes: bytes, options: .strict)
        var writer = TableWriter(dialect: table.dialect)
        try writer.writeRow(try #require(table.header).names)
        for row in table.rows { try writer.writeRow(try row.strings()) }
        let same = writer.bytes == bytes
        #expect(same, "\(sample.name): \(writer.bytes.count) bytes written, \(bytes.count) read")
    }

    @Test func quotesOnlyWhereNeeded() throws {
        var writer = TableWriter(dialect: TableDialect(delimiter: .comma, lineEnding: .lf))
        try writer.writeRow(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "tab\there", "a|b"])
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,tab\there,a|b\n")
        var tsv = TableWriter(dialect: TableDialect(delimiter: .tab, lineEnding: .crlf))
        try tsv.writeRow(["a,b", "tab\there"])
        #expect(String(decoding: tsv.bytes, as: UTF8.self) == "a,b\t\"tab\there\"\r\n")
    }

    @Test func excelBOMAndGB18030Output() throws {
        var utf8 = TableWriter(dialect: TableDialect(byteOrderMark: true))
        try utf8.writeRow(["姓名"])
        #expect(utf8.bytes == [0xEF, 0xBB, 0xBF] + Array("姓名\r\n".utf8))

        var gb = TableWriter(dialect: TableDialect(delimiter: .pipe, charset: .gb18030, lineEnding: .lf))
        try gb.writeRow(["王瑋", "陈琝"])
        // 王 CD F5, 瑋 AC 7C, |, 陈 B3 C2, 琝 AC 5C: the trail byte 0x7C is not quoted, the reader steps over it.
        #expect(gb.bytes == [0xCD, 0xF5, 0xAC, 0x7C, 0x7C, 0xB3, 0xC2, 0xAC, 0x5C, 0x0A])
        let back = try TableReader.readAll(
            bytes: gb.bytes,
            options: {
                var o = TableReadingOptions()
                o.hasHeader = false
                return o
            }())
        #expect(try back.rows[0].strings() == ["王瑋", "陈琝"])
        #expect(back.dialect.delimiter == .pipe)

        var gbBOM = TableWriter(dialect: TableDialect(charset: .gb18030, byteOrderMark: true, lineEnding: .lf))
        try gbBOM.writeRow(["张三"])
        #expect(gbBOM.bytes == [0x84, 0x31, 0x95, 0x33, 0xD5, 0xC5, 0xC8, 0xFD, 0x0A])
        let gbBack = try TableReader.readAll(bytes: gbBOM.bytes)
        #expect(gbBack.dialect.byteOrderMark && gbBack.dialect.charset == .gb18030)
        #expect(gbBack.header?.names == ["张三"])

        var gbk = TableWriter(dialect: TableDialect(charset: .gbk, byteOrderMark: true))
        try gbk.writeRow(["张三"])
        #expect(gbk.bytes == [0xD5, 0xC5, 0xC8, 0xFD, 0x0D, 0x0A])  // no BOM exists for GBK

        var latin = TableWriter(dialect: TableDialect(charset: .latin1))
        let error = #expect(throws: TabularError.self) { try latin.writeRow(["ok", "张三"]) }
        #expect(error?.code == .unencodable)
        #expect(error?.columnIndex == 1)
    }

    @Test func takeBytesStreams() throws {
        var writer = TableWriter(dialect: TableDialect(lineEnding: .lf))
        try writer.writeRow(["a"])
        #expect(writer.takeBytes() == Array("a\n".utf8))
        try writer.writeRow(["b"])
        #expect(writer.takeBytes() == Array("b\n".utf8))
    }
}
