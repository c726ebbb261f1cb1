import FuzzSupport
import Glibc
import HICore
import HIHL7v2

/// The streaming reader, fed in chunks whose size comes from the first input byte, yields the same
/// records (kind, offset, bytes) and errors as the in-memory reader.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let chunk = Int(start[0]) + 1
    let bytes = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
    let path = "/tmp/fuzz-er7-reader-\(getpid()).hl7"
    guard let file = fopen(path, "wb") else { return 0 }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    defer { unlink(path) }
    var memory = HL7v2MessageReader(bytes: bytes)
    guard let source = try? ByteSource(path: path) else { return 0 }
    var streaming = HL7v2MessageReader(source: source)
    streaming.chunkSize = chunk
    var rounds = 0
    while rounds < 100_000 {
        rounds += 1
        let left: Result<HL7v2Record?, HL7v2Error> = Result { () throws(HL7v2Error) in try memory.nextRecord() }
        let right: Result<HL7v2Record?, HL7v2Error> = Result { () throws(HL7v2Error) in try streaming.nextRecord() }
        switch (left, right) {
        case (.success(let a), .success(let b)):
            guard let a, let b else {
                precondition(a == nil && b == nil, "one reader ended early")
                precondition(memory.issues.map(\.code) == streaming.issues.map(\.code), "issues differ")
                return 0
            }
            precondition(a.kind == b.kind, "record kinds differ")
            precondition(a.bytes == b.bytes, "record bytes differ")
            precondition(a.byteOffset == b.byteOffset, "offsets differ")
        case (.failure(let a), .failure(let b)):
            precondition(a.code == b.code, "error codes differ")
        default:
            preconditionFailure("one reader failed, the other did not")
        }
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
