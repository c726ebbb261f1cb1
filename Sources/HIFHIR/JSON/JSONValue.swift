#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON value in a lossless tree: objects keep their member order, numbers keep their exact text and
/// strings keep their source bytes (escapes included) and are decoded only when asked.
///
/// ```swift
/// let value = try JSONReader.read(Array(#"{"value": 1.50, "unit": "mmol/L"}"#.utf8))
/// print(value["value"]?.numberText ?? "")   // 1.50
/// print(value["unit"]?.stringValue ?? "")   // mmol/L
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null`
    case null
    /// `true` or `false`
    case bool(Bool)
    /// A number, kept as written.
    case number(JSONNumber)
    /// A string.
    case string(JSONString)
    /// An array.
    case array([JSONValue])
    /// An object, members in order.
    case object(JSONObject)

    /// The member named `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` when this is an array and the index is in range.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    /// The decoded text when this is a string.
    public var stringValue: String? {
        if case .string(let string) = self { return string.value }
        return nil
    }

    /// The number's exact source text when this is a number.
    public var numberText: String? {
        if case .number(let number) = self { return number.text }
        return nil
    }

    /// The value when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The object when this is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The JSON kind, for messages: `object`, `array`, `string`, `number`, `boolean` or `null`.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Byte offset of the value in the input it was read from, when known (strings, numbers, objects).
    public var sourceOffset: Int? {
        switch self {
        case .string(let string): string.sourceOffset
        case .number(let number): number.sourceOffset
        case .object(let object): object.sourceOffset
        default: nil
        }
    }
}

/// A JSON string: its escaped source bytes (without quotes), decoded to a `String` on demand.
///
/// ```swift
/// let text = JSONString("张三")
/// print(text.value)   // 张三
/// ```
public struct JSONString: Sendable, Hashable, CustomStringConvertible {
    /// The bytes between the quotes, escapes as written.
    public let rawBytes: ArraySlice<UInt8>
    /// Whether ``rawBytes`` contains a backslash escape.
    public let hasEscapes: Bool
    let offset: Int

    init(raw: ArraySlice<UInt8>, hasEscapes: Bool, offset: Int) {
        self.rawBytes = raw
        self.hasEscapes = hasEscapes
        self.offset = offset
    }

    /// A string made in code (escaped as the writer needs).
    public init(_ value: String) {
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count + 2)
        var escaped = false
        for byte in value.utf8 where byte == 0x22 || byte == 0x5C || byte < 0x20 {
            escaped = true
            break
        }
        if escaped {
            JSONWriter.appendEscaped(value, to: &output)
        } else {
            output.append(contentsOf: value.utf8)
        }
        self.rawBytes = output[...]
        self.hasEscapes = escaped
        self.offset = -1
    }

    /// Byte offset of the opening quote in the source, or `nil` for strings made in code.
    public var sourceOffset: Int? { offset >= 0 ? offset : nil }

    /// The decoded text.
    public var value: String {
        if !hasEscapes { return String(decoding: rawBytes, as: UTF8.self) }
        return String(decoding: JSONString.unescape(rawBytes), as: UTF8.self)
    }

    /// The decoded UTF-8 bytes.
    public var utf8: [UInt8] { hasEscapes ? JSONString.unescape(rawBytes) : Array(rawBytes) }

    public var description: String { value }

    /// Whether the decoded text equals `text`, without building a `String` when there are no escapes.
    public func equals(_ text: String) -> Bool {
        if !hasEscapes {
            guard rawBytes.count == text.utf8.count else { return false }
            var text = text
            return text.withUTF8 { equals(utf8: $0) }
        }
        return value == text
    }

    /// Whether the decoded text equals the UTF-8 text `name` (bytes compared in place when there are no escapes;
    /// decoded texts compared as `String`s otherwise, as ``equals(_:)`` does).
    @inline(__always)
    func equals(utf8 name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !hasEscapes else { return value == String(decoding: name, as: UTF8.self) }
        guard rawBytes.count == name.count else { return false }
        return rawBytes.withUnsafeBufferPointer { raw in
            guard let left = raw.baseAddress, let right = name.baseAddress else { return raw.isEmpty && name.isEmpty }
            return memcmp(left, right, raw.count) == 0
        }
    }

    public static func == (lhs: JSONString, rhs: JSONString) -> Bool {
        if !lhs.hasEscapes && !rhs.hasEscapes { return lhs.rawBytes == rhs.rawBytes }
        return lhs.utf8 == rhs.utf8
    }

    public func hash(into hasher: inout Hasher) {
        if hasEscapes { hasher.combine(utf8[...]) } else { hasher.combine(rawBytes) }
    }

    /// Decodes escapes of bytes the scanner already validated (malformed escapes become U+FFFD).
    static func unescape(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        let end = raw.endIndex
        func hex(at position: Int) -> UInt32? {
            guard position + 4 <= end else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = JSONScanner.hexValue(raw[position + offset]) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < end {
            let byte = raw[index]
            guard byte == 0x5C, index + 1 < end else {
                output.append(byte)
                index += 1
                continue
            }
            let next = raw[index + 1]
            index += 2
            switch next {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "u"):
                var scalarValue = hex(at: index) ?? 0xFFFD
                index += 4
                if (0xD800..<0xDC00).contains(scalarValue), index + 6 <= end, raw[index] == 0x5C,
                    raw[index + 1] == UInt8(ascii: "u"), let low = hex(at: index + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                output.append(contentsOf: String(Character(scalar)).utf8)
            default: output.append(next)
            }
        }
        return output
    }
}

