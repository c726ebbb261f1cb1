public import HICore

/// What a ``Deidentifier`` changed in one document: where and what kind, never the original values.
///
/// ```swift
/// let result = try Deidentifier(options: options).deidentify(bytes, format: .hl7v2)
/// for change in result.report.changes { print(change.path, change.kind) }   // PID-5[1].1 name
/// ```
public struct DeidentificationReport: Sendable, Hashable {
    /// One changed value.
    ///
    /// ```swift
    /// let change = DeidentificationReport.Change(path: "PID-7", kind: .date, record: 1)
    /// ```
    public struct Change: Sendable, Hashable {
        /// Where: an HL7 v2 path (`PID-5[1].1`), a JSON path (`$.name[0].family`) or a table cell
        /// (`row 3, 身份证号`).
        public var path: String
        /// What kind of value it was.
        public var kind: DeidentificationKind
        /// The record (message, NDJSON line) it was in, counting from 1, when the input has several.
        public var record: Int?

        /// A change at `path`.
        public init(path: String, kind: DeidentificationKind, record: Int? = nil) {
            self.path = path
            self.kind = kind
            self.record = record
        }
    }

    /// The format de-identified.
    public var format: DeidentificationFormat
    /// Every changed value, in document order.
    public var changes: [Change] = []
    /// Problems that did not stop de-identification (no personal data in them).
    public var issues: [Issue] = []

    /// An empty report for `format`.
    public init(format: DeidentificationFormat) { self.format = format }

    /// How many values of each kind changed.
    public var counts: [DeidentificationKind: Int] {
        var counts: [DeidentificationKind: Int] = [:]
        for change in changes { counts[change.kind, default: 0] += 1 }
        return counts
    }

    /// The report as JSON: `{"format":…,"changes":[{"record":1,"path":…,"kind":…}],"issues":[…]}`.
    public var jsonText: String {
        var output: [UInt8] = Array(#"{"format":"#.utf8)
        JSONText.appendString(format.rawValue, to: &output)
        output += Array(#","changes":["#.utf8)
        for (position, change) in changes.enumerated() {
            if position > 0 { output.append(0x2C) }
            output += Array("{".utf8)
            if let record = change.record { output += Array(#""record":\#(record),"#.utf8) }
            output += Array(#""path":"#.utf8)
            JSONText.appendString(change.path, to: &output)
            output += Array(#","kind":"#.utf8)
            JSONText.appendString(change.kind.rawValue, to: &output)
            output.append(0x7D)
        }
        output += Array(#"],"issues":["#.utf8)
        output += Array(issues.map(\.jsonText).joined(separator: ",").utf8)
        output += Array("]}".utf8)
        return String(decoding: output, as: UTF8.self)
    }
}

/// The formats a ``Deidentifier`` handles.
///
/// ```swift
/// let format = DeidentificationFormat.table
/// ```
public enum DeidentificationFormat: String, Sendable, Hashable, CaseIterable {
    /// HL7 v2 ER7 messages (single or batched).
    case hl7v2
    /// One FHIR R4 JSON resource or Bundle.
    case fhirJSON = "fhir-json"
    /// FHIR NDJSON.
    case ndjson
    /// CSV/TSV tables.
    case table
    /// CDA R2 XML documents (WS/T 500, WS/T 483 and other CDA).
    case cda
    /// HL7 v3 XML messages (PRPA patient registry, POOR orders, POLB lab results, acknowledgements).
    case v3
}
