import CLibXML2

/// Canonical XML (W3C C14N 1.0, with comments) through libxml2, for comparing two documents' infosets:
/// two inputs that canonicalize to the same bytes hold the same elements, attributes, text and order.
///
/// ```swift
/// let original = try XMLCanonicalizer.canonicalize(bytes)
/// let rewritten = try XMLCanonicalizer.canonicalize(XMLDocument(parsing: bytes).serialized())
/// print(original == rewritten)  // true
/// ```
public enum XMLCanonicalizer {
    /// The C14N form of `bytes`, parsed under the same safety rules as ``XMLDocument/init(parsing:options:)``.
    ///
    /// - Throws: ``XMLError`` when the input does not parse or libxml2 cannot canonicalize it.
    public static func canonicalize(_ bytes: [UInt8]) throws(XMLError) -> [UInt8] {
        try canonicalize(bytes, options: XMLParsingOptions())
    }

    /// The C14N form of `bytes`, read with `options`.
    public static func canonicalize(_ bytes: [UInt8], options: XMLParsingOptions) throws(XMLError) -> [UInt8] {
        try LibXML.withDocument(bytes, options: options) { (document, _) throws(XMLError) -> [UInt8] in
            var output: UnsafeMutablePointer<xmlChar>? = nil
            let count = xmlC14NDocDumpMemory(document, nil, Int32(XML_C14N_1_0.rawValue), nil, 1, &output)
            guard count >= 0, let output else {
                throw XMLError(.canonicalizationFailed, "libxml2 could not canonicalize the document")
            }
            defer { hi_xml_free(output) }
            return Array(UnsafeBufferPointer(start: output, count: Int(count)))
        }
    }
}
