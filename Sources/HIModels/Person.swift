/// A personal name. Chinese names are kept as one string (``text``); ``family`` and ``given`` are filled
/// only when the source splits them (HL7 XPN, FHIR HumanName).
///
/// ```swift
/// let name = PersonName(text: "张三")
/// let split = PersonName(text: "欧阳娜娜", family: "欧阳", given: ["娜娜"])
/// print(name)  // 张*
/// ```
public struct PersonName: Hashable, Sendable, CustomStringConvertible {
    /// The full name as written.
    public var text: String
    /// The family name, when the source gives it separately.
    public var family: String?
    /// The given names, when the source gives them separately.
    public var given: [String]
    /// `official`, `usual`, `nickname` … (FHIR name use), when known.
    public var use: String?

    /// Creates a name.
    public init(text: String, family: String? = nil, given: [String] = [], use: String? = nil) {
        self.text = text
        self.family = family
        self.given = given
        self.use = use
    }

    /// The masked name.
    public var description: String { Masking.name(text) }
}

/// An address in the parts of WS 364 DE02.01.009 (省, 市, 县, 乡, 村/街/路, 门牌号码) as CDA `addr` names them
/// (`state`, `city`, `county`, `township`, `streetName`, `houseNumber`), plus postal code, country, free
/// lines, the full text and the GB/T 2260 region code.
///
/// The formats map the parts like this (readers and writers in HIConvert):
///
/// | model | CDA `addr` | HL7 v2 XAD | FHIR Address |
/// |---|---|---|---|
/// | ``province`` | `state` | XAD-4 | `state` |
/// | ``city`` | `city` | XAD-3 | `city` |
/// | ``county`` | `county` | XAD-8 | `district` |
/// | ``township`` | `township` | XAD-2 | `line` + ADXP `precinct` extension |
/// | ``streetName`` | `streetName` | XAD-1.2 (XAD-1.1 when alone) | `line` + ADXP `streetName` extension |
/// | ``houseNumber`` | `houseNumber` | XAD-1.3 | `line` + ADXP `houseNumber` extension |
/// | ``lines`` | `streetAddressLine` | XAD-1.1 (with 1.2/1.3) | `line` without extension |
/// | ``postalCode`` | `postalCode` | XAD-5 | `postalCode` |
/// | ``country`` | `country` | XAD-6 | `country` |
/// | ``regionCode`` | — | XAD-9 | GB/T 2260 division extension |
/// | ``text`` | `addr` text | XAD-1.1 when no part is given | `text` |
///
/// ```swift
/// var home = Address(use: .home, regionCode: "420106", text: "湖北省武汉市武昌区中南路街道示例路1号")
/// home.province = "湖北省"
/// home.city = "武汉市"
/// home.county = "武昌区"
/// home.township = "中南路街道"
/// home.streetName = "示例路"
/// home.houseNumber = "1号"
/// ```
public struct Address: Hashable, Sendable {
    /// What the address is for.
    ///
    /// ```swift
    /// let use = Address.Use.registeredResidence
    /// ```
    public struct Use: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// 现住址.
        public static let home = Use(rawValue: "home")
        /// 户籍地址.
        public static let registeredResidence = Use(rawValue: "registeredResidence")
        /// 工作单位地址.
        public static let work = Use(rawValue: "work")
        /// 出生地.
        public static let birthPlace = Use(rawValue: "birthPlace")
    }

    /// What the address is for.
    public var use: Use?
    /// The GB/T 2260 region code (six digits), when known.
    public var regionCode: String?
    /// 省（自治区、直辖市） (CDA `state`).
    public var province: String?
    /// 市（地区、州） (CDA `city`).
    public var city: String?
    /// 县（区） (CDA `county`).
    public var county: String?
    /// 乡（镇、街道办事处） (CDA `township`).
    public var township: String?
    /// 村（街、路、弄等） (CDA `streetName`).
    public var streetName: String?
    /// 门牌号码 (CDA `houseNumber`).
    public var houseNumber: String?
    /// Address lines the source gives without saying which part they are (CDA `streetAddressLine`,
    /// FHIR `line` without a part extension).
    public var lines: [String]
    /// The country (ISO 3166 code or name as written).
    public var country: String?
    /// The free-text address.
    public var text: String?
    /// The postal code.
    public var postalCode: String?

    /// Creates an address.
    public init(
        use: Use? = nil, regionCode: String? = nil, province: String? = nil, city: String? = nil,
        county: String? = nil, township: String? = nil, streetName: String? = nil, houseNumber: String? = nil,
        lines: [String] = [], country: String? = nil, text: String? = nil, postalCode: String? = nil
    ) {
        self.use = use
        self.regionCode = regionCode
        self.province = province
        self.city = city
        self.county = county
        self.township = township
        self.streetName = streetName
        self.houseNumber = houseNumber
        self.lines = lines
        self.country = country
        self.text = text
        self.postalCode = postalCode
    }

    /// Creates an address from parts in the Chinese order (province, city, county, township, street,
    /// house number; anything after goes to ``lines``), as earlier releases took them.
    public init(
        use: Use? = nil, regionCode: String? = nil, parts: [String], text: String? = nil, postalCode: String? = nil
    ) {
        self.init(use: use, regionCode: regionCode, text: text, postalCode: postalCode)
        self.parts = parts
    }

    /// The named parts in the Chinese order (province, city, county, township, street, house number; an
    /// absent part is `""`, trailing absent parts are dropped) followed by ``lines``. Setting it assigns the
    /// first six values to the named parts (`""` means absent) and the rest to ``lines``.
    public var parts: [String] {
        get {
            var named = [province, city, county, township, streetName, houseNumber].map { $0 ?? "" }
            if lines.isEmpty {
                while named.last == "" { named.removeLast() }
            }
            return named + lines
        }
        set {
            func value(_ index: Int) -> String? {
                index < newValue.count && !newValue[index].isEmpty ? newValue[index] : nil
            }
            province = value(0)
            city = value(1)
            county = value(2)
            township = value(3)
            streetName = value(4)
            houseNumber = value(5)
            lines = newValue.count > 6 ? Array(newValue[6...]) : []
        }
    }

    /// `true` when no part, line, text, postal code, country or region code is given.
    public var isEmpty: Bool {
        parts.isEmpty && text == nil && postalCode == nil && country == nil && regionCode == nil
    }
}

