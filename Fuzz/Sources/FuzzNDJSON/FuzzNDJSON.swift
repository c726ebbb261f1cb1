import FuzzSupport
import Glibc
import HIFHIR

/// The NDJSON reader goes through any input, line by line, without trapping or looping.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    var reader = NDJSONReader(bytes: bytes)
    var rounds = 0
    while rounds <= count + 1 {
        rounds += 1
        do throws(FHIRError) {
            guard let record = try reader.next() else { return 0 }
            _ = NDJSONWriter.line(record.resource)
        } catch {
            _ = error.description
        }
    }
    preconditionFailure("the reader did not end")
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
