import Dispatch
import Foundation
import HealthInterchange
import Synchronization

/// What the batch engine hands to a command's sink, strictly in input order whatever the number of jobs.
enum BatchEvent<Outcome: Sendable>: Sendable {
    /// An input the sink's `shouldSkip` said to skip (`--resume`).
    case skipped(RecordInput)
    /// An input that could not be opened.
    case failed(RecordInput, IOError)
    /// An input is about to deliver its records.
    case started(RecordInput)
    /// One record and what processing it gave.
    case record(StreamedRecord, Outcome)
    /// The end of an input: `complete` is false when the run was interrupted before its end.
    case finished(RecordInput, InputEnd)
    /// Everything ready was delivered and the engine is about to wait: a sink that buffers output flushes it.
    case idle
}

/// How an input ended.
struct InputEnd: Sendable {
    var records: Int
    var bytesRead: Int
    var digest: String?
    var complete: Bool
    var readError: IOError?
}

/// The streaming batch engine shared by `hix convert` and `hix validate`.
///
/// A reader thread goes through the inputs one after the other and splits them into records (``RecordStream``,
/// blocking reads, never a whole file in memory) and sends them in groups; the engine task runs each group as
/// one task of a discarding task group, never more than `jobs` tasks at once (further groups wait in a queue),
/// and hands results to the sink in input order. At most `window` groups are read but not yet delivered (the
/// reader waits for permits), so memory stays bounded by the window times the largest group. A signal stops the
/// reader; records in flight are finished and delivered even when the reader is blocked on a stalled pipe.
///
/// `process` does all the per-record work that can run in parallel (converting, validating, rendering output
/// bytes, names and error text); `deliver` runs on the engine task, one event at a time, and should only write.
struct BatchEngine: Sendable {
    /// Record groups processed at once, at most (`--jobs`).
    var jobs: Int
    var streamOptions: RecordStreamOptions

    /// Record groups read but not yet delivered, at most: the `jobs` being processed, as many read ahead so a
    /// worker never waits for the reader, and a few finished ones waiting for an earlier group to be delivered.
    var window: Int { max(4, jobs * 3) }
    /// Records per group (one task each), at most; a group also ends at 256 KB or when the reader may block.
    var groupSize = 16

    private enum Message<Outcome: Sendable>: Sendable {
        case event(Int, BatchEvent<Outcome>)
        case records(Int, [StreamedRecord])
        case done(Int, [(StreamedRecord, Outcome)])
        case readerDone
        case signal
    }

    private enum Pending<Outcome: Sendable> {
        case event(BatchEvent<Outcome>)
        case results([(StreamedRecord, Outcome)])
    }

    /// Runs the batch; `false` when it was interrupted by a signal. `gauge` counts how many groups are processed
    /// at once.
    func run<Outcome: Sendable>(
        _ inputs: [RecordInput],
        streamName: @escaping @Sendable (RecordInput) -> String,
        shouldSkip: @escaping @Sendable (RecordInput) -> Bool,
        process: @escaping @Sendable (StreamedRecord) -> Outcome,
        deliver: (BatchEvent<Outcome>) -> Void,
        gauge: BatchConcurrencyGauge = BatchConcurrencyGauge()
    ) async -> Bool {
        let jobs = max(1, self.jobs)
        let (messages, continuation) = AsyncStream.makeStream(of: Message<Outcome>.self)
        let permits = DispatchSemaphore(value: window)
        let sources = BatchSignals.watch { continuation.yield(.signal) }
        defer { sources.forEach { $0.cancel() } }
        let options = streamOptions
        let groupSize = self.groupSize
        let reader = Thread {
            Self.read(
                inputs, options: options, groupSize: groupSize, streamName: streamName, shouldSkip: shouldSkip,
                permits: permits, to: continuation)
        }
        reader.start()
        var pending: [Int: Pending<Outcome>] = [:]
        var nextToDeliver = 0
        /// Groups read and not yet finished processing (running or queued).
        var inFlight = 0
        var running = 0
        /// Groups waiting for a worker, in input order (`queueHead` is the next to start).
        var queue: [(sequence: Int, records: [StreamedRecord])] = []
        var queueHead = 0
        var readerDone = false
        var interrupted = BatchSignals.current != 0
        var open: (input: RecordInput, records: Int)? = nil
        await withDiscardingTaskGroup { group in
            for await message in messages {
                switch message {
                case .event(let sequence, let event):
                    pending[sequence] = .event(event)
                case .records(let sequence, let records):
                    inFlight += 1
                    queue.append((sequence, records))
                case .done(let sequence, let results):
                    inFlight -= 1
                    running -= 1
                    pending[sequence] = .results(results)
                case .readerDone:
                    readerDone = true
                case .signal:
                    interrupted = true
                }
                // Start queued groups while fewer than `jobs` run.
                while running < jobs, queueHead < queue.count {
                    let (sequence, records) = queue[queueHead]
                    queue[queueHead].records = []
                    queueHead += 1
                    running += 1
                    group.addTask {
                        gauge.enter()
                        var results: [(StreamedRecord, Outcome)] = []
                        results.reserveCapacity(records.count)
                        for record in records { results.append((record, process(record))) }
                        gauge.leave()
                        continuation.yield(.done(sequence, results))
                    }
                }
                if queueHead >= 64, queueHead * 2 >= queue.count {
                    queue.removeFirst(queueHead)  // started groups; what is left is at most the window
                    queueHead = 0
                }
                var delivered = false
                while let item = pending.removeValue(forKey: nextToDeliver) {
                    delivered = true
                    nextToDeliver += 1
                    switch item {
                    case .results(let results):
                        open?.records += results.count
                        for (record, outcome) in results { deliver(.record(record, outcome)) }
                        permits.signal()
                    case .event(let event):
                        switch event {
                        case .started(let input): open = (input, 0)
                        case .finished: open = nil
                        default: break
                        }
                        deliver(event)
                    }
                }
                if delivered { deliver(.idle) }
                if readerDone && inFlight == 0 && pending.isEmpty { break }
                if interrupted && inFlight == 0 {
                    // The reader may be blocked on a stalled pipe: deliver what is done and close the open input.
                    if let open {
                        deliver(
                            .finished(
                                open.input,
                                InputEnd(
                                    records: open.records, bytesRead: 0, digest: nil, complete: false, readError: nil)
                            ))
                    }
                    deliver(.idle)
                    break
                }
            }
        }
        continuation.finish()
        permits.signal()
        return !interrupted
    }

