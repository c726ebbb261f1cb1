public import HIConvert
import HICore
public import HIFHIR
public import HIModels

/// Reads and writes a ``FollowUp`` as a FHIR R4 Bundle (`collection`): an `Encounter` (the visit: date, method as
/// `type`, disease as `reasonCode` ICD-10 I10 / E11, doctor as participant, next visit as the extension
/// ``FollowUpFHIRCodec/nextVisitURL``), one `Observation` per measured value (LOINC codes and UCUM units:
/// 85354-9 blood pressure panel with 8480-6 systolic and 8462-4 diastolic, 29463-7 weight, 8302-2 height,
/// 39156-5 BMI, 8867-4 heart rate, 14771-0 fasting glucose in mmol/L or 1558-6 in mg/dL), project-coded
/// Observations (``FollowUpFHIRCodec/observationSystem``) for symptoms, lifestyle, adherence, adverse
/// reactions, classification and referral advice, and a `MedicationRequest` per medication (see
/// ``PrescriptionFHIRCodec``).
///
/// ```swift
/// let codec = FollowUpFHIRCodec()
/// let json = try codec.write(visit)
/// let (again, _) = try codec.read(json)
/// print(again.systolic == visit.systolic)
/// ```
public struct FollowUpFHIRCodec: Sendable {
    /// The code system of the project-coded follow-up Observations.
    public static let observationSystem = "http://healthinterchange.example/fhir/CodeSystem/follow-up-observation"
    /// The next-visit extension on the Encounter (`valueDate`).
    public static let nextVisitURL = "http://healthinterchange.example/fhir/StructureDefinition/next-follow-up"
    static let loinc = "http://loinc.org"

    /// Conversion options.
    public var options: ConversionOptions

    /// Creates a codec.
    public init(options: ConversionOptions = ConversionOptions()) { self.options = options }

    /// Writes the visit as FHIR JSON (a Bundle).
    /// - Throws: ``ConversionError`` from the Patient or Practitioner writer.
    public func write(_ visit: FollowUp) throws(ConversionError) -> [UInt8] {
        JSONWriter.write(try bundle(visit))
    }

