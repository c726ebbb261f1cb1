// Placeholder so the target builds before its issue lands; replaced by the module's real sources.

/// The `HIXML` module. Replace this placeholder with the module's sources.
///
/// ```swift
/// print(HIXMLModule.name)
/// ```
public enum HIXMLModule {
    /// The module name.
    public static let name = "HIXML"
}
