/// Where in the input something was found: the file, the record inside it, a format-specific path
/// (`PID-5.1`, an XPath, a JSON path) and the byte offset, line and column.
///
/// Every field is optional because different layers know different things: a tokenizer knows the byte
/// offset, a batch reader the record number, the command line the file name. Layers fill in what they
/// know with ``with(file:)`` and friends as an error travels outwards.
///
/// ```swift
/// let location = SourceLocation(record: 3, path: "PID-3[2].1", byteOffset: 412, line: 4, column: 18)
/// print(location)   // record 3, PID-3[2].1, byte 412 (line 4, column 18)
/// ```
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file name or `-` for standard input; `nil` when the input did not come from a file.
    public var file: String?
    /// The record (message, document, resource, row) number inside the file, counting from 1.
    public var record: Int?
    /// A format-specific path: `PID-5.1` (HL7 v2), `/ClinicalDocument/recordTarget` (XML),
    /// `Bundle.entry[2].resource.status` (FHIR), `row 12, column 姓名` (tables).
    public var path: String?
    /// The byte offset from the start of the record (or of the file when `record` is `nil`), counting from 0.
    public var byteOffset: Int?
    /// The line number, counting from 1.
    public var line: Int?
    /// The column (in bytes) inside the line, counting from 1.
    public var column: Int?

    /// Creates a location; every part is optional.
    public init(
        file: String? = nil, record: Int? = nil, path: String? = nil,
        byteOffset: Int? = nil, line: Int? = nil, column: Int? = nil
    ) {
        self.file = file
        self.record = record
        self.path = path
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
    }

    /// A location that knows nothing; used when an error arises outside any input.
    public static let unknown = SourceLocation()

    /// This location with the file name set (when it was not known yet).
    public func with(file: String) -> SourceLocation {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    /// This location with the record number set (when it was not known yet).
    public func with(record: Int) -> SourceLocation {
        var copy = self
        if copy.record == nil { copy.record = record }
        return copy
    }

    /// Human-readable form: `file.hl7, record 3, PID-5.1, byte 412 (line 4, column 18)`.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let record { parts.append("record \(record)") }
        if let path, !path.isEmpty { parts.append(path) }
        if let byteOffset {
            var text = "byte \(byteOffset)"
            if let line {
                text += column.map { " (line \(line), column \($0))" } ?? " (line \(line))"
            }
            parts.append(text)
        } else if let line {
            parts.append(column.map { "line \(line), column \($0)" } ?? "line \(line)")
        }
        return parts.isEmpty ? "unknown location" : parts.joined(separator: ", ")
    }
}
