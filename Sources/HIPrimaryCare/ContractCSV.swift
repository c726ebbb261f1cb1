public import HICore
public import HIModels
public import HITabular

/// Contracts as the flat table a platform exports (签约居民名单): one row per contract, through a
/// ``TableMapping`` (``mapping``, a superset of HITabular's built-in `contract-list`, so files in that
/// shape import too). The table carries the resident (name, sex, birth date, ID number, phone, address), the
/// contract number, dates, status and reason, team, lead doctor, organisation, package names and codes,
/// key populations and notes; package items come from the ``ServicePackageCatalog`` by package code.
/// 开始日期 and 截止日期 are the current period (the last renewal's, when the contract was renewed).
/// Family units, renewals, consent and member roles have no column: use the JSON or FHIR shape for those.
///
/// ```swift
/// let bytes = try ContractCSV.encode(contracts)
/// let result = try ContractCSV.decode(bytes, file: "contracts.csv")
/// print(result.contracts.count, result.issues.count)
/// ```
public enum ContractCSV {
    /// The `contract-export` mapping (column names as platforms write them).
    public static let mapping: TableMapping = {
        // The literal is tested (ContractCSVTests); an empty mapping would only appear if it broke.
        (try? TableMapping(json: Array(mappingJSON.utf8))) ?? TableMapping(name: "invalid", columns: [])
    }()

    /// The column names in written order.
    public static let columns = [
        "签约编号", "姓名", "性别", "出生日期", "身份证号", "联系电话", "现住址", "签约日期", "开始日期", "截止日期", "签约状态",
        "状态原因", "签约医生", "签约团队", "签约机构", "服务包", "服务包编码", "人群分类", "备注",
    ]

    /// The result of reading a table: the contracts of the accepted rows and every issue (rejected rows
    /// included, located by row).
    ///
    /// ```swift
    /// let result = try ContractCSV.decode(bytes)
    /// if result.issues.containsErrors { print(result.issues) }
    /// ```
    public struct ReadResult: Sendable {
        /// The contracts, in row order.
        public var contracts: [FamilyDoctorContract]
        /// File, binding and row issues.
        public var issues: [Issue]
    }

    /// Writes contracts as CSV (UTF-8 with a BOM for spreadsheet programs, CRLF, by default).
    /// - Throws: ``ContractError`` `.invalidValue` when a cell cannot be encoded in the dialect's charset.
    public static func encode(
        _ contracts: [FamilyDoctorContract],
        dialect: TableDialect = TableDialect(delimiter: .comma, charset: .utf8, byteOrderMark: true)
    ) throws(ContractError) -> [UInt8] {
        var writer = TableWriter(dialect: dialect)
        do {
            try writer.writeRow(columns)
            for contract in contracts { try writer.writeRow(row(contract)) }
        } catch {
            throw ContractError(.invalidValue, "cannot write the table: \(error.reason)")
        }
        return writer.takeBytes()
    }

    static func row(_ contract: FamilyDoctorContract) -> [String] {
        let resident = contract.resident
        // The current period: the last renewal's when there is one (a flat list shows what is in force).
        let current = contract.renewals.last.flatMap(ContractPeriod.period) ?? ContractPeriod.initialPeriod(contract)
        let sex: String =
            switch resident?.sex?.code {
            case "1": "男"
            case "2": "女"
            case "0": "未知"
            case "9": "未说明"
            default: ""
            }
        return [
            contract.identifiers.first?.value ?? "", resident?.names.first?.text ?? "", sex,
            resident?.birthDate?.description ?? "", resident?.identifier(.residentIDCard)?.value ?? "",
            resident?.telecom.first { $0.system == .phone }?.value ?? "",
            resident?.addresses.first.map { $0.text ?? $0.parts.joined() } ?? "", contract.signedOn?.description ?? "",
            current?.lowerBound.description ?? contract.start?.description ?? "", current?.upperBound.description ?? "",
            contract.lifecycleStatus?.display ?? contract.status?.display ?? contract.status?.code ?? "",
            contract.statusReason?.display ?? contract.statusReason?.code ?? "",
            contract.leadDoctor?.name?.text ?? "", contract.team?.name ?? "", contract.team?.organization?.name ?? "",
            contract.packages.map { $0.name ?? $0.code }.joined(separator: "、"),
            contract.packages.map(\.code).joined(separator: "、"),
            contract.keyPopulations.map { KeyPopulationCategory.coded($0.code)?.display ?? $0.display ?? $0.code }
                .joined(separator: "、"),
            contract.notes.joined(separator: "；"),
        ]
    }

