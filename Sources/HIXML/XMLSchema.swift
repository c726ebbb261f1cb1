import CLibXML2
public import HICore

#if canImport(Glibc)
import Glibc
#endif

/// A compiled W3C XML Schema (XSD), loaded once from its root file and shared between threads: the
/// compiled schema is immutable, and every validation uses its own validation context and error capture.
/// Includes and imports are resolved relative to the root file (load it from its own folder).
///
/// ```swift
/// let schema = try XMLSchema(contentsOf: "../shared/corpus/cn/schemas/sdschemas/SDA.xsd")
/// let issues = schema.validate(documentBytes)
/// for issue in issues { print(issue) }  // error HI-XML-0010: … (/ClinicalDocument/recordTarget, line 14)
/// ```
public final class XMLSchema: @unchecked Sendable {
    // Immutable after init; libxml2 allows one compiled schema to be used by several validation contexts.
    private let schema: xmlSchemaPtr
    /// The root file the schema was loaded from.
    public let path: String

    /// Loads and compiles the schema whose root file is `path`.
    ///
    /// - Throws: ``XMLError/Code/schemaNotLoaded`` with libxml2's first message when it cannot be read.
    public init(contentsOf path: String) throws(XMLError) {
        _ = LibXML.initialized
        self.path = path
        guard access(path, R_OK) == 0 else {
            throw XMLError(.schemaNotLoaded, "cannot read the schema file", at: SourceLocation(file: path))
        }
        let sink = LibXML.Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        guard let parser = xmlSchemaNewParserCtxt(path) else {
            throw XMLError(.schemaNotLoaded, "cannot create a schema parser", at: SourceLocation(file: path))
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, Self.collect, unmanaged.toOpaque())
        guard let compiled = xmlSchemaParse(parser) else {
            let first = sink.captured.first
            throw XMLError(
                .schemaNotLoaded, "cannot load the schema: \(LibXML.sanitized(first?.message ?? "unreadable"))",
                at: SourceLocation(file: path, line: first.map(\.line)))
        }
        schema = compiled
    }

    /// Loads the schema whose root file is `rootFile` inside `directory` (includes resolve from there).
    ///
    /// ```swift
    /// let schema = try XMLSchema(directory: "../shared/corpus/cn/schemas/sdschemas", rootFile: "SDA.xsd")
    /// ```
    public convenience init(directory: String, rootFile: String) throws(XMLError) {
        let separator = directory.hasSuffix("/") ? "" : "/"
        try self.init(contentsOf: directory + separator + rootFile)
    }

    deinit { xmlSchemaFree(schema) }

    private static let collect: xmlStructuredErrorFunc = { userData, error in
        guard let userData else { return }
        Unmanaged<LibXML.Sink>.fromOpaque(userData).takeUnretainedValue().add(error)
    }

    /// Validates a document given as bytes; returns one issue per schema violation (code `HI-XML-0010`,
    /// with line and XPath-like path), or one fatal issue when the bytes do not parse. Empty when valid.
    public func validate(_ bytes: [UInt8]) -> [Issue] {
        validate(bytes, options: XMLParsingOptions())
    }

    /// Validates a document given as bytes, read with `options` (limits, lenient prefixes, file name).
    public func validate(_ bytes: [UInt8], options: XMLParsingOptions) -> [Issue] {
        do {
            return try LibXML.withDocument(bytes, options: options) { (document, _) throws(XMLError) -> [Issue] in
                validate(document: document, file: options.sourceName)
            }
        } catch {
            return [error.issue]
        }
    }

    /// Validates a value tree (written as UTF-8 first; lines refer to that written form).
    public func validate(_ document: XMLDocument) -> [Issue] {
        validate(document.serialized())
    }

    private func validate(document: xmlDocPtr, file: String?) -> [Issue] {
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            return [XMLError(.libraryFailure, "cannot create a validation context").issue]
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let sink = LibXML.Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        xmlSchemaSetValidStructuredErrors(context, Self.collect, unmanaged.toOpaque())
        let result = xmlSchemaValidateDoc(context, document)
        var issues = sink.captured.map { captured in
            Issue(
                captured.level == XML_ERR_WARNING ? .warning : .error, code: XMLError.Code.schemaViolation.issueCode,
                LibXML.sanitized(captured.message),
                at: SourceLocation(
                    file: file, path: LibXML.path(of: captured.node), line: captured.line > 0 ? captured.line : nil))
        }
        if result != 0 && !issues.containsErrors {
            issues.append(
                Issue(.error, code: XMLError.Code.schemaViolation.issueCode, "the document does not match the schema"))
        }
        return issues
    }
}
