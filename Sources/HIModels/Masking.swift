import HICore

/// Masking helpers for the models' personal data (thin wrappers over ``HICore/PrivacyMask``), for logs,
/// errors and terminal output.
///
/// ```swift
/// print(Masking.identifier("420106196303129995"))  // 4201**********9995
/// print(Masking.phone("13812345678"))              // 138****5678
/// print(Masking.name("张三丰"))                     // 张**
/// ```
public enum Masking {
    /// Masks an identifier (keeps 4 + 4 characters of long values).
    public static func identifier(_ value: String) -> String { PrivacyMask.identifier(value) }
    /// Masks a phone number (keeps 3 + 4 digits).
    public static func phone(_ value: String) -> String { PrivacyMask.phone(value) }
    /// Masks a name (keeps the first character).
    public static func name(_ value: String) -> String { PrivacyMask.name(value) }
    /// Masks free text (keeps only its length).
    public static func text(_ value: String) -> String { PrivacyMask.text(value) }
    /// Masks an address: keeps the region code and hides the free text.
    public static func address(_ address: Address) -> String {
        (address.regionCode ?? "") + " " + PrivacyMask.text(address.text ?? "")
    }
}
