// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIValidation` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIValidationModule.name)
/// ```
public enum HIValidationModule {
    /// The module name.
    public static let name = "HIValidation"
}
