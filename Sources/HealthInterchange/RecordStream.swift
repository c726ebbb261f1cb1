public import HIConvert
public import HICore
import HIPrivacy

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an input is cut into records.
///
/// Each layout is one small splitter in ``RecordStream``; a new input format is a new case.
///
/// ```swift
/// let layout = RecordLayout(detecting: Array("MSH|^~\\&|LIS".utf8))   // .er7
/// ```
public enum RecordLayout: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// HL7 v2 ER7: one record per `MSH` message; FHS/BHS/BTS/FTS envelope lines are skipped.
    case er7
    /// NDJSON: one FHIR resource per non-blank line.
    case ndjson
    /// One JSON document (the whole input).
    case json
    /// One or more XML documents, concatenated; split at top-level document boundaries.
    case xml
    /// HL7 V3 interaction messages (XML), split like ``xml``; their records are read as V3.
    case v3
    /// Not recognised: the whole input is one record without a format (it is rejected).
    case opaque

    public var description: String { rawValue }

    /// The layout of an input whose first bytes are `prefix` (see ``DocumentFormat/detect(_:)``).
    public init(detecting prefix: [UInt8]) {
        switch DocumentFormat.detect(prefix) {
        case .hl7v2?: self = .er7
        case .ndjson?: self = .ndjson
        case .fhirJSON?: self = .json
        case .xml?: self = .xml
        case .hl7v3?: self = .v3
        case .table?, nil: self = .opaque
        }
    }

    /// The record format of this layout's records (`nil` for ``opaque``).
    public var recordFormat: RecordFormat? {
        switch self {
        case .er7: .hl7v2
        case .ndjson, .json: .fhir
        case .xml: .cda
        case .v3: .v3
        case .opaque: nil
        }
    }
}

/// Options for ``RecordStream``.
///
/// ```swift
/// var options = RecordStreamOptions()
/// options.layout = .ndjson          // do not detect; split lines
/// options.computesDigest = true     // SHA-256 of the input, for a resume journal
/// ```
public struct RecordStreamOptions: Sendable {
    /// The layout to split with; `nil` detects it from the first bytes.
    public var layout: RecordLayout? = nil
    /// The format given to every record; `nil` takes the layout's ``RecordLayout/recordFormat``.
    public var format: RecordFormat? = nil
    /// Largest record kept in memory; a bigger one is reported as a record with a ``StreamedRecord/problem``
    /// and no bytes, and skipped.
    public var maximumRecordBytes = 64 << 20
    /// Size of each read from the input.
    public var chunkSize = 1 << 18
    /// Bytes looked at to detect the layout.
    public var detectionBytes = 1 << 16
    /// Computes the SHA-256 of the input's content as it is read (``RecordStream/contentDigest``).
    public var computesDigest = false

    public init() {}
}

/// One record of one input: where it came from and its original bytes.
///
/// ```swift
/// let record = StreamedRecord(inputName: "lab.hl7", index: 2, byteOffset: 412, bytes: er7, format: .hl7v2)
/// print(record.location)   // lab.hl7, record 2, byte 412
/// ```
public struct StreamedRecord: Sendable, Hashable {
    /// The input's name (its path relative to the input root, or `stdin`).
    public var inputName: String
    /// 1-based record number within the input.
    public var index: Int
    /// Offset of the record's first byte in the input.
    public var byteOffset: Int
    /// The record's original bytes (empty when it was too large to keep).
    public var bytes: [UInt8]
    /// The record's format, or `nil` when the input was not recognised.
    public var format: RecordFormat?
    /// Why the record cannot be processed (too large, …); `nil` normally. Never contains input values.
    public var problem: String?

    /// A record.
    public init(
        inputName: String, index: Int, byteOffset: Int, bytes: [UInt8], format: RecordFormat?, problem: String? = nil
    ) {
        self.inputName = inputName
        self.index = index
        self.byteOffset = byteOffset
        self.bytes = bytes
        self.format = format
        self.problem = problem
    }

