public import HICore

/// One HL7 v2 message in ER7 ("pipe") encoding: the exact bytes plus one pass of recorded segment and
/// field boundaries. Fields split into repetitions, components and sub-components when asked for, and
/// values decode (in the MSH-18 charset) only when asked for.
///
/// Serializing an unmodified message gives back the exact input bytes (byte-order mark, blank lines,
/// LF or CR LF terminators and a missing final terminator included). Editing a value re-writes only that
/// value's bytes.
///
/// ```swift
/// var message = try HL7v2Message(parsing: bytes)
/// print(message.value(at: "MSH-9.2") ?? "")       // R01
/// print(message.values(at: "OBX[*]-5"))           // ["7.2", "135", …]
/// try message.setValue("王^小明", at: "PID-5.1")    // written as 王\S\小明
/// let output = message.serializedBytes()
/// ```
public struct HL7v2Message: Sendable {
    var storage: HL7v2Storage
    /// Recoverable problems found while reading (warnings in lenient mode).
    public private(set) var issues: [Issue]
    /// The options the message was read with (edits re-read it with the same ones).
    public let options: HL7v2ParseOptions
    /// The message's position in its file, counting from 1 (`nil` when parsed alone).
    public internal(set) var index: Int?
    /// The offset of the message's first byte in its file (0 when parsed alone).
    public internal(set) var byteOffset: Int

    /// Reads one message.
    ///
    /// A UTF-8 byte-order mark and blank lines before `MSH` are accepted and kept.
    ///
    /// - Parameters:
    ///   - bytes: the message, from `MSH` (or a byte-order mark) to its last segment terminator.
    ///   - options: strictness, limits and a charset override.
    /// - Throws: ``HL7v2Error`` for input that cannot be read (and, in strict mode, for recoverable problems).
    public init(parsing bytes: [UInt8], options: HL7v2ParseOptions = HL7v2ParseOptions()) throws(HL7v2Error) {
        try self.init(parsing: bytes, options: options, index: nil, byteOffset: 0, inherited: nil)
    }

    init(
        parsing bytes: [UInt8], options: HL7v2ParseOptions, index: Int?, byteOffset: Int,
        inherited: (HL7v2EncodingCharacters, Charset)?
    ) throws(HL7v2Error) {
        let result = try HL7v2Tokenizer.tokenize(bytes, options: options, record: index, inherited: inherited)
        self.storage = HL7v2Storage(
            bytes: bytes, layout: result.layout, encoding: result.encoding, charset: result.charset)
        self.issues = result.issues
        self.options = options
        self.index = index
        self.byteOffset = byteOffset
        if bytes.count > options.maximumFieldBytes { try checkFieldSizes() }
    }

    /// Throws ``HL7v2Error/Code/fieldTooLarge`` for the first field over the limit (only segments larger
    /// than the limit are looked at).
    private func checkFieldSizes() throws(HL7v2Error) {
        let limit = options.maximumFieldBytes
        for segment in 0..<storage.segmentCount where storage.segmentRange(segment).count > limit {
            let count = storage.fieldCount(segment)
            guard count >= 1 else { continue }
            for number in 1...count {
                guard let field = storage.field(segment, number), field.range.count > limit else { continue }
                let id = storage.segmentID(segment)
                throw HL7v2Error(
                    .fieldTooLarge, expected: "at most \(limit) bytes per field",
                    location: LineIndex.location(
                        of: field.range.lowerBound, in: storage.bytes, path: "\(id)-\(number)", record: index),
                    segmentIndex: segment + 1, segmentID: id)
            }
        }
    }

