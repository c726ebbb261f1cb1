public import HIHL7v2
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings of an ``MLLPSender``.
///
/// ```swift
/// var options = MLLPSenderOptions()
/// options.acknowledgementTimeout = .seconds(10)
/// options.maximumAttempts = 5
/// ```
public struct MLLPSenderOptions: Sendable {
    /// How long one connection attempt may take.
    public var connectTimeout: Duration = .seconds(5)
    /// How long to wait for the acknowledgement of each message.
    public var acknowledgementTimeout: Duration = .seconds(30)
    /// How often a message is tried when the connection fails or is lost (1 = no retry). A message that
    /// was sent but whose connection broke before its acknowledgement is sent again (at-least-once).
    public var maximumAttempts = 3
    /// The pause before the first retry; doubled after each failed attempt up to ``maximumBackoff``.
    public var initialBackoff: Duration = .milliseconds(200)
    /// The longest pause between attempts.
    public var maximumBackoff: Duration = .seconds(5)
    /// Limits for the acknowledgement frames read back.
    public var frame = MLLPFrameOptions()
    /// Creates the default options.
    public init() {}
}

/// One message delivered: its position, control id and the acknowledgement that came back.
///
/// ```swift
/// let delivery = try await sender.send(bytes)
/// print(delivery.code ?? "none requested", delivery.controlID ?? "-")
/// ```
public struct MLLPDelivery: Sendable, Hashable {
    /// The message's position in what was sent, from 0.
    public var messageIndex: Int
    /// MSH-10 of the message sent.
    public var controlID: String?
    /// The acknowledgement; `nil` when the message asked for none (MSH-15 and MSH-16 both `NE`).
    public var acknowledgement: HL7v2Acknowledgement?
    /// MSA-1 of the acknowledgement.
    public var code: HL7v2AcknowledgementCode? { acknowledgement?.code }
    /// MSA-2 of the acknowledgement (equal to ``controlID`` when one came back).
    public var acknowledgedControlID: String? { acknowledgement?.acknowledgedControlID }
}

/// An MLLP client: sends messages over one connection (opened on first use, reopened after a loss) and
/// waits for each acknowledgement, matched by control id (MSA-2 = MSH-10).
///
/// Socket work runs on a dedicated thread; callers just `await`. Calls on one sender are serialised.
/// Task cancellation is not observed: every wait is bounded by the connect and acknowledgement timeouts.
/// When a message asks for both a commit and an application acknowledgement (MSH-15 and MSH-16 `AL`),
/// the sender waits for the application acknowledgement after the CA.
///
/// ```swift
/// let sender = MLLPSender(host: "127.0.0.1", port: 2575)
/// let delivery = try await sender.send(messageBytes)  // throws on AE/AR/CE/CR, timeout, lost connection
/// print(delivery.code ?? "-", delivery.acknowledgedControlID ?? "-")
/// let results = await sender.send([first, second])  // one Result per message, in order
/// await sender.close()
/// ```
public final class MLLPSender: Sendable {
    private struct Connection {
        var socket: Socket
        var decoder: MLLPFrameDecoder
        var pending: [[UInt8]] = []
    }

    /// The peer host.
    public let host: String
    /// The peer port.
    public let port: Int
    /// The options in force.
    public let options: MLLPSenderOptions
    private let connection = Mutex<Connection?>(nil)
    private let closed = Atomic<Bool>(false)

    /// Creates a sender; it connects on the first send.
    public init(host: String, port: Int, options: MLLPSenderOptions = MLLPSenderOptions()) {
        self.host = host
        self.port = port
        self.options = options
    }

    /// Sends one message and waits for its acknowledgement.
    /// - Returns: the delivery with its acknowledgement (AA or CA, or the application acknowledgement when
    ///   one is expected; none when MSH-15 and MSH-16 are both `NE`).
    /// - Throws: ``MLLPError``: `negativeAcknowledgement` (AE/AR/CE/CR), `acknowledgementTimeout`,
    ///   `connectFailed`/`connectTimeout`/`connectionClosed` after all attempts, `invalidMessage`.
    public func send(_ message: [UInt8]) async throws(MLLPError) -> MLLPDelivery {
        let results = await send([message])
        return try results[0].get()
    }

    /// Sends messages in order, each after the previous one is acknowledged.
    /// - Returns: one result per message: its acknowledgement, or the error naming its index and control id.
    ///   A negative acknowledgement or a timeout does not stop the following messages.
    public func send(_ messages: [[UInt8]]) async -> [Result<MLLPDelivery, MLLPError>] {
        await Threads.run { self.sendBlocking(messages) }
    }

    /// Closes the connection; later sends fail with `stopped`.
    public func close() async {
        closed.store(true, ordering: .relaxed)
        await Threads.run {
            self.connection.withLock { connection in
                connection?.socket.close()
                connection = nil
            }
        }
    }

    private var endpoint: String { "\(host):\(port)" }

