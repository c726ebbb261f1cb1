public import HICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An acknowledgement code (MSA-1, HL7 table 0008): `AA`/`AE`/`AR` (application, original mode) and
/// `CA`/`CE`/`CR` (commit, enhanced mode).
///
/// ```swift
/// let code = HL7v2AcknowledgementCode.applicationError
/// print(code, code.isPositive, code.isCommit)  // AE false false
/// ```
public struct HL7v2AcknowledgementCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// Accepts any two-letter code; well-known ones are the static constants.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `AA`: application accept.
    public static let applicationAccept = Self(rawValue: "AA")
    /// `AE`: application error.
    public static let applicationError = Self(rawValue: "AE")
    /// `AR`: application reject.
    public static let applicationReject = Self(rawValue: "AR")
    /// `CA`: commit accept (enhanced mode).
    public static let commitAccept = Self(rawValue: "CA")
    /// `CE`: commit error (enhanced mode).
    public static let commitError = Self(rawValue: "CE")
    /// `CR`: commit reject (enhanced mode).
    public static let commitReject = Self(rawValue: "CR")

    /// `true` for `AA` and `CA`.
    public var isPositive: Bool { rawValue == "AA" || rawValue == "CA" }
    /// `true` for the commit (accept-level) codes `CA`, `CE`, `CR`.
    public var isCommit: Bool { rawValue.hasPrefix("C") }
    public var description: String { rawValue }
}

/// An HL7 error condition (ERR-3, HL7 table 0357).
///
/// ```swift
/// let condition = HL7v2ErrorCondition.requiredFieldMissing
/// print(condition.code, condition.text)  // 101 Required field missing
/// ```
public struct HL7v2ErrorCondition: Hashable, Sendable {
    /// The code (`0`, `100`…`207`).
    public var code: String
    /// Its text.
    public var text: String
    /// Creates a condition; the well-known ones are static constants.
    public init(code: String, text: String) {
        self.code = code
        self.text = text
    }
    /// 0: message accepted (used for warnings and information).
    public static let messageAccepted = Self(code: "0", text: "Message accepted")
    /// 100: segment sequence error.
    public static let segmentSequenceError = Self(code: "100", text: "Segment sequence error")
    /// 101: required field missing.
    public static let requiredFieldMissing = Self(code: "101", text: "Required field missing")
    /// 102: data type error.
    public static let dataTypeError = Self(code: "102", text: "Data type error")
    /// 103: table value not found.
    public static let tableValueNotFound = Self(code: "103", text: "Table value not found")
    /// 200: unsupported message type.
    public static let unsupportedMessageType = Self(code: "200", text: "Unsupported message type")
    /// 201: unsupported event code.
    public static let unsupportedEventCode = Self(code: "201", text: "Unsupported event code")
    /// 202: unsupported processing id.
    public static let unsupportedProcessingID = Self(code: "202", text: "Unsupported processing id")
    /// 203: unsupported version id.
    public static let unsupportedVersionID = Self(code: "203", text: "Unsupported version id")
    /// 207: application internal error.
    public static let applicationInternalError = Self(code: "207", text: "Application internal error")

    /// The default mapping from an issue: `0` for warnings and information, `207` for errors, except
    /// HL7 v2 syntax issues (`HI-V2-…`) which are `102` (data type error).
    public static func `default`(for issue: Issue) -> HL7v2ErrorCondition {
        if issue.severity < .error { return .messageAccepted }
        return issue.code.rawValue.hasPrefix("HI-V2-") ? .dataTypeError : .applicationInternalError
    }
}

/// How acknowledgements are built.
///
/// ```swift
/// var options = HL7v2AcknowledgementOptions()
/// options.maximumErrorSegments = 10
/// options.errorCondition = { _ in .applicationInternalError }
/// ```
public struct HL7v2AcknowledgementOptions: Sendable {
    /// Maps an issue to its ERR-3 condition. Defaults to ``HL7v2ErrorCondition/default(for:)``.
    public var errorCondition: @Sendable (Issue) -> HL7v2ErrorCondition = { HL7v2ErrorCondition.default(for: $0) }
    /// At most this many ERR segments; the rest are summarised in MSA-3.
    public var maximumErrorSegments = 100
    /// Writes MSA-3 (text message; deprecated since v2.4 but still read by many systems).
    public var includesTextMessage = true
    /// Creates the default options.
    public init() {}
}

