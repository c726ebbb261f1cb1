// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HITerminology` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HITerminologyModule.name)
/// ```
public enum HITerminologyModule {
    /// The module name.
    public static let name = "HITerminology"
}