/// A telecom contact: a phone number (parsed when possible) or another channel.
///
/// ```swift
/// let phone = ContactPoint(system: .phone, value: "13812345678", use: .mobile)
/// print(phone.phoneNumber?.kind == .mobile)  // true
/// ```
public struct ContactPoint: Hashable, Sendable {
    /// The channel.
    ///
    /// ```swift
    /// let system: ContactPoint.System = .phone
    /// ```
    public enum System: String, Hashable, Sendable {
        case phone, fax, email, url, other
    }
    /// What the contact point is for.
    ///
    /// ```swift
    /// let use: ContactPoint.Use = .mobile
    /// ```
    public enum Use: String, Hashable, Sendable {
        case home, work, mobile, temporary, other
    }

    /// The channel.
    public var system: System
    /// The value as written.
    public var value: String
    /// What it is for.
    public var use: Use?

    /// Creates a contact point.
    public init(system: System, value: String, use: Use? = nil) {
        self.system = system
        self.value = value
        self.use = use
    }

    /// The parsed mainland phone number, when ``value`` is one.
    public var phoneNumber: PhoneNumber? {
        guard system == .phone || system == .fax else { return nil }
        return try? PhoneNumber(parsing: value)
    }
}

/// A contact person (联系人): name, relationship (GB/T 4761 家庭关系) and phones.
///
/// ```swift
/// let contact = Contact(name: PersonName(text: "李四"), relationship: CodedValue(system: "gb-t-4761", code: "10"))
/// ```
public struct Contact: Hashable, Sendable {
    /// The name.
    public var name: PersonName?
    /// The relationship to the resident.
    public var relationship: CodedValue?
    /// Phones and other channels.
    public var telecom: [ContactPoint]
    /// The address.
    public var address: Address?

    /// Creates a contact.
    public init(
        name: PersonName? = nil, relationship: CodedValue? = nil, telecom: [ContactPoint] = [], address: Address? = nil
    ) {
        self.name = name
        self.relationship = relationship
        self.telecom = telecom
        self.address = address
    }
}

/// A medical-insurance membership (医疗保险类别, 医疗付费方式).
///
/// ```swift
/// let insurance = Insurance(type: CodedValue(system: "2.16.156.10011.2.3.1.248", code: "01", display: "城镇职工基本医疗保险"))
/// ```
public struct Insurance: Hashable, Sendable {
    /// The insurance type.
    public var type: CodedValue?
    /// The insurance number.
    public var number: Identifier?
    /// The payment method.
    public var paymentMethod: CodedValue?

    /// Creates an insurance.
    public init(type: CodedValue? = nil, number: Identifier? = nil, paymentMethod: CodedValue? = nil) {
        self.type = type
        self.number = number
        self.paymentMethod = paymentMethod
    }
}

/// The key populations of the national basic public health services (重点人群).
///
/// ```swift
/// let flags: KeyPopulation = [.elderly, .hypertension]
/// print(flags.contains(.diabetes))  // false
/// ```
public struct KeyPopulation: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// 65 years and older.
    public static let elderly = KeyPopulation(rawValue: 1 << 0)
    /// Pregnant or postpartum woman.
    public static let pregnant = KeyPopulation(rawValue: 1 << 1)
    /// Child aged 0–6.
    public static let child = KeyPopulation(rawValue: 1 << 2)
    /// Person with a disability.
    public static let disabled = KeyPopulation(rawValue: 1 << 3)
    /// Registered poor household.
    public static let poverty = KeyPopulation(rawValue: 1 << 4)
    /// Hypertension patient under management.
    public static let hypertension = KeyPopulation(rawValue: 1 << 5)
    /// Type 2 diabetes patient under management.
    public static let diabetes = KeyPopulation(rawValue: 1 << 6)
    /// Tuberculosis patient.
    public static let tuberculosis = KeyPopulation(rawValue: 1 << 7)
    /// Severe mental illness patient.
    public static let severeMentalIllness = KeyPopulation(rawValue: 1 << 8)

    /// The age-based flags for a birth date on `date`: elderly (65+) and child (0–6).
    public static func ageFlags(birthDate: CalendarDate, on date: CalendarDate) -> KeyPopulation {
        let age = birthDate.years(until: date)
        var flags: KeyPopulation = []
        if age >= 65 { flags.insert(.elderly) }
        if age >= 0 && age <= 6 { flags.insert(.child) }
        return flags
    }
}
