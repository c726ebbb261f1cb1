import FuzzSupport
import Glibc
import HIModels

/// Resident ID and phone number parsers never trap; accepted IDs have a valid check character.
@c(LLVMFuzzerTestOneInput)
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: min(count, 256)), as: UTF8.self)
    if let id = try? ResidentIDNumber(parsing: text) {
        precondition(id.value.utf8.count == 18, "accepted ID is not 18 characters")
        let check = ResidentIDNumber.checkCharacter(for: id.value.utf8.prefix(17))
        precondition(id.value.utf8.last == check, "accepted ID has a wrong check character")
        _ = (id.masked, id.sex, id.region, id.birthDate)
    }
    var lenient = ResidentIDOptions()
    lenient.checkCheckCharacter = false
    lenient.requireKnownRegion = false
    _ = try? ResidentIDNumber(parsing: text, options: lenient)
    _ = ResidentIDNumber.checkCharacter(forPrefixOf: text)
    if let phone = try? PhoneNumber(parsing: text) {
        _ = (phone.normalized, phone.e164, phone.masked)
    }
    return 0
}

/// SwiftPM owns `main`; it hands control to libFuzzer's driver.
@main enum Entry {
    static func main() { runLibFuzzer(fuzzOne) }
}
