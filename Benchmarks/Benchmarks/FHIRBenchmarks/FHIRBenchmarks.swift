import Benchmark
import BenchmarkSupport
import Foundation
import HIFHIR

let benchmarks: @Sendable () -> Void = {
    let ndjson = Workload.load("fhir.ndjson", split: .lines)
    let observations = ndjson.filter(containing: #"{"resourceType":"Observation""#)
    let patients = ndjson.filter(containing: #"{"resourceType":"Patient""#)
    let bundles = ndjson.filter(containing: #"{"resourceType":"Bundle""#)

    recordBenchmark("FHIR JSON lossless read (JSONReader)", ndjson) { bytes in
        guard case .object(let object)? = try? JSONReader.read(bytes) else { return -1 }
        return object.members.count
    }
    recordBenchmark("FHIR JSON Foundation JSONSerialization (peer)", ndjson) { bytes in
        let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        return object?.count ?? -1
    }
    recordBenchmark("FHIR typed Observation decode", observations) { bytes in
        guard let observation = try? FHIR.Observation(parsing: bytes) else { return -1 }
        return (observation.status?.utf8.count ?? 0) + (observation.code?.coding.first?.code?.utf8.count ?? 0)
            + (observation.value?.typeName.utf8.count ?? 0)
    }
    recordBenchmark("FHIR typed Patient decode", patients) { bytes in
        guard let patient = try? FHIR.Patient(parsing: bytes) else { return -1 }
        return (patient.name.first?.family?.utf8.count ?? 0) + (patient.identifier.first?.value?.utf8.count ?? 0)
            + (patient.birthDate?.utf8.count ?? 0)
    }
    recordBenchmark("FHIR typed Bundle decode (+ entry resources)", bundles) { bytes in
        guard let bundle = try? FHIR.Bundle(parsing: bytes) else { return -1 }
        return bundle.resources.reduce(bundle.type?.utf8.count ?? 0) { $0 + $1.resourceType.utf8.count }
    }
    // ../shared/corpus/fhir (third-party files, read in place) when present.
    if let corpus = Workload.corpus("fhir", extensions: [".json"]) {
        recordBenchmark("FHIR JSON lossless read ../shared/corpus/fhir (per file)", corpus) { bytes in
            guard case .object(let object)? = try? JSONReader.read(bytes) else { return -1 }
            return object.members.count
        }
    }
    wholeWorkloadBenchmark("NDJSONReader streaming 50 MB", ndjson) { bytes in
        var reader = NDJSONReader(bytes: bytes)
        var count = 0
        while let record = try? reader.next() {
            count += 1
            blackHole(record.resource.resourceType)
        }
        return count
    }
}
