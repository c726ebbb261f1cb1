public import HIModels

/// Key-population categories (重点人群分类) of family-doctor contracts, with the codes the platform export
/// and the built-in `contract-list` table mapping use.
///
/// Source: 国家基本公共卫生服务规范（第三版）(国家卫生计生委, 2017) for the managed populations (老年人 = 65岁及以上,
/// 0-6岁儿童, 孕产妇, 高血压, 2型糖尿病, 严重精神障碍, 肺结核); 《关于规范家庭医生签约服务管理的指导意见》
/// (国卫基层发〔2018〕35号) for 残疾人, 建档立卡贫困人口 and 计划生育特殊家庭. The codes themselves are this library's
/// (no national code list exists); they match `HITabular`'s `contract-list` mapping.
///
/// ```swift
/// let category = KeyPopulationCategory.named("高血压")     // .hypertension
/// print(category?.codedValue.code ?? "")                   // hypertension
/// ```
public struct KeyPopulationCategory: Hashable, Sendable {
    /// The code (`hypertension`, `elderly`, …).
    public let code: String
    /// The Chinese display.
    public let display: String
    /// Other spellings found in platform exports.
    public let aliases: [String]
    /// The matching flag of `Resident.keyPopulations`, when there is one.
    public let flag: KeyPopulation?

    /// The code system URI.
    public static let system = "urn:healthinterchange:key-population"

    /// 一般人群.
    public static let general = Self(code: "general", display: "一般人群", aliases: [], flag: nil)
    /// 老年人 (65岁及以上).
    public static let elderly = Self(code: "elderly", display: "老年人", aliases: ["65岁及以上老年人"], flag: .elderly)
    /// 高血压患者.
    public static let hypertension = Self(
        code: "hypertension", display: "高血压", aliases: ["高血压患者"], flag: .hypertension)
    /// 2型糖尿病患者.
    public static let diabetes = Self(
        code: "diabetes", display: "2型糖尿病", aliases: ["糖尿病", "2型糖尿病患者"], flag: .diabetes)
    /// 孕产妇.
    public static let maternal = Self(code: "maternal", display: "孕产妇", aliases: [], flag: .pregnant)
    /// 0-6岁儿童.
    public static let child = Self(code: "child", display: "0-6岁儿童", aliases: ["儿童", "0~6岁儿童"], flag: .child)
    /// 严重精神障碍患者.
    public static let severeMentalDisorder = Self(
        code: "severe-mental-disorder", display: "严重精神障碍", aliases: ["严重精神障碍患者"],
        flag: .severeMentalIllness)
    /// 肺结核患者.
    public static let tuberculosis = Self(
        code: "tuberculosis", display: "结核病", aliases: ["肺结核", "肺结核患者"], flag: .tuberculosis)
    /// 残疾人.
    public static let disabled = Self(code: "disabled", display: "残疾人", aliases: [], flag: .disabled)
    /// 建档立卡贫困人口.
    public static let poverty = Self(
        code: "poverty", display: "建档立卡贫困人口", aliases: ["贫困人口"], flag: .poverty)
    /// 计划生育特殊家庭.
    public static let familyPlanningSpecial = Self(
        code: "family-planning-special", display: "计划生育特殊家庭", aliases: [], flag: nil)

    /// Every category, in the order of the sources.
    public static let all: [KeyPopulationCategory] = [
        general, elderly, hypertension, diabetes, maternal, child, severeMentalDisorder, tuberculosis, disabled,
        poverty, familyPlanningSpecial,
    ]

    /// The category with this code.
    public static func coded(_ code: String) -> KeyPopulationCategory? { all.first { $0.code == code } }

    /// The category with this display or alias (or code).
    public static func named(_ text: String) -> KeyPopulationCategory? {
        all.first { $0.display == text || $0.code == text || $0.aliases.contains(text) }
    }

    /// The category as a coded value.
    public var codedValue: CodedValue { CodedValue(system: Self.system, code: code, display: display) }
}

/// The service packages and items a platform offers: validation checks contract items against it, and the
/// follow-up schedule takes item frequencies from it when a contract item has none.
///
/// The built-in catalog follows the basic package of 国家基本公共卫生服务规范（第三版）(2017) (annual health check
/// for the elderly, quarterly hypertension and type 2 diabetes follow-up, severe mental disorder follow-up at
/// least 4 times a year, health education) and a typical personalised chronic-disease package; the codes are
/// this library's. Platforms load their own with ``init(packages:)``.
///
/// ```swift
/// let catalog = ServicePackageCatalog.builtIn
/// print(catalog.item("FU-HTN")?.frequency?.intervalDays ?? 0)   // 91
/// ```
public struct ServicePackageCatalog: Hashable, Sendable {
    /// The packages, by code.
    public var packages: [ServicePackage]

    /// A catalog of these packages.
    public init(packages: [ServicePackage]) { self.packages = packages }

    /// The package with this code.
    public func package(_ code: String) -> ServicePackage? { packages.first { $0.code == code } }

    /// The item with this code in any package.
    public func item(_ code: String) -> ServiceItem? {
        for package in packages {
            if let item = package.items.first(where: { $0.code == code }) { return item }
        }
        return nil
    }

    /// Item codes of follow-ups by disease: the items whose presence in a contract makes the resident due for
    /// that follow-up.
    public static let followUpItems: [FollowUp.Disease: String] = [.hypertension: "FU-HTN", .diabetes: "FU-T2DM"]

    /// The built-in catalog.
    public static let builtIn = ServicePackageCatalog(packages: [
        ServicePackage(
            code: "JC01", name: "基础服务包", kind: .basic,
            items: [
                ServiceItem(code: "HR-FILE", name: "建立健康档案", frequency: .annually),
                ServiceItem(code: "HE-EDU", name: "健康教育", frequency: ServiceFrequency(count: 2, period: .year)),
                ServiceItem(code: "HC-ANNUAL", name: "年度健康体检", frequency: .annually),
                ServiceItem(code: "FU-HTN", name: "高血压患者随访", frequency: .quarterly),
                ServiceItem(code: "FU-T2DM", name: "2型糖尿病患者随访", frequency: .quarterly),
                ServiceItem(code: "FU-SMD", name: "严重精神障碍患者随访", frequency: .quarterly),
                ServiceItem(code: "TCM-ELD", name: "老年人中医药健康管理", frequency: .annually),
            ]),
        ServicePackage(
            code: "GX-MB01", name: "慢病个性化服务包", kind: .personalised,
            items: [
                ServiceItem(code: "FU-HTN", name: "高血压患者随访", frequency: .quarterly),
                ServiceItem(code: "FU-T2DM", name: "2型糖尿病患者随访", frequency: .quarterly),
                ServiceItem(code: "LAB-HBA1C", name: "糖化血红蛋白检测", frequency: ServiceFrequency(count: 2, period: .year)),
                ServiceItem(code: "RX-LONG", name: "长期处方", frequency: ServiceFrequency(count: 1, period: .quarter)),
                ServiceItem(code: "HOME-VISIT", name: "上门服务", frequency: ServiceFrequency(count: 2, period: .year)),
            ]),
        ServicePackage(
            code: "GX-LN01", name: "老年人个性化服务包", kind: .personalised,
            items: [
                ServiceItem(code: "HC-ANNUAL", name: "年度健康体检", frequency: .annually),
                ServiceItem(code: "TCM-ELD", name: "老年人中医药健康管理", frequency: .annually),
                ServiceItem(code: "HOME-VISIT", name: "上门服务", frequency: ServiceFrequency(count: 2, period: .year)),
            ]),
    ])
}