    /// Reads a contract table (this shape or the built-in `contract-list` one; UTF-8 or GB18030, any
    /// delimiter).
    /// - Throws: ``ContractError`` `.unreadableInput` when the table cannot be read or lacks a required column.
    public static func decode(
        _ bytes: [UInt8], file: String? = nil, catalog: ServicePackageCatalog = .builtIn,
        mapping: TableMapping = ContractCSV.mapping
    ) throws(ContractError) -> ReadResult {
        var options = TableReadingOptions()
        options.fileName = file
        var importer: TableImporter
        do {
            importer = try TableImporter(reader: TableReader(bytes: bytes, options: options), mapping: mapping)
        } catch {
            throw ContractError(.unreadableInput, error.reason, at: error.location)
        }
        var result = ReadResult(contracts: [], issues: importer.fileIssues)
        while true {
            let row: ImportedRow?
            do {
                row = try importer.next()
            } catch {
                throw ContractError(.unreadableInput, error.reason, at: error.location)
            }
            guard let row else { break }
            result.issues += row.issues
            guard !row.isRejected, let record = row.record else { continue }
            result.contracts.append(contract(record, catalog: catalog, file: file, row: row.rowNumber))
        }
        return result
    }

    static func date(_ value: MappedValue?) -> CalendarDate? {
        guard let date = value?.date else { return nil }
        return CalendarDate(year: date.year, month: date.month, day: date.day)
    }

    static func text(_ record: MappedRecord, _ path: String) -> String? {
        guard let target = TargetPath(rawValue: path), let value = record[target] else { return nil }
        switch value {
        case .text(let text): return text.isEmpty ? nil : text
        case .code(let code): return code.display ?? code.code
        default: return value.description
        }
    }

    static func values(_ record: MappedRecord, _ path: String) -> [MappedValue] {
        guard let target = TargetPath(rawValue: path) else { return [] }
        return record.values(for: target)
    }

