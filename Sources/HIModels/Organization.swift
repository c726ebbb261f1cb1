/// A healthcare organisation: hospital, community health centre, township health centre, CDC …
///
/// ```swift
/// let clinic = Organization(
///     name: "某某社区卫生服务中心",
///     identifiers: [Identifier(kind: .unifiedSocialCreditCode, value: "12420106MB0000000X")])
/// ```
public struct Organization: Hashable, Sendable {
    /// Identifiers: unified social credit code, organisation code, platform-assigned ids.
    public var identifiers: [Identifier]
    /// The name.
    public var name: String?
    /// The organisation type.
    public var type: CodedValue?
    /// Addresses.
    public var addresses: [Address]
    /// Phones and other channels.
    public var telecom: [ContactPoint]
    /// The parent organisation's identifier.
    public var partOf: Identifier?
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates an organisation.
    public init(name: String? = nil, identifiers: [Identifier] = [], provenance: Provenance = Provenance()) {
        self.identifiers = identifiers
        self.name = name
        self.addresses = []
        self.telecom = []
        self.provenance = provenance
        self.unmappedFragments = []
    }

    /// The unified social credit code, when present.
    public var unifiedSocialCreditCode: String? {
        identifiers.first { $0.kind == .unifiedSocialCreditCode }?.value
    }
}

/// A practitioner: doctor, nurse, technician, pharmacist.
///
/// ```swift
/// let doctor = Practitioner(name: PersonName(text: "王医生"), role: CodedValue(system: "local", code: "family-doctor"))
/// ```
public struct Practitioner: Hashable, Sendable {
    /// Identifiers (staff number, practising certificate number, resident ID card).
    public var identifiers: [Identifier]
    /// The name.
    public var name: PersonName?
    /// The role or professional title (专业技术职务, CV08.30.xxx …).
    public var role: CodedValue?
    /// The organisation.
    public var organization: Organization?
    /// Phones and other channels.
    public var telecom: [ContactPoint]
    /// Where the model came from.
    public var provenance: Provenance

    /// Creates a practitioner.
    public init(
        name: PersonName? = nil, identifiers: [Identifier] = [], role: CodedValue? = nil,
        organization: Organization? = nil, provenance: Provenance = Provenance()
    ) {
        self.identifiers = identifiers
        self.name = name
        self.role = role
        self.organization = organization
        self.telecom = []
        self.provenance = provenance
    }
}

/// A care team, e.g. a family-doctor team (家庭医生团队).
///
/// ```swift
/// let team = CareTeam(name: "武昌1号团队", members: [Practitioner(name: PersonName(text: "王医生"))])
/// ```
public struct CareTeam: Hashable, Sendable {
    /// Identifiers.
    public var identifiers: [Identifier]
    /// The team name.
    public var name: String?
    /// The members.
    public var members: [Practitioner]
    /// The managing organisation.
    public var organization: Organization?
    /// Where the model came from.
    public var provenance: Provenance

    /// Creates a care team.
    public init(
        name: String? = nil, members: [Practitioner] = [], organization: Organization? = nil,
        provenance: Provenance = Provenance()
    ) {
        self.identifiers = []
        self.name = name
        self.members = members
        self.organization = organization
        self.provenance = provenance
    }
}
