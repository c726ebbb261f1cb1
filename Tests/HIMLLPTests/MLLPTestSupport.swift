import HICore
import HIHL7v2
import Synchronization

@testable import HIMLLP

/// Synthetic messages and a raw loopback client for the listener tests.
enum TestMessages {
    static func oru(_ controlID: String, accept: String = "", application: String = "", results: Int = 3) -> [UInt8] {
        var text =
            "MSH|^~\\&|LIS|LAB|HIS|HOSP|20260101120000||ORU^R01^ORU_R01|\(controlID)|P|2.5.1|||\(accept)|\(application)\r"
            + "PID|1||T\(controlID)^^^HOSP^MR||Test^Patient||19800101|F\rOBR|1|||GLU^Glucose\r"
        for index in 1...max(1, results) {
            text += "OBX|\(index)|NM|GLU^Glucose^L||5.\(index)|mmol/L|3.9-6.1|N|||F\r"
        }
        return Array(text.utf8)
    }

    /// A 2 KB ORU^R01 (for throughput figures).
    static func oru2K(_ controlID: String) -> [UInt8] { oru(controlID, results: 24) }
}

/// Collects what a handler received, by control id.
final class Inbox: Sendable {
    private let received = Mutex<[String: Int]>([:])
    private let payloads = Mutex<[[UInt8]]>([])

    func add(_ message: MLLPReceivedMessage) {
        received.withLock { $0[message.header.controlID ?? "", default: 0] += 1 }
        payloads.withLock { $0.append(message.bytes) }
    }

    var counts: [String: Int] { received.withLock { $0 } }
    var all: [[UInt8]] { payloads.withLock { $0 } }
}

/// A blocking loopback client driven from a dedicated thread (never the concurrency pool).
struct RawClient: Sendable {
    let descriptor: Int32

    static func connect(port: Int) async throws -> RawClient {
        let result = await Threads.run { Socket.connect(host: "127.0.0.1", port: port, timeout: .seconds(2)) }
        return RawClient(descriptor: try result.get().descriptor)
    }

    func write(_ bytes: [UInt8]) async {
        let descriptor = descriptor
        _ = await Threads.run { Socket(descriptor: descriptor).sendAll(bytes, until: .now + .seconds(2)) }
    }

    /// Reads until `count` frames arrived, the peer closed, or the timeout passed.
    func readFrames(_ count: Int, timeout: Duration = .seconds(3)) async -> (frames: [[UInt8]], closed: Bool) {
        let descriptor = descriptor
        return await Threads.run {
            let socket = Socket(descriptor: descriptor)
            var decoder = MLLPFrameDecoder()
            var frames: [[UInt8]] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            let deadline = ContinuousClock.now + timeout
            while frames.count < count {
                if socket.wait(for: 1, until: deadline, wake: nil) == .timedOut { return (frames, false) }
                switch buffer.withUnsafeMutableBytes({ socket.receive(into: $0) }) {
                case .wouldBlock: continue
                case .closed, .failed: return (frames, true)
                case .bytes(let n):
                    for case .frame(let frame) in decoder.decode(Array(buffer[0..<n])) { frames.append(frame.payload) }
                }
            }
            return (frames, false)
        }
    }

    /// Waits until the peer closes the connection (reads and discards), or the timeout passes.
    func waitForClose(timeout: Duration) async -> Bool {
        await readFrames(Int.max, timeout: timeout).closed
    }

    func close() { Socket(descriptor: descriptor).close() }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(3), _ condition: @Sendable () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

func listenerOptions(_ configure: (inout MLLPListenerOptions) -> Void = { _ in }) -> MLLPListenerOptions {
    var options = MLLPListenerOptions(host: "127.0.0.1", port: 0)
    options.idleTimeout = .seconds(10)
    options.readTimeout = .seconds(5)
    options.shutdownGracePeriod = .seconds(1)
    configure(&options)
    return options
}
