import HICore
public import HIModels
public import HITabular

/// Turns mapped table rows (HITabular's ``HITabular/MappedRecord``) into the same domain models every other
/// format reads into, and models back into mapped rows for an export.
///
/// A row becomes, by the targets its mapping uses:
/// - `resident.*` only: a ``ModelRecord/resident(_:)``;
/// - `contract.*`: the resident and a ``ModelRecord/contract(_:)`` (whose resident is the same);
/// - `followUp.*`: a ``ModelRecord/followUp(_:)`` holding the resident;
/// - `labResult.*`: a ``ModelRecord/labReport(_:)`` with one result, holding the resident.
///
/// Codes move to the project's code-system names (`GB/T 2261.1` → `gb-t-2261.1`, `CV06.00.207` →
/// `ws364-follow-up-method` …), so the writers translate them like codes read from HL7 v2 or CDA. What the
/// models have no field for (a 备注, a height, a code the mapping could not map, `extension.` columns, cells
/// of columns the mapping does not name) is kept in the record's `unmappedFragments`, with the target path
/// (or `column:<name>`) as the path; the export puts those values back, so row → models → row loses nothing.
///
/// ```swift
/// let mapper = TabularModelMapper()
/// let (records, report) = mapper.models(from: importedRow.record!)
/// if case .contract(let contract) = records.last { print(contract.team?.name ?? "") }   // 清波第一团队
/// let rows = mapper.mappedRecords(from: records)   // back to one MappedRecord
/// ```
public struct TabularModelMapper: Sendable {
    /// Terminology and policies used when codes are written back in a column's code system.
    public var options: ConversionOptions

    /// Creates a mapper.
    public init(options: ConversionOptions = ConversionOptions()) {
        self.options = options
    }

    /// The provenance format of models read from a table.
    public static let provenanceFormat = Provenance.Format(rawValue: "table")

    /// The identifier kind of a contract number (签约编号).
    public static let contractNumberKind = Identifier.Kind(rawValue: "contractNumber")

    /// The code system of ``HITabular/TargetPath/contractServicePackage`` values kept as text.
    public static let servicePackageSystem = "urn:healthinterchange:service-package"

    /// Code-system spellings of mapping files → the project's code-system names.
    public static let systemNames: [String: String] = [
        "GB/T 2261.1": "gb-t-2261.1", "GB/T 2261.2": "gb-t-2261.2", "GB 3304": "gb-3304", "GB/T 2260": "gb-t-2260",
        "CV06.00.207": "ws364-follow-up-method", "NBPHS-3:medication-adherence": "ws364-medication-adherence",
        "NBPHS-3:follow-up-classification": "ws364-follow-up-classification", "HL7-0078": "hl7-0078",
        "ICD-10": "icd-10",
    ]

    /// Key-population codes of the built-in contract-list mapping ↔ ``HIModels/KeyPopulation`` flags, in the
    /// order an export lists them.
    public static let keyPopulationCodes: [(code: String, flag: KeyPopulation)] = [
        ("elderly", .elderly), ("hypertension", .hypertension), ("diabetes", .diabetes), ("maternal", .pregnant),
        ("child", .child), ("severe-mental-disorder", .severeMentalIllness), ("tuberculosis", .tuberculosis),
        ("disabled", .disabled), ("poverty", .poverty),
    ]

    /// The code written for a resident without key-population flags.
    public static let generalPopulationCode = "general"

    func modelSystem(_ system: String?) -> String {
        guard let system else { return "local" }
        if let name = Self.systemNames[system] { return name }
        return options.terminology.codeSystem(matching: system)?.name ?? system
    }

    // MARK: Row → models

    /// The models one mapped row describes, and what had no place (also kept as fragments, see the type).
    ///
    /// - Parameter record: a row mapped by `TableMapper`/`TableImporter`.
    /// - Returns: the records (never empty: a row without any known target gives an empty resident) and a
    ///   report listing the fragments by target path, with issues for values that did not fit a model field.
    public func models(from record: MappedRecord) -> (records: [ModelRecord], report: ConversionReport) {
        var builder = RowModelBuilder(mapper: self, location: record.location)
        for entry in record.entries { builder.add(entry) }
        for cell in record.otherCells {
            builder.fragments.append(UnmappedFragment(path: "column:" + cell.column, text: cell.text))
        }
        return builder.finish()
    }

