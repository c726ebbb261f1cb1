import Benchmark
import BenchmarkSupport
import HITabular

let benchmarks: @Sendable () -> Void = {
    let csv = Workload.load("lab.csv", split: .whole)
    wholeWorkloadBenchmark("CSV TableReader lab.csv 50 MB", csv) { bytes in
        guard var reader = try? TableReader(bytes: bytes) else { return -1 }
        var rows = 0
        var checksum = 0
        while let row = try? reader.next() {
            rows += 1
            checksum &+= row.fieldBytes(at: 5)?.count ?? 0
        }
        blackHole(checksum)
        return rows
    }
}
