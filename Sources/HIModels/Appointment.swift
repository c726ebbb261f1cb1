/// An appointment (预约): a booked slot for a resident with a service, practitioners, places and resources
/// (HL7 v2 SIU^S12–S15 with SCH, TQ1, AIS, AIG, AIL, AIP; FHIR Appointment).
///
/// ```swift
/// var booking = Appointment(status: .booked)
/// booking.identifiers = [Identifier(kind: .other, value: "YY20240315001")]
/// booking.service = CodedValue(system: "local", code: "US01", display: "腹部彩超")
/// booking.start = Timestamp("20240315093000+0800")
/// booking.end = Timestamp("20240315094500+0800")
/// booking.participants = [Appointment.Participant(kind: .location, code: CodedValue(system: "", code: "超声科"))]
/// ```
public struct Appointment: Hashable, Sendable {
    /// The state of the booking, in FHIR `appointmentstatus` terms (HL7 v2 table 0278 maps onto it).
    ///
    /// ```swift
    /// let status = Appointment.Status(rawValue: "cancelled")
    /// ```
    public struct Status: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// 待确认.
        public static let pending = Status(rawValue: "pending")
        /// 已预约.
        public static let booked = Status(rawValue: "booked")
        /// 已到达 / 已开始.
        public static let arrived = Status(rawValue: "arrived")
        /// 已完成.
        public static let fulfilled = Status(rawValue: "fulfilled")
        /// 已取消.
        public static let cancelled = Status(rawValue: "cancelled")
        /// 爽约.
        public static let noShow = Status(rawValue: "noshow")
        /// 候补.
        public static let waitlist = Status(rawValue: "waitlist")
        /// 录入错误 / 已删除.
        public static let enteredInError = Status(rawValue: "entered-in-error")
        public var description: String { rawValue }
    }

    /// A practitioner, place or other resource the appointment books (HL7 v2 AIP, AIL, AIG; FHIR
    /// `Appointment.participant`).
    ///
    /// ```swift
    /// let room = Appointment.Participant(kind: .location, code: CodedValue(system: "", code: "B超2室"))
    /// ```
    public struct Participant: Hashable, Sendable {
        /// What kind of resource is booked.
        ///
        /// ```swift
        /// let kind = Appointment.Participant.Kind.practitioner
        /// ```
        public enum Kind: String, Hashable, Sendable {
            /// A person (AIP).
            case practitioner
            /// A place: room, department, site (AIL).
            case location
            /// Equipment or another resource (AIG).
            case resource
        }
        /// What kind of resource is booked.
        public var kind: Kind
        /// The practitioner, for ``Kind/practitioner``.
        public var practitioner: Practitioner?
        /// The place or resource code and name (AIL-3, AIG-3), for the other kinds.
        public var code: CodedValue?
        /// The role the participant plays (AIP-4, AIL-4, AIG-4).
        public var role: CodedValue?

        /// Creates a participant.
        public init(
            kind: Kind, practitioner: Practitioner? = nil, code: CodedValue? = nil, role: CodedValue? = nil
        ) {
            self.kind = kind
            self.practitioner = practitioner
            self.code = code
            self.role = role
        }
    }

    /// Identifiers: placer and filler appointment numbers (SCH-1, SCH-2).
    public var identifiers: [Identifier]
    /// The state of the booking.
    public var status: Status?
    /// The status code as the source gave it (HL7 0278, FHIR appointmentstatus).
    public var statusCode: CodedValue?
    /// The service booked (AIS-3; FHIR `serviceType`).
    public var service: CodedValue?
    /// The kind of appointment (SCH-8, HL7 0277 Normal/Tentative/Complete; FHIR `appointmentType`).
    public var appointmentType: CodedValue?
    /// Why the booking was made, changed or cancelled (SCH-6 event reason; FHIR `cancelationReason`).
    public var eventReason: CodedValue?
    /// Why the appointment is made (SCH-7, HL7 0276 ROUTINE/FOLLOWUP/CHECKUP …; FHIR `reasonCode`).
    public var reason: CodedValue?
    /// Start time (TQ1-7, AIS-4).
    public var start: Timestamp?
    /// End time (TQ1-8).
    public var end: Timestamp?
    /// Length in minutes (SCH-9 with SCH-10 in minutes; FHIR `minutesDuration`).
    public var durationMinutes: Int?
    /// The resident.
    public var resident: Resident?
    /// The visit the appointment belongs to (PV1).
    public var encounter: Encounter?
    /// Practitioners, places and resources booked.
    public var participants: [Participant]
    /// Free-text comments (NTE; FHIR `comment`).
    public var notes: [String]
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates an appointment.
    public init(status: Status? = nil, resident: Resident? = nil, provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.status = status
        self.resident = resident
        self.participants = []
        self.notes = []
        self.provenance = provenance
        self.unmappedFragments = []
    }
}
