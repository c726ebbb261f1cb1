// swift-tools-version: 6.1
// libFuzzer targets for every parser. Build and run with `Fuzz/run TARGET SECONDS` (see Fuzz/README.md).
// Built with `-sanitize=fuzzer,address`; each target hands control to libFuzzer's driver from its `main`.

import Foundation
import PackageDescription

// The root package is a path dependency; its identity is the name of the folder it is checked out in.
let rootPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: rootPackage) },
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "HealthInterchangeFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        fuzzTarget("FuzzCharset", ["HICore"]),
        fuzzTarget("FuzzER7", ["HIHL7v2"]),
        fuzzTarget("FuzzER7RoundTrip", ["HIHL7v2"]),
        fuzzTarget("FuzzER7Reader", ["HICore", "HIHL7v2"]),
        fuzzTarget("FuzzHL7v2Path", ["HIHL7v2"]),
        fuzzTarget("FuzzJSON", ["HIFHIR"]),
        fuzzTarget("FuzzFHIR", ["HIFHIR"]),
        fuzzTarget("FuzzNDJSON", ["HIFHIR"]),
        fuzzTarget("FuzzResidentID", ["HIModels"]),
        fuzzTarget("FuzzTable", ["HITabular"]),
        fuzzTarget("FuzzMLLP", ["HICore", "HIHL7v2"]),
        fuzzTarget("FuzzXML", ["HIXML"]),
        fuzzTarget("FuzzCDA", ["HICDA", "HIXML"]),
        fuzzTarget("FuzzV3", ["HIV3", "HIXML"]),
        fuzzTarget("FuzzDeid", ["HIPrivacy", "HIHL7v2", "HIFHIR", "HIXML"]),
    ]
)
