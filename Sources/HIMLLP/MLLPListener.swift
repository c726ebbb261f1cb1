import HICore
import HIHL7v2
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An MLLP server: accepts connections, decodes frames, calls an async handler once per message and answers
/// each with an HL7 acknowledgement (original mode AA/AE/AR, or enhanced mode CA/CE/CR per MSH-15 and
/// AA/AE/AR per MSH-16).
///
/// Each connection is served by its own thread (blocking socket waits never occupy the Swift concurrency
/// pool); messages on one connection are handled in order, connections in parallel. A bad frame or a
/// failing handler gets a negative acknowledgement and never stops the listener or other connections.
///
/// | situation | original mode | enhanced mode |
/// |---|---|---|
/// | handler returns no errors | AA | CA (+ AA per MSH-16) |
/// | handler returns error issues | AE + ERR | CA (+ AE + ERR per MSH-16) |
/// | handler returns `rejected` | AR | CR |
/// | handler throws, or exceeds ``MLLPListenerOptions/handlerTimeout`` | AE | CE |
/// | frame has no readable MSH | AR | AR |
/// | message does not parse (``MLLPListenerOptions/parsing``) | AR + ERR | CR + ERR |
/// | frame over the size limit / cut by a new start byte | AR (MSA-2 salvaged when readable) | CR |
/// | peer disconnects mid-frame | dropped (nobody to answer) | dropped |
///
/// ```swift
/// let listener = MLLPListener(options: MLLPListenerOptions(host: "127.0.0.1", port: 0)) { received in
///     try await store(received.bytes)
///     return .accepted
/// }
/// let port = try listener.start()
/// // … later
/// await listener.stop()
/// ```
public final class MLLPListener: Sendable {
    /// The message handler: called once per received message, on the Swift concurrency pool.
    public typealias Handler = @Sendable (MLLPReceivedMessage) async throws -> MLLPHandlerResult

    private enum Phase { case idle, running, stopping, stopped }

    private struct State {
        var phase = Phase.idle
        var port: Int?
        var wakeRead: Int32 = -1
        var wakeWrite: Int32 = -1
        var acceptRunning = false
        var activeConnections = 0
        var nextConnection = 1
        var stopDeadline: ContinuousClock.Instant?
        var waiters: [CheckedContinuation<Void, Never>] = []
        var statistics = MLLPListenerStatistics()
    }

    /// The options in force.
    public let options: MLLPListenerOptions
    private let handler: Handler
    private let state = Mutex(State())
    private let receipts = Atomic<Int>(0)
    private let acknowledgements = Atomic<Int>(0)

    /// Creates a listener; nothing happens until ``start()``.
    public init(options: MLLPListenerOptions, handler: @escaping Handler) {
        self.options = options
        self.handler = handler
    }

    /// The bound port (useful after listening on port 0), once started.
    public var port: Int? { state.withLock { $0.port } }

    /// Counters since start.
    public var statistics: MLLPListenerStatistics {
        state.withLock { state in
            var copy = state.statistics
            copy.openConnections = state.activeConnections
            return copy
        }
    }

