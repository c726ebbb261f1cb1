public import HICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads messages and batch envelopes one at a time from a file, standard input or bytes, with memory
/// bounded by the largest message (plus one read chunk).
///
/// Batch structure is checked as it goes: `BHS` inside an open batch and segments outside any message are
/// errors; missing headers or trailers and BTS-1/FTS-1 counts that do not match are warnings in ``issues``.
/// After an error the reader has skipped the bad record, so reading can go on.
///
/// Not `Sendable` when reading a ``ByteSource`` (it owns the source).
///
/// ```swift
/// var reader = try HL7v2MessageReader(source: ByteSource(path: "batch.hl7"))
/// while let message = try reader.next() {
///     print(message.index ?? 0, message.byteOffset, message.messageType ?? "")
/// }
/// print(reader.issues)   // batch warnings
/// ```
public struct HL7v2MessageReader {
    private var source: ByteSource?
    private let streaming: Bool
    private var buffer: [UInt8]
    private var bufferOffset = 0
    private var position = 0
    private var skipping = false
    private var firstRecord = true
    /// The options each message is read with.
    public let options: HL7v2ParseOptions
    /// Size of each read from the source.
    public var chunkSize = 1 << 16
    /// Batch-structure warnings found so far (and at the end of the input).
    public private(set) var issues: [Issue] = []
    /// Messages read so far.
    public private(set) var messageCount = 0
    private var inFile = false
    private var inBatch = false
    private var batchMessages = 0
    private var fileBatches = 0
    private var finished = false
    private var delimiters: (HL7v2EncodingCharacters, Charset)? = nil

    /// Reads records from bytes already in memory.
    public init(bytes: [UInt8], options: HL7v2ParseOptions = HL7v2ParseOptions()) {
        self.source = nil
        self.streaming = false
        self.buffer = bytes
        self.options = options
    }

    /// Reads records from a file or standard input, chunk by chunk.
    public init(source: ByteSource, options: HL7v2ParseOptions = HL7v2ParseOptions()) {
        self.source = source
        self.streaming = true
        self.buffer = []
        self.options = options
    }

    /// The next message (envelope segments are checked and skipped), or `nil` at the end.
    ///
    /// - Throws: ``HL7v2Error`` for a message or envelope that cannot be read, or for a broken batch
    ///   structure; the reader then continues with the next record.
    public mutating func next() throws(HL7v2Error) -> HL7v2Message? {
        while let record = try nextRecord() {
            if record.kind == .message { return record.message }
        }
        return nil
    }

