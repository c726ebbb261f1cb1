public import HIXML

/// Names and OIDs used by CDA R2 and the Chinese national profile.
///
/// ```swift
/// print(CDA.namespace)                // urn:hl7-org:v3
/// print(CDA.CN.residentIDRoot)        // 2.16.156.10011.1.3
/// ```
public enum CDA {
    /// The HL7 v3 namespace of every CDA element.
    public static let namespace = "urn:hl7-org:v3"
    /// The SDTC extension namespace used by C-CDA.
    public static let sdtcNamespace = "urn:hl7-org:sdtc"
    /// The typeId root of CDA R2.
    public static let typeIdRoot = "2.16.840.1.113883.1.3"
    /// The typeId extension of CDA R2.
    public static let typeIdExtension = "POCD_MT000040"
    /// LOINC.
    public static let loinc = "2.16.840.1.113883.6.1"

    /// The Chinese national profile (WS/T 500, WS/T 483, WS 363, WS 364).
    ///
    /// ```swift
    /// let isResidentID = identifier.root == CDA.CN.residentIDRoot
    /// ```
    public enum CN {
        /// realmCode `CN`.
        public static let realmCode = "CN"
        /// languageCode `zh-CN`.
        public static let languageCode = "zh-CN"
        /// Document type codes (卫生信息共享文档规范编码体系).
        public static let documentTypeCodeSystem = "2.16.156.10011.2.4"
        /// Data elements of WS 363 (卫生信息数据元目录): `DE04.50.001.00` …
        public static let dataElementCodeSystem = "2.16.156.10011.2.2.1"
        /// The display name of ``dataElementCodeSystem``.
        public static let dataElementCodeSystemName = "卫生信息数据元目录"
        /// The arc of value domains (WS 364 code tables): `2.16.156.10011.2.3.*`.
        public static let valueDomainPrefix = "2.16.156.10011.2.3"
        /// The arc of identifier roots: `2.16.156.10011.1.*`.
        public static let identifierPrefix = "2.16.156.10011.1"
        /// Document identifier (文档流水号).
        public static let documentIDRoot = "2.16.156.10011.1.1"
        /// Health-record number (健康档案编号).
        public static let healthRecordNumberRoot = "2.16.156.10011.1.2"
        /// Resident ID card number (居民身份证号).
        public static let residentIDRoot = "2.16.156.10011.1.3"
        /// Practitioner ID in the facility (医务人员 ID).
        public static let practitionerIDRoot = "2.16.156.10011.1.4"
        /// Organisation code (医疗卫生机构代码).
        public static let organizationRoot = "2.16.156.10011.1.5"
        /// Author / system identifier used by WS/T 483 documents.
        public static let authorIDRoot = "2.16.156.10011.1.7"
        /// Outpatient number (门(急)诊号).
        public static let outpatientNumberRoot = "2.16.156.10011.1.11"
        /// Inpatient number (住院号).
        public static let inpatientNumberRoot = "2.16.156.10011.1.12"
        /// Electronic application form number (电子申请单编号).
        public static let applicationFormRoot = "2.16.156.10011.1.24"
        /// Exam report number (检查报告单号).
        public static let examReportNumberRoot = "2.16.156.10011.1.32"
        /// Lab report number (检验报告单号).
        public static let labReportNumberRoot = "2.16.156.10011.1.33"
        /// Lab specimen number (标本编号).
        public static let specimenNumberRoot = "2.16.156.10011.1.14"
        /// Health card number (健康卡号).
        public static let healthCardRoot = "2.16.156.10011.1.19"
    }

    /// Creates an element in the HL7 v3 namespace (default namespace, no prefix).
    public static func element(_ localName: String) -> XMLElement {
        XMLElement(localName, namespaceURI: namespace)
    }
}
