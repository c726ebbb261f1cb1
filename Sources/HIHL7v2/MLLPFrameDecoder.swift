public import HICore

/// Limits for decoding MLLP frames (`0x0B payload 0x1C 0x0D`).
///
/// ```swift
/// var options = MLLPFrameOptions()
/// options.maximumFrameBytes = 4 << 20
/// var decoder = MLLPFrameDecoder(options: options)
/// ```
public struct MLLPFrameOptions: Sendable, Hashable {
    /// The largest payload accepted, in bytes. A longer frame is dropped (``MLLPFrameError/Code/frameTooLarge``)
    /// and the decoder resynchronises on the next start byte; it never buffers more than this.
    public var maximumFrameBytes = 16 << 20
    /// How many leading bytes of a dropped frame are kept in ``MLLPFrameEvent/dropped(_:head:)`` so that a
    /// receiver can still read MSH-10 and answer with a reject acknowledgement.
    public var keptHeadBytes = 4096
    /// Creates the default options (16 MiB frames).
    public init() {}
}

/// One complete MLLP frame: the payload between `0x0B` and `0x1C 0x0D`, in whatever charset the message
/// declares (MLLP does not look inside).
///
/// ```swift
/// let frame = MLLPFrame(payload: Array("MSH|^~\\&|A\r".utf8), streamOffset: 0)
/// print(frame.payload.count)  // 12
/// ```
public struct MLLPFrame: Sendable, Hashable {
    /// The bytes between the start byte and the end bytes.
    public var payload: [UInt8]
    /// The offset of the start byte (`0x0B`) in the stream, counting from 0.
    public var streamOffset: Int

    /// Creates a frame.
    public init(payload: [UInt8], streamOffset: Int) {
        self.payload = payload
        self.streamOffset = streamOffset
    }
}

/// What the decoder found in the bytes it was given.
///
/// ```swift
/// var decoder = MLLPFrameDecoder()
/// for event in decoder.decode([0x0B, 0x41, 0x1C, 0x0D]) {
///     if case .frame(let frame) = event { print(frame.payload) }  // [65]
/// }
/// ```
public enum MLLPFrameEvent: Sendable, Hashable {
    /// A complete frame.
    case frame(MLLPFrame)
    /// Bytes outside any frame were skipped (or a frame ended in `0x1C` without `0x0D`); the issue says
    /// where (stream byte offset) and how many, never the bytes themselves.
    case skipped(Issue)
    /// A frame was dropped: too large, interrupted by a new start byte, or cut off by the end of the
    /// stream. `head` holds its first bytes (up to ``MLLPFrameOptions/keptHeadBytes``).
    case dropped(MLLPFrameError, head: [UInt8])
}

/// Incremental MLLP frame decoder: feed it chunks cut at any byte boundary, get back frames, skipped-byte
/// reports and dropped frames. Memory is bounded by ``MLLPFrameOptions/maximumFrameBytes``.
///
/// ```swift
/// var decoder = MLLPFrameDecoder()
/// var events = decoder.decode([0x0B, 0x4D, 0x53])   // nothing yet
/// events += decoder.decode([0x48, 0x1C, 0x0D])       // .frame(payload "MSH")
/// events += decoder.finish()                         // nothing left over
/// ```
public struct MLLPFrameDecoder: Sendable {
    /// The start byte `0x0B` (vertical tab).
    public static let startByte: UInt8 = 0x0B
    /// The first end byte `0x1C` (file separator).
    public static let endByte: UInt8 = 0x1C
    /// The final end byte `0x0D` (carriage return).
    public static let carriageReturn: UInt8 = 0x0D

    private enum State: Sendable {
        /// Between frames.
        case outside
        /// Inside a frame that is being buffered.
        case inFrame
        /// Saw `0x1C` inside a frame; waiting for `0x0D`.
        case sawEnd
        /// Inside a frame that is too large; discarding until its end or the next start byte.
        case discarding
        /// Saw `0x1C` while discarding.
        case discardingSawEnd
    }

    /// The options in force.
    public let options: MLLPFrameOptions
    private var state = State.outside
    private var buffer: [UInt8] = []
    private var head: [UInt8] = []
    private var frameStart = 0
    private var junkStart = 0
    private var junkCount = 0
    /// How many bytes have been fed so far (the stream offset of the next byte).
    public private(set) var streamOffset = 0

    /// Creates a decoder.
    public init(options: MLLPFrameOptions = MLLPFrameOptions()) {
        self.options = options
    }

    /// `true` while a frame has started but not ended (a read timeout applies).
    public var isInsideFrame: Bool { state != .outside }

