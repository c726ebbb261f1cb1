/// One GB/T 2260 administrative division code with the name it had, its level and the revisions it
/// appears in. A code may have several entries when it was renamed or reused.
///
/// ```swift
/// let chongwen = TerminologyTables.builtIn.region(code: "110103")
/// print(chongwen?.name ?? "", chongwen?.isCurrent ?? true)   // 崇文区 false
/// print(chongwen?.lastRevision ?? "")                       // 200912
/// ```
public struct Region: Sendable, Hashable, CustomStringConvertible {
    /// The level of a division, read from the code's trailing zeros.
    ///
    /// ```swift
    /// print(Region.level(of: "420100"))  // prefecture
    /// ```
    public struct Level: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// 省级: `xx0000`.
        public static let province = Level(rawValue: "province")
        /// 地级: `xxxx00`.
        public static let prefecture = Level(rawValue: "prefecture")
        /// 县级: any other code.
        public static let county = Level(rawValue: "county")
        public var description: String { rawValue }
    }

    /// The six-digit code.
    public let code: String
    /// The name under this code in the revisions given.
    public let name: String
    /// Province, prefecture or county.
    public let level: Level
    /// The first revision (`YYYYMM`) the code appears in under this name.
    public let firstRevision: String
    /// The last revision (`YYYYMM`) the code appears in under this name.
    public let lastRevision: String
    /// `true` when the code is in the current list under this name.
    public let isCurrent: Bool

    /// Creates an entry.
    public init(
        code: String, name: String, level: Level, firstRevision: String, lastRevision: String, isCurrent: Bool
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.firstRevision = firstRevision
        self.lastRevision = lastRevision
        self.isCurrent = isCurrent
    }

    /// The level a six-digit code implies.
    public static func level(of code: String) -> Level {
        if code.hasSuffix("0000") { return .province }
        if code.hasSuffix("00") { return .prefecture }
        return .county
    }

    /// `2009-12`-style text for a `YYYYMM` revision.
    public static func formatRevision(_ revision: String) -> String {
        guard revision.utf8.count == 6 else { return revision }
        return String(revision.prefix(4)) + "-" + String(revision.suffix(2))
    }

    public var description: String {
        isCurrent
            ? "\(code) \(name)"
            : "\(code) \(name) (retired; \(Region.formatRevision(firstRevision))…\(Region.formatRevision(lastRevision)))"
    }
}
