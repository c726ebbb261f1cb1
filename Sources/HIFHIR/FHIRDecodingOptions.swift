public import HICore

/// Limits and policies for reading and validating FHIR R4 JSON. The defaults suit production feeds.
///
/// ```swift
/// var options = FHIRDecodingOptions()
/// options.maximumDepth = 32
/// let value = try JSONReader.read(Array(#"{"resourceType":"Patient"}"#.utf8), options: options)
/// ```
public struct FHIRDecodingOptions: Sendable, Hashable {
    /// Deepest object/array nesting accepted (clamped to 1…1000); protects the stack from hostile input.
    public var maximumDepth = 64
    /// Largest input (or NDJSON line) accepted, in bytes.
    public var maximumInputBytes = 64 << 20
    /// Most JSON values (objects, arrays, strings, numbers, literals) accepted in one input: the tree costs
    /// about 50 bytes per value, so this bounds the memory of a hostile input made of tiny values
    /// (`[0,0,0,…]`) to a few hundred megabytes while large Bundles still fit.
    public var maximumValues = 1 << 22
    /// Most significant digits a `decimal` may have before validation reports it (R4 follows XML Schema,
    /// whose processors must support 18 digits; servers reject more). `nil` turns the check off.
    public var maximumDecimalDigits: Int? = 18
    /// Severity of members the R4 definitions do not know (R4 forbids them, so `.error` by default).
    public var unknownElementSeverity: Severity = .error

    /// The defaults.
    public init() {}
}