/// Whether a message asks for original-mode or enhanced-mode acknowledgement.
///
/// ```swift
/// if header.acknowledgementMode == .enhanced { print("commit acknowledgement first") }
/// ```
public enum HL7v2AcknowledgementMode: Hashable, Sendable {
    /// MSH-15 and MSH-16 are both empty: one application acknowledgement (AA/AE/AR).
    case original
    /// MSH-15 or MSH-16 is valued: a commit acknowledgement (CA/CE/CR) per MSH-15, an application
    /// acknowledgement per MSH-16.
    case enhanced
}

/// The MSH fields an acknowledgement needs, read leniently from the raw bytes of a message, so that even a
/// message the parser rejects can be answered (AR with its control id).
///
/// Field values are kept raw (escaped, in the message's charset) and copied into the ACK unchanged.
///
/// ```swift
/// let bytes = Array("MSH|^~\\&|LIS|LAB|HIS|HOSP|20260101||ORU^R01|C42|P|2.5\rPID|1\r".utf8)
/// let header = HL7v2MessageHeader(bytes: bytes)
/// print(header?.controlID ?? "-", header?.triggerEvent ?? "-")  // C42 R01
/// ```
public struct HL7v2MessageHeader: Sendable, Hashable {
    /// MSH-1, the field separator.
    public let fieldSeparator: UInt8
    /// MSH-2 as written: component, repetition, escape, subcomponent and truncation characters (one to five).
    public let encodingCharacters: [UInt8]
    /// The raw bytes of MSH-3, MSH-4, … (index 0 is MSH-3).
    private let rawFields: [[UInt8]]
    /// The charset declared in MSH-18 (ASCII when absent or unknown).
    public let charset: Charset
    /// `true` when MSH-18 names a charset this package does not know.
    public let hasUnknownCharset: Bool

