/// Where a column's value goes in the domain models: a dotted path such as `resident.name`,
/// `resident.identifiers[residentID]` or `followUp.bloodPressure.systolic`.
///
/// The vocabulary below is what the resident, contract, follow-up and lab-result models take from a table;
/// a mapping file naming any other path is rejected (`HI-TAB-0107`), except paths under `extension.`, which
/// are carried as they are for site-specific columns. Each path has a default ``ValueKind`` used when a
/// mapping column gives no `type`.
///
/// ```swift
/// let path = TargetPath(rawValue: "resident.sex")!      // == .residentSex
/// print(path.defaultKind)                               // code
/// print(TargetPath(rawValue: "resident.shoeSize"))      // nil
/// print(TargetPath(rawValue: "extension.村医编号")!)     // a site-specific path
/// ```
public struct TargetPath: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// A path from the vocabulary, or any `extension.<name>` path; `nil` otherwise.
    public init?(rawValue: String) {
        if TargetPath.defaultKinds[rawValue] == nil {
            guard rawValue.hasPrefix("extension."), rawValue.utf8.count > 10,
                !rawValue.utf8.contains(where: { $0 == 0x20 || $0 < 0x20 })
            else { return nil }
        }
        self.rawValue = rawValue
    }

    private init(known: String, _ kind: ValueKind) { self.rawValue = known }

    public var description: String { rawValue }
    public static func < (lhs: TargetPath, rhs: TargetPath) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The kind of value the path takes when a mapping does not say (`text` for `extension.` paths).
    public var defaultKind: ValueKind { TargetPath.defaultKinds[rawValue] ?? .text }

    /// Every path of the vocabulary with its default kind.
    public static let vocabulary: [TargetPath] = entries.map { TargetPath(known: $0.0, $0.1) }

    private static let defaultKinds: [String: ValueKind] = Dictionary(uniqueKeysWithValues: entries)

    // The vocabulary: path, default kind. Keep in step with the static constants below.
    private static let entries: [(String, ValueKind)] = [
        ("resident.name", .text), ("resident.sex", .code), ("resident.birthDate", .date),
        ("resident.identifiers[residentID]", .text), ("resident.identifiers[healthRecordNumber]", .text),
        ("resident.identifiers[medicalInsurance]", .text), ("resident.identifiers[healthCard]", .text),
        ("resident.phone", .text), ("resident.address", .text), ("resident.address.region", .code),
        ("resident.ethnicity", .code), ("resident.maritalStatus", .code),
        ("contract.identifier", .text), ("contract.date", .date), ("contract.endDate", .date),
        ("contract.status", .code), ("contract.team", .text), ("contract.doctor", .text),
        ("contract.organization", .text), ("contract.servicePackage", .text),
        ("contract.populationCategory", .code), ("contract.note", .text),
        ("followUp.date", .date), ("followUp.method", .code), ("followUp.disease", .code),
        ("followUp.bloodPressure.systolic", .quantity), ("followUp.bloodPressure.diastolic", .quantity),
        ("followUp.fastingGlucose", .quantity), ("followUp.weight", .quantity), ("followUp.height", .quantity),
        ("followUp.heartRate", .quantity), ("followUp.medicationAdherence", .code),
        ("followUp.classification", .code), ("followUp.nextDate", .date), ("followUp.doctor", .text),
        ("followUp.note", .text),
        ("labResult.orderNumber", .text), ("labResult.itemCode", .code), ("labResult.itemName", .text),
        ("labResult.value", .quantity), ("labResult.unit", .text), ("labResult.referenceRange", .text),
        ("labResult.abnormalFlag", .code), ("labResult.reportTime", .dateTime),
        ("labResult.specimen", .text), ("labResult.performer", .text), ("labResult.organization", .text),
    ]

    /// 姓名.
    public static let residentName = TargetPath(known: "resident.name", .text)
    /// 性别, GB/T 2261.1.
    public static let residentSex = TargetPath(known: "resident.sex", .code)
    /// 出生日期.
    public static let residentBirthDate = TargetPath(known: "resident.birthDate", .date)
    /// 身份证号 (GB 11643 resident ID).
    public static let residentID = TargetPath(known: "resident.identifiers[residentID]", .text)
    /// 健康档案编号.
    public static let healthRecordNumber = TargetPath(known: "resident.identifiers[healthRecordNumber]", .text)
    /// 医保卡号.
    public static let medicalInsuranceNumber = TargetPath(known: "resident.identifiers[medicalInsurance]", .text)
    /// 居民健康卡号.
    public static let healthCardNumber = TargetPath(known: "resident.identifiers[healthCard]", .text)
    /// 联系电话.
    public static let residentPhone = TargetPath(known: "resident.phone", .text)
    /// 现住址 (free text).
    public static let residentAddress = TargetPath(known: "resident.address", .text)
    /// 行政区划代码, GB/T 2260.
    public static let residentRegion = TargetPath(known: "resident.address.region", .code)
    /// 民族, GB 3304.
    public static let residentEthnicity = TargetPath(known: "resident.ethnicity", .code)
    /// 婚姻状况, GB/T 2261.2.
    public static let residentMaritalStatus = TargetPath(known: "resident.maritalStatus", .code)
    /// 签约编号.
    public static let contractIdentifier = TargetPath(known: "contract.identifier", .text)
    /// 签约日期.
    public static let contractDate = TargetPath(known: "contract.date", .date)
    /// 到期日期.
    public static let contractEndDate = TargetPath(known: "contract.endDate", .date)
    /// 签约状态.
    public static let contractStatus = TargetPath(known: "contract.status", .code)
    /// 签约团队.
    public static let contractTeam = TargetPath(known: "contract.team", .text)
    /// 签约医生.
    public static let contractDoctor = TargetPath(known: "contract.doctor", .text)
    /// 签约机构.
    public static let contractOrganization = TargetPath(known: "contract.organization", .text)
    /// 服务包.
    public static let contractServicePackage = TargetPath(known: "contract.servicePackage", .text)
    /// 人群分类 (key population; repeats when a cell lists several).
    public static let contractPopulationCategory = TargetPath(known: "contract.populationCategory", .code)
    /// 备注.
    public static let contractNote = TargetPath(known: "contract.note", .text)
    /// 随访日期.
    public static let followUpDate = TargetPath(known: "followUp.date", .date)
    /// 随访方式 (WS 364 CV06.00.207).
    public static let followUpMethod = TargetPath(known: "followUp.method", .code)
    /// 疾病类型 (ICD-10).
    public static let followUpDisease = TargetPath(known: "followUp.disease", .code)
    /// 收缩压 (mm[Hg]).
    public static let systolicPressure = TargetPath(known: "followUp.bloodPressure.systolic", .quantity)
    /// 舒张压 (mm[Hg]).
    public static let diastolicPressure = TargetPath(known: "followUp.bloodPressure.diastolic", .quantity)
    /// 空腹血糖 (mmol/L).
    public static let fastingGlucose = TargetPath(known: "followUp.fastingGlucose", .quantity)
    /// 体重 (kg).
    public static let weight = TargetPath(known: "followUp.weight", .quantity)
    /// 身高 (cm).
    public static let height = TargetPath(known: "followUp.height", .quantity)
    /// 心率 (/min).
    public static let heartRate = TargetPath(known: "followUp.heartRate", .quantity)
    /// 服药依从性.
    public static let medicationAdherence = TargetPath(known: "followUp.medicationAdherence", .code)
    /// 此次随访分类.
    public static let followUpClassification = TargetPath(known: "followUp.classification", .code)
    /// 下次随访日期.
    public static let followUpNextDate = TargetPath(known: "followUp.nextDate", .date)
    /// 随访医生.
    public static let followUpDoctor = TargetPath(known: "followUp.doctor", .text)
    /// 随访备注.
    public static let followUpNote = TargetPath(known: "followUp.note", .text)
    /// 检验单号.
    public static let labOrderNumber = TargetPath(known: "labResult.orderNumber", .text)
    /// 检验项目代码.
    public static let labItemCode = TargetPath(known: "labResult.itemCode", .code)
    /// 检验项目名称.
    public static let labItemName = TargetPath(known: "labResult.itemName", .text)
    /// 结果 (a quantity, or text for qualitative results).
    public static let labValue = TargetPath(known: "labResult.value", .quantity)
    /// 单位 (as written).
    public static let labUnit = TargetPath(known: "labResult.unit", .text)
    /// 参考范围.
    public static let labReferenceRange = TargetPath(known: "labResult.referenceRange", .text)
    /// 异常标志 (HL7 table 0078).
    public static let labAbnormalFlag = TargetPath(known: "labResult.abnormalFlag", .code)
    /// 报告时间.
    public static let labReportTime = TargetPath(known: "labResult.reportTime", .dateTime)
    /// 标本类型.
    public static let labSpecimen = TargetPath(known: "labResult.specimen", .text)
    /// 检验者.
    public static let labPerformer = TargetPath(known: "labResult.performer", .text)
    /// 检验机构.
    public static let labOrganization = TargetPath(known: "labResult.organization", .text)
}

/// The kind of value a mapped column produces.
///
/// ```swift
/// let kind = ValueKind(rawValue: "quantity")   // .quantity
/// ```
public enum ValueKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Text as written.
    case text
    /// A code (system, code, display), through the column's value map.
    case code
    /// A calendar date.
    case date
    /// A date with a time of day.
    case dateTime
    /// A decimal number, its exact text kept.
    case decimal
    /// A decimal with a unit.
    case quantity
    /// `true`/`false`, through the column's true and false lists.
    case boolean
}
