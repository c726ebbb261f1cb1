import HICore
import HIFHIR
import HITestSupport
import Testing

private func read(_ text: String, options: FHIRDecodingOptions = .init()) throws(FHIRError) -> JSONValue {
    try JSONReader.read(Array(text.utf8), options: options)
}

private func error(_ text: String, options: FHIRDecodingOptions = .init()) -> FHIRError? {
    do {
        _ = try JSONReader.read(Array(text.utf8), options: options)
        return nil
    } catch {
        return error
    }
}

@Suite struct JSONReaderTests {
    @Test func keepsOrderAndExactNumbers() throws {
        let tree = try read(#"{"z": 1.50, "a": -0.0, "m": 1e-7, "big": 1234567890123456789.0123456789}"#)
        #expect(tree.objectValue?.keys == ["z", "a", "m", "big"])
        #expect(tree["z"]?.numberText == "1.50")
        #expect(tree["a"]?.numberText == "-0.0")
        #expect(tree["m"]?.numberText == "1e-7")
        #expect(tree["big"]?.numberText == "1234567890123456789.0123456789")
        let compact = String(decoding: JSONWriter.write(tree, style: .compact), as: UTF8.self)
        #expect(compact == #"{"z":1.50,"a":-0.0,"m":1e-7,"big":1234567890123456789.0123456789}"#)
    }

    @Test func prettyLayoutIsTheSpecExampleLayout() throws {
        let tree = try read(#"{"a":[1,{"b":"x"}],"c":{},"d":[],"e":true,"f":null}"#)
        let pretty = String(decoding: JSONWriter.write(tree), as: UTF8.self)
        #expect(
            pretty == """
                {
                  "a": [
                    1,
                    {
                      "b": "x"
                    }
                  ],
                  "c": {},
                  "d": [],
                  "e": true,
                  "f": null
                }

                """)
        #expect(JSONWriter.write(try JSONReader.read(Array(pretty.utf8))) == Array(pretty.utf8))
    }

    @Test func decodesEscapesLazilyAndKeepsThemOnWrite() throws {
        let tree = try read(#"{"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00\u5f20"}"#)
        #expect(tree["s"]?.stringValue == "a\"b\\c/d\né😀张")
        #expect(String(decoding: JSONWriter.write(tree, style: .compact), as: UTF8.self).contains(#"\u00e9"#))
        #expect(JSONString("a\"b\n").value == "a\"b\n")
        #expect(try read(#"{"k": "\u00e9"}"#) == read(#"{"k": "é"}"#))
    }

    @Test func acceptsByteOrderMark() throws {
        let tree = try JSONReader.read([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))
        #expect(tree["a"]?.numberText == "1")
    }

    @Test(arguments: [
        "01", "-01", "+1", ".5", "5.", "1.e5", "1e", "NaN", "Infinity", "-Infinity", "0x10", "1.5.5", "--1", "-",
    ])
    func rejectsNumbersFHIRDoesNotAllow(_ number: String) {
        #expect(error(#"{"a": \#(number)}"#)?.code == .invalidNumber, "\(number)")
    }

    @Test func rejectsDuplicateKeysWithPath() {
        let found = error(#"{"resourceType":"Patient","name":[{"given":["a"],"given":["b"]}]}"#)
        #expect(found?.code == .duplicateKey)
        #expect(found?.location.path == "Patient.name[0].given")
        #expect(found?.issueCode == "HI-FHIR-0008")
        // Escaped spelling of the same name is the same name; big objects use a set.
        #expect(error(#"{"ab": 1, "a\u0062": 2}"#)?.code == .duplicateKey)
        let many = (0..<200).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        #expect(error("{\(many), \"k150\": 0}")?.code == .duplicateKey)
        #expect(error("{\(many)}") == nil)
    }

    @Test func rejectsLoneSurrogates() {
        #expect(error(#"{"a": "\ud800"}"#)?.code == .loneSurrogate)
        #expect(error(#"{"a": "\udc00x"}"#)?.code == .loneSurrogate)
        #expect(error(#"{"a": "\ud800\u0041"}"#)?.code == .loneSurrogate)
        #expect(error(#"{"a": "\ud83d\ude00"}"#) == nil)
    }

    @Test func rejectsInvalidUTF8AndControlCharacters() {
        for bytes: [UInt8] in [
            [0xC3, 0x28], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
        ] {
            let input = Array(#"{"a": ""#.utf8) + bytes + Array(#""}"#.utf8)
            #expect(throws: FHIRError.invalidUTF8) { try JSONReader.read(input) }
        }
        #expect(error("{\"a\": \"x\ty\"}")?.code == .controlCharacterInString)
        #expect(error(#"{"a": "\x"}"#)?.code == .invalidEscape)
        #expect(error(#"{"a": "\u12"}"#)?.code == .invalidEscape)
    }

    @Test func rejectsTrailingContentAndTruncation() {
        #expect(error(#"{"a": 1} x"#)?.code == .trailingContent)
        #expect(error(#"{"a": 1}{"b": 2}"#)?.code == .trailingContent)
        #expect(error(#"{"a": [1, 2"#)?.code == .unexpectedEnd)
        #expect(error(#"{"a": tru}"#)?.code == .unexpectedByte)
        #expect(error(#"{"a" 1}"#)?.code == .unexpectedByte)
        #expect(error(#"{"a": 1,}"#)?.code == .unexpectedByte)
        #expect(error("")?.code == .unexpectedEnd)
    }

    @Test func errorsCarryLineColumnAndPath() throws {
        let text = "{\n  \"resourceType\": \"Observation\",\n  \"valueQuantity\": {\n    \"value\": 05\n  }\n}"
        let found = try #require(error(text))
        #expect(found.code == .invalidNumber)
        #expect(found.location.path == "Observation.valueQuantity.value")
        #expect(found.location.line == 4)
        #expect(found.location.column == 14)
        #expect(found.issueCode == "HI-FHIR-0007")
        #expect(!found.description.contains("05"))
    }

    @Test func depthLimit() {
        var options = FHIRDecodingOptions()
        options.maximumDepth = 10
        #expect(error(String(repeating: "[", count: 10) + String(repeating: "]", count: 10), options: options) == nil)
        #expect(
            error(String(repeating: "[", count: 11) + String(repeating: "]", count: 11), options: options)?.code
                == .tooDeep)
        // Hostile nesting far beyond the default never reaches the stack.
        #expect(error(String(repeating: "[", count: 100_000))?.code == .tooDeep)
        #expect(error(String(repeating: "{\"a\":", count: 100_000))?.code == .tooDeep)
    }

    @Test func sizeLimit() {
        var options = FHIRDecodingOptions()
        options.maximumInputBytes = 10
        #expect(error(#"{"a": "0123456789"}"#, options: options)?.code == .tooLarge)
    }

    @Test func neverCrashesOnTruncatedOrCorruptedInput() throws {
        var inputs = try SampleFiles.list("fhir/valid", extensions: ["json"]).map { try $0.bytes() }
        inputs.append(Array(#"{"a":"\ud83d\ude00\u00e9","b":[1.5e+3,-0,true,false,null,{}],"c":"张三"}"#.utf8))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var parsed = 0
        for input in inputs {
            // Every byte for small inputs; for the larger bundles every 5th (keeps the debug run short).
            for cut in stride(from: 0, to: input.count, by: input.count < 2500 ? 1 : 5) {
                if let tree = try? JSONReader.read(Array(input[..<cut])) {
                    parsed += 1
                    #expect(try JSONReader.read(JSONWriter.write(tree)) == tree)
                }
            }
            for _ in 0..<300 {
                var corrupted = input
                for _ in 0..<(1 + random(3)) {
                    corrupted[random(corrupted.count)] = UInt8(truncatingIfNeeded: random(256))
                }
                if let tree = try? JSONReader.read(corrupted) {
                    parsed += 1
                    #expect(try JSONReader.read(JSONWriter.write(tree, style: .compact)) == tree)
                    if let resource = try? FHIRResource(parsing: corrupted) {
                        _ = FHIRValidator().validate(resource, source: corrupted)
                    }
                }
            }
        }
        #expect(parsed > 0)
    }

    @Test func truncatesSmallSampleAtEveryByte() throws {
        let input = try #require(
            try SampleFiles.list("fhir/valid").first { $0.name.hasSuffix("condition-hypertension.json") }
        )
        .bytes()
        // Every byte for small inputs; for the larger bundles every 5th (keeps the debug run short).
        for cut in stride(from: 0, to: input.count, by: input.count < 2500 ? 1 : 5) {
            let result = Result { () throws(FHIRError) in try JSONReader.read(Array(input[..<cut])) }
            if case .success = result {
                // Only a cut after the closing brace (before the final newline) parses.
                #expect(cut >= input.count - 1)
            }
        }
    }
}

extension FHIRError {
    fileprivate static let invalidUTF8 = FHIRError(.invalidUTF8, "", at: .unknown)
}
