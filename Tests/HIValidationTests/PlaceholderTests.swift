import HIValidation
import Testing

// Replaced by the module's real tests when its issue lands.
@Test func moduleIsLinked() {
    #expect(HIValidationModule.name == "HIValidation")
}
