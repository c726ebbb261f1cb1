#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A character set that interchange documents declare: HL7 v2 MSH-18, an XML declaration, a CSV export.
///
/// Well-known sets are static constants; ``init(name:)`` recognises the spellings seen in real feeds
/// (`UNICODE UTF-8`, `GB 18030-2000`, `GB18030`, `GBK`, `8859/1`, `ISO-8859-1`, `ASCII`, …).
/// Decoding and encoding of the Chinese sets goes through the C library's `iconv`, so no table ships
/// with the package; UTF-8, ASCII and Latin-1 are handled in Swift.
///
/// ```swift
/// let charset = Charset(name: "GB 18030-2000")!          // .gb18030
/// let text = try charset.decode([0xD5, 0xC5])            // "张"
/// let bytes = try charset.encode("张")                   // [0xD5, 0xC5]
/// ```
public struct Charset: Hashable, Sendable, CustomStringConvertible {
    private enum Base: Hashable, Sendable { case ascii, latin1, utf8, gb18030, gbk, utf16BE, utf16LE }
    private let base: Base
    private init(base: Base) { self.base = base }

    /// US-ASCII (HL7 `ASCII`).
    public static let ascii = Charset(base: .ascii)
    /// ISO 8859-1 (HL7 `8859/1`).
    public static let latin1 = Charset(base: .latin1)
    /// UTF-8 (HL7 `UNICODE UTF-8`); the default of XML and JSON.
    public static let utf8 = Charset(base: .utf8)
    /// GB 18030-2000/2005/2022 (HL7 `GB 18030-2000`); a superset of GBK and GB 2312.
    public static let gb18030 = Charset(base: .gb18030)
    /// GBK (CP936), still common in exports from older Chinese systems.
    public static let gbk = Charset(base: .gbk)
    /// UTF-16 big-endian.
    public static let utf16BE = Charset(base: .utf16BE)
    /// UTF-16 little-endian.
    public static let utf16LE = Charset(base: .utf16LE)

    /// Recognises a declared character-set name, case- and punctuation-insensitively; `nil` when unknown.
    ///
    /// - Parameter name: for example `UNICODE UTF-8`, `utf8`, `GB 18030-2000`, `GB2312`, `8859/1`.
    public init?(name: String) {
        var key = ""
        for scalar in name.unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            key.unicodeScalars.append(scalar)
        }
        key = key.uppercased()
        switch key {
        case "ASCII", "USASCII", "ANSIX341968", "US": self = .ascii
        case "88591", "ISO88591", "LATIN1", "ISOIR100", "L1", "CP819", "WINDOWS1252", "CP1252": self = .latin1
        case "UNICODEUTF8", "UTF8", "UNICODE11UTF8": self = .utf8
        case "GB180302000", "GB18030", "GB180302005", "GB180302022": self = .gb18030
        case "GBK", "CP936", "GB2312", "GB231280", "EUCCN", "WINDOWS936", "CHINESE", "GB": self = .gbk
        case "UTF16BE", "UNICODEUTF16BE", "UTF16", "UNICODEUTF16", "UCS2": self = .utf16BE
        case "UTF16LE", "UNICODEUTF16LE": self = .utf16LE
        default: return nil
        }
    }

    /// The name used in HL7 v2 MSH-18 (table 0211) for this charset.
    public var hl7Name: String {
        switch base {
        case .ascii: "ASCII"
        case .latin1: "8859/1"
        case .utf8: "UNICODE UTF-8"
        case .gb18030: "GB 18030-2000"
        case .gbk: "GBK"
        case .utf16BE, .utf16LE: "UNICODE UTF-16"
        }
    }

    /// The IANA name, as used in XML declarations and by `iconv`.
    public var ianaName: String {
        switch base {
        case .ascii: "US-ASCII"
        case .latin1: "ISO-8859-1"
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .gbk: "GBK"
        case .utf16BE: "UTF-16BE"
        case .utf16LE: "UTF-16LE"
        }
    }

    public var description: String { ianaName }

    /// `true` for charsets where a trail byte of a multi-byte character can fall in the ASCII range
    /// (GB18030, GBK): a tokenizer must step over whole characters instead of scanning byte by byte.
    public var hasASCIITrailBytes: Bool { base == .gb18030 || base == .gbk }

    /// `true` for charsets in which every ASCII byte stands for itself (all but UTF-16).
    public var isASCIICompatible: Bool { base != .utf16BE && base != .utf16LE }

    /// The length in bytes of the character starting at `index`, or `nil` when the bytes there are not a
    /// valid (or complete) character of this charset. ASCII bytes are always length 1.
    ///
    /// Only meaningful for ASCII-compatible charsets; tokenizers call it for bytes at or above 0x80.
    @inlinable
    public func characterLength<C: RandomAccessCollection<UInt8>>(at index: C.Index, in bytes: C) -> Int?
    where C.Index == Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        switch self {
        case .gb18030, .gbk:
            guard lead >= 0x81, lead <= 0xFE, index + 1 < bytes.endIndex else { return nil }
            let second = bytes[index + 1]
            if (second >= 0x40 && second <= 0x7E) || (second >= 0x80 && second <= 0xFE) { return 2 }
            if self == .gb18030, second >= 0x30, second <= 0x39, index + 3 < bytes.endIndex {
                let third = bytes[index + 2]
                let fourth = bytes[index + 3]
                if third >= 0x81, third <= 0xFE, fourth >= 0x30, fourth <= 0x39 { return 4 }
            }
            return nil
        case .utf8:
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return nil
            }
            guard index + length <= bytes.endIndex else { return nil }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return nil }
            return length
        case .latin1:
            return 1
        default:
            return nil
        }
    }

    /// Decodes `bytes` in this charset.
    ///
    /// - Throws: ``CharsetError`` with the byte offset of the first sequence that is not valid.
    public func decode<C: Collection<UInt8>>(_ bytes: C) throws(CharsetError) -> String {
        switch base {
        case .ascii:
            if let bad = bytes.firstIndex(where: { $0 >= 0x80 }) {
                throw CharsetError(charset: self, byteOffset: bytes.distance(from: bytes.startIndex, to: bad))
            }
            return String(decoding: bytes, as: UTF8.self)
        case .latin1:
            var text = ""
            text.unicodeScalars.reserveCapacity(bytes.count)
            for byte in bytes { text.unicodeScalars.append(Unicode.Scalar(byte)) }
            return text
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            throw CharsetError(charset: self, byteOffset: Self.firstInvalidUTF8Offset(Array(bytes)) ?? 0)
        case .gb18030, .gbk, .utf16BE, .utf16LE:
            let output = try IConv.convert(Array(bytes), from: ianaName, to: "UTF-8", charset: self)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Decodes `bytes`, replacing invalid sequences (U+FFFD); for display only, never for round trips.
    public func decodeLossy<C: Collection<UInt8>>(_ bytes: C) -> String {
        if let text = try? decode(bytes) { return text }
        if base == .utf8 || base == .ascii { return String(decoding: bytes, as: UTF8.self) }
        // Decode character by character, replacing what does not decode.
        let array = Array(bytes)
        var text = ""
        var index = 0
        while index < array.count {
            if array[index] < 0x80 {
                text.unicodeScalars.append(Unicode.Scalar(array[index]))
                index += 1
                continue
            }
            if let length = characterLength(at: index, in: array),
                let piece = try? decode(array[index..<index + length])
            {
                text += piece
                index += length
            } else {
                text += "\u{FFFD}"
                index += 1
            }
        }
        return text
    }

    /// Encodes `text` in this charset.
    ///
    /// - Throws: ``CharsetError`` when a character has no representation in this charset (for example a
    ///   Chinese character in Latin-1); `byteOffset` is then the UTF-8 offset of that character.
    public func encode(_ text: String) throws(CharsetError) -> [UInt8] {
        switch base {
        case .utf8:
            return Array(text.utf8)
        case .ascii, .latin1:
            let limit: UInt32 = base == .ascii ? 0x80 : 0x100
            var output: [UInt8] = []
            output.reserveCapacity(text.utf8.count)
            var offset = 0
            for scalar in text.unicodeScalars {
                guard scalar.value < limit else { throw CharsetError(charset: self, byteOffset: offset) }
                output.append(UInt8(scalar.value))
                offset += UTF8.width(scalar)
            }
            return output
        case .gb18030, .gbk, .utf16BE, .utf16LE:
            return try IConv.convert(Array(text.utf8), from: "UTF-8", to: ianaName, charset: self)
        }
    }

    /// Offset of the first byte that does not start a valid UTF-8 sequence, or `nil` when all are valid.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            guard let length = Charset.utf8.characterLength(at: index, in: bytes) else { return index }
            // Reject overlongs and surrogates the quick structural check lets through.
            guard String(validating: bytes[index..<index + length], as: UTF8.self) != nil else { return index }
            index += length
        }
        return nil
    }
}

