import HICore
import HIXML
import Testing

/// Hostile inputs are refused quickly, with a clear error and without memory blow-up.
@Suite("Hostile XML")
struct HostileXMLTests {
    private func expectRefused(
        _ bytes: [UInt8], _ code: XMLError.Code, options: XMLParsingOptions = XMLParsingOptions(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: XMLError.self, sourceLocation: sourceLocation) {
            try XMLDocument(parsing: bytes, options: options)
        }
        #expect(error?.code == code, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(clock.now - start < .seconds(3), sourceLocation: sourceLocation)
    }

    @Test func billionLaughsIsRefused() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += " <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        text += "]>\n<lolz>&lol9;</lolz>"
        expectRefused(Array(text.utf8), .entityDeclarationRefused)
    }

    @Test func externalEntityIsRefused() {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <foo>&xxe;</foo>
            """
        expectRefused(Array(text.utf8), .entityDeclarationRefused)
        let parameter = """
            <?xml version="1.0"?>
            <!DOCTYPE foo [ <!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote; ]>
            <foo/>
            """
        expectRefused(Array(parameter.utf8), .entityDeclarationRefused)
    }

    @Test func externalDTDIsNotLoaded() throws {
        let text = #"<?xml version="1.0"?><!DOCTYPE foo SYSTEM "file:///etc/passwd"><foo>x</foo>"#
        let document = try XMLDocument(parsing: Array(text.utf8))
        #expect(document.root.text == "x")
        #expect(document.doctype == XMLDoctype(name: "foo", publicID: nil, systemID: "file:///etc/passwd"))
    }

    @Test func undefinedEntityIsAnError() {
        expectRefused(Array("<a>&nbsp;</a>".utf8), .notWellFormed)
        // With an external DTD named (never loaded) libxml2 keeps the reference; it is refused as well.
        expectRefused(Array(#"<!DOCTYPE a SYSTEM "x.dtd"><a>&foo;</a>"#.utf8), .notWellFormed)
        expectRefused(Array(#"<!DOCTYPE a SYSTEM "x.dtd"><a b="x&foo;y"/>"#.utf8), .notWellFormed)
    }

    @Test func tenThousandDeepNestingIsRefused() {
        let depth = 10_000
        let bytes = Array((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8)
        expectRefused(bytes, .tooDeep)
    }

    @Test func ownDepthLimitIsApplied() {
        var options = XMLParsingOptions()
        options.maximumDepth = 10
        let bytes = Array((String(repeating: "<a>", count: 11) + String(repeating: "</a>", count: 11)).utf8)
        expectRefused(bytes, .tooDeep, options: options)
    }

    @Test func hugeTextNodeIsRefused() {
        // 12 MB of text in one node: over libxml2's 10,000,000-byte text limit.
        var bytes = Array("<a>".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 12_000_000)
        bytes.append(contentsOf: Array("</a>".utf8))
        expectRefused(bytes, .textTooLarge)
    }

    @Test func ownTextLimitIsApplied() {
        var options = XMLParsingOptions()
        options.maximumTextBytes = 1000
        let bytes = Array(("<a>" + String(repeating: "y", count: 2000) + "</a>").utf8)
        expectRefused(bytes, .textTooLarge, options: options)
    }

    @Test func inputOverTheSizeLimitIsRefusedBeforeParsing() {
        var options = XMLParsingOptions()
        options.maximumInputBytes = 1 << 20
        // Claims a gigabyte-sized text node: refused on size alone, before libxml2 reads it.
        let bytes = Array("<a>".utf8) + [UInt8](repeating: UInt8(ascii: "z"), count: 2 << 20)
        expectRefused(bytes, .inputTooLarge, options: options)
    }

    @Test func attributeFloodIsRefusedBeforeLibxml2() {
        // libxml2 2.9 checks attributes pairwise: 200,000 of them on one element take minutes there.
        var text = "<?xml version=\"1.0\"?>\n<!-- <a x='1'> --><r><a"
        for index in 0..<200_000 { text += " a\(index)=\"1\"" }
        text += "/></r>"
        expectRefused(Array(text.utf8), .tooManyAttributes)
        let utf16 = [0xFF, 0xFE] + ((try? Charset.utf16LE.encode(text)) ?? [])
        expectRefused(utf16, .tooManyAttributes)
    }

    @Test func namespaceFloodIsRefused() {
        var text = "<r>"
        for index in 0..<2000 { text += "<e xmlns:p\(index)=\"urn:x:\(index)\">" }
        text += String(repeating: "</e>", count: 2000) + "</r>"
        var options = XMLParsingOptions()
        options.maximumDepth = 5000
        expectRefused(Array(text.utf8), .tooManyAttributes, options: options)
    }

    @Test func ordinaryTagsAndTrickyContentPassTheAttributeScan() throws {
        let text = #"<a x="1>2" y='=='><!-- = = = --><![CDATA[<b c="1">]]><?p a=b?><c d="e"/></a>"#
        var options = XMLParsingOptions()
        options.maximumAttributesPerElement = 2
        let document = try XMLDocument(parsing: Array(text.utf8), options: options)
        #expect(document.root.attribute("x") == "1>2")
    }

    @Test func truncatedAndBinaryInputDoNotCrash() {
        let inputs: [[UInt8]] = [
            Array("<".utf8), Array("<a".utf8), Array("<a b='".utf8), [0x00, 0x3C, 0x61], [0xFF, 0xFE, 0x3C],
            Array("<?xml version='1.0' encoding='NO-SUCH-ENCODING'?><a/>".utf8),
            [0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E],
        ]
        for input in inputs {
            #expect(throws: XMLError.self) { try XMLDocument(parsing: input) }
        }
    }
}

@Suite("XML concurrency")
struct XMLConcurrencyTests {
    /// Eight tasks at once, each parsing good and bad documents repeatedly: every task sees exactly its own
    /// error (at its own line), never another task's.
    @Test func errorsAreCapturedPerCall() async throws {
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for task in 0..<8 {
                group.addTask {
                    var allRight = true
                    for round in 0..<50 {
                        let badLine = 2 + (task + round) % 7
                        var text = "<root>\n"
                        for line in 2..<12 {
                            text += line == badLine ? "<b></c>\n" : "<e n='\(line)'/>\n"
                        }
                        text += "</root>"
                        let good = "<ok task='\(task)'><x>\(round)</x></ok>"
                        do {
                            let document = try XMLDocument(parsing: Array(good.utf8))
                            allRight = allRight && document.root.attribute("task") == String(task)
                        } catch {
                            allRight = false
                        }
                        do throws(XMLError) {
                            _ = try XMLDocument(parsing: Array(text.utf8))
                            allRight = false
                        } catch {
                            allRight = allRight && error.code == .notWellFormed && error.location.line == badLine
                        }
                    }
                    return (task, allRight)
                }
            }
            var collected: [(Int, Bool)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 8)
        for (task, allRight) in results { #expect(allRight, "task \(task)") }
    }
}
