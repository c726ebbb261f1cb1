import HealthInterchange

/// `hix mllp`. (Placeholder until the MLLP module lands.)
enum MLLPCommand {
    static let usage = "usage: hix mllp listen|send … (not available yet)"

    static func run(_ arguments: [String]) -> Int32 {
        Console.error("hix mllp: not available yet")
        return ExitCode.usage
    }
}
