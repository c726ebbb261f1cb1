@_exported import HIWorkloads
public import Benchmark

/// Metrics every HealthInterchange benchmark reports.
public enum HIMetrics {
    /// Megabytes (10⁶ bytes) of input per second, measured around the sample's loop.
    public static let megabytesPerSecond = BenchmarkMetric.custom(
        ThroughputMeter.megabytesPerSecond, polarity: .prefersLarger, useScalingFactor: false)
    /// Records (messages, resources, rows) per second, measured around the sample's loop.
    public static let recordsPerSecond = BenchmarkMetric.custom(
        ThroughputMeter.recordsPerSecond, polarity: .prefersLarger, useScalingFactor: false)

    public static let all: [BenchmarkMetric] = [
        .wallClock, .throughput, .mallocCountTotal, .peakMemoryResident, megabytesPerSecond, recordsPerSecond,
    ]

    /// One sample = 1,000 records (`scalingFactor: .kilo`), so `throughput` reads as K records/s and
    /// `mallocCountTotal` (scaled) as mallocs per record.
    public static func perRecord(maxDuration: Duration = .seconds(3)) -> Benchmark.Configuration {
        .init(metrics: all, scalingFactor: .kilo, maxDuration: maxDuration, maxIterations: 100_000)
    }

    /// One sample = the whole workload (streaming readers).
    public static func wholeWorkload(maxDuration: Duration = .seconds(5)) -> Benchmark.Configuration {
        .init(metrics: all, scalingFactor: .one, maxDuration: maxDuration, maxIterations: 50)
    }
}

/// Registers a benchmark that runs `body` on one record per scaled iteration, cycling through `workload`.
/// `body` returns a checksum (kept alive with `blackHole`).
public func recordBenchmark(
    _ name: String, _ workload: Workload, configuration: Benchmark.Configuration = HIMetrics.perRecord(),
    _ body: @escaping @Sendable ([UInt8]) -> Int
) {
    let cursor = RecordCursor(workload)
    Benchmark(name, configuration: configuration) { benchmark in
        var checksum = 0
        let rates = ThroughputMeter.measure {
            var bytes = 0
            for _ in benchmark.scaledIterations {
                let record = cursor.next()
                bytes += record.count
                checksum &+= body(record)
            }
            return (bytes, benchmark.scaledIterations.count)
        }
        blackHole(checksum)
        benchmark.measurement(HIMetrics.megabytesPerSecond, rates.mbps)
        benchmark.measurement(HIMetrics.recordsPerSecond, rates.rps)
    }
}

/// Registers a benchmark that runs `body` over the whole workload once per iteration; `body` returns the
/// number of records it read.
public func wholeWorkloadBenchmark(
    _ name: String, _ workload: Workload, configuration: Benchmark.Configuration = HIMetrics.wholeWorkload(),
    _ body: @escaping @Sendable ([UInt8]) -> Int
) {
    let bytes = workload.bytes
    Benchmark(name, configuration: configuration) { benchmark in
        var records = 0
        let rates = ThroughputMeter.measure {
            for _ in benchmark.scaledIterations { records += body(bytes) }
            return (bytes.count * benchmark.scaledIterations.count, records)
        }
        benchmark.measurement(HIMetrics.megabytesPerSecond, rates.mbps)
        benchmark.measurement(HIMetrics.recordsPerSecond, rates.rps)
    }
}
