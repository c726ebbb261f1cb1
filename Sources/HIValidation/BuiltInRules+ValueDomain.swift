import HICore
import HIModels

extension BuiltInRules {
    /// A rule that checks the coded values `values` returns against the profile's bound tables.
    static func binding(
        _ id: IssueCode, _ title: String, _ chineseTitle: String, tables: [String],
        appliesTo: Set<ValidationSubject.Kind> = [],
        values: @escaping @Sendable (ValidationSubject, RecordCache) -> [(ModelPath, CodedValue)]
    ) -> ValidationRule {
        ValidationRule(
            id: id, level: .valueDomain, severity: .error, title: title, chineseTitle: chineseTitle,
            appliesTo: appliesTo, defaultTables: tables
        ) { subject, context in
            for (path, value) in values(subject, context.record) where !ElementCatalog.isBlank(value.code) {
                if let failure = CodeBinding.check(value, bound: context.boundTables, resources: context.resources) {
                    context.report(
                        path.text, failure.message, chinese: failure.chinese, expected: failure.expected,
                        found: failure.found)
                }
            }
        }
    }

    static func residentValue(_ name: String, _ read: @escaping @Sendable (Resident) -> CodedValue?)
        -> @Sendable (ValidationSubject, RecordCache) -> [(ModelPath, CodedValue)]
    {
        { _, record in
            guard let (resident, path) = record.resident, let value = read(resident) else { return [] }
            return [(ModelPath(path + "." + name), value)]
        }
    }

