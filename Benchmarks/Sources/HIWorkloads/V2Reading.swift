import HIHL7v2

/// The read every v2 benchmark and the peer harness perform: PID-3, PID-5 and every OBX-5 as decoded
/// strings (whole fields, escapes resolved, as python-hl7's `str(field)` gives them). Returns a checksum.
///
/// ```swift
/// let checksum = try V2Reading.parseAndRead(bytes)
/// ```
public enum V2Reading {
    @inline(__always)
    public static func read(_ message: HL7v2Message) -> Int {
        var checksum = 0
        for segment in message.segments(withID: "PID") {
            checksum &+= segment.field(3)?.value.utf8.count ?? 0
            checksum &+= segment.field(5)?.value.utf8.count ?? 0
        }
        for segment in message.segments(withID: "OBX") {
            checksum &+= segment.field(5)?.value.utf8.count ?? 0
        }
        return checksum
    }

    public static func parseAndRead(_ bytes: [UInt8]) -> Int {
        guard let message = try? HL7v2Message(parsing: bytes) else { return -1 }
        return read(message)
    }
}
