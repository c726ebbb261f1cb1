public import HICore

/// A mainland China phone number: mobile (`1[3-9]` and 9 more digits) or landline (area code `010`, `02x`
/// or `0xxx`, then 7–8 digits, optionally an extension), parsed from the spellings seen in feeds
/// (`+86 138-1234-5678`, `0086 13812345678`, `(0755) 8123 4567`, `010-12345678转123`).
///
/// ```swift
/// let mobile = try PhoneNumber(parsing: "+86 138-1234-5678")
/// print(mobile.kind, mobile.normalized, mobile.e164)   // mobile 13812345678 +8613812345678
/// let office = try PhoneNumber(parsing: "(0755) 8123 4567")
/// print(office.normalized)                             // 0755-81234567
/// print(office)                                        // masked: 075*****4567
/// ```
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// Mobile or landline.
    ///
    /// ```swift
    /// let kind: PhoneNumber.Kind = .landline
    /// ```
    public enum Kind: String, Hashable, Sendable {
        /// 11 digits starting with 13–19.
        case mobile
        /// Area code and subscriber number.
        case landline
    }

    /// Mobile or landline.
    public let kind: Kind
    /// The area code with its leading 0 (`010`, `0755`); `nil` for mobiles.
    public let areaCode: String?
    /// The subscriber digits (11 for mobiles, 7–8 for landlines).
    public let subscriber: String
    /// The extension, when one was given.
    public let extensionNumber: String?

    /// Parses a phone number.
    /// - Parameters:
    ///   - text: the number as written; spaces, `-`, `.`, parentheses are separators; `+86`/`0086` is optional.
    ///   - location: where it was found, for the error.
    /// - Throws: ``ModelError`` `.invalidPhoneNumber` naming the rule broken (never the number).
    public init(parsing text: String, at location: SourceLocation = .unknown) throws(ModelError) {
        var digits: [UInt8] = []
        var extensionDigits: [UInt8] = []
        var inExtension = false
        var sawPlus = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "0"..."9":
                let byte = UInt8(scalar.value)
                if inExtension { extensionDigits.append(byte) } else { digits.append(byte) }
            case " ", "-", ".", "(", ")", "\u{3000}", "－", "（", "）":
                continue
            case "+":
                guard digits.isEmpty, !sawPlus else {
                    throw ModelError(.invalidPhoneNumber, "'+' may only start the number", at: location)
                }
                sawPlus = true
            case "转", "#", "x", "X", "e", "E", "分", "机":
                // 转 / # / x / ext / 分机 introduce an extension; their letters may repeat (ext).
                guard !digits.isEmpty else {
                    throw ModelError(.invalidPhoneNumber, "an extension needs a number before it", at: location)
                }
                inExtension = true
            case "t", "T":
                guard inExtension else {
                    throw ModelError(
                        .invalidPhoneNumber, "only digits, separators, '+86' and an extension are allowed",
                        at: location)
                }
            default:
                throw ModelError(
                    .invalidPhoneNumber, "only digits, separators, '+86' and an extension are allowed", at: location)
            }
        }
        if sawPlus {
            guard digits.starts(with: [0x38, 0x36]) else {
                throw ModelError(.invalidPhoneNumber, "only mainland numbers (+86) are supported", at: location)
            }
            digits.removeFirst(2)
            if digits.first != 0x31 { digits.insert(0x30, at: 0) }  // +86 10 … → 010 …
        } else if digits.starts(with: [0x30, 0x30, 0x38, 0x36]) {
            digits.removeFirst(4)
            if digits.first != 0x31 { digits.insert(0x30, at: 0) }
        } else if digits.count == 13, digits.starts(with: [0x38, 0x36, 0x31]) {
            digits.removeFirst(2)
        }
        if digits.first == 0x31 {
            guard digits.count == 11, digits[1] >= 0x33 && digits[1] <= 0x39 else {
                throw ModelError(
                    .invalidPhoneNumber, "a mobile number has 11 digits and starts with 13–19", at: location)
            }
            guard extensionDigits.isEmpty else {
                throw ModelError(.invalidPhoneNumber, "a mobile number has no extension", at: location)
            }
            self.kind = .mobile
            self.areaCode = nil
            self.subscriber = String(decoding: digits, as: UTF8.self)
            self.extensionNumber = nil
            return
        }
        guard digits.first == 0x30, digits.count >= 3 else {
            throw ModelError(
                .invalidPhoneNumber, "a landline number starts with an area code 0xx or 0xxx", at: location)
        }
        let areaLength = (digits[1] == 0x31 && digits[2] == 0x30) || digits[1] == 0x32 ? 3 : 4
        let subscriber = digits.dropFirst(areaLength)
        guard digits[1] != 0x30, (7...8).contains(subscriber.count), subscriber.first != 0x30 else {
            throw ModelError(
                .invalidPhoneNumber, "a landline number has a valid area code and 7 or 8 subscriber digits",
                at: location)
        }
        guard extensionDigits.count <= 6 else {
            throw ModelError(.invalidPhoneNumber, "an extension has at most 6 digits", at: location)
        }
        self.kind = .landline
        self.areaCode = String(decoding: digits.prefix(areaLength), as: UTF8.self)
        self.subscriber = String(decoding: subscriber, as: UTF8.self)
        self.extensionNumber = extensionDigits.isEmpty ? nil : String(decoding: extensionDigits, as: UTF8.self)
    }

    /// `13812345678` or `010-12345678` (with `-123` for an extension).
    public var normalized: String {
        guard let areaCode else { return subscriber }
        return areaCode + "-" + subscriber + (extensionNumber.map { "-" + $0 } ?? "")
    }

    /// `+8613812345678` or `+861012345678` (no extension).
    public var e164: String {
        guard let areaCode else { return "+86" + subscriber }
        return "+86" + areaCode.dropFirst() + subscriber
    }

    /// The masked number (``PrivacyMask/phone(_:)`` of the digits).
    public var masked: String { PrivacyMask.phone((areaCode ?? "") + subscriber) }

    /// The masked number; use ``normalized`` for the full one.
    public var description: String { masked }
}
