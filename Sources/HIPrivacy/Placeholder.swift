// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIPrivacy` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIPrivacyModule.name)
/// ```
public enum HIPrivacyModule {
    /// The module name.
    public static let name = "HIPrivacy"
}
