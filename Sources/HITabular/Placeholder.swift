// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HITabular` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HITabularModule.name)
/// ```
public enum HITabularModule {
    /// The module name.
    public static let name = "HITabular"
}