    /// Decodes the next chunk of the stream.
    /// - Parameter chunk: the bytes, cut anywhere.
    /// - Returns: the events completed by this chunk, in stream order.
    public mutating func decode(_ chunk: [UInt8]) -> [MLLPFrameEvent] {
        chunk.withUnsafeBufferPointer { decode(buffer: $0) }
    }

    /// Decodes the next chunk of the stream.
    public mutating func decode(_ chunk: ArraySlice<UInt8>) -> [MLLPFrameEvent] {
        chunk.withUnsafeBufferPointer { decode(buffer: $0) }
    }

    /// Decodes the next chunk of the stream from raw memory (socket buffers).
    public mutating func decode(buffer chunk: UnsafeBufferPointer<UInt8>) -> [MLLPFrameEvent] {
        var events: [MLLPFrameEvent] = []
        var index = 0
        let count = chunk.count
        while index < count {
            let byte = chunk[index]
            let offset = streamOffset + index
            switch state {
            case .outside:
                if byte == Self.startByte {
                    flushJunk(into: &events)
                    startFrame(at: offset)
                } else {
                    if junkCount == 0 { junkStart = offset }
                    junkCount += 1
                }
                index += 1
            case .inFrame:
                // Copy the run of ordinary bytes in one go.
                var end = index
                while end < count, chunk[end] != Self.endByte, chunk[end] != Self.startByte { end += 1 }
                let run = end - index
                if run > 0 {
                    if buffer.count + run > options.maximumFrameBytes {
                        let room = max(0, options.maximumFrameBytes - buffer.count)
                        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<(index + room)]))
                        dropOversize(into: &events)
                        index += room
                        continue
                    }
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[index..<end]))
                    index = end
                    continue
                }
                if byte == Self.endByte {
                    state = .sawEnd
                } else {
                    // A start byte inside a frame: the previous frame never ended.
                    events.append(
                        .dropped(
                            MLLPFrameError(.unterminatedFrame, streamOffset: frameStart, byteCount: buffer.count),
                            head: takeHead()))
                    startFrame(at: offset)
                }
                index += 1
            case .sawEnd:
                let frame = MLLPFrame(payload: buffer, streamOffset: frameStart)
                buffer = []
                events.append(.frame(frame))
                state = .outside
                if byte == Self.carriageReturn {
                    index += 1
                } else {
                    // Lenient: the frame ended with 0x1C alone; the byte is looked at again outside.
                    events.append(
                        .skipped(
                            Issue(
                                .warning, code: MLLPFrameError.Code.missingCarriageReturn.issueCode,
                                "frame end byte 0x1C not followed by 0x0D",
                                at: SourceLocation(byteOffset: offset - 1))))
                }
            case .discarding:
                var end = index
                while end < count, chunk[end] != Self.endByte, chunk[end] != Self.startByte { end += 1 }
                if end == count {
                    index = end
                    continue
                }
                if chunk[end] == Self.endByte {
                    state = .discardingSawEnd
                } else {
                    startFrame(at: streamOffset + end)
                }
                index = end + 1
            case .discardingSawEnd:
                state = .outside
                if byte == Self.carriageReturn { index += 1 }
            }
        }
        streamOffset += count
        return events
    }

    /// Ends the stream: reports a frame cut off by the end and any trailing bytes outside frames.
    ///
    /// A run of bytes outside frames is reported when the next frame starts or here, so that the events do
    /// not depend on how the stream was cut into chunks.
    public mutating func finish() -> [MLLPFrameEvent] {
        var events: [MLLPFrameEvent] = []
        switch state {
        case .outside:
            flushJunk(into: &events)
        case .sawEnd:
            // The stream ended right after 0x1C: the frame is complete but for its final 0x0D.
            events.append(.frame(MLLPFrame(payload: buffer, streamOffset: frameStart)))
            events.append(
                .skipped(
                    Issue(
                        .warning, code: MLLPFrameError.Code.missingCarriageReturn.issueCode,
                        "frame end byte 0x1C not followed by 0x0D", at: SourceLocation(byteOffset: streamOffset - 1))))
        case .inFrame:
            events.append(
                .dropped(
                    MLLPFrameError(.incompleteFrame, streamOffset: frameStart, byteCount: buffer.count),
                    head: takeHead()))
        case .discarding, .discardingSawEnd:
            break
        }
        state = .outside
        buffer = []
        return events
    }

    private mutating func startFrame(at offset: Int) {
        state = .inFrame
        frameStart = offset
        buffer = []
        buffer.reserveCapacity(min(options.maximumFrameBytes, 4096))
    }

    private mutating func takeHead() -> [UInt8] {
        let kept = Array(buffer.prefix(options.keptHeadBytes))
        buffer = []
        return kept
    }

    private mutating func dropOversize(into events: inout [MLLPFrameEvent]) {
        events.append(
            .dropped(
                MLLPFrameError(.frameTooLarge, streamOffset: frameStart, byteCount: buffer.count),
                head: takeHead()))
        state = .discarding
    }

    private mutating func flushJunk(into events: inout [MLLPFrameEvent]) {
        guard junkCount > 0 else { return }
        events.append(
            .skipped(
                Issue(
                    .warning, code: MLLPFrameError.Code.bytesOutsideFrame.issueCode,
                    "\(junkCount) byte\(junkCount == 1 ? "" : "s") outside any MLLP frame skipped",
                    at: SourceLocation(byteOffset: junkStart))))
        junkCount = 0
    }
}

