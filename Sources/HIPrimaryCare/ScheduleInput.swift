import HIConvert
public import HICore
import HIFHIR
public import HIModels
import HITabular

/// What the schedule check reads from files: contracts, follow-ups, and the issues met on the way.
///
/// ```swift
/// var inputs = ScheduleInputs()
/// try inputs.read(bytes, name: "contracts.json")
/// try inputs.read(cdaBytes, name: "wst483-12-hypertension-followup.xml")
/// let overdue = FollowUpSchedule().overdue(contracts: inputs.contracts, followUps: inputs.followUps, asOf: day)
/// ```
public struct ScheduleInputs: Sendable {
    /// The contracts read.
    public var contracts: [FamilyDoctorContract] = []
    /// The follow-ups read (only when ``keepFollowUps``).
    public var followUps: [FollowUp] = []
    /// Keep every follow-up read in ``followUps`` (the default); when false only ``history`` is kept, which
    /// bounds memory by the residents for large registers.
    public var keepFollowUps = true
    /// The last visits, when an as-of date was given: folded in as follow-ups are read.
    public var history: FollowUpHistory?
    /// Warnings and rejected rows.
    public var issues: [Issue] = []

    /// Empty inputs.
    public init() {}

    /// Empty inputs that fold follow-ups into a ``FollowUpHistory`` as of `asOf`.
    public init(asOf: CalendarDate, keepFollowUps: Bool) {
        self.history = FollowUpHistory(asOf: asOf)
        self.keepFollowUps = keepFollowUps
    }

    private mutating func append(_ visit: FollowUp) {
        history?.add(visit)
        if keepFollowUps { followUps.append(visit) }
    }

    /// Reads one file and adds what it holds. Recognised: the contract JSON export (object, array,
    /// NDJSON), a FHIR Bundle of a contract (CarePlan), other FHIR resources through `FHIRModelReader`
    /// (follow-ups), CDA (WS/T 483.12 / .13 follow-ups through `CDAModelReader`), a contract table
    /// (``ContractCSV``) or a follow-up register table (HITabular `followup-register`).
    /// - Throws: ``ContractError`` `.unreadableInput` when the bytes are none of these.
    public mutating func read(_ bytes: [UInt8], name: String) throws(ContractError) {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count,
            bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x09
        {
            start += 1
        }
        let first = start < bytes.count ? bytes[start] : 0
        switch first {
        case UInt8(ascii: "<"): try readCDA(bytes, name: name)
        case UInt8(ascii: "{"), UInt8(ascii: "["): try readJSON(bytes, name: name)
        default: try readTable(bytes, name: name)
        }
    }

    private mutating func readCDA(_ bytes: [UInt8], name: String) throws(ContractError) {
        do {
            let records = try CDAModelReader().read(bytes, options: ConversionOptions()).records
            take(records, name: name)
        } catch {
            throw ContractError(.unreadableInput, error.reason, at: error.location.with(file: name))
        }
    }

    private mutating func readJSON(_ bytes: [UInt8], name: String) throws(ContractError) {
        let value = try? JSONReader.read(bytes)
        guard let value, value["resourceType"] != nil else {
            contracts += try ContractJSON.decode(bytes, file: name)
            return
        }
        let hasPlan =
            value["resourceType"]?.stringValue == "CarePlan"
            || (value["entry"]?.arrayValue ?? []).contains {
                $0["resource"]?["resourceType"]?.stringValue == "CarePlan"
            }
        if hasPlan {
            contracts += try ContractFHIR.read(value, file: name)
            return
        }
        do {
            let resource = try FHIRResource(parsing: bytes)
            take(try FHIRModelReader().read(resource, options: ConversionOptions()).records, name: name)
        } catch let error as FHIRError {
            throw ContractError(.unreadableInput, error.reason, at: error.location.with(file: name))
        } catch let error as ConversionError {
            throw ContractError(.unreadableInput, error.reason, at: error.location.with(file: name))
        } catch {
            throw ContractError(.unreadableInput, "not FHIR", at: SourceLocation(file: name))
        }
    }

    private mutating func take(_ records: [ModelRecord], name: String) {
        for record in records {
            switch record {
            case .followUp(var visit):
                visit.provenance.location = visit.provenance.location.with(file: name)
                append(visit)
            default:
                issues.append(
                    Issue(
                        .information, code: "HI-PC-0201",
                        "记录不是签约或随访，已跳过 / a \(record.kindName) record is neither a contract nor a follow-up; skipped",
                        at: SourceLocation(file: name)))
            }
        }
    }

    private mutating func readTable(_ bytes: [UInt8], name: String) throws(ContractError) {
        do {
            let result = try ContractCSV.decode(bytes, file: name)
            contracts += result.contracts
            issues += result.issues
            return
        } catch {
            // Not a contract table: try the follow-up register.
        }
        var options = TableReadingOptions()
        options.fileName = name
        do {
            var importer = try TableImporter(
                reader: TableReader(bytes: bytes, options: options), mapping: BuiltInMappings.followUpRegister)
            issues += importer.fileIssues
            while let row = try importer.next() {
                issues += row.issues
                guard !row.isRejected, let record = row.record,
                    let visit = Self.followUp(record, file: name, row: row.rowNumber)
                else { continue }
                append(visit)
            }
        } catch {
            throw ContractError(
                .unreadableInput, "neither a contract table nor a follow-up register: \(error.reason)",
                at: error.location)
        }
    }

    static func followUp(_ record: MappedRecord, file: String, row: Int) -> FollowUp? {
        func value(_ path: String) -> MappedValue? { TargetPath(rawValue: path).flatMap { record[$0] } }
        let disease: FollowUp.Disease
        switch value("followUp.disease")?.code?.code {
        case "I10"?: disease = .hypertension
        case let code? where code.hasPrefix("E1"): disease = .diabetes
        default: return nil
        }
        let date = value("followUp.date")?.date.flatMap { CalendarDate(year: $0.year, month: $0.month, day: $0.day) }
        var visit = FollowUp(
            disease: disease, date: date, provenance: Provenance(location: SourceLocation(file: file, record: row)))
        var resident = Resident()
        if let id = value("resident.identifiers[residentID]")?.text {
            resident.identifiers = [Identifier(kind: .residentIDCard, value: id)]
        }
        if let name = value("resident.name")?.text { resident.names = [PersonName(text: name)] }
        visit.resident = resident
        visit.nextDate = value("followUp.nextDate")?.date.flatMap {
            CalendarDate(year: $0.year, month: $0.month, day: $0.day)
        }
        return visit
    }
}
