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
    /// The readers that turn bytes into models.
    public var converter: RecordConverter
    /// Options for reading (terminology tables, policies).
    public var options: ConversionOptions

    /// The built-in profile used for each record kind when no profile is fixed.
    public static let defaultProfiles: [ValidationSubject.Kind: String] = [
        .labReport: "cn-lab-report", .examReport: "cn-exam-report", .encounter: "cn-outpatient-record",
        .resident: "cn-resident-registration", .healthRecord: "cn-wst483-personal-info",
        .followUp: "cn-wst483-followup", .referral: "cn-wst483-referral", .contract: "cn-contract",
    ]

    /// Creates a validation.
    /// - Parameters:
    ///   - profile: a fixed profile, or `nil` to choose by record kind from ``defaultProfiles``.
    ///   - library: the profiles to resolve names in.
    ///   - converter: the readers (default: HL7 v2, FHIR and CDA).
    ///   - options: reading options.
    /// - Throws: ``ValidationError`` when a default profile cannot be built from `library`.
    public init(
        profile: Validator? = nil, library: ProfileLibrary = .builtIn, converter: RecordConverter = .allFormats,
        options: ConversionOptions = ConversionOptions()
    ) throws(ValidationError) {
        fixedProfile = profile
        var validators: [ValidationSubject.Kind: Validator] = [:]
        if profile == nil {
            for (kind, name) in Self.defaultProfiles {
                validators[kind] = try Validator(profile: name, library: library, tables: options.terminology)
            }
        }
        validatorsByKind = validators
        self.converter = converter
        self.options = options
    }

    /// Reads one record's bytes in `format` and validates every model it holds.
    ///
    /// - Returns: one report per model (a record that cannot be read gives one report with its fatal issue).
    ///   Never throws: bad content is reported.
    public func validate(_ bytes: [UInt8], as format: RecordFormat) -> [ValidationReport] {
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
        return subjects.enumerated().map { index, subject in
            let validator = fixedProfile ?? validatorsByKind[subject.kind]
            let report =
                validator?.validate(subject)
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
        default: return nil
        }
    }
}
