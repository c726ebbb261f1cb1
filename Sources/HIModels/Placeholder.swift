// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIModels` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIModelsModule.name)
/// ```
public enum HIModelsModule {
    /// The module name.
    public static let name = "HIModels"
}
