import HIHL7v2
import Testing

// Replaced by the module's real tests when its issue lands.
@Test func moduleIsLinked() {
    #expect(HIHL7v2Module.name == "HIHL7v2")
}
