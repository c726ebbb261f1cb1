/// WS/T 483.1 个人基本健康信息登记 (personal basic health information): typed view with its sections and data elements.
///
/// ```swift
/// var view = WSPersonalBasicHealthInfo(header: header)
/// view.aboBloodType = CD(code: "1", codeSystem: "2.16.156.10011.2.3.1.85", displayName: "A型")
/// let document = try view.makeDocument()
/// let again = try WSPersonalBasicHealthInfo(document: document)
/// ```
public struct WSPersonalBasicHealthInfo: WSTypedDocument {
    public static let templateId = "2.16.156.10011.2.1.1.1"
    public var content: WSDocument
    public init(content: WSDocument) { self.content = content }

    /// The data elements this view reads and writes.
    ///
    /// ```swift
    /// print(WSPersonalBasicHealthInfo.Fields.aboBloodType.id)  // DE04.50.001.00
    /// ```
    public enum Fields {
        /// ABO血型代码 (DE04.50.001.00).
        public static let aboBloodType = WSField("DE04.50.001.00", "ABO血型代码", in: .studies)
        /// Rh血型代码 (DE04.50.010.00).
        public static let rhBloodType = WSField("DE04.50.010.00", "Rh血型代码", in: .studies)
        /// 医疗付款方式代码 (DE07.00.007.00).
        public static let paymentMethod = WSField(
            "DE07.00.007.00", "医疗付款方式代码",
            in: WSSectionKind(code: "48768-6", displayName: "PAYMENT SOURCES", title: "费用"))
        /// 既往常见疾病种类代码 (DE02.10.021.00).
        public static let pastDiseases = WSField("DE02.10.021.00", "既往常见疾病种类代码", in: .pastIllness)
    }

    /// ABO blood group (WS 364 CV04.50.005).
    public var aboBloodType: CD? {
        get { code(Fields.aboBloodType) }
        set { setCode(Fields.aboBloodType, newValue) }
    }
    /// Rh blood group.
    public var rhBloodType: CD? {
        get { code(Fields.rhBloodType) }
        set { setCode(Fields.rhBloodType, newValue) }
    }
    /// Payment method (医疗付款方式).
    public var paymentMethod: CD? {
        get { code(Fields.paymentMethod) }
        set { setCode(Fields.paymentMethod, newValue) }
    }
    /// Past common disease kind.
    public var pastDiseases: CD? {
        get { code(Fields.pastDiseases) }
        set { setCode(Fields.pastDiseases, newValue) }
    }
}

/// WS/T 483.12 高血压患者随访服务 (hypertension follow-up): typed view with its sections and data elements.
///
/// ```swift
/// var view = WSHypertensionFollowUp(header: header)
/// view.systolic = PQ(value: "138", unit: "mmHg")
/// let document = try view.makeDocument()
/// let again = try WSHypertensionFollowUp(document: document)
/// ```
public struct WSHypertensionFollowUp: WSTypedDocument {
    public static let templateId = "2.16.156.10011.2.1.1.12"
    public var content: WSDocument
    public init(content: WSDocument) { self.content = content }

    /// The data elements this view reads and writes.
    ///
    /// ```swift
    /// print(WSHypertensionFollowUp.Fields.followUpMethod.id)  // DE06.00.108.00
    /// ```
    public enum Fields {
        /// 随访方式 (DE06.00.108.00).
        public static let followUpMethod = WSField("DE06.00.108.00", "随访方式", in: .followUp)
        /// 症状名称 (DE04.01.118.00).
        public static let symptom = WSField("DE04.01.118.00", "症状名称", in: .problems)
        /// 收缩压 (DE04.10.174.00).
        public static let systolic = WSField("DE04.10.174.00", "收缩压", in: .vitalSigns)
        /// 舒张压 (DE04.10.176.00).
        public static let diastolic = WSField("DE04.10.176.00", "舒张压", in: .vitalSigns)
        /// 体重 (DE04.10.188.00).
        public static let weight = WSField("DE04.10.188.00", "体重", in: .vitalSigns)
        /// 身高 (DE04.10.167.00).
        public static let height = WSField("DE04.10.167.00", "身高", in: .vitalSigns)
        /// 心率 (DE04.10.206.00).
        public static let heartRate = WSField("DE04.10.206.00", "心率", in: .vitalSigns)
        /// 日吸烟量 (DE03.00.053.00).
        public static let dailySmoking = WSField("DE03.00.053.00", "日吸烟量", in: .socialHistory)
        /// 日饮酒量 (DE03.00.054.00).
        public static let dailyAlcohol = WSField("DE03.00.054.00", "日饮酒量", in: .socialHistory)
        /// 服药依从性代码 (DE06.00.027.00).
        public static let medicationAdherence = WSField("DE06.00.027.00", "服药依从性代码", in: .medications)
    }

