import FuzzSupport
import Glibc
import HIV3
import HIXML

/// HL7 V3 interaction messages: what parses as a V3 message yields its typed content (or a located V3
/// error), gets an acknowledgement that names its message id and reads back, and round-trips through the
/// serializer to an equal root element.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let message = try? V3Message(parsing: bytes) else { return 0 }
    _ = try? V3Content(message)
    let acknowledgement = V3Acknowledgement.responding(to: message)
    guard let again = try? V3Message(parsing: acknowledgement.serialized()) else {
        preconditionFailure("the acknowledgement does not parse")
    }
    guard (try? V3Acknowledgement(reading: again)) != nil else {
        preconditionFailure("the acknowledgement does not read")
    }
    guard let reparsed = try? V3Message(parsing: message.serialized()) else {
        preconditionFailure("a serialized message does not re-parse")
    }
    // The root, not the document: a declaration naming an encoding the writer cannot produce (UTF-7) is
    // rewritten as UTF-8.
    precondition(reparsed.element == message.element, "a serialized message re-parses to a different one")
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
