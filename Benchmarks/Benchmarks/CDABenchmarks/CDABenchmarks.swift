import Benchmark
import BenchmarkSupport
import HICDA

let benchmarks: @Sendable () -> Void = {
    let documents = Workload.loadDirectory("cda")
    let labReports = documents.filter(containing: "2.16.156.10011.2.1.1.27")

    // CDA R2 document (HIXML over libxml2) into the CDA model, reading header values.
    recordBenchmark("CDA parse into ClinicalDocument + header", documents) { bytes in
        guard let document = try? ClinicalDocument(parsing: bytes) else { return -1 }
        return (document.title?.utf8.count ?? 0) + (document.patient?.name?.utf8.count ?? 0)
            + (document.id?.extension?.utf8.count ?? 0)
    }
    // WS/T 500 lab report into its typed view (header, results with values and ranges).
    recordBenchmark("WS/T 500 lab report → WSLabReport results", labReports) { bytes in
        guard let document = try? ClinicalDocument(parsing: bytes),
            let report = try? WSLabReport(document: document)
        else { return -1 }
        return report.results.reduce(0) { $0 + ($1.valueText?.utf8.count ?? 0) + ($1.itemName?.utf8.count ?? 0) }
    }
}
