/// An HL7 V3 interaction id (`PRPA_IN201311UV02`), or a vendor service code sent in its place (`JH0206`).
///
/// An open set, as STYLE §5 asks: the interactions the library types are static constants with the
/// national specification each follows; any other id still reads as a generic ``V3Message``.
///
/// ```swift
/// let interaction = V3Interaction(rawValue: "PRPA_IN201311UV02")
/// print(interaction == .patientRegistration, interaction.title)  // true 个人信息注册
/// ```
public struct V3Interaction: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The id as written (trimmed).
    public let rawValue: String

    /// Creates an interaction id; surrounding white space is removed.
    public init(rawValue: String) { self.rawValue = V3Text.trimmed(rawValue) }

    /// `true` when the id has the shape of a normative HL7 V3 interaction id: four upper-case letters,
    /// `_IN`, six digits and an optional realm/version suffix (`UV`, `UV01`, `UV02`).
    public var isNormative: Bool { Self.isNormativeID(rawValue) }

    /// The Chinese title of a known interaction, or the id itself.
    public var title: String { Self.catalogue[rawValue]?.title ?? rawValue }

    /// The specification and edition a known interaction follows; `nil` for unknown ids.
    public var specification: String? { Self.catalogue[rawValue]?.specification }

    public var description: String { rawValue }

    static func isNormativeID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count >= 13, bytes[4] == UInt8(ascii: "_"), bytes[5] == UInt8(ascii: "I"),
            bytes[6] == UInt8(ascii: "N")
        else { return false }
        for index in 0..<4 where !(bytes[index] >= 0x41 && bytes[index] <= 0x5A) { return false }
        for index in 7..<13 where !(bytes[index] >= 0x30 && bytes[index] <= 0x39) { return false }
        let suffix = bytes[13...]
        guard suffix.count <= 4 else { return false }
        return suffix.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    private static let hospital = "医院信息平台交互规范 (互联互通标准化成熟度测评 2020 年版所用, WS/T 征求意见稿)"
    private static let regional = "WS/T 790-2021 区域卫生信息平台交互标准"
    private static let catalogue: [String: (title: String, specification: String)] = [
        "PRPA_IN201311UV02": ("个人信息注册", "\(regional) 第6部分 居民注册服务 (注册); HL7 V3 NE2008 PA"),
        "PRPA_IN201314UV02": ("个人信息更新", "\(regional) 第6部分 居民注册服务 (更新); HL7 V3 NE2008 PA"),
        "PRPA_IN201304UV02": ("个人信息合并", "\(regional) 第6部分 居民注册服务 (合并); HL7 V3 NE2008 PA"),
        "PRPA_IN201305UV02": ("个人信息查询", "\(regional) 第6部分 居民注册服务 (查询); HL7 V3 NE2008 PA"),
        "PRPA_IN201306UV02": ("个人信息查询结果", "\(regional) 第6部分 居民注册服务 (查询); HL7 V3 NE2008 PA"),
        "PRPM_IN401030UV01": ("医疗卫生机构注册", "\(regional) 第7部分 医疗卫生机构注册服务; HL7 V3 NE2008 PM"),
        "PRPM_IN301010UV01": ("医疗卫生人员注册", "\(regional) 第8部分 医疗卫生人员注册服务; HL7 V3 NE2008 PM"),
        "PRPA_IN400001UV": ("就诊信息登记", "\(hospital) 第7部分 就诊信息交互服务 (门诊/住院)"),
        "PRPA_IN400002UV": ("就诊信息更新", "\(hospital) 第7部分 就诊信息交互服务 (门诊/住院)"),
        "PRPA_IN400003UV": ("就诊信息取消", "\(hospital) 第7部分 就诊信息交互服务 (门诊/住院)"),
        "POOR_IN200901UV": ("医嘱/申请单新增", "\(hospital) 第8部分 医嘱信息, 第9部分 申请单信息交互服务"),
        "POOR_IN200902UV": ("医嘱/申请单更新", "\(hospital) 第8部分 医嘱信息, 第9部分 申请单信息交互服务"),
        "POLB_IN224000UV01": ("检验状态信息更新", "\(hospital) 第11部分 状态信息交互服务"),
        "MCCI_IN000002UV01": ("应答消息", "HL7 V3 NE2008 MCCI (通用应答); \(regional) 第1部分 总则"),
        "ProvideAndRegisterDocumentSetRequest": (
            "文档注册", "\(regional) 第10部分 健康档案存储服务; IHE ITI TF-2b XDS.b ITI-41 (urn:ihe:iti:xds-b:2007)"
        ),
        "RetrieveDocumentSetRequest": (
            "文档调阅", "\(regional) 第13部分 健康档案调阅服务; IHE ITI TF-2b XDS.b ITI-43 (urn:ihe:iti:xds-b:2007)"
        ),
        "RetrieveDocumentSetResponse": (
            "文档调阅结果", "\(regional) 第13部分 健康档案调阅服务; IHE ITI TF-2b XDS.b ITI-43 (urn:ihe:iti:xds-b:2007)"
        ),
    ]

    /// PRPA_IN201311UV02 个人信息注册 (resident registration).
    public static let patientRegistration = V3Interaction(rawValue: "PRPA_IN201311UV02")
    /// PRPA_IN201314UV02 个人信息更新 (resident update).
    public static let patientUpdate = V3Interaction(rawValue: "PRPA_IN201314UV02")
    /// PRPA_IN201304UV02 个人信息合并 (resident merge).
    public static let patientMerge = V3Interaction(rawValue: "PRPA_IN201304UV02")
    /// PRPA_IN201305UV02 个人信息查询 (resident query).
    public static let patientQuery = V3Interaction(rawValue: "PRPA_IN201305UV02")
    /// PRPA_IN201306UV02 个人信息查询结果 (resident query response).
    public static let patientQueryResponse = V3Interaction(rawValue: "PRPA_IN201306UV02")
    /// PRPM_IN401030UV01 医疗卫生机构注册 (organisation registration).
    public static let organizationRegistration = V3Interaction(rawValue: "PRPM_IN401030UV01")
    /// PRPM_IN301010UV01 医疗卫生人员注册 (practitioner registration).
    public static let practitionerRegistration = V3Interaction(rawValue: "PRPM_IN301010UV01")
    /// PRPA_IN400001UV 就诊信息登记 (outpatient registration / inpatient admission).
    public static let encounterNew = V3Interaction(rawValue: "PRPA_IN400001UV")
    /// PRPA_IN400002UV 就诊信息更新.
    public static let encounterUpdate = V3Interaction(rawValue: "PRPA_IN400002UV")
    /// PRPA_IN400003UV 就诊信息取消.
    public static let encounterCancel = V3Interaction(rawValue: "PRPA_IN400003UV")
    /// POOR_IN200901UV 医嘱/检验检查申请单新增.
    public static let orderNew = V3Interaction(rawValue: "POOR_IN200901UV")
    /// POOR_IN200902UV 医嘱/检验检查申请单更新.
    public static let orderUpdate = V3Interaction(rawValue: "POOR_IN200902UV")
    /// POLB_IN224000UV01 检验状态信息更新.
    public static let labStatus = V3Interaction(rawValue: "POLB_IN224000UV01")
    /// MCCI_IN000002UV01 应答 (application acknowledgement).
    public static let acknowledgement = V3Interaction(rawValue: "MCCI_IN000002UV01")
    /// XDS.b ProvideAndRegisterDocumentSetRequest 文档注册.
    public static let provideAndRegisterDocumentSet = V3Interaction(rawValue: "ProvideAndRegisterDocumentSetRequest")
    /// XDS.b RetrieveDocumentSetRequest 文档调阅.
    public static let retrieveDocumentSet = V3Interaction(rawValue: "RetrieveDocumentSetRequest")
    /// XDS.b RetrieveDocumentSetResponse 文档调阅结果.
    public static let retrieveDocumentSetResponse = V3Interaction(rawValue: "RetrieveDocumentSetResponse")
}
