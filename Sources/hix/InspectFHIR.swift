import HealthInterchange

/// `hix inspect` for FHIR JSON and NDJSON input. (Placeholder until the FHIR module lands.)
enum InspectFHIR {
    static func inspect(_ input: InspectInput, format: DocumentFormat, options: InspectCommand.Options) -> Int32 {
        Console.error("hix inspect: \(input.name): FHIR input is not supported yet")
        return ExitCode.inputError
    }
}
