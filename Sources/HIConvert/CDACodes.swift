import HICDA
import HICore
import HIModels
import HITerminology

/// Codes and identifiers between CDA data types (`CD`, `II`, `PQ`) and the models: code systems by OID ↔ the
/// terminology tables' system names, crosswalks to the national value domains, identifier roots ↔ kinds.
struct CDACodes {
    let options: ConversionOptions
    /// Issues met on the way (terminology misses).
    var issues: [Issue] = []

    init(options: ConversionOptions) { self.options = options }

    // MARK: Code systems

    /// The model's system name for a CDA code system OID (the OID itself when the tables do not know it).
    func systemName(forOID oid: String?) -> String {
        guard let oid, !oid.isEmpty else { return "" }
        return options.terminology.codeSystems.first { $0.oid == oid }?.name ?? oid
    }

    /// The OID for a model system name (the name itself when it is already an OID; nil otherwise).
    func oid(forSystem system: String) -> String? {
        if system.isEmpty { return nil }
        if let known = options.terminology.codeSystems.first(where: { $0.name == system }) { return known.oid }
        return CodeSystem.isValidOID(system) ? system : nil
    }

    /// A CDA coded value as a model value.
    func model(_ value: CD?) -> CodedValue? {
        guard let value, value.code != nil || value.displayName != nil || value.originalText != nil else { return nil }
        return CodedValue(
            system: systemName(forOID: value.codeSystem), code: value.code ?? "", display: value.displayName,
            originalText: value.originalText,
            translations: value.translations.compactMap { model($0) })
    }

    /// A model coded value as a CDA `CD`, first translated into `target` (a system name) when it is in another
    /// system and a crosswalk knows it.
    mutating func cda(_ value: CodedValue?, translatingTo target: String? = nil, path: String) -> CD? {
        guard var value else { return nil }
        if let target, value.system != target {
            if let existing = value.translations.first(where: { $0.system == target }) {
                value = existing
            } else {
                do {
                    let result = try value.translated(
                        to: target, with: options.terminology,
                        policy: options.translation.policy(from: value.system, to: target),
                        at: SourceLocation(path: path))
                    issues += result.issues
                    value = result.value
                } catch {
                    issues.append(error.issue)
                }
            }
        }
        let systemOID = oid(forSystem: value.system)
        var cd = CD(
            code: value.code.isEmpty ? nil : value.code, codeSystem: systemOID,
            codeSystemName: systemOID == nil
                ? nil : options.terminology.codeSystems.first { $0.name == value.system }?.title,
            displayName: value.display)
        cd.originalText = value.originalText
        if value.code.isEmpty && value.display == nil && value.originalText == nil { cd.nullFlavor = "UNK" }
        return cd
    }

    /// Only the code and display, for values whose model form is a plain `String` in the view.
    static func text(_ value: CodedValue?) -> String? { value.map { $0.display ?? $0.code } }

    // MARK: Identifiers

    /// Identifier roots of the national identifier scheme and the model kinds they carry.
    /// The identifier-system table (`Mappings/identifier-systems.tsv`) first, then the HICDA roots it lacks.
    static let rootKinds: [(root: String, kind: Identifier.Kind)] = {
        var list = IdentifierSystems(tables: .builtIn).rows.compactMap { row in
            row.oid.map { (root: $0, kind: row.kind) }
        }
        for entry in nationalRootKinds where !list.contains(where: { $0.root == entry.root }) { list.append(entry) }
        return list
    }()

    /// Identifier roots of the national scheme (HICDA constants).
    static let nationalRootKinds: [(root: String, kind: Identifier.Kind)] = [
        (CDA.CN.residentIDRoot, .residentIDCard),
        (CDA.CN.healthRecordNumberRoot, .healthRecordNumber),
        (CDA.CN.outpatientNumberRoot, .outpatientNumber),
        (CDA.CN.inpatientNumberRoot, .inpatientNumber),
        (CDA.CN.healthCardRoot, .healthCardNumber),
        (CDA.CN.organizationRoot, .organizationCode),
        (CDA.CN.practitionerIDRoot, Identifier.Kind(rawValue: "practitionerNumber")),
    ]

    /// The kind of an identifier root (`.other` when the root names something the models have no kind for).
    static func kind(forRoot root: String?) -> Identifier.Kind {
        guard let root else { return .other }
        return rootKinds.first { $0.root == root }?.kind ?? .other
    }

    /// A CDA instance identifier as a model identifier; the root is kept as the authority.
    static func identifier(_ id: II) -> Identifier? {
        guard let value = id.extension, !value.isEmpty else { return nil }
        return Identifier(kind: kind(forRoot: id.root), value: value, authority: id.root)
    }

    /// A model identifier as a CDA instance identifier: the authority when it is an OID, else the root of the kind,
    /// else the HL7 v2 placer/filler type mapped to the application-form / report-number roots.
    static func ii(_ identifier: Identifier, reportRoot: String? = nil) -> II {
        if let authority = identifier.authority, isCDAOID(authority) {
            return II(root: authority, extension: identifier.value)
        }
        if let root = rootKinds.first(where: { $0.kind == identifier.kind })?.root {
            return II(root: root, extension: identifier.value)
        }
        let root: String
        switch identifier.type?.code {
        case "FILL": root = reportRoot ?? CDA.CN.labReportNumberRoot
        case "PLAC": root = CDA.CN.applicationFormRoot
        default: root = reportRoot ?? CDA.CN.identifierPrefix
        }
        return II(root: root, extension: identifier.value, assigningAuthorityName: identifier.authority)
    }

    /// An OID as the CDA `uid` type accepts it: arcs of digits without leading zeros, the first 0, 1 or 2.
    static func isCDAOID(_ text: String) -> Bool {
        guard CodeSystem.isValidOID(text) else { return false }
        let arcs = text.utf8.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard arcs.count >= 2, let first = arcs.first, first.count == 1, let lead = first.first, lead <= 0x32 else {
            return false
        }
        return arcs.allSatisfy { arc in arc.count == 1 || arc.first != 0x30 }
    }

    // MARK: Times

    /// A model time stamp in the CDA `TS` form (`YYYYMMDDHHMMSS+ZZZZ`): FHIR/ISO text is converted; text that
    /// is no time stamp (masked values, free text) gives nil.
    static func ts(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        let value = TimeText.v2(text)
        let bytes = Array(value.utf8)
        guard bytes.count >= 4, bytes.prefix(4).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2B || $0 == 0x2D })
        else { return nil }
        return value
    }

    // MARK: Quantities

    /// A CDA physical quantity as a model quantity (the unit translated to UCUM when the unit table knows it).
    func quantity(_ value: PQ?) -> Quantity? {
        guard let value, let number = value.value, !number.isEmpty else { return nil }
        var quantity = Quantity(value: number, unit: value.unit)
        if let unit = value.unit, !unit.isEmpty {
            if let result = try? options.terminology.translate(unit, from: "cn-lab-unit", to: "ucum"), result.isMapped {
                quantity.ucum = result.code.code
            }
        }
        return quantity
    }

    /// A model quantity as a CDA physical quantity (its unit as written, else its UCUM unit).
    static func pq(_ value: Quantity?) -> PQ? {
        guard let value else { return nil }
        return PQ(value: value.value, unit: value.unit ?? value.ucum)
    }

    /// An integer quantity (blood pressures) from a PQ.
    static func integer(_ value: PQ?) -> Int? {
        guard let text = value?.value else { return nil }
        if let number = Int(text) { return number }
        if let number = Double(text), number.rounded() == number, abs(number) < 1e9 { return Int(number) }
        return nil
    }
}
