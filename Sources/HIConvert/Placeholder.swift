// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIConvert` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIConvertModule.name)
/// ```
public enum HIConvertModule {
    /// The module name.
    public static let name = "HIConvert"
}
