import FuzzSupport
import Glibc
import HITabular

/// The table reader with charset/delimiter detection goes through any input (lenient and strict)
/// without trapping; every row's fields decode or fail with a located error.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    for options in [TableReadingOptions(), TableReadingOptions.strict] {
        guard var reader = try? TableReader(bytes: bytes, options: options) else { continue }
        var rounds = 0
        while rounds <= count + 1 {
            rounds += 1
            do throws(TabularError) {
                guard let row = try reader.next() else { break }
                _ = try? row.strings()
                _ = row.byteOffset(ofField: row.count - 1)
            } catch {
                _ = error.description
                if !options.lenient { break }
            }
        }
        precondition(rounds <= count + 1, "the reader did not end")
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
