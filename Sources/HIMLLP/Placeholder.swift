// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIMLLP` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIMLLPModule.name)
/// ```
public enum HIMLLPModule {
    /// The module name.
    public static let name = "HIMLLP"
}
