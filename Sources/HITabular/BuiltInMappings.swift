// Built-in column mappings for the common exports, as JSON string literals in the same format users write
// (see TableMapping). Sources for the code values:
// - Sex: GB/T 2261.1-2003 个人基本信息分类与代码 第1部分: 人的性别代码: 0 未知的性别, 1 男性, 2 女性, 9 未说明的性别.
// - 随访方式: WS 364 value domain CV06.00.207 随访方式代码 (CDA code system OID 2.16.156.10011.2.3.1.183, as used
//   by the WS/T 500 templates for data element DE06.00.108.00): 1 门诊, 2 家庭, 3 电话; 9 其他 as seen in platform
//   code (found with the search tool in public EHR code; the full WS 364 text was not available to check
//   further codes, so only these are mapped and anything else becomes an HI-TAB-0101 issue).
// - 服药依从性: 1 规律, 2 间断, 3 不服药, as defined for the hypertension and type 2 diabetes follow-up forms of
//   国家基本公共卫生服务规范 (第三版, 2017) and used as "服药依从性代码 1.规律服药 2.间断服药 3.不服药" in platform
//   exchange code; the WS 364 value-domain number could not be confirmed, so the system is named by that source.
// - 此次随访分类: 1 控制满意, 2 控制不满意, 3 不良反应, 4 并发症 (same forms). WS 364 lists a 4-value domain
//   CV05.10.012 随访评价结果代码 that platforms use for it; its values were not verifiable here, so the
//   system is named by the form as well.
// - 疾病类型: ICD-10 I10 (essential hypertension), E14 (unspecified diabetes mellitus).
// - 人群分类 (key populations of 国家基本公共卫生服务): no national code list; project-local codes.
// - 异常标志: HL7 v2 table 0078 (Abnormal flags): H, L, N, A, HH, LL.
// Units are UCUM: mm[Hg], mmol/L, kg, /min, umol/L.

/// The column mappings that ship with the library for the common Chinese primary-care exports, written in
/// the mapping-file format (``TableMapping``) users copy and adapt.
///
/// ```swift
/// let mapping = BuiltInMappings.named("followup-register")!
/// print(mapping.columns.map(\.column))   // ["姓名", "身份证号", "疾病类型", "随访日期", …]
/// print(BuiltInMappings.json(named: "lab-extract")!.prefix(20))
/// ```
public enum BuiltInMappings {
    /// 签约居民名单: a family-doctor contract list (姓名, 性别, 身份证号, 联系电话, 签约日期, 签约团队, 服务包, 人群分类 …).
    public static let contractList = load(contractListJSON)
    /// A hypertension / diabetes follow-up register (随访日期, 随访方式, 收缩压, 舒张压, 空腹血糖, 体重, 心率, 服药依从性, 此次随访分类 …).
    public static let followUpRegister = load(followUpRegisterJSON)
    /// A lab result extract (检验项目代码/名称, 结果, 单位, 参考范围, 异常标志, 报告时间 …).
    public static let labExtract = load(labExtractJSON)

    /// All built-in mappings.
    public static let all: [TableMapping] = [contractList, followUpRegister, labExtract]

    /// A built-in mapping by name (`contract-list`, `followup-register`, `lab-extract`).
    public static func named(_ name: String) -> TableMapping? { all.first { $0.name == name } }

    /// The JSON text of a built-in mapping, to start a user's own file from.
    public static func json(named name: String) -> String? {
        switch name {
        case "contract-list": contractListJSON
        case "followup-register": followUpRegisterJSON
        case "lab-extract": labExtractJSON
        default: nil
        }
    }

    private static func load(_ json: String) -> TableMapping {
        // The literals are tested (BuiltInMappingTests); an empty mapping would only appear if one broke.
        (try? TableMapping(json: Array(json.utf8))) ?? TableMapping(name: "invalid", columns: [])
    }

