public import HIConvert

/// The interchange syntax of a piece of input, detected from its first bytes.
///
/// ```swift
/// let format = DocumentFormat.detect(Array("MSH|^~\\&|LIS".utf8))   // .hl7v2
/// ```
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// HL7 v2 ER7 ("pipe") messages, single or batched (MSH, FHS or BHS first).
    case hl7v2
    /// XML: CDA R2 documents (`ClinicalDocument`) and any other XML that is not an HL7 V3 message.
    case xml
    /// HL7 V3 interaction messages (root named like `PRPA_IN201311UV02`, or in `urn:hl7-org:v3` with an
    /// `interactionId`) and XDS.b document-exchange messages (`ProvideAndRegisterDocumentSetRequest`,
    /// `RetrieveDocumentSetRequest`/`Response`), told apart from CDA by the root element.
    case hl7v3
    /// One FHIR JSON resource (or Bundle).
    case fhirJSON = "fhir-json"
    /// NDJSON: one FHIR resource per line.
    case ndjson
    /// Tabular exports (CSV/TSV).
    case table

    public var description: String { rawValue }

    /// Detects the format from the first bytes of `bytes`, skipping a UTF-8 byte-order mark and
    /// leading white space. Returns `nil` when the bytes look like none of the formats.
    public static func detect(_ bytes: [UInt8]) -> DocumentFormat? {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let rest = bytes[index...]
        if rest.starts(with: Array("MSH".utf8)) || rest.starts(with: Array("FHS".utf8))
            || rest.starts(with: Array("BHS".utf8))
        {
            return .hl7v2
        }
        switch bytes[index] {
        case UInt8(ascii: "<"):
            return isV3Message(bytes, from: index) ? .hl7v3 : .xml
        case UInt8(ascii: "{"):
            // NDJSON when a second non-blank line also starts an object.
            var depth = 0
            var inString = false
            var escaped = false
            var position = index
            while position < bytes.count {
                let byte = bytes[position]
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == 0x5C {
                        escaped = true
                    } else if byte == 0x22 {
                        inString = false
                    }
                } else if byte == 0x22 {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { break }
                } else if byte == 0x0A && depth > 0 {
                    // Pretty-printed JSON spans lines: keep scanning.
                }
                position += 1
            }
            var next = position + 1
            var sawNewline = false
            while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) {
                if bytes[next] == 0x0A { sawNewline = true }
                next += 1
            }
            return sawNewline && next < bytes.count && bytes[next] == UInt8(ascii: "{") ? .ndjson : .fhirJSON
        default:
            return nil
        }
    }

    /// The most bytes the V3 check looks at (prolog, root start tag and the first wrapper elements).
    static let v3ScanLimit = 8192

    /// `true` when the root element of the XML at `start` is an HL7 V3 interaction or an XDS.b message. Looks at
    /// the first ``v3ScanLimit`` bytes only: skips the XML declaration, processing instructions, comments and a
    /// DOCTYPE, reads the root's name and start tag, and (for roots not named like an interaction) looks for an
    /// `interactionId` element. Mirrors `V3Message.isV3Message(root:)` without parsing the document.
    static func isV3Message(_ bytes: [UInt8], from start: Int) -> Bool {
        let end = min(bytes.count, start + v3ScanLimit)
        var index = start
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard position >= 0, position + pattern.count <= end else { return false }
            for offset in pattern.indices where bytes[position + offset] != pattern[offset] { return false }
            return true
        }
        func find(_ text: String, from position: Int) -> Int? {
            var cursor = position
            while cursor < end {
                if starts(text, at: cursor) { return cursor }
                cursor += 1
            }
            return nil
        }
        // Prolog: declarations, comments, DOCTYPE and white space before the root.
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if starts("<?", at: index) {
                guard let close = find("?>", from: index + 2) else { return false }
                index = close + 2
            } else if starts("<!--", at: index) {
                guard let close = find("-->", from: index + 4) else { return false }
                index = close + 3
            } else if starts("<!", at: index) {
                guard let close = find(">", from: index + 2) else { return false }
                index = close + 1
            } else {
                break
            }
        }
        guard index < end, bytes[index] == UInt8(ascii: "<") else { return false }
        // The root's qualified name.
        var nameEnd = index + 1
        while nameEnd < end, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[nameEnd]) {
            nameEnd += 1
        }
        let qualified = bytes[(index + 1)..<nameEnd]
        let local = qualified.lastIndex(of: UInt8(ascii: ":")).map { qualified[($0 + 1)...] } ?? qualified
        let name = String(decoding: local, as: UTF8.self)
        if ["ProvideAndRegisterDocumentSetRequest", "RetrieveDocumentSetRequest", "RetrieveDocumentSetResponse"]
            .contains(name)
        {
            return true
        }
        guard name != "ClinicalDocument" else { return false }
        let hasInteractionID = find("interactionId", from: nameEnd) != nil
        if isInteractionID(local) { return hasInteractionID || find("urn:hl7-org:v3", from: nameEnd) != nil }
        return hasInteractionID && find("urn:hl7-org:v3", from: nameEnd) != nil
    }

    /// Four upper-case letters, `_IN`, six digits and up to four upper-case letters or digits.
    static func isInteractionID(_ name: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(name)
        guard bytes.count >= 13, bytes.count <= 17, bytes[4] == UInt8(ascii: "_"), bytes[5] == UInt8(ascii: "I"),
            bytes[6] == UInt8(ascii: "N")
        else { return false }
        func upper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        func digit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        return bytes[0..<4].allSatisfy(upper) && bytes[7..<13].allSatisfy(digit)
            && bytes[13...].allSatisfy { upper($0) || digit($0) }
    }
}

extension DocumentFormat {
    /// The record format ``HIConvert/RecordConverter`` reads this syntax as (`.xml` → CDA, `.hl7v3` → V3,
    /// JSON and NDJSON → FHIR); `nil` for tables. Lets a generic input loop dispatch every detected format.
    ///
    /// ```swift
    /// if let format = DocumentFormat.detect(bytes)?.recordFormat {
    ///     let result = try RecordConverter.allFormats.convert(bytes, from: format, to: .fhir)
    /// }
    /// ```
    public var recordFormat: RecordFormat? {
        switch self {
        case .hl7v2: .hl7v2
        case .xml: .cda
        case .hl7v3: .v3
        case .fhirJSON, .ndjson: .fhir
        case .table: nil
        }
    }
}
