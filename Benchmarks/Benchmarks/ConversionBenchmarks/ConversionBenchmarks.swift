import Benchmark
import BenchmarkSupport
import HealthInterchange

let benchmarks: @Sendable () -> Void = {
    let oru = Workload.load("v2-oru.hl7", split: .hl7v2)
    let converter = RecordConverter.allFormats
    let options = ConversionOptions()

    // v2 ORU^R01 (12 OBX) → FHIR R4 Bundle JSON: read into the models, write the Bundle (issue 12 target:
    // ≥ 20,000 messages/s per core).
    recordBenchmark("Convert v2 ORU^R01 → FHIR Bundle JSON", oru) { bytes in
        guard let result = try? converter.convert(bytes, from: .hl7v2, to: .fhir, options: options) else {
            return -1
        }
        return result.output.count
    }
    // The same Bundle as one compact NDJSON line (`ConversionOptions.compactJSON`, what `hix convert
    // --output-mode ndjson` writes): written compact directly, no minifying pass.
    var compact = options
    compact.compactJSON = true
    recordBenchmark("Convert v2 ORU^R01 → FHIR Bundle NDJSON line", oru) { [compact] bytes in
        guard let result = try? converter.convert(bytes, from: .hl7v2, to: .fhir, options: compact) else {
            return -1
        }
        return result.output.count
    }
    // v2 ORU^R01 → CN CDA (WS/T 500 lab report XML).
    recordBenchmark("Convert v2 ORU^R01 → CN CDA (WS/T 500)", oru) { bytes in
        guard let result = try? converter.convert(bytes, from: .hl7v2, to: .cda, options: options) else {
            return -1
        }
        return result.output.count
    }
    // Validation of one ORU against the profile for its kind (cn-lab-report): read + rules.
    if let validation = try? RecordValidation() {
        recordBenchmark("Validate v2 ORU^R01 (RecordValidation, cn-lab-report)", oru) { bytes in
            validation.validate(bytes, as: .hl7v2).reduce(0) { $0 + $1.issues.count + 1 }
        }
    }
}
