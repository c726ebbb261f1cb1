public import HIConvert
import HICore
import HIHL7v2
public import HIModels

/// Reads and writes medication orders, long prescriptions (长期处方) among them, as an HL7 v2.5.1 `RDE^O11`
/// pharmacy order: `PID` (as ``HL7v2ModelWriter`` writes it), then per order `ORC` (`ORC-2` prescription number
/// and organisation, `ORC-9` date, `ORC-12` prescriber), `RXE` (`RXE-2` medicine, `RXE-3`/`RXE-5` dose and unit,
/// `RXE-6` form, `RXE-10`/`RXE-11` quantity dispensed, `RXE-12` refills, `RXE-21` `LTP^长期处方^99HIRX` for a long
/// prescription), `TQ1` (`TQ1-3` frequency, `TQ1-6` days supplied as `n^d`) and `RXR` (`RXR-1` route).
///
/// ```swift
/// let er7 = try PrescriptionV2Codec().write([order])
/// let (orders, _) = try PrescriptionV2Codec().read(er7)
/// print(orders.first?.daysSupplied ?? 0)
/// ```
public struct PrescriptionV2Codec: Sendable {
    /// Conversion options (terminology for the `PID`, sending application).
    public var options: ConversionOptions

    /// Creates a codec.
    public init(options: ConversionOptions = ConversionOptions()) { self.options = options }

    /// Writes `orders` (for one resident, the first order's) as one `RDE^O11` message.
    /// - Throws: ``ConversionError`` `.missingData` for no orders.
    public func write(_ orders: [MedicationOrder]) throws(ConversionError) -> [UInt8] {
        guard let first = orders.first else { throw ConversionError(.missingData, "no medication order to write") }
        var lines: [String] = []
        let controlID =
            "RDE" + (first.identifiers.first?.value ?? String(PrimaryCareID.hash(first.medication.code), radix: 16))
        lines.append(
            "MSH|^~\\&|" + ER7.escape(options.sendingApplication) + "|||||" + "|RDE^O11^RDE_O11|"
                + ER7.escape(controlID)
                + "|P|2.5.1||||||UNICODE UTF-8")
        if let resident = first.resident {
            var report = ConversionReport()
            let adt = try HL7v2ModelWriter().write([.resident(resident)], options: options, report: &report)
            if let message = try? HL7v2Message(parsing: adt), let pid = message.segments(withID: "PID").first {
                lines.append(String(decoding: pid.rawBytes, as: UTF8.self))
            }
        }
        for order in orders {
            var orc: [Int: String] = [1: "NW"]
            if let id = order.identifiers.first {
                orc[2] = ER7.components([ER7.escape(id.value), ER7.escape(id.authority)])
            }
            if let date = order.orderedAt { orc[9] = ER7.escape(date.text) }
            if let prescriber = order.prescriber {
                let id = prescriber.identifiers.first
                orc[12] = ER7.components([
                    ER7.escape(id?.value), ER7.escape(prescriber.name?.text), "", "", "", "", "", "",
                    ER7.escape(id?.authority),
                ])
            }
            lines.append(ER7.segment("ORC", orc))
            var rxe: [Int: String] = [2: Self.ce(order.medication)]
            if let dose = order.dose {
                rxe[3] = ER7.escape(dose.value)
                rxe[5] = ER7.components([ER7.escape(dose.ucum), ER7.escape(dose.unit)])
            }
            if let form = order.form { rxe[6] = Self.ce(form) }
            if let quantity = order.quantity {
                rxe[10] = ER7.escape(quantity.value)
                rxe[11] = ER7.components([ER7.escape(quantity.ucum), ER7.escape(quantity.unit)])
            }
            if let refills = order.refills { rxe[12] = String(refills) }
            if order.isLongTermPrescription { rxe[21] = "LTP^长期处方^99HIRX" }
            lines.append(ER7.segment("RXE", rxe))
            var tq1: [Int: String] = [1: "1"]
            if let frequency = order.frequency { tq1[3] = Self.ce(frequency) }
            if let days = order.daysSupplied { tq1[6] = String(days) + "^d" }
            if tq1.count > 1 { lines.append(ER7.segment("TQ1", tq1)) }
            if let route = order.route { lines.append(ER7.segment("RXR", [1: Self.ce(route)])) }
        }
        return Array((lines.joined(separator: "\r") + "\r").utf8)
    }

    static func ce(_ value: CodedValue) -> String {
        ER7.components([ER7.escape(value.code), ER7.escape(value.display), ER7.escape(value.system)])
    }

