import HIPrimaryCare
import Testing

@Test func moduleNamesItself() {
    #expect(HIPrimaryCareModule.name == "HIPrimaryCare")
}
