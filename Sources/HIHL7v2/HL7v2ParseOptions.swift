public import HICore

/// How strictly HL7 v2 input is read, and the limits that protect against hostile input.
///
/// Lenient reading (the default) turns recoverable problems (invalid segment IDs, truncated escapes, NUL
/// bytes, bytes that do not fit the declared character set, escape and sub-component characters that
/// coincide, a non-ASCII encoding character) into warnings on ``HL7v2Message/issues``; strict reading
/// throws them as ``HL7v2Error``.
///
/// ```swift
/// var options = HL7v2ParseOptions()
/// options.strict = true
/// options.charset = .gb18030      // ignore MSH-18
/// let message = try HL7v2Message(parsing: bytes, options: options)
/// ```
public struct HL7v2ParseOptions: Sendable, Hashable {
    /// Throw recoverable problems instead of collecting them as warnings.
    public var strict = false
    /// Largest message accepted, in bytes (at most `Int32.max`).
    public var maximumMessageBytes = 64 << 20
    /// Most segments accepted in one message.
    public var maximumSegments = 1 << 20
    /// Most fields accepted in one segment.
    public var maximumFieldsPerSegment = 1 << 16
    /// Largest field accepted, in bytes: room for a base64 report in an `ED` field, not for a field that
    /// fills a hostile message. Checked only for segments larger than this, so it costs nothing otherwise.
    public var maximumFieldBytes = 32 << 20
    /// Most issues collected per message; further ones are counted in a last summary issue.
    public var maximumIssues = 100
    /// Character set to use instead of MSH-18, or `nil` to follow MSH-18.
    public var charset: Charset? = nil
    /// Character set used when MSH-18 is empty (HL7 says ASCII; feeds usually send UTF-8).
    public var defaultCharset: Charset = .utf8

    /// Lenient reading with the default limits.
    public init() {}

    /// Strict reading with the default limits.
    public static var strict: HL7v2ParseOptions {
        var options = HL7v2ParseOptions()
        options.strict = true
        return options
    }
}
