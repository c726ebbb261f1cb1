import HICore
import HITabular
import HITestSupport
import Testing

/// The expected error of each invalid sample in strict mode.
struct InvalidExpectation: Sendable {
    var code: TabularError.Code
    var issueCode: IssueCode
    var row: Int
    var columnName: String?
    var byteOffset: Int
    var line: Int
}

// Byte offsets: UTF-8 Chinese characters are 3 bytes each.
let invalidExpectations: [String: InvalidExpectation] = [
    // 姓名,性别,备注\n = 21 bytes; 张伟明,男,正常\n = 22; 李秀英,女, = 13 → the quote is at 56.
    "invalid/unterminated-quote.csv": InvalidExpectation(
        code: .unterminatedQuote, issueCode: "HI-TAB-0001", row: 3, columnName: "备注", byteOffset: 56, line: 3),
    // 姓名,性别,联系电话\n = 27; 张伟明,男,13800000001\n = 26; row 3 starts at 53 and has 2 fields; the
    // missing third field is located at the end of the row (53 + 13 = 66).
    "invalid/ragged-row.csv": InvalidExpectation(
        code: .raggedRow, issueCode: "HI-TAB-0004", row: 3, columnName: "联系电话", byteOffset: 66, line: 3),
    // 姓名,备注\n = 14; 张伟明,他说 = 16 → the stray quote at 30.
    "invalid/stray-quote.csv": InvalidExpectation(
        code: .strayQuote, issueCode: "HI-TAB-0002", row: 2, columnName: "备注", byteOffset: 30, line: 2),
]

@Suite struct TableErrorTests {
    @Test(arguments: try SampleFiles.list("tables/invalid"))
    func invalidSamplesFailWithTheirLocation(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        if sample.name == "bad-encoding.csv" {
            // Not UTF-8 → detected as GB18030; 0xFF is not valid there either: the cell fails to decode.
            let table = try TableReader.readAll(bytes: bytes, options: .strict)
            #expect(table.dialect.charset == .gb18030)
            #expect(try table.rows[0].string(at: 0) == "张伟明")
            let error = try #require(throws: TabularError.self) { try table.rows[0].string(at: 1) }
            #expect(error.code == .invalidEncoding)
            #expect(error.issueCode == "HI-TAB-0008")
            #expect(error.row == 2)
            #expect(error.columnIndex == 1)
            #expect(error.location.byteOffset == 17)  // GB18030: 姓名,性别\n (10) + 张伟明, (7) → the 0xFF at 17
            #expect(table.rows[0][1] == "\u{FFFD}\u{FFFD}")
            // Decoding the whole row (one iconv call) falls back to field by field and locates the bad cell.
            let rowError = try #require(throws: TabularError.self) { try table.rows[0].strings() }
            #expect(rowError.columnIndex == 1)
            return
        }
        let expected = try #require(invalidExpectations["invalid/" + sample.name], "\(sample.name)")
        var reader = try TableReader(bytes: bytes, options: .strict)
        let error = try #require(throws: TabularError.self) {
            while try reader.next() != nil {}
        }
        #expect(error.code == expected.code)
        #expect(error.issueCode == expected.issueCode)
        #expect(error.row == expected.row)
        #expect(error.columnName == expected.columnName)
        #expect(error.location.byteOffset == expected.byteOffset)
        #expect(error.location.line == expected.line)
        #expect(error.location.record == expected.row)
        #expect(error.location.path == "row \(expected.row), column \(expected.columnName ?? "")")

