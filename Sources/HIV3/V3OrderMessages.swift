public import HIModels
import HIXML

/// An order group (医嘱/申请单) of POOR_IN200901UV / POOR_IN200902UV, in model terms: the lab and exam
/// requests as ``HIModels/LabReport`` order parts (order item, specimen, identifiers, orderer) and the
/// medication orders as ``HIModels/MedicationOrder``.
///
/// ```swift
/// let order = try V3OrderMessages.order(from: message)
/// print(order.labRequests.map { $0.order?.code ?? "" })  // ["BLD-CBC", …]
/// ```
public struct V3Order: Sendable, Hashable {
    /// The group's identifiers (placerGroup/id).
    public var identifiers: [Identifier]
    /// The resident.
    public var resident: Resident?
    /// The encounter's identifiers (`componentOf1/encounter/id`).
    public var encounterIdentifiers: [Identifier]
    /// Who ordered (`author/assignedEntity`).
    public var orderedBy: Practitioner?
    /// When (`author/time`).
    public var orderedAt: Timestamp?
    /// Lab and exam requests (`component2/observationRequest`), one per item.
    public var labRequests: [LabReport]
    /// Medication orders (`component2/substanceAdministrationRequest`).
    public var medicationOrders: [MedicationOrder]

    /// Creates an empty order group.
    public init(
        identifiers: [Identifier] = [], resident: Resident? = nil, labRequests: [LabReport] = [],
        medicationOrders: [MedicationOrder] = []
    ) {
        self.identifiers = identifiers
        self.resident = resident
        self.encounterIdentifiers = []
        self.labRequests = labRequests
        self.medicationOrders = medicationOrders
    }
}

/// Order, lab/exam request and lab status interactions: POOR_IN200901UV (新增), POOR_IN200902UV (更新),
/// following the hospital platform interaction specification parts 8 and 9
/// (`controlActProcess/subject/placerGroup/component2/observationRequest|substanceAdministrationRequest`),
/// and POLB_IN224000UV01 检验状态 (part 11, `controlActProcess/subject/observationRequest` with
/// `component1/processStep/code`).
///
/// ```swift
/// let order = try V3OrderMessages.order(from: message)
/// let specimen = order.labRequests.first?.specimen?.type?.code
/// let rewritten = V3OrderMessages.message(order, header: message.header)
/// ```
public enum V3OrderMessages {
    /// The order group of a POOR_IN20090nUV.
    ///
    /// - Throws: ``V3Error`` for another interaction or a missing `placerGroup`.
    public static func order(from message: V3Message) throws(V3Error) -> V3Order {
        try V3Map.require(message, [.orderNew, .orderUpdate])
        guard let group = message.subjects.first(where: { $0.localName == "placerGroup" }) else {
            throw V3Map.missing("controlActProcess/subject/placerGroup", in: message)
        }
        var order = V3Order(identifiers: V3Map.identifiers(group.children("id")))
        if let patient = V3Map.find(group, "subject", "patient") {
            order.resident = V3PatientRegistry.resident(patient: patient, message: message)
        }
        order.encounterIdentifiers = V3Map.identifiers(
            V3Map.find(group, "componentOf1", "encounter")?.children("id") ?? [])
        if let author = group.firstChild("author") {
            order.orderedAt = V3Map.time(author.firstChild("time"))
            order.orderedBy = practitioner(author.firstChild("assignedEntity"))
        }
        for component in group.children("component2") {
            if let request = component.firstChild("observationRequest") {
                var report = labRequest(request, message: message)
                report.resident = order.resident
                report.orderedBy = report.orderedBy ?? order.orderedBy
                report.orderedAt = report.orderedAt ?? order.orderedAt
                order.labRequests.append(report)
            } else if let request = component.firstChild("substanceAdministrationRequest") {
                order.medicationOrders.append(medication(request, order: order, message: message))
            }
        }
        return order
    }

