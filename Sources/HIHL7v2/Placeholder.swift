// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIHL7v2` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIHL7v2Module.name)
/// ```
public enum HIHL7v2Module {
    /// The module name.
    public static let name = "HIHL7v2"
}
