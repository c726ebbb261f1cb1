import HealthInterchange

/// `hix v3`. (Placeholder until its module lands.)
enum V3Command {
    static let usage = "usage: hix v3 … (not available yet)"

    static func run(_ arguments: [String]) -> Int32 {
        Console.error("hix v3: not available yet")
        return ExitCode.usage
    }
}