    /// Starts a new message holding only `MSH-1` and `MSH-2` (and MSH-18 when `charset` is given); add
    /// values with ``setValue(_:at:)`` and segments with ``appendSegment(_:fields:)``.
    ///
    /// ```swift
    /// var ack = try HL7v2Message(encodingCharacters: .standard, charset: .utf8)
    /// try ack.setValue("ACK", at: "MSH-9.1")
    /// try ack.appendSegment("MSA", fields: ["AA", "MSG00001"])
    /// ```
    ///
    /// - Throws: ``HL7v2Error`` when the delimiters are not distinct printable ASCII characters.
    public init(
        encodingCharacters: HL7v2EncodingCharacters = .standard, charset: Charset? = nil,
        options: HL7v2ParseOptions = HL7v2ParseOptions()
    ) throws(HL7v2Error) {
        var bytes = Array("MSH".utf8)
        bytes.append(encodingCharacters.field)
        bytes.append(contentsOf: encodingCharacters.msh2.utf8)
        if let charset {
            bytes.append(contentsOf: [UInt8](repeating: encodingCharacters.field, count: 16))
            bytes.append(contentsOf: charset.hl7Name.utf8)
        }
        bytes.append(0x0D)
        var strict = options
        strict.strict = true
        try self.init(parsing: bytes, options: strict)
        self.issues = []
    }

    // MARK: - Structure

    /// The exact bytes of the message (serialization is the identity for an unmodified message).
    public func serializedBytes() -> [UInt8] { storage.bytes }

    /// The delimiters in use.
    public var encodingCharacters: HL7v2EncodingCharacters { storage.encoding }

    /// The character set values are decoded in (MSH-18, the override in the options, or the default).
    public var charset: Charset { storage.charset }

    /// The number of segments.
    public var segmentCount: Int { storage.segmentCount }

    /// All segments, in order.
    public var segments: [HL7v2Segment] {
        (0..<storage.segmentCount).map { HL7v2Segment(storage: storage, index: $0) }
    }

    /// Segment `index` (from 0).
    public func segment(at index: Int) -> HL7v2Segment? {
        guard index >= 0, index < storage.segmentCount else { return nil }
        return HL7v2Segment(storage: storage, index: index)
    }

    /// The segments with ID `id`, in order.
    public func segments(withID id: String) -> [HL7v2Segment] {
        var result: [HL7v2Segment] = []
        forEachSegment(id) { index in
            if result.isEmpty { result.reserveCapacity(storage.segmentCount - index) }
            result.append(HL7v2Segment(storage: storage, index: index))
            return true
        }
        return result
    }

    /// MSH-9 as written (`ORU^R01^ORU_R01`), or `nil`.
    public var messageType: String? { segment(at: 0)?.field(9)?.er7 }

    /// MSH-10, the message control ID.
    public var controlID: String? { value(at: "MSH-10") }

    /// MSH-12, the version ID.
    public var version: String? { value(at: "MSH-12") }

    func segmentIndices(_ id: String) -> [Int] {
        var result: [Int] = []
        forEachSegment(id) { index in
            if result.isEmpty { result.reserveCapacity(storage.segmentCount - index) }
            result.append(index)
            return true
        }
        return result
    }

    /// The index of the `occurrence`-th segment (from 1) with ID `id`; the scan stops there, so walking a long
    /// message's segments in order by path (`PID[1]`, `PID[2]`, …) does not list all of them each time.
    func segmentIndex(_ id: String, occurrence: Int) -> Int? {
        guard occurrence >= 1 else { return nil }
        var found: Int? = nil
        var seen = 0
        forEachSegment(id) { index in
            seen += 1
            guard seen == occurrence else { return true }
            found = index
            return false
        }
        return found
    }

    /// The indices of the segments a path's segment part names (`PID`, `PID[2]`, `OBX[*]`).
    func segmentIndices(of path: HL7v2Path) -> [Int] {
        if case .number(let n) = path.segment { return segmentIndex(path.segmentID, occurrence: n).map { [$0] } ?? [] }
        return segmentIndices(path.segmentID)
    }