    /// How the visit was made (门诊, 家庭, 电话 …).
    public var followUpMethod: CD? {
        get { code(Fields.followUpMethod) }
        set { setCode(Fields.followUpMethod, newValue) }
    }
    /// Symptom.
    public var symptom: String? {
        get { string(Fields.symptom) }
        set { setString(Fields.symptom, newValue) }
    }
    /// Systolic pressure (mmHg).
    public var systolic: PQ? {
        get { quantity(Fields.systolic) }
        set { setQuantity(Fields.systolic, newValue) }
    }
    /// Diastolic pressure (mmHg).
    public var diastolic: PQ? {
        get { quantity(Fields.diastolic) }
        set { setQuantity(Fields.diastolic, newValue) }
    }
    /// Weight (kg).
    public var weight: PQ? {
        get { quantity(Fields.weight) }
        set { setQuantity(Fields.weight, newValue) }
    }
    /// Height (cm).
    public var height: PQ? {
        get { quantity(Fields.height) }
        set { setQuantity(Fields.height, newValue) }
    }
    /// Heart rate (次/min).
    public var heartRate: PQ? {
        get { quantity(Fields.heartRate) }
        set { setQuantity(Fields.heartRate, newValue) }
    }
    /// Cigarettes per day.
    public var dailySmoking: PQ? {
        get { quantity(Fields.dailySmoking) }
        set { setQuantity(Fields.dailySmoking, newValue) }
    }
    /// Alcohol per day (ml).
    public var dailyAlcohol: PQ? {
        get { quantity(Fields.dailyAlcohol) }
        set { setQuantity(Fields.dailyAlcohol, newValue) }
    }
    /// Medication adherence.
    public var medicationAdherence: CD? {
        get { code(Fields.medicationAdherence) }
        set { setCode(Fields.medicationAdherence, newValue) }
    }
}

/// WS/T 483.13 2型糖尿病患者随访服务 (type 2 diabetes follow-up): typed view with its sections and data elements.
///
/// ```swift
/// var view = WSDiabetesFollowUp(header: header)
/// view.fastingGlucose = PQ(value: "7.8", unit: "mmol/L")
/// let document = try view.makeDocument()
/// let again = try WSDiabetesFollowUp(document: document)
/// ```
public struct WSDiabetesFollowUp: WSTypedDocument {
    public static let templateId = "2.16.156.10011.2.1.1.13"
    public var content: WSDocument
    public init(content: WSDocument) { self.content = content }

