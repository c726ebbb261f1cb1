import HealthInterchange

/// `hix convert`. (Placeholder until its module lands.)
enum ConvertCommand {
    static let usage = "usage: hix convert … (not available yet)"

    static func run(_ arguments: [String]) -> Int32 {
        Console.error("hix convert: not available yet")
        return ExitCode.usage
    }
}
