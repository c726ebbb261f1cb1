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
        dependencies: [.product(name: "Benchmark", package: "benchmark")]
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
        benchmark("CoreBenchmarks", ["HICore"])
    ]
)
