import FuzzSupport
import Glibc
import HIXML

/// The libxml2-backed reader (no external entities, depth and size limits) never traps; what parses
/// serializes and re-parses to an equal document, and the serialization is a fixed point.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let document = try? XMLDocument(parsing: bytes) else { return 0 }
    let written = document.serialized()
    guard let again = try? XMLDocument(parsing: written) else { preconditionFailure("re-parse failed") }
    precondition(again.root == document.root, "re-parsed root differs")
    precondition(again.serialized() == written, "serialization is not a fixed point")
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