    /// The Bundle tree of `visit`.
    /// - Throws: ``ConversionError`` from the Patient or Practitioner writer.
    public func bundle(_ visit: FollowUp) throws(ConversionError) -> JSONValue {
        var bundle = PrimaryCareBundle(
            key: "followup/" + (visit.identifiers.first?.value ?? "") + (visit.date?.compact ?? "")
                + visit.disease.rawValue)
        let subject = try bundle.addPatient(visit.resident, options: options)
        let doctor = try bundle.addPractitioner(visit.doctor, options: options)
        let encounterID = bundle.nextID("Encounter")
        let encounterURL = "urn:uuid:" + encounterID
        let isDiabetes = visit.disease == .diabetes
        let reason = FHIRJSON.object([
            (
                "coding",
                .array([
                    FHIRJSON.object([
                        ("system", .string("http://hl7.org/fhir/sid/icd-10")),
                        ("code", .string(isDiabetes ? "E11" : "I10")),
                        ("display", .string(isDiabetes ? "2型糖尿病" : "高血压")),
                    ])
                ])
            )
        ])
        let nextVisit = visit.nextDate.map {
            [FHIRJSON.object([("url", .string(Self.nextVisitURL)), ("valueDate", .string($0.description))])]
        }
        let encounter = FHIRJSON.object([
            ("resourceType", .string("Encounter")), ("id", .string(encounterID)),
            ("extension", nextVisit.map { .array($0) }),
            ("identifier", .array(visit.identifiers.map(PrimaryCareFHIR.identifier))), ("status", .string("finished")),
            (
                "class",
                FHIRJSON.object([
                    ("system", .string("http://terminology.hl7.org/CodeSystem/v3-ActCode")), ("code", .string("AMB")),
                ])
            ),
            ("type", visit.method.map { .array([PrimaryCareFHIR.concept($0)]) }),
            ("subject", FHIRJSON.reference(subject)),
            ("participant", doctor.map { .array([FHIRJSON.object([("individual", FHIRJSON.reference($0))])]) }),
            ("period", visit.date.map { FHIRJSON.object([("start", .string($0.description))]) }),
            ("reasonCode", .array([reason])),
        ])
        bundle.add(encounter, id: encounterID)
        var observations = Observations(subject: subject, encounter: encounterURL, date: visit.date?.description)
        if visit.systolic != nil || visit.diastolic != nil {
            var components: [JSONValue] = []
            for (code, display, value) in [
                ("8480-6", "Systolic blood pressure", visit.systolic),
                ("8462-4", "Diastolic blood pressure", visit.diastolic),
            ] {
                guard let value else { continue }
                components.append(
                    FHIRJSON.object([
                        ("code", Observations.code(Self.loinc, code, display)),
                        (
                            "valueQuantity",
                            PrimaryCareFHIR.quantity(
                                Quantity(value: String(value), unit: "mmHg", ucum: "mm[Hg]"), defaultCode: nil)
                        ),
                    ]))
            }
            observations.add(
                vital: true, code: Observations.code(Self.loinc, "85354-9", "Blood pressure panel"),
                value: nil, extra: [("component", .array(components))])
        }
        func vital(_ code: String, _ display: String, _ quantity: Quantity?, _ ucum: String) {
            guard let quantity else { return }
            observations.add(
                vital: true, code: Observations.code(Self.loinc, code, display),
                value: ("valueQuantity", PrimaryCareFHIR.quantity(quantity, defaultCode: ucum)))
        }
        vital("29463-7", "Body weight", visit.weight, "kg")
        vital("8302-2", "Body height", visit.height, "cm")
        vital("39156-5", "Body mass index", visit.bmi, "kg/m2")
        vital(
            "8867-4", "Heart rate", visit.heartRate.map { Quantity(value: String($0), unit: "次/min", ucum: "/min") },
            "/min")
        if let glucose = visit.fastingGlucose {
            let molar = (glucose.ucum ?? glucose.unit ?? "mmol/L").lowercased().hasPrefix("mmol")
            observations.add(
                vital: false,
                code: Observations.code(
                    Self.loinc, molar ? "14771-0" : "1558-6",
                    molar
                        ? "Fasting glucose [Moles/volume] in Serum or Plasma"
                        : "Fasting glucose [Mass/volume] in Serum or Plasma"),
                value: ("valueQuantity", PrimaryCareFHIR.quantity(glucose, defaultCode: molar ? "mmol/L" : "mg/dL")))
        }
        func local(_ code: String, _ display: String, _ value: (String, JSONValue?)?) {
            guard let value, value.1 != nil else { return }
            observations.add(vital: false, code: Observations.code(Self.observationSystem, code, display), value: value)
        }
        func count(_ value: Int?, _ unit: String, _ ucum: String) -> (String, JSONValue?)? {
            value.map {
                (
                    "valueQuantity",
                    PrimaryCareFHIR.quantity(Quantity(value: String($0), unit: unit, ucum: ucum), defaultCode: nil)
                )
            }
        }
        for symptom in visit.symptoms { local("symptom", "症状", ("valueString", .string(symptom))) }
        let life = visit.lifestyle
        local("cigarettes-per-day", "日吸烟量", count(life.dailyCigarettes, "支/天", "{cigarettes}/d"))
        local(
            "alcohol-per-day", "日饮酒量",
            life.dailyAlcohol.map { ("valueQuantity", PrimaryCareFHIR.quantity($0, defaultCode: nil)) })
        local("exercise-per-week", "运动频率", count(life.exerciseTimesPerWeek, "次/周", "/wk"))
        local("exercise-minutes", "每次运动时间", count(life.exerciseMinutesPerSession, "分钟/次", "min"))
        local("salt-intake", "摄盐情况", life.saltIntake.map { ("valueCodeableConcept", PrimaryCareFHIR.concept($0)) })
        local("staple-food", "主食量", count(life.stapleFoodGramsPerDay, "克/天", "g/d"))
        local(
            "psychological-adjustment", "心理调整",
            life.psychologicalAdjustment.map { ("valueCodeableConcept", PrimaryCareFHIR.concept($0)) })
        local("compliance", "遵医行为", life.compliance.map { ("valueCodeableConcept", PrimaryCareFHIR.concept($0)) })
        local(
            "medication-adherence", "服药依从性",
            visit.medicationAdherence.map { ("valueCodeableConcept", PrimaryCareFHIR.concept($0)) })
        if visit.hasAdverseReaction != nil || visit.adverseReactionText != nil {
            observations.add(
                vital: false, code: Observations.code(Self.observationSystem, "adverse-reaction", "药物不良反应"),
                value: visit.hasAdverseReaction.map { ("valueBoolean", .bool($0)) },
                extra: [("note", visit.adverseReactionText.map { .array([FHIRJSON.object([("text", .string($0))])]) })])
        }
        local(
            "control-classification", "此次随访分类",
            visit.classification.map { ("valueCodeableConcept", PrimaryCareFHIR.concept($0)) })
        local("referral-reason", "转诊原因", visit.referralReason.map { ("valueString", .string($0)) })
        local("referral-organization", "转诊机构及科别", visit.referralOrganization.map { ("valueString", .string($0)) })
        for resource in observations.resources {
            bundle.add(resource, id: bundle.nextID("Observation"))
        }
        let prescriptions = PrescriptionFHIRCodec(options: options)
        for order in visit.medications {
            let requester = try bundle.addPractitioner(order.prescriber, options: options)
            let id = bundle.nextID("MedicationRequest")
            bundle.add(
                prescriptions.medicationRequest(
                    order, id: id, subject: subject, encounter: encounterURL, requester: requester),
                id: id)
        }
        return bundle.bundle
    }