    /// Reads the MSH segment at the start of `bytes` (a BOM and blank lines are skipped).
    /// Returns `nil` when there is no readable MSH segment (not even the delimiters).
    public init?(bytes: [UInt8]) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A || bytes[start] == 0x20 {
            start += 1
        }
        guard bytes.count >= start + 8, bytes[start] == 0x4D, bytes[start + 1] == 0x53, bytes[start + 2] == 0x48
        else { return nil }
        let separator = bytes[start + 3]
        guard Self.isDelimiterByte(separator) else { return nil }
        var end = start + 4
        while end < bytes.count, bytes[end] != 0x0D, bytes[end] != 0x0A { end += 1 }
        let segment = bytes[(start + 4)..<end]
        var encodingEnd = segment.startIndex
        while encodingEnd < segment.endIndex, segment[encodingEnd] != separator { encodingEnd += 1 }
        let encoding = Array(segment[segment.startIndex..<encodingEnd])
        // Lenient like the parser: a repeated encoding character (`^~\\&`) is accepted; only letters, digits,
        // controls and the field separator itself are refused.
        guard encoding.count >= 1, encoding.count <= 5, encoding.allSatisfy(Self.isDelimiterByte) else { return nil }
        let rest = encodingEnd < segment.endIndex ? segment[(encodingEnd + 1)...] : segment[segment.endIndex...]
        var fields = Self.split(rest, separator: separator, charset: nil, maximumParts: Self.fieldLimit)
        var charset = Charset.ascii
        var unknown = false
        let hasHighBytes = rest.contains { $0 >= 0x80 }
        if hasHighBytes {
            // GB18030/GBK trail bytes can equal a delimiter: split again stepping over characters, and keep
            // that split when it declares a GB charset.
            let aware = Self.split(rest, separator: separator, charset: .gb18030, maximumParts: Self.fieldLimit)
            if let name = Self.charsetName(aware, encoding: encoding), let declared = Charset(name: name),
                declared.hasASCIITrailBytes
            {
                fields = Self.split(rest, separator: separator, charset: declared, maximumParts: Self.fieldLimit)
            }
        }
        if let name = Self.charsetName(fields, encoding: encoding), !name.isEmpty {
            if let declared = Charset(name: name) { charset = declared } else { unknown = true }
        }
        self.fieldSeparator = separator
        self.encodingCharacters = encoding
        self.rawFields = fields
        self.charset = charset
        self.hasUnknownCharset = unknown
    }

    /// Reads the header of a parsed message.
    public init?(message: HL7v2Message) {
        self.init(bytes: message.serializedBytes())
    }

    /// The delimiters, as the parser's type.
    public var encoding: HL7v2EncodingCharacters {
        func at(_ index: Int) -> UInt8? { index < encodingCharacters.count ? encodingCharacters[index] : nil }
        return HL7v2EncodingCharacters(
            field: fieldSeparator, component: at(0), repetition: at(1), escape: at(2), subcomponent: at(3),
            truncation: at(4))
    }

    /// The raw bytes of MSH-`number` (3 or more; 1 and 2 give the delimiters), empty when absent.
    public func rawField(_ number: Int) -> [UInt8] {
        if number == 1 { return [fieldSeparator] }
        if number == 2 { return encodingCharacters }
        let index = number - 3
        guard index >= 0, index < rawFields.count else { return [] }
        return rawFields[index]
    }

    /// Component `component` (from 1) of the first repetition of MSH-`number`, decoded (escapes left as is).
    public func value(_ number: Int, component: Int = 1) -> String {
        let raw = rawField(number)
        let delimiters = encoding
        let repetition =
            delimiters.repetition.map { Self.split(raw[...], separator: $0, charset: charset, maximumParts: 2)[0] }
            ?? raw
        let components =
            delimiters.component.map {
                Self.split(repetition[...], separator: $0, charset: charset, maximumParts: component + 1)
            } ?? [repetition]
        guard component >= 1, component <= components.count else { return "" }
        return charset.decodeLossy(components[component - 1])
    }

    /// MSH-10, the message control id (`nil` when empty).
    public var controlID: String? { nonEmpty(value(10)) }
    /// MSH-9.1, the message code (`ORU`).
    public var messageCode: String { value(9) }
    /// MSH-9.2, the trigger event (`R01`).
    public var triggerEvent: String { value(9, component: 2) }
    /// MSH-11.1, the processing id (`P`, `T`, `D`).
    public var processingID: String { value(11) }
    /// MSH-12.1, the version (`2.5.1`).
    public var version: String { value(12) }
    /// MSH-15, accept acknowledgement type (`AL`, `NE`, `ER`, `SU`, or empty).
    public var acceptAcknowledgementType: String { value(15) }
    /// MSH-16, application acknowledgement type (`AL`, `NE`, `ER`, `SU`, or empty).
    public var applicationAcknowledgementType: String { value(16) }

    /// Original mode when MSH-15 and MSH-16 are both empty, else enhanced mode.
    public var acknowledgementMode: HL7v2AcknowledgementMode {
        acceptAcknowledgementType.isEmpty && applicationAcknowledgementType.isEmpty ? .original : .enhanced
    }

    /// Whether a commit acknowledgement is due (enhanced mode; MSH-15 `AL`, `ER` on error, `SU` on success;
    /// an empty MSH-15 counts as `AL`).
    public func wantsCommitAcknowledgement(success: Bool) -> Bool {
        guard acknowledgementMode == .enhanced else { return false }
        return Self.wants(acceptAcknowledgementType, success: success)
    }

    /// Whether an application acknowledgement is due: always in original mode; in enhanced mode per
    /// MSH-16 (`AL`, `ER` on error, `SU` on success, `NE` never; empty counts as `AL`).
    public func wantsApplicationAcknowledgement(success: Bool) -> Bool {
        guard acknowledgementMode == .enhanced else { return true }
        return Self.wants(applicationAcknowledgementType, success: success)
    }

    /// `true` when MSH-12 is 2.5 or later (ERR-2…ERR-8 layout) or unreadable.
    var usesModernErrorLayout: Bool {
        let parts = version.split(separator: ".").map { Int($0) ?? 0 }
        guard parts.count >= 2, parts[0] == 2 else { return true }
        return parts[1] >= 5
    }

    private static func wants(_ type: String, success: Bool) -> Bool {
        switch type {
        case "NE": false
        case "ER": !success
        case "SU": success
        default: true
        }
    }

    private func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    static func isDelimiterByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !(byte >= 0x30 && byte <= 0x39) && !(byte >= 0x41 && byte <= 0x5A)
            && !(byte >= 0x61 && byte <= 0x7A)
    }

    private static func charsetName(_ fields: [[UInt8]], encoding: [UInt8]) -> String? {
        guard fields.count >= 16 else { return nil }
        let field = fields[15]
        var end = 0
        while end < field.count, !encoding.prefix(2).contains(field[end]) { end += 1 }
        return String(decoding: field[0..<end], as: UTF8.self)
    }

    /// MSH fields kept (MSH-3 … MSH-27); what follows is not needed and would only cost memory.
    static let fieldLimit = 25

    /// Splits on `separator`, stepping over multi-byte characters of `charset` when it has ASCII trail bytes.
    /// At most `maximumParts` parts: the last one then holds the rest, so hostile input with millions of
    /// separators costs no more than a few arrays.
    static func split(
        _ bytes: ArraySlice<UInt8>, separator: UInt8, charset: Charset?, maximumParts: Int
    ) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var partStart = bytes.startIndex
        var index = bytes.startIndex
        let stepsOver = charset?.hasASCIITrailBytes ?? false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == separator {
                if parts.count + 1 >= maximumParts { break }
                parts.append(Array(bytes[partStart..<index]))
                index += 1
                partStart = index
                continue
            }
            if stepsOver, byte >= 0x80, let charset, let length = charset.characterLength(at: index, in: bytes) {
                index += length
            } else {
                index += 1
            }
        }
        parts.append(Array(bytes[partStart..<bytes.endIndex]))
        return parts
    }
}

