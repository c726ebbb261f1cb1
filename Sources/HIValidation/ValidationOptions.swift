public import HIModels

/// Options of a ``Validator``. The defaults suit production feeds.
///
/// ```swift
/// var options = ValidationOptions()
/// options.today = CalendarDate(year: 2026, month: 1, day: 1)!   // fixed date for reproducible runs
/// options.maximumIssuesPerRecord = 200
/// ```
public struct ValidationOptions: Sendable, Hashable {
    /// The date "in the future" is measured against (default: today in China, UTC+8).
    public var today: CalendarDate = .todayInChina()
    /// Most issues kept for one record; further ones are counted in one `HI-VAL-0001` issue. Protects
    /// memory against hostile records with millions of bad results.
    public var maximumIssuesPerRecord = 1000
    /// The time zone offset, in minutes east of UTC, assumed for timestamps written without one
    /// (default: China Standard Time, +08:00).
    public var defaultTimeZoneMinutes = 480

    /// Creates the default options.
    public init() {}
}