    /// The data elements this view reads and writes.
    ///
    /// ```swift
    /// print(WSDiabetesFollowUp.Fields.followUpMethod.id)  // DE06.00.108.00
    /// ```
    public enum Fields {
        /// 随访方式 (DE06.00.108.00).
        public static let followUpMethod = WSField("DE06.00.108.00", "随访方式", in: .followUp)
        /// 收缩压 (DE04.10.174.00).
        public static let systolic = WSField("DE04.10.174.00", "收缩压", in: .vitalSigns)
        /// 舒张压 (DE04.10.176.00).
        public static let diastolic = WSField("DE04.10.176.00", "舒张压", in: .vitalSigns)
        /// 体重 (DE04.10.188.00).
        public static let weight = WSField("DE04.10.188.00", "体重", in: .vitalSigns)
        /// 身高 (DE04.10.167.00).
        public static let height = WSField("DE04.10.167.00", "身高", in: .vitalSigns)
        /// 足背动脉搏动代码 (DE04.10.238.00).
        public static let dorsalisPedisPulse = WSField("DE04.10.238.00", "足背动脉搏动代码", in: .vitalSigns)
        /// 空腹血糖值 (DE04.50.037.00).
        public static let fastingGlucose = WSField("DE04.50.037.00", "空腹血糖值", in: .studies)
        /// 糖化血红蛋白值 (DE04.50.083.00).
        public static let hba1c = WSField("DE04.50.083.00", "糖化血红蛋白值", in: .studies)
        /// 服药依从性代码 (DE06.00.027.00).
        public static let medicationAdherence = WSField("DE06.00.027.00", "服药依从性代码", in: .medications)
    }

    /// How the visit was made.
    public var followUpMethod: CD? {
        get { code(Fields.followUpMethod) }
        set { setCode(Fields.followUpMethod, newValue) }
    }
    /// Systolic pressure (mmHg).
    public var systolic: PQ? {
        get { quantity(Fields.systolic) }
        set { setQuantity(Fields.systolic, newValue) }
    }
    /// Diastolic pressure (mmHg).
    public var diastolic: PQ? {
        get { quantity(Fields.diastolic) }
        set { setQuantity(Fields.diastolic, newValue) }
    }
    /// Weight (kg).
    public var weight: PQ? {
        get { quantity(Fields.weight) }
        set { setQuantity(Fields.weight, newValue) }
    }
    /// Height (cm).
    public var height: PQ? {
        get { quantity(Fields.height) }
        set { setQuantity(Fields.height, newValue) }
    }
    /// Dorsalis pedis pulse.
    public var dorsalisPedisPulse: CD? {
        get { code(Fields.dorsalisPedisPulse) }
        set { setCode(Fields.dorsalisPedisPulse, newValue) }
    }
    /// Fasting blood glucose (mmol/L).
    public var fastingGlucose: PQ? {
        get { quantity(Fields.fastingGlucose) }
        set { setQuantity(Fields.fastingGlucose, newValue) }
    }
    /// HbA1c (%).
    public var hba1c: PQ? {
        get { quantity(Fields.hba1c) }
        set { setQuantity(Fields.hba1c, newValue) }
    }
    /// Medication adherence.
    public var medicationAdherence: CD? {
        get { code(Fields.medicationAdherence) }
        set { setCode(Fields.medicationAdherence, newValue) }
    }
}

/// WS/T 483.16 成人健康体检 (adult health checkup): typed view with its sections and data elements.
///
/// ```swift
/// var view = WSAdultHealthCheckup(header: header)
/// view.temperature = PQ(value: "36.5", unit: "℃")
/// let document = try view.makeDocument()
/// let again = try WSAdultHealthCheckup(document: document)
/// ```
public struct WSAdultHealthCheckup: WSTypedDocument {
    public static let templateId = "2.16.156.10011.2.1.1.16"
    public var content: WSDocument
    public init(content: WSDocument) { self.content = content }

