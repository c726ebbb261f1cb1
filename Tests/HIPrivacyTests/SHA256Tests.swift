import HIPrivacy
import Testing

/// FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2 additional examples") and RFC 4231 HMAC test cases.
@Suite struct SHA256Tests {
    static let vectors: [(String, [UInt8], String)] = [
        ("empty", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "two blocks", Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "896 bits",
            Array(
                ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                    + "mnopqrstnopqrstu").utf8),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        ("one byte 0xbd", [0xBD], "68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b"),
        (
            "four bytes", [0xC9, 0x8C, 0x8E, 0x55],
            "7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504"
        ),
        (
            "55 zero bytes", [UInt8](repeating: 0, count: 55),
            "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7"
        ),
        (
            "56 zero bytes", [UInt8](repeating: 0, count: 56),
            "d4817aa5497628e7c77e6b606107042bbba3130888c5f47a375e6179be789fbb"
        ),
        (
            "64 zero bytes", [UInt8](repeating: 0, count: 64),
            "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b"
        ),
        (
            "1000 bytes 0x41", [UInt8](repeating: 0x41, count: 1000),
            "c2e686823489ced2017f6059b8b239318b6364f6dcd835d0a519105a1eadd6e4"
        ),
    ]

    @Test(arguments: 0..<vectors.count)
    func fipsVector(_ index: Int) {
        let (name, message, expected) = Self.vectors[index]
        #expect(SHA256.hex(SHA256.hash(message)) == expected, "\(name)")
    }

    @Test func oneMillionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalEqualsOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 299] {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == SHA256.hash(message), "split \(split)")
        }
    }

    static func bytes(_ hex: String) -> [UInt8] {
        var output: [UInt8] = []
        var characters = Array(hex.utf8)[...]
        while characters.count >= 2 {
            let pair = String(decoding: characters.prefix(2), as: UTF8.self)
            output.append(UInt8(pair, radix: 16) ?? 0)
            characters = characters.dropFirst(2)
        }
        return output
    }

    /// RFC 4231 section 4: test cases 1–7 (case 5 is truncated to 128 bits).
    static let hmacCases: [(key: [UInt8], data: [UInt8], expected: String, truncate: Int?)] = [
        (
            [UInt8](repeating: 0x0B, count: 20), Array("Hi There".utf8),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", nil
        ),
        (
            Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", nil
        ),
        (
            [UInt8](repeating: 0xAA, count: 20), [UInt8](repeating: 0xDD, count: 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", nil
        ),
        (
            bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), [UInt8](repeating: 0xCD, count: 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", nil
        ),
        (
            [UInt8](repeating: 0x0C, count: 20), Array("Test With Truncation".utf8),
            "a3b6167473100ee06e0c796c2955552b", 16
        ),
        (
            [UInt8](repeating: 0xAA, count: 131),
            Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", nil
        ),
        (
            [UInt8](repeating: 0xAA, count: 131),
            Array(
                ("This is a test using a larger than block-size key and a larger than block-size data. The key "
                    + "needs to be hashed before being used by the HMAC algorithm.").utf8),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", nil
        ),
    ]

    @Test(arguments: 0..<7)
    func rfc4231(_ index: Int) {
        let testCase = Self.hmacCases[index]
        var mac = HMACSHA256.authenticationCode(for: testCase.data, key: testCase.key)
        if let truncate = testCase.truncate { mac = Array(mac.prefix(truncate)) }
        #expect(SHA256.hex(mac) == testCase.expected, "RFC 4231 test case \(index + 1)")
    }
}