    /// The reader thread: inputs → groups of records and input events, numbered in input order. A permit is
    /// taken for each group and given back when the group is delivered.
    private static func read<Outcome: Sendable>(
        _ inputs: [RecordInput], options: RecordStreamOptions, groupSize: Int, streamName: (RecordInput) -> String,
        shouldSkip: (RecordInput) -> Bool, permits: DispatchSemaphore,
        to continuation: AsyncStream<Message<Outcome>>.Continuation
    ) {
        var sequence = 0
        func send(_ event: BatchEvent<Outcome>) {
            continuation.yield(.event(sequence, event))
            sequence += 1
        }
        var group: [StreamedRecord] = []
        var groupBytes = 0
        func flush() {
            guard !group.isEmpty else { return }
            continuation.yield(.records(sequence, group))
            sequence += 1
            group = []
            groupBytes = 0
        }
        for input in inputs {
            if BatchSignals.current != 0 { break }
            if shouldSkip(input) {
                send(.skipped(input))
                continue
            }
            let stream: RecordStream
            do throws(IOError) {
                stream = try RecordStream(path: input.path, name: streamName(input), options: options)
            } catch {
                send(.failed(input, error))
                continue
            }
            send(.started(input))
            var complete = true
            while true {
                if group.isEmpty {
                    permits.wait()
                    if BatchSignals.current != 0 {
                        permits.signal()
                        complete = false
                        break
                    }
                } else if BatchSignals.current != 0 {
                    flush()
                    complete = false
                    break
                } else if stream.bufferedByteCount < 1 << 14 {
                    flush()  // the next record may mean waiting for input: pass these on first
                    continue
                }
                guard let record = stream.next() else {
                    if group.isEmpty { permits.signal() } else { flush() }
                    break
                }
                groupBytes += record.bytes.count
                group.append(record)
                if group.count >= groupSize || groupBytes >= 1 << 18 { flush() }
            }
            send(
                .finished(
                    input,
                    InputEnd(
                        records: stream.recordCount, bytesRead: stream.bytesRead,
                        digest: complete ? stream.contentDigest : nil, complete: complete,
                        readError: stream.readError)))
            if !complete { break }
        }
        continuation.yield(.readerDone)
    }
}

extension BatchEngine {
    /// Runs `body` (an async batch) from synchronous code and returns its result.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await body()
            done.signal()
        }
        done.wait()
        guard let value = box.value else { fatalError("the batch task ended without a result") }
        return value
    }
}

/// Carries a result from the batch task to the waiting thread (written once, read after the semaphore).
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: T?
}

/// Counts the record groups being processed at once and the most there ever were (reported in the summary's
/// timings as `maxConcurrentRecords`: each group is processed one record after the other, so this is also the
/// most records processed at once). Entered and left once per group, not per record.
final class BatchConcurrencyGauge: Sendable {
    private let state = Mutex<(current: Int, peak: Int)>((0, 0))

    /// A group starts processing.
    func enter() {
        state.withLock { state in
            state.current += 1
            state.peak = max(state.peak, state.current)
        }
    }

    /// A group is processed.
    func leave() {
        state.withLock { $0.current -= 1 }
    }

    /// The most groups ever processed at once.
    var peak: Int { state.withLock { $0.peak } }
}