    // MARK: Models → rows

    /// The mapped rows of `records`: one per contract, follow-up and lab result, and one per resident that
    /// none of those holds (a resident of an encounter, a referral … is written alone).
    public func mappedRecords(from records: [ModelRecord]) -> [MappedRecord] {
        var covered: Set<Resident> = []
        for record in records {
            switch record {
            case .contract, .followUp, .labReport:
                if let resident = record.resident { covered.insert(resident) }
            default: break
            }
        }
        var rows: [MappedRecord] = []
        var written: Set<Resident> = []
        for record in records {
            switch record {
            case .contract(let contract):
                var row = MappedRecord(location: contract.provenance.location)
                if let resident = contract.resident { append(resident, to: &row) }
                append(contract, to: &row)
                restore(contract.unmappedFragments, to: &row)
                rows.append(row)
            case .followUp(let visit):
                var row = MappedRecord(location: visit.provenance.location)
                if let resident = visit.resident { append(resident, to: &row) }
                append(visit, to: &row)
                restore(visit.unmappedFragments, to: &row)
                rows.append(row)
            case .labReport(let report):
                rows += labRows(report)
            default:
                guard let resident = record.resident, !covered.contains(resident), !written.contains(resident)
                else { continue }
                written.insert(resident)
                var row = MappedRecord(location: resident.provenance.location)
                append(resident, to: &row)
                restore(resident.unmappedFragments, to: &row)
                rows.append(row)
            }
        }
        return rows
    }

    private func code(_ value: CodedValue?, targetSystem: String?) -> MappedValue? {
        guard let value else { return nil }
        var result = value
        if let targetSystem {
            var report = ConversionReport()
            let target = modelSystem(targetSystem)
            if let translated = options.translated(
                value, to: target, path: "table", report: &report, keepingSourceOnFailure: true)
            {
                result = translated
            }
        }
        return .code(MappedCode(system: targetSystem, code: result.code, display: result.display))
    }

    private func system(of target: TargetPath) -> String? {
        options.tableMapping?.columns.first { $0.target == target }?.system
            ?? BuiltInMappings.all.lazy.flatMap(\.columns).first { $0.target == target }?.system
    }

    private func append(_ resident: Resident, to row: inout MappedRecord) {
        if let name = resident.names.first?.text { row.append(.text(name), for: .residentName) }
        if let sex = code(resident.sex, targetSystem: system(of: .residentSex)) { row.append(sex, for: .residentSex) }
        if let date = resident.birthDate.flatMap(Self.mappedDate) { row.append(.date(date), for: .residentBirthDate) }
        let identifierTargets: [(Identifier.Kind, TargetPath)] = [
            (.residentIDCard, .residentID), (.healthRecordNumber, .healthRecordNumber),
            (.medicalInsuranceNumber, .medicalInsuranceNumber), (.healthCardNumber, .healthCardNumber),
        ]
        for (kind, target) in identifierTargets {
            if let identifier = resident.identifier(kind) { row.append(.text(identifier.value), for: target) }
        }
        if let phone = resident.telecom.first(where: { $0.system == .phone }) {
            row.append(.text(phone.value), for: .residentPhone)
        }
        if let address = resident.addresses.first {
            let text = address.text ?? address.parts.joined()
            if !text.isEmpty { row.append(.text(text), for: .residentAddress) }
            if let region = address.regionCode {
                row.append(.code(MappedCode(system: nil, code: region)), for: .residentRegion)
            }
        }
        if let value = code(resident.ethnicity, targetSystem: system(of: .residentEthnicity)) {
            row.append(value, for: .residentEthnicity)
        }
        if let value = code(resident.maritalStatus, targetSystem: system(of: .residentMaritalStatus)) {
            row.append(value, for: .residentMaritalStatus)
        }
        if options.tableMapping?.columns.contains(where: { $0.target == .contractPopulationCategory }) ?? false {
            appendKeyPopulations(of: resident, to: &row)
        }
    }

