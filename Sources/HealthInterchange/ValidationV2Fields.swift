/// HL7 v2 field data types and lengths, as data: for the fields the library reads, the type per version
/// (`TS` until 2.5.1, `DTM` from 2.6; `CE` until 2.5.1, `CWE` from 2.6) and the maximum length where the
/// standard gives one that matters. Checked on the raw field bytes by ``HL7v2StructureValidator``.
///
/// ```swift
/// let fields = HL7v2FieldTable.standard
/// print(fields.fields(of: "OBX", version: "2.5.1").first?.type ?? "-")   // SI
/// ```
public struct HL7v2FieldTable: Sendable {
    /// One field definition.
    ///
    /// ```swift
    /// let entry = HL7v2FieldTable.Field(segment: "PID", number: 7, type: "TS")
    /// ```
    public struct Field: Sendable, Hashable {
        /// The segment id.
        public var segment: String
        /// The field number (MSH-1 is the field separator).
        public var number: Int
        /// The data type: `DT`, `DTM`, `TS`, `NM`, `SI`, `ID`, `IS`, `ST`, `CE`, `CWE`, `XPN`; `OBX-5` is typed by OBX-2
        /// (type `VARIES`).
        public var type: String
        /// The maximum length in bytes, when checked.
        public var maximumLength: Int?
        /// The first version the definition applies to (earlier versions use the previous entry).
        public var since: String

        /// Creates a field definition.
        public init(segment: String, number: Int, type: String, maximumLength: Int? = nil, since: String = "2.3.1") {
            self.segment = segment
            self.number = number
            self.type = type
            self.maximumLength = maximumLength
            self.since = since
        }
    }

    /// The definitions.
    public var entries: [Field]

    /// Creates a table.
    public init(entries: [Field]) { self.entries = entries }

    /// The definitions of `segment`'s fields in `version` (one per field number, the latest applicable).
    public func fields(of segment: String, version: String) -> [Field] {
        let key = HL7v2StructureTable.versionKey(version)
        var chosen: [Int: Field] = [:]
        for entry in entries where entry.segment == segment {
            let since = HL7v2StructureTable.versionKey(entry.since)
            guard key < 0 || since <= key else { continue }
            if let previous = chosen[entry.number],
                HL7v2StructureTable.versionKey(previous.since) > since
            {
                continue
            }
            chosen[entry.number] = entry
        }
        return chosen.values.sorted { $0.number < $1.number }
    }

    /// The fields of the segments in the structures the library reads.
    public static let standard: HL7v2FieldTable = {
        var entries: [Field] = []
        func add(_ segment: String, _ number: Int, _ type: String, length: Int? = nil, since: String = "2.3.1") {
            entries.append(Field(segment: segment, number: number, type: type, maximumLength: length, since: since))
        }
        // Timestamps: TS until 2.5.1, DTM from 2.6.
        for (segment, number) in [
            ("MSH", 7), ("EVN", 2), ("EVN", 6), ("PID", 7), ("PID", 29), ("PV1", 44), ("PV1", 45), ("ORC", 9),
            ("OBR", 6), ("OBR", 7), ("OBR", 8), ("OBR", 14), ("OBR", 22), ("OBX", 12), ("OBX", 14), ("OBX", 19),
            ("DG1", 5), ("RF1", 7), ("RF1", 8), ("RF1", 9), ("SPM", 17), ("SPM", 18),
        ] {
            add(segment, number, "TS")
            add(segment, number, "DTM", since: "2.6")
        }
        // Set ids.
        for segment in [
            "PID", "PV1", "NK1", "OBR", "OBX", "NTE", "DG1", "AL1", "IN1", "PR1", "GT1", "SPM", "TQ1", "AIS", "AIG",
            "AIL", "AIP", "RGS",
        ] {
            add(segment, 1, "SI", length: 4)
        }
        // Message header: control id 20 bytes until 2.6, 199 from 2.7.
        add("MSH", 10, "ST", length: 20)
        add("MSH", 10, "ST", length: 199, since: "2.7")
        add("MSH", 12, "ID")
        add("MSA", 1, "ID", length: 2)
        // Coded and named fields.
        add("PID", 5, "XPN")
        add("NK1", 2, "XPN")
        add("PID", 8, "IS")
        add("PID", 8, "CWE", since: "2.7")
        add("PV1", 2, "IS")
        add("PV1", 2, "CWE", since: "2.7")
        add("OBX", 2, "ID", length: 3)
        add("OBX", 11, "ID", length: 1)
        add("OBX", 5, "VARIES")
        for (segment, number) in [("OBR", 4), ("OBX", 3), ("OBX", 6), ("DG1", 3), ("SPM", 4)] {
            add(segment, number, "CE")
            add(segment, number, "CWE", since: "2.6")
        }
        add("OBX", 7, "ST")
        add("OBX", 8, "IS")
        add("OBX", 8, "CWE", since: "2.7")
        return HL7v2FieldTable(entries: entries)
    }()
}

/// Format checks of the HL7 v2 primitive types on raw ER7 bytes (ASCII), used by ``HL7v2StructureValidator``.
enum HL7v2TypeFormat {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// DT: `YYYY[MM[DD]]` with a plausible month and day.
    static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard [4, 6, 8].contains(bytes.count), bytes.allSatisfy(isDigit) else { return false }
        return datePartsPlausible(Array(bytes))
    }

    /// DTM (and TS.1): `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`.
    static func isDateTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digits: [UInt8] = []
        digits.reserveCapacity(14)
        var index = bytes.startIndex
        while index < bytes.endIndex, isDigit(bytes[index]) {
            digits.append(bytes[index])
            index += 1
        }
        guard [4, 6, 8, 10, 12, 14].contains(digits.count), datePartsPlausible(digits) else { return false }
        if index < bytes.endIndex, bytes[index] == 0x2E {  // fraction, only after seconds
            guard digits.count == 14 else { return false }
            index += 1
            var count = 0
            while index < bytes.endIndex, isDigit(bytes[index]) {
                index += 1
                count += 1
            }
            guard (1...4).contains(count) else { return false }
        }
        if index < bytes.endIndex, bytes[index] == 0x2B || bytes[index] == 0x2D {  // offset
            let zone = bytes[(index + 1)...]
            guard zone.count == 4, zone.allSatisfy(isDigit) else { return false }
            index = bytes.endIndex
        }
        return index == bytes.endIndex
    }

    static func datePartsPlausible(_ digits: [UInt8]) -> Bool {
        func number(_ start: Int) -> Int { Int(digits[start] - 0x30) * 10 + Int(digits[start + 1] - 0x30) }
        if digits.count >= 6, !(1...12).contains(number(4)) { return false }
        if digits.count >= 8, !(1...31).contains(number(6)) { return false }
        if digits.count >= 10, number(8) > 23 { return false }
        if digits.count >= 12, number(10) > 59 { return false }
        if digits.count >= 14, number(12) > 59 { return false }
        return true
    }

    /// NM: `[+|-]digits[.digits]`.
    static func isNumber(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        if index < bytes.endIndex, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
        var digits = 0
        var sawPoint = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if isDigit(byte) {
                digits += 1
            } else if byte == 0x2E, !sawPoint {
                sawPoint = true
            } else {
                return false
            }
            index += 1
        }
        return digits > 0
    }

    /// SI: a non-negative integer.
    static func isSequenceID(_ bytes: ArraySlice<UInt8>) -> Bool { !bytes.isEmpty && bytes.allSatisfy(isDigit) }

    /// ID and IS: a code, printable ASCII without spaces at either end.
    static func isCode(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