    /// The data elements this view reads and writes.
    ///
    /// ```swift
    /// print(WSAdultHealthCheckup.Fields.temperature.id)  // DE04.10.186.00
    /// ```
    public enum Fields {
        /// 体温 (DE04.10.186.00).
        public static let temperature = WSField("DE04.10.186.00", "体温", in: .vitalSigns)
        /// 脉率 (DE04.10.118.00).
        public static let pulseRate = WSField("DE04.10.118.00", "脉率", in: .vitalSigns)
        /// 呼吸频率 (DE04.10.082.00).
        public static let respiratoryRate = WSField(
            "DE04.10.082.00", "呼吸频率", in: .vitalSigns, alternateIDs: ["DE04.10.081.00"])
        /// 收缩压 (DE04.10.174.00).
        public static let systolic = WSField("DE04.10.174.00", "收缩压", in: .vitalSigns)
        /// 舒张压 (DE04.10.176.00).
        public static let diastolic = WSField("DE04.10.176.00", "舒张压", in: .vitalSigns)
        /// 身高 (DE04.10.167.00).
        public static let height = WSField("DE04.10.167.00", "身高", in: .vitalSigns)
        /// 体重 (DE04.10.188.00).
        public static let weight = WSField("DE04.10.188.00", "体重", in: .vitalSigns)
        /// 腰围 (DE04.10.218.00).
        public static let waist = WSField("DE04.10.218.00", "腰围", in: .vitalSigns)
        /// 心率 (DE04.10.206.00).
        public static let heartRate = WSField("DE04.10.206.00", "心率", in: .vitalSigns)
    }

    /// Body temperature (℃).
    public var temperature: PQ? {
        get { quantity(Fields.temperature) }
        set { setQuantity(Fields.temperature, newValue) }
    }
    /// Pulse rate (次/min).
    public var pulseRate: PQ? {
        get { quantity(Fields.pulseRate) }
        set { setQuantity(Fields.pulseRate, newValue) }
    }
    /// Respiratory rate (次/min).
    public var respiratoryRate: PQ? {
        get { quantity(Fields.respiratoryRate) }
        set { setQuantity(Fields.respiratoryRate, newValue) }
    }
    /// Systolic pressure (mmHg), left arm first.
    public var systolic: PQ? {
        get { quantity(Fields.systolic) }
        set { setQuantity(Fields.systolic, newValue) }
    }
    /// Diastolic pressure (mmHg).
    public var diastolic: PQ? {
        get { quantity(Fields.diastolic) }
        set { setQuantity(Fields.diastolic, newValue) }
    }
    /// Height (cm).
    public var height: PQ? {
        get { quantity(Fields.height) }
        set { setQuantity(Fields.height, newValue) }
    }
    /// Weight (kg).
    public var weight: PQ? {
        get { quantity(Fields.weight) }
        set { setQuantity(Fields.weight, newValue) }
    }
    /// Waist circumference (cm).
    public var waist: PQ? {
        get { quantity(Fields.waist) }
        set { setQuantity(Fields.waist, newValue) }
    }
    /// Heart rate (次/min).
    public var heartRate: PQ? {
        get { quantity(Fields.heartRate) }
        set { setQuantity(Fields.heartRate, newValue) }
    }
}

/// WS/T 483.20 转诊（院）记录 (referral record): typed view with its sections and data elements.
///
/// ```swift
/// var view = WSReferralRecord(header: header)
/// view.reason = "血压控制不佳"
/// let document = try view.makeDocument()
/// let again = try WSReferralRecord(document: document)
/// ```
public struct WSReferralRecord: WSTypedDocument {
    public static let templateId = "2.16.156.10011.2.1.1.20"
    public var content: WSDocument
    public init(content: WSDocument) { self.content = content }

    /// The data elements this view reads and writes.
    ///
    /// ```swift
    /// print(WSReferralRecord.Fields.presentIllness.id)  // DE02.10.071.00
    /// ```
    public enum Fields {
        /// 现病史 (DE02.10.071.00).
        public static let presentIllness = WSField("DE02.10.071.00", "现病史", in: .presentIllness)
        /// 既往史 (DE02.10.099.00).
        public static let pastHistory = WSField("DE02.10.099.00", "既往史", in: .pastIllness)
        /// 诊断名称 (DE05.01.025.00).
        public static let diagnosisName = WSField("DE05.01.025.00", "诊断名称", in: .diagnosis)
        /// 诊断代码 (DE05.01.024.00).
        public static let diagnosisCode = WSField("DE05.01.024.00", "诊断代码", in: .diagnosis)
        /// 诊疗过程描述 (DE06.00.296.00).
        public static let treatmentCourse = WSField("DE06.00.296.00", "诊疗过程描述", in: .hospitalCourse)
        /// 转诊原因 (42349-1).
        public static let reason = WSField("42349-1", "转诊原因", in: .referralReason, codeSystem: CDA.loinc)
        /// 转入医疗机构名称 (DE08.10.013.00).
        public static let receivingOrganization = WSField("DE08.10.013.00", "转入医疗机构名称", in: .referralReason)
        /// 转入科室名称 (DE08.10.026.00).
        public static let receivingDepartment = WSField("DE08.10.026.00", "转入科室名称", in: .referralReason)
    }