/// A problem with MLLP framing: a frame that was dropped, or a payload that cannot be framed.
///
/// `==` compares codes only, so tests can write `#expect(error.code == .frameTooLarge)`.
///
/// ```swift
/// do { _ = try MLLPFrameEncoder.encode([0x41, 0x1C]) } catch { print(error.code) }  // payloadContainsEndByte
/// ```
public struct MLLPFrameError: LocatedError, Hashable {
    /// The kind of framing problem.
    ///
    /// ```swift
    /// if error.code == .frameTooLarge { print(error.code.issueCode) }  // HI-MLLP-0001
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case frameTooLarge, unterminatedFrame, incompleteFrame, bytesOutsideFrame, missingCarriageReturn
            case payloadContainsEndByte, payloadContainsStartByte
        }
        private let base: Base
        /// A frame exceeded ``MLLPFrameOptions/maximumFrameBytes``; it was dropped.
        public static let frameTooLarge = Code(base: .frameTooLarge)
        /// A new start byte arrived before the frame ended; the unfinished frame was dropped.
        public static let unterminatedFrame = Code(base: .unterminatedFrame)
        /// The stream (connection) ended inside a frame.
        public static let incompleteFrame = Code(base: .incompleteFrame)
        /// Bytes outside any frame were skipped (reported as an issue).
        public static let bytesOutsideFrame = Code(base: .bytesOutsideFrame)
        /// A frame ended with `0x1C` not followed by `0x0D` (accepted, reported as an issue).
        public static let missingCarriageReturn = Code(base: .missingCarriageReturn)
        /// A payload to be framed contains `0x1C`, which would end the frame early.
        public static let payloadContainsEndByte = Code(base: .payloadContainsEndByte)
        /// A payload to be framed contains `0x0B`, which a receiver reads as a new frame.
        public static let payloadContainsStartByte = Code(base: .payloadContainsStartByte)

        /// The stable issue code (`HI-MLLP-00nn`).
        public var issueCode: IssueCode {
            switch base {
            case .frameTooLarge: "HI-MLLP-0001"
            case .unterminatedFrame: "HI-MLLP-0002"
            case .incompleteFrame: "HI-MLLP-0003"
            case .bytesOutsideFrame: "HI-MLLP-0004"
            case .missingCarriageReturn: "HI-MLLP-0005"
            case .payloadContainsEndByte: "HI-MLLP-0006"
            case .payloadContainsStartByte: "HI-MLLP-0007"
            }
        }

        public var description: String { String(describing: base) }
    }

    /// What went wrong.
    public let code: Code
    /// The stream offset of the frame's start byte (decoding) or of the offending byte (encoding).
    public let streamOffset: Int
    /// How many payload bytes had been received when the frame was dropped (decoding), else 0.
    public let byteCount: Int

    /// Creates an error.
    public init(_ code: Code, streamOffset: Int, byteCount: Int = 0) {
        self.code = code
        self.streamOffset = streamOffset
        self.byteCount = byteCount
    }

    public static func == (lhs: MLLPFrameError, rhs: MLLPFrameError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var issueCode: IssueCode { code.issueCode }
    public var location: SourceLocation { SourceLocation(byteOffset: streamOffset) }
    public var reason: String {
        switch code {
        case .frameTooLarge: "MLLP frame exceeds the size limit (\(byteCount) bytes kept); frame dropped"
        case .unterminatedFrame: "MLLP frame interrupted by a new start byte after \(byteCount) bytes; frame dropped"
        case .incompleteFrame: "stream ended inside an MLLP frame after \(byteCount) bytes; frame dropped"
        case .bytesOutsideFrame: "bytes outside any MLLP frame"
        case .missingCarriageReturn: "frame end byte 0x1C not followed by 0x0D"
        case .payloadContainsEndByte: "payload contains the MLLP end byte 0x1C and cannot be framed"
        default: "payload contains the MLLP start byte 0x0B and cannot be framed"
        }
    }
    public var description: String { "\(issueCode) \(reason) (\(location))" }
}
