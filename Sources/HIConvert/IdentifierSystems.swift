public import HIModels
public import HITerminology

/// The identifier-system table (`Mappings/identifier-systems.tsv`): each identifier kind with its HL7 v2
/// CX.5 type code (table 0203), its OID root and its FHIR `Identifier.system`.
///
/// ```swift
/// let systems = IdentifierSystems(tables: .builtIn)
/// print(systems.fhirSystem(for: .residentIDCard) ?? "")   // urn:oid:2.16.156.10011.1.3
/// print(systems.kind(forFHIRSystem: "urn:oid:2.16.156.10011.1.3") ?? .other)  // residentIDCard
/// ```
public struct IdentifierSystems: Sendable, Hashable {
    /// One row of the table.
    ///
    /// ```swift
    /// let row = IdentifierSystems(tables: .builtIn).row(for: .residentIDCard)
    /// print(row?.v2Type ?? "")   // NNCHN
    /// ```
    public struct Row: Sendable, Hashable {
        /// The identifier kind.
        public var kind: Identifier.Kind
        /// The HL7 v2 CX.5 identifier type code, when one applies.
        public var v2Type: String?
        /// The OID root, when one is known.
        public var oid: String?
        /// The FHIR system URI (`urn:oid:<oid>` when an OID is known).
        public var fhirSystem: String
    }

    /// The table's name in the terminology tables.
    public static let tableName = "identifier-systems"

    /// The table of the built-in terminology tables, read once.
    static let builtIn = IdentifierSystems(tables: .builtIn)

    /// The rows, in table order.
    public let rows: [Row]

    /// Reads the table `identifier-systems` from `tables` (no rows when it is absent).
    public init(tables: TerminologyTables) {
        guard let table = tables.table(named: Self.tableName) else {
            rows = []
            return
        }
        var rows: [Row] = []
        for row in table.rows {
            guard let kind = table.value(row, "kind"), !kind.isEmpty else { continue }
            let oid = table.value(row, "oid").flatMap { $0.isEmpty ? nil : $0 }
            let uri = table.value(row, "uri").flatMap { $0.isEmpty ? nil : $0 }
            guard let system = oid.map({ "urn:oid:" + $0 }) ?? uri else { continue }
            rows.append(
                Row(
                    kind: Identifier.Kind(rawValue: kind),
                    v2Type: table.value(row, "hl7-0203").flatMap { $0.isEmpty ? nil : $0 }, oid: oid,
                    fhirSystem: system))
        }
        self.rows = rows
    }

    /// The first row for `kind`.
    public func row(for kind: Identifier.Kind) -> Row? { rows.first { $0.kind == kind } }

    /// The FHIR system of `kind`.
    public func fhirSystem(for kind: Identifier.Kind) -> String? { row(for: kind)?.fhirSystem }

    /// The kind whose FHIR system (or `urn:oid:` form of its OID) is `system`.
    public func kind(forFHIRSystem system: String) -> Identifier.Kind? {
        rows.first { $0.fhirSystem == system || ($0.oid.map { "urn:oid:" + $0 } == system) }?.kind
    }

    /// The kind whose OID is `oid`.
    public func kind(forOID oid: String) -> Identifier.Kind? { rows.first { $0.oid == oid }?.kind }

    /// The kind of an HL7 v2 CX.5 type, when the type names exactly one kind.
    public func kind(forV2Type type: String) -> Identifier.Kind? {
        let matches = rows.filter { $0.v2Type == type }
        return matches.count == 1 ? matches[0].kind : nil
    }
}
