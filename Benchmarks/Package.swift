// swift-tools-version: 6.1
// Benchmarks for HealthInterchange, on ordo-one/benchmark. A separate package so that nothing a user links
// depends on it. Run from this folder: `swift package benchmark` (release mode by default).

import Foundation
import PackageDescription

// The root package is a path dependency; its identity is the name of the folder it is checked out in.
let rootPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent

func benchmark(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark"), "BenchmarkSupport"]
            + products.map { .product(name: $0, package: rootPackage) },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "HealthInterchangeBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Workload loading and the reads every v2 measurement performs (no benchmark dependency).
        .target(name: "HIWorkloads", dependencies: [.product(name: "HIHL7v2", package: rootPackage)]),
        // Per-record loops and the MB/s and records/s metrics shared by the benchmarks.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "HIWorkloads"]
        ),
        benchmark("CoreBenchmarks", ["HICore"]),
        benchmark("HL7v2Benchmarks", ["HIHL7v2"]),
        benchmark("FHIRBenchmarks", ["HIFHIR"]),
        benchmark("TabularBenchmarks", ["HITabular"]),
        benchmark("CDABenchmarks", ["HICDA"]),
        benchmark("MLLPBenchmarks", ["HIHL7v2", "HIMLLP"]),
        // v2 → FHIR / CN CDA conversion and RecordValidation (the umbrella: HIConvert + HIValidation).
        benchmark("ConversionBenchmarks", ["HealthInterchange"]),
        // The hix side of peers/run.sh: the same reads as the Python peers, in-process, on the same bytes.
        .executableTarget(
            name: "PeerHarness",
            dependencies: [
                "HIWorkloads",
                .product(name: "HIHL7v2", package: rootPackage),
                .product(name: "HIFHIR", package: rootPackage),
                .product(name: "HICDA", package: rootPackage),
                .product(name: "HealthInterchange", package: rootPackage),
            ]
        ),
    ]
)
