import HICore

/// The incremental RFC 4180 state machine under ``TableReader``: it scans a growing byte buffer, keeps its
/// state between chunks (so a quoted field may span any number of chunks), and hands out one record at a
/// time. Memory is bounded by the largest record plus one chunk.
struct RowScanner {
    enum State { case fieldStart, unquoted, quoted, afterQuote, raw }

    /// A problem found inside a record; turned into a warning or an error once the row number is known.
    struct Problem {
        var code: TabularError.Code
        var reason: String
        var columnIndex: Int
        /// Offset inside the record's bytes.
        var offset: Int
    }

    enum Step {
        case row(TableRow, [Problem], LineEnding?)
        case needMore
        case end
    }

    private(set) var buffer: [UInt8] = []
    /// Stream offset of `buffer[0]`.
    private(set) var bufferBase = 0
    private var rowStart = 0
    private var position = 0
    private var state: State = .fieldStart
    private var fieldStart = 0
    private var fieldKind: FieldSpan.Kind = .plain
    private var fields: [FieldSpan] = []
    private var problems: [Problem] = []
    private var line = 1
    private var rowLine = 1
    private(set) var recordsScanned = 0

    var delimiter: UInt8 = 0x2C
    var charset: Charset = .utf8 {
        didSet { stepsOverCharacters = charset.hasASCIITrailBytes }
    }
    private var stepsOverCharacters = false
    let maximumFieldBytes: Int
    let maximumColumns: Int
    let maximumRowBytes: Int

    init(options: TableReadingOptions) {
        maximumFieldBytes = max(1, options.maximumFieldBytes)
        maximumColumns = max(1, options.maximumColumns)
        maximumRowBytes = max(1, options.maximumRowBytes)
    }

    /// Bytes not yet handed out as records (the detection sample, before the first record).
    var pendingBytes: ArraySlice<UInt8> { buffer[rowStart...] }

    /// Skips `count` bytes at the start (a byte order mark); only before the first record.
    mutating func skip(_ count: Int) {
        rowStart = min(buffer.count, rowStart + count)
        position = rowStart
        fieldStart = rowStart
    }

    /// Adds a chunk. The consumed prefix is dropped first, at most once per record, so the cost stays linear.
    mutating func append(_ chunk: [UInt8]) {
        if rowStart > 0 {
            buffer.removeSubrange(0..<rowStart)
            bufferBase += rowStart
            position -= rowStart
            fieldStart -= rowStart
            rowStart = 0
        }
        buffer.append(contentsOf: chunk)
    }

    private func limitError(_ code: TabularError.Code, _ reason: String) -> TabularError {
        TabularError(
            code, reason, row: recordsScanned + 1, columnIndex: fields.count, byteOffset: bufferBase + rowStart,
            line: rowLine)
    }

    private mutating func endField(contentEnd: Int) throws(TabularError) {
        guard fields.count < maximumColumns else {
            throw limitError(.tooManyColumns, "a row has more than \(maximumColumns) fields")
        }
        let end = max(contentEnd, fieldStart)
        guard end - fieldStart <= maximumFieldBytes else {
            throw limitError(.fieldTooLarge, "a field is larger than \(maximumFieldBytes) bytes")
        }
        fields.append(FieldSpan(start: fieldStart - rowStart, end: end - rowStart, kind: fieldKind))
    }

    private mutating func problem(_ code: TabularError.Code, _ reason: String, at offset: Int) {
        problems.append(Problem(code: code, reason: reason, columnIndex: fields.count, offset: offset - rowStart))
    }

    private mutating func finishRow(end: Int, terminator: LineEnding?) -> Step {
        recordsScanned += 1
        let row = TableRow(
            rowNumber: recordsScanned, line: rowLine, byteOffset: bufferBase + rowStart,
            bytes: Array(buffer[rowStart..<end]), charset: charset, fields: fields)
        let found = problems
        problems.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        if let terminator {
            line += 1
            rowStart = end + (terminator == .crlf ? 2 : 1)
        } else {
            rowStart = end
        }
        position = rowStart
        fieldStart = rowStart
        rowLine = line
        state = .fieldStart
        return .row(row, found, terminator)
    }

