// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIV3` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIV3Module.name)
/// ```
public enum HIV3Module {
    /// The module name.
    public static let name = "HIV3"
}