/// An HL7 v2 acknowledgement (ACK): built for a received message, or read from one that arrived.
///
/// ```swift
/// let received = Array("MSH|^~\\&|LIS|LAB|HIS|HOSP|20260101||ORU^R01|C42|P|2.5\r".utf8)
/// let header = HL7v2MessageHeader(bytes: received)!
/// let ack = HL7v2Acknowledgement.build(for: header, code: .applicationAccept, controlID: "A1")
/// print(String(decoding: ack.bytes, as: UTF8.self))
/// // MSH|^~\&|HIS|HOSP|LIS|LAB|20260101120000+0800||ACK^R01^ACK|A1|P|2.5\rMSA|AA|C42\r
/// let read = HL7v2Acknowledgement(parsing: ack.bytes)
/// print(read?.code ?? "-", read?.acknowledgedControlID ?? "-")  // AA C42
/// ```
public struct HL7v2Acknowledgement: Sendable, Hashable {
    /// MSA-1.
    public var code: HL7v2AcknowledgementCode
    /// MSA-2: the control id of the acknowledged message (empty when it could not be read).
    public var acknowledgedControlID: String
    /// MSH-10 of the acknowledgement itself.
    public var controlID: String
    /// MSA-3, the text message, when present (as written: escape sequences are not resolved).
    public var text: String?
    /// How many ERR segments the acknowledgement carries.
    public var errorSegmentCount: Int
    /// The acknowledgement as ER7 bytes (segments end in CR), in the charset of the acknowledged message.
    public var bytes: [UInt8]

