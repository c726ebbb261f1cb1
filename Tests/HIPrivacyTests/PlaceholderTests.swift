import HIPrivacy
import Testing

// Replaced by the module's real tests when its issue lands.
@Test func moduleIsLinked() {
    #expect(HIPrivacyModule.name == "HIPrivacy")
}
