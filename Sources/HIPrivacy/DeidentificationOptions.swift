/// What a ``Deidentifier`` replaces, masks or shifts, and the key that makes its pseudonyms repeatable.
///
/// The same key gives the same pseudonym for the same value in every run and every format, so records
/// de-identified separately can still be linked; without the key the pseudonyms cannot be reversed or
/// recomputed.
///
/// ```swift
/// var options = DeidentificationOptions(key: Array("a long random secret".utf8))
/// options.dateShiftDays = 1...365
/// options.freeText = .empty
/// ```
public struct DeidentificationOptions: Sendable {
    /// What happens to free-text fields (notes, narrative, comments).
    ///
    /// ```swift
    /// options.freeText = .mask
    /// ```
    public enum FreeTextPolicy: String, Sendable, Hashable {
        /// Replaced by `***`.
        case mask
        /// Emptied (in FHIR, replaced by `***` where an empty string is not allowed).
        case empty
        /// Kept as is (only for text known to hold no personal data).
        case keep
    }

    /// The HMAC key. Must not be empty.
    public var key: [UInt8]
    /// How far dates move, in days, both ways: each person gets one offset with a magnitude in this range
    /// and a sign from the key (never zero unless the range is `0...0`).
    public var dateShiftDays: ClosedRange<Int> = 1...180
    /// Replace resident ID numbers and other person identifiers.
    public var identifiers = true
    /// Replace names of patients, relatives and practitioners.
    public var names = true
    /// Replace telephone numbers and e-mail addresses.
    public var phones = true
    /// Replace address parts below the county level.
    public var addresses = true
    /// Shift dates.
    public var dates = true
    /// What happens to free text.
    public var freeText: FreeTextPolicy = .mask
    /// Table columns (header names) and what they hold; columns not named here are matched against
    /// ``DeidentificationKind/defaultColumns``.
    public var tableColumns: [String: DeidentificationKind] = [:]

    /// Options with `key` and the defaults above.
    public init(key: [UInt8]) { self.key = key }
}

/// The kind of a value a ``Deidentifier`` changed, as listed in a ``DeidentificationReport``.
///
/// ```swift
/// let kind = DeidentificationKind.residentID
/// print(kind.rawValue)   // resident-id
/// ```
public enum DeidentificationKind: String, Sendable, Hashable, CaseIterable {
    /// A GB 11643 resident ID number (region kept, the rest a pseudonym with a valid check character).
    case residentID = "resident-id"
    /// Another person identifier (medical record number, insurance number …).
    case identifier
    /// A personal name.
    case name
    /// A telephone number or e-mail address.
    case phone
    /// An address below the county level.
    case address
    /// A date or date-time, shifted.
    case date
    /// Free text, masked or emptied.
    case freeText = "free-text"

    /// Header names of common Chinese and English table exports, and what they hold.
    public static let defaultColumns: [String: DeidentificationKind] = {
        var columns: [String: DeidentificationKind] = [:]
        for name in [
            "姓名", "患者姓名", "病人姓名", "居民姓名", "联系人", "联系人姓名", "签约医生", "随访医生", "医生", "责任医生",
            "检验医生", "审核医生", "name", "patient_name", "doctor",
        ] { columns[name] = .name }
        for name in ["身份证号", "身份证号码", "证件号码", "公民身份号码", "resident_id", "id_number", "idcard"] {
            columns[name] = .residentID
        }
        for name in ["联系电话", "电话", "手机", "手机号", "手机号码", "联系人电话", "phone", "mobile", "telephone"] {
            columns[name] = .phone
        }
        for name in ["现住址", "住址", "地址", "家庭住址", "户籍地址", "address"] { columns[name] = .address }
        for name in [
            "出生日期", "签约日期", "随访日期", "下次随访日期", "报告时间", "检验时间", "采样时间", "就诊日期", "入院日期",
            "出院日期", "birth_date", "date",
        ] { columns[name] = .date }
        for name in ["备注", "说明", "notes", "note", "remarks", "comment"] { columns[name] = .freeText }
        for name in ["病历号", "门诊号", "住院号", "医保卡号", "健康档案号", "mrn"] { columns[name] = .identifier }
        return columns
    }()
}