        // Lenient: the same problem is a warning and every row is still read.
        let lenient = try TableReader.readAll(bytes: bytes)
        let warning = try #require(lenient.issues.first)
        #expect(warning.severity == .warning)
        #expect(warning.code == expected.issueCode)
        #expect(warning.location.byteOffset == expected.byteOffset)
    }

    @Test func lenientModeKeepsWhatItCan() throws {
        let ragged = try TableReader.readAll(bytes: try sampleBytes("invalid/ragged-row.csv"))
        #expect(ragged.rows.count == 3)
        #expect(ragged.rows[1].count == 2)
        #expect(ragged.rows[1][2] == nil)
        #expect(ragged.rows[2].count == 4)
        #expect(ragged.rows[2][3] == "多余")
        #expect(ragged.issues.count == 2)
        #expect(ragged.issues.map(\.location.record) == [3, 4])

        let unterminated = try TableReader.readAll(bytes: try sampleBytes("invalid/unterminated-quote.csv"))
        #expect(unterminated.rows.count == 2)
        #expect(unterminated.rows[1][2] == "未闭合的引号\n下一行\n")

        let stray = try TableReader.readAll(bytes: try sampleBytes("invalid/stray-quote.csv"))
        #expect(stray.rows[0][1] == "他说\"好\"")  // the quotes are kept as text

        let after = try TableReader.readAll(bytes: Array("a,b\n\"x\"y,2\n".utf8))
        #expect(after.rows[0][0] == "\"x\"y")  // the raw field, as written
        #expect(after.issues.map(\.code) == ["HI-TAB-0003"])
    }

    @Test func strictModeRejectsOneRowAndGoesOn() throws {
        var reader = try TableReader(bytes: Array("a,b\n1,2\n3\n4,5\n".utf8), options: .strict)
        #expect(try reader.next()?[0] == "1")
        #expect(throws: TabularError.self) { try reader.next() }
        #expect(try reader.next()?[0] == "4")
        #expect(try reader.next() == nil)
    }

    @Test func limitsAreEnforced() throws {
        var options = TableReadingOptions()
        options.maximumFieldBytes = 8
        let field = #expect(throws: TabularError.self) {
            _ = try TableReader.readAll(bytes: Array("a\n123456789\n".utf8), options: options)
        }
        #expect(field?.code == .fieldTooLarge)

        options = TableReadingOptions()
        options.maximumColumns = 3
        let columns = #expect(throws: TabularError.self) {
            _ = try TableReader.readAll(bytes: Array("a,b,c,d\n".utf8), options: options)
        }
        #expect(columns?.code == .tooManyColumns)

        options = TableReadingOptions()
        options.maximumRowBytes = 100
        options.chunkSize = 16
        let huge = Array("a\n\"".utf8) + [UInt8](repeating: 0x41, count: 10_000)
        let row = #expect(throws: TabularError.self) { _ = try TableReader.readAll(bytes: huge, options: options) }
        #expect(row?.code == .rowTooLarge)

        let empty = #expect(throws: TabularError.self) { _ = try TableReader(bytes: []) }
        #expect(empty?.code == .emptyInput)
    }

    @Test func errorsNeverContainCellValues() throws {
        var reader = try TableReader(bytes: Array("姓名,身份证号\n张伟明,\"330102195603120114\n".utf8), options: .strict)
        let error = try #require(throws: TabularError.self) { while try reader.next() != nil {} }
        #expect(!error.description.contains("330102"))
        #expect(!error.description.contains("张伟明"))
        #expect(error.description.contains("身份证号"))  // the column name is not personal data
    }

    /// Hostile input: every truncation and many single-byte mutations of every sample, read in lenient and
    /// strict mode with small chunks: errors are fine, a crash is not.
    @Test(arguments: try SampleFiles.list("tables"))
    func truncatedAndMutatedInputNeverCrashes(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let interesting: [UInt8] = [0x22, 0x2C, 0x09, 0x7C, 0x0D, 0x0A, 0x81, 0xFF, 0x00, 0xAC, 0xEF]
        var inputs: [[UInt8]] = []
        for length in stride(from: 0, through: bytes.count, by: max(1, bytes.count / 61)) {
            inputs.append(Array(bytes.prefix(length)))
        }
        var generator = SplitMix(seed: UInt64(bytes.count))
        for _ in 0..<70 where !bytes.isEmpty {
            var mutated = bytes
            let index = Int(generator.next() % UInt64(bytes.count))
            mutated[index] = interesting[Int(generator.next() % UInt64(interesting.count))]
            inputs.append(mutated)
        }
        for (number, input) in inputs.enumerated() {
            for strict in [false, true] {
                var options = strict ? TableReadingOptions.strict : TableReadingOptions()
                options.chunkSize = 1 + number % 7
                guard var reader = try? TableReader(bytes: input, options: options) else { continue }
                var rows = 0
                while rows < 10_000 {
                    do {
                        guard let row = try reader.next() else { break }
                        for index in 0..<row.count {
                            _ = try? row.string(at: index)
                            _ = row[index]
                        }
                        rows += 1
                    } catch {
                        if error.code == .fieldTooLarge || error.code == .rowTooLarge { break }
                        rows += 1
                    }
                }
                if let header = reader.header {
                    _ = TableMapper(mapping: BuiltInMappings.contractList, header: header)
                }
            }
        }
    }
}

/// A tiny deterministic generator for mutation tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
