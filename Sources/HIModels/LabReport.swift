/// A laboratory report (检验报告, WS/T 500.7; HL7 ORU^R01; FHIR DiagnosticReport with Observations).
///
/// ```swift
/// var report = LabReport(resident: Resident(name: PersonName(text: "张三")))
/// report.results = [
///     LabResult(
///         code: CodedValue(system: "loinc", code: "718-7", display: "血红蛋白"),
///         value: .quantity(Quantity(value: "135", unit: "g/L")),
///         referenceRange: ReferenceRange(low: "130", high: "175", unit: "g/L"),
///         abnormalFlag: CodedValue(system: "hl7-0078", code: "N"))
/// ]
/// ```
public struct LabReport: Hashable, Sendable {
    /// Identifiers (report number, order number).
    public var identifiers: [Identifier]
    /// The resident.
    public var resident: Resident?
    /// The encounter the order belongs to.
    public var encounter: Encounter?
    /// What was ordered (panel code, e.g. 血常规).
    public var order: CodedValue?
    /// The ordering practitioner.
    public var orderedBy: Practitioner?
    /// The specimen.
    public var specimen: Specimen?
    /// The results.
    public var results: [LabResult]
    /// The report status (HL7 0085 / FHIR observation-status at report level).
    public var status: CodedValue?
    /// Who performed the tests (检验者).
    public var performer: Practitioner?
    /// Who reviewed the report (审核者).
    public var reviewer: Practitioner?
    /// The laboratory.
    public var laboratory: Organization?
    /// When the order was placed.
    public var orderedAt: Timestamp?
    /// When the report was issued.
    public var reportedAt: Timestamp?
    /// Free-text comments on the whole report (HL7 v2 NTE after OBR, FHIR DiagnosticReport conclusion/note).
    public var notes: [String] = []
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates a lab report.
    public init(resident: Resident? = nil, results: [LabResult] = [], provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.resident = resident
        self.results = results
        self.provenance = provenance
        self.unmappedFragments = []
    }
}

/// A specimen (标本).
///
/// ```swift
/// let blood = Specimen(type: CodedValue(system: "local", code: "BLD", display: "全血"))
/// ```
public struct Specimen: Hashable, Sendable {
    /// Identifiers (specimen barcode).
    public var identifiers: [Identifier]
    /// The specimen type.
    public var type: CodedValue?
    /// When it was collected.
    public var collectedAt: Timestamp?
    /// When the laboratory received it.
    public var receivedAt: Timestamp?

    /// Creates a specimen.
    public init(type: CodedValue? = nil, identifiers: [Identifier] = [], collectedAt: Timestamp? = nil) {
        self.identifiers = identifiers
        self.type = type
        self.collectedAt = collectedAt
    }
}

/// One result (检验结果): test code, value, unit, reference range, abnormal flag, status and method.
///
/// ```swift
/// let glucose = LabResult(
///     code: CodedValue(system: "cn-lab-test", code: "GLU", display: "血糖"),
///     value: .quantity(Quantity(value: "6.8", unit: "mmol/L")),
///     abnormalFlag: CodedValue(system: "hl7-0078", code: "H"))
/// ```
public struct LabResult: Hashable, Sendable {
    /// The test code (local code, LOINC).
    public var code: CodedValue
    /// The value.
    public var value: ResultValue?
    /// The reference range.
    public var referenceRange: ReferenceRange?
    /// The abnormal flag (HL7 0078 / v3 ObservationInterpretation).
    public var abnormalFlag: CodedValue?
    /// The result status (HL7 0085 / FHIR observation-status).
    public var status: CodedValue?
    /// The method.
    public var method: CodedValue?
    /// When it was observed.
    public var observedAt: Timestamp?
    /// Free-text comments on this result (HL7 v2 NTE after OBX, FHIR Observation.note).
    public var notes: [String] = []
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates a result.
    public init(
        code: CodedValue, value: ResultValue? = nil, referenceRange: ReferenceRange? = nil,
        abnormalFlag: CodedValue? = nil, status: CodedValue? = nil, method: CodedValue? = nil
    ) {
        self.code = code
        self.value = value
        self.referenceRange = referenceRange
        self.abnormalFlag = abnormalFlag
        self.status = status
        self.method = method
        self.unmappedFragments = []
    }
}

