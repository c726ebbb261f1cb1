import HealthInterchange

/// `hix inspect` for XML input. (Placeholder until the XML module lands.)
enum InspectXML {
    static func inspect(_ input: InspectInput, options: InspectCommand.Options) -> Int32 {
        Console.error("hix inspect: \(input.name): XML input is not supported yet")
        return ExitCode.inputError
    }
}
