import FuzzSupport
import Glibc
import HIHL7v2

/// What parses serializes to the same bytes and re-parses to the same tree (canonical JSON).
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let message = try? HL7v2Message(parsing: bytes) else { return 0 }
    let written = message.serializedBytes()
    precondition(written == bytes, "serialized bytes differ from the input")
    guard let again = try? HL7v2Message(parsing: written) else { preconditionFailure("re-parse failed") }
    precondition(again.segmentCount == message.segmentCount, "segment count differs")
    precondition(again.canonicalJSON() == message.canonicalJSON(), "canonical JSON differs")
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
