import FuzzSupport
import Glibc
import HIFHIR

/// What the lossless reader accepts writes (compact and pretty) and re-reads to an equal tree; the
/// writers' output is a fixed point.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let tree = try? JSONReader.read(bytes) else { return 0 }
    for style in [JSONWriter.Style.compact, .pretty] {
        let written = JSONWriter.write(tree, style: style)
        guard let again = try? JSONReader.read(written) else { preconditionFailure("re-read failed") }
        precondition(again == tree, "re-read tree differs")
        precondition(JSONWriter.write(again, style: style) == written, "writer output is not a fixed point")
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
