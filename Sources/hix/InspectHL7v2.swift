import HealthInterchange

/// `hix inspect` for HL7v2 input. (Placeholder until the HL7v2 module lands.)
enum InspectHL7v2 {
    static func inspect(_ input: InspectInput, options: InspectCommand.Options) -> Int32 {
        Console.error("hix inspect: \(input.name): HL7v2 input is not supported yet")
        return ExitCode.inputError
    }
}