    /// History of present illness.
    public var presentIllness: String? {
        get { string(Fields.presentIllness) }
        set { setString(Fields.presentIllness, newValue) }
    }
    /// Past history.
    public var pastHistory: String? {
        get { string(Fields.pastHistory) }
        set { setString(Fields.pastHistory, newValue) }
    }
    /// Initial diagnosis name.
    public var diagnosisName: String? {
        get { string(Fields.diagnosisName) }
        set { setString(Fields.diagnosisName, newValue) }
    }
    /// Initial diagnosis code (ICD-10).
    public var diagnosisCode: CD? {
        get { code(Fields.diagnosisCode) }
        set { setCode(Fields.diagnosisCode, newValue) }
    }
    /// Treatment so far.
    public var treatmentCourse: String? {
        get { string(Fields.treatmentCourse) }
        set { setString(Fields.treatmentCourse, newValue) }
    }
    /// Reason for referral (LOINC 42349-1 observation).
    public var reason: String? {
        get { string(Fields.reason) }
        set { setString(Fields.reason, newValue) }
    }
    /// Receiving organisation.
    public var receivingOrganization: String? {
        get { string(Fields.receivingOrganization) }
        set { setString(Fields.receivingOrganization, newValue) }
    }
    /// Receiving department.
    public var receivingDepartment: String? {
        get { string(Fields.receivingDepartment) }
        set { setString(Fields.receivingDepartment, newValue) }
    }
}

/// WS/T 500.2 门(急)诊病历 (outpatient and emergency record): typed view with its sections and data elements.
///
/// ```swift
/// var view = WSOutpatientRecord(header: header)
/// view.chiefComplaint = "咳嗽3天"
/// let document = try view.makeDocument()
/// let again = try WSOutpatientRecord(document: document)
/// ```
public struct WSOutpatientRecord: WSTypedDocument {
    public static let templateId = "2.16.156.10011.2.1.1.22"
    public var content: WSDocument
    public init(content: WSDocument) { self.content = content }

    /// The data elements this view reads and writes.
    ///
    /// ```swift
    /// print(WSOutpatientRecord.Fields.allergyFlag.id)  // DE02.10.023.00
    /// ```
    public enum Fields {
        /// 过敏史标志 (DE02.10.023.00).
        public static let allergyFlag = WSField("DE02.10.023.00", "过敏史标志", in: .allergies)
        /// 过敏史 (DE02.10.022.00).
        public static let allergyHistory = WSField(
            "DE02.10.022.00", "过敏史", in: .allergies, alternateIDs: ["DE05.01.022.00"])
        /// 主诉 (DE04.01.119.00).
        public static let chiefComplaint = WSField("DE04.01.119.00", "主诉", in: .chiefComplaint)
        /// 现病史 (DE02.10.071.00).
        public static let presentIllness = WSField("DE02.10.071.00", "现病史", in: .presentIllness)
        /// 既往史 (DE02.10.099.00).
        public static let pastHistory = WSField("DE02.10.099.00", "既往史", in: .pastIllness)
        /// 体温 (DE04.10.186.00).
        public static let temperature = WSField("DE04.10.186.00", "体温", in: .vitalSigns)
        /// 收缩压 (DE04.10.174.00).
        public static let systolic = WSField("DE04.10.174.00", "收缩压", in: .vitalSigns)
        /// 舒张压 (DE04.10.176.00).
        public static let diastolic = WSField("DE04.10.176.00", "舒张压", in: .vitalSigns)
        /// 体格检查 (DE04.10.258.00).
        public static let physicalExamination = WSField("DE04.10.258.00", "体格检查", in: .physicalExamination)
        /// 辅助检查结果 (DE04.30.009.00).
        public static let auxiliaryExamResult = WSField("DE04.30.009.00", "辅助检查结果", in: .studies)
        /// 诊断名称 (DE05.01.025.00).
        public static let diagnosisName = WSField("DE05.01.025.00", "诊断名称", in: .diagnosis)
        /// 诊断代码 (DE05.01.024.00).
        public static let diagnosisCode = WSField("DE05.01.024.00", "诊断代码", in: .diagnosis)
        /// 处理及指导意见 (DE06.00.018.00).
        public static let treatmentAdvice = WSField("DE06.00.018.00", "处理及指导意见", in: .treatmentPlan)
    }

