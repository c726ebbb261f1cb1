import HealthInterchange

/// `hix validate`. (Placeholder until the validation module lands.)
enum ValidateCommand {
    static let usage = "usage: hix validate … (not available yet)"

    static func run(_ arguments: [String]) -> Int32 {
        Console.error("hix validate: not available yet")
        return ExitCode.usage
    }
}
