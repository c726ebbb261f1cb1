import HealthInterchange

/// `hix id`. (Placeholder until the terminology and models module lands.)
enum IDCommand {
    static let usage = "usage: hix id … (not available yet)"

    static func run(_ arguments: [String]) -> Int32 {
        Console.error("hix id: not available yet")
        return ExitCode.usage
    }
}
