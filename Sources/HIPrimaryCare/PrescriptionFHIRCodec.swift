public import HIConvert
import HICore
import HIFHIR
public import HIModels

/// Reads and writes medication orders, long prescriptions (长期处方) among them, as FHIR R4 `MedicationRequest`s:
/// `dosageInstruction` (dose, frequency as `timing.code`, route), `dispenseRequest.expectedSupplyDuration`
/// (days supplied, UCUM `d`), `dispenseRequest.numberOfRepeatsAllowed` (refills), `dispenseRequest.quantity`,
/// and the category ``PrescriptionFHIRCodec/longTermCategorySystem`` `long-term` for a long prescription.
///
/// ```swift
/// let codec = PrescriptionFHIRCodec()
/// let json = try codec.write(LongTermPrescription(order))
/// let (orders, _) = try codec.read(json)
/// print(orders.first?.daysSupplied ?? 0)   // 84
/// ```
public struct PrescriptionFHIRCodec: Sendable {
    /// The prescription-category code system (`long-term` 长期处方).
    public static let longTermCategorySystem = "http://healthinterchange.example/fhir/CodeSystem/prescription-category"

    /// Conversion options.
    public var options: ConversionOptions

    /// Creates a codec.
    public init(options: ConversionOptions = ConversionOptions()) { self.options = options }

    /// Writes one prescription as a Bundle (`collection`): its Patient, prescriber and MedicationRequest.
    /// - Throws: ``ConversionError`` from the Patient writer.
    public func write(_ prescription: LongTermPrescription) throws(ConversionError) -> [UInt8] {
        try write([prescription.order])
    }

    /// Writes orders as one Bundle (`collection`).
    /// - Throws: ``ConversionError`` `.missingData` for no orders, or from the Patient writer.
    public func write(_ orders: [MedicationOrder]) throws(ConversionError) -> [UInt8] {
        guard let first = orders.first else { throw ConversionError(.missingData, "no medication order to write") }
        var entries = PrimaryCareBundle(key: (first.identifiers.first?.value ?? "") + (first.orderedAt?.text ?? ""))
        let subject = try entries.addPatient(first.resident, options: options)
        for order in orders {
            let requester = try entries.addPractitioner(order.prescriber, options: options)
            let id = entries.nextID("MedicationRequest")
            entries.add(
                medicationRequest(order, id: id, subject: subject, encounter: nil, requester: requester), id: id)
        }
        return JSONWriter.write(entries.bundle)
    }

    /// The MedicationRequest of `order`.
    func medicationRequest(
        _ order: MedicationOrder, id: String, subject: String?, encounter: String?, requester: String?
    ) -> JSONValue {
        var category: [JSONValue] = []
        if order.isLongTermPrescription {
            category.append(
                FHIRJSON.object([
                    (
                        "coding",
                        .array([
                            FHIRJSON.object([
                                ("system", .string(Self.longTermCategorySystem)), ("code", .string("long-term")),
                                ("display", .string("长期处方")),
                            ])
                        ])
                    )
                ]))
        }
        let timing = order.frequency.map { FHIRJSON.object([("code", PrimaryCareFHIR.concept($0))]) }
        let doseAndRate = order.dose.map {
            [FHIRJSON.object([("doseQuantity", PrimaryCareFHIR.quantity($0, defaultCode: nil))])]
        }
        let dosage = FHIRJSON.object([
            ("timing", timing), ("route", order.route.map(PrimaryCareFHIR.concept)),
            ("doseAndRate", doseAndRate.map { .array($0) }),
        ])
        let duration = order.daysSupplied.map {
            FHIRJSON.object([
                ("value", .number(JSONNumber($0))), ("unit", .string("d")), ("system", .string(PrimaryCareFHIR.ucum)),
                ("code", .string("d")),
            ])
        }
        let dispense = FHIRJSON.object([
            ("numberOfRepeatsAllowed", FHIRJSON.integer(order.refills)),
            ("quantity", order.quantity.map { PrimaryCareFHIR.quantity($0, defaultCode: nil) }),
            ("expectedSupplyDuration", duration),
        ])
        return FHIRJSON.object([
            ("resourceType", .string("MedicationRequest")), ("id", .string(id)),
            ("identifier", .array(order.identifiers.map(PrimaryCareFHIR.identifier))),
            ("status", .string("active")), ("intent", .string("order")), ("category", .array(category)),
            ("medicationCodeableConcept", PrimaryCareFHIR.concept(order.medication)),
            ("subject", FHIRJSON.reference(subject)), ("encounter", FHIRJSON.reference(encounter)),
            ("authoredOn", order.orderedAt.flatMap { FHIRTime.dateTime($0.text) }.map { .string($0) }),
            ("requester", FHIRJSON.reference(requester)),
            ("dosageInstruction", .array(dosage.objectValue?.members.isEmpty == false ? [dosage] : [])),
            ("dispenseRequest", dispense),
        ])
    }

