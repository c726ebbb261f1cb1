import HICore
import HIXML
import Testing

@Suite("XML parsing")
struct XMLParsingTests {
    static let sample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <?xml-stylesheet type="text/xsl" href="cda.xsl"?>
        <!-- before the root -->
        <ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <title>检验报告 &amp; 结果</title>
          <component>
            <structuredBody>
              <component><section><code code="A"/></section></component>
              <component><section><code code="B"/><text>a <content>mixed</content> text<![CDATA[<raw>]]></text></section></component>
            </structuredBody>
          </component>
          <value xsi:type="PQ" value="5.6" unit="mmol/L"/>
        </ClinicalDocument>
        """

    @Test func readsNamespacesAttributesLinesAndProlog() throws {
        let document = try XMLDocument(parsing: Array(Self.sample.utf8))
        #expect(document.declaration == XMLDeclaration(version: "1.0", encoding: "UTF-8"))
        #expect(document.prolog.count == 2)
        #expect(
            document.prolog.first
                == .processingInstruction(target: "xml-stylesheet", data: #"type="text/xsl" href="cda.xsl""#))
        #expect(document.prolog.last == .comment(" before the root "))
        let root = document.root
        #expect(root.localName == "ClinicalDocument")
        #expect(root.namespaceURI == "urn:hl7-org:v3")
        #expect(root.prefix == nil)
        #expect(root.namespaceDeclarations.map(\.prefix) == [nil, "xsi"])
        #expect(root.line == 4)
        #expect(root.firstChild("title")?.text == "检验报告 & 结果")
        #expect(root.firstChild("title")?.line == 5)
        let value = try #require(root.firstChild("value"))
        #expect(value.attributes.map(\.qualifiedName) == ["xsi:type", "value", "unit"])
        #expect(value.attribute("type", namespace: XMLNamespaceDeclaration.xsi) == "PQ")
        #expect(value.attribute("unit") == "mmol/L")
        let text = try #require(
            document.element(at: "/ClinicalDocument/component/structuredBody/component[2]/section/text"))
        #expect(text.textContent == "a mixed text<raw>")
        #expect(text.children.last == .cdata("<raw>"))
    }

    @Test func pathsNameEveryElement() throws {
        let document = try XMLDocument(parsing: Array(Self.sample.utf8))
        var paths: [String] = []
        document.forEachElement { _, path in paths.append(path) }
        #expect(paths.contains("/ClinicalDocument/component/structuredBody/component[2]/section"))
        #expect(paths.contains("/ClinicalDocument/component/structuredBody/component[1]/section/code"))
        for path in paths { #expect(document.element(at: path) != nil, "\(path)") }
    }

    @Test func everyNodeHasAPath() throws {
        let document = try XMLDocument(parsing: Array("<a>x<!--c--><b/>y<b><?p d?></b></a>".utf8))
        var paths: [String] = []
        document.forEachNode { _, path in paths.append(path) }
        #expect(
            paths == [
                "/a", "/a/text()[1]", "/a/comment()[1]", "/a/b[1]", "/a/text()[2]", "/a/b[2]",
                "/a/b[2]/processing-instruction()[1]",
            ])
    }

    @Test func writesAndReadsBackTheSameTree() throws {
        let bytes = Array(Self.sample.utf8)
        let document = try XMLDocument(parsing: bytes)
        let written = document.serialized()
        let again = try XMLDocument(parsing: written)
        #expect(again == document)
        #expect(try XMLCanonicalizer.canonicalize(written) == XMLCanonicalizer.canonicalize(bytes))
    }

    @Test func prettyPrintingKeepsMixedContent() throws {
        let document = try XMLDocument(parsing: Array("<a><b>  <c/> </b><p>x <i>y</i> z</p><s> </s></a>".utf8))
        var options = XMLWritingOptions()
        options.indentation = .pretty(spaces: 2)
        let text = String(decoding: try document.serialized(options: options), as: UTF8.self)
        #expect(text == "<a>\n  <b>\n    <c/>\n  </b>\n  <p>x <i>y</i> z</p>\n  <s> </s>\n</a>\n")
    }

    @Test func elementsBuiltInCodeGetTheDeclarationsTheyNeed() throws {
        var root = try XMLDocument(
            parsing: Array(#"<v3:doc xmlns:v3="urn:hl7-org:v3"><v3:a/></v3:doc>"#.utf8)
        ).root
        var added = XMLElement("value", namespaceURI: "urn:hl7-org:v3")
        added.setAttribute("type", prefix: "xsi", namespace: XMLNamespaceDeclaration.xsi, "PQ")
        root.children.append(.element(added))
        root.children.append(.element(XMLElement("plain")))
        let written = XMLDocument(root: root, declaration: nil).serialized()
        let again = try XMLDocument(parsing: written)
        let value = try #require(again.root.firstChild("value"))
        #expect(value.namespaceURI == "urn:hl7-org:v3")
        #expect(value.attribute("type", namespace: XMLNamespaceDeclaration.xsi) == "PQ")
        #expect(again.root.firstChild("plain")?.namespaceURI == nil)
        #expect(again.root.firstChild("a")?.prefix == "v3")
    }

    @Test func escapesSpecialCharactersOnWrite() throws {
        var root = XMLElement("a")
        root.setAttribute("v", "1 < 2 & \"3\"\n")
        root.text = "x < y & z > w\r"
        let bytes = XMLDocument(root: root, declaration: nil).serialized()
        let again = try XMLDocument(parsing: bytes)
        #expect(again.root == root)
    }

    @Test func decodesGB18030AndWritesIt() throws {
        let text = #"<?xml version="1.0" encoding="GB18030"?><name>张三丰</name>"#
        let bytes = try Charset.gb18030.encode(text)
        let document = try XMLDocument(parsing: bytes)
        #expect(document.root.text == "张三丰")
        #expect(document.declaration?.encoding == "GB18030")
        var options = XMLWritingOptions()
        options.encoding = .gb18030
        let written = try document.serialized(options: options)
        #expect(written.starts(with: Array(#"<?xml version="1.0" encoding="GB18030"?>"#.utf8)))
        #expect(try XMLDocument(parsing: written).root.text == "张三丰")
    }

    @Test func decodesGBKAndUTF16() throws {
        let gbk = try Charset.gbk.encode(#"<?xml version="1.0" encoding="GBK"?><n>李四</n>"#)
        #expect(try XMLDocument(parsing: gbk).root.text == "李四")
        let utf16 = [0xFF, 0xFE] + (try Charset.utf16LE.encode(#"<?xml version="1.0" encoding="UTF-16"?><n>王五</n>"#))
        #expect(try XMLDocument(parsing: utf16).root.text == "王五")
        var options = XMLWritingOptions()
        options.encoding = .utf16BE
        let written = try XMLDocument(parsing: utf16).serialized(options: options)
        #expect(try XMLDocument(parsing: written).root.text == "王五")
    }

    @Test func invalidBytesInTheDeclaredEncodingAreALocatedError() {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<a>".utf8)
        bytes += [0xFF, 0xFF]
        bytes += Array("</a>".utf8)
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: bytes) }
        #expect(error?.code == .unsupportedEncoding)
        #expect(error?.location.byteOffset == 44)
        #expect(error?.location.line == 2)
        let ascii = Array("<?xml version='1.0' encoding='US-ASCII'?><a>\u{E9}</a>".utf8)
        #expect(throws: XMLError.self) { try XMLDocument(parsing: ascii) }
    }

    @Test func declaredEncodingIsReadFromTheDeclaration() throws {
        let bytes = try Charset.gbk.encode("<?xml version='1.0' encoding='gb2312' standalone='yes'?><a>中文</a>")
        let document = try XMLDocument(parsing: bytes)
        #expect(document.declaration == XMLDeclaration(version: "1.0", encoding: "gb2312", standalone: true))
        #expect(document.root.text == "中文")
        #expect(try XMLDocument(parsing: document.serialized()) == document)
    }

    @Test func brokenXMLGivesALocatedError() {
        let bytes = Array("<a>\n  <b>\n</a>".utf8)
        #expect {
            try XMLDocument(parsing: bytes)
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            return error.code == .notWellFormed && error.location.line == 3 && error.issueCode == "HI-XML-0001"
        }
    }

    @Test func undeclaredPrefixIsAnErrorUnlessAllowed() throws {
        let bytes = Array("<a>\n<value xsi:type=\"PQ\" value=\"1\"/></a>".utf8)
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: bytes) }
        #expect(error?.code == .undeclaredNamespacePrefix)
        #expect(error?.location.line == 2)
        var options = XMLParsingOptions()
        options.allowsUndeclaredPrefixes = true
        let document = try XMLDocument(parsing: bytes, options: options)
        let value = try #require(document.root.firstChild("value"))
        #expect(value.attributes.first?.qualifiedName == "xsi:type")
        #expect(try XMLDocument(parsing: document.serialized(), options: options) == document)
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: XMLError.self) { try XMLDocument(parsing: []) }
        #expect(throws: XMLError.self) { try XMLDocument(parsing: Array("   ".utf8)) }
    }

    @Test func messagesDoNotRepeatValues() {
        let bytes = Array(#"<a><b>420106196303129995</c></a>"#.utf8)
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: bytes) }
        #expect(error?.description.contains("420106196303129995") == false)
    }
}

@Suite("XML locations")
struct XMLLocationTests {
    @Test func errorPathsCountConvertedSiblings() {
        var options = XMLParsingOptions()
        options.maximumTextBytes = 5
        let text = "<r>\n<s><a>1</a></s>\n<s><a>2</a><a>123456</a></s>\n<s/></r>"
        let error = #expect(throws: XMLError.self) { try XMLDocument(parsing: Array(text.utf8), options: options) }
        #expect(error?.code == .textTooLarge)
        #expect(error?.location.path == "/r/s[2]/a[2]")
        #expect(error?.location.line == 3)
    }

    @Test func linesPast65535AreKept() throws {
        var text = "<r>"
        text += String(repeating: "\n", count: 70_000)
        text += "<late>x</late></r>"
        let document = try XMLDocument(parsing: Array(text.utf8))
        #expect(document.root.firstChild("late")?.line == 70_001)
    }
}
