public import HICore

/// An MLLP networking error: addresses, sockets, timeouts and negative acknowledgements.
///
/// Errors name the message by its position (`messageIndex`, from 0) and control id (MSH-10), never by
/// content. `==` compares codes only.
///
/// ```swift
/// do {
///     _ = try await sender.send(message)
/// } catch {
///     if error.code == .negativeAcknowledgement { print(error.controlID ?? "-", error.acknowledgementCode ?? "-") }
/// }
/// ```
public struct MLLPError: LocatedError, Hashable {
    /// The kind of error.
    ///
    /// ```swift
    /// if error.code == .acknowledgementTimeout { print(error.code.issueCode) }  // HI-MLLP-0109
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case addressUnavailable, bindFailed, alreadyStarted, connectFailed, connectTimeout, connectionClosed
            case sendFailed, receiveFailed, acknowledgementTimeout, negativeAcknowledgement, invalidMessage
            case stopped
        }
        private let base: Base
        /// The host name or address could not be resolved or used.
        public static let addressUnavailable = Code(base: .addressUnavailable)
        /// The listening socket could not be created, bound or put into listening state.
        public static let bindFailed = Code(base: .bindFailed)
        /// ``MLLPListener/start()`` was called twice.
        public static let alreadyStarted = Code(base: .alreadyStarted)
        /// The connection was refused or failed (after all retries).
        public static let connectFailed = Code(base: .connectFailed)
        /// Connecting took longer than the connect timeout (after all retries).
        public static let connectTimeout = Code(base: .connectTimeout)
        /// The peer closed the connection before the acknowledgement arrived (after all retries).
        public static let connectionClosed = Code(base: .connectionClosed)
        /// Writing to the socket failed (after all retries).
        public static let sendFailed = Code(base: .sendFailed)
        /// Reading from the socket failed (after all retries).
        public static let receiveFailed = Code(base: .receiveFailed)
        /// No matching acknowledgement arrived within the acknowledgement timeout.
        public static let acknowledgementTimeout = Code(base: .acknowledgementTimeout)
        /// The acknowledgement was AE, AR, CE or CR.
        public static let negativeAcknowledgement = Code(base: .negativeAcknowledgement)
        /// The message to send has no MSH segment or contains MLLP framing bytes.
        public static let invalidMessage = Code(base: .invalidMessage)
        /// The sender or listener was closed.
        public static let stopped = Code(base: .stopped)

        /// The stable issue code (`HI-MLLP-01nn`).
        public var issueCode: IssueCode {
            switch base {
            case .addressUnavailable: "HI-MLLP-0101"
            case .bindFailed: "HI-MLLP-0102"
            case .alreadyStarted: "HI-MLLP-0103"
            case .connectFailed: "HI-MLLP-0104"
            case .connectTimeout: "HI-MLLP-0105"
            case .connectionClosed: "HI-MLLP-0106"
            case .sendFailed: "HI-MLLP-0107"
            case .receiveFailed: "HI-MLLP-0108"
            case .acknowledgementTimeout: "HI-MLLP-0109"
            case .negativeAcknowledgement: "HI-MLLP-0110"
            case .invalidMessage: "HI-MLLP-0111"
            case .stopped: "HI-MLLP-0112"
            }
        }

        public var description: String { String(describing: base) }
    }

    /// What went wrong.
    public var code: Code
    /// `host:port` of the peer or the listening address.
    public var endpoint: String?
    /// The position of the message in what was sent, from 0.
    public var messageIndex: Int?
    /// MSH-10 of the message concerned.
    public var controlID: String?
    /// MSA-1 of a negative acknowledgement.
    public var acknowledgementCode: String?
    /// The `errno` of a failed system call.
    public var systemError: Int32?

    /// Creates an error.
    public init(
        _ code: Code, endpoint: String? = nil, messageIndex: Int? = nil, controlID: String? = nil,
        acknowledgementCode: String? = nil, systemError: Int32? = nil
    ) {
        self.code = code
        self.endpoint = endpoint
        self.messageIndex = messageIndex
        self.controlID = controlID
        self.acknowledgementCode = acknowledgementCode
        self.systemError = systemError
    }

    public static func == (lhs: MLLPError, rhs: MLLPError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var issueCode: IssueCode { code.issueCode }
    public var location: SourceLocation {
        SourceLocation(record: messageIndex.map { $0 + 1 }, path: controlID.map { "MSH-10 \($0)" })
    }

    public var reason: String {
        var text: String
        switch code {
        case .addressUnavailable: text = "cannot resolve or use the address"
        case .bindFailed: text = "cannot listen on the address"
        case .alreadyStarted: text = "the listener is already started"
        case .connectFailed: text = "cannot connect"
        case .connectTimeout: text = "connecting timed out"
        case .connectionClosed: text = "the connection was closed before the acknowledgement arrived"
        case .sendFailed: text = "sending failed"
        case .receiveFailed: text = "receiving failed"
        case .acknowledgementTimeout: text = "no acknowledgement within the timeout"
        case .negativeAcknowledgement: text = "negative acknowledgement \(acknowledgementCode ?? "?")"
        case .invalidMessage: text = "the message has no MSH segment or contains MLLP framing bytes"
        default: text = "closed"
        }
        if let endpoint { text += " (\(endpoint))" }
        if let messageIndex {
            text = "message \(messageIndex + 1)\(controlID.map { " (control id \($0))" } ?? ""): " + text
        }
        if let systemError { text += ": " + Socket.describe(systemError) }
        return text
    }

    public var description: String { "\(issueCode) \(reason)" }
}
