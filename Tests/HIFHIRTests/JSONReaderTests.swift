import HIFHIR
import Testing

@Test func readsSimpleObject() throws {
    let tree = try JSONReader.read(Array(#"{"a": 1.50}"#.utf8))
    #expect(tree["a"]?.numberText == "1.50")
}