    /// Calls `body` with the index of each segment with ID `id`, in order, until it returns `false`; returns
    /// how many it was called for.
    @discardableResult
    func forEachSegment(_ id: String, _ body: (Int) -> Bool) -> Int {
        // The three ID bytes without building an array (segment IDs are ASCII).
        var utf8 = id.utf8.makeIterator()
        guard let a = utf8.next(), let b = utf8.next(), let c = utf8.next(), utf8.next() == nil else { return 0 }
        let field = storage.encoding.field
        var matched = 0
        storage.bytes.withUnsafeBufferPointer { bytes in
            storage.layout.table.withUnsafeBufferPointer { table in
                let count = storage.layout.segmentCount
                guard table.count >= 4 &+ 3 &* count else { return }
                for index in 0..<count {
                    let start = Int(UInt32(bitPattern: table[1 &+ 3 &* index]))
                    let length = Int(UInt32(bitPattern: table[2 &+ 3 &* index])) &- start
                    guard length >= 3, start + length <= bytes.count, bytes[start] == a,
                        bytes[start &+ 1] == b, bytes[start &+ 2] == c
                    else { continue }
                    if length == 3 || bytes[start &+ 3] == field {
                        matched &+= 1
                        if !body(index) { return }
                    }
                }
            }
        }
        return matched
    }

    // MARK: - Paths

    /// The elements a path names: fields, repetitions, components or sub-components, depending on how deep
    /// the path goes. `OBX[*]-5` gives OBX-5 of every OBX.
    ///
    /// - Throws: ``HL7v2Error`` (``HL7v2Error/Code/invalidPath``) for a malformed path.
    public func elements(at path: String) throws(HL7v2Error) -> [HL7v2Element] {
        elements(at: try HL7v2Path(path))
    }

    /// The elements a parsed path names.
    public func elements(at path: HL7v2Path) -> [HL7v2Element] {
        segmentIndices(of: path).flatMap { HL7v2Segment(storage: storage, index: $0).elements(at: path) }
    }

    /// The first element a path names, or `nil`.
    public func element(at path: String) -> HL7v2Element? { (try? elements(at: path))?.first }

    /// The leaf value at a path (the first component and sub-component unless the path goes deeper), with
    /// delimiter and hex escapes resolved; `nil` when absent or when the path is malformed.
    ///
    /// ```swift
    /// message.value(at: "PID-5")      // family name (PID-5.1)
    /// message.value(at: "PID-3[2].1") // ID of the second identifier
    /// ```
    public func value(at path: String) -> String? { (try? values(at: path))?.first }

    /// The leaf values a path names (several with `*`).
    ///
    /// - Throws: ``HL7v2Error`` (``HL7v2Error/Code/invalidPath``) for a malformed path.
    public func values(at path: String) throws(HL7v2Error) -> [String] {
        try leaves(HL7v2Path(path)).map(\.value)
    }

    /// The leaf value at a path, as ``value(at:)``: `message["PID-5.1"]`.
    public subscript(path: String) -> String? { value(at: path) }

    /// The structured value (text runs and escapes) at a path.
    public func text(at path: String) -> HL7v2Text? {
        guard let path = try? HL7v2Path(path) else { return nil }
        return leaves(path).first?.text
    }

    func leaves(_ path: HL7v2Path) -> [HL7v2Element] {
        var deep = path
        if deep.repetition == nil { deep.repetition = .number(1) }
        if deep.component == nil { deep.component = 1 }
        if deep.subcomponent == nil { deep.subcomponent = 1 }
        return elements(at: deep)
    }

    // MARK: - Editing

    /// Sets the leaf value at a path, escaping delimiters; missing repetitions, components, sub-components
    /// and fields are added. Only the bytes of that value change.
    ///
    /// - Throws: ``HL7v2Error``: ``HL7v2Error/Code/invalidPath`` for a malformed path or MSH-1/MSH-2,
    ///   ``HL7v2Error/Code/pathNotFound`` when the segment does not exist, ``HL7v2Error/Code/unencodableValue``
    ///   when the value cannot be written in the message's charset.
    public mutating func setValue(_ value: String, at path: String) throws(HL7v2Error) {
        let bytes = try HL7v2Escaping.escape(value, encoding: storage.encoding, charset: storage.charset)
        try replace(HL7v2Path(path), with: bytes)
    }

