import HIModels
import Testing

@Suite("Resident ID surrounding white space")
struct ResidentIDWhitespaceTests {
    @Test func surroundingSpacesAreIgnored() throws {
        let id = try ResidentIDNumber(parsing: "  \t420106196303129995 \r\n")
        #expect(id.region?.code == "420106")
    }

    /// A million leading spaces must be trimmed in linear time (this once removed them one by one).
    @Test func longPaddingIsLinear() throws {
        let padding = String(repeating: " ", count: 1_000_000)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            _ = try ResidentIDNumber(parsing: padding + "420106196303129995" + padding)
        }
        #expect(elapsed < .seconds(2))
    }
}