/// A result value: a quantity, a coded value or text.
///
/// ```swift
/// let positive = ResultValue.coded(CodedValue(system: "hl7-0078", code: "POS", display: "阳性"))
/// let text = ResultValue.text("未见异常")
/// ```
public enum ResultValue: Hashable, Sendable {
    /// A number with its unit.
    case quantity(Quantity)
    /// A coded result.
    case coded(CodedValue)
    /// Free text (`阴性`, `+-`, `未见异常`).
    case text(String)
}

/// A measured amount: the number kept as written (exact decimals, `<0.5`, `>1000`) and the unit as written
/// with its UCUM code when known.
///
/// ```swift
/// let count = Quantity(value: "5.6", unit: "×10^9/L", ucum: "10*9/L")
/// print(count.decimalValue ?? 0)   // 5.6
/// ```
public struct Quantity: Hashable, Sendable {
    /// The number as written.
    public var value: String
    /// The unit as written.
    public var unit: String?
    /// The UCUM code, when known.
    public var ucum: String?
    /// A comparator written before the number (`<`, `<=`, `>=`, `>`).
    public var comparator: String?

    /// Creates a quantity.
    public init(value: String, unit: String? = nil, ucum: String? = nil, comparator: String? = nil) {
        self.value = value
        self.unit = unit
        self.ucum = ucum
        self.comparator = comparator
    }

    /// The number as a `Double`, when ``value`` is a plain decimal.
    public var decimalValue: Double? { Double(value) }
}

/// A reference range: low and high limits as written, or a text range (`阴性`).
///
/// ```swift
/// let range = ReferenceRange(low: "3.5", high: "9.5", unit: "10^9/L")
/// let text = ReferenceRange(text: "阴性")
/// ```
public struct ReferenceRange: Hashable, Sendable {
    /// The low limit.
    public var low: String?
    /// The high limit.
    public var high: String?
    /// The unit.
    public var unit: String?
    /// The range as text (`3.5-9.5`, `阴性`).
    public var text: String?

    /// Creates a range.
    public init(low: String? = nil, high: String? = nil, unit: String? = nil, text: String? = nil) {
        self.low = low
        self.high = high
        self.unit = unit
        self.text = text
    }
}

/// An examination report (检查报告, WS/T 500.6): imaging, ECG, ultrasound — findings, impression and the
/// images referenced.
///
/// ```swift
/// var ecg = ExamReport(kind: CodedValue(system: "local", code: "ECG", display: "心电图"))
/// ecg.findings = "窦性心律，心率72次/分"
/// ecg.impression = "正常心电图"
/// ```
public struct ExamReport: Hashable, Sendable {
    /// Identifiers (report number, accession number).
    public var identifiers: [Identifier]
    /// The exam kind / procedure code.
    public var kind: CodedValue?
    /// The exam category: HL7 v2 diagnostic service section (table 0074: `RAD`, `CT`, `US`, `EC` …), FHIR
    /// DiagnosticReport category, WS 364 检查类别.
    public var category: CodedValue?
    /// The body site.
    public var bodySite: CodedValue?
    /// The resident.
    public var resident: Resident?
    /// The visit the exam belongs to.
    public var encounter: Encounter?
    /// The ordering practitioner.
    public var orderedBy: Practitioner?
    /// Measured values reported with the exam (e.g. 左室射血分数, 甲状腺结节大小), as lab-style results.
    public var results: [LabResult]
    /// Free-text comments on the whole report.
    public var notes: [String]
    /// Findings (检查所见).
    public var findings: String?
    /// Impression (检查结论 / 诊断意见).
    public var impression: String?
    /// Image references: DICOM study/series UIDs or URLs.
    public var imageReferences: [String]
    /// Who performed the exam.
    public var performer: Practitioner?
    /// Who reviewed the report.
    public var reviewer: Practitioner?
    /// When the exam took place.
    public var performedAt: Timestamp?
    /// When the report was issued.
    public var reportedAt: Timestamp?
    /// The report status.
    public var status: CodedValue?
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates an exam report.
    public init(kind: CodedValue? = nil, resident: Resident? = nil, provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.kind = kind
        self.resident = resident
        self.imageReferences = []
        self.results = []
        self.notes = []
        self.provenance = provenance
        self.unmappedFragments = []
    }
}
