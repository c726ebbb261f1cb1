/// Primary care on the regional platform: family-doctor contracts, chronic follow-ups, two-way referrals,
/// long prescriptions and mutual recognition of results (being built).
///
/// ```swift
/// print(HIPrimaryCareModule.name)
/// ```
public enum HIPrimaryCareModule {
    /// The module's name.
    public static let name = "HIPrimaryCare"
}
