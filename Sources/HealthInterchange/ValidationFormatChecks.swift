public import HICore
public import HIFHIR
import HIHL7v2
public import HIValidation
public import HIXML

/// The format-level checks ``RecordValidation`` runs on a record's bytes besides the profile's rules on its
/// models: the HL7 v2 message structure and field types, FHIR R4 structure (``HIFHIR/FHIRValidator``) and
/// CDA XML Schema validation. Each finding is reported at its level (structure, data type, value domain)
/// next to the profile's findings. Set a check to `nil` to turn it off.
///
/// ```swift
/// var checks = RecordFormatChecks()
/// checks.cdaSchema = try XMLSchema(contentsOf: "schemas/sdschemas/SDA.xsd")
/// let validation = try RecordValidation(formatChecks: checks)
/// ```
public struct RecordFormatChecks: Sendable {
    /// HL7 v2 message structures and field types (on by default).
    public var hl7v2Structure: HL7v2StructureValidator? = HL7v2StructureValidator()
    /// FHIR R4 structure, primitives and required bindings (on by default).
    public var fhir: FHIRValidator? = FHIRValidator()
    /// The XML Schema CDA documents are validated against (off by default: the schemas are not shipped; load
    /// e.g. the WS/T 500 `SDA.xsd` or the CDA R2 `CDA.xsd` from their folder).
    public var cdaSchema: XMLSchema? = nil

    /// The default checks.
    public init() {}

    /// The issues of the format-level checks for one record's bytes, each at its level. Never throws: bytes that
    /// do not parse give no issues here (the format's reader reports them as syntax issues).
    /// - Parameters:
    ///   - bytes: the record.
    ///   - format: its format.
    ///   - file: the file name for locations.
    public func issues(_ bytes: [UInt8], as format: RecordFormat, file: String? = nil) -> [ValidationIssue] {
        // An if-chain rather than a switch: other record formats (v3, tables) have no format-level checks here.
        if format == .hl7v2 {
            guard let structure = hl7v2Structure, let message = try? HL7v2Message(parsing: bytes) else { return [] }
            return structure.validate(message, file: file)
        }
        if format == .fhir {
            guard let fhir, let resource = try? FHIRResource(parsing: bytes) else { return [] }
            return fhir.validate(resource, source: bytes).map { Self.fhirIssue($0, file: file) }
        }
        if format == .cda, let cdaSchema {
            return cdaSchema.validate(bytes).map { Self.schemaIssue($0, file: file) }
        }
        return []
    }

    /// The level of a FHIR validator issue by its code.
    public static func level(ofFHIRCode code: IssueCode) -> ValidationLevel {
        switch code {
        case FHIRIssueCode.wrongJSONKind, FHIRIssueCode.invalidPrimitive, FHIRIssueCode.malformedReference,
            FHIRIssueCode.emptyValue, FHIRIssueCode.decimalPrecision:
            .dataType
        case FHIRIssueCode.codeNotInValueSet: .valueDomain
        case FHIRIssueCode.blankLine, FHIRIssueCode.unreadableLine: .syntax
        default: .structure
        }
    }

    static func fhirIssue(_ issue: Issue, file: String?) -> ValidationIssue {
        var location = issue.location
        if location.file == nil, let file { location = location.with(file: file) }
        return ValidationIssue(
            code: issue.code, level: level(ofFHIRCode: issue.code), severity: issue.severity, message: issue.message,
            chineseTitle: "FHIR结构校验", modelPath: issue.location.path ?? "", location: location)
    }

    static func schemaIssue(_ issue: Issue, file: String?) -> ValidationIssue {
        var location = issue.location
        if location.file == nil, let file { location = location.with(file: file) }
        let isSchema = issue.severity < .fatal
        return ValidationIssue(
            code: issue.code, level: isSchema ? .structure : .syntax, severity: issue.severity,
            message: issue.message, chineseTitle: "XML Schema校验", modelPath: issue.location.path ?? "",
            location: location)
    }
}