    /// Reads one more chunk; `false` at the end of the input.
    private mutating func fill() -> Bool {
        guard let current = source else { return false }
        guard let chunk = try? current.read(maximumCount: chunkSize) else {
            source = nil
            return false
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    private func isRecordStart(_ index: Int) -> Bool {
        guard HL7v2Tokenizer.isRecordStartID(buffer, at: index) else { return false }
        guard index + 3 < buffer.count else { return true }
        let next = buffer[index + 3]
        return !((next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) || (next >= 0x30 && next <= 0x39))
    }

    /// The first CR (and LF) at or after the last search start, or `Int.max` when there was none in
    /// `buffer[..<crLimit]`; kept across calls so that a file without any LF is not searched again and again.
    private var crAt = -1
    private var crLimit = 0
    private var lfAt = -1
    private var lfLimit = 0

    private func search(_ byte: UInt8, from index: Int) -> Int {
        buffer.withUnsafeBufferPointer { pointer in
            guard let base = pointer.baseAddress, index < pointer.count else { return Int.max }
            guard let found = memchr(base + index, Int32(byte), pointer.count - index) else { return Int.max }
            return index + UnsafeRawPointer(base + index).distance(to: UnsafeRawPointer(found))
        }
    }

    /// The index of the next CR or LF at or after `index`, or `nil` when the buffer holds none.
    private mutating func nextTerminator(from index: Int) -> Int? {
        if !(crAt >= index && (crAt != Int.max || crLimit == buffer.count)) {
            crAt = search(0x0D, from: index)
            crLimit = buffer.count
        }
        if !(lfAt >= index && (lfAt != Int.max || lfLimit == buffer.count)) {
            lfAt = search(0x0A, from: index)
            lfLimit = buffer.count
        }
        let found = min(crAt, lfAt)
        return found == Int.max ? nil : found
    }

    /// The buffer index where the record starting at `start` ends (the next record start or the end).
    private mutating func recordEnd(from start: Int) -> Int {
        var index = start
        var first = true
        while true {
            if !first {
                while index + 4 > buffer.count, fill() {}
                if index >= buffer.count { return buffer.count }
                if isRecordStart(index) { return index }
            }
            first = false
            // Advance past the next line terminator.
            while true {
                if index >= buffer.count {
                    if !fill() { return buffer.count }
                    continue
                }
                if let found = nextTerminator(from: index) {
                    index = found + 1
                    break
                }
                index = buffer.count
                // A line longer than the limit: stop reading it into memory.
                if index - start > options.maximumMessageBytes { return index }
            }
            if index - start > options.maximumMessageBytes { return index }
        }
    }

    /// After an oversized record: drops lines until the next record start, keeping memory bounded.
    private mutating func skipToNextRecord() {
        while true {
            while buffer.count - position < 4, fill() {}
            if position >= buffer.count { return }
            if isRecordStart(position) { return }
            if let found = nextTerminator(from: position) {
                position = found + 1
                continue
            }
            if streaming {
                bufferOffset += buffer.count
                buffer.removeAll(keepingCapacity: true)
                crAt = -1
                lfAt = -1
            }
            position = buffer.count
            if !fill() { return }
        }
    }

    /// The next record (message or envelope segment), or `nil` at the end.
    ///
    /// - Throws: ``HL7v2Error`` as ``next()``.
    public mutating func nextRecord() throws(HL7v2Error) -> HL7v2Record? {
        if streaming, position >= 1 << 16, position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
            bufferOffset += position
            crAt = -1
            lfAt = -1
            position = 0
        }
        if skipping {
            skipping = false
            skipToNextRecord()
        }
        var contentStart = position
        if firstRecord {
            firstRecord = false
            while buffer.count - position < 4096, fill() {}
            contentStart = HL7v2Tokenizer.skipLeading(buffer, from: position)
            while contentStart >= buffer.count, contentStart - position <= options.maximumMessageBytes, fill() {
                contentStart = HL7v2Tokenizer.skipLeading(buffer, from: position)
            }
            if contentStart >= buffer.count {
                position = buffer.count
                finished = true
                throw HL7v2Error(
                    .emptyInput, expected: "an MSH, FHS or BHS segment", location: .init(byteOffset: contentStart))
            }
        } else if position >= buffer.count && !fill() {
            finishChecks()
            return nil
        }
        let end = recordEnd(from: contentStart)
        let start = position
        let fileOffset = bufferOffset + start
        position = end
        if end - start > options.maximumMessageBytes {
            skipping = true
            throw HL7v2Error(
                .messageTooLarge, expected: "at most \(options.maximumMessageBytes) bytes per message",
                location: .init(byteOffset: fileOffset))
        }
        let bytes = Array(buffer[start..<end])
        let kind: HL7v2Record.Kind
        let idStart = contentStart - start
        if bytes.count >= idStart + 3 {
            switch (bytes[idStart], bytes[idStart + 1], bytes[idStart + 2]) {
            case (0x4D, 0x53, 0x48): kind = .message
            case (0x46, 0x48, 0x53): kind = .fileHeader
            case (0x42, 0x48, 0x53): kind = .batchHeader
            case (0x42, 0x54, 0x53): kind = .batchTrailer
            case (0x46, 0x54, 0x53): kind = .fileTrailer
            default: kind = .message
            }
        } else {
            kind = .message
        }
        return try makeRecord(kind, bytes: bytes, fileOffset: fileOffset)
    }

    /// A file-level location; with line and column when the whole input is in memory.
    private func location(_ fileOffset: Int) -> SourceLocation {
        guard !streaming, fileOffset <= buffer.count else { return SourceLocation(byteOffset: fileOffset) }
        return LineIndex.location(of: fileOffset, in: buffer)
    }

    private mutating func warn(_ code: HL7v2Error.Code, _ expected: String, at fileOffset: Int, id: String) {
        issues.append(
            HL7v2Error(code, expected: expected, location: location(fileOffset), segmentID: id).issue(.warning))
    }

    private mutating func makeRecord(
        _ kind: HL7v2Record.Kind, bytes: [UInt8], fileOffset: Int
    ) throws(HL7v2Error) -> HL7v2Record {
        if kind == .message {
            messageCount += 1
            if inBatch { batchMessages += 1 }
            var message: HL7v2Message
            do {
                message = try HL7v2Message(
                    parsing: bytes, options: options, index: messageCount, byteOffset: fileOffset, inherited: nil)
            } catch {
                var located = error
                located.location = located.location.with(record: messageCount)
                throw located
            }
            message.index = messageCount
            delimiters = (message.encodingCharacters, message.charset)
            return HL7v2Record(kind: kind, message: message, byteOffset: fileOffset, messageIndex: messageCount)
        }
        let id = kind.description
        let envelope: HL7v2Message
        do {
            envelope = try HL7v2Message(
                parsing: bytes, options: options, index: nil, byteOffset: fileOffset,
                inherited: delimiters ?? (.standard, options.charset ?? options.defaultCharset))
        } catch {
            var located = error
            let at = location(fileOffset + (located.location.byteOffset ?? 0))
            located.location.byteOffset = at.byteOffset
            located.location.line = at.line
            located.location.column = at.column
            throw located
        }
        switch kind {
        case .fileHeader:
            if inFile || inBatch {
                throw HL7v2Error(
                    .nestedBatch, expected: inBatch ? "BTS before FHS" : "FTS before a second FHS",
                    location: location(fileOffset), segmentID: id)
            }
            inFile = true
            fileBatches = 0
            delimiters = (envelope.encodingCharacters, envelope.charset)
        case .batchHeader:
            if inBatch {
                inBatch = false
                throw HL7v2Error(
                    .nestedBatch, expected: "BTS closing the open batch before another BHS",
                    location: location(fileOffset), segmentID: id)
            }
            inBatch = true
            batchMessages = 0
            fileBatches += 1
            delimiters = (envelope.encodingCharacters, envelope.charset)
        case .batchTrailer:
            if !inBatch {
                warn(.missingBatchEnvelope, "BHS before BTS", at: fileOffset, id: id)
            }
            if let declared = envelope.value(at: "BTS-1"), !declared.isEmpty, Int(declared) != batchMessages {
                warn(
                    .batchCountMismatch, "BTS-1 equal to the \(batchMessages) messages of the batch", at: fileOffset,
                    id: id)
            }
            inBatch = false
            batchMessages = 0
        case .fileTrailer:
            if inBatch {
                warn(.missingBatchEnvelope, "BTS before FTS", at: fileOffset, id: id)
                inBatch = false
            }
            if !inFile {
                warn(.missingBatchEnvelope, "FHS before FTS", at: fileOffset, id: id)
            }
            if let declared = envelope.value(at: "FTS-1"), !declared.isEmpty, Int(declared) != fileBatches {
                warn(
                    .batchCountMismatch, "FTS-1 equal to the \(fileBatches) batches of the file", at: fileOffset, id: id
                )
            }
            inFile = false
        case .message:
            break
        }
        if envelope.segmentCount > 1, let second = envelope.segment(at: 1) {
            throw HL7v2Error(
                .segmentOutsideMessage, expected: "MSH (or a batch segment) after \(id)",
                location: location(fileOffset + second.byteRange.lowerBound), segmentIndex: 2, segmentID: second.id)
        }
        return HL7v2Record(kind: kind, message: envelope, byteOffset: fileOffset, messageIndex: nil)
    }

    private mutating func finishChecks() {
        guard !finished else { return }
        finished = true
        let end = bufferOffset + buffer.count
        if inBatch { warn(.missingBatchEnvelope, "BTS closing the batch", at: end, id: "BHS") }
        if inFile { warn(.missingBatchEnvelope, "FTS closing the file", at: end, id: "FHS") }
    }
}