    static let contractListJSON = #"""
        {
          "name": "contract-list",
          "title": "签约居民名单 (family-doctor contract list)",
          "columns": [
            { "column": "姓名", "aliases": ["居民姓名", "签约居民"], "target": "resident.name", "required": true },
            { "column": "性别", "target": "resident.sex", "type": "code", "system": "GB/T 2261.1",
              "values": [
                { "local": "男", "code": "1", "display": "男性" }, { "local": "男性", "code": "1" },
                { "local": "女", "code": "2", "display": "女性" }, { "local": "女性", "code": "2" },
                { "local": "未知", "code": "0", "display": "未知的性别" },
                { "local": "未说明", "code": "9", "display": "未说明的性别" } ] },
            { "column": "出生日期", "target": "resident.birthDate", "type": "date",
              "formats": ["yyyy/MM/dd", "yyyy-MM-dd", "yyyyMMdd", "yyyy年M月d日"] },
            { "column": "身份证号", "aliases": ["身份证号码", "证件号码"], "target": "resident.identifiers[residentID]",
              "required": true },
            { "column": "联系电话", "aliases": ["手机号码", "电话"], "target": "resident.phone" },
            { "column": "现住址", "aliases": ["住址", "家庭住址"], "target": "resident.address" },
            { "column": "签约日期", "aliases": ["签约时间"], "target": "contract.date", "type": "date", "required": true,
              "formats": ["yyyy/MM/dd", "yyyy-MM-dd", "yyyyMMdd", "yyyy年M月d日"] },
            { "column": "签约医生", "target": "contract.doctor" },
            { "column": "签约团队", "aliases": ["团队名称"], "target": "contract.team" },
            { "column": "服务包", "aliases": ["服务包名称"], "target": "contract.servicePackage" },
            { "column": "人群分类", "aliases": ["重点人群"], "target": "contract.populationCategory", "type": "code",
              "system": "urn:healthinterchange:key-population", "separator": "、", "default": "一般人群",
              "values": [
                { "local": "一般人群", "code": "general" }, { "local": "老年人", "code": "elderly" },
                { "local": "高血压", "code": "hypertension" }, { "local": "糖尿病", "code": "diabetes" },
                { "local": "孕产妇", "code": "maternal" }, { "local": "0-6岁儿童", "code": "child" },
                { "local": "儿童", "code": "child" },
                { "local": "严重精神障碍", "code": "severe-mental-disorder" },
                { "local": "肺结核", "code": "tuberculosis" }, { "local": "残疾人", "code": "disabled" } ] },
            { "column": "备注", "target": "contract.note" }
          ]
        }
        """#

    static let followUpRegisterJSON = #"""
        {
          "name": "followup-register",
          "title": "高血压/糖尿病患者随访登记 (hypertension and diabetes follow-up register)",
          "columns": [
            { "column": "姓名", "target": "resident.name", "required": true },
            { "column": "身份证号", "aliases": ["身份证号码"], "target": "resident.identifiers[residentID]",
              "required": true },
            { "column": "疾病类型", "aliases": ["管理疾病"], "target": "followUp.disease", "type": "code",
              "system": "ICD-10",
              "values": [
                { "local": "高血压", "code": "I10", "display": "特发性(原发性)高血压" },
                { "local": "糖尿病", "code": "E14", "display": "糖尿病" } ] },
            { "column": "随访日期", "aliases": ["本次随访日期"], "target": "followUp.date", "type": "date",
              "required": true },
            { "column": "随访方式", "target": "followUp.method", "type": "code", "system": "CV06.00.207",
              "values": [
                { "local": "门诊", "code": "1" }, { "local": "家庭", "code": "2" }, { "local": "家访", "code": "2" },
                { "local": "电话", "code": "3" }, { "local": "其他", "code": "9" } ] },
            { "column": "收缩压", "target": "followUp.bloodPressure.systolic", "type": "quantity", "unit": "mm[Hg]" },
            { "column": "舒张压", "target": "followUp.bloodPressure.diastolic", "type": "quantity", "unit": "mm[Hg]" },
            { "column": "空腹血糖", "target": "followUp.fastingGlucose", "type": "quantity", "unit": "mmol/L" },
            { "column": "体重", "target": "followUp.weight", "type": "quantity", "unit": "kg" },
            { "column": "心率", "target": "followUp.heartRate", "type": "quantity", "unit": "/min" },
            { "column": "服药依从性", "target": "followUp.medicationAdherence", "type": "code",
              "system": "NBPHS-3:medication-adherence",
              "values": [
                { "local": "规律", "code": "1" }, { "local": "规律服药", "code": "1" },
                { "local": "间断", "code": "2" }, { "local": "间断服药", "code": "2" },
                { "local": "不服药", "code": "3" } ] },
            { "column": "此次随访分类", "aliases": ["随访分类"], "target": "followUp.classification", "type": "code",
              "system": "NBPHS-3:follow-up-classification",
              "values": [
                { "local": "控制满意", "code": "1" }, { "local": "控制不满意", "code": "2" },
                { "local": "不良反应", "code": "3" }, { "local": "并发症", "code": "4" } ] },
            { "column": "下次随访日期", "target": "followUp.nextDate", "type": "date",
              "formats": ["yyyyMMdd", "yyyy-MM-dd", "yyyy/MM/dd", "yyyy年M月d日"] },
            { "column": "随访医生", "aliases": ["随访医生签名"], "target": "followUp.doctor" }
          ]
        }
        """#

    static let labExtractJSON = #"""
        {
          "name": "lab-extract",
          "title": "检验结果导出 (lab result extract)",
          "columns": [
            { "column": "患者姓名", "aliases": ["姓名"], "target": "resident.name", "required": true },
            { "column": "身份证号", "aliases": ["身份证号码"], "target": "resident.identifiers[residentID]" },
            { "column": "检验单号", "aliases": ["申请单号", "条码号"], "target": "labResult.orderNumber" },
            { "column": "检验项目代码", "aliases": ["项目代码"], "target": "labResult.itemCode", "type": "code",
              "system": "local-lab-item", "required": true },
            { "column": "检验项目名称", "aliases": ["项目名称"], "target": "labResult.itemName" },
            { "column": "结果", "aliases": ["检验结果", "结果值"], "target": "labResult.value", "type": "quantity",
              "unitColumn": "单位", "textIfNotNumeric": true, "required": true,
              "units": { "μmol/L": "umol/L", "umol/L": "umol/L", "次/分": "/min", "mmHg": "mm[Hg]" } },
            { "column": "单位", "target": "labResult.unit" },
            { "column": "参考范围", "aliases": ["参考值"], "target": "labResult.referenceRange" },
            { "column": "异常标志", "aliases": ["结果标志", "高低标志"], "target": "labResult.abnormalFlag",
              "type": "code", "system": "HL7-0078",
              "values": [
                { "local": "H", "code": "H", "display": "Above high normal" }, { "local": "↑", "code": "H" },
                { "local": "偏高", "code": "H" },
                { "local": "L", "code": "L", "display": "Below low normal" }, { "local": "↓", "code": "L" },
                { "local": "偏低", "code": "L" },
                { "local": "N", "code": "N", "display": "Normal" }, { "local": "正常", "code": "N" },
                { "local": "A", "code": "A", "display": "Abnormal" }, { "local": "阳性", "code": "A" },
                { "local": "HH", "code": "HH", "display": "Above upper panic limits" },
                { "local": "LL", "code": "LL", "display": "Below lower panic limits" } ] },
            { "column": "报告时间", "aliases": ["报告日期"], "target": "labResult.reportTime", "type": "dateTime" },
            { "column": "标本类型", "aliases": ["标本"], "target": "labResult.specimen" }
          ]
        }
        """#
}