    /// Reads an acknowledgement (MSH, MSA, ERR…) from ER7 bytes; `nil` when there is no MSH or MSA.
    public init?(parsing bytes: [UInt8]) {
        guard let header = HL7v2MessageHeader(bytes: bytes) else { return nil }
        let charset = header.charset
        var found: [[UInt8]]? = nil
        var errors = 0
        var lineStart = 0
        var index = 0
        while index <= bytes.count {
            let atEnd = index == bytes.count
            if atEnd || bytes[index] == 0x0D || bytes[index] == 0x0A {
                let line = bytes[lineStart..<index]
                if line.count >= 3 {
                    let id = line.prefix(3)
                    if id.elementsEqual("MSA".utf8), found == nil {
                        let fields = HL7v2MessageHeader.split(
                            line, separator: header.fieldSeparator, charset: charset, maximumParts: 5)
                        found = Array(fields.dropFirst())
                    } else if id.elementsEqual("ERR".utf8) {
                        errors += 1
                    }
                }
                lineStart = index + 1
                index += 1
                continue
            }
            if bytes[index] >= 0x80, charset.hasASCIITrailBytes,
                let length = charset.characterLength(at: index, in: bytes)
            {
                index += length
            } else {
                index += 1
            }
        }
        guard let msa = found, let first = msa.first, !first.isEmpty else { return nil }
        func firstComponent(_ raw: [UInt8]) -> String {
            guard let component = header.encoding.component else { return charset.decodeLossy(raw) }
            let parts = HL7v2MessageHeader.split(raw[...], separator: component, charset: charset, maximumParts: 2)
            return charset.decodeLossy(parts.first ?? [])
        }
        self.code = HL7v2AcknowledgementCode(rawValue: firstComponent(first))
        self.acknowledgedControlID = msa.count > 1 ? firstComponent(msa[1]) : ""
        self.text = msa.count > 2 && !msa[2].isEmpty ? charset.decodeLossy(msa[2]) : nil
        self.controlID = header.controlID ?? ""
        self.errorSegmentCount = errors
        self.bytes = bytes
    }

    private init(
        code: HL7v2AcknowledgementCode, acknowledged: String, controlID: String, text: String?, errors: Int,
        bytes: [UInt8]
    ) {
        self.code = code
        self.acknowledgedControlID = acknowledged
        self.controlID = controlID
        self.text = text
        self.errorSegmentCount = errors
        self.bytes = bytes
    }

    /// Builds the acknowledgement of a received message.
    ///
    /// MSH: sending and receiving application/facility swapped, MSH-7 `timestamp`, MSH-9 `ACK^<trigger>^ACK`,
    /// MSH-10 `controlID`, MSH-11/12/17/18 copied (same charset). MSA-1 `code`, MSA-2 the received MSH-10,
    /// MSA-3 `text` (or a summary of the issues). One ERR segment per issue: v2.5+ layout (ERR-2 location
    /// `segment^sequence^field^repetition^component^subcomponent`, ERR-3 condition, ERR-4 severity `E`/`W`/`I`,
    /// ERR-5 the issue code, ERR-8 the issue message), ERR-1 (`segment^sequence^field^code&text&HL70357`)
    /// for earlier versions.
    /// - Parameters:
    ///   - header: the received message's header (``HL7v2MessageHeader``).
    ///   - code: MSA-1.
    ///   - issues: problems to report as ERR segments (their messages must be free of personal data).
    ///   - text: MSA-3; `nil` to derive one from the issues.
    ///   - controlID: MSH-10 of the acknowledgement (unique per sender).
    ///   - timestamp: MSH-7; `nil` for now, in local time.
    ///   - options: limits and the issue-to-condition mapping.
    public static func build(
        for header: HL7v2MessageHeader, code: HL7v2AcknowledgementCode, issues: [Issue] = [], text: String? = nil,
        controlID: String, timestamp: String? = nil, options: HL7v2AcknowledgementOptions = .init()
    ) -> HL7v2Acknowledgement {
        let writer = Writer(header: header)
        var out: [UInt8] = []
        out.reserveCapacity(256 + issues.count * 96)
        // MSH
        out.append(contentsOf: "MSH".utf8)
        out.append(header.fieldSeparator)
        out.append(contentsOf: header.encodingCharacters)
        for number in [5, 6, 3, 4] {
            out.append(header.fieldSeparator)
            out.append(contentsOf: header.rawField(number))
        }
        writer.field(timestamp ?? now(), into: &out)
        writer.field("", into: &out)
        let trigger = header.triggerEvent
        out.append(header.fieldSeparator)
        out.append(contentsOf: "ACK".utf8)
        if !trigger.isEmpty, let component = header.encoding.component {
            out.append(component)
            out.append(contentsOf: header.charset.encodeLossy(writer.escaped(trigger)))
            out.append(component)
            out.append(contentsOf: "ACK".utf8)
        }
        writer.field(controlID, into: &out)
        var trailing: [[UInt8]] = []
        for number in 11...18 {
            trailing.append(number <= 12 || number >= 17 ? header.rawField(number) : [])
        }
        while let last = trailing.last, last.isEmpty { trailing.removeLast() }
        for raw in trailing {
            out.append(header.fieldSeparator)
            out.append(contentsOf: raw)
        }
        out.append(0x0D)
        // MSA
        let acknowledged = header.controlID ?? ""
        let reported = Array(issues.prefix(options.maximumErrorSegments))
        var messageText = text
        if messageText == nil, let first = issues.first(where: { $0.severity >= .error }) ?? issues.first {
            messageText = issues.count == 1 ? first.message : "\(first.message) (and \(issues.count - 1) more)"
        }
        out.append(contentsOf: "MSA".utf8)
        writer.field(code.rawValue, into: &out)
        writer.field(acknowledged, into: &out)
        if options.includesTextMessage, let messageText, !messageText.isEmpty {
            writer.field(String(messageText.prefix(80)), into: &out)
        }
        out.append(0x0D)
        // ERR
        for issue in reported {
            writer.errorSegment(issue, condition: options.errorCondition(issue), into: &out)
        }
        return HL7v2Acknowledgement(
            code: code, acknowledged: acknowledged, controlID: controlID,
            text: options.includesTextMessage ? messageText.map { String($0.prefix(80)) } : nil,
            errors: reported.count, bytes: out)
    }