    /// 人群分类 from the resident's key-population flags (`general` without any).
    private func appendKeyPopulations(of resident: Resident, to row: inout MappedRecord) {
        guard !row.entries.contains(where: { $0.target == .contractPopulationCategory }) else { return }
        let system = system(of: .contractPopulationCategory)
        let codes = Self.keyPopulationCodes.filter { resident.keyPopulations.contains($0.flag) }.map(\.code)
        for code in codes.isEmpty ? [Self.generalPopulationCode] : codes {
            row.append(.code(MappedCode(system: system, code: code)), for: .contractPopulationCategory)
        }
    }

    private func append(_ contract: FamilyDoctorContract, to row: inout MappedRecord) {
        if let number = contract.identifiers.first(where: { $0.kind == Self.contractNumberKind })
            ?? contract.identifiers.first
        {
            row.append(.text(number.value), for: .contractIdentifier)
        }
        if let date = contract.start.flatMap(Self.mappedDate) { row.append(.date(date), for: .contractDate) }
        if let date = contract.end.flatMap(Self.mappedDate) { row.append(.date(date), for: .contractEndDate) }
        if let status = code(contract.status, targetSystem: nil) { row.append(status, for: .contractStatus) }
        if let team = contract.team {
            if let name = team.name { row.append(.text(name), for: .contractTeam) }
            if let doctor = team.members.first?.name?.text { row.append(.text(doctor), for: .contractDoctor) }
            if let organization = team.organization?.name {
                row.append(.text(organization), for: .contractOrganization)
            }
        }
        if let package = contract.servicePackage {
            row.append(.text(package.display ?? package.code), for: .contractServicePackage)
        }
        appendKeyPopulations(of: contract.resident ?? Resident(), to: &row)
    }

    private func append(_ visit: FollowUp, to row: inout MappedRecord) {
        let disease = visit.disease == .hypertension ? "I10" : "E14"
        row.append(.code(MappedCode(system: "ICD-10", code: disease)), for: .followUpDisease)
        if let date = visit.date.flatMap(Self.mappedDate) { row.append(.date(date), for: .followUpDate) }
        if let value = code(visit.method, targetSystem: system(of: .followUpMethod)) {
            row.append(value, for: .followUpMethod)
        }
        func integer(_ value: Int?, _ unit: String, _ target: TargetPath) {
            guard let value, let decimal = MappedDecimal(String(value)) else { return }
            row.append(.quantity(MappedQuantity(value: decimal, unit: unit)), for: target)
        }
        func quantity(_ value: Quantity?, _ target: TargetPath) {
            guard let value else { return }
            if let decimal = MappedDecimal(value.value) {
                row.append(.quantity(MappedQuantity(value: decimal, unit: value.ucum ?? value.unit)), for: target)
            } else {
                row.append(.text(value.value), for: target)
            }
        }
        integer(visit.systolic, "mm[Hg]", .systolicPressure)
        integer(visit.diastolic, "mm[Hg]", .diastolicPressure)
        quantity(visit.fastingGlucose, .fastingGlucose)
        quantity(visit.weight, .weight)
        integer(visit.heartRate, "/min", .heartRate)
        if let value = code(visit.medicationAdherence, targetSystem: system(of: .medicationAdherence)) {
            row.append(value, for: .medicationAdherence)
        }
        if let value = code(visit.classification, targetSystem: system(of: .followUpClassification)) {
            row.append(value, for: .followUpClassification)
        }
        if let date = visit.nextDate.flatMap(Self.mappedDate) { row.append(.date(date), for: .followUpNextDate) }
        if let doctor = visit.doctor?.name?.text { row.append(.text(doctor), for: .followUpDoctor) }
    }

