/// Limits and policies for reading XML. The defaults suit production feeds and refuse hostile input.
///
/// ```swift
/// var options = XMLParsingOptions()
/// options.maximumDepth = 64
/// options.allowsUndeclaredPrefixes = true  // read C-CDA snippets that use xsi: without declaring it
/// let document = try XMLDocument(parsing: bytes, options: options)
/// ```
public struct XMLParsingOptions: Sendable {
    /// Largest input accepted, in bytes (checked before libxml2 sees the input).
    public var maximumInputBytes = 64 << 20
    /// Deepest element nesting accepted. libxml2 itself stops at 256 levels (without `XML_PARSE_HUGE`,
    /// which this module never sets), so larger values act as 256.
    public var maximumDepth = 256
    /// Largest single text, CDATA, comment or attribute value accepted, in bytes. libxml2 itself stops at
    /// 10,000,000 bytes per text node.
    public var maximumTextBytes = 10_000_000
    /// Most attributes (namespace declarations included) accepted on one element. Checked by a linear scan
    /// before libxml2 sees the input: libxml2 2.9 compares attributes pairwise, so 200,000 attributes on
    /// one element would take minutes.
    public var maximumAttributesPerElement = 256
    /// Most namespace declarations (`xmlns`, `xmlns:p`) accepted in the whole document; libxml2 2.9 looks
    /// prefixes up linearly among the declarations in scope.
    public var maximumNamespaceDeclarations = 1024
    /// Accept a prefix used without a namespace declaration (`xsi:type` with no `xmlns:xsi`): the name
    /// is kept as written, with no namespace. When `false` (the default) such input is an error
    /// ``XMLError/Code/undeclaredNamespacePrefix`` located at the line and column of the first use.
    ///
    /// Published C-CDA examples and section/entry fragments often use `xsi:type` or `sdtc:` without the
    /// declaration: strict reading reports them; lenient reading (this flag, or `hix inspect` without
    /// `--strict`) keeps them as written so they can be inspected and written back unchanged.
    public var allowsUndeclaredPrefixes = false
    /// The name used in error locations (a file name), when known.
    public var sourceName: String? = nil

    /// The defaults.
    public init() {}
}
