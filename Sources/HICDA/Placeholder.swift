// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HICDA` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HICDAModule.name)
/// ```
public enum HICDAModule {
    /// The module name.
    public static let name = "HICDA"
}
