// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIFHIR` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIFHIRModule.name)
/// ```
public enum HIFHIRModule {
    /// The module name.
    public static let name = "HIFHIR"
}