    private func labRows(_ report: LabReport) -> [MappedRecord] {
        var common = MappedRecord(location: report.provenance.location)
        if let resident = report.resident { append(resident, to: &common) }
        let order =
            report.identifiers.first { ["FILL", "PLAC"].contains($0.type?.code ?? "") } ?? report.identifiers.first
        if let order { common.append(.text(order.value), for: .labOrderNumber) }
        var rows: [MappedRecord] = []
        for result in report.results {
            var row = common
            row.append(
                .code(
                    MappedCode(system: system(of: .labItemCode), code: result.code.code, display: result.code.display)),
                for: .labItemCode)
            if let name = result.code.display { row.append(.text(name), for: .labItemName) }
            switch result.value {
            case .quantity(let quantity)?:
                if let decimal = MappedDecimal(quantity.value) {
                    row.append(
                        .quantity(MappedQuantity(value: decimal, unit: quantity.ucum ?? quantity.unit)), for: .labValue)
                } else {
                    row.append(.text((quantity.comparator ?? "") + quantity.value), for: .labValue)
                }
                if let unit = quantity.unit ?? quantity.ucum { row.append(.text(unit), for: .labUnit) }
            case .coded(let value)?: row.append(.text(value.display ?? value.code), for: .labValue)
            case .text(let text)?: row.append(.text(text), for: .labValue)
            case nil: break
            }
            if let range = result.referenceRange {
                let text =
                    range.text
                    ?? [range.low, range.high].compactMap { $0 }.joined(separator: "-")
                if !text.isEmpty { row.append(.text(text), for: .labReferenceRange) }
            }
            if let flag = code(result.abnormalFlag, targetSystem: system(of: .labAbnormalFlag)) {
                row.append(flag, for: .labAbnormalFlag)
            }
            if let time = (result.observedAt ?? report.reportedAt).flatMap(Self.mappedDateTime) {
                row.append(.dateTime(time), for: .labReportTime)
            }
            if let specimen = report.specimen?.type {
                row.append(.text(specimen.display ?? specimen.code), for: .labSpecimen)
            }
            if let performer = report.performer?.name?.text { row.append(.text(performer), for: .labPerformer) }
            if let lab = report.laboratory?.name { row.append(.text(lab), for: .labOrganization) }
            restore(report.unmappedFragments + result.unmappedFragments, to: &row)
            rows.append(row)
        }
        return rows
    }

    /// Fragments whose path is a target path (kept by ``models(from:)``) go back into the row.
    private func restore(_ fragments: [UnmappedFragment], to row: inout MappedRecord) {
        for fragment in fragments {
            if fragment.path.hasPrefix("column:") {
                row.otherCells.append(
                    MappedRecord.Cell(column: String(fragment.path.dropFirst(7)), text: fragment.text))
                continue
            }
            guard let target = TargetPath(rawValue: fragment.path) else { continue }
            let kind = options.tableMapping?.columns.first { $0.target == target }?.kind ?? target.defaultKind
            switch kind {
            case .boolean where fragment.text == "true" || fragment.text == "false":
                row.append(.boolean(fragment.text == "true"), for: target)
            case .date:
                if let date = CalendarDate(fragment.text).flatMap(Self.mappedDate) {
                    row.append(.date(date), for: target)
                } else {
                    row.append(.text(fragment.text), for: target)
                }
            default:
                row.append(.text(fragment.text), for: target)
            }
        }
    }

    // MARK: Dates

    /// A model date as a table date.
    public static func mappedDate(_ date: CalendarDate) -> MappedDate? {
        MappedDate(year: date.year, month: date.month, day: date.day)
    }

    /// A timestamp (`yyyyMMddHHmm[ss]`, ISO 8601 or a date alone) as a table date-time; `nil` without a time.
    public static func mappedDateTime(_ timestamp: Timestamp) -> MappedDateTime? {
        var digits: [Int] = []
        for (index, byte) in timestamp.text.utf8.enumerated() {
            if byte >= 0x30 && byte <= 0x39 {
                digits.append(Int(byte - 0x30))
            } else if byte == 0x2D && index < 10 || byte == 0x54 || byte == 0x3A || byte == 0x20 {
                continue
            } else {
                break
            }
            if digits.count == 14 { break }
        }
        guard digits.count >= 12 else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        guard let date = MappedDate(year: number(0..<4), month: number(4..<6), day: number(6..<8)) else { return nil }
        return MappedDateTime(
            date: date, hour: number(8..<10), minute: number(10..<12),
            second: digits.count >= 14 ? number(12..<14) : nil)
    }

    /// A table date-time as a compact HL7-style timestamp `yyyyMMddHHmm[ss]`.
    public static func timestamp(_ time: MappedDateTime) -> Timestamp {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let date = time.date
        return Timestamp(
            pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2) + pad(time.hour, 2) + pad(time.minute, 2)
                + (time.second.map { pad($0, 2) } ?? ""))
    }
}
