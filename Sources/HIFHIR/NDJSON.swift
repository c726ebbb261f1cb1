public import HICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One resource of an NDJSON stream, with its 1-based line number.
///
/// ```swift
/// while let record = try reader.next() { print(record.line, record.resource.resourceType) }
/// ```
public struct NDJSONRecord: Sendable {
    /// 1-based line number in the stream.
    public let line: Int
    /// The resource on that line.
    public let resource: FHIRResource
    /// The line's bytes (without the line feed); validation uses them for columns.
    public let bytes: [UInt8]
}

/// Reads FHIR NDJSON (bulk data: one resource per line) as a stream: one resource at a time, memory bounded
/// by the largest line plus one read chunk. Blank lines are skipped and reported in ``warnings``; a `\r`
/// before the line feed and a byte-order mark on the first line are accepted. A line that does not parse
/// throws an ``FHIRError`` whose location has the line number as `record` (and `line`); calling
/// ``next()`` again continues with the following line.
///
/// ```swift
/// var reader = NDJSONReader(source: try ByteSource(path: "observations.ndjson"))
/// while let record = try reader.next() {
///     print(record.line, record.resource.resourceType)
/// }
/// ```
public struct NDJSONReader {
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var exhausted = false
    private var lineNumber = 0
    private let readChunk: (Int) throws(IOError) -> [UInt8]?
    /// Limits (``FHIRDecodingOptions/maximumInputBytes`` bounds one line).
    public let options: FHIRDecodingOptions
    /// Blank lines seen so far (warnings, located by line).
    public private(set) var warnings: [Issue] = []
    /// Size of each read from the source (64 KiB by default).
    public var chunkSize = 1 << 16

    /// Bytes currently held (the unread rest of the last chunk and the current line): stays below the
    /// longest line accepted plus one chunk.
    public var bufferedByteCount: Int { buffer.count }

    /// A reader over a byte source (file or standard input).
    public init(source: ByteSource, options: FHIRDecodingOptions = .init()) {
        self.options = options
        self.readChunk = { (size: Int) throws(IOError) -> [UInt8]? in try source.read(maximumCount: size) }
    }

    /// A reader over bytes already in memory.
    public init(bytes: [UInt8], options: FHIRDecodingOptions = .init()) {
        self.options = options
        self.buffer = bytes
        self.exhausted = true
        self.readChunk = { (_: Int) throws(IOError) -> [UInt8]? in nil }
    }

    /// The next resource, or `nil` at the end of the stream.
    /// - Throws: ``FHIRError`` for a line that is not a resource (the reader moves past it) or a read failure.
    public mutating func next() throws(FHIRError) -> NDJSONRecord? {
        while true {
            guard let line = try nextLine() else { return nil }
            lineNumber += 1
            var content = line
            if lineNumber == 1, content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
            if content.last == 0x0D { content = content.dropLast() }
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                warnings.append(
                    Issue(
                        .warning, code: FHIRIssueCode.blankLine, "blank line skipped",
                        at: SourceLocation(record: lineNumber, line: lineNumber)))
                continue
            }
            let bytes = Array(content)
            do {
                let resource = try FHIRResource(parsing: bytes, options: options)
                return NDJSONRecord(line: lineNumber, resource: resource, bytes: bytes)
            } catch {
                var location = error.location
                location.record = lineNumber
                location.line = lineNumber
                throw FHIRError(error.code, error.reason, at: location)
            }
        }
    }

    /// Offset of the first line feed at or after `from` (`memchr`), or `nil`.
    private static func firstNewline(in buffer: [UInt8], from: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, from >= 0, from < bytes.count,
                let found = memchr(base + from, 0x0A, bytes.count - from)
            else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    /// The next line's bytes (without `\n`), reading more chunks as needed.
    private mutating func nextLine() throws(FHIRError) -> ArraySlice<UInt8>? {
        var skippingLongLine = false
        while true {
            if let newline = Self.firstNewline(in: buffer, from: scanned) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                if skippingLongLine {
                    lineNumber += 1
                    throw FHIRError(
                        .lineTooLong, "line longer than \(options.maximumInputBytes) bytes",
                        at: SourceLocation(record: lineNumber, line: lineNumber))
                }
                return line
            }
            scanned = buffer.count
            if buffer.count - start > options.maximumInputBytes {
                // Drop what we have of the over-long line and keep looking for its end.
                skippingLongLine = true
                buffer.removeAll(keepingCapacity: true)
                start = 0
                scanned = 0
            }
            if exhausted {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                scanned = start
                if skippingLongLine {
                    lineNumber += 1
                    throw FHIRError(
                        .lineTooLong, "line longer than \(options.maximumInputBytes) bytes",
                        at: SourceLocation(record: lineNumber, line: lineNumber))
                }
                return line
            }
            let chunk: [UInt8]?
            do {
                chunk = try readChunk(max(1, chunkSize))
            } catch {
                throw FHIRError(.readFailed, error.reason, at: SourceLocation(record: lineNumber + 1))
            }
            guard let chunk, !chunk.isEmpty else {
                exhausted = true
                continue
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            buffer.append(contentsOf: chunk)
        }
    }
}

/// Writes FHIR NDJSON: each resource in the compact layout on its own line.
///
/// ```swift
/// var output: [UInt8] = []
/// NDJSONWriter.write(resources) { line in output += line }
/// ```
public enum NDJSONWriter {
    /// One NDJSON line (compact JSON and a line feed).
    public static func line(_ resource: FHIRResource) -> [UInt8] {
        var output = resource.serialized(style: .compact)
        output.append(0x0A)
        return output
    }

    /// Streams `resources` to `sink`, one line per call.
    public static func write<S: Sequence<FHIRResource>>(_ resources: S, to sink: ([UInt8]) -> Void) {
        for resource in resources { sink(line(resource)) }
    }
}
