import Foundation
import HIFHIR
import HITestSupport
import Testing

/// Throughput figures; run in release mode with `HIFHIR_BENCHMARK=1 swift test -c release --filter Benchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["HIFHIR_BENCHMARK"] == "1", "set HIFHIR_BENCHMARK=1"))
struct BenchmarkTests {
    /// Thread CPU time of `body` (steadier than wall time on a shared machine).
    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }

    /// ~50 MB of NDJSON built from the samples (Observations and Patients, ids varied).
    private func makeNDJSON() throws -> (bytes: [UInt8], lines: Int) {
        let files = try SampleFiles.list("fhir/valid", extensions: ["json"])
        let templates = try files.filter { $0.name.contains("observation") || $0.name.contains("patient") }
            .map { try FHIRResource(parsing: $0.bytes()) }
        var output: [UInt8] = []
        output.reserveCapacity(52 << 20)
        var count = 0
        while output.count < 50 << 20 {
            var resource = templates[count % templates.count]
            resource.id = "r\(count)"
            output += NDJSONWriter.line(resource)
            count += 1
        }
        return (output, count)
    }

    @Test func throughput() throws {
        let (bytes, lines) = try makeNDJSON()
        let megabytes = Double(bytes.count) / 1_048_576
        var read = 0
        let readTime = try seconds {
            var reader = NDJSONReader(bytes: bytes)
            while try reader.next() != nil { read += 1 }
        }
        #expect(read == lines)
        // Tree only, per line (no resourceType check).
        var lineSlices: [[UInt8]] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lineSlices.append(Array(bytes[start..<index]))
            start = index + 1
        }
        let treeTime = try seconds {
            for line in lineSlices { _ = try JSONReader.read(line) }
        }
        var decoded = 0
        var units = Set<String>()
        let typedTime = try seconds {
            for line in lineSlices {
                let resource = try FHIRResource(parsing: line)
                if let observation = resource.typed(as: Observation.self) {
                    if observation.status == "final", let quantity = observation.value?.quantity {
                        units.insert(quantity.unit ?? "")
                    }
                    _ = observation.code?.coding.first?.code
                    _ = observation.subject?.reference
                } else if let patient = resource.typed(as: Patient.self) {
                    _ = patient.identifier.first?.value
                    _ = patient.name.first?.text
                    _ = patient.birthDate
                }
                decoded += 1
            }
        }
        let sample = lineSlices.prefix(20_000)
        var issueCount = 0
        let validateTime = try seconds {
            for line in sample {
                issueCount += FHIRValidator().validate(try FHIRResource(parsing: line), source: line).count
            }
        }
        var written = 0
        let resources = try sample.map { try FHIRResource(parsing: $0) }
        let writeTime = seconds {
            for resource in resources { written += resource.serialized(style: .compact).count }
        }
        print(
            """
            HIFHIR benchmark (thread CPU time): \(String(format: "%.1f", megabytes)) MB NDJSON, \(lines) resources
              NDJSONReader (tree + resourceType): \(String(format: "%.0f", megabytes / readTime)) MB/s
              JSONReader tree only:               \(String(format: "%.0f", megabytes / treeTime)) MB/s
              read + typed Observation/Patient:   \(String(format: "%.0f", Double(decoded) / typedTime)) resources/s
              read + validate:                    \(String(format: "%.0f", Double(sample.count) / validateTime)) resources/s
              compact write:                      \(String(format: "%.0f", Double(written) / 1_048_576 / writeTime)) MB/s
            """)
        #expect(issueCount == 0)
        #expect(units.contains("mmol/L"))
    }
}
