import HIHL7v2

/// Validates records read from any supported format against sharing profiles: the format's reader turns the
/// bytes into models (what it reports becomes syntax-level findings), then a profile's rules run on each model.
///
/// Without a fixed profile each record is checked with the profile for its kind (`cn-lab-report` for a lab
/// report, `cn-resident-registration` for a resident, …); with one, every record is checked with it (a record
/// of another kind gets `HI-VAL-0002`).
///
/// ```swift
/// let validation = try RecordValidation()
/// for report in validation.validate(bytes, as: .hl7v2) where !report.isShareable {
///     print(report.textLines.joined(separator: "\n"))
/// }
/// ```
public struct RecordValidation: Sendable {
    /// The profile every record is checked with, or `nil` to pick one by record kind.
    public var fixedProfile: Validator?
    /// Validators by record kind, for records without a fixed profile.
    public var validatorsByKind: [ValidationSubject.Kind: Validator]
    /// Validators by HL7 v2 message code (MSH-9.1) for records without a fixed profile, where the message's
    /// purpose differs from its model's kind (`ADT` → `hl7v2-adt` on the resident of the visit; the orders `ORM`
    /// and `OML` → `cn-base`; referrals `REF` / `RRI` → `hl7v2-ref-i12`, which requires the direction the
    /// WS/T 483.20 document profile only recommends).
    public var validatorsByMessageCode: [String: Validator]
    /// The profile for 成人健康体检 (WS/T 483.16) documents, checked on their resident (`nil` with a fixed profile).
    public var healthCheck: Validator?
    /// The readers that turn bytes into models.
    public var converter: RecordConverter
    /// Options for reading (terminology tables, policies).
    public var options: ConversionOptions
    /// The format-level checks on the bytes (HL7 v2 message structure, FHIR structure, CDA schema).
    public var formatChecks: RecordFormatChecks

    /// The built-in profile used for each record kind when no profile is fixed.
    public static let defaultProfiles: [ValidationSubject.Kind: String] = [
        .labReport: "cn-lab-report", .examReport: "cn-exam-report", .encounter: "cn-outpatient-record",
        .resident: "cn-resident-registration", .healthRecord: "cn-wst483-personal-info",
        .followUp: "cn-wst483-followup", .referral: "cn-wst483-referral", .contract: "cn-contract",
    ]

    /// The built-in profile used for HL7 v2 messages by message code when no profile is fixed.
    public static let defaultHL7v2Profiles: [String: String] = [
        "ADT": "hl7v2-adt", "ORM": "cn-base", "OML": "cn-base", "SIU": "cn-base", "REF": "hl7v2-ref-i12",
        "RRI": "hl7v2-ref-i12",
    ]

    /// Creates a validation.
    /// - Parameters:
    ///   - profile: a fixed profile, or `nil` to choose by record kind from ``defaultProfiles``.
    ///   - library: the profiles to resolve names in.
    ///   - converter: the readers (default: HL7 v2, FHIR and CDA).
    ///   - options: reading options.
    ///   - formatChecks: the format-level checks (default: v2 structure and FHIR structure; no CDA schema).
    /// - Throws: ``ValidationError`` when a default profile cannot be built from `library`.
    public init(
        profile: Validator? = nil, library: ProfileLibrary = .builtIn, converter: RecordConverter = .withPrimaryCare,
        options: ConversionOptions = ConversionOptions(), formatChecks: RecordFormatChecks = RecordFormatChecks()
    ) throws(ValidationError) {
        fixedProfile = profile
        var validators: [ValidationSubject.Kind: Validator] = [:]
        if profile == nil {
            for (kind, name) in Self.defaultProfiles {
                validators[kind] = try Validator(profile: name, library: library, tables: options.terminology)
            }
        }
        validatorsByKind = validators
        var byMessageCode: [String: Validator] = [:]
        if profile == nil {
            for (code, name) in Self.defaultHL7v2Profiles {
                byMessageCode[code] = try Validator(profile: name, library: library, tables: options.terminology)
            }
        }
        validatorsByMessageCode = byMessageCode
        healthCheck =
            profile == nil
            ? try Validator(profile: "cn-wst483-health-check", library: library, tables: options.terminology) : nil
        self.converter = converter
        self.options = options
        self.formatChecks = formatChecks
    }

