import Foundation
import HealthInterchange

/// `hix convert`: a streaming batch converter. Inputs (files, directories, standard input) are split into
/// records by ``RecordStream`` without reading whole files, converted in parallel by ``RecordConverter``
/// (``BatchEngine``), and written in input order: one file per record or one file per input, atomically.
/// Bad records go to the reject directory and the batch goes on; a journal makes runs resumable.
enum ConvertCommand {
    static let usage = """
        usage: hix convert --to fhir|v2|cda [--from v2|fhir|ndjson|cda] INPUT… -o OUTDIR [--rejects DIR] [--summary FILE]
                           [--jobs N] [--output-mode files|ndjson|er7|bundle] [--include GLOB] [--exclude GLOB]
                           [--resume] [--shard I/N] [--quiet] [--strict] [--carry-unmapped] [--mappings DIR]

        Converts each record of INPUT (files, directories searched recursively, or - for standard input) through
        the models. Inputs are streamed: multi-message ER7 files and FHS/BHS batches are split into messages,
        NDJSON into lines, concatenated XML documents at document boundaries; memory stays bounded by the
        largest record. The format is detected from the bytes; --from forces it.
          --jobs N          records converted in parallel (default: all cores); output order never changes
          --output-mode M   files (default): one file per record, named after the input and the record number
                            (adt-1.json, oru-r01-lab-1.hl7); ndjson (--to fhir): one NDJSON file per input;
                            bundle (--to fhir): one FHIR Bundle (collection) per input; er7 (--to v2): one
                            multi-message ER7 file per input. Every file is written to a temporary file and renamed.
          --include GLOB    only files under directories matching GLOB (repeatable; a GLOB with / matches the
                            relative path, otherwise the file name); --exclude GLOB drops matching files
          --rejects DIR     write rejected records (original bytes) and a .error.json beside each
          --summary FILE    write the JSON summary there instead of standard error
          --resume          keep a journal of finished inputs (OUTDIR/.hix-journal) and skip the inputs it lists
                            as complete with the same content hash and outputs present; convert the others again,
                            overwriting their outputs (use it on every run of a scheduled job)
          --shard I/N       only inputs whose stable hash of the relative path modulo N is I (0-based)
          --quiet           no progress display (by default: redrawn on a terminal, a line every 10 s otherwise)
          --strict          treat any source element with no place in the target as an error (record rejected)
          --carry-unmapped  keep such elements as FHIR extensions, ZUN segments or CDA entries
          --mappings DIR    add or override code tables from a directory of .tsv files
        SIGINT/SIGTERM: records in flight are finished, the journal and summary written, exit 130/143.
        Exit status: 0 all records converted, 1 a record was rejected, 2 usage error.
        """

    /// Per-input output files (`--output-mode`).
    enum OutputMode: String, Sendable {
        case files, ndjson, er7, bundle
    }

    /// What converting one record gave, with everything the ordered writer needs already rendered (in the
    /// parallel step): the output bytes, the output file name (`--output-mode files`) or the reject file names
    /// and `.error.json` text.
    enum Outcome: Sendable {
        case converted(output: [UInt8], fileName: String, warnings: Int, unmapped: [String: Int], codes: [String: Int])
        case rejected(Rejection)
    }

    /// A rejected record, rendered for the reject directory.
    struct Rejection: Sendable {
        var issue: HICore.Issue
        /// `<stem>-<record>`: the reject files' name without extension.
        var base: String
        /// The `.error.json` content (`nil` without `--rejects`).
        var errorJSON: [UInt8]?

        init(_ issue: HICore.Issue, record: StreamedRecord, settings: Settings) {
            self.issue = issue
            base = ConvertCommand.recordBase(record)
            errorJSON = settings.rejectDirectory == nil ? nil : Array((issue.jsonText + "\n").utf8)
        }
    }

