import FuzzSupport
import Glibc
import HIHL7v2

let fixed = Array(
    ("MSH|^~\\&|LIS|H1|HIS|H1|20240101120000||ORU^R01^ORU_R01|MSG1|P|2.5.1|||||CHN|UNICODE UTF-8\r"
        + "PID|1||11010519491231002X^^^^RRN~X1^^^H1^MR||张^三||19491231|M|||路1号^^110105\r"
        + "OBX|1|NM|GLU^葡萄糖||5.6|mmol/L|3.9-6.1|N|||F\rOBX|2|ST|X||a\\F\\b\r").utf8)

/// Path parsing never traps; get and set at a parsed path keep the message parseable.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: min(count, 4096)))
    let text = String(decoding: bytes, as: UTF8.self)
    let split = text.firstIndex(of: "=") ?? text.endIndex
    let pathText = String(text[..<split])
    let value = split < text.endIndex ? String(text[text.index(after: split)...]) : "v"
    guard let path = try? HL7v2Path(pathText) else { return 0 }
    _ = path.description
    guard var message = try? HL7v2Message(parsing: fixed) else { preconditionFailure("fixed message") }
    _ = message.elements(at: path)
    _ = try? message.values(at: pathText)
    _ = message.text(at: pathText)
    if (try? message.setValue(value, at: pathText)) != nil {
        let written = message.serializedBytes()
        guard let again = try? HL7v2Message(parsing: written) else { preconditionFailure("set broke the message") }
        precondition(again.serializedBytes() == written, "round trip after set differs")
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
