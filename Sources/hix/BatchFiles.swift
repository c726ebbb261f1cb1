import Foundation
import HealthInterchange

/// File writing for batch runs: every output appears complete or not at all (temporary file in the same
/// directory, then `rename`).
enum BatchFiles {
    /// The temporary name used beside `path` (fixed, so a rerun after a crash overwrites a leftover).
    static func temporaryPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "." : directory) + "/." + (path as NSString).lastPathComponent + ".tmp"
    }

    /// Creates the directory holding `path` when needed.
    static func makeParent(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }

    /// Writes to a temporary file beside `path`, then renames it into place (creating directories).
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> Bool {
        makeParent(of: path)
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = writeAll(bytes, to: descriptor)
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Writes all of `bytes` to `descriptor`.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, base + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }
}

/// One output file per input (`--output-mode ndjson|er7|bundle`), written to a temporary file as records
/// arrive (buffered) and renamed into place when the input is complete.
final class AggregateWriter {
    let path: String
    private let temporary: String
    private var descriptor: Int32
    private var pending: [UInt8] = []
    private(set) var failed = false
    private(set) var count = 0
    private let footer: [UInt8]
    private let separator: [UInt8]

    init?(path: String, header: [UInt8], separator: [UInt8], footer: [UInt8]) {
        self.path = path
        self.temporary = BatchFiles.temporaryPath(for: path)
        self.footer = footer
        self.separator = separator
        BatchFiles.makeParent(of: path)
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return nil }
        pending = header
        pending.reserveCapacity(1 << 17)
    }

    /// Appends one record's output.
    func append(_ bytes: [UInt8]) {
        if count > 0 { pending += separator }
        pending += bytes
        count += 1
        if pending.count >= 1 << 16 { flush() }
    }

    private func flush() {
        if !BatchFiles.writeAll(pending, to: descriptor) { failed = true }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes the footer and renames the file into place; `false` when anything failed.
    func commit() -> Bool {
        pending += footer
        flush()
        close(descriptor)
        descriptor = -1
        guard !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Drops the partial file (interrupted input).
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }
}

/// The counts of one input, kept in the summary and in the resume journal.
struct InputStats: Sendable {
    var records = 0
    var converted = 0
    var rejected = 0
    var warnings = 0
    var codes: [String: Int] = [:]
    var unmapped: [String: Int] = [:]

    /// Adds another run's counts for the same input.
    mutating func add(_ other: InputStats) {
        records += other.records
        converted += other.converted
        rejected += other.rejected
        warnings += other.warnings
        for (code, count) in other.codes { codes[code, default: 0] += count }
        for (path, count) in other.unmapped { unmapped[path, default: 0] += count }
    }

    var jsonText: String {
        "{\"records\":\(records),\"converted\":\(converted),\"rejected\":\(rejected),\"warnings\":\(warnings)"
            + ",\"byIssueCode\":" + Self.object(codes) + ",\"unmappedByPath\":" + Self.object(unmapped) + "}"
    }

    static func object(_ counts: [String: Int]) -> String {
        "{" + counts.keys.sorted().map { JSONText.quoted($0) + ":" + String(counts[$0] ?? 0) }.joined(separator: ",")
            + "}"
    }

    init() {}

    init(json object: [String: Any]) {
        records = object["records"] as? Int ?? 0
        converted = object["converted"] as? Int ?? 0
        rejected = object["rejected"] as? Int ?? 0
        warnings = object["warnings"] as? Int ?? 0
        codes = object["byIssueCode"] as? [String: Int] ?? [:]
        unmapped = object["unmappedByPath"] as? [String: Int] ?? [:]
    }
}

/// The resume journal (`.hix-journal` in the output directory): one JSON line per finished input, appended
/// after all of the input's outputs were renamed into place.
struct BatchJournal: Sendable {
    static let fileName = ".hix-journal"

    struct Entry: Sendable {
        var input: String
        var sha256: String
        var records: Int
        var outputs: [String]
        var stats: InputStats
    }

    let path: String
    private(set) var entries: [String: Entry] = [:]

    /// Opens the journal in `directory` (`--resume`): earlier entries are read, new ones appended.
    init(directory: String) {
        path = directory + "/" + Self.fileName
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard let data = FileManager.default.contents(atPath: path) else { return }
        for line in data.split(separator: 0x0A) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let input = object["input"] as? String, let sha256 = object["sha256"] as? String
            else { continue }  // a torn last line after a crash
            entries[input] = Entry(
                input: input, sha256: sha256, records: object["records"] as? Int ?? 0,
                outputs: object["outputs"] as? [String] ?? [],
                stats: InputStats(json: object["stats"] as? [String: Any] ?? [:]))
        }
    }

    /// The entry of an input that is complete: same content hash and every output present.
    func completed(_ input: RecordInput, outputDirectory: String) -> Entry? {
        guard !input.isStandardInput, let entry = entries[input.name] else { return nil }
        for output in entry.outputs where !FileManager.default.fileExists(atPath: outputDirectory + "/" + output) {
            return nil
        }
        guard let digest = Self.digest(of: input.path), digest == entry.sha256 else { return nil }
        return entry
    }

    /// Appends an entry (one `write` of one line).
    mutating func append(_ entry: Entry) {
        var line = "{\"input\":" + JSONText.quoted(entry.input) + ",\"sha256\":\"" + entry.sha256 + "\""
        line += ",\"records\":\(entry.records),\"outputs\":["
        line += entry.outputs.map(JSONText.quoted).joined(separator: ",") + "],\"stats\":" + entry.stats.jsonText
        line += "}\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { return }
        _ = BatchFiles.writeAll(Array(line.utf8), to: descriptor)
        fsync(descriptor)
        close(descriptor)
        entries[entry.input] = entry
    }

    /// SHA-256 (hex) of a file's content, read in chunks.
    static func digest(of path: String) -> String? {
        guard let source = try? ByteSource(path: path) else { return nil }
        var hasher = SHA256()
        while true {
            guard let chunk = try? source.read(maximumCount: 1 << 20) else { break }
            hasher.update(chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
