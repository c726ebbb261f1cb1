import Dispatch
import Foundation
import HealthInterchange

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
/// blocking reads, never a whole file in memory); the engine task runs each record in a discarding task group
/// (`jobs` at once on the cooperative pool) and hands results to the sink in input order. At most `window`
/// records are read but not yet delivered (the reader waits for permits), so memory stays bounded by the window
/// times the largest record. A signal stops the reader; records in flight are finished and delivered even when
/// the reader is blocked on a stalled pipe.
struct BatchEngine: Sendable {
    var jobs: Int
    var streamOptions: RecordStreamOptions

    /// Record groups read but not yet delivered, at most: enough to keep `jobs` workers busy while the sink
    /// writes in order.
    var window: Int { max(4, jobs * 4) }
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

    /// Runs the batch; `false` when it was interrupted by a signal.
    func run<Outcome: Sendable>(
        _ inputs: [RecordInput],
        streamName: @escaping @Sendable (RecordInput) -> String,
        shouldSkip: @escaping @Sendable (RecordInput) -> Bool,
        process: @escaping @Sendable (StreamedRecord) -> Outcome,
        deliver: (BatchEvent<Outcome>) -> Void
    ) async -> Bool {
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
        var inFlight = 0
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
                    group.addTask {
                        continuation.yield(.done(sequence, records.map { ($0, process($0)) }))
                    }
                case .done(let sequence, let results):
                    inFlight -= 1
                    pending[sequence] = .results(results)
                case .readerDone:
                    readerDone = true
                case .signal:
                    interrupted = true
                }
                while let item = pending.removeValue(forKey: nextToDeliver) {
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
