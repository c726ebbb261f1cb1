import FuzzSupport
import Glibc
import HIFHIR
import HIHL7v2
import HIPrivacy
import HIXML

/// De-identification never traps on any input in any format (the first byte picks the format); what it
/// returns for HL7 v2, FHIR and CDA input parses again.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 1 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
    let formats = DeidentificationFormat.allCases
    let format = formats[Int(start.pointee) % formats.count]
    guard let result = try? deidentifier.deidentify(bytes, format: format) else { return 0 }
    switch format {
    case .hl7v2:
        precondition((try? HL7v2Message(parsing: result.bytes)) != nil, "de-identified v2 does not parse")
    case .fhirJSON:
        precondition((try? FHIRResource(parsing: result.bytes)) != nil, "de-identified FHIR does not parse")
    case .cda, .v3:
        precondition((try? XMLDocument(parsing: result.bytes)) != nil, "de-identified XML does not parse")
    default:
        break
    }
    return 0
}

let deidentifier = Deidentifier(options: DeidentificationOptions(key: Array("fuzz key".utf8)))

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
