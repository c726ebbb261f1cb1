/// An identifier with its kind and assigning authority: resident ID card, passport, health-record number,
/// medical-insurance number, outpatient or inpatient number …
///
/// ```swift
/// let card = Identifier(kind: .residentIDCard, value: "420106196303129995")
/// let record = Identifier(kind: .healthRecordNumber, value: "42010600100001", authority: "2.16.156.10011.1.2")
/// print(card)   // residentIDCard 4201**********9995
/// ```
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The kind of identifier (an open set; feeds send kinds we have never seen).
    ///
    /// ```swift
    /// let kind = Identifier.Kind(rawValue: "siteCardNumber")   // a kind the library does not define
    /// ```
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// 居民身份证 (CV02.01.101 code 01; HL7 NNCHN; FHIR NI).
        public static let residentIDCard = Kind(rawValue: "residentIDCard")
        /// 护照 (PPN).
        public static let passport = Kind(rawValue: "passport")
        /// 健康档案编号.
        public static let healthRecordNumber = Kind(rawValue: "healthRecordNumber")
        /// 医疗保险号 / 医保卡号.
        public static let medicalInsuranceNumber = Kind(rawValue: "medicalInsuranceNumber")
        /// 门(急)诊号.
        public static let outpatientNumber = Kind(rawValue: "outpatientNumber")
        /// 住院号.
        public static let inpatientNumber = Kind(rawValue: "inpatientNumber")
        /// 居民健康卡号.
        public static let healthCardNumber = Kind(rawValue: "healthCardNumber")
        /// 统一社会信用代码 (18 characters, GB 32100).
        public static let unifiedSocialCreditCode = Kind(rawValue: "unifiedSocialCreditCode")
        /// 组织机构代码 (GB 11714).
        public static let organizationCode = Kind(rawValue: "organizationCode")
        /// Any other identifier.
        public static let other = Kind(rawValue: "other")
        public var description: String { rawValue }
    }

    /// The kind.
    public var kind: Kind
    /// The identifier value.
    public var value: String
    /// The assigning authority: an OID root (`2.16.156.10011.1.3`), a namespace or an organisation name.
    public var authority: String?
    /// The identifier-type code as the source gave it (CV02.01.101, HL7 0203).
    public var type: CodedValue?

    /// Creates an identifier.
    public init(kind: Kind, value: String, authority: String? = nil, type: CodedValue? = nil) {
        self.kind = kind
        self.value = value
        self.authority = authority
        self.type = type
    }

    /// The kind and the masked value.
    public var description: String { "\(kind) \(Masking.identifier(value))" }
}
