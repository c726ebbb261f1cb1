public import HICore

/// Detection of a table's charset, byte order mark and delimiter from its first bytes.
///
/// ```swift
/// let sample = Array("姓名;性别\n张三;男\n".utf8)
/// print(TableDetection.charset(of: sample[...], complete: true))                  // UTF-8
/// print(TableDetection.delimiter(of: sample[...], charset: .utf8, complete: true))  // semicolon
/// ```
public enum TableDetection {
    /// The byte order mark at the start of `bytes`: its charset and length, or `nil`.
    public static func byteOrderMark(of bytes: ArraySlice<UInt8>) -> (charset: Charset, length: Int)? {
        if bytes.starts(with: TableDialect.utf8BOM) { return (.utf8, 3) }
        if bytes.starts(with: TableDialect.gb18030BOM) { return (.gb18030, 4) }
        return nil
    }

    /// UTF-8 when `sample` is valid UTF-8 (a character cut off at the end of an incomplete sample is
    /// allowed), else GB18030 (a superset of GBK and GB 2312).
    ///
    /// - Parameters:
    ///   - sample: the first bytes of the input, after any byte order mark.
    ///   - complete: `true` when the sample is the whole input.
    public static func charset(of sample: ArraySlice<UInt8>, complete: Bool) -> Charset {
        var index = sample.startIndex
        while index < sample.endIndex {
            if sample[index] < 0x80 {
                index += 1
                continue
            }
            if let length = Charset.utf8.characterLength(at: index, in: sample),
                String(validating: sample[index..<index + length], as: UTF8.self) != nil
            {
                index += length
                continue
            }
            if !complete, sample.endIndex - index < 4, isUTF8Prefix(sample[index...]) { break }
            return .gb18030
        }
        return .utf8
    }

    /// `true` when `tail` is the start of a UTF-8 multi-byte sequence cut off by the end of the sample.
    private static func isUTF8Prefix(_ tail: ArraySlice<UInt8>) -> Bool {
        guard let lead = tail.first else { return false }
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return false
        }
        return tail.count < length && tail.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
    }

    /// The delimiter (tab, comma, semicolon or `|`) that splits the first records most consistently.
    ///
    /// Counts each candidate outside quotes in up to 20 records, stepping over multi-byte characters of
    /// `charset` (so a GB18030 trail byte 0x7C is not taken for `|`). A candidate must occur in the first
    /// record; the one whose count repeats in most later records wins, then the most frequent, then the
    /// order of ``Delimiter/detectable``. Comma when nothing qualifies.
    public static func delimiter(of sample: ArraySlice<UInt8>, charset: Charset, complete: Bool) -> Delimiter {
        let candidates = Delimiter.detectable
        var records: [[Int]] = []
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var index = sample.startIndex
        var recordHasBytes = false
        let steps = charset.hasASCIITrailBytes
        while index < sample.endIndex, records.count < 20 {
            let byte = sample[index]
            if byte == 0x22 {
                inQuotes.toggle()
                recordHasBytes = true
                index += 1
                continue
            }
            if inQuotes {
                index += 1
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                if recordHasBytes { records.append(counts) }
                counts = [Int](repeating: 0, count: candidates.count)
                recordHasBytes = false
                index += 1
                continue
            }
            recordHasBytes = true
            if byte >= 0x80, steps {
                index += charset.characterLength(at: index, in: sample) ?? 1
                continue
            }
            for (candidate, delimiter) in candidates.enumerated() where delimiter.byte == byte {
                counts[candidate] += 1
            }
            index += 1
        }
        if recordHasBytes, records.count < 20, complete || records.isEmpty { records.append(counts) }
        guard let first = records.first else { return .comma }
        var best: (candidate: Int, consistency: Int, count: Int)? = nil
        for candidate in candidates.indices where first[candidate] > 0 {
            let consistency = records.dropFirst().filter { $0[candidate] == first[candidate] }.count
            let score = (candidate, consistency, first[candidate])
            if let current = best {
                if score.1 > current.consistency || (score.1 == current.consistency && score.2 > current.count) {
                    best = score
                }
            } else {
                best = score
            }
        }
        return best.map { candidates[$0.candidate] } ?? .comma
    }

    /// The first line ending outside quotes in `sample`, or `nil`.
    public static func lineEnding(of sample: ArraySlice<UInt8>) -> LineEnding? {
        var inQuotes = false
        var index = sample.startIndex
        while index < sample.endIndex {
            let byte = sample[index]
            if byte == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes, byte == 0x0A {
                return .lf
            } else if !inQuotes, byte == 0x0D {
                if index + 1 < sample.endIndex { return sample[index + 1] == 0x0A ? .crlf : .cr }
                return .cr
            }
            index += 1
        }
        return nil
    }
}
