// swift-tools-version: 6.1
// HealthInterchange: typed Swift models for the documents regional health platforms exchange
// (HL7 v2, CDA R2 / WS/T 500 / WS/T 483, FHIR R4), and the `hix` command line.
// No package dependencies: Foundation, Glibc and libxml2 (system library) only.

import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "HealthInterchange",
    products: [
        .library(name: "HealthInterchange", targets: ["HealthInterchange"]),
        .library(name: "HICore", targets: ["HICore"]),
        .library(name: "HIConvert", targets: ["HIConvert"]),
        .library(name: "HIHL7v2", targets: ["HIHL7v2"]),
        .library(name: "HIMLLP", targets: ["HIMLLP"]),
        .library(name: "HIPrimaryCare", targets: ["HIPrimaryCare"]),
        .library(name: "HIPrivacy", targets: ["HIPrivacy"]),
        .library(name: "HIValidation", targets: ["HIValidation"]),
        .library(name: "HIV3", targets: ["HIV3"]),
        .library(name: "HIXML", targets: ["HIXML"]),
        .library(name: "HICDA", targets: ["HICDA"]),
        .library(name: "HIFHIR", targets: ["HIFHIR"]),
        .library(name: "HITabular", targets: ["HITabular"]),
        .library(name: "HITerminology", targets: ["HITerminology"]),
        .library(name: "HIModels", targets: ["HIModels"]),
        .executable(name: "hix", targets: ["hix"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "HICore", swiftSettings: strict),
        .target(name: "HIHL7v2", dependencies: ["HICore"], swiftSettings: strict),
        .target(name: "HIMLLP", dependencies: ["HICore", "HIHL7v2"], swiftSettings: strict),
        .target(name: "HIXML", dependencies: ["HICore", "CLibXML2"], swiftSettings: strict),
        .target(name: "HICDA", dependencies: ["HICore", "HIXML"], swiftSettings: strict),
        .target(name: "HIFHIR", dependencies: ["HICore"], swiftSettings: strict),
        .target(name: "HITabular", dependencies: ["HICore"], swiftSettings: strict),
        .target(name: "HITerminology", dependencies: ["HICore"], swiftSettings: strict),
        .target(name: "HIModels", dependencies: ["HICore", "HITerminology"], swiftSettings: strict),
        .target(
            name: "HIConvert",
            dependencies: [
                "HICore", "HIHL7v2", "HIXML", "HICDA", "HIFHIR", "HITabular", "HITerminology", "HIModels", "HIV3",
            ],
            swiftSettings: strict),
        .target(
            name: "HIPrivacy",
            dependencies: ["HICore", "HIHL7v2", "HIXML", "HICDA", "HIFHIR", "HITabular", "HIModels"],
            swiftSettings: strict),
        .target(
            name: "HIV3", dependencies: ["HICore", "HIXML", "HICDA", "HITerminology", "HIModels"], swiftSettings: strict
        ),
        .target(
            name: "HIValidation", dependencies: ["HICore", "HITerminology", "HIModels"], swiftSettings: strict),
        .target(
            name: "HIPrimaryCare",
            dependencies: [
                "HICore", "HIHL7v2", "HIXML", "HICDA", "HIFHIR", "HITabular", "HITerminology", "HIModels", "HIConvert",
                "HIValidation",
            ],
            swiftSettings: strict),
        .target(
            name: "HealthInterchange",
            dependencies: [
                "HICore", "HIHL7v2", "HIMLLP", "HIXML", "HICDA", "HIFHIR", "HITabular", "HITerminology",
                "HIModels", "HIValidation", "HIConvert", "HIPrivacy", "HIV3", "HIPrimaryCare",
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "hix", dependencies: ["HealthInterchange"], swiftSettings: strict),

        // Test support: locating Samples/ and ../shared/corpus. Not a product; only tests link it.
        .target(name: "HITestSupport", dependencies: ["HICore"], path: "Tests/HITestSupport", swiftSettings: strict),
        .testTarget(name: "HICoreTests", dependencies: ["HICore", "HITestSupport"], swiftSettings: strict),
        .testTarget(
            name: "HIHL7v2Tests", dependencies: ["HIHL7v2", "HITestSupport"], exclude: ["FailCases"],
            swiftSettings: strict),
        .testTarget(name: "HIMLLPTests", dependencies: ["HIMLLP", "HITestSupport"], swiftSettings: strict),
        .testTarget(
            name: "HIValidationTests", dependencies: ["HIValidation", "HITestSupport"], exclude: ["Golden"],
            swiftSettings: strict),
        .testTarget(
            name: "HIV3Tests", dependencies: ["HIV3", "HITestSupport"], exclude: ["FailCases"], swiftSettings: strict),
        .testTarget(name: "HIXMLTests", dependencies: ["HIXML", "HITestSupport"], swiftSettings: strict),
        .testTarget(name: "HICDATests", dependencies: ["HICDA", "HITestSupport"], swiftSettings: strict),
        .testTarget(name: "HIConvertTests", dependencies: ["HIConvert", "HITestSupport"], swiftSettings: strict),
        .testTarget(
            name: "HIPrimaryCareTests", dependencies: ["HIPrimaryCare", "HITestSupport"], swiftSettings: strict),
        .testTarget(
            name: "HIPrivacyTests", dependencies: ["HIPrivacy", "HIV3", "HITestSupport"], exclude: ["FailCases"],
            swiftSettings: strict),
        .testTarget(
            name: "HIFHIRTests", dependencies: ["HIFHIR", "HITestSupport"], exclude: ["FailCases"],
            swiftSettings: strict),
        .testTarget(
            name: "HITabularTests", dependencies: ["HITabular", "HITestSupport"], exclude: ["FailCases"],
            swiftSettings: strict),
        .testTarget(
            name: "HITerminologyTests", dependencies: ["HITerminology", "HITestSupport"], swiftSettings: strict),
        .testTarget(
            name: "HIModelsTests", dependencies: ["HIModels", "HITestSupport"], exclude: ["FailCases"],
            swiftSettings: strict),
        .testTarget(
            name: "HealthInterchangeTests", dependencies: ["HealthInterchange", "HITestSupport"], exclude: ["Golden"],
            swiftSettings: strict),
        .testTarget(name: "hixTests", dependencies: ["hix", "HITestSupport"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
