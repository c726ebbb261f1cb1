import Foundation
import HealthInterchange

/// The JSON summary of a batch run (`--summary FILE`), also what `hix summary merge` reads and writes.
///
/// The first fields (`recordsIn`, `converted`, `rejected`, `warnings`, `unmappedByPath`, `rejectedRecords`) keep
/// the layout of earlier releases; `byIssueCode`, `byInput`, `inputs`, `interrupted` and the one-line `timings`
/// follow.
struct BatchSummary {
    /// Names of the accepted / rejected counts (`converted`/`rejected`; `valid`/`withErrors` for validate).
    var acceptedKey = "converted"
    var rejectedKey = "rejected"
    var recordsIn = 0
    var accepted = 0
    var rejected = 0
    var warnings = 0
    var unmapped: [String: Int] = [:]
    var rejects: [(input: String, record: Int, code: String)] = []
    var codes: [String: Int] = [:]
    var byInput: [String: InputStats] = [:]
    var inputsTotal = 0
    var inputsSkipped = 0
    var inputsFailed = 0
    var interrupted = false
    var shards: [String] = []
    var jobs = 1
    /// The most records processed at once (never more than `jobs`).
    var maxConcurrentRecords = 0
    var wallSeconds = 0.0
    var cpuSeconds = 0.0
    var bytesIn = 0

    mutating func add(_ stats: InputStats, for name: String) {
        recordsIn += stats.records
        accepted += stats.converted
        rejected += stats.rejected
        warnings += stats.warnings
        for (code, count) in stats.codes { codes[code, default: 0] += count }
        for (path, count) in stats.unmapped { unmapped[path, default: 0] += count }
        byInput[name, default: InputStats()].add(stats)
    }

    var json: String {
        var text = "{\n"
        text += "  \"recordsIn\": \(recordsIn),\n  \"\(acceptedKey)\": \(accepted),\n"
        text += "  \"\(rejectedKey)\": \(rejected),\n  \"warnings\": \(warnings),\n"
        text += "  \"unmappedByPath\": " + Self.block(unmapped) + ",\n"
        text += "  \"rejectedRecords\": ["
        text += rejects.map {
            "\n    {\"input\": \(JSONText.quoted($0.input)), \"record\": \($0.record), \"code\": \(JSONText.quoted($0.code))}"
        }.joined(separator: ",")
        text += rejects.isEmpty ? "],\n" : "\n  ],\n"
        text += "  \"byIssueCode\": " + Self.block(codes) + ",\n"
        let names = byInput.keys.sorted()
        text += "  \"byInput\": {"
        text += names.map { "\n    \(JSONText.quoted($0)): \(byInput[$0]?.jsonText ?? "{}")" }.joined(separator: ",")
        text += names.isEmpty ? "},\n" : "\n  },\n"
        text +=
            "  \"inputs\": {\"total\": \(inputsTotal), \"skipped\": \(inputsSkipped), \"failed\": \(inputsFailed)},\n"
        text += "  \"interrupted\": \(interrupted),\n"
        text += "  \"shards\": [" + shards.map(JSONText.quoted).joined(separator: ", ") + "],\n"
        text +=
            "  \"timings\": {\"jobs\": \(jobs), \"maxConcurrentRecords\": \(maxConcurrentRecords), \"wallSeconds\": \(Self.decimal(wallSeconds)), "
        text += "\"cpuSeconds\": \(Self.decimal(cpuSeconds)), \"bytesIn\": \(bytesIn), "
        text += "\"recordsPerSecond\": \(Self.decimal(wallSeconds > 0 ? Double(recordsIn) / wallSeconds : 0)), "
        text += "\"megabytesPerSecond\": \(Self.decimal(wallSeconds > 0 ? Double(bytesIn) / 1e6 / wallSeconds : 0))}\n"
        text += "}\n"
        return text
    }

    static func block(_ counts: [String: Int]) -> String {
        let keys = counts.keys.sorted()
        if keys.isEmpty { return "{}" }
        return "{" + keys.map { "\n    \(JSONText.quoted($0)): \(counts[$0] ?? 0)" }.joined(separator: ",") + "\n  }"
    }

