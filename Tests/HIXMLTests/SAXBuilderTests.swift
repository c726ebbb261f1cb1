import HICore
import HITestSupport
import Testing

@testable import HIXML

/// The SAX2 tree builder behind `XMLDocument(parsing:)` gives what libxml2's DOM converted by
/// `TreeConverter` gives: the same tree and lines, the same errors at the same places, on every sample and
/// corpus file and on edge cases written for the differences between the two paths.
@Suite("XML SAX2 builder")
struct SAXBuilderTests {
    static let files: [SampleFile] =
        ((try? SampleFiles.listFiles(under: SampleFiles.samplesRoot, extensions: ["xml"])) ?? [])
        + SharedCorpus.files("cda", extensions: ["xml", "xsd"])
        + SharedCorpus.files("cn", extensions: ["xml", "xsd", "ftl"])

    static let edgeCases: [String] = [
        #"<a x="1 &amp; 2" y='&#38;&lt;&#x26;' z="&quot;&apos;&#60;"/>"#,
        "<a x=\"tab\there\nline\"/>",
        "<a>one &amp; two &#x4E2D; <![CDATA[x]]><![CDATA[]]>tail<!--c--><?pi data?><?empty?></a>",
        "<?xml version=\"1.0\" standalone=\"yes\"?>\n<!--before--><?style x?>\n<r/>\n<!--after-->",
        "<?xml version='1.0' encoding='UTF-8'?><!DOCTYPE r [<!ELEMENT r ANY><!--in subset--><?pi in?>]><r/>",
        #"<!DOCTYPE r [<!ATTLIST r d CDATA "default" t NMTOKENS #IMPLIED>]><r t="  a   b  "/>"#,
        #"<!DOCTYPE r PUBLIC "-//x//y" "http://example.invalid/r.dtd"><r>&undeclared;</r>"#,
        #"<r xmlns="urn:a" xmlns:b="urn:b" xmlns:xml="http://www.w3.org/XML/1998/namespace" b:x="1" xml:lang="zh"><b:c xmlns=""/></r>"#,
        #"<r><p:x q:y="1"/></r>"#,
        "<r>\n<s><a>1</a></s>\n<s><a>2</a><a>123456</a></s>\n<s/></r>",
        "<r><s/><s><t/><u v=\"1234567\"/><t/></s><s/></r>",
        "<r><!--1234567--></r>",
        "<!--1234567--><r/>",
        "<r><a><b><c><d><e><f/></e></d></c></b></a><a/></r>",
        "<r><a><b><c><d><e>\(String(repeating: "x", count: 4))</e></d></c></b></a></r>",
        "<r>text<a/>more</r><!--late-->",
        "<r><a></b></r>",
        "<r>&#0;</r>",
        "",
        "   ",
        "<r/><r/>",
        "<r>a<![CDATA[]]>b<![CDATA[c]]>d</r>",
        "<r><![CDATA[x]]><![CDATA[y]]><![CDATA[]]>t<![CDATA[]]></r>",
        "<r><![CDATA[12]]><![CDATA[345]]><![CDATA[67]]></r>",
        "<r>\(String(repeating: "\u{4E2D}", count: 400))</r>",
    ]

    @Test(arguments: files)
    func fileGivesTheSameTreeOrError(_ file: SampleFile) throws {
        let bytes = try file.bytes()
        for lenient in [false, true] {
            var options = XMLParsingOptions()
            options.allowsUndeclaredPrefixes = lenient
            options.sourceName = file.name
            try Self.compare(bytes, options: options, file.name)
        }
    }

    @Test(arguments: edgeCases.indices)
    func edgeCaseGivesTheSameTreeOrError(_ index: Int) throws {
        let bytes = Array(Self.edgeCases[index].utf8)
        for (lenient, textLimit, depthLimit) in [(false, 10_000_000, 256), (true, 5, 4), (true, 6, 5)] {
            var options = XMLParsingOptions()
            options.allowsUndeclaredPrefixes = lenient
            options.maximumTextBytes = textLimit
            options.maximumDepth = depthLimit
            try Self.compare(bytes, options: options, "case \(index), text limit \(textLimit)")
        }
    }

    @Test func attributeAmpersandsAreDecodedOnce() throws {
        let document = try XMLDocument(parsing: Array(#"<a x="1 &amp; 2 &amp;amp; &#38;#38;"/>"#.utf8))
        #expect(document.root.attribute("x") == "1 & 2 &amp; &#38;")
    }

    @Test func namesAreSharedAcrossOccurrences() throws {
        var text = "<r xmlns='urn:hl7-org:v3'>"
        for index in 0..<2_000 { text += "<component n='\(index)'><section/></component>" }
        text += "</r>"
        let document = try XMLDocument(parsing: Array(text.utf8))
        #expect(document.root.children.count == 2_000)
        #expect(document.root.children.last?.element?.localName == "component")
        #expect(document.root.children.last?.element?.namespaceURI == "urn:hl7-org:v3")
        #expect(document.root.children.last?.element?.attribute("n") == "1999")
    }

    static func compare(_ bytes: [UInt8], options: XMLParsingOptions, _ label: String) throws {
        let sax = Result { () throws(XMLError) in try XMLDocument(parsing: bytes, options: options) }
        let dom = Result { () throws(XMLError) in try XMLDocument(parsingThroughDOM: bytes, options: options) }
        switch (sax, dom) {
        case (.success(let built), .success(let converted)):
            #expect(built == converted, "\(label)")
            #expect(lines(built.root) == lines(converted.root), "\(label)")
        case (.failure(let built), .failure(let converted)):
            #expect(built.code == converted.code, "\(label): \(built) vs \(converted)")
            #expect(built.location.path == converted.location.path, "\(label): \(built) vs \(converted)")
            #expect(built.location.line == converted.location.line, "\(label): \(built) vs \(converted)")
            #expect(built.reason == converted.reason, "\(label)")
        case (.success, .failure(let error)):
            Issue.record("\(label): the SAX2 builder accepted what the DOM path refused: \(error)")
        case (.failure(let error), .success):
            Issue.record("\(label): the SAX2 builder refused what the DOM path accepted: \(error)")
        }
    }

    /// Every element's line, in document order.
    static func lines(_ element: XMLElement) -> [Int?] {
        var result = [element.line]
        for child in element.children {
            if case .element(let inner) = child { result += lines(inner) }
        }
        return result
    }
}