    /// The record's place in its input.
    public var location: SourceLocation {
        SourceLocation(file: inputName, record: index, byteOffset: byteOffset)
    }
}

/// Splits one input (a file, standard input or bytes) into records without reading it all into memory:
/// memory stays bounded by the largest record plus one read chunk.
///
/// Not `Sendable`: it owns its ``ByteSource``. Records are `Sendable` values, ready for other tasks.
///
/// ```swift
/// let stream = try RecordStream(path: "night/lab.hl7", name: "lab.hl7")
/// while let record = stream.next() {
///     print(record.index, record.byteOffset, record.bytes.count)
/// }
/// ```
public final class RecordStream {
    /// The input's name, copied into every record.
    public let name: String
    /// The options the input is read with.
    public let options: RecordStreamOptions
    /// The layout used (detected on the first ``next()`` when not forced).
    public private(set) var layout: RecordLayout?
    /// Records returned so far.
    public private(set) var recordCount = 0
    /// Bytes read from the input so far.
    public private(set) var bytesRead = 0
    /// Bytes read from the input but not yet returned as records. When it is small, the next ``next()`` will
    /// probably have to read (and may wait on a pipe), so a caller collecting records should pass them on first.
    public var bufferedByteCount: Int { buffer.count - start }
    /// The read error that ended the input early, if any.
    public private(set) var readError: IOError? = nil

    private var source: ByteSource?
    private var buffer: [UInt8] = []
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    /// Index in `buffer` where the next record starts (everything before it is consumed).
    private var start = 0
    private var atEnd = false
    private var hasher: SHA256? = nil
    private var digest: [UInt8]? = nil
    private var splitter = Splitter()

    /// A stream over a file (or standard input when `path` is `-`).
    ///
    /// - Parameters:
    ///   - path: the file to read, or `-`.
    ///   - name: the name given to records (defaults to `path`).
    /// - Throws: ``IOError`` when the file cannot be opened.
    public convenience init(path: String, name: String? = nil, options: RecordStreamOptions = RecordStreamOptions())
        throws(IOError)
    {
        let source = path == "-" ? ByteSource.standardInput() : try ByteSource(path: path)
        self.init(source: source, name: name ?? path, options: options)
    }

    /// A stream over a byte source.
    public init(source: ByteSource, name: String, options: RecordStreamOptions = RecordStreamOptions()) {
        self.source = source
        self.name = name
        self.options = options
        self.layout = options.layout
        if options.computesDigest { hasher = SHA256() }
    }

    /// A stream over bytes already in memory.
    public init(bytes: [UInt8], name: String, options: RecordStreamOptions = RecordStreamOptions()) {
        self.source = nil
        self.name = name
        self.options = options
        self.layout = options.layout
        self.buffer = bytes
        self.bytesRead = bytes.count
        if options.computesDigest {
            var hasher = SHA256()
            hasher.update(bytes)
            self.hasher = hasher
        }
    }

    /// The lowercase hex SHA-256 of the whole input, once ``next()`` has returned `nil`
    /// (and ``RecordStreamOptions/computesDigest`` is on); `nil` before.
    public var contentDigest: String? {
        guard atEnd, let digest else { return nil }
        return digest.map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }

    /// Whether the buffer holds enough to detect the layout: a few bytes after leading white space, or for JSON
    /// the first line and the start of the next one (NDJSON or one document). Waiting for no more keeps pipes
    /// and FIFOs streaming.
    private func canDetect() -> Bool {
        var index = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        while index < buffer.count, Splitter.isSpace(buffer[index]) || buffer[index] == 0x0B { index += 1 }
        guard index + 4 <= buffer.count else { return false }
        guard buffer[index] == 0x7B else { return true }
        guard let newline = Splitter.find(0x0A, in: buffer, from: index) else { return false }
        var next = newline + 1
        while next < buffer.count, Splitter.isSpace(buffer[next]) { next += 1 }
        return next < buffer.count
    }

