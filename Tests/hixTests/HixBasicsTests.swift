import Foundation
import Testing

@Suite("hix basics")
struct HixBasicsTests {
    @Test func versionPrintsAndExitsZero() throws {
        let result = try HixRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("hix "))
    }

    @Test func unknownCommandIsAUsageError() throws {
        let result = try HixRunner.run(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("unknown command 'frobnicate'"))
    }

    @Test func inspectWithoutInputIsAUsageError() throws {
        let result = try HixRunner.run(["inspect"])
        #expect(result.status == 2)
    }

    @Test func unrecognisedInputIsAnInputError() throws {
        let result = try HixRunner.run(["inspect", "-"], input: Array("hello".utf8))
        #expect(result.status == 1)
        #expect(result.standardError.contains("format not recognised"))
    }
}
