import Benchmark
import BenchmarkSupport
import HIHL7v2

let benchmarks: @Sendable () -> Void = {
    let oru = Workload.load("v2-oru.hl7", split: .hl7v2)
    let mixed = Workload.load("v2-mixed.hl7", split: .hl7v2)
    let gb = Workload.load("v2-gb18030.hl7", split: .hl7v2)

    // Parse (lazy tree) and read PID-3, PID-5 and every OBX-5 as strings.
    recordBenchmark("ER7 parse+read ORU^R01 (12 OBX)", oru) { V2Reading.parseAndRead($0) }
    recordBenchmark("ER7 parse+read mixed", mixed) { V2Reading.parseAndRead($0) }
    recordBenchmark("ER7 parse+read GB18030", gb) { V2Reading.parseAndRead($0) }

    // Parse only: mallocs per message of the lazy tree (compare with segments per message).
    recordBenchmark("ER7 parse only ORU^R01", oru) { bytes in
        (try? HL7v2Message(parsing: bytes))?.segmentCount ?? -1
    }

    // Parse and serialize an unmodified message into an output buffer.
    let output = OutputBuffer()
    recordBenchmark("ER7 parse+serialize ORU^R01", oru) { bytes in
        guard let message = try? HL7v2Message(parsing: bytes) else { return -1 }
        return output.write(message.serializedBytes())
    }
    recordBenchmark("ER7 parse+serialize mixed", mixed) { bytes in
        guard let message = try? HL7v2Message(parsing: bytes) else { return -1 }
        return output.write(message.serializedBytes())
    }

    // ../shared/corpus/hl7v2 (third-party files, read in place) when present: every file through the reader.
    if let corpus = Workload.corpus("hl7v2", extensions: [".hl7", ".txt", ".er7"]) {
        recordBenchmark("ER7 reader+read ../shared/corpus/hl7v2 (per file)", corpus) { bytes in
            var reader = HL7v2MessageReader(bytes: bytes)
            var checksum = 0
            for _ in 0..<100_000 {  // bounded: the reader skips a bad record after an error
                do {
                    guard let message = try reader.next() else { break }
                    checksum &+= V2Reading.read(message)
                } catch {
                    checksum &+= 1
                }
            }
            return checksum
        }
    }

    // The streaming reader over the whole in-memory file (splitting included).
    wholeWorkloadBenchmark("HL7v2MessageReader mixed 50 MB + read", mixed) { bytes in
        var reader = HL7v2MessageReader(bytes: bytes)
        var count = 0
        var checksum = 0
        while let message = try? reader.next() {
            checksum &+= V2Reading.read(message)
            count += 1
        }
        blackHole(checksum)
        return count
    }
}

/// A reused output buffer, as a writer to a file or socket would keep.
final class OutputBuffer: @unchecked Sendable {
    var bytes: [UInt8] = []
    init() { bytes.reserveCapacity(1 << 20) }
    func write(_ chunk: [UInt8]) -> Int {
        if bytes.count + chunk.count > 1 << 20 { bytes.removeAll(keepingCapacity: true) }
        bytes.append(contentsOf: chunk)
        return bytes.count
    }
}