    /// Reads a follow-up Bundle written as ``write(_:)`` describes.
    /// - Throws: ``ConversionError`` `.unreadableInput` for bytes that are not JSON, `.unsupportedRecord` when the
    ///   Bundle holds no Encounter.
    public func read(_ bytes: [UInt8]) throws(ConversionError) -> (followUp: FollowUp, report: ConversionReport) {
        let root: JSONValue
        do {
            root = try JSONReader.read(bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not readable JSON: \(error.reason)", at: error.location)
        }
        let resources = FHIRJSON.resources(root)
        guard
            let encounterIndex = resources.firstIndex(where: { $0.resource["resourceType"]?.stringValue == "Encounter" }
            )
        else {
            throw ConversionError(.unsupportedRecord, "no follow-up Encounter found", at: SourceLocation(path: "$"))
        }
        let encounter = resources[encounterIndex].resource
        let provenance = Provenance(format: .fhir, documentID: root["id"]?.stringValue)
        let reason = encounter["reasonCode"]?[0]?["coding"]?[0]?["code"]?.stringValue ?? ""
        var visit = FollowUp(disease: reason.hasPrefix("E1") ? .diabetes : .hypertension, provenance: provenance)
        visit.identifiers = (encounter["identifier"]?.arrayValue ?? []).compactMap(PrimaryCareFHIR.identifier)
        visit.date = encounter["period"]?["start"]?.stringValue.flatMap {
            CalendarDate(String(FHIRTime.compact($0).prefix(8)))
        }
        visit.method = PrimaryCareFHIR.coded(encounter["type"]?[0])
        visit.resident = PrimaryCareFHIR.resident(encounter["subject"], in: resources, provenance: provenance)
        visit.doctor = PrimaryCareFHIR.practitioner(
            encounter["participant"]?[0]?["individual"], in: resources, provenance: provenance)
        if let next = FHIRJSON.extensionValue(encounter, url: Self.nextVisitURL)?["valueDate"]?.stringValue {
            visit.nextDate = CalendarDate(FHIRTime.compact(next))
        }
        var report = ConversionReport()
        let prescriptions = PrescriptionFHIRCodec(options: options)
        for (index, item) in resources.enumerated() {
            let resource = item.resource
            switch resource["resourceType"]?.stringValue {
            case "Observation":
                if !read(observation: resource, into: &visit) {
                    report.unmapped.append(
                        UnmappedItem(
                            path: "$.entry[\(index)].resource.code",
                            reason: "an Observation code this reader does not know"))
                }
            case "MedicationRequest":
                var order = prescriptions.order(resource, in: resources, provenance: provenance)
                order.resident = nil
                visit.medications.append(order)
            case "Encounter", "Patient", "Practitioner":
                break
            default:
                report.unmapped.append(
                    UnmappedItem(
                        path: "$.entry[\(index)].resource", reason: "this resource has no place in a follow-up"))
            }
        }
        try options.checkStrict(report)
        return (visit, report)
    }

    /// Reads one Observation into `visit`; `false` when its code is not one this codec writes.
    func read(observation: JSONValue, into visit: inout FollowUp) -> Bool {
        let coding = observation["code"]?["coding"]?[0]
        let system = coding?["system"]?.stringValue
        let code = coding?["code"]?.stringValue ?? ""
        let quantity = PrimaryCareFHIR.quantity(observation["valueQuantity"])
        let concept = PrimaryCareFHIR.coded(observation["valueCodeableConcept"])
        let string = observation["valueString"]?.stringValue
        let integer = quantity.flatMap { Int($0.value) }
        if system == Self.loinc {
            switch code {
            case "85354-9":
                for component in observation["component"]?.arrayValue ?? [] {
                    let value = PrimaryCareFHIR.quantity(component["valueQuantity"]).flatMap { Int($0.value) }
                    switch component["code"]?["coding"]?[0]?["code"]?.stringValue {
                    case "8480-6": visit.systolic = value
                    case "8462-4": visit.diastolic = value
                    default: break
                    }
                }
            case "8480-6": visit.systolic = integer
            case "8462-4": visit.diastolic = integer
            case "29463-7": visit.weight = Self.plain(quantity, "kg")
            case "8302-2": visit.height = Self.plain(quantity, "cm")
            case "39156-5": visit.bmi = Self.plain(quantity, "kg/m2")
            case "8867-4": visit.heartRate = integer
            case "14771-0": visit.fastingGlucose = Self.plain(quantity, "mmol/L")
            case "1558-6": visit.fastingGlucose = Self.plain(quantity, "mg/dL")
            default: return false
            }
            return true
        }
        guard system == Self.observationSystem else { return false }
        switch code {
        case "symptom": if let string { visit.symptoms.append(string) }
        case "cigarettes-per-day": visit.lifestyle.dailyCigarettes = integer
        case "alcohol-per-day": visit.lifestyle.dailyAlcohol = quantity
        case "exercise-per-week": visit.lifestyle.exerciseTimesPerWeek = integer
        case "exercise-minutes": visit.lifestyle.exerciseMinutesPerSession = integer
        case "salt-intake": visit.lifestyle.saltIntake = concept
        case "staple-food": visit.lifestyle.stapleFoodGramsPerDay = integer
        case "psychological-adjustment": visit.lifestyle.psychologicalAdjustment = concept
        case "compliance": visit.lifestyle.compliance = concept
        case "medication-adherence": visit.medicationAdherence = concept
        case "adverse-reaction":
            visit.hasAdverseReaction = observation["valueBoolean"]?.boolValue
            visit.adverseReactionText = observation["note"]?[0]?["text"]?.stringValue
        case "control-classification": visit.classification = concept
        case "referral-reason": visit.referralReason = string
        case "referral-organization": visit.referralOrganization = string
        default: return false
        }
        return true
    }

    /// The quantity with the UCUM code dropped when it is the default one written for the unit-less value.
    static func plain(_ quantity: Quantity?, _ defaultCode: String) -> Quantity? {
        guard var quantity else { return nil }
        if quantity.ucum == defaultCode, quantity.unit == nil { quantity.unit = defaultCode }
        return quantity
    }
}

/// Collects Observations of one follow-up visit.
struct Observations {
    let subject: String?
    let encounter: String
    let date: String?
    var resources: [JSONValue] = []

    static func code(_ system: String, _ code: String, _ display: String) -> JSONValue {
        FHIRJSON.object([
            (
                "coding",
                .array([
                    FHIRJSON.object([
                        ("system", .string(system)), ("code", .string(code)), ("display", .string(display)),
                    ])
                ])
            )
        ])
    }

    mutating func add(vital: Bool, code: JSONValue, value: (String, JSONValue?)?, extra: [(String, JSONValue?)] = []) {
        let category = FHIRJSON.object([
            (
                "coding",
                .array([
                    FHIRJSON.object([
                        ("system", .string("http://terminology.hl7.org/CodeSystem/observation-category")),
                        ("code", .string(vital ? "vital-signs" : "survey")),
                    ])
                ])
            )
        ])
        var pairs: [(String, JSONValue?)] = [
            ("resourceType", .string("Observation")), ("status", .string("final")), ("category", .array([category])),
            ("code", code), ("subject", FHIRJSON.reference(subject)), ("encounter", FHIRJSON.reference(encounter)),
            ("effectiveDateTime", FHIRJSON.string(date)),
        ]
        if let value { pairs.append(value) }
        pairs += extra
        resources.append(FHIRJSON.object(pairs))
    }
}