    /// Whether there is an allergy history.
    public var allergyFlag: Bool? {
        get { boolean(Fields.allergyFlag) }
        set { setBoolean(Fields.allergyFlag, newValue) }
    }
    /// Allergy history.
    public var allergyHistory: String? {
        get { string(Fields.allergyHistory) }
        set { setString(Fields.allergyHistory, newValue) }
    }
    /// Chief complaint.
    public var chiefComplaint: String? {
        get { string(Fields.chiefComplaint) }
        set { setString(Fields.chiefComplaint, newValue) }
    }
    /// History of present illness.
    public var presentIllness: String? {
        get { string(Fields.presentIllness) }
        set { setString(Fields.presentIllness, newValue) }
    }
    /// Past history.
    public var pastHistory: String? {
        get { string(Fields.pastHistory) }
        set { setString(Fields.pastHistory, newValue) }
    }
    /// Body temperature (℃).
    public var temperature: PQ? {
        get { quantity(Fields.temperature) }
        set { setQuantity(Fields.temperature, newValue) }
    }
    /// Systolic pressure (mmHg).
    public var systolic: PQ? {
        get { quantity(Fields.systolic) }
        set { setQuantity(Fields.systolic, newValue) }
    }
    /// Diastolic pressure (mmHg).
    public var diastolic: PQ? {
        get { quantity(Fields.diastolic) }
        set { setQuantity(Fields.diastolic, newValue) }
    }
    /// Physical examination.
    public var physicalExamination: String? {
        get { string(Fields.physicalExamination) }
        set { setString(Fields.physicalExamination, newValue) }
    }
    /// Auxiliary examination results.
    public var auxiliaryExamResult: String? {
        get { string(Fields.auxiliaryExamResult) }
        set { setString(Fields.auxiliaryExamResult, newValue) }
    }
    /// Diagnosis name (the first).
    public var diagnosisName: String? {
        get { string(Fields.diagnosisName) }
        set { setString(Fields.diagnosisName, newValue) }
    }
    /// Diagnosis code, ICD-10 (the first).
    public var diagnosisCode: CD? {
        get { code(Fields.diagnosisCode) }
        set { setCode(Fields.diagnosisCode, newValue) }
    }
    /// Treatment and advice.
    public var treatmentAdvice: String? {
        get { string(Fields.treatmentAdvice) }
        set { setString(Fields.treatmentAdvice, newValue) }
    }
}

/// WS/T 500.6 检查报告 (examination report): typed view with its sections and data elements.
///
/// ```swift
/// var view = WSExamReport(header: header)
/// view.findings = "右肺下叶斑片影"
/// let document = try view.makeDocument()
/// let again = try WSExamReport(document: document)
/// ```
public struct WSExamReport: WSTypedDocument {
    public static let templateId = "2.16.156.10011.2.1.1.26"
    public var content: WSDocument
    public init(content: WSDocument) { self.content = content }