    /// Everything a run needs, parsed from the command line.
    struct Settings: Sendable {
        var target: RecordFormat
        var streamOptions = RecordStreamOptions()
        var options = ConversionOptions()
        var outputDirectory: String
        var rejectDirectory: String?
        var summaryFile: String?
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        var mode = OutputMode.files
        var selection = RecordInputSelection()
        var resume = false
        var quiet = false
        var progressInterval = 10.0
        var arguments: [String] = []
    }

    static func run(_ rawArguments: [String]) -> Int32 {
        if let status = ConvertTabular.run(ifTabular: rawArguments) { return status }  // --from csv|tsv, --mapping
        let settings: Settings
        switch parse(rawArguments) {
        case .success(let parsed): settings = parsed
        case .failure(let error):
            Console.error("hix convert: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        BatchSignals.install()
        return BatchEngine.blocking { await ConvertBatch(settings: settings).run() }
    }

    static func parse(_ rawArguments: [String]) -> Result<Settings, UsageError> {
        let arguments: Arguments
        do {
            let expanded = rawArguments.map { $0 == "-o" ? "--output" : $0 }
            arguments = try Arguments(
                expanded,
                valued: [
                    "to", "from", "output", "rejects", "summary", "mappings", "jobs", "output-mode", "include",
                    "exclude", "shard", "progress-interval",
                ],
                boolean: ["strict", "carry-unmapped", "resume", "quiet"])
        } catch {
            return .failure(error)
        }
        guard let toName = arguments.value("to") else { return .failure(UsageError("--to is required")) }
        guard let target = RecordFormat(name: toName) else {
            return .failure(UsageError("unknown --to '\(toName)' (fhir, v2 or cda)"))
        }
        guard let outputDirectory = arguments.value("output") else {
            return .failure(UsageError("-o OUTDIR is required"))
        }
        guard !arguments.positional.isEmpty else { return .failure(UsageError("no input given")) }
        var settings = Settings(target: target, outputDirectory: outputDirectory)
        settings.arguments = arguments.positional
        if let from = arguments.value("from") {
            guard let format = RecordFormat(name: from) else { return .failure(UsageError("unknown --from '\(from)'")) }
            settings.streamOptions.format = format
            settings.streamOptions.layout = layout(forcing: format, named: from)
        }
        settings.options.strict = arguments.flag("strict")
        settings.options.carryUnmapped = arguments.flag("carry-unmapped")
        if let mappings = arguments.value("mappings") {
            do {
                settings.options.terminology = try TerminologyTables(loadingDirectory: mappings)
            } catch {
                return .failure(UsageError("--mappings: \(error)"))
            }
        }
        settings.rejectDirectory = arguments.value("rejects")
        settings.summaryFile = arguments.value("summary")
        if let jobs = arguments.value("jobs") {
            guard let count = Int(jobs), count >= 1, count <= 1024 else {
                return .failure(UsageError("--jobs needs a number from 1 to 1024"))
            }
            settings.jobs = count
        }
        if let modeName = arguments.value("output-mode") {
            guard let mode = OutputMode(rawValue: modeName) else {
                return .failure(UsageError("unknown --output-mode '\(modeName)' (files, ndjson, er7 or bundle)"))
            }
            switch (mode, target) {
            case (.ndjson, .fhir), (.bundle, .fhir), (.er7, .hl7v2), (.files, _): break
            default: return .failure(UsageError("--output-mode \(modeName) does not fit --to \(toName)"))
            }
            settings.mode = mode
            // NDJSON lines and Bundle entries: the FHIR writer emits compact JSON itself (no minify pass).
            settings.options.compactJSON = mode == .ndjson || mode == .bundle
        }
        settings.selection.include = arguments.values("include")
        settings.selection.exclude = arguments.values("exclude")
        if let shardText = arguments.value("shard") {
            guard let shard = BatchShard(parsing: shardText) else {
                return .failure(UsageError("--shard needs I/N with 0 <= I < N"))
            }
            settings.selection.shard = shard
        }
        if let interval = arguments.value("progress-interval") {
            guard let seconds = Double(interval), seconds > 0 else {
                return .failure(UsageError("--progress-interval needs a number of seconds"))
            }
            settings.progressInterval = seconds
        }
        settings.resume = arguments.flag("resume")
        settings.quiet = arguments.flag("quiet")
        // The content digest is only for the resume journal: hashing every byte on the reader thread is work the
        // parallel workers would otherwise wait for.
        settings.streamOptions.computesDigest = settings.resume
        return .success(settings)
    }

    /// The splitter a forced `--from` implies (`nil`: detect, as for FHIR JSON vs NDJSON).
    static func layout(forcing format: RecordFormat, named name: String) -> RecordLayout? {
        switch format {
        case .hl7v2: .er7
        case .cda: .xml
        case .v3: .v3
        case .fhir: name.lowercased() == "ndjson" ? .ndjson : nil
        case .table: nil  // CSV/TSV input goes through ConvertTabular
        }
    }

    /// `<input stem>-<record number>`, the base of a record's output and reject file names.
    static func recordBase(_ record: StreamedRecord) -> String {
        stem(record.inputName) + "-" + String(record.index)
    }

    /// The extension of per-record output files.
    static func outputExtension(_ target: RecordFormat) -> String {
        switch target {
        case .fhir: ".json"
        case .cda, .v3: ".xml"
        case .hl7v2: ".hl7"
        case .table: ".csv"
        }
    }

    /// Converts one record and renders what the writer needs (runs in a worker task).
    static func convert(
        _ record: StreamedRecord, settings: Settings, converter: RecordConverter
    ) -> Outcome {
        let location = SourceLocation(file: record.inputName, record: record.index)
        if let problem = record.problem {
            return .rejected(
                Rejection(
                    HICore.Issue(.error, code: "HI-CONV-0002", problem, at: location), record: record,
                    settings: settings))
        }
        guard let format = record.format else {
            return .rejected(
                Rejection(
                    HICore.Issue(
                        .error, code: "HI-CONV-0001",
                        "not HL7 v2, FHIR JSON or CDA XML (format not recognised from the first bytes)", at: location),
                    record: record, settings: settings))
        }
        do {
            let result = try converter.convert(
                record.bytes, from: format, to: settings.target, options: settings.options)
            var warnings = 0
            var codes: [String: Int] = [:]
            for issue in result.report.issues where issue.severity >= .warning {
                if issue.severity == .warning { warnings += 1 }
                codes[issue.code.rawValue, default: 0] += 1
            }
            var output = result.output
            switch settings.mode {
            case .files: break
            case .ndjson, .bundle:
                // Writers that do not honour `compactJSON` (some primary-care resources) still need the pass;
                // compact JSON holds no raw line break.
                if output.contains(0x0A) { output = JSONMinifier.minify(output) }
            case .er7:
                if let last = output.last, last != 0x0D && last != 0x0A { output.append(0x0D) }
            }
            let fileName = settings.mode == .files ? recordBase(record) + outputExtension(settings.target) : ""
            return .converted(
                output: output, fileName: fileName, warnings: warnings,
                unmapped: result.report.unmappedCountsByPath, codes: codes)
        } catch {
            var issue = error.issue
            issue.severity = .error
            issue.location.file = record.inputName
            issue.location.record = record.index
            return .rejected(Rejection(issue, record: record, settings: settings))
        }
    }

    static func stem(_ name: String) -> String {
        let ext = (name as NSString).pathExtension
        return ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
    }

    static func extensionOf(_ name: String) -> String {
        let ext = (name as NSString).pathExtension
        return ext.isEmpty ? "dat" : ext
    }
}

/// One `hix convert` run: the engine's sink (writes outputs, rejects, journal, summary, progress in order).
final class ConvertBatch {
    typealias Settings = ConvertCommand.Settings
    let settings: Settings
    private var summary = BatchSummary()
    /// The resume journal (`--resume` only).
    private var journal: BatchJournal?
    private var progress: BatchProgress
    private let inputs: RecordInputs
    private var completedBytes = 0
    private var recordsDone = 0
    private var current = InputStats()
    private var currentOutputs: [String] = []
    private var aggregate: AggregateWriter? = nil
    private var aggregateName = ""

    init(settings: Settings) {
        self.settings = settings
        inputs = RecordInputs.enumerate(settings.arguments, selection: settings.selection)
        if settings.resume {
            journal = BatchJournal(directory: settings.outputDirectory)
        } else {
            // Outputs are being rewritten: an old journal no longer describes them.
            unlink(settings.outputDirectory + "/" + BatchJournal.fileName)
        }
        progress = BatchProgress(
            label: "hix convert", enabled: !settings.quiet, totalBytes: inputs.totalSize,
            interval: settings.progressInterval)
    }

    func run() async -> Int32 {
        let started = BatchClock.now()
        let startedCPU = BatchClock.cpu()
        for argument in inputs.missing {
            Console.error("hix convert: \(argument): no such file or directory")
            summary.rejected += 1
            summary.inputsFailed += 1
            summary.rejects.append((argument, 0, "HI-CONV-0001"))
        }
        summary.inputsTotal = inputs.inputs.count + inputs.missing.count
        summary.jobs = settings.jobs
        if let shard = settings.selection.shard { summary.shards = [shard.description] }
        let engine = BatchEngine(jobs: settings.jobs, streamOptions: settings.streamOptions)
        let converter = RecordConverter.withPrimaryCare
        let settings = self.settings
        let gauge = BatchConcurrencyGauge()
        let finished = await engine.run(
            inputs.inputs, streamName: { $0.name },
            shouldSkip: { [journal] input in
                journal?.completed(input, outputDirectory: settings.outputDirectory) != nil
            },
            process: { record in ConvertCommand.convert(record, settings: settings, converter: converter) },
            deliver: { event in self.handle(event) }, gauge: gauge)
        summary.maxConcurrentRecords = gauge.peak
        summary.interrupted = !finished
        summary.wallSeconds = BatchClock.now() - started
        summary.cpuSeconds = BatchClock.cpu() - startedCPU
        summary.bytesIn = completedBytes
        progress.finish(records: recordsDone, bytes: completedBytes, errors: summary.rejected)
        if let file = settings.summaryFile {
            if !BatchFiles.writeAtomically(Array(summary.json.utf8), to: file) {
                Console.error("hix convert: cannot write the summary to \(file)")
            }
        } else {
            Console.error(summary.json)
        }
        let signal = BatchSignals.current
        if signal != 0 {
            Console.error("hix convert: interrupted by signal \(signal); journal and summary written")
            return 128 + signal
        }
        return summary.rejected == 0 ? ExitCode.ok : ExitCode.inputError
    }

    private func handle(_ event: BatchEvent<ConvertCommand.Outcome>) {
        switch event {
        case .skipped(let input):
            if let entry = journal?.entries[input.name] { summary.add(entry.stats, for: input.name) }
            summary.inputsSkipped += 1
            completedBytes += input.size ?? 0
        case .failed(let input, let error):
            progress.message("hix convert: \(error)")
            summary.rejected += 1
            summary.inputsFailed += 1
            summary.rejects.append((input.name, 0, error.issueCode.rawValue))
        case .started(let input):
            current = InputStats()
            currentOutputs = []
            aggregate = nil
            let header: [UInt8]
            let separator: [UInt8]
            let footer: [UInt8]
            let fileExtension: String
            switch settings.mode {
            case .files: return
            case .ndjson: (header, separator, footer, fileExtension) = ([], [0x0A], [0x0A], ".ndjson")
            case .er7: (header, separator, footer, fileExtension) = ([], [], [], ".hl7")
            case .bundle:
                header = Array("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[\n{\"resource\":".utf8)
                separator = Array("},\n{\"resource\":".utf8)
                footer = Array("}\n]}\n".utf8)
                fileExtension = ".json"
            }
            aggregateName = ConvertCommand.stem(input.name) + fileExtension
            aggregate = AggregateWriter(
                path: settings.outputDirectory + "/" + aggregateName, header: header, separator: separator,
                footer: footer)
            if aggregate == nil { Console.error("hix convert: cannot create the output file for \(input.name)") }
        case .record(let record, let outcome):
            handle(record, outcome)
        case .idle:
            break
        case .finished(let input, let end):
            if let readError = end.readError {
                progress.message("hix convert: \(readError)")
                current.rejected += 1
                summary.rejects.append((input.name, end.records, readError.issueCode.rawValue))
                current.codes[readError.issueCode.rawValue, default: 0] += 1
            }
            var written = true
            if let aggregate {
                if end.complete {
                    written = aggregate.commit()
                    if written {
                        currentOutputs.append(aggregateName)
                    } else {
                        Console.error("hix convert: cannot write the output file for \(input.name)")
                    }
                } else {
                    aggregate.discard()
                }
            }
            self.aggregate = nil
            summary.add(current, for: input.name)
            completedBytes += end.bytesRead
            if end.complete, written, end.readError == nil, !input.isStandardInput, let digest = end.digest {
                journal?.append(
                    BatchJournal.Entry(
                        input: input.name, sha256: digest, records: end.records, outputs: currentOutputs,
                        stats: current))
            }
        }
    }

    private func handle(_ record: StreamedRecord, _ outcome: ConvertCommand.Outcome) {
        current.records += 1
        recordsDone += 1
        switch outcome {
        case .converted(let output, let name, let warnings, let unmapped, let codes):
            if let aggregate {
                aggregate.append(output)
            } else {
                guard BatchFiles.writeAtomically(output, to: settings.outputDirectory + "/" + name) else {
                    let issue = HICore.Issue(
                        .error, code: "HI-CONV-0006", "cannot write the output file",
                        at: SourceLocation(file: record.inputName, record: record.index))
                    reject(record, ConvertCommand.Rejection(issue, record: record, settings: settings))
                    return
                }
                currentOutputs.append(name)
            }
            current.converted += 1
            current.warnings += warnings
            for (path, count) in unmapped { current.unmapped[path, default: 0] += count }
            for (code, count) in codes { current.codes[code, default: 0] += count }
        case .rejected(let rejection):
            reject(record, rejection)
        }
        progress.update(
            records: recordsDone, bytes: completedBytes + record.byteOffset + record.bytes.count,
            errors: summary.rejected + current.rejected)
    }

    private func reject(_ record: StreamedRecord, _ rejection: ConvertCommand.Rejection) {
        let issue = rejection.issue
        current.rejected += 1
        current.codes[issue.code.rawValue, default: 0] += 1
        summary.rejects.append((record.inputName, record.index, issue.code.rawValue))
        if let rejectDirectory = settings.rejectDirectory, let errorJSON = rejection.errorJSON {
            let base = rejectDirectory + "/" + rejection.base
            _ = BatchFiles.writeAtomically(record.bytes, to: base + "." + ConvertCommand.extensionOf(record.inputName))
            _ = BatchFiles.writeAtomically(errorJSON, to: base + ".error.json")
        } else {
            progress.message("hix convert: rejected: \(issue)")
        }
    }
}

/// Removes the white space between JSON tokens (not inside strings), for one-line NDJSON and Bundle entries.
enum JSONMinifier {
    static func minify(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, count in
                var written = 0
                var inString = false
                var escaped = false
                for byte in input {
                    if inString {
                        output[written] = byte
                        written += 1
                        if escaped {
                            escaped = false
                        } else if byte == 0x5C {
                            escaped = true
                        } else if byte == 0x22 {
                            inString = false
                        }
                    } else if byte == 0x22 {
                        inString = true
                        output[written] = byte
                        written += 1
                    } else if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 {
                        output[written] = byte
                        written += 1
                    }
                }
                count = written
            }
        }
    }
}