    /// Builds a reject for bytes that do not parse as a message: MSA-1 `code` (normally `AR`), MSA-2 the
    /// control id when MSH-10 can still be read, and one ERR segment per issue. When not even the MSH
    /// delimiters are readable, a minimal v2.5 header with `|^~\&` is used.
    public static func build(
        rejecting bytes: [UInt8], code: HL7v2AcknowledgementCode = .applicationReject, issues: [Issue],
        controlID: String, timestamp: String? = nil, options: HL7v2AcknowledgementOptions = .init()
    ) -> HL7v2Acknowledgement {
        let header =
            HL7v2MessageHeader(bytes: bytes)
            ?? HL7v2MessageHeader(bytes: Array("MSH|^~\\&|||||||||P|2.5\r".utf8))
        guard let header else {
            return HL7v2Acknowledgement(
                code: code, acknowledged: "", controlID: controlID, text: nil, errors: 0, bytes: [])
        }
        return build(
            for: header, code: code, issues: issues, controlID: controlID, timestamp: timestamp, options: options)
    }

    /// The current local time as an HL7 timestamp, `YYYYMMDDHHMMSS+ZZZZ`.
    public static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y%m%d%H%M%S%z", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes escaped values in the acknowledged message's delimiters and charset.
    private struct Writer {
        let header: HL7v2MessageHeader

        func field(_ text: String, into out: inout [UInt8]) {
            out.append(header.fieldSeparator)
            out.append(contentsOf: header.charset.encodeLossy(escaped(text)))
        }

        func component(_ text: String) -> [UInt8] { header.charset.encodeLossy(escaped(text)) }

        /// Escapes delimiters (`\F\ \S\ \R\ \E\ \T\ \P\`) and turns line breaks into spaces. Without an
        /// escape character, delimiters become spaces.
        func escaped(_ text: String) -> String {
            let enc = header.encoding
            let escapes: [(UInt8?, String)] = [
                (enc.field, "F"), (enc.component, "S"), (enc.repetition, "R"), (enc.escape, "E"),
                (enc.subcomponent, "T"), (enc.truncation, "P"),
            ]
            var result = ""
            result.reserveCapacity(text.utf8.count)
            for character in text {
                guard let ascii = character.asciiValue else {
                    result.append(character)
                    continue
                }
                if ascii == 0x0D || ascii == 0x0A || ascii == 0x0B || ascii == 0x1C || ascii == 0x09 {
                    result += " "
                } else if let (_, letter) = escapes.first(where: { $0.0 == ascii }) {
                    if let escape = enc.escape {
                        let mark = Character(UnicodeScalar(escape))
                        result += "\(mark)\(letter)\(mark)"
                    } else {
                        result += " "
                    }
                } else {
                    result.append(character)
                }
            }
            return result
        }