    /// Scans on from where the last call stopped.
    ///
    /// - Returns: a record, `.needMore` when the buffer ends inside one (and `isEOF` is false), or `.end`.
    /// - Throws: ``TabularError`` for a broken limit (field, column or row size); the scan cannot go on then.
    mutating func next(isEOF: Bool) throws(TabularError) -> Step {
        let count = buffer.count
        let quote: UInt8 = 0x22
        var index = position
        let delimiter = self.delimiter
        let stepsOverCharacters = self.stepsOverCharacters
        while index < count {
            if state == .unquoted || state == .raw {
                // Fast inner loop over ordinary field bytes.
                while index < count {
                    let byte = buffer[index]
                    if byte == delimiter || byte == 0x0A || byte == 0x0D || byte == quote { break }
                    if byte >= 0x80, stepsOverCharacters { break }
                    index += 1
                }
                if index >= count { break }
            }
            let byte = buffer[index]
            switch state {
            case .fieldStart:
                if byte == quote {
                    state = .quoted
                    fieldKind = .quoted
                    fieldStart = index + 1
                    index += 1
                } else {
                    state = .unquoted
                    fieldKind = .plain
                    fieldStart = index
                }
            case .unquoted, .raw:
                if byte == delimiter {
                    try endField(contentEnd: index)
                    state = .fieldStart
                    index += 1
                } else if byte == 0x0A || byte == 0x0D {
                    var terminator = LineEnding.lf
                    if byte == 0x0D {
                        if index + 1 < count {
                            terminator = buffer[index + 1] == 0x0A ? .crlf : .cr
                        } else if !isEOF {
                            position = index
                            return .needMore
                        } else {
                            terminator = .cr
                        }
                    }
                    try endField(contentEnd: index)
                    return finishRow(end: index, terminator: terminator)
                } else if byte >= 0x80, stepsOverCharacters {
                    if let length = charset.characterLength(at: index, in: buffer) {
                        index += length
                    } else if !isEOF, count - index < 4 {
                        position = index
                        return .needMore
                    } else {
                        index += 1
                    }
                } else {
                    if byte == quote, state == .unquoted {
                        problem(.strayQuote, "a quote inside a field that does not start with a quote", at: index)
                        // Recorded once per field; the quote is kept as text.
                        state = .raw
                        fieldKind = .plain
                    }
                    index += 1
                }
            case .quoted:
                // Fast inner loop: only a quote or a line break matters inside quotes (neither is ever a
                // GB18030/GBK trail byte, so no character stepping is needed here).
                while index < count {
                    let inner = buffer[index]
                    if inner == quote { break }
                    if inner == 0x0A {
                        line += 1
                    } else if inner == 0x0D {
                        if index + 1 < count {
                            if buffer[index + 1] != 0x0A { line += 1 }
                        } else if !isEOF {
                            position = index
                            return .needMore
                        } else {
                            line += 1
                        }
                    }
                    index += 1
                }
                if index < count {
                    state = .afterQuote
                    index += 1
                }
            case .afterQuote:
                if byte == quote {
                    fieldKind = .quotedWithEscapes
                    state = .quoted
                    index += 1
                } else if byte == delimiter {
                    try endField(contentEnd: index - 1)
                    state = .fieldStart
                    index += 1
                } else if byte == 0x0A || byte == 0x0D {
                    var terminator = LineEnding.lf
                    if byte == 0x0D {
                        if index + 1 < count {
                            terminator = buffer[index + 1] == 0x0A ? .crlf : .cr
                        } else if !isEOF {
                            position = index
                            return .needMore
                        } else {
                            terminator = .cr
                        }
                    }
                    try endField(contentEnd: index - 1)
                    return finishRow(end: index, terminator: terminator)
                } else {
                    problem(.textAfterClosingQuote, "text between a closing quote and the next delimiter", at: index)
                    // Keep the field exactly as written, opening quote included.
                    fieldKind = .raw
                    fieldStart -= 1
                    state = .raw
                }
            }
        }
        position = index
        if !isEOF {
            guard count - rowStart <= maximumRowBytes else {
                throw limitError(.rowTooLarge, "a row is larger than \(maximumRowBytes) bytes")
            }
            return .needMore
        }
        // End of input: finish the last record, if any.
        switch state {
        case .fieldStart:
            if rowStart >= count, fields.isEmpty { return .end }
            fieldStart = count
            fieldKind = .plain
            try endField(contentEnd: count)
        case .unquoted, .raw:
            try endField(contentEnd: count)
        case .quoted:
            problem(.unterminatedQuote, "a quoted field is not closed before the end of the input", at: fieldStart - 1)
            try endField(contentEnd: count)
        case .afterQuote:
            try endField(contentEnd: count - 1)
        }
        guard count - rowStart <= maximumRowBytes else {
            throw limitError(.rowTooLarge, "a row is larger than \(maximumRowBytes) bytes")
        }
        return finishRow(end: count, terminator: nil)
    }
}