    static let valueDomainRules: [ValidationRule] = [
        binding(
            "HI-VAL-0301", "Sex code in the bound table (GB/T 2261.1, HL7 0001, FHIR gender)", "性别代码符合 GB/T 2261.1",
            tables: ["gb-t-2261.1", "hl7-0001", "fhir-administrative-gender"], values: residentValue("sex") { $0.sex }),
        binding(
            "HI-VAL-0302", "Marital status code in the bound table (GB/T 2261.2, HL7 0002, v3)", "婚姻状况代码符合 GB/T 2261.2",
            tables: ["gb-t-2261.2", "hl7-0002", "v3-MaritalStatus"],
            values: residentValue("maritalStatus") { $0.maritalStatus }),
        binding(
            "HI-VAL-0303", "Ethnicity code in GB 3304", "民族代码符合 GB 3304", tables: ["gb-3304"],
            values: residentValue("ethnicity") { $0.ethnicity }),
        binding(
            "HI-VAL-0304", "Abnormal flag in HL7 0078 / v3 ObservationInterpretation", "异常标志代码符合 HL7 0078",
            tables: ["hl7-0078", "v3-ObservationInterpretation"], appliesTo: [.labReport]
        ) { _, record in
            guard record.isLabReport else { return [] }
            return record.labReport.results.indices.compactMap { index in
                record.labReport.results[index].abnormalFlag.map {
                    (ModelPath("labReport.results", index, "abnormalFlag"), $0)
                }
            }
        },
        binding(
            "HI-VAL-0305", "Result status in HL7 0085 / FHIR observation-status", "结果状态代码符合 HL7 0085",
            tables: ["hl7-0085", "fhir-observation-status"], appliesTo: [.labReport]
        ) { _, record in
            guard record.isLabReport else { return [] }
            var values = record.labReport.results.indices.compactMap { index in
                record.labReport.results[index].status.map { (ModelPath("labReport.results", index, "status"), $0) }
            }
            if let status = record.labReport.status { values.insert((ModelPath("labReport.status"), status), at: 0) }
            return values
        },
        binding(
            "HI-VAL-0306", "Follow-up method in WS 364 (随访方式)", "随访方式代码符合 WS 364",
            tables: ["ws364-follow-up-method"], appliesTo: [.followUp]
        ) { subject, _ in
            guard case .followUp(let visit) = subject, let value = visit.method else { return [] }
            return [(ModelPath("followUp.method"), value)]
        },
        binding(
            "HI-VAL-0307", "Follow-up classification in WS 364 (此次随访分类)", "此次随访分类代码符合 WS 364",
            tables: ["ws364-follow-up-classification"], appliesTo: [.followUp]
        ) { subject, _ in
            guard case .followUp(let visit) = subject, let value = visit.classification else { return [] }
            return [(ModelPath("followUp.classification"), value)]
        },
        binding(
            "HI-VAL-0309", "Medication adherence in WS 364 (服药依从性)", "服药依从性代码符合 WS 364",
            tables: ["ws364-medication-adherence"], appliesTo: [.followUp]
        ) { subject, _ in
            guard case .followUp(let visit) = subject, let value = visit.medicationAdherence else { return [] }
            return [(ModelPath("followUp.medicationAdherence"), value)]
        },
        ValidationRule(
            id: "HI-VAL-0308", level: .valueDomain, severity: .error, title: "Units known in the UCUM table",
            chineseTitle: "计量单位可映射到 UCUM", defaultTables: ["ucum", "cn-lab-unit"]
        ) { subject, context in
            // UCUM codes count when `ucum` is bound, table spellings (`×10^9/L`) when `cn-lab-unit` is.
            let acceptsUCUM = context.boundTables.contains("ucum")
            let acceptsSpellings = context.boundTables.contains("cn-lab-unit")
            let expected = "a unit of the " + context.boundTables.joined(separator: " / ") + " tables"
            func known(_ unit: String, _ context: RuleContext) -> Bool {
                (acceptsUCUM && context.resources.ucumCodes.contains(unit))
                    || (acceptsSpellings && context.resources.unitSpellings.contains(unit))
            }
            func check(_ path: ModelPath, _ unit: String?, _ ucum: String?, _ context: inout RuleContext) {
                if let ucum, !ElementCatalog.isBlank(ucum) {
                    if !acceptsUCUM || !context.resources.ucumCodes.contains(ucum) {
                        context.report(
                            path.text + ".unit", "use a UCUM code from the unit table", chinese: "请使用单位表中的 UCUM 单位",
                            expected: expected,
                            found: "UCUM " + quoted(ucum))
                    }
                    return
                }
                guard let unit, !ElementCatalog.isBlank(unit) else { return }
                if !known(unit, context) {
                    context.report(
                        path.text + ".unit", "write the unit as UCUM or a spelling the unit table maps to UCUM",
                        chinese: "计量单位无法映射到 UCUM，请更正",
                        expected: expected,
                        found: "unit " + quoted(unit))
                }
            }
            for (path, quantity) in Quantities.all(in: subject, context.record) {
                check(path, quantity.unit, quantity.ucum, &context)
            }
            if context.record.isLabReport {
                let record = context.record
                for index in record.labReport.results.indices {
                    guard let unit = record.labReport.results[index].referenceRange?.unit else { continue }
                    check(ModelPath("labReport.results", index, "referenceRange"), unit, nil, &context)
                }
            }
        },
        ValidationRule(
            id: "HI-VAL-0310", level: .valueDomain, severity: .warning,
            title: "Resident ID region code in GB/T 2260 (current or retired, not retired before the birth)",
            chineseTitle: "身份证号码地址码符合 GB/T 2260"
        ) { subject, context in
            guard let (resident, path) = context.record.resident else { return }
            for (index, identifier) in resident.identifiers.enumerated() where identifier.kind == .residentIDCard {
                guard let number = try? parseID(identifier.value, context) else { continue }
                for issue in number.issues where issue.code == "HI-ID-0004" || issue.code == "HI-ID-0009" {
                    context.report(
                        path + ".identifiers[\(index)]",
                        issue.code == "HI-ID-0004"
                            ? "check digits 1–6 of the resident ID number: they are in no GB/T 2260 revision"
                            : "check the resident ID number: its region was retired before the birth date",
                        chinese: "身份证号码地址码（前6位）不在 GB/T 2260 中或在出生前已撤销，请核对",
                        expected: "a GB/T 2260 region code valid at the birth date",
                        found: number.masked)
                }
            }
        },
    ]
}
