public import HICore
public import HIHL7v2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings of an ``MLLPListener``. The defaults suit a production feed on a private network.
///
/// ```swift
/// var options = MLLPListenerOptions(host: "127.0.0.1", port: 0)
/// options.maximumConnections = 16
/// options.idleTimeout = .seconds(120)
/// ```
public struct MLLPListenerOptions: Sendable {
    /// The address to listen on (`127.0.0.1`, `0.0.0.0`, `::`, or a host name).
    public var host: String
    /// The TCP port; 0 lets the system pick one (read it from ``MLLPListener/port``).
    public var port: Int
    /// Connections served at once; further connections are accepted and closed at once.
    public var maximumConnections = 64
    /// A connection that sends nothing for this long between messages is closed.
    public var idleTimeout: Duration = .seconds(300)
    /// Once a frame has started, it must be complete within this time, or the connection is closed.
    public var readTimeout: Duration = .seconds(30)
    /// A handler that has not returned after this long is cancelled and the message answered AE (CE in
    /// enhanced mode), so a stuck handler cannot hold a connection, or ``MLLPListener/stop()``, for ever.
    public var handlerTimeout: Duration = .seconds(60)
    /// Writing an acknowledgement must finish within this time, or the connection is closed.
    public var writeTimeout: Duration = .seconds(30)
    /// On ``MLLPListener/stop()``, a frame already being received may still complete for this long.
    public var shutdownGracePeriod: Duration = .seconds(5)
    /// The listen backlog.
    public var backlog: Int32 = 128
    /// Frame limits (maximum frame size).
    public var frame = MLLPFrameOptions()
    /// How each message is parsed before the handler sees it; a message that does not parse is rejected
    /// (AR, or CR in enhanced mode) with the parser's error as an ERR segment.
    public var parsing = HL7v2ParseOptions()
    /// How acknowledgements are built (ERR mapping, MSA-3).
    public var acknowledgement = HL7v2AcknowledgementOptions()
    /// The prefix of acknowledgement control ids (MSH-10 of each ACK); a counter follows it. The default is
    /// `A` + the start time in base 36 + `-`.
    public var controlIDPrefix: String
    /// Called (from connection threads) for connections, messages and problems; keep it fast.
    public var onEvent: (@Sendable (MLLPListenerEvent) -> Void)?

    /// Creates options for `host:port`.
    public init(host: String = "127.0.0.1", port: Int) {
        self.host = host
        self.port = port
        // Seconds since 1970 in base 36 (7 characters until 2059): ids stay well under MSH-10's 20 characters
        // and differ between runs.
        self.controlIDPrefix = "A" + String(time(nil), radix: 36).uppercased() + "-"
    }
}

/// What happened on a listener, for logs and metrics. Texts hold positions and codes, never message content.
///
/// ```swift
/// options.onEvent = { event in if case .refused(let peer) = event { print("refused", peer) } }
/// ```
public enum MLLPListenerEvent: Sendable, Hashable {
    /// A connection was accepted (connection number, peer `host:port`).
    case opened(connection: Int, peer: String)
    /// A connection was refused because ``MLLPListenerOptions/maximumConnections`` were open.
    case refused(peer: String)
    /// A connection was closed, with the reason (`"peer closed"`, `"idle timeout"`, …).
    case closed(connection: Int, reason: String)
    /// A message was received and answered (receipt index from 0, its control id, the codes sent back).
    case answered(connection: Int, receiptIndex: Int, controlID: String?, codes: [HL7v2AcknowledgementCode])
    /// A framing or processing problem (bytes skipped, frame dropped, timeout, handler failure).
    case issue(connection: Int, Issue)
}

/// One received message, as given to the handler.
///
/// ```swift
/// let listener = MLLPListener(options: options) { received in
///     print(received.receiptIndex, received.message.controlID ?? "-", received.bytes.count)
///     return .accepted
/// }
/// ```
public struct MLLPReceivedMessage: Sendable {
    /// The parsed message (its ``HL7v2Message/issues`` hold the parser's warnings).
    public var message: HL7v2Message
    /// The frame payload, exactly as received (any charset).
    public var bytes: [UInt8]
    /// The message header, read from `bytes`.
    public var header: HL7v2MessageHeader
    /// The order of receipt over the listener's life, from 0 (unique per listener).
    public var receiptIndex: Int
    /// The connection number, from 1.
    public var connection: Int
    /// The peer `host:port`.
    public var peer: String
}

/// What the handler decided about a message.
///
/// ```swift
/// return MLLPHandlerResult(issues: [Issue(.error, code: "HI-APP-0001", "PID-3 missing")])  // AE
/// ```
public struct MLLPHandlerResult: Sendable {
    /// Problems found; any error makes the acknowledgement AE, and each becomes an ERR segment.
    public var issues: [Issue]
    /// `true` rejects the message (AR, or CR in enhanced mode) whatever the issues.
    public var rejected: Bool
    /// MSA-3 text; `nil` derives one from the issues.
    public var text: String?

    /// Creates a result.
    public init(issues: [Issue] = [], rejected: Bool = false, text: String? = nil) {
        self.issues = issues
        self.rejected = rejected
        self.text = text
    }

    /// Accepted without remarks (AA / CA).
    public static let accepted = MLLPHandlerResult()
}
