import Benchmark
import HIHL7v2
import HIMLLP

/// MLLP listener under load on 127.0.0.1: a listener that accepts every message (no storage) and one sender that
/// sends a synthetic ORU^R01 (12 OBX) and waits for each ACK. The scaling factor is 1,000 messages per measured
/// iteration, so the scaled `Throughput` is messages per second and the scaled wall-clock time is the round-trip
/// latency of one message (send, frame decode, parse, ACK build, ACK match).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5), maxIterations: 200)

    let message = oruMessage()

    Benchmark(
        "MLLP round trip, 1 connection, ORU^R01 12 OBX (per message)",
        configuration: .init(scalingFactor: .kilo)
    ) { benchmark in
        let listener = MLLPListener(options: MLLPListenerOptions(host: "127.0.0.1", port: 0)) { _ in .accepted }
        guard let port = try? listener.start() else { fatalError("cannot start the MLLP listener on 127.0.0.1") }
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        _ = try? await sender.send(message)  // connect outside the measured part
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? await sender.send(message))
        }
        benchmark.stopMeasurement()
        await sender.close()
        await listener.stop()
    }
}

/// A synthetic ORU^R01 of about 2 KB (12 OBX), like the project's `Samples/hl7v2/valid/oru-r01-lab.hl7`.
func oruMessage() -> [UInt8] {
    var segments = [
        "MSH|^~\\&|LIS|QXXRMYY|HIS|QXXRMYY|20240315103045+0800||ORU^R01^ORU_R01|LIS20240315000123|P|2.5.1|||AL|NE|CHN|UNICODE UTF-8",
        "PID|1||000012345^^^QXXRMYY^MR||CHEN^XIAOMING||19780512|M|||JIANSHE RD 12^^QINGXI^FJ^350902^CHN^H",
        "PV1|1|O|NEIKE^^^QXXRMYY",
        "OBR|1|ORD0001|LAB0001|CBC^COMPLETE BLOOD COUNT^LN|||20240315080000+0800|||||||20240315081000+0800|BLD",
    ]
    let results = [
        ("6690-2", "WBC", "6.5", "10*9/L", "3.5-9.5"), ("789-8", "RBC", "4.8", "10*12/L", "4.3-5.8"),
        ("718-7", "HGB", "145", "g/L", "130-175"), ("4544-3", "HCT", "0.43", "L/L", "0.40-0.50"),
        ("787-2", "MCV", "90", "fL", "82-100"), ("785-6", "MCH", "30", "pg", "27-34"),
        ("786-4", "MCHC", "333", "g/L", "316-354"), ("777-3", "PLT", "210", "10*9/L", "125-350"),
        ("770-8", "NEUT%", "0.62", "1", "0.40-0.75"), ("736-9", "LYMPH%", "0.30", "1", "0.20-0.50"),
        ("1558-6", "GLU", "5.4", "mmol/L", "3.9-6.1"), ("4548-4", "HBA1C", "5.8", "%", "4.0-6.0"),
    ]
    for (index, result) in results.enumerated() {
        segments.append(
            "OBX|\(index + 1)|NM|\(result.0)^\(result.1)^LN||\(result.2)|\(result.3)^^UCUM|\(result.4)|N|||F|||20240315100000+0800"
        )
    }
    return Array(segments.joined(separator: "\r").utf8) + [0x0D]
}