    static func split(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { $0 == "、" || $0 == ";" || $0 == "；" }).map {
            String($0).trimmingSpaces()
        }.filter { !$0.isEmpty }
    }

    static func contract(_ record: MappedRecord, catalog: ServicePackageCatalog, file: String?, row: Int)
        -> FamilyDoctorContract
    {
        var contract = FamilyDoctorContract(provenance: Provenance(location: SourceLocation(file: file, record: row)))
        if let number = text(record, "contract.identifier") {
            contract.identifiers = [Identifier(kind: .other, value: number)]
        }
        var resident = Resident(provenance: contract.provenance)
        if let name = text(record, "resident.name") { resident.names = [PersonName(text: name)] }
        if let sex = values(record, "resident.sex").first?.code {
            resident.sex = CodedValue(system: "gb-t-2261.1", code: sex.code, display: sex.display)
        }
        resident.birthDate = date(values(record, "resident.birthDate").first)
        if let id = text(record, "resident.identifiers[residentID]") {
            resident.identifiers = [Identifier(kind: .residentIDCard, value: id)]
        }
        if let phone = text(record, "resident.phone") {
            resident.telecom = [ContactPoint(system: .phone, value: phone)]
        }
        if let address = text(record, "resident.address") { resident.addresses = [Address(text: address)] }
        contract.resident = resident
        contract.signedOn = date(values(record, "contract.date").first)
        contract.start = CalendarDate(text(record, "extension.contractStart") ?? "") ?? contract.signedOn
        contract.end = date(values(record, "contract.endDate").first)
        if let status = values(record, "contract.status").first?.code {
            contract.status =
                ContractStatus(rawValue: status.code)?.codedValue
                ?? CodedValue(system: status.system ?? "local", code: status.code, display: status.display)
        }
        if let reason = text(record, "extension.statusReason") {
            contract.statusReason = CodedValue(system: "local", code: reason, display: reason)
        }
        if let doctor = text(record, "contract.doctor") {
            contract.leadDoctor = Practitioner(name: PersonName(text: doctor))
        }
        let organization = text(record, "contract.organization").map { Organization(name: $0) }
        if let team = text(record, "contract.team") {
            contract.team = CareTeam(name: team, organization: organization)
        } else if let organization {
            contract.team = CareTeam(organization: organization)
        }
        let names = split(text(record, "contract.servicePackage"))
        let codes = split(text(record, "extension.packageCodes"))
        for index in 0..<max(names.count, codes.count) {
            let code = index < codes.count ? codes[index] : nil
            let name = index < names.count ? names[index] : nil
            if let code, var known = catalog.package(code) {
                if let name { known.name = name }
                contract.packages.append(known)
            } else if let known = catalog.packages.first(where: { $0.name == name && name != nil }) {
                contract.packages.append(known)
            } else {
                contract.packages.append(ServicePackage(code: code ?? name ?? "", name: name, system: "local"))
            }
        }
        for value in values(record, "contract.populationCategory") {
            guard let code = value.code, code.code != KeyPopulationCategory.general.code else { continue }
            contract.keyPopulations.append(
                KeyPopulationCategory.coded(code.code)?.codedValue
                    ?? CodedValue(system: KeyPopulationCategory.system, code: code.code, display: code.display))
        }
        contract.notes = values(record, "contract.note").compactMap(\.text).filter { !$0.isEmpty }
        return contract
    }

    static let mappingJSON = #"""
        {
          "name": "contract-export",
          "title": "签约居民名单（含签约编号、状态、服务包编码）contract export",
          "columns": [
            { "column": "签约编号", "aliases": ["协议编号", "签约协议号"], "target": "contract.identifier" },
            { "column": "姓名", "aliases": ["居民姓名", "签约居民"], "target": "resident.name", "required": true },
            { "column": "性别", "target": "resident.sex", "type": "code", "system": "GB/T 2261.1",
              "values": [
                { "local": "男", "code": "1", "display": "男性" }, { "local": "男性", "code": "1", "display": "男性" },
                { "local": "女", "code": "2", "display": "女性" }, { "local": "女性", "code": "2", "display": "女性" },
                { "local": "未知", "code": "0", "display": "未知的性别" },
                { "local": "未说明", "code": "9", "display": "未说明的性别" } ] },
            { "column": "出生日期", "target": "resident.birthDate", "type": "date",
              "formats": ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy年M月d日"] },
            { "column": "身份证号", "aliases": ["身份证号码", "证件号码"], "target": "resident.identifiers[residentID]",
              "required": true },
            { "column": "联系电话", "aliases": ["手机号码", "电话"], "target": "resident.phone" },
            { "column": "现住址", "aliases": ["住址", "家庭住址"], "target": "resident.address" },
            { "column": "签约日期", "aliases": ["签约时间"], "target": "contract.date", "type": "date", "required": true,
              "formats": ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy年M月d日"] },
            { "column": "开始日期", "aliases": ["生效日期"], "target": "extension.contractStart" },
            { "column": "截止日期", "aliases": ["到期日期", "结束日期"], "target": "contract.endDate", "type": "date",
              "formats": ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy年M月d日"] },
            { "column": "签约状态", "aliases": ["状态"], "target": "contract.status", "type": "code",
              "system": "urn:healthinterchange:contract-status",
              "values": [
                { "local": "已签约", "code": "signed", "display": "已签约" },
                { "local": "履约中", "code": "active", "display": "履约中" },
                { "local": "有效", "code": "active", "display": "履约中" },
                { "local": "已续约", "code": "renewed", "display": "已续约" },
                { "local": "已解约", "code": "terminated", "display": "已解约" },
                { "local": "解约", "code": "terminated", "display": "已解约" },
                { "local": "已到期", "code": "expired", "display": "已到期" },
                { "local": "到期", "code": "expired", "display": "已到期" } ] },
            { "column": "状态原因", "aliases": ["解约原因"], "target": "extension.statusReason" },
            { "column": "签约医生", "aliases": ["家庭医生"], "target": "contract.doctor" },
            { "column": "签约团队", "aliases": ["团队名称"], "target": "contract.team" },
            { "column": "签约机构", "aliases": ["机构名称"], "target": "contract.organization" },
            { "column": "服务包", "aliases": ["服务包名称"], "target": "contract.servicePackage" },
            { "column": "服务包编码", "target": "extension.packageCodes" },
            { "column": "人群分类", "aliases": ["重点人群"], "target": "contract.populationCategory", "type": "code",
              "system": "urn:healthinterchange:key-population", "separator": "、", "default": "一般人群",
              "values": [
                { "local": "一般人群", "code": "general" }, { "local": "老年人", "code": "elderly" },
                { "local": "高血压", "code": "hypertension" }, { "local": "糖尿病", "code": "diabetes" },
                { "local": "2型糖尿病", "code": "diabetes" },
                { "local": "孕产妇", "code": "maternal" }, { "local": "0-6岁儿童", "code": "child" },
                { "local": "儿童", "code": "child" },
                { "local": "严重精神障碍", "code": "severe-mental-disorder" },
                { "local": "肺结核", "code": "tuberculosis" }, { "local": "结核病", "code": "tuberculosis" },
                { "local": "残疾人", "code": "disabled" },
                { "local": "建档立卡贫困人口", "code": "poverty" },
                { "local": "计划生育特殊家庭", "code": "family-planning-special" } ] },
            { "column": "备注", "target": "contract.note" }
          ]
        }
        """#
}

extension String {
    /// The text without leading and trailing spaces (ASCII and ideographic).
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\u{3000}" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\u{3000}" { scalars.removeLast() }
        return String(scalars)
    }
}
