import HealthInterchange

/// `hix deid`. (Placeholder until its module lands.)
enum DeidCommand {
    static let usage = "usage: hix deid … (not available yet)"

    static func run(_ arguments: [String]) -> Int32 {
        Console.error("hix deid: not available yet")
        return ExitCode.usage
    }
}
