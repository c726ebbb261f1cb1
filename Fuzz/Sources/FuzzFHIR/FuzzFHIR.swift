import FuzzSupport
import Glibc
import HIFHIR

/// Resources that parse answer the typed views and the validator without trapping.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let resource = try? FHIRResource(parsing: bytes) else { return 0 }
    _ = FHIRValidator().validate(resource, source: bytes)
    _ = resource.serialized(style: .compact)
    if let patient = resource.typed(as: FHIR.Patient.self) {
        _ = patient.name.map { ($0.family, $0.given, $0.text) }
        _ = patient.telecom.map(\.value)
        _ = patient.address.map { ($0.line, $0.district, $0.city) }
        _ = patient.identifier.map { ($0.system, $0.value) }
        _ = (patient.birthDate, patient.gender, patient.deceased)
    }
    if let observation = resource.typed(as: FHIR.Observation.self) {
        _ = FHIRValidator().validate(observation, source: bytes)
    }
    if let bundle = resource.typed(as: FHIR.Bundle.self) {
        for (index, entry) in bundle.resources.enumerated() {
            _ = FHIRValidator().validate(entry)
            _ = bundle.resolve("Patient/\(index)", from: index)
        }
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
