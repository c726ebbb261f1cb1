public import HICore
public import HIModels
public import HITabular
public import HITerminology

/// One payload of the domain models that a reader produces and a writer consumes. A source record (an
/// HL7 v2 message, a FHIR Bundle, a CDA document) reads into one or more of these.
///
/// ```swift
/// let (records, report) = try HL7v2ModelReader().read(bytes)
/// if case .labReport(let report) = records.first { print(report.results.count) }
/// ```
public enum ModelRecord: Hashable, Sendable {
    /// A resident's registration data (ADT^A28/A31, FHIR Patient).
    case resident(Resident)
    /// A visit with its patient (ADT^A01/A04/A08, FHIR Encounter).
    case encounter(Encounter)
    /// A lab report or order (ORU^R01, ORM^O01, OML^O21, FHIR DiagnosticReport/ServiceRequest).
    case labReport(LabReport)
    /// An exam (imaging, ECG …) report.
    case examReport(ExamReport)
    /// A referral (REF^I12–I14, WS/T 483 转诊记录).
    case referral(Referral)
    /// A prescription line (FHIR MedicationRequest).
    case medicationOrder(MedicationOrder)
    /// A chronic-disease follow-up.
    case followUp(FollowUp)
    /// A practitioner on their own (FHIR Practitioner).
    case practitioner(Practitioner)
    /// An organisation on its own (FHIR Organization).
    case organization(Organization)
    /// A family-doctor contract (签约记录, a row of a contract list).
    case contract(FamilyDoctorContract)
    /// An appointment (SIU^S12–S15, FHIR Appointment).
    case appointment(Appointment)

    /// A short name of the payload kind, for reports.
    public var kindName: String {
        switch self {
        case .resident: "resident"
        case .encounter: "encounter"
        case .labReport: "labReport"
        case .examReport: "examReport"
        case .referral: "referral"
        case .medicationOrder: "medicationOrder"
        case .followUp: "followUp"
        case .practitioner: "practitioner"
        case .organization: "organization"
        case .contract: "contract"
        case .appointment: "appointment"
        }
    }

    /// The resident the record is about, when it names one.
    public var resident: Resident? {
        switch self {
        case .resident(let resident): resident
        case .encounter(let value): value.resident
        case .labReport(let value): value.resident
        case .examReport(let value): value.resident
        case .referral(let value): value.resident
        case .medicationOrder(let value): value.resident
        case .followUp(let value): value.resident
        case .appointment(let value): value.resident
        case .practitioner, .organization: nil
        case .contract(let value): value.resident
        }
    }

    /// The source fragments the reader found no place for.
    public var unmappedFragments: [UnmappedFragment] {
        switch self {
        case .resident(let value): value.unmappedFragments
        case .encounter(let value): value.unmappedFragments
        case .labReport(let value): value.unmappedFragments
        case .examReport(let value): value.unmappedFragments
        case .referral(let value): value.unmappedFragments
        case .medicationOrder(let value): value.unmappedFragments
        case .followUp(let value): value.unmappedFragments
        case .practitioner: []
        case .organization(let value): value.unmappedFragments
        case .contract(let value): value.unmappedFragments
        case .appointment(let value): value.unmappedFragments
        }
    }
}

/// The interchange formats a record converts between.
///
/// ```swift
/// let format = RecordFormat(name: "v2")   // .hl7v2
/// ```
public enum RecordFormat: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// HL7 v2 ER7.
    case hl7v2
    /// FHIR R4 JSON.
    case fhir
    /// CDA R2 XML (WS/T 500, WS/T 483).
    case cda
    /// HL7 V3 interaction messages (互联互通, WS/T 790) and XDS.b document exchange.
    case v3
    /// A CSV/TSV table read and written through a column mapping (``ConversionOptions/tableMapping``).
    case table

    /// Recognises `v2`, `hl7v2`, `er7`, `fhir`, `json`, `cda`, `xml`, `v3`, `hl7v3`, `csv`, `tsv`, `table`.
    public init?(name: String) {
        switch name.lowercased() {
        case "v2", "hl7v2", "hl7", "er7": self = .hl7v2
        case "fhir", "json", "fhir-json", "ndjson": self = .fhir
        case "cda", "xml": self = .cda
        case "v3", "hl7v3": self = .v3
        case "csv", "tsv", "table", "tabular": self = .table
        default: return nil
        }
    }

    public var description: String { rawValue }
}

/// One source element that had no place in the target.
///
/// ```swift
/// let item = UnmappedItem(path: "PID-30", reason: "no place in the model")
/// ```
public struct UnmappedItem: Hashable, Sendable, CustomStringConvertible {
    /// Where in the source: an HL7 v2 path (`OBX[3]-17`), a JSON path (`$.entry[2].resource.note`) or an XPath.
    public var path: String
    /// Why it was not mapped.
    public var reason: String
    /// Creates an item.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// What a conversion left behind or noticed: unmapped source elements and issues (code translations,
/// recoverable problems). Never holds personal data values.
///
/// ```swift
/// var report = ConversionReport()
/// report.unmapped.append(UnmappedItem(path: "PV1-10", reason: "no place in the model"))
/// print(report.unmappedCountsByPath)   // ["PV1-10": 1]
/// ```
public struct ConversionReport: Hashable, Sendable {
    /// Source elements that had no place in the target.
    public var unmapped: [UnmappedItem] = []
    /// Issues found on the way (terminology misses, partial values …).
    public var issues: [Issue] = []
    /// Creates an empty report.
    public init() {}

