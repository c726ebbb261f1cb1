import FuzzSupport
import Glibc
import HICDA
import HIXML

/// CDA documents that parse answer the header views, sections and the WS/T typed document without
/// trapping.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let document = try? ClinicalDocument(parsing: bytes) else { return 0 }
    _ = (document.realmCode, document.typeId, document.id, document.code, document.title, document.effectiveTime)
    _ = (document.patientRole, document.patient, document.authors, document.custodian, document.participants)
    _ = (document.encompassingEncounter, document.nonXMLBody, document.template, document.isChineseProfile)
    for section in document.allSections { _ = (section.code, section.title) }
    _ = WSDocument(document: document)
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
