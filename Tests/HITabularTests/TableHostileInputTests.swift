import Foundation
import HICore
import HITabular
import HITestSupport
import Testing

/// Hostile tables: each case ends with a located error or a documented warning within a bounded time,
/// never a crash. Time: `ContinuousClock`. Memory: the limits (`maximumFieldBytes`, `maximumRowBytes`,
/// `maximumColumns`) are checked while scanning, so a row over them is refused without holding more than
/// the limit plus one chunk; the tests assert the error code and that the reader goes on afterwards.
@Suite(.serialized) struct TableHostileInputTests {
    static func readAll(_ bytes: [UInt8], options: TableReadingOptions = .init()) -> (
        rows: Int, errors: [TabularError], time: Duration
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        var rows = 0
        var errors: [TabularError] = []
        do throws(TabularError) {
            var reader = try TableReader(bytes: bytes, options: options)
            var rounds = 0
            while rounds <= bytes.count + 1 {
                rounds += 1
                do throws(TabularError) {
                    guard let row = try reader.next() else { break }
                    _ = try? row.strings()
                    rows += 1
                } catch {
                    errors.append(error)
                    if !options.lenient { break }
                }
            }
        } catch {
            errors.append(error)
        }
        return (rows, errors, clock.now - start)
    }

    @Test func hugeFieldOverTheLimit() {
        let bytes = Array("a,b\n1,".utf8) + [UInt8](repeating: 0x41, count: 5 << 20) + Array("\n2,3\n".utf8)
        let (rows, errors, time) = Self.readAll(bytes)
        #expect(errors.contains { $0.code == .fieldTooLarge || $0.code == .rowTooLarge })
        #expect(
            errors.allSatisfy { $0.location.line != nil || $0.location.byteOffset != nil || $0.location.record != nil })
        // A broken limit ends the table (documented: "the file cannot be read on"), without reading further.
        #expect(rows == 0)
        #expect(time < .seconds(10), "\(time)")
    }

    @Test func unterminatedQuoteAtTheStartOfABigFile() {
        let bytes = Array("a,b\n\"".utf8) + [UInt8](repeating: 0x41, count: 20 << 20)
        let (_, errors, time) = Self.readAll(bytes)
        #expect(!errors.isEmpty)
        #expect(time < .seconds(10), "\(time)")
    }

    @Test func tooManyColumns() {
        var options = TableReadingOptions()
        options.maximumColumns = 100
        let bytes = Array("a\n".utf8) + [UInt8](repeating: 0x2C, count: 10_000) + [0x0A]
        let (_, errors, _) = Self.readAll(bytes, options: options)
        #expect(errors.contains { $0.code == .tooManyColumns })
    }

    @Test func manyRowsStream() {
        var bytes = Array("a,b\n".utf8)
        for _ in 0..<200_000 { bytes += Array("1,2\n".utf8) }
        let (rows, errors, time) = Self.readAll(bytes)
        #expect(rows == 200_000)
        #expect(errors.isEmpty)
        #expect(time < .seconds(20), "\(time)")
    }

    static let invalid: [(String, [UInt8])] = [
        ("invalid UTF-8", Array("姓名,电话\n".utf8) + [0xC3, 0x28, 0x2C, 0xFF, 0x0A]),
        ("bad GB18030", [0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0x61, 0x0A, 0x81, 0x30, 0x81, 0x2C, 0xFF, 0xFF, 0x0A]),
        ("NUL bytes", Array("a,b\n".utf8) + [0x00, 0x2C, 0x00, 0x0A, 0x31, 0x00, 0x2C, 0x32, 0x0A]),
        ("only quotes", [UInt8](repeating: 0x22, count: 10_001)),
        ("CR only", [UInt8](repeating: 0x0D, count: 10_000)),
    ]

    @Test(arguments: 0..<invalid.count)
    func invalidBytes(_ index: Int) {
        let (name, bytes) = Self.invalid[index]
        for options in [TableReadingOptions(), TableReadingOptions.strict] {
            let (_, errors, time) = Self.readAll(bytes, options: options)
            for error in errors { #expect(!error.description.isEmpty, "\(name)") }
            #expect(time < .seconds(2), "\(name)")
        }
    }

    /// Every prefix of two sample tables (UTF-8 with BOM and quotes, GB18030): rows or located errors, never a trap.
    @Test(
        arguments: try SampleFiles.list("tables").filter {
            ["contract-list-utf8.csv", "contract-list-gb18030.csv"].contains($0.name)
        })
    func truncatedAtEveryByte(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let clock = ContinuousClock()
        let start = clock.now
        for length in 0...bytes.count {
            let (_, errors, _) = Self.readAll(Array(bytes.prefix(length)))
            for error in errors {
                #expect(
                    error.location != SourceLocation.unknown || error.code == .emptyInput, "\(sample.name) at \(length)"
                )
            }
        }
        #expect(clock.now - start < .seconds(20))
    }
}