    static func decimal(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Reads a summary written by `json` (for `hix summary merge`); `nil` when it is not one.
    init?(json data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let recordsIn = object["recordsIn"] as? Int
        else { return nil }
        if object["valid"] != nil {
            acceptedKey = "valid"
            rejectedKey = "withErrors"
        }
        self.recordsIn = recordsIn
        accepted = object[acceptedKey] as? Int ?? 0
        rejected = object[rejectedKey] as? Int ?? 0
        warnings = object["warnings"] as? Int ?? 0
        unmapped = object["unmappedByPath"] as? [String: Int] ?? [:]
        codes = object["byIssueCode"] as? [String: Int] ?? [:]
        for item in object["rejectedRecords"] as? [[String: Any]] ?? [] {
            rejects.append((item["input"] as? String ?? "", item["record"] as? Int ?? 0, item["code"] as? String ?? ""))
        }
        for (name, value) in object["byInput"] as? [String: Any] ?? [:] {
            byInput[name] = InputStats(json: value as? [String: Any] ?? [:])
        }
        let inputs = object["inputs"] as? [String: Any] ?? [:]
        inputsTotal = inputs["total"] as? Int ?? 0
        inputsSkipped = inputs["skipped"] as? Int ?? 0
        inputsFailed = inputs["failed"] as? Int ?? 0
        interrupted = object["interrupted"] as? Bool ?? false
        shards = object["shards"] as? [String] ?? []
        let timings = object["timings"] as? [String: Any] ?? [:]
        jobs = timings["jobs"] as? Int ?? 1
        maxConcurrentRecords = timings["maxConcurrentRecords"] as? Int ?? 0
        wallSeconds = (timings["wallSeconds"] as? NSNumber)?.doubleValue ?? 0
        cpuSeconds = (timings["cpuSeconds"] as? NSNumber)?.doubleValue ?? 0
        bytesIn = timings["bytesIn"] as? Int ?? 0
    }

    init() {}

    /// Combines per-shard summaries: counts add up, shards run in parallel so the wall time is the longest one.
    mutating func merge(_ other: BatchSummary) {
        recordsIn += other.recordsIn
        accepted += other.accepted
        rejected += other.rejected
        warnings += other.warnings
        for (path, count) in other.unmapped { unmapped[path, default: 0] += count }
        for (code, count) in other.codes { codes[code, default: 0] += count }
        rejects += other.rejects
        for (name, stats) in other.byInput { byInput[name, default: InputStats()].add(stats) }
        inputsTotal += other.inputsTotal
        inputsSkipped += other.inputsSkipped
        inputsFailed += other.inputsFailed
        interrupted = interrupted || other.interrupted
        shards += other.shards
        jobs += other.jobs
        maxConcurrentRecords += other.maxConcurrentRecords
        wallSeconds = max(wallSeconds, other.wallSeconds)
        cpuSeconds += other.cpuSeconds
        bytesIn += other.bytesIn
    }
}

/// Wall and CPU clocks for the summary's timings and the progress display.
enum BatchClock {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// User + system CPU seconds of this process.
    static func cpu() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

/// The progress display on standard error: redrawn in place (at most 5 times a second) on a terminal, a plain
/// line every `interval` seconds otherwise. Counts and rates only, never record content.
final class BatchProgress {
    private let enabled: Bool
    private let terminal: Bool
    private let interval: Double
    private let totalBytes: Int?
    private let started: Double
    private var last: Double
    private var drawn = false
    private let label: String

    init(label: String, enabled: Bool, totalBytes: Int?, interval: Double = 10) {
        self.label = label
        self.enabled = enabled
        self.terminal = Console.errorIsTerminal
        self.interval = terminal ? 0.2 : interval
        self.totalBytes = totalBytes
        self.started = BatchClock.now()
        self.last = started
    }

    /// Called after each record; draws when the interval has passed.
    func update(records: Int, bytes: Int, errors: Int) {
        guard enabled else { return }
        let now = BatchClock.now()
        guard now - last >= interval else { return }
        last = now
        draw(records: records, bytes: bytes, errors: errors, now: now)
    }

    /// Prints a message on standard error, first clearing an in-place progress line so they do not mix.
    func message(_ text: String) {
        if terminal && drawn { _ = BatchFiles.writeAll(Array("\r\u{1B}[K".utf8), to: 2) }
        Console.error(text)
    }

    /// The final line (and the newline that ends an in-place display).
    func finish(records: Int, bytes: Int, errors: Int) {
        guard enabled, drawn else { return }
        draw(records: records, bytes: bytes, errors: errors, now: BatchClock.now())
        if terminal { _ = BatchFiles.writeAll([0x0A], to: 2) }
    }

    private func draw(records: Int, bytes: Int, errors: Int, now: Double) {
        let elapsed = max(now - started, 0.001)
        let megabytes = Double(bytes) / 1e6
        var line = "\(label): \(records) records, \(String(format: "%.0f", Double(records) / elapsed)) rec/s, "
        line += String(format: "%.1f MB/s", megabytes / elapsed)
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(bytes) / Double(totalBytes))
            line += String(format: ", %.1f/%.1f MB (%.0f%%)", megabytes, Double(totalBytes) / 1e6, fraction * 100)
            if bytes > 0, fraction < 1 {
                let remaining = elapsed * (1 - fraction) / fraction
                line += ", ETA " + Self.duration(remaining)
            }
        }
        line += ", \(errors) rejected, " + Self.duration(elapsed) + " elapsed"
        if terminal {
            _ = BatchFiles.writeAll(Array(("\r\u{1B}[K" + line).utf8), to: 2)
        } else {
            Console.error(line)
        }
        drawn = true
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%dh%02dm%02ds", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%dm%02ds", total / 60, total % 60)
    }
}