    /// The data elements this view reads and writes.
    ///
    /// ```swift
    /// print(WSExamReport.Fields.diagnosisCode.id)  // DE05.01.024.00
    /// ```
    public enum Fields {
        /// 诊断代码 (DE05.01.024.00).
        public static let diagnosisCode = WSField("DE05.01.024.00", "诊断代码", in: .diagnosis)
        /// 主诉 (DE04.01.119.00).
        public static let chiefComplaint = WSField("DE04.01.119.00", "主诉", in: .chiefComplaint)
        /// 检查方法名称 (DE02.10.027.00).
        public static let examMethod = WSField("DE02.10.027.00", "检查方法名称", in: .physicalExamination)
        /// 检查类别 (DE04.30.018.00).
        public static let examCategory = WSField("DE04.30.018.00", "检查类别", in: .physicalExamination)
        /// 检查项目代码 (DE04.30.019.00).
        public static let examItem = WSField("DE04.30.019.00", "检查项目代码", in: .physicalExamination)
        /// 检查报告结果-客观所见 (DE04.50.131.00).
        public static let findings = WSField("DE04.50.131.00", "检查报告结果-客观所见", in: .physicalExamination)
        /// 检查报告结果-主观提示 (DE04.50.132.00).
        public static let impression = WSField("DE04.50.132.00", "检查报告结果-主观提示", in: .physicalExamination)
        /// 检查报告科室 (DE08.10.026.00).
        public static let reportDepartment = WSField("DE08.10.026.00", "检查报告科室", in: .physicalExamination)
        /// 检查报告机构名称 (DE08.10.013.00).
        public static let reportOrganization = WSField("DE08.10.013.00", "检查报告机构名称", in: .physicalExamination)
    }

    /// Diagnosis code (ICD-10).
    public var diagnosisCode: CD? {
        get { code(Fields.diagnosisCode) }
        set { setCode(Fields.diagnosisCode, newValue) }
    }
    /// Chief complaint.
    public var chiefComplaint: String? {
        get { string(Fields.chiefComplaint) }
        set { setString(Fields.chiefComplaint, newValue) }
    }
    /// Examination method.
    public var examMethod: String? {
        get { string(Fields.examMethod) }
        set { setString(Fields.examMethod, newValue) }
    }
    /// Examination category.
    public var examCategory: String? {
        get { string(Fields.examCategory) }
        set { setString(Fields.examCategory, newValue) }
    }
    /// Examination item.
    public var examItem: CD? {
        get { code(Fields.examItem) }
        set { setCode(Fields.examItem, newValue) }
    }
    /// Objective findings (客观所见).
    public var findings: String? {
        get { string(Fields.findings) }
        set { setString(Fields.findings, newValue) }
    }
    /// Impression (主观提示).
    public var impression: String? {
        get { string(Fields.impression) }
        set { setString(Fields.impression, newValue) }
    }
    /// Reporting department.
    public var reportDepartment: String? {
        get { string(Fields.reportDepartment) }
        set { setString(Fields.reportDepartment, newValue) }
    }
    /// Reporting organisation.
    public var reportOrganization: String? {
        get { string(Fields.reportOrganization) }
        set { setString(Fields.reportOrganization, newValue) }
    }
}

extension WSHypertensionFollowUp {
    /// The visit date (the time of the 随访方式 data element).
    public var followUpDate: String? {
        content.allItems.first { $0.id == Fields.followUpMethod.id }?.effectiveTime
    }
}

extension WSDiabetesFollowUp {
    /// The visit date (the time of the 随访方式 data element).
    public var followUpDate: String? {
        content.allItems.first { $0.id == Fields.followUpMethod.id }?.effectiveTime
    }
}

extension WSExamReport {
    /// The exam report number (`patientRole/id` with root `2.16.156.10011.1.32`).
    public var reportNumber: String? {
        get { header.patientIDs.first { $0.root == CDA.CN.examReportNumberRoot }?.extension }
        set {
            header.patientIDs.removeAll { $0.root == CDA.CN.examReportNumberRoot }
            if let newValue { header.patientIDs.append(II(root: CDA.CN.examReportNumberRoot, extension: newValue)) }
        }
    }
}
