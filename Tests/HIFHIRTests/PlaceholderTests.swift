import HIFHIR
import Testing

// Replaced by the module's real tests when its issue lands.
@Test func moduleIsLinked() {
    #expect(HIFHIRModule.name == "HIFHIR")
}