/// Bytes that are not valid in the charset they were declared in, or text that the target charset cannot
/// represent.
///
/// ```swift
/// do { _ = try Charset.ascii.decode([0x41, 0xE9]) } catch { print(error) }  // byte 1 is not valid US-ASCII
/// ```
public struct CharsetError: LocatedError, Hashable {
    /// The charset that failed.
    public let charset: Charset
    /// Offset of the offending byte in the converted input.
    public let byteOffset: Int

    /// Creates the error.
    public init(charset: Charset, byteOffset: Int) {
        self.charset = charset
        self.byteOffset = byteOffset
    }

    public var issueCode: IssueCode { "HI-CORE-0001" }
    public var location: SourceLocation { SourceLocation(byteOffset: byteOffset) }
    public var reason: String { "byte \(byteOffset) is not valid \(charset.ianaName)" }
    public var description: String { reason }
}

/// A one-shot wrapper around the C library's iconv: a descriptor per call, so there is no shared state
/// between threads.
enum IConv {
    static func convert(_ input: [UInt8], from: String, to: String, charset: Charset) throws(CharsetError) -> [UInt8] {
        if input.isEmpty { return [] }
        let descriptor = iconv_open(to, from)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else {
            throw CharsetError(charset: charset, byteOffset: 0)
        }
        defer { iconv_close(descriptor) }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inputCopy = input
        var failedAt: Int? = nil
        var produced = 0
        inputCopy.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            while inLeft > 0 {
                let capacity = output.count
                let result: Int = output.withUnsafeMutableBufferPointer { outBuffer in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                        outBuffer.baseAddress! + produced
                    ).assumingMemoryBound(to: CChar.self)
                    var outLeft = capacity - produced
                    let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    produced = capacity - outLeft
                    return status
                }
                if result == -1 {
                    if errno == E2BIG {
                        output.append(contentsOf: repeatElement(0, count: output.count))
                        continue
                    }
                    failedAt = inBuffer.count - inLeft
                    return
                }
            }
        }
        if let failedAt { throw CharsetError(charset: charset, byteOffset: failedAt) }
        output.removeSubrange(produced...)
        return output
    }
}
