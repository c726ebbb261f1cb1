public import HICore

/// A long prescription (长期处方) for a stable chronic patient: a ``MedicationOrder`` marked long-term, with the
/// policy checks (4–12 weeks supplied per prescription, a dose, a frequency, refills not negative).
///
/// ```swift
/// var order = MedicationOrder(medication: CodedValue(system: "local", code: "Y0001", display: "氨氯地平片"))
/// order.dose = Quantity(value: "5", unit: "mg", ucum: "mg")
/// order.frequency = CodedValue(system: "local", code: "qd", display: "每日一次")
/// order.daysSupplied = 84
/// order.refills = 2
/// let prescription = LongTermPrescription(order)
/// print(prescription.issues().isEmpty)   // true
/// ```
public struct LongTermPrescription: Hashable, Sendable {
    /// The days a long prescription may supply at once under the policy (4 to 12 weeks).
    public static let policyDays: ClosedRange<Int> = 28...84

    /// The order (``MedicationOrder/isLongTermPrescription`` is always `true`).
    public var order: MedicationOrder

    /// Wraps `order`, marking it long-term.
    public init(_ order: MedicationOrder) {
        var order = order
        order.isLongTermPrescription = true
        self.order = order
    }

    /// Total days covered by the first fill and the refills (`daysSupplied × (1 + refills)`), when known.
    public var totalDays: Int? {
        guard let days = order.daysSupplied else { return nil }
        return days * (1 + max(0, order.refills ?? 0))
    }

    /// Policy findings, errors first: days supplied missing or outside ``policyDays``, no dose or frequency,
    /// negative refills. Messages name the field and the rule, never patient data.
    ///
    /// - Parameter location: where the prescription came from (used for every issue).
    public func issues(at location: SourceLocation = .unknown) -> [Issue] {
        var issues: [Issue] = []
        func add(_ severity: Severity, _ number: String, _ message: String) {
            issues.append(Issue(severity, code: IssueCode("HI-MODEL-" + number), message, at: location))
        }
        if let days = order.daysSupplied {
            if !Self.policyDays.contains(days) {
                add(
                    .error, "0101",
                    "daysSupplied is \(days); a long prescription supplies \(Self.policyDays.lowerBound) to "
                        + "\(Self.policyDays.upperBound) days (4–12 weeks)")
            }
        } else {
            add(.error, "0102", "daysSupplied is missing; a long prescription states the days supplied")
        }
        if let refills = order.refills, refills < 0 {
            add(.error, "0103", "refills is negative")
        }
        if order.dose == nil { add(.warning, "0104", "dose is missing") }
        if order.frequency == nil { add(.warning, "0105", "frequency is missing") }
        if order.medication.code.isEmpty && (order.medication.display ?? "").isEmpty {
            add(.error, "0106", "medication has neither code nor name")
        }
        return issues.sorted { $0.severity > $1.severity }
    }

    /// `true` when ``issues(at:)`` holds no error.
    public var isValid: Bool { !issues().containsErrors }
}