    /// Reads one record's bytes in `format` and validates every model it holds, each level reported
    /// separately: syntax (the reader's issues), structure and data types of the format (``formatChecks``:
    /// HL7 v2 message structure and field types, FHIR structure, CDA schema), then the profile's structure,
    /// data type, value domain and business rules on the models.
    ///
    /// - Parameters:
    ///   - bytes: one record (one HL7 v2 message, one FHIR resource or Bundle, one CDA document).
    ///   - format: its format.
    ///   - file: the file name put in the locations of the format-level issues.
    /// - Returns: one report per model (a record that cannot be read gives one report with its fatal issue);
    ///   the format-level issues are in the first report. Never throws: bad content is reported.
    public func validate(_ bytes: [UInt8], as format: RecordFormat, file: String? = nil) -> [ValidationReport] {
        let reports = validateModels(bytes, as: format)
        let formatIssues = formatChecks.issues(bytes, as: format, file: file)
        guard !formatIssues.isEmpty, let first = reports.first else { return reports }
        var result = reports
        result[0] = first.merging(ValidationReport(profile: first.profile, issues: formatIssues))
        return result
    }

    private func validateModels(_ bytes: [UInt8], as format: RecordFormat) -> [ValidationReport] {
        guard let reader = converter.readers[format] else {
            let issue = Issue(
                .fatal, code: "HI-VAL-0003", "no reader for \(format) input is available",
                at: SourceLocation(byteOffset: 0))
            return [
                ValidationReport(profile: fixedProfile?.profileName ?? "auto", issues: []).addingSyntaxIssues([issue])
            ]
        }
        let records: [ModelRecord]
        let reading: ConversionReport
        do {
            (records, reading) = try reader.read(bytes, options: options)
        } catch {
            return [
                ValidationReport(profile: fixedProfile?.profileName ?? "auto", issues: [])
                    .addingSyntaxIssues([error.issue])
            ]
        }
        let subjects = records.compactMap(ValidationSubject.init)
        guard !subjects.isEmpty else {
            let issue = Issue(
                .error, code: "HI-VAL-0004",
                "the record holds no model a sharing profile applies to (\(records.map(\.kindName).joined(separator: ", ")))",
                at: SourceLocation(byteOffset: 0))
            return [
                ValidationReport(profile: fixedProfile?.profileName ?? "auto", issues: [])
                    .addingSyntaxIssues(reading.issues + [issue])
            ]
        }
        let messageCode = format == .hl7v2 ? HL7v2MessageHeader(bytes: bytes)?.messageCode : nil
        return subjects.enumerated().map { index, subject in
            var validator = fixedProfile ?? validatorsByKind[subject.kind]
            var checked = subject
            // An HL7 v2 ADT message registers or updates a resident and a visit; it is not a 门(急)诊病历, so it is
            // checked with the ADT profile on its resident. Orders (ORM, OML) are not reports: only the
            // resident rules of cn-base apply to them.
            // A 成人健康体检 (WS/T 483.16) is read as an exam report holding its measurements; it is not a 检查报告,
            // so it is checked with the health-check profile on its resident.
            if fixedProfile == nil, case .examReport(let exam) = subject, exam.category?.system == "ws-t-483",
                exam.category?.code == "16", var resident = exam.resident, let healthCheck
            {
                resident.provenance = exam.provenance
                validator = healthCheck
                checked = .resident(resident)
            }
            if fixedProfile == nil, let messageCode, let byCode = validatorsByMessageCode[messageCode] {
                validator = byCode
                if messageCode == "ADT", case .encounter(let encounter) = subject, var resident = encounter.resident {
                    resident.provenance = encounter.provenance
                    checked = .resident(resident)
                }
            }
            let report =
                validator?.validate(checked)
                ?? ValidationReport(profile: "none", issues: [])
            return index == 0 ? report.addingSyntaxIssues(reading.issues) : report
        }
    }
}

extension ValidationSubject {
    /// The validation subject of a model record, or `nil` for models no profile applies to (medication orders,
    /// practitioners, organisations on their own).
    public init?(_ record: ModelRecord) {
        switch record {
        case .resident(let value): self = .resident(value)
        case .encounter(let value): self = .encounter(value)
        case .labReport(let value): self = .labReport(value)
        case .examReport(let value): self = .examReport(value)
        case .referral(let value): self = .referral(value)
        case .followUp(let value): self = .followUp(value)
        case .contract(let value): self = .contract(value)
        case .appointment(let value):
            // An appointment is checked through its resident (SIU messages: the resident rules of cn-base).
            guard let resident = value.resident else { return nil }
            self = .resident(resident)
        default: return nil
        }
    }
}