    /// Unmapped items counted by path with record-specific occurrence numbers removed (`OBX[3]-17` → `OBX-17`).
    public var unmappedCountsByPath: [String: Int] {
        var counts: [String: Int] = [:]
        for item in unmapped { counts[Self.generalPath(item.path), default: 0] += 1 }
        return counts
    }

    /// Appends the items and issues of `other`.
    public mutating func merge(_ other: ConversionReport) {
        unmapped += other.unmapped
        issues += other.issues
    }

    /// `path` with bracketed occurrence numbers removed.
    public static func generalPath(_ path: String) -> String {
        var result = ""
        var depth = 0
        for character in path {
            if character == "[" {
                depth += 1
            } else if character == "]" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                result.append(character)
            }
        }
        return result
    }
}

/// How a conversion behaves. The defaults suit production feeds: unmapped elements are reported, not fatal.
///
/// ```swift
/// var options = ConversionOptions()
/// options.strict = true            // any unmapped element is an error
/// options.carryUnmapped = true     // or keep it as a FHIR extension / v2 ZUN segment
/// ```
public struct ConversionOptions: Sendable {
    /// Turn any unmapped source element into a ``ConversionError`` (`.unmappedContent`).
    public var strict = false
    /// Keep unmapped source elements in the target where it allows: FHIR extensions with the URL
    /// ``ConversionOptions/unmappedExtensionURL``, an HL7 v2 `ZUN` segment per element.
    public var carryUnmapped = false
    /// The code tables (default: the built-in `Mappings/`).
    public var terminology: TerminologyTables = .builtIn {
        didSet { identifierSystems = IdentifierSystems(tables: terminology) }
    }
    /// The identifier-system table of ``terminology``, read once when the tables are set (readers and writers
    /// used to rebuild it from the table rows for every record).
    private(set) var identifierSystems = IdentifierSystems.builtIn
    /// What to do with codes a crosswalk has no mapping for (default: keep the source code and warn).
    public var translation = TranslationOptions()
    /// The HL7 v2 parse options for v2 input.
    public var hl7v2Version = "2.5.1"
    /// Sending application written into MSH-3 of generated v2 messages.
    public var sendingApplication = "HealthInterchange"
    /// The column mapping for ``RecordFormat/table`` input and output (a file loaded with
    /// `TableMapping(contentsOfFile:)` or one of `BuiltInMappings`); `nil` means no table can be read or written.
    public var tableMapping: TableMapping? = nil
    /// Delimiter and charset detection (or overrides) and limits for table input.
    public var tableReading = TableReadingOptions()
    /// Delimiter, charset, BOM and line ending of table output (default: UTF-8 with a BOM, comma, CRLF).
    public var tableDialect = TableDialect(byteOrderMark: true)
    /// Write FHIR JSON as one compact line (no white space, no final line feed: an NDJSON line) instead of the
    /// pretty 2-space layout; the same bytes as minifying the pretty output, without the second pass.
    public var compactJSON = false

    /// The FHIR extension URL that carries unmapped source content (a project extension: `valueString`
    /// holds the source text, a nested `path` extension the source path).
    public static let unmappedExtensionURL = "http://healthinterchange.example/fhir/StructureDefinition/unmapped-source"

    /// Creates the defaults.
    public init() {}
}

/// A conversion failure: unreadable input, a record the models do not hold, or (strict) unmapped content.
///
/// ```swift
/// do { _ = try HL7v2ModelReader().read(bytes) } catch { print(error.issue.jsonText) }
/// ```
public struct ConversionError: LocatedError, Hashable {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case unreadableInput, unsupportedRecord, unmappedContent, missingData, unsupportedTarget
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }
        /// The bytes did not parse in the source format.
        public static let unreadableInput = Code(.unreadableInput)
        /// The record type has no model (e.g. an ACK).
        public static let unsupportedRecord = Code(.unsupportedRecord)
        /// Strict mode: a source element had no place in the target.
        public static let unmappedContent = Code(.unmappedContent)
        /// The record lacks something the target needs.
        public static let missingData = Code(.missingData)
        /// The target format is not available for this record.
        public static let unsupportedTarget = Code(.unsupportedTarget)
        public var description: String { String(describing: base) }

        var number: Int {
            switch base {
            case .unreadableInput: 1
            case .unsupportedRecord: 2
            case .unmappedContent: 3
            case .missingData: 4
            case .unsupportedTarget: 5
            }
        }
    }

    /// The code.
    public let code: Code
    /// Where in the input.
    public let location: SourceLocation
    /// Why, without personal data.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var issueCode: IssueCode {
        let number = String(code.number)
        return IssueCode("HI-CONV-" + String(repeating: "0", count: max(0, 4 - number.count)) + number)
    }

    public var description: String { "\(issueCode) \(code): \(reason) (\(location))" }

    public static func == (lhs: ConversionError, rhs: ConversionError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// Reads one source record into models.
///
/// ```swift
/// let (records, report) = try HL7v2ModelReader().read(Array(er7.utf8), options: ConversionOptions())
/// ```
public protocol RecordReader: Sendable {
    /// The format this reader reads.
    var format: RecordFormat { get }
    /// Reads `bytes` (one record) into models, reporting what had no place.
    func read(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    )
}

/// Writes models as one target record.
///
/// ```swift
/// let bytes = try FHIRModelWriter().write(records, options: ConversionOptions(), report: &report)
/// ```
public protocol RecordWriter: Sendable {
    /// The format this writer writes.
    var format: RecordFormat { get }
    /// Writes `records` as one target record; anything the target cannot hold goes into `report`.
    func write(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> [UInt8]
}