        func errorSegment(_ issue: Issue, condition: HL7v2ErrorCondition, into out: inout [UInt8]) {
            let enc = header.encoding
            let location = ErrorLocation(path: issue.location.path)
            out.append(contentsOf: "ERR".utf8)
            if header.usesModernErrorLayout {
                out.append(header.fieldSeparator)  // ERR-1 (withdrawn)
                out.append(header.fieldSeparator)  // ERR-2
                if let location { out.append(contentsOf: join(location.parts, with: enc.component)) }
                out.append(header.fieldSeparator)  // ERR-3
                out.append(contentsOf: join([condition.code, condition.text, "HL70357"], with: enc.component))
                field(Self.severityCode(issue.severity), into: &out)  // ERR-4
                field(issue.code.rawValue, into: &out)  // ERR-5
                field("", into: &out)  // ERR-6
                field(issue.location.description, into: &out)  // ERR-7 (positions only)
                field(issue.message, into: &out)  // ERR-8
            } else {
                out.append(header.fieldSeparator)  // ERR-1: segment^sequence^field^code&text&table
                let parts = location.map { Array($0.parts.prefix(3)) } ?? ["", "", ""]
                if let separator = enc.component {
                    for part in parts {
                        out.append(contentsOf: component(part))
                        out.append(separator)
                    }
                }
                out.append(contentsOf: join([condition.code, condition.text, "HL70357"], with: enc.subcomponent))
            }
            out.append(0x0D)
        }

        /// Joins components; without that delimiter only the first part is written.
        private func join(_ parts: [String], with separator: UInt8?) -> [UInt8] {
            guard let separator else { return component(parts.first ?? "") }
            var trimmed = parts
            while let last = trimmed.last, last.isEmpty { trimmed.removeLast() }
            var out: [UInt8] = []
            for (index, part) in trimmed.enumerated() {
                if index > 0 { out.append(separator) }
                out.append(contentsOf: component(part))
            }
            return out
        }

        static func severityCode(_ severity: Severity) -> String {
            switch severity {
            case .information: "I"
            case .warning: "W"
            case .error, .fatal: "E"
            }
        }
    }
}

/// An ERL location read from a terser-style path: `OBX[3]-5[2].1.2` → `OBX^3^5^2^1^2`.
struct ErrorLocation: Hashable {
    var segment: String
    var sequence = 1
    var field: Int?
    var repetition: Int?
    var component: Int?
    var subcomponent: Int?

    /// `nil` when the path does not start with a three-character segment id.
    init?(path: String?) {
        guard let path else { return nil }
        let bytes = Array(path.utf8)
        guard bytes.count >= 3,
            bytes[0..<3].allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) })
        else { return nil }
        segment = String(decoding: bytes[0..<3], as: UTF8.self)
        var index = 3
        func number() -> Int? {
            var value = 0
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 6 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        func bracket() -> Int? {
            guard index < bytes.count, bytes[index] == 0x5B else { return nil }
            index += 1
            let value = number()
            if index < bytes.count, bytes[index] == 0x5D { index += 1 }
            return value
        }
        sequence = bracket() ?? 1
        guard index < bytes.count, bytes[index] == 0x2D else { return }
        index += 1
        field = number()
        repetition = bracket()
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            component = number()
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                subcomponent = number()
            }
        }
    }

    /// segment^sequence^field^repetition^component^subcomponent (empty where unknown).
    var parts: [String] {
        let hasField = field != nil
        return [
            segment, String(sequence), field.map(String.init) ?? "",
            hasField ? String(repetition ?? 1) : "", component.map(String.init) ?? "",
            subcomponent.map(String.init) ?? "",
        ]
    }
}

extension Charset {
    /// Encodes `text`, replacing what this charset cannot hold by `?` (acknowledgement texts are ours).
    func encodeLossy(_ text: String) -> [UInt8] {
        if let bytes = try? encode(text) { return bytes }
        return text.unicodeScalars.map { $0.isASCII ? UInt8($0.value) : 0x3F }
    }
}
