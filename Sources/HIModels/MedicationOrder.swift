/// A medication order or prescription line (西药/中药处方, HL7 RDE/OMP, FHIR MedicationRequest), including
/// long prescriptions for chronic disease (长期处方: up to 12 weeks supplied, refills).
///
/// ```swift
/// var order = MedicationOrder(medication: CodedValue(system: "local", code: "Y0001", display: "氨氯地平片"))
/// order.dose = Quantity(value: "5", unit: "mg")
/// order.frequency = CodedValue(system: "local", code: "qd", display: "每日一次")
/// order.isLongTermPrescription = true
/// order.daysSupplied = 84
/// order.refills = 2
/// ```
public struct MedicationOrder: Hashable, Sendable {
    /// Identifiers (prescription number, order number).
    public var identifiers: [Identifier]
    /// The medicine.
    public var medication: CodedValue
    /// Dosage form (药物剂型).
    public var form: CodedValue?
    /// Strength / specification (规格) as written.
    public var strength: String?
    /// Dose per administration.
    public var dose: Quantity?
    /// Route (用药途径).
    public var route: CodedValue?
    /// Frequency (用药频次).
    public var frequency: CodedValue?
    /// Total quantity dispensed.
    public var quantity: Quantity?
    /// Days supplied.
    public var daysSupplied: Int?
    /// Number of refills allowed.
    public var refills: Int?
    /// `true` for a long prescription (长期处方).
    public var isLongTermPrescription: Bool
    /// The prescriber.
    public var prescriber: Practitioner?
    /// The resident.
    public var resident: Resident?
    /// When it was ordered.
    public var orderedAt: Timestamp?
    /// Where the model came from.
    public var provenance: Provenance
    /// Source fragments no mapping consumed.
    public var unmappedFragments: [UnmappedFragment]

    /// Creates an order.
    public init(medication: CodedValue, resident: Resident? = nil, provenance: Provenance = Provenance()) {
        self.identifiers = []
        self.medication = medication
        self.isLongTermPrescription = false
        self.resident = resident
        self.provenance = provenance
        self.unmappedFragments = []
    }
}
