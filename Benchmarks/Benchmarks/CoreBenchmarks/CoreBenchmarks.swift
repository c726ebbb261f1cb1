import Benchmark
import HICore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3), maxIterations: 1_000)

    // 1 MB of GB18030 text (Chinese names and addresses) decoded to String.
    let text = String(repeating: "张瑋琝 浙江省杭州市西湖区文三路100号 ", count: 1)
    let unit = (try? Charset.gb18030.encode(text)) ?? []
    var gbBytes: [UInt8] = []
    while gbBytes.count < 1 << 20 { gbBytes += unit }

    Benchmark("Charset.gb18030.decode 1 MB", configuration: .init(scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? Charset.gb18030.decode(gbBytes))
        }
    }
}