    static func coded(_ segment: HL7v2Segment, _ field: Int) -> CodedValue? {
        let code = ER7.value(segment, field, 1)
        let display = ER7.value(segment, field, 2)
        guard code != nil || display != nil else { return nil }
        return CodedValue(system: ER7.value(segment, field, 3) ?? "", code: code ?? "", display: display)
    }

    static func quantity(_ segment: HL7v2Segment, value: Int, unit: Int) -> Quantity? {
        guard let number = ER7.value(segment, value) else { return nil }
        return Quantity(value: number, unit: ER7.value(segment, unit, 2), ucum: ER7.value(segment, unit, 1))
    }

    /// Reads every order of an `RDE` (or `OMP`/`RDS`) message: one per `ORC`, with the `RXE`, `TQ1` and `RXR` after it.
    /// - Throws: ``ConversionError`` `.unreadableInput` for bytes that are not HL7 v2, `.unsupportedRecord` when
    ///   the message holds no `RXE`.
    public func read(_ bytes: [UInt8]) throws(ConversionError) -> (orders: [MedicationOrder], report: ConversionReport)
    {
        let message: HL7v2Message
        do {
            message = try HL7v2Message(parsing: bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not readable HL7 v2: \(error.reason)", at: error.location)
        }
        let provenance = Provenance(format: .hl7v2, documentID: message.controlID)
        var resident: Resident?
        if let pid = message.segments(withID: "PID").first {
            let adt = "MSH|^~\\&|||||||ADT^A28^ADT_A05|PID|P|2.5.1||||||UNICODE UTF-8\rEVN|A28\r"
            var readOptions = options
            readOptions.strict = false
            if let (records, _) = try? HL7v2ModelReader().read(
                Array(adt.utf8) + Array(pid.rawBytes) + [0x0D], options: readOptions),
                case .resident(var value)? = records.first
            {
                value.provenance = provenance
                resident = value
            }
        }
        var orders: [MedicationOrder] = []
        var report = ConversionReport()
        for (index, segment) in message.segments.enumerated() {
            switch segment.id {
            case "ORC":
                var order = MedicationOrder(
                    medication: CodedValue(system: "", code: ""), resident: resident, provenance: provenance)
                if let id = ER7.value(segment, 2) {
                    order.identifiers = [Identifier(kind: .other, value: id, authority: ER7.value(segment, 2, 2))]
                }
                order.orderedAt = ER7.value(segment, 9).map(Timestamp.init)
                let prescriberID = ER7.value(segment, 12, 1)
                let prescriberName = ER7.value(segment, 12, 2)
                if prescriberID != nil || prescriberName != nil {
                    var prescriber = Practitioner(
                        name: prescriberName.map { PersonName(text: $0) }, provenance: provenance)
                    if let prescriberID {
                        prescriber.identifiers = [
                            Identifier(kind: .other, value: prescriberID, authority: ER7.value(segment, 12, 9))
                        ]
                    }
                    order.prescriber = prescriber
                }
                orders.append(order)
            case "RXE":
                if orders.isEmpty {
                    orders.append(
                        MedicationOrder(
                            medication: CodedValue(system: "", code: ""), resident: resident, provenance: provenance))
                }
                orders.mutateLast { order in
                    order.medication = Self.coded(segment, 2) ?? order.medication
                    order.dose = Self.quantity(segment, value: 3, unit: 5)
                    order.form = Self.coded(segment, 6)
                    order.quantity = Self.quantity(segment, value: 10, unit: 11)
                    order.refills = ER7.value(segment, 12).flatMap { Int($0) }
                    order.isLongTermPrescription = ER7.value(segment, 21) == "LTP"
                }
            case "TQ1":
                orders.mutateLast { order in
                    order.frequency = Self.coded(segment, 3)
                    if let days = ER7.value(segment, 6).flatMap({ Int($0) }) {
                        switch ER7.value(segment, 6, 2) {
                        case "wk": order.daysSupplied = days * 7
                        default: order.daysSupplied = days
                        }
                    }
                }
            case "RXR":
                orders.mutateLast { $0.route = Self.coded(segment, 1) }
            case "MSH", "PID", "PV1", "EVN":
                break
            default:
                report.unmapped.append(
                    UnmappedItem(path: "\(segment.id)[\(index)]", reason: "no place in a prescription"))
            }
        }
        guard message.segments(withID: "RXE").isEmpty == false else {
            throw ConversionError(
                .unsupportedRecord, "the message holds no RXE pharmacy order", at: SourceLocation(path: "RXE"))
        }
        try options.checkStrict(report)
        return (orders, report)
    }
}
