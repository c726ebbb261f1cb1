import FuzzSupport
import Glibc
import HIHL7v2

/// Parsing ER7 (lenient and strict) never traps; what parses answers every accessor.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    for options in [HL7v2ParseOptions(), HL7v2ParseOptions.strict] {
        guard let message = try? HL7v2Message(parsing: bytes, options: options) else { continue }
        _ = message.canonicalJSON()
        _ = (message.messageType, message.controlID, message.version)
        for segment in message.segments {
            for field in segment.fields {
                _ = field.value
                for repetition in field.children { for component in repetition.children { _ = component.value } }
            }
        }
        _ = message.value(at: "PID-5.1")
        _ = message.text(at: "OBX-5")
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
