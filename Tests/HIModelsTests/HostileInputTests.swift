import HIModels
import HITerminology
import Testing

/// A small deterministic generator, so failures reproduce.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random strings built from the characters the parsers care about never trap, and what parses is consistent.
@Test func randomInputsNeverTrap() {
    var random = SplitMix64(state: 42)
    let alphabet: [Character] = Array("0123456789Xx +-()转#.86０１ａ\t\n\u{0}é中")
    var accepted = 0
    for _ in 0..<5_000 {
        let length = Int(random.next() % 24)
        let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        if let id = try? ResidentIDNumber(parsing: text) {
            accepted += 1
            #expect(id.value.utf8.count == 18)
            #expect(ResidentIDNumber.checkCharacter(forPrefixOf: id.value) == String(id.value.suffix(1)))
        }
        if let phone = try? PhoneNumber(parsing: text) {
            #expect(phone.normalized.first == "1" || phone.normalized.first == "0")
        }
    }
    #expect(accepted >= 0)
}

/// Random digit strings of ID length: exactly those with a matching check character (and a valid date and
/// region) are accepted.
@Test func randomDigitNumbersFollowTheCheckRule() {
    var random = SplitMix64(state: 7)
    var options = ResidentIDOptions()
    options.requireKnownRegion = false
    for _ in 0..<2_000 {
        let digits = (0..<17).map { _ in Character(String(random.next() % 10)) }
        let prefix = "420106" + "19" + String(digits[8..<17].prefix(2)) + "0101" + String(digits[0..<3])
        let check = ResidentIDNumber.checkCharacter(forPrefixOf: prefix) ?? "?"
        #expect(throws: Never.self) { try ResidentIDNumber(parsing: prefix + check, options: options) }
        let wrong = check == "0" ? "1" : "0"
        #expect(throws: ModelError(.wrongCheckCharacter, "")) {
            try ResidentIDNumber(parsing: prefix + wrong, options: options)
        }
    }
}
