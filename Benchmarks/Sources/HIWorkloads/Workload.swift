import Foundation

/// A workload file from `Benchmarks/Workloads/` (written by `Scripts/generate-workloads.py`), split into records.
///
/// ```swift
/// let oru = Workload.load("v2-oru.hl7", split: .hl7v2)
/// print(oru.records.count, oru.meanRecordBytes)
/// ```
public struct Workload: Sendable {
    /// How a workload file splits into records.
    public enum Split: Sendable {
        /// ER7 messages: a new record at each line starting with `MSH` (the generator writes no batches).
        case hl7v2
        /// One record per non-empty line (NDJSON, CSV rows after the header).
        case lines
        /// The whole file is one record.
        case whole
    }

    public let name: String
    /// The whole file.
    public let bytes: [UInt8]
    /// Each record as its own array (so a parser gets exactly what a caller would hand it).
    public let records: [[UInt8]]

    /// Average bytes per record: MB/s = records/s × this ÷ 1,000,000.
    public var meanRecordBytes: Double {
        records.isEmpty ? 0 : Double(records.reduce(0) { $0 + $1.count }) / Double(records.count)
    }

    /// The folder holding the workloads (`HI_WORKLOADS` overrides it).
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["HI_WORKLOADS"] { return URL(fileURLWithPath: path) }
        // …/Benchmarks/Sources/BenchmarkSupport/Workload.swift → …/Benchmarks/Workloads
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Workloads")
    }

    /// Loads a workload, or stops the process with a message naming the script to run.
    public static func load(_ name: String, from folder: URL? = nil, split: Split) -> Workload {
        let url = (folder ?? directory).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            FileHandle.standardError.write(
                Data(
                    """
                    error: workload \(url.path) is missing.
                    Generate the workloads first:  python3 Benchmarks/Scripts/generate-workloads.py
                    (from the repository root; about 250 MB, deterministic, from Samples/)

                    """.utf8))
            exit(2)
        }
        let bytes = [UInt8](data)
        return Workload(name: name, bytes: bytes, records: Self.split(bytes, split))
    }

    /// Loads every `.xml` file of a workload folder (sorted by name), one record per file.
    public static func loadDirectory(_ name: String, from folder: URL? = nil) -> Workload {
        let url = (folder ?? directory).appendingPathComponent(name)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()
        guard !files.isEmpty else {
            FileHandle.standardError.write(
                Data(
                    """
                    error: workload folder \(url.path) is missing or empty.
                    Generate the workloads first:  python3 Benchmarks/Scripts/generate-workloads.py

                    """.utf8))
            exit(2)
        }
        let records = files.compactMap { FileManager.default.contents(atPath: url.appendingPathComponent($0).path) }
            .map { [UInt8]($0) }
        return Workload(name: name, bytes: Array(records.joined()), records: records)
    }

    /// `../shared/corpus` beside the repository (`HI_CORPUS` overrides it), when present.
    public static var corpusDirectory: URL? {
        let url: URL
        if let path = ProcessInfo.processInfo.environment["HI_CORPUS"] {
            url = URL(fileURLWithPath: path)
        } else {
            // …/Benchmarks/Sources/HIWorkloads/Workload.swift → …/../shared/corpus
            url = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("shared").appendingPathComponent("corpus")
        }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? url : nil
    }

    /// Every file under `corpus/<folder>` ending in one of `extensions` (read in place, never copied), one
    /// record per file; `nil` when the corpus is absent.
    public static func corpus(_ folder: String, extensions: [String]) -> Workload? {
        guard let root = corpusDirectory?.appendingPathComponent(folder),
            let walker = FileManager.default.enumerator(atPath: root.path)
        else { return nil }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            if extensions.contains(where: { path.hasSuffix($0) }) { paths.append(path) }
        }
        let records = paths.sorted().compactMap { FileManager.default.contents(atPath: root.appendingPathComponent($0).path) }
            .map { [UInt8]($0) }
        guard !records.isEmpty else { return nil }
        return Workload(name: "corpus/\(folder)", bytes: Array(records.joined()), records: records)
    }

    /// Only the records whose text contains `marker` (for typed decoding of one resource type).
    public func filter(containing marker: String) -> Workload {
        let needle = Array(marker.utf8)
        let kept = records.filter { record in
            record.withUnsafeBufferPointer { buffer in
                guard buffer.count >= needle.count else { return false }
                for start in 0...(buffer.count - needle.count) where buffer[start] == needle[0] {
                    if Array(buffer[start..<start + needle.count]) == needle { return true }
                }
                return false
            }
        }
        return Workload(name: "\(name) [\(marker)]", bytes: Array(kept.joined()), records: kept)
    }

    public init(name: String, bytes: [UInt8], records: [[UInt8]]) {
        self.name = name
        self.bytes = bytes
        self.records = records
    }

    static func split(_ bytes: [UInt8], _ split: Split) -> [[UInt8]] {
        switch split {
        case .whole:
            return [bytes]
        case .lines:
            var records: [[UInt8]] = []
            var start = 0
            for index in bytes.indices where bytes[index] == 0x0A {
                if index > start { records.append(Array(bytes[start...index])) }
                start = index + 1
            }
            if start < bytes.count { records.append(Array(bytes[start...])) }
            return records
        case .hl7v2:
            var starts: [Int] = []
            var index = 0
            while index + 3 <= bytes.count {
                let atLineStart = index == 0 || bytes[index - 1] == 0x0D || bytes[index - 1] == 0x0A
                if atLineStart, bytes[index] == 0x4D, bytes[index + 1] == 0x53, bytes[index + 2] == 0x48 {
                    starts.append(index)
                }
                index += 1
            }
            starts.append(bytes.count)
            return (0..<starts.count - 1).map { Array(bytes[starts[$0]..<starts[$0 + 1]]) }
        }
    }
}

/// Walks a workload's records round-robin across benchmark samples, so every record is measured.
public final class RecordCursor: @unchecked Sendable {
    public let records: [[UInt8]]
    private var position = 0

    public init(_ workload: Workload) { records = workload.records }

    /// The next record (wrapping around).
    @inline(__always)
    public func next() -> [UInt8] {
        let record = records[position]
        position += 1
        if position == records.count { position = 0 }
        return record
    }
}

/// Measures `body` and reports MB/s and records/s as custom metrics of the current sample.
public struct ThroughputMeter: Sendable {
    public static let megabytesPerSecond = "MB/s"
    public static let recordsPerSecond = "records/s"

    public init() {}

    /// Runs `body` (which returns the bytes and records it processed) and the wall time it took.
    @inline(__always)
    public static func measure(_ body: () -> (bytes: Int, records: Int)) -> (mbps: Int, rps: Int) {
        let clock = ContinuousClock()
        var done = (bytes: 0, records: 0)
        let elapsed = clock.measure { done = body() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        guard seconds > 0 else { return (0, 0) }
        return (Int(Double(done.bytes) / seconds / 1e6), Int(Double(done.records) / seconds))
    }
}
