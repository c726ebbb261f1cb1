import HICore
import HIFHIR
import Testing

/// The scanner's word-at-a-time string search, member-name fingerprints and the choice pre-filter give the
/// same answers as the byte-by-byte rules they stand for.
@Suite struct JSONScannerFastPathTests {
    private static func error(_ bytes: [UInt8]) -> FHIRError? {
        do {
            _ = try JSONReader.read(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// Each special byte at every position of a string around the 8-byte words is found at its offset.
    @Test(arguments: 0..<20)
    func specialBytesFoundAtEveryPosition(_ position: Int) throws {
        let prefix = Array(#"{"k":""#.utf8)
        var content = [UInt8](repeating: UInt8(ascii: "a"), count: 24)
        // A quote ends the string exactly there.
        content[position] = UInt8(ascii: "\"")
        let closed = prefix + content[..<(position + 1)] + Array("}".utf8)
        let tree = try JSONReader.read(closed)
        #expect(tree["k"]?.stringValue == String(repeating: "a", count: position))
        // A control byte is refused at its offset.
        content[position] = 0x01
        let control = Self.error(prefix + content + Array("\"}".utf8))
        #expect(control?.code == .controlCharacterInString)
        #expect(control?.location.byteOffset == prefix.count + position)
        // A backslash starts an escape; a lone invalid UTF-8 byte is refused at its offset.
        content[position] = UInt8(ascii: "\\")
        var escaped = content
        escaped.insert(UInt8(ascii: "n"), at: position + 1)
        let escapedTree = try JSONReader.read(prefix + escaped + Array("\"}".utf8))
        #expect(escapedTree["k"]?.stringValue?.utf8.count == 24)
        content[position] = 0xFF
        let invalid = Self.error(prefix + content + Array("\"}".utf8))
        #expect(invalid?.code == .invalidUTF8)
        #expect(invalid?.location.byteOffset == prefix.count + position)
        // Multi-byte text at the same place reads back.
        content[position] = UInt8(ascii: "a")
        let text = String(repeating: "a", count: position) + "张三丰" + String(repeating: "b", count: 9)
        let chinese = try JSONReader.read(prefix + Array(text.utf8) + Array("\"}".utf8))
        #expect(chinese["k"]?.stringValue == text)
    }

    /// Duplicate names are found whatever their length (fingerprints of short and long names), before and
    /// after the 32nd member (the set), and when one spelling uses escapes.
    @Test(arguments: [1, 7, 8, 9, 15, 16, 17, 40])
    func duplicateNamesOfEveryLength(_ length: Int) {
        let name = String(repeating: "n", count: length - 1) + "x"
        let escapedName = String(repeating: "n", count: length - 1) + #"\u0078"#
        for members in [0, 5, 11, 12, 13, 30, 31, 32, 33, 45] {
            let fillers = (0..<members).map { #""f\#($0)":\#($0),"# }.joined()
            let same = "{" + fillers + #""\#(name)":1,"\#(name)":2}"#
            #expect(Self.error(Array(same.utf8))?.code == .duplicateKey, "\(length) \(members)")
            let escaped = "{" + fillers + #""\#(name)":1,"\#(escapedName)":2}"#
            #expect(Self.error(Array(escaped.utf8))?.code == .duplicateKey, "escaped \(length) \(members)")
            // Same length, same first and last bytes, different middle: not a duplicate.
            let other = String(repeating: "n", count: max(length - 2, 0)) + (length > 1 ? "yx" : "y")
            let distinct = "{" + fillers + #""\#(name)":1,"\#(other)":2}"#
            #expect(Self.error(Array(distinct.utf8)) == nil, "distinct \(length) \(members)")
        }
    }

    @Test func nestedObjectsReuseTheNameStack() throws {
        let text = #"{"a":{"a":{"a":1,"b":2},"b":[{"a":1},{"a":2}]},"b":{"c":3},"c":{"a":{"b":{}}}}"#
        let tree = try JSONReader.read(Array(text.utf8))
        #expect(tree["a"]?["b"]?[1]?["a"]?.numberText == "2")
        #expect(tree["c"]?["a"]?["b"]?.objectValue?.members.isEmpty == true)
        #expect(Self.error(Array(#"{"a":{"x":1},"b":{"x":1},"a":2}"#.utf8))?.code == .duplicateKey)
    }

    @Test func memberLookupByName() {
        var object = JSONObject()
        object["status"] = .string("final")
        object["stat"] = .string("short")
        object[""] = .string("empty")
        #expect(object["status"]?.stringValue == "final")
        #expect(object["stat"]?.stringValue == "short")
        #expect(object[""]?.stringValue == "empty")
        #expect(object["statu"] == nil)
        #expect(object.index(of: "stat") == 1)
        #expect(JSONString("final").equals("final"))
        #expect(!JSONString("final").equals("finals"))
    }

    @Test func choiceFindsOnlyTypedNames() throws {
        let text =
            #"{"resourceType":"Observation","valueSet":"x","value":"y","valuex":"z","valueQuantity":{"value":1}}"#
        let observation = try FHIR.Observation(parsing: Array(text.utf8))
        #expect(observation.value?.typeName == "Quantity")
        let escaped = #"{"resourceType":"Observation","value\u0053tring":"s"}"#
        #expect(try FHIR.Observation(parsing: Array(escaped.utf8)).value?.typeName == "string")
        let none = #"{"resourceType":"Observation","valueSet":"x","valueKelvin":"k"}"#
        #expect(try FHIR.Observation(parsing: Array(none.utf8)).value == nil)
    }
}
