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

/// An address: a GB/T 2260 region code (county level when known) and free text.
///
/// ```swift
/// let home = Address(use: .home, regionCode: "420106", text: "湖北省武汉市武昌区某某路1号")
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
    /// The province, city, county, township and village names, when the source splits them.
    public var parts: [String]
    /// The free-text address.
    public var text: String?
    /// The postal code.
    public var postalCode: String?

    /// Creates an address.
    public init(
        use: Use? = nil, regionCode: String? = nil, parts: [String] = [], text: String? = nil, postalCode: String? = nil
    ) {
        self.use = use
        self.regionCode = regionCode
        self.parts = parts
        self.text = text
        self.postalCode = postalCode
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
