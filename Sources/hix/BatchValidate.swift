import Foundation
import HealthInterchange

/// One `hix validate` run over inputs, on the batch engine: records validated in parallel, reports written to
/// standard output in input order.
final class ValidateBatch {
    struct Settings: Sendable {
        var validation: RecordValidation
        var profile: String?
        var format: String
        var arguments: [String] = []
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        var selection = RecordInputSelection()
        var summaryFile: String? = nil
        var quiet = false
    }

    /// What validating one record gave: its output block and counts.
    struct Outcome: Sendable {
        var output: [UInt8]
        var hasErrors: Bool
        var warnings: Int
        var codes: [String: Int]
    }

    let settings: Settings
    private var summary = BatchSummary()
    private let inputs: RecordInputs
    private var progress: BatchProgress
    private var current = InputStats()
    private var completedBytes = 0
    private var recordsDone = 0
    private var unreadable = 0
    /// Report blocks delivered but not yet written: one `write` per burst of delivered records, not per record.
    private var pendingOutput: [UInt8] = []

    init(settings: Settings) {
        self.settings = settings
        inputs = RecordInputs.enumerate(settings.arguments, selection: settings.selection)
        summary.acceptedKey = "valid"
        summary.rejectedKey = "withErrors"
        progress = BatchProgress(label: "hix validate", enabled: !settings.quiet, totalBytes: inputs.totalSize)
    }

    /// The name shown in reports: the argument for a file, `argument/relative` under a directory, `-`.
    static func displayName(_ input: RecordInput) -> String {
        if input.isStandardInput { return "-" }
        return input.path == input.argument ? input.argument : input.argument + "/" + input.name
    }

    func run() async -> Int32 {
        let started = BatchClock.now()
        let startedCPU = BatchClock.cpu()
        for argument in inputs.missing {
            Console.error("hix validate: " + IOError(path: argument, operation: "open", code: ENOENT).reason)
            unreadable += 1
        }
        summary.inputsTotal = inputs.inputs.count + inputs.missing.count
        summary.inputsFailed = inputs.missing.count
        summary.jobs = settings.jobs
        if let shard = settings.selection.shard { summary.shards = [shard.description] }
        let settings = self.settings
        let engine = BatchEngine(jobs: settings.jobs, streamOptions: RecordStreamOptions())
        let gauge = BatchConcurrencyGauge()
        let finished = await engine.run(
            inputs.inputs, streamName: Self.displayName, shouldSkip: { _ in false },
            process: { record in Self.validate(record, settings: settings) },
            deliver: { event in self.handle(event) }, gauge: gauge)
        flushOutput()
        summary.maxConcurrentRecords = gauge.peak
        summary.interrupted = !finished
        summary.wallSeconds = BatchClock.now() - started
        summary.cpuSeconds = BatchClock.cpu() - startedCPU
        summary.bytesIn = completedBytes
        progress.finish(records: recordsDone, bytes: completedBytes, errors: summary.rejected)
        var text = "hix validate: \(summary.recordsIn) record(s), \(summary.rejected) with errors"
        for code in summary.codes.keys.sorted() { text += "\n  \(code): \(summary.codes[code] ?? 0)" }
        Console.error(text)
        if let file = settings.summaryFile, !BatchFiles.writeAtomically(Array(summary.json.utf8), to: file) {
            Console.error("hix validate: cannot write the summary to \(file)")
        }
        let signal = BatchSignals.current
        if signal != 0 { return 128 + signal }
        return summary.rejected + unreadable > 0 ? ExitCode.inputError : ExitCode.ok
    }

    private func handle(_ event: BatchEvent<Outcome>) {
        switch event {
        case .skipped:
            break
        case .failed(_, let error):
            progress.message("hix validate: \(error)")
            unreadable += 1
            summary.inputsFailed += 1
        case .started:
            current = InputStats()
        case .idle:
            flushOutput()
        case .record(let record, let outcome):
            pendingOutput += outcome.output
            if pendingOutput.count >= 1 << 16 { flushOutput() }
            current.records += 1
            recordsDone += 1
            if outcome.hasErrors { current.rejected += 1 } else { current.converted += 1 }
            current.warnings += outcome.warnings
            for (code, count) in outcome.codes { current.codes[code, default: 0] += count }
            progress.update(
                records: recordsDone, bytes: completedBytes + record.byteOffset + record.bytes.count,
                errors: summary.rejected + current.rejected)
        case .finished(let input, let end):
            if let readError = end.readError {
                progress.message("hix validate: \(readError)")
                unreadable += 1
            }
            summary.add(current, for: input.name)
            completedBytes += end.bytesRead
        }
    }

    private func flushOutput() {
        guard !pendingOutput.isEmpty else { return }
        Console.outputBytes(pendingOutput)
        pendingOutput.removeAll(keepingCapacity: true)
    }

    /// Validates one record (runs in a worker task) and renders its output block.
    static func validate(_ record: StreamedRecord, settings: Settings) -> Outcome {
        let reports: [ValidationReport]
        if let recordFormat = record.format, record.problem == nil {
            reports = settings.validation.validate(record.bytes, as: recordFormat)
        } else {
            let issue = HICore.Issue(
                .fatal, code: "HI-VAL-0003", record.problem ?? "the input is not HL7 v2, FHIR JSON or CDA XML",
                at: SourceLocation(file: record.inputName, record: record.index, byteOffset: 0))
            reports = [ValidationReport(profile: settings.profile ?? "auto", issues: []).addingSyntaxIssues([issue])]
        }
        var outcome = Outcome(output: [], hasErrors: false, warnings: 0, codes: [:])
        for report in reports {
            let located = report.locatedIn(file: record.inputName, record: record.index)
            if !located.isShareable { outcome.hasErrors = true }
            for (code, count) in located.countsByCode { outcome.codes[code.rawValue, default: 0] += count }
            outcome.warnings += located.issues.filter { $0.severity == .warning }.count
            switch settings.format {
            case "json":
                outcome.output += Array(located.jsonText.utf8) + [0x0A]
            case "operation-outcome":
                outcome.output += Array(located.operationOutcomeJSON.utf8) + [0x0A]
            case "ack" where record.format == .hl7v2:
                let acknowledgement = HL7v2Acknowledgement.build(
                    rejecting: record.bytes, code: located.isShareable ? .applicationAccept : .applicationError,
                    issues: located.issues.map(\.issue), controlID: "HIX\(record.index)")
                outcome.output += acknowledgement.bytes + [0x0A]
            case "ack":
                outcome.output += Array(located.operationOutcomeJSON.utf8) + [0x0A]
            default:
                let verdict = located.isShareable ? "shareable" : "NOT shareable"
                var lines = ["\(record.inputName) record \(record.index) [\(located.profile)]: \(verdict)"]
                lines += located.textLines.map { "  " + $0 }
                outcome.output += Array(lines.joined(separator: "\n").utf8) + [0x0A]
            }
        }
        return outcome
    }
}