    private func sendBlocking(_ messages: [[UInt8]]) -> [Result<MLLPDelivery, MLLPError>] {
        connection.withLock { connection in
            var results: [Result<MLLPDelivery, MLLPError>] = []
            results.reserveCapacity(messages.count)
            for (index, message) in messages.enumerated() {
                results.append(sendOne(message, index: index, connection: &connection))
            }
            return results
        }
    }

    private func sendOne(
        _ message: [UInt8], index: Int, connection: inout Connection?
    ) -> Result<MLLPDelivery, MLLPError> {
        let header = HL7v2MessageHeader(bytes: message)
        let controlID = header?.controlID
        func failure(_ code: MLLPError.Code, systemError: Int32? = nil, ack: String? = nil) -> MLLPError {
            MLLPError(
                code, endpoint: endpoint, messageIndex: index, controlID: controlID, acknowledgementCode: ack,
                systemError: systemError)
        }
        guard let header, let framed = try? MLLPFrameEncoder.encode(message) else {
            return .failure(failure(.invalidMessage))
        }
        let expectsNothing =
            header.acknowledgementMode == .enhanced && header.acceptAcknowledgementType == "NE"
            && header.applicationAcknowledgementType == "NE"
        let expectsApplicationAfterCommit =
            header.acknowledgementMode == .enhanced && header.acceptAcknowledgementType != "NE"
            && header.applicationAcknowledgementType == "AL"
        var backoff = options.initialBackoff
        var lastError = failure(.connectFailed)
        for attempt in 1...max(1, options.maximumAttempts) {
            if closed.load(ordering: .relaxed) { return .failure(failure(.stopped)) }
            if attempt > 1 {
                sleep(for: backoff)
                backoff = min(backoff * 2, options.maximumBackoff)
            }
            if connection == nil {
                switch Socket.connect(host: host, port: port, timeout: options.connectTimeout) {
                case .success(let socket):
                    connection = Connection(socket: socket, decoder: MLLPFrameDecoder(options: options.frame))
                case .failure(let error):
                    lastError = failure(error.code, systemError: error.systemError)
                    if error.code == .addressUnavailable { return .failure(lastError) }
                    continue
                }
            }
            guard var open = connection else { continue }
            let deadline = ContinuousClock.now + options.acknowledgementTimeout
            if let code = open.socket.sendAll(framed, until: deadline) {
                open.socket.close()
                connection = nil
                lastError = failure(code == ETIMEDOUT ? .acknowledgementTimeout : .sendFailed, systemError: code)
                continue
            }
            if expectsNothing {
                return .success(MLLPDelivery(messageIndex: index, controlID: controlID, acknowledgement: nil))
            }
            switch awaitAcknowledgement(
                controlID: controlID, afterCommit: expectsApplicationAfterCommit, connection: &open, until: deadline)
            {
            case .success(let ack):
                connection = open
                guard ack.code.isPositive else {
                    return .failure(failure(.negativeAcknowledgement, ack: ack.code.rawValue))
                }
                return .success(MLLPDelivery(messageIndex: index, controlID: controlID, acknowledgement: ack))
            case .failure(let code, let systemError):
                open.socket.close()
                connection = nil
                if code == .acknowledgementTimeout { return .failure(failure(code)) }
                lastError = failure(code, systemError: systemError)
            }
        }
        return .failure(lastError)
    }

    private enum AwaitResult {
        case success(HL7v2Acknowledgement)
        case failure(MLLPError.Code, Int32?)
    }

    private func awaitAcknowledgement(
        controlID: String?, afterCommit: Bool, connection: inout Connection, until deadline: ContinuousClock.Instant
    ) -> AwaitResult {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            while !connection.pending.isEmpty {
                let payload = connection.pending.removeFirst()
                guard let ack = HL7v2Acknowledgement(parsing: payload) else { continue }
                // Skip acknowledgements of earlier attempts or messages (stale) and match by control id. A
                // negative acknowledgement with an empty MSA-2 (the receiver could not read MSH-10) is taken
                // as the answer to the message in flight.
                let blankReject = ack.acknowledgedControlID.isEmpty && !ack.code.isPositive
                if let controlID, ack.acknowledgedControlID != controlID, !blankReject { continue }
                if afterCommit, ack.code == .commitAccept { continue }
                return .success(ack)
            }
            switch connection.socket.wait(for: Int16(POLLIN), until: deadline, wake: nil) {
            case .timedOut: return .failure(.acknowledgementTimeout, nil)
            case .woken, .ready: break
            }
            switch buffer.withUnsafeMutableBytes({ connection.socket.receive(into: $0) }) {
            case .wouldBlock: continue
            case .closed: return .failure(.connectionClosed, nil)
            case .failed(let code): return .failure(.receiveFailed, code)
            case .bytes(let count):
                let events = buffer.withUnsafeBufferPointer {
                    connection.decoder.decode(buffer: UnsafeBufferPointer(rebasing: $0[0..<count]))
                }
                for case .frame(let frame) in events { connection.pending.append(frame.payload) }
            }
        }
    }

    private func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }
}