    /// The lab request and its status of a POLB_IN224000UV01: identifiers, item (``HIModels/LabReport/order``),
    /// status (`component1/processStep/code`, or `statusCode`), specimen and resident.
    ///
    /// - Throws: ``V3Error`` for another interaction or a missing `observationRequest`.
    public static func labStatus(from message: V3Message) throws(V3Error) -> LabReport {
        try V3Map.require(message, [.labStatus])
        guard let request = message.subjects.first(where: { $0.localName == "observationRequest" }) else {
            throw V3Map.missing("controlActProcess/subject/observationRequest", in: message)
        }
        var report = labRequest(request, message: message)
        if let step = V3Map.find(request, "component1", "processStep", "code") { report.status = V3Map.coded(step) }
        if let patient = V3Map.find(request, "recordTarget", "patient") ?? V3Map.find(request, "subject", "patient") {
            report.resident = V3PatientRegistry.resident(patient: patient, message: message)
        }
        if let author = request.firstChild("author") {
            report.reportedAt = V3Map.time(author.firstChild("time"))
            report.performer = practitioner(author.firstChild("assignedEntity"))
        }
        return report
    }

    // MARK: writing

    /// A POOR_IN200901UV (or the update named by `header.interaction`) for `order`.
    public static func message(_ order: V3Order, header: V3Header) -> V3Message {
        var header = header
        if header.interaction != .orderUpdate { header.interaction = .orderNew }
        header.rootName = header.interaction.rawValue
        var children: [XMLElement] = order.identifiers.map {
            V3Map.idElement($0, defaultRoot: V3Identifiers.applicationForm)
        }
        if let resident = order.resident {
            children.append(V3XML.element("subject", ["typeCode": "SBJ"], [V3PatientRegistry.patientElement(resident)]))
        }
        if order.orderedAt != nil || order.orderedBy != nil {
            var author = V3XML.element("author", ["typeCode": "AUT"])
            if let time = order.orderedAt {
                author.children.append(.element(V3XML.element("time", ["value": V3Map.ts(time)])))
            }
            if let orderer = order.orderedBy { author.children.append(.element(entityElement(orderer))) }
            children.append(author)
        }
        for report in order.labRequests {
            children.append(
                V3XML.element("component2", ["typeCode": "COMP"], [requestElement(report, status: "active")]))
        }
        for medication in order.medicationOrders {
            children.append(V3XML.element("component2", ["typeCode": "COMP"], [medicationElement(medication)]))
        }
        if !order.encounterIdentifiers.isEmpty {
            let encounter = V3XML.element(
                "encounter", ["classCode": "ENC", "moodCode": "EVN"],
                order.encounterIdentifiers.map { V3Map.idElement($0) })
            children.append(V3XML.element("componentOf1", ["typeCode": "COMP"], [encounter]))
        }
        let group = V3XML.element("placerGroup", ["classCode": "GROUPER", "moodCode": "RQO"], children)
        return V3Message(header: header, controlActProcess: V3Header.controlAct([group]))
    }

    /// A POLB_IN224000UV01 reporting `report.status` for the request `report`.
    public static func labStatusMessage(_ report: LabReport, header: V3Header) -> V3Message {
        var header = header
        header.interaction = .labStatus
        header.rootName = header.interaction.rawValue
        var request = requestElement(report, status: "active")
        if let status = report.status {
            let step = V3XML.element(
                "processStep", ["classCode": "PROC", "moodCode": "EVN"], [V3Map.codeElement("code", status)])
            request.children.append(.element(V3XML.element("component1", ["typeCode": "COMP"], [step])))
        }
        if let resident = report.resident {
            request.children.append(
                .element(
                    V3XML.element("recordTarget", ["typeCode": "RCT"], [V3PatientRegistry.patientElement(resident)])))
        }
        if report.reportedAt != nil || report.performer != nil {
            var author = V3XML.element("author", ["typeCode": "AUT"])
            if let time = report.reportedAt {
                author.children.append(.element(V3XML.element("time", ["value": V3Map.ts(time)])))
            }
            if let performer = report.performer { author.children.append(.element(entityElement(performer))) }
            request.children.append(.element(author))
        }
        return V3Message(header: header, controlActProcess: V3Header.controlAct([request]))
    }

    // MARK: mapping

    private static func labRequest(_ request: XMLElement, message: V3Message) -> LabReport {
        var report = LabReport(provenance: V3Map.provenance(message, request))
        report.identifiers = V3Map.identifiers(request.children("id"))
        report.order = V3Map.coded(request.firstChild("code"))
        report.orderedAt =
            V3Map.time(request.firstChild("effectiveTime")) ?? V3Map.time(V3Map.find(request, "effectiveTime", "low"))
        if let specimenRole = V3Map.find(request, "specimen", "specimen") ?? request.firstChild("specimen") {
            var specimen = Specimen(identifiers: V3Map.identifiers(specimenRole.children("id")))
            specimen.type = V3Map.coded(specimenRole.firstChild("code"))
            if specimen.type == nil {
                // Vendor dialect: code1 … code4 (reported by the dialect scan); the first coded one is the type.
                for name in ["code1", "code2", "code3", "code4"] {
                    if let value = V3Map.coded(specimenRole.firstChild(name)) {
                        specimen.type = value
                        break
                    }
                }
            }
            specimen.collectedAt = V3Map.time(
                V3Map.find(specimenRole, "productOf", "specimenCollectionProcess", "effectiveTime"))
            report.specimen = specimen
        }
        return report
    }

