import HealthInterchange

/// `hix map`. (Placeholder until the terminology and models module lands.)
enum MapCommand {
    static let usage = "usage: hix map … (not available yet)"

    static func run(_ arguments: [String]) -> Int32 {
        Console.error("hix map: not available yet")
        return ExitCode.usage
    }
}
