import HIConvert
import Testing

// Replaced by the module's real tests when its issue lands.
@Test func moduleIsLinked() {
    #expect(HIConvertModule.name == "HIConvert")
}