    private static func medication(_ request: XMLElement, order: V3Order, message: V3Message) -> MedicationOrder {
        let drug = V3Map.find(request, "consumable", "manufacturedProduct", "manufacturedLabeledDrug", "code")
        var medication = MedicationOrder(
            medication: V3Map.coded(drug) ?? CodedValue(system: "", code: ""), resident: order.resident,
            provenance: V3Map.provenance(message, request))
        medication.identifiers = V3Map.identifiers(request.children("id"))
        medication.route = V3Map.coded(request.firstChild("routeCode"))
        if let dose = request.firstChild("doseQuantity"), let value = V3XML.trimmedAttribute(dose, "value") {
            medication.dose = Quantity(value: value, unit: V3XML.trimmedAttribute(dose, "unit"))
        }
        medication.prescriber = order.orderedBy
        medication.orderedAt = order.orderedAt
        return medication
    }

    private static func practitioner(_ entity: XMLElement?) -> Practitioner? {
        guard let entity else { return nil }
        let person = entity.firstChild("assignedPerson")
        return Practitioner(
            name: V3Map.name(person?.firstChild("name")), identifiers: V3Map.identifiers(entity.children("id")))
    }

    private static func entityElement(_ practitioner: Practitioner) -> XMLElement {
        var entity = V3XML.element("assignedEntity", ["classCode": "ASSIGNED"])
        entity.children += practitioner.identifiers.map {
            .element(V3Map.idElement($0, defaultRoot: V3Identifiers.practitioner))
        }
        if let name = practitioner.name {
            entity.children.append(
                .element(
                    V3XML.element(
                        "assignedPerson", ["classCode": "PSN", "determinerCode": "INSTANCE"], [V3Map.nameElement(name)])
                ))
        }
        return entity
    }

    private static func requestElement(_ report: LabReport, status: String) -> XMLElement {
        var children: [XMLElement] = report.identifiers.map {
            V3Map.idElement($0, defaultRoot: V3Identifiers.orderNumber)
        }
        if let code = report.order { children.append(V3Map.codeElement("code", code)) }
        children.append(V3XML.element("statusCode", ["code": status]))
        if let time = report.orderedAt { children.append(V3XML.element("effectiveTime", ["value": V3Map.ts(time)])) }
        if let specimen = report.specimen, !specimen.identifiers.isEmpty || specimen.type != nil {
            var role = V3XML.element("specimen", ["classCode": "SPEC"])
            role.children += specimen.identifiers.map {
                .element(
                    V3Map.idElement($0, defaultRoot: V3Identifiers.specimenNumber))
            }
            if let type = specimen.type { role.children.append(.element(V3Map.codeElement("code", type))) }
            children.append(V3XML.element("specimen", ["typeCode": "SPC"], [role]))
        }
        return V3XML.element("observationRequest", ["classCode": "OBS", "moodCode": "RQO"], children)
    }

    private static func medicationElement(_ medication: MedicationOrder) -> XMLElement {
        var children: [XMLElement] = medication.identifiers.map {
            V3Map.idElement($0, defaultRoot: V3Identifiers.orderNumber)
        }
        children.append(V3XML.element("statusCode", ["code": "active"]))
        if let route = medication.route { children.append(V3Map.codeElement("routeCode", route)) }
        if let dose = medication.dose {
            children.append(V3XML.element("doseQuantity", ["value": dose.value, "unit": dose.unit]))
        }
        let drug = V3XML.element(
            "manufacturedLabeledDrug", ["classCode": "MMAT", "determinerCode": "KIND"],
            [V3Map.codeElement("code", medication.medication)])
        let product = V3XML.element("manufacturedProduct", ["classCode": "MANU"], [drug])
        children.append(V3XML.element("consumable", ["typeCode": "CSM"], [product]))
        return V3XML.element("substanceAdministrationRequest", ["classCode": "SBADM", "moodCode": "RQO"], children)
    }
}
