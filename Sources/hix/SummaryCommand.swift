import Foundation
import HealthInterchange

/// `hix summary merge`: combines the JSON summaries of shards (`--shard i/n` runs) into one.
enum SummaryCommand {
    static let usage = """
        usage: hix summary merge SUMMARY.json… [-o FILE]

        Adds up the counts of per-shard summaries written by `hix convert --summary` or `hix validate
        --summary` (records, converted/valid, rejected/withErrors, warnings, by issue code, by input, unmapped
        paths), concatenates their rejected records and shard lists, sums CPU time and jobs and keeps the longest
        wall time (shards run side by side). Writes the merged summary to FILE (atomically) or standard output.
        Exit status: 0 merged, 1 a file is missing or not a summary, 2 usage error.
        """

    static func run(_ rawArguments: [String]) -> Int32 {
        let arguments: Arguments
        do {
            arguments = try Arguments(
                rawArguments.map { $0 == "-o" ? "--output" : $0 }, valued: ["output"], boolean: ["help"])
        } catch {
            Console.error("hix summary: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if arguments.flag("help") {
            Console.output(usage)
            return ExitCode.ok
        }
        guard arguments.positional.first == "merge", arguments.positional.count >= 2 else {
            Console.error("hix summary: give `merge` and at least one summary file\n\n\(usage)")
            return ExitCode.usage
        }
        var merged: BatchSummary? = nil
        for path in arguments.positional.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                Console.error("hix summary: cannot read \(path)")
                return ExitCode.inputError
            }
            guard let summary = BatchSummary(json: data) else {
                Console.error("hix summary: \(path) is not a hix summary (no recordsIn)")
                return ExitCode.inputError
            }
            if merged == nil {
                merged = summary
            } else {
                merged?.merge(summary)
            }
        }
        let text = merged?.json ?? ""
        if let output = arguments.value("output") {
            guard BatchFiles.writeAtomically(Array(text.utf8), to: output) else {
                Console.error("hix summary: cannot write \(output)")
                return ExitCode.inputError
            }
        } else {
            Console.outputBytes(Array(text.utf8))
        }
        return ExitCode.ok
    }
}