    /// Sets several leaf values with one re-tokenization of the message (``setValue(_:at:)`` re-tokenizes
    /// after each value, which makes many edits of a long message quadratic). The result is the same as
    /// setting the values one after the other, in order.
    ///
    /// ```swift
    /// try message.setValues([("PID-5.1", "李"), ("PID-5.2", "雷"), ("PID-7", "19800101")])
    /// ```
    ///
    /// - Throws: as ``setValue(_:at:)``; the error's location names the path that failed, and no value is set.
    public mutating func setValues(_ values: [(path: String, value: String)]) throws(HL7v2Error) {
        guard values.count > 1 else {
            if let only = values.first { try setValue(only.value, at: only.path) }
            return
        }
        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        edits.reserveCapacity(values.count)
        // Numbered segments (`PID[7]`) are found through one table of every segment by ID, built once, so that
        // many values in a long message cost O(values + segments), not O(values × segments).
        var occurrences: [String: [Int]] = [:]
        for index in 0..<storage.segmentCount { occurrences[storage.segmentID(index), default: []].append(index) }
        for (path, value) in values {
            do throws(HL7v2Error) {
                let content = try HL7v2Escaping.escape(value, encoding: storage.encoding, charset: storage.charset)
                let parsed = try HL7v2Path(path)
                var indices: [Int]? = nil
                if case .number(let n) = parsed.segment {
                    let all = occurrences[parsed.segmentID] ?? []
                    indices = n >= 1 && n <= all.count ? [all[n - 1]] : []
                }
                edits += try spliceEdits(parsed, with: content, indices: indices)
            } catch {
                var located = error
                located.location.path = located.location.path ?? path
                throw located
            }
        }
        // Edits of distinct, non-touching ranges commute; anything else (the same value twice, insertions at
        // one place) is applied one after the other, as separate calls would.
        let ordered = edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
        var independent = true
        for index in ordered.indices.dropFirst()
        where ordered[index].range.lowerBound <= ordered[index - 1].range.upperBound {
            independent = false
            break
        }
        guard independent else {
            for (path, value) in values { try setValue(value, at: path) }
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(storage.bytes.count + edits.reduce(0) { $0 + $1.bytes.count })
        var copied = 0
        for edit in ordered {
            bytes += storage.bytes[copied..<edit.range.lowerBound]
            bytes += edit.bytes
            copied = edit.range.upperBound
        }
        bytes += storage.bytes[copied...]
        try reparse(bytes)
    }

    /// Sets a structured value (text runs, line breaks, highlight marks) at a path.
    ///
    /// - Throws: as ``setValue(_:at:)``.
    public mutating func setText(_ text: HL7v2Text, at path: String) throws(HL7v2Error) {
        let bytes = try HL7v2Escaping.escape(text, encoding: storage.encoding, charset: storage.charset)
        try replace(HL7v2Path(path), with: bytes)
    }

    /// Appends a segment with the given field values (escaped), after the last segment.
    ///
    /// - Throws: ``HL7v2Error`` (``HL7v2Error/Code/invalidValue``) for an invalid segment ID, or
    ///   ``HL7v2Error/Code/unencodableValue``.
    public mutating func appendSegment(_ id: String, fields: [String] = []) throws(HL7v2Error) {
        let idBytes = Array(id.utf8)
        guard idBytes.count == 3, idBytes[0] >= 0x41, idBytes[0] <= 0x5A,
            idBytes.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }),
            !HL7v2Tokenizer.isRecordStartID(idBytes, at: 0)
        else { throw HL7v2Error(.invalidValue, expected: "a segment ID of three upper-case letters or digits") }
        var bytes = storage.bytes
        if let last = bytes.last, last != 0x0D, last != 0x0A { bytes.append(0x0D) }
        bytes.append(contentsOf: idBytes)
        for value in fields {
            bytes.append(storage.encoding.field)
            bytes += try HL7v2Escaping.escape(value, encoding: storage.encoding, charset: storage.charset)
        }
        bytes.append(0x0D)
        try reparse(bytes)
    }

    private mutating func reparse(_ bytes: [UInt8]) throws(HL7v2Error) {
        let updated = try HL7v2Message(
            parsing: bytes, options: options, index: index, byteOffset: byteOffset, inherited: nil)
        storage = updated.storage
        issues = updated.issues
    }

    private mutating func replace(_ path: HL7v2Path, with content: [UInt8]) throws(HL7v2Error) {
        let edits = try spliceEdits(path, with: content)
        var bytes = storage.bytes
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            bytes.replaceSubrange(range, with: replacement)
        }
        try reparse(bytes)
    }

    /// The byte edits (range of the current bytes, new bytes) that write `content` at `path`.
    private func spliceEdits(
        _ path: HL7v2Path, with content: [UInt8], indices resolved: [Int]? = nil
    ) throws(HL7v2Error) -> [(Range<Int>, [UInt8])] {
        guard let field = path.field else {
            throw HL7v2Error(.invalidPath, expected: "a field number to write", location: .init(path: "\(path)"))
        }
        let indices = resolved ?? segmentIndices(of: path)
        guard !indices.isEmpty else {
            throw HL7v2Error(.pathNotFound, expected: "an existing segment", location: .init(path: "\(path)"))
        }
        var edits: [(Range<Int>, [UInt8])] = []
        for index in indices {
            if storage.isHeaderSegment(index) && field <= 2 {
                throw HL7v2Error(
                    .invalidPath, expected: "a field after MSH-2 (delimiters cannot be set)",
                    location: .init(path: "\(path)"))
            }
            var repetitions = [1]
            if case .number(let n) = path.repetition ?? .number(1) {
                repetitions = [n]
            } else if let range = storage.field(index, field)?.range {
                repetitions = Array(1...storage.split(range, at: storage.encoding.repetition).count)
            }
            for repetition in repetitions {
                edits.append(
                    try splice(
                        index, field: field, repetition: repetition, component: path.component ?? 1,
                        subcomponent: path.subcomponent ?? 1, content: content))
            }
        }
        return edits
    }

    private func splice(
        _ index: Int, field: Int, repetition: Int, component: Int, subcomponent: Int, content: [UInt8]
    ) throws(HL7v2Error) -> (Range<Int>, [UInt8]) {
        let encoding = storage.encoding
        func separators(_ separator: UInt8?, _ count: Int, _ name: String) throws(HL7v2Error) -> [UInt8] {
            guard count > 0 else { return [] }
            guard let separator else {
                throw HL7v2Error(.unencodableValue, expected: "a \(name) separator in MSH-2 to write this path")
            }
            return [UInt8](repeating: separator, count: count)
        }
        func tail(fromRepetition r: Int) throws(HL7v2Error) -> [UInt8] {
            try separators(encoding.repetition, r, "repetition")
                + separators(encoding.component, component - 1, "component")
                + separators(encoding.subcomponent, subcomponent - 1, "sub-component") + content
        }
        let fieldCount = storage.fieldCount(index)
        if field > fieldCount {
            let end = storage.layout.segmentEnd(index)
            let prefix = [UInt8](repeating: encoding.field, count: field - fieldCount)
            return (end..<end, try prefix + tail(fromRepetition: repetition - 1))
        }
        guard let fieldRange = storage.field(index, field)?.range else {
            throw HL7v2Error(.pathNotFound, expected: "an existing field")
        }
        let repetitions = storage.split(fieldRange, at: encoding.repetition)
        if repetition > repetitions.count {
            let end = fieldRange.upperBound
            return (end..<end, try tail(fromRepetition: repetition - repetitions.count))
        }
        let repetitionRange = repetitions[repetition - 1]
        let components = storage.split(repetitionRange, at: encoding.component)
        if component > components.count {
            let end = repetitionRange.upperBound
            return (
                end..<end,
                try separators(encoding.component, component - components.count, "component")
                    + separators(encoding.subcomponent, subcomponent - 1, "sub-component") + content
            )
        }
        let componentRange = components[component - 1]
        let subcomponents = storage.split(componentRange, at: encoding.subcomponent)
        if subcomponent > subcomponents.count {
            let end = componentRange.upperBound
            return (
                end..<end,
                try separators(encoding.subcomponent, subcomponent - subcomponents.count, "sub-component") + content
            )
        }
        return (subcomponents[subcomponent - 1], content)
    }
}
