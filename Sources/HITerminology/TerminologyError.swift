public import HICore

/// The one error type of `HITerminology`: a table that cannot be read, or a code that a crosswalk with the
/// ``UnmappedCodePolicy/fail`` policy cannot translate.
///
/// Equality compares only ``code``, so tests build the expected error directly. Messages name the table,
/// column and row, never a personal data value.
///
/// ```swift
/// do {
///     _ = try TerminologyTables.builtIn.translate("X", from: "hl7-0001", to: "gb-t-2261.1", policy: .fail)
/// } catch {
///     print(error.code == .unmappedCode)  // true
///     print(error.issueCode)              // HI-TERM-0005
/// }
/// ```
public struct TerminologyError: LocatedError, Hashable {
    /// What went wrong; a struct over a private enum so codes can be added without breaking clients.
    ///
    /// ```swift
    /// print(TerminologyError.Code.unmappedCode.issueCode)  // HI-TERM-0005
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case unknownCodeSystem, noCrosswalk, unmappedCode, unreadableTable, malformedTable, invalidCodeSystem
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A code system name, OID or URI that no table knows.
        public static let unknownCodeSystem = Code(.unknownCodeSystem)
        /// No table maps between the two code systems.
        public static let noCrosswalk = Code(.noCrosswalk)
        /// A code has no mapping and the crosswalk's policy is ``UnmappedCodePolicy/fail``.
        public static let unmappedCode = Code(.unmappedCode)
        /// A table file could not be read or is not UTF-8.
        public static let unreadableTable = Code(.unreadableTable)
        /// A table has no header, a row with the wrong number of cells, or no code column.
        public static let malformedTable = Code(.malformedTable)
        /// A row of `code-systems.tsv` has an invalid name, OID or URI.
        public static let invalidCodeSystem = Code(.invalidCodeSystem)

        /// The stable issue code (`HI-TERM-nnnn`).
        public var issueCode: IssueCode {
            switch base {
            case .unknownCodeSystem: "HI-TERM-0001"
            case .noCrosswalk: "HI-TERM-0002"
            case .unmappedCode: "HI-TERM-0005"
            case .unreadableTable: "HI-TERM-0010"
            case .malformedTable: "HI-TERM-0011"
            case .invalidCodeSystem: "HI-TERM-0012"
            }
        }

        public var description: String {
            switch base {
            case .unknownCodeSystem: "unknown code system"
            case .noCrosswalk: "no crosswalk"
            case .unmappedCode: "unmapped code"
            case .unreadableTable: "unreadable table"
            case .malformedTable: "malformed table"
            case .invalidCodeSystem: "invalid code system"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// Where: the table file, row (as `record`) and column (as `path`), or the caller's location.
    public let location: SourceLocation
    /// What was expected.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var issueCode: IssueCode { code.issueCode }
    public var description: String { "\(code.issueCode) \(code): \(reason) (\(location))" }

    public static func == (lhs: TerminologyError, rhs: TerminologyError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
