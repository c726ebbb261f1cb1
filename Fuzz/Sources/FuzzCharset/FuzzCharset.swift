import FuzzSupport
import Glibc
import HICore

/// Decoding GB18030/GBK/UTF-8 never traps, and lossy decoding always yields a string.
@c(LLVMFuzzerTestOneInput)
public func fuzzCharset(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    for charset in [Charset.gb18030, .gbk, .utf8, .ascii, .latin1] {
        if let text = try? charset.decode(bytes) {
            // What decodes must encode back to the same bytes.
            precondition((try? charset.encode(text)) == bytes || charset == .gbk, "re-encoding differs")
        }
        _ = charset.decodeLossy(bytes)
    }
    var index = 0
    while index < bytes.count {
        index += Charset.gb18030.characterLength(at: index, in: bytes) ?? 1
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzCharset) }
}
