/// SHA-256 (FIPS 180-4), written in the project because no crypto dependency is allowed.
///
/// Used to derive keyed pseudonyms (through ``HMACSHA256``) and to fingerprint batch inputs for resuming (whole
/// 64-byte blocks are compressed straight from the caller's contiguous bytes, without copying).
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))
/// print(SHA256.hex(digest))  // ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
/// ```
public struct SHA256: Sendable {
    /// Length of a digest in bytes.
    public static let digestByteCount = 32
    /// Length of a block in bytes.
    public static let blockByteCount = 64

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var pending: [UInt8] = []
    private var totalBytes: UInt64 = 0

    /// A fresh hash state.
    public init() { pending.reserveCapacity(Self.blockByteCount) }

    /// Feeds more bytes.
    public mutating func update<C: Collection<UInt8>>(_ bytes: C) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { absorb($0) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { absorb($0) } }
    }

    /// Feeds bytes: tops up a partial block, compresses whole blocks in place, keeps the rest for later.
    private mutating func absorb(_ bytes: UnsafeBufferPointer<UInt8>) {
        totalBytes &+= UInt64(bytes.count)
        var index = 0
        if !pending.isEmpty {
            let take = min(Self.blockByteCount - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            index = take
            if pending.count == Self.blockByteCount {
                pending.withUnsafeBufferPointer { Self.compress(&state, $0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        if let base = bytes.baseAddress {
            while bytes.count - index >= Self.blockByteCount {
                Self.compress(&state, UnsafeBufferPointer(start: base + index, count: Self.blockByteCount))
                index += Self.blockByteCount
            }
        }
        if index < bytes.count { pending.append(contentsOf: bytes[index...]) }
    }

    /// The digest of everything fed so far (the state is consumed).
    public consuming func finalize() -> [UInt8] {
        let bitLength = totalBytes &* 8
        pending.append(0x80)
        if pending.count > 56 {
            while pending.count < Self.blockByteCount { pending.append(0) }
            compress(pending)
            pending.removeAll(keepingCapacity: true)
        }
        while pending.count < 56 { pending.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            pending.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        compress(pending)
        var digest: [UInt8] = []
        digest.reserveCapacity(Self.digestByteCount)
        for word in state {
            for shift in stride(from: 24, through: 0, by: -8) {
                digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        return digest
    }

    /// The SHA-256 digest of `bytes` (32 bytes).
    public static func hash<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lower-case hexadecimal text of `bytes`.
    public static func hex<C: Collection<UInt8>>(_ bytes: C) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    private mutating func compress(_ block: [UInt8]) {
        block.withUnsafeBufferPointer { Self.compress(&state, $0) }
    }

    /// One block (`block.count` is 64) into `state`: the message schedule lives in a stack buffer, no allocation.
    private static func compress(_ state: inout [UInt32], _ block: UnsafeBufferPointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { words in
            roundConstants.withUnsafeBufferPointer { constants in
                compress(&state, block, words: words, constants: constants)
            }
        }
    }

    private static func compress(
        _ state: inout [UInt32], _ block: UnsafeBufferPointer<UInt8>, words: UnsafeMutableBufferPointer<UInt32>,
        constants: UnsafeBufferPointer<UInt32>
    ) {
        guard block.count >= blockByteCount, words.count >= 64, constants.count >= 64, state.count == 8 else { return }
        for index in 0..<16 {
            let base = index * 4
            words[index] =
                UInt32(block[base]) << 24 | UInt32(block[base + 1]) << 16 | UInt32(block[base + 2]) << 8
                | UInt32(block[base + 3])
        }
        for index in 16..<64 {
            let w15 = words[index - 15]
            let w2 = words[index - 2]
            let s0 = rotate(w15, 7) ^ rotate(w15, 18) ^ (w15 >> 3)
            let s1 = rotate(w2, 17) ^ rotate(w2, 19) ^ (w2 >> 10)
            words[index] = words[index - 16] &+ s0 &+ words[index - 7] &+ s1
        }
        var a = state[0]
        var b = state[1]
        var c = state[2]
        var d = state[3]
        var e = state[4]
        var f = state[5]
        var g = state[6]
        var h = state[7]
        for index in 0..<64 {
            let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
            let choice = (e & f) ^ (~e & g)
            let temp1 = h &+ s1 &+ choice &+ constants[index] &+ words[index]
            let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let temp2 = s0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ temp1
            d = c
            c = b
            b = a
            a = temp1 &+ temp2
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
        state[5] &+= f
        state[6] &+= g
        state[7] &+= h
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}

/// HMAC-SHA-256 (RFC 2104 / RFC 4231): the keyed hash that makes pseudonyms repeatable for one key and
/// unguessable without it.
///
/// ```swift
/// let mac = HMACSHA256.authenticationCode(for: Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
/// print(SHA256.hex(mac))  // 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
/// ```
public struct HMACSHA256: Sendable {
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]

    /// Prepares the key (keys longer than a block are hashed first, as RFC 2104 says).
    public init<C: Collection<UInt8>>(key: C) {
        var block = key.count > SHA256.blockByteCount ? SHA256.hash(key) : Array(key)
        while block.count < SHA256.blockByteCount { block.append(0) }
        innerPad = block.map { $0 ^ 0x36 }
        outerPad = block.map { $0 ^ 0x5C }
    }

    /// The 32-byte code of `message`.
    public func authenticationCode<C: Collection<UInt8>>(for message: C) -> [UInt8] {
        var inner = SHA256()
        inner.update(innerPad)
        inner.update(message)
        var outer = SHA256()
        outer.update(outerPad)
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The 32-byte code of `message` under `key`.
    public static func authenticationCode<M: Collection<UInt8>, K: Collection<UInt8>>(
        for message: M, key: K
    ) -> [UInt8] {
        HMACSHA256(key: key).authenticationCode(for: message)
    }
}
