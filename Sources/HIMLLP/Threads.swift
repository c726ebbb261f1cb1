import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking socket work runs on dedicated threads, never on the Swift concurrency pool (whose few threads
/// must stay free for handlers and callers).
enum Threads {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts a detached thread running `body`. Returns `false` when the system refuses a thread.
    @discardableResult
    static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, 1 << 20)
        var thread = pthread_t()
        let status = pthread_create(
            &thread, &attributes,
            { raw in
                guard let raw else { return nil }
                let body = Unmanaged<Body>.fromOpaque(raw).takeRetainedValue()
                body.run()
                return nil
            }, context)
        if status != 0 {
            Unmanaged<Body>.fromOpaque(context).release()
            return false
        }
        return true
    }

    /// Runs `operation` on a new thread and suspends the caller (without blocking a pool thread) until it ends.
    static func run<T: Sendable>(_ operation: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let started = start { continuation.resume(returning: operation()) }
            if !started { continuation.resume(returning: operation()) }
        }
    }

    /// Runs an async `operation` on the concurrency pool and blocks the calling (dedicated) thread until it ends.
    static func wait<T: Sendable>(for operation: @escaping @Sendable () async -> T) -> T {
        let box = WaitBox<T>()
        Task.detached {
            let value = await operation()
            box.value.withLock { $0 = value }
            box.semaphore.signal()
        }
        box.semaphore.wait()
        return box.value.withLock { $0 }!
    }

    /// Like ``wait(for:)``, but gives up after `timeout`: the task is then cancelled and `nil` returned.
    static func wait<T: Sendable>(for operation: @escaping @Sendable () async -> T, timeout: Duration) -> T? {
        let box = WaitBox<T>()
        let task = Task.detached {
            let value = await operation()
            box.value.withLock { $0 = value }
            box.semaphore.signal()
        }
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let total = nanoseconds.overflow ? Int64.max : nanoseconds.partialValue &+ attoseconds / 1_000_000_000
        let deadline = DispatchTime.now() + .nanoseconds(Int(clamping: max(0, total)))
        if box.semaphore.wait(timeout: deadline) == .timedOut {
            task.cancel()
            return nil
        }
        return box.value.withLock { $0 }
    }

    private final class WaitBox<T: Sendable>: Sendable {
        let semaphore = DispatchSemaphore(value: 0)
        let value = Mutex<T?>(nil)
    }
}