/// A JSON number kept exactly as written (`1.50` stays `1.50`; FHIR decimals are arbitrary precision).
///
/// ```swift
/// let number = JSONNumber("1234567890123456789.0123456789")!
/// print(number.text, number.significantDigits)   // 1234567890123456789.0123456789 29
/// ```
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The source text (ASCII).
    public let rawBytes: ArraySlice<UInt8>
    let offset: Int

    init(raw: ArraySlice<UInt8>, offset: Int) {
        self.rawBytes = raw
        self.offset = offset
    }

    /// A number from its text; `nil` unless `text` is a JSON number FHIR allows.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, JSONScanner.numberLength(bytes[...]) == bytes.count else { return nil }
        self.rawBytes = bytes[...]
        self.offset = -1
    }

    /// A number from an integer.
    public init(_ value: Int) {
        self.rawBytes = Array(String(value).utf8)[...]
        self.offset = -1
    }

    /// The exact text.
    public var text: String { String(decoding: rawBytes, as: UTF8.self) }
    public var description: String { text }
    /// Byte offset in the source, or `nil` for numbers made in code.
    public var sourceOffset: Int? { offset >= 0 ? offset : nil }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { lhs.rawBytes == rhs.rawBytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawBytes) }

    /// Whether the text has no fraction and no exponent.
    public var isInteger: Bool { !rawBytes.contains { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 } }

    /// The value as `Int` when it is an integer in range.
    public var intValue: Int? { isInteger ? Int(text) : nil }

    /// The value as `Double` (may round; use ``text`` to keep precision).
    public var doubleValue: Double? { Double(text) }

    /// Significant digits of the mantissa (leading zeros not counted; trailing zeros after the point are).
    public var significantDigits: Int {
        var count = 0
        var leading = true
        for byte in rawBytes {
            if byte == 0x65 || byte == 0x45 { break }
            guard byte >= 0x30 && byte <= 0x39 else { continue }
            if leading && byte == 0x30 { continue }
            leading = false
            count += 1
        }
        return max(count, 1)
    }
}

/// One member of a JSON object.
///
/// ```swift
/// let member = JSONMember(key: "status", value: .string(JSONString("final")))
/// ```
public struct JSONMember: Sendable, Hashable {
    /// The member name.
    public var key: JSONString
    /// The member value.
    public var value: JSONValue

    /// Creates a member.
    public init(key: JSONString, value: JSONValue) {
        self.key = key
        self.value = value
    }

    /// Creates a member named `key`.
    public init(key: String, value: JSONValue) {
        self.key = JSONString(key)
        self.value = value
    }
}

/// A JSON object with its members in source order.
///
/// ```swift
/// var object = JSONObject()
/// object["resourceType"] = .string(JSONString("Patient"))
/// object["id"] = .string(JSONString("p1"))
/// print(object.keys)   // ["resourceType", "id"]
/// ```
public struct JSONObject: Sendable, Hashable {
    /// The members in order.
    public var members: [JSONMember]
    let offset: Int

    /// An empty object.
    public init() {
        members = []
        offset = -1
    }

    /// An object with these members.
    public init(_ members: [JSONMember]) {
        self.members = members
        offset = -1
    }

    init(members: [JSONMember], offset: Int) {
        self.members = members
        self.offset = offset
    }

    /// Byte offset of `{` in the source, or `nil` for objects made in code.
    public var sourceOffset: Int? { offset >= 0 ? offset : nil }

    /// Member names in order.
    public var keys: [String] { members.map(\.key.value) }

    /// The index of the member named `key`.
    public func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { name in
            members.withUnsafeBufferPointer { list in
                var position = 0
                while position < list.count {
                    if list[position].key.equals(utf8: name) { return position }
                    position += 1
                }
                return nil
            }
        }
    }

    /// The member named `key`; setting `nil` removes it, setting a new one appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = index(of: key) else { return nil }
            return members[position].value
        }
        set {
            if let index = index(of: key) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(JSONMember(key: key, value: newValue))
            }
        }
    }

    /// The member (with its key's source location) named `key`.
    public func member(_ key: String) -> JSONMember? {
        guard let position = index(of: key) else { return nil }
        return members[position]
    }

    /// Same members and values in the same order; source offsets are ignored.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.members == rhs.members }
    public func hash(into hasher: inout Hasher) { hasher.combine(members) }
}

extension JSONValue {
    /// A string value.
    public static func string(_ text: String) -> JSONValue { .string(JSONString(text)) }
}
