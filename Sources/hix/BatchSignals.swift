import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT/SIGTERM for batch runs. ``install()`` takes the signals away from their default action; the running
/// engine watches them with dispatch signal sources (no work in signal context): the first signal stops the
/// reading of new records, the records in flight are finished and written, the journal and summary written,
/// and the command exits 128 + the signal; a second signal exits at once.
enum BatchSignals {
    /// The signal received, or 0.
    private static let received = Atomic<Int32>(0)

    /// Unblocks SIGINT and SIGTERM (a parent may leave them blocked in the inherited mask) and ignores their
    /// default action, so that the engine's signal sources see them.
    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
    }

    /// Signal sources that record the signal and call `notify` (on a dispatch queue); cancel them when done.
    static func watch(_ notify: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if received.exchange(number, ordering: .relaxed) != 0 { _exit(128 + number) }
                notify()
            }
            source.resume()
            return source
        }
    }

    /// The signal that asked the run to stop, or 0.
    static var current: Int32 { received.load(ordering: .relaxed) }
}