    /// Reads one more chunk; `false` at the end of the input.
    private func fill() -> Bool {
        guard let current = source else {
            finish()
            return false
        }
        let chunk: [UInt8]?
        do {
            chunk = try current.read(maximumCount: options.chunkSize)
        } catch {
            readError = error
            chunk = nil
        }
        guard let chunk else {
            source = nil
            finish()
            return false
        }
        hasher?.update(chunk)
        bytesRead += chunk.count
        buffer.append(contentsOf: chunk)
        return true
    }

    private func finish() {
        guard !atEnd else { return }
        atEnd = true
        if let hasher { digest = hasher.finalize() }
        self.hasher = nil
    }

    /// Drops consumed bytes once they are a good part of the buffer.
    private func compact() {
        guard start >= 1 << 16, start * 2 >= buffer.count else { return }
        buffer.removeSubrange(0..<start)
        bufferOffset += start
        splitter.shift(by: start)
        start = 0
    }

    /// The next record, or `nil` at the end of the input.
    public func next() -> StreamedRecord? {
        if layout == nil {
            while buffer.count < options.detectionBytes, !canDetect(), fill() {}
            layout = RecordLayout(detecting: Array(buffer.prefix(options.detectionBytes)))
        }
        let layout = layout ?? .opaque
        while true {
            compact()
            // Skip what lies between records (blank lines, BOM, envelope segments).
            skipping: while true {
                switch splitter.skipSeparators(
                    layout, buffer, from: start, atFileStart: bufferOffset + start == 0, atEnd: atEnd)
                {
                case .skipped(let to): start = to
                case .needMore: _ = fill()
                case .recordAt(let at):
                    start = at
                    break skipping
                }
            }
            // A forced layout starts before anything was read: read, then look for separators again.
            if start >= buffer.count, !atEnd, fill() { continue }
            if start >= buffer.count { return endOfInput() }
            splitter.begin(at: start)
            var end: Int? = nil
            while true {
                end = splitter.recordEnd(layout, buffer, start: start, atEnd: atEnd)
                if end != nil { break }
                if buffer.count - start > options.maximumRecordBytes { return oversized(layout) }
                _ = fill()
            }
            let stop = min(end ?? buffer.count, buffer.count)
            let recordStart = start
            guard stop > recordStart else {
                start = min(recordStart + 1, buffer.count)
                continue
            }
            start = stop
            if !splitter.isRecord(layout, buffer, recordStart, stop) { continue }
            recordCount += 1
            if stop - recordStart > options.maximumRecordBytes {
                return StreamedRecord(
                    inputName: name, index: recordCount, byteOffset: bufferOffset + recordStart, bytes: [],
                    format: options.format ?? layout.recordFormat,
                    problem: "the record is larger than the limit of \(options.maximumRecordBytes) bytes")
            }
            return StreamedRecord(
                inputName: name, index: recordCount, byteOffset: bufferOffset + recordStart,
                bytes: Array(buffer[recordStart..<stop]), format: options.format ?? layout.recordFormat)
        }
    }

    private func endOfInput() -> StreamedRecord? {
        finish()
        buffer = []
        start = 0
        return nil
    }

    /// A record over the size limit: report it without its bytes and skip to the next record start.
    private func oversized(_ layout: RecordLayout) -> StreamedRecord {
        recordCount += 1
        let offset = bufferOffset + start
        // Drop the bytes read so far and keep scanning, holding at most one chunk plus a little.
        while true {
            let found = splitter.recordEnd(layout, buffer, start: start, atEnd: atEnd)
            if let found {
                start = found
                break
            }
            let drop = min(splitter.resumePoint(buffer), buffer.count)
            bufferOffset += drop
            buffer.removeSubrange(0..<drop)
            splitter.shift(by: drop)
            start = 0
            if !fill() {
                start = buffer.count
                break
            }
        }
        return StreamedRecord(
            inputName: name, index: recordCount, byteOffset: offset, bytes: [],
            format: options.format ?? layout.recordFormat,
            problem: "the record is larger than the limit of \(options.maximumRecordBytes) bytes")
    }
}
