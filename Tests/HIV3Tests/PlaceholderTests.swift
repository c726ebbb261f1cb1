import HIV3
import Testing

// Replaced by the module's real tests when its issue lands.
@Test func moduleIsLinked() {
    #expect(HIV3Module.name == "HIV3")
}