    /// Binds, listens and starts accepting on a background thread.
    /// - Returns: the bound port.
    /// - Throws: ``MLLPError`` `bindFailed`, `addressUnavailable`, or `alreadyStarted`.
    @discardableResult
    public func start() throws(MLLPError) -> Int {
        let idle = state.withLock { state in
            guard state.phase == .idle else { return false }
            state.phase = .running
            return true
        }
        guard idle else { throw MLLPError(.alreadyStarted) }
        let listening: Socket
        switch Socket.listen(host: options.host, port: options.port, backlog: options.backlog) {
        case .success(let socket): listening = socket
        case .failure(let error):
            state.withLock { $0.phase = .stopped }
            throw error
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            let code = errno
            listening.close()
            state.withLock { $0.phase = .stopped }
            throw MLLPError(.bindFailed, systemError: code)
        }
        for end in pipeEnds {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        let port = listening.localPort ?? options.port
        let wake = pipeEnds[0]
        state.withLock { state in
            state.port = port
            state.wakeRead = pipeEnds[0]
            state.wakeWrite = pipeEnds[1]
            state.acceptRunning = true
        }
        let descriptor = listening.descriptor
        if !Threads.start({ self.acceptLoop(Socket(descriptor: descriptor), wake: wake) }) {
            listening.close()
            state.withLock { $0.acceptRunning = false }
            finishIfDone()
            throw MLLPError(.bindFailed, systemError: EAGAIN)
        }
        return port
    }

    /// Stops gracefully: stops accepting, lets messages being handled finish and be acknowledged (and frames
    /// being received complete within ``MLLPListenerOptions/shutdownGracePeriod``), closes every connection,
    /// and returns when all is closed. Calling it again (or before ``start()``) just waits or returns.
    public func stop() async {
        let mustWait: Bool = state.withLock { state in
            switch state.phase {
            case .idle:
                state.phase = .stopped
                return false
            case .stopped:
                return false
            case .stopping:
                return true
            case .running:
                state.phase = .stopping
                state.stopDeadline = .now + options.shutdownGracePeriod
                var byte: UInt8 = 1
                _ = write(state.wakeWrite, &byte, 1)
                return true
            }
        }
        guard mustWait else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done: Bool = state.withLock { state in
                if state.phase == .stopped { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    // MARK: - Accepting

    private func acceptLoop(_ listening: Socket, wake: Int32) {
        outer: while true {
            switch listening.wait(for: Int16(POLLIN), until: nil, wake: wake) {
            case .woken: break outer
            case .timedOut: continue
            case .ready: break
            }
            var acceptedAny = false
            while let (socket, peer) = listening.accept() {
                acceptedAny = true
                let admission: Int? = state.withLock { state in
                    guard state.phase == .running, state.activeConnections < options.maximumConnections else {
                        state.statistics.refusedConnections += 1
                        return nil
                    }
                    state.activeConnections += 1
                    state.statistics.acceptedConnections += 1
                    defer { state.nextConnection += 1 }
                    return state.nextConnection
                }
                guard let connection = admission else {
                    socket.close()
                    options.onEvent?(.refused(peer: peer))
                    continue
                }
                options.onEvent?(.opened(connection: connection, peer: peer))
                let descriptor = socket.descriptor
                let started = Threads.start {
                    self.serve(Socket(descriptor: descriptor), connection: connection, peer: peer, wake: wake)
                }
                if !started {
                    socket.close()
                    connectionEnded(connection, reason: "no thread available")
                }
            }
            if !acceptedAny { usleep(10_000) }  // accept failed (e.g. out of descriptors): do not spin
        }
        listening.close()
        state.withLock { $0.acceptRunning = false }
        finishIfDone()
    }

    private func connectionEnded(_ connection: Int, reason: String) {
        options.onEvent?(.closed(connection: connection, reason: reason))
        state.withLock { $0.activeConnections -= 1 }
        finishIfDone()
    }

    private func finishIfDone() {
        let waiters: [CheckedContinuation<Void, Never>]? = state.withLock { state in
            guard state.phase == .stopping || state.phase == .stopped, !state.acceptRunning,
                state.activeConnections == 0
            else { return nil }
            if state.phase == .stopping {
                state.phase = .stopped
                if state.wakeRead >= 0 { _ = close(state.wakeRead) }
                if state.wakeWrite >= 0 { _ = close(state.wakeWrite) }
                state.wakeRead = -1
                state.wakeWrite = -1
            }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters ?? [] { waiter.resume() }
    }

    // MARK: - Serving one connection

    private func serve(_ socket: Socket, connection: Int, peer: String, wake: Int32) {
        var decoder = MLLPFrameDecoder(options: options.frame)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var lastActivity = ContinuousClock.now
        var frameStarted: ContinuousClock.Instant? = nil
        var stopping = false
        var reason = "peer closed"
        serving: while true {
            var deadline =
                decoder.isInsideFrame
                ? (frameStarted ?? lastActivity) + options.readTimeout : lastActivity + options.idleTimeout
            if stopping {
                guard decoder.isInsideFrame else {
                    reason = "listener stopped"
                    break serving
                }
                if let stop = state.withLock({ $0.stopDeadline }) { deadline = min(deadline, stop) }
            }
            switch socket.wait(for: Int16(POLLIN), until: deadline, wake: stopping ? nil : wake) {
            case .woken:
                stopping = true
                continue serving
            case .timedOut:
                if decoder.isInsideFrame {
                    reason = stopping ? "listener stopped inside a frame" : "read timeout inside a frame"
                    report(connection, Issue(.warning, code: "HI-MLLP-0202", reason))
                } else {
                    reason = "idle timeout"
                }
                break serving
            case .ready:
                break
            }
            let received = buffer.withUnsafeMutableBytes { socket.receive(into: $0) }
            let events: [MLLPFrameEvent]
            switch received {
            case .wouldBlock:
                continue serving
            case .closed:
                for event in decoder.finish() { _ = handle(event, socket: socket, connection: connection, peer: peer) }
                break serving
            case .failed(let code):
                reason = "receive failed: \(Socket.describe(code))"
                break serving
            case .bytes(let count):
                lastActivity = .now
                let wasInside = decoder.isInsideFrame
                events = buffer.withUnsafeBufferPointer {
                    decoder.decode(buffer: UnsafeBufferPointer(rebasing: $0[0..<count]))
                }
                if !decoder.isInsideFrame {
                    frameStarted = nil
                } else if !wasInside || !events.isEmpty {
                    frameStarted = lastActivity
                }
            }
            for event in events where !handle(event, socket: socket, connection: connection, peer: peer) {
                reason = "sending the acknowledgement failed"
                break serving
            }
            // A slow handler does not count as idleness.
            if !events.isEmpty {
                lastActivity = .now
                if decoder.isInsideFrame { frameStarted = lastActivity }
            }
        }
        socket.close()
        connectionEnded(connection, reason: reason)
    }

    private func report(_ connection: Int, _ issue: Issue) {
        options.onEvent?(.issue(connection: connection, issue))
    }

    /// Handles one decoder event; returns `false` when the connection must close.
    private func handle(_ event: MLLPFrameEvent, socket: Socket, connection: Int, peer: String) -> Bool {
        let answers: [HL7v2Acknowledgement]
        switch event {
        case .skipped(let issue):
            report(connection, issue)
            return true
        case .dropped(let error, let head):
            report(connection, error.issue)
            state.withLock { $0.statistics.droppedFrames += 1 }
            guard error.code != .incompleteFrame else { return true }
            answers = [reject(head, code: .applicationReject, commitCode: .commitReject, issues: [error.issue])]
        case .frame(let frame):
            answers = process(frame.payload, connection: connection, peer: peer)
        }
        var out: [UInt8] = []
        for answer in answers { try? MLLPFrameEncoder.encode(answer.bytes, into: &out) }
        guard !out.isEmpty else { return true }
        if let code = socket.sendAll(out, until: .now + options.writeTimeout) {
            report(
                connection,
                Issue(.warning, code: "HI-MLLP-0203", "sending the acknowledgement failed: \(Socket.describe(code))"))
            return false
        }
        return true
    }

    private func nextControlID() -> String {
        "\(options.controlIDPrefix)\(acknowledgements.wrappingAdd(1, ordering: .relaxed).oldValue + 1)"
    }

    /// A reject for bytes that are not a usable message: CR when the header asks for enhanced mode, else AR.
    private func reject(
        _ bytes: [UInt8], code: HL7v2AcknowledgementCode, commitCode: HL7v2AcknowledgementCode, issues: [Issue]
    ) -> HL7v2Acknowledgement {
        let header = HL7v2MessageHeader(bytes: bytes)
        let enhanced = header?.acknowledgementMode == .enhanced
        return HL7v2Acknowledgement.build(
            rejecting: bytes, code: enhanced ? commitCode : code, issues: issues, controlID: nextControlID(),
            options: options.acknowledgement)
    }

    private func process(_ payload: [UInt8], connection: Int, peer: String) -> [HL7v2Acknowledgement] {
        guard let header = HL7v2MessageHeader(bytes: payload) else {
            let issue = Issue(
                .error, code: "HI-MLLP-0201", "the frame does not start with a readable MSH segment",
                at: SourceLocation(byteOffset: 0))
            report(connection, issue)
            let answer = reject(payload, code: .applicationReject, commitCode: .commitReject, issues: [issue])
            options.onEvent?(.answered(connection: connection, receiptIndex: -1, controlID: nil, codes: [answer.code]))
            return [answer]
        }
        let message: HL7v2Message
        do {
            message = try HL7v2Message(parsing: payload, options: options.parsing)
        } catch {
            let issue = error.issue
            report(connection, issue)
            let answer = reject(payload, code: .applicationReject, commitCode: .commitReject, issues: [issue])
            options.onEvent?(
                .answered(connection: connection, receiptIndex: -1, controlID: header.controlID, codes: [answer.code]))
            return [answer]
        }
        let receiptIndex = receipts.wrappingAdd(1, ordering: .relaxed).oldValue
        let received = MLLPReceivedMessage(
            message: message, bytes: payload, header: header, receiptIndex: receiptIndex, connection: connection,
            peer: peer)
        let handler = self.handler
        let outcome: Result<MLLPHandlerResult, any Error> =
            Threads.wait(
                for: {
                    do { return .success(try await handler(received)) } catch { return .failure(error) }
                }, timeout: options.handlerTimeout) ?? .failure(HandlerTimeout())
        var answers: [HL7v2Acknowledgement] = []
        func answer(_ code: HL7v2AcknowledgementCode, _ issues: [Issue], _ text: String? = nil) {
            answers.append(
                HL7v2Acknowledgement.build(
                    for: header, code: code, issues: issues, text: text, controlID: nextControlID(),
                    options: options.acknowledgement))
        }
        let enhanced = header.acknowledgementMode == .enhanced
        switch outcome {
        case .failure(let error):
            let issue: Issue
            if error is HandlerTimeout {
                issue = Issue(.error, code: "HI-MLLP-0205", "the message handler did not finish in time")
            } else if let located = error as? any LocatedError {
                issue = located.issue
            } else {
                issue = Issue(.error, code: "HI-MLLP-0204", "the message handler failed")
            }
            report(connection, issue)
            if !enhanced {
                answer(.applicationError, [issue])
            } else if header.wantsCommitAcknowledgement(success: false) {
                answer(.commitError, [issue])
            }
        case .success(let result):
            if result.rejected {
                if !enhanced {
                    answer(.applicationReject, result.issues, result.text)
                } else if header.wantsCommitAcknowledgement(success: false) {
                    answer(.commitReject, result.issues, result.text)
                }
            } else {
                let success = !result.issues.containsErrors
                if enhanced, header.wantsCommitAcknowledgement(success: true) { answer(.commitAccept, []) }
                if header.wantsApplicationAcknowledgement(success: success) {
                    answer(success ? .applicationAccept : .applicationError, result.issues, result.text)
                }
            }
        }
        state.withLock { $0.statistics.messages += 1 }
        options.onEvent?(
            .answered(
                connection: connection, receiptIndex: receiptIndex, controlID: header.controlID,
                codes: answers.map(\.code)))
        return answers
    }
}

/// Counters of an ``MLLPListener``.
///
/// ```swift
/// let stats = listener.statistics
/// print(stats.messages, stats.refusedConnections)
/// ```
public struct MLLPListenerStatistics: Sendable, Hashable {
    /// Connections accepted and served.
    public var acceptedConnections = 0
    /// Connections closed at once because the limit was reached.
    public var refusedConnections = 0
    /// Connections open now.
    public var openConnections = 0
    /// Messages passed to the handler and answered.
    public var messages = 0
    /// Frames dropped (too large, unterminated, cut off).
    public var droppedFrames = 0
}

/// Marks a handler that exceeded ``MLLPListenerOptions/handlerTimeout``.
private struct HandlerTimeout: Error {}
