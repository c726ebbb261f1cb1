import FuzzSupport
import Glibc
import HICore
import HIHL7v2

/// The MLLP frame decoder, fed in chunks whose size comes from the first input byte, finds the same
/// frames as when fed at once; every frame's header can be read and answered with an ACK that parses;
/// what the encoder frames decodes back to the same payload.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let chunk = Int(start[0]) + 1
    let bytes = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
    var options = MLLPFrameOptions()
    options.maximumFrameBytes = 1 << 16
    var whole = MLLPFrameDecoder(options: options)
    let all = whole.decode(bytes) + whole.finish()
    var pieces = MLLPFrameDecoder(options: options)
    var events: [MLLPFrameEvent] = []
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + chunk)
        events += pieces.decode(bytes[offset..<end])
        offset = end
    }
    events += pieces.finish()
    let frames = { (list: [MLLPFrameEvent]) -> [MLLPFrame] in
        list.compactMap { if case .frame(let frame) = $0 { return frame } else { return nil } }
    }
    precondition(frames(all) == frames(events), "chunked decoding found other frames")
    for frame in frames(all) {
        precondition(!frame.payload.contains(MLLPFrameDecoder.endByte), "a payload holds the end byte")
        if let header = HL7v2MessageHeader(bytes: frame.payload) {
            let ack = HL7v2Acknowledgement.build(
                for: header, code: .applicationAccept, controlID: "ACK1", timestamp: "20240101000000")
            let parsed = HL7v2Acknowledgement(parsing: ack.bytes)
            precondition(parsed?.code == .applicationAccept, "the ACK does not read back")
        }
        if let framed = try? MLLPFrameEncoder.encode(frame.payload) {
            var decoder = MLLPFrameDecoder(options: options)
            let again = frames(decoder.decode(framed) + decoder.finish())
            precondition(again.map(\.payload) == [frame.payload], "encode then decode differs")
        }
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
