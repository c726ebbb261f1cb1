/// Wraps payloads in MLLP frames: `0x0B payload 0x1C 0x0D`.
///
/// ```swift
/// let framed = try MLLPFrameEncoder.encode(Array("MSH|^~\\&|A\r".utf8))
/// print(framed.first == 0x0B, framed.suffix(2) == [0x1C, 0x0D])  // true true
/// ```
public enum MLLPFrameEncoder {
    /// Frames one payload.
    /// - Parameter payload: the message bytes in any charset; must not contain `0x0B` or `0x1C`.
    /// - Returns: the framed bytes.
    /// - Throws: ``MLLPFrameError`` (`payloadContainsStartByte`, `payloadContainsEndByte`) with the offset.
    public static func encode(_ payload: [UInt8]) throws(MLLPFrameError) -> [UInt8] {
        var output: [UInt8] = []
        try encode(payload, into: &output)
        return output
    }

    /// Appends one framed payload to `output` (for writing several frames with one system call).
    /// - Throws: ``MLLPFrameError`` when the payload contains a framing byte; `output` is then unchanged.
    public static func encode(_ payload: [UInt8], into output: inout [UInt8]) throws(MLLPFrameError) {
        if let offset = payload.firstIndex(where: { $0 == MLLPFrameDecoder.startByte || $0 == MLLPFrameDecoder.endByte }
        ) {
            let code: MLLPFrameError.Code =
                payload[offset] == MLLPFrameDecoder.endByte ? .payloadContainsEndByte : .payloadContainsStartByte
            throw MLLPFrameError(code, streamOffset: offset)
        }
        output.reserveCapacity(output.count + payload.count + 3)
        output.append(MLLPFrameDecoder.startByte)
        output.append(contentsOf: payload)
        output.append(MLLPFrameDecoder.endByte)
        output.append(MLLPFrameDecoder.carriageReturn)
    }
}