    /// Reads every MedicationRequest of a Bundle (or a lone MedicationRequest).
    /// - Throws: ``ConversionError`` `.unreadableInput` for bytes that are not JSON, `.unsupportedRecord` when
    ///   there is no MedicationRequest.
    public func read(_ bytes: [UInt8]) throws(ConversionError) -> (orders: [MedicationOrder], report: ConversionReport)
    {
        let root: JSONValue
        do {
            root = try JSONReader.read(bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not readable JSON: \(error.reason)", at: error.location)
        }
        let resources = FHIRJSON.resources(root)
        let provenance = Provenance(format: .fhir, documentID: root["id"]?.stringValue)
        var orders: [MedicationOrder] = []
        for item in resources where item.resource["resourceType"]?.stringValue == "MedicationRequest" {
            orders.append(order(item.resource, in: resources, provenance: provenance))
        }
        guard !orders.isEmpty else {
            throw ConversionError(.unsupportedRecord, "no MedicationRequest found", at: SourceLocation(path: "$"))
        }
        return (orders, ConversionReport())
    }

    func order(
        _ json: JSONValue, in resources: [(url: String?, resource: JSONValue)], provenance: Provenance
    ) -> MedicationOrder {
        let medication = PrimaryCareFHIR.coded(json["medicationCodeableConcept"]) ?? CodedValue(system: "", code: "")
        var order = MedicationOrder(medication: medication, provenance: provenance)
        order.identifiers = (json["identifier"]?.arrayValue ?? []).compactMap(PrimaryCareFHIR.identifier)
        order.isLongTermPrescription = (json["category"]?.arrayValue ?? []).contains { category in
            (category["coding"]?.arrayValue ?? []).contains {
                $0["system"]?.stringValue == Self.longTermCategorySystem && $0["code"]?.stringValue == "long-term"
            }
        }
        let dosage = json["dosageInstruction"]?[0]
        order.frequency = PrimaryCareFHIR.coded(dosage?["timing"]?["code"])
        order.route = PrimaryCareFHIR.coded(dosage?["route"])
        order.dose = PrimaryCareFHIR.quantity(dosage?["doseAndRate"]?[0]?["doseQuantity"])
        let dispense = json["dispenseRequest"]
        order.refills = dispense?["numberOfRepeatsAllowed"]?.numberText.flatMap { Int($0) }
        order.quantity = PrimaryCareFHIR.quantity(dispense?["quantity"])
        if let duration = dispense?["expectedSupplyDuration"],
            let value = duration["value"]?.numberText.flatMap({ Double($0) })
        {
            let factor: Double
            switch duration["code"]?.stringValue ?? duration["unit"]?.stringValue {
            case "wk": factor = 7
            case "mo": factor = 30
            default: factor = 1
            }
            order.daysSupplied = Int((value * factor).rounded())
        }
        order.orderedAt = json["authoredOn"]?.stringValue.map { Timestamp(FHIRTime.compact($0)) }
        order.resident = PrimaryCareFHIR.resident(json["subject"], in: resources, provenance: provenance)
        order.prescriber = PrimaryCareFHIR.practitioner(json["requester"], in: resources, provenance: provenance)
        return order
    }
}
