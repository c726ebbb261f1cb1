import HICore
import HIHL7v2
import HIModels
import HITerminology

/// Writes models as one HL7 v2.5.1 ER7 message (UTF-8, segments ending in CR): a resident as ADT^A28, an
/// encounter as ADT^A04, lab reports as ORU^R01 (or OML^O21 when they are orders without results and
/// status), an exam report as ORU^R01 with an exam OBR (OBR-24 section, findings/impression OBX), an
/// appointment as SIU^S12 (S15 when cancelled), a referral as REF^I12. Codes go back through the crosswalks
/// (GB/T 2261.1 → table 0001, observation-status → 0085, ObservationInterpretation → 0078). With `carryUnmapped`, unmapped source
/// fragments are written as `ZUN|n|path|text` segments.
///
/// ```swift
/// var report = ConversionReport()
/// let er7 = try HL7v2ModelWriter().write([.resident(resident)], options: ConversionOptions(), report: &report)
/// ```
public struct HL7v2ModelWriter: RecordWriter {
    public var format: RecordFormat { .hl7v2 }

    /// Creates a writer.
    public init() {}

    public func write(_ records: [ModelRecord], options: ConversionOptions, report: inout ConversionReport)
        throws(ConversionError) -> [UInt8]
    {
        let labs = records.compactMap { record -> LabReport? in
            if case .labReport(let value) = record { return value }
            return nil
        }
        guard let first = labs.isEmpty ? records.first : .labReport(labs[0]) else {
            throw ConversionError(.missingData, "nothing to write")
        }
        var writer = ER7Writer(options: options)
        let controlID = first.provenanceDocumentID ?? "HI" + String(StableID.hash(first.kindName), radix: 16)
        var written = 1
        switch first {
        case .resident(let resident):
            writer.msh(type: "ADT^A28^ADT_A05", controlID: controlID, time: nil)
            writer.segment("EVN", ["A28"])
            writer.pid(resident)
            writer.segment("PV1", ["1", "N"])
            writer.carry(resident.unmappedFragments)
        case .encounter(let encounter):
            writer.msh(type: "ADT^A04^ADT_A01", controlID: controlID, time: nil)
            writer.segment("EVN", ["A04"])
            if let resident = encounter.resident { writer.pid(resident) } else { writer.segment("PID", ["1"]) }
            writer.pv1(encounter)
            writer.dg1(encounter.diagnoses)
            writer.carry(encounter.unmappedFragments)
        case .labReport(let lab):
            written = labs.count
            let isOrder = labs.allSatisfy { $0.results.isEmpty && $0.status == nil }
            writer.msh(
                type: isOrder ? "OML^O21^OML_O21" : "ORU^R01^ORU_R01", controlID: controlID,
                time: lab.reportedAt ?? lab.orderedAt)
            if let resident = lab.resident { writer.pid(resident) }
            var visit = lab.encounter
            if visit == nil {
                for record in records {
                    if case .encounter(let encounter) = record, encounter.resident == lab.resident {
                        visit = encounter
                        written += 1
                        break
                    }
                }
            }
            if let visit {
                writer.pv1(visit)
                writer.dg1(visit.diagnoses)
            }
            for (index, value) in labs.enumerated() {
                writer.lab(value, index: index + 1, isOrder: isOrder)
            }
            writer.carry(labs.flatMap(\.unmappedFragments))
        case .referral(let referral):
            writer.msh(type: "REF^I12^REF_I12", controlID: controlID, time: nil)
            writer.referral(referral)
            writer.carry(referral.unmappedFragments)
        case .examReport(let exam):
            writer.msh(type: "ORU^R01^ORU_R01", controlID: controlID, time: exam.reportedAt)
            if let resident = exam.resident { writer.pid(resident) }
            if let visit = exam.encounter {
                writer.pv1(visit)
                writer.dg1(visit.diagnoses)
            }
            writer.exam(exam)
            writer.carry(exam.unmappedFragments)
        case .appointment(let appointment):
            let event = appointment.status == .cancelled ? "S15" : "S12"
            writer.msh(type: "SIU^\(event)^SIU_S12", controlID: controlID, time: nil)
            writer.appointment(appointment)
            writer.carry(appointment.unmappedFragments)
        default:
            throw ConversionError(.unsupportedTarget, "a \(first.kindName) record cannot be written as HL7 v2 yet")
        }
        if records.count > written {
            for record in records.dropFirst(0) where !isWritten(record, first: first, labs: labs) {
                writer.report.unmapped.append(
                    UnmappedItem(
                        path: "record(\(record.kindName))",
                        reason: "one HL7 v2 message holds one kind of record; this one was not written"))
            }
        }
        report.merge(writer.report)
        return writer.bytes
    }
}

extension HL7v2ModelWriter {
    func isWritten(_ record: ModelRecord, first: ModelRecord, labs: [LabReport]) -> Bool {
        if case .labReport = record { return !labs.isEmpty }
        if case .encounter(let encounter) = record, case .labReport(let lab) = first {
            return lab.encounter == nil && encounter.resident == lab.resident
        }
        return record == first
    }
}

/// Builds ER7 text; values are escaped, components joined with `^`.
struct ER7Writer {
    let options: ConversionOptions
    let systems: IdentifierSystems
    var bytes: [UInt8] = []
    var report = ConversionReport()

    init(options: ConversionOptions) {
        self.options = options
        self.systems = options.identifierSystems
        bytes.reserveCapacity(2048)
    }

    static func escape(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "" }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "|": out += "\\F\\"
            case "^": out += "\\S\\"
            case "&": out += "\\T\\"
            case "~": out += "\\R\\"
            case "\\": out += "\\E\\"
            case "\n", "\r\n": out += "\\.br\\"
            case "\r": out += "\\.br\\"
            default: out.append(character)
            }
        }
        return out
    }

    /// Components (already escaped) joined, trailing empties dropped.
    static func components(_ parts: [String]) -> String {
        var parts = parts
        while parts.last == "" { parts.removeLast() }
        return parts.joined(separator: "^")
    }

    mutating func segment(_ id: String, _ fields: [String]) {
        var fields = fields
        while fields.last == "" { fields.removeLast() }
        bytes += Array(id.utf8)
        for field in fields {
            bytes.append(0x7C)
            bytes += Array(field.utf8)
        }
        bytes.append(0x0D)
    }

    /// Fields as a sparse dictionary (number → text).
    mutating func segment(_ id: String, sparse: [Int: String]) {
        let count = sparse.keys.max() ?? 0
        segment(id, (1...max(1, count)).map { sparse[$0] ?? "" })
    }

    mutating func msh(type: String, controlID: String, time: Timestamp?) {
        var fields = Array(repeating: "", count: 17)
        fields[0] = "^~\\&"
        fields[1] = Self.escape(options.sendingApplication)
        fields[5] = time.map { Self.escape(TimeText.v2($0.text)) } ?? ""
        fields[7] = type
        fields[8] = Self.escape(controlID)
        fields[9] = "P"
        fields[10] = Self.escape(options.hl7v2Version)
        fields[16] = "UNICODE UTF-8"
        bytes += Array("MSH|".utf8)
        bytes += Array(fields.joined(separator: "|").utf8)
        bytes.append(0x0D)
    }

    mutating func carry(_ fragments: [UnmappedFragment]) {
        guard options.carryUnmapped else { return }
        for (index, fragment) in fragments.enumerated() {
            segment("ZUN", [String(index + 1), Self.escape(fragment.path), Self.escape(fragment.text)])
        }
    }

    // MARK: Data types

    mutating func translated(_ value: CodedValue?, to target: String, path: String) -> CodedValue? {
        options.translated(value, to: target, path: path, report: &report, keepingSourceOnFailure: true)
    }

    func ce(_ value: CodedValue?) -> String {
        guard let value else { return "" }
        var parts = [Self.escape(value.code), Self.escape(value.display), Self.escape(v2System(value.system))]
        if let alternate = value.translations.first {
            parts += [
                Self.escape(alternate.code), Self.escape(alternate.display), Self.escape(v2System(alternate.system)),
            ]
        }
        if let text = value.originalText {
            while parts.count < 8 { parts.append("") }
            parts.append(Self.escape(text))
        }
        return Self.components(parts)
    }

    func v2System(_ system: String) -> String {
        var name = system
        if system.hasPrefix("http") || system.hasPrefix("urn:") {
            name = SystemNames.modelSystem(system, tables: options.terminology)
        }
        // Model names of well-known systems → HL7 table 0396 names.
        switch name {
        case "loinc": return "LN"
        case "ucum": return "UCUM"
        case "hl7-0001", "hl7-0002", "hl7-0004", "hl7-0078", "hl7-0085", "hl7-0203":
            return "HL7" + name.dropFirst(4)
        default: return name
        }
    }

    func cx(_ value: Identifier) -> String {
        var authority = value.authority ?? ""
        if authority.hasPrefix("urn:oid:") { authority = String(authority.dropFirst(8)) }
        if authority.hasPrefix("http") { authority = "" }
        var type = systems.row(for: value.kind)?.v2Type ?? ""
        if let coded = value.type {
            if ["hl7-0203", "fhir-identifier-type", "HL70203"].contains(coded.system) {
                type = coded.code
            } else if let mapped = try? coded.translated(to: "hl7-0203", with: options.terminology, policy: .fail).value
            {
                type = mapped.code
            }
        }
        return Self.components([Self.escape(value.value), "", "", Self.escape(authority), Self.escape(type)])
    }

    func xpn(_ name: PersonName) -> String {
        let use = name.use.map { use in
            switch use {
            case "official": "L"
            case "usual": "D"
            case "nickname": "N"
            case "maiden": "M"
            case "anonymous": "A"
            default: use
            }
        }
        if let family = name.family {
            let given = name.given
            return Self.components(
                [
                    Self.escape(family), Self.escape(given.first),
                    Self.escape(given.count > 1 ? given.dropFirst().joined(separator: " ") : nil), "", "", "",
                    Self.escape(use),
                ])
        }
        return Self.components([Self.escape(name.text), "", "", "", "", "", Self.escape(use)])
    }

    /// Address → XAD (the inverse of the reader's XAD mapping; see `Address`).
    func xad(_ address: Address) -> String {
        let others = [address.township, address.city, address.province, address.country, address.county]
        let hasOthers = others.contains { $0 != nil }
        var street: String
        if address.houseNumber != nil || !address.lines.isEmpty || (address.streetName != nil && !hasOthers) {
            street = [
                Self.escape(address.lines.first), Self.escape(address.streetName), Self.escape(address.houseNumber),
            ].joined(separator: "&")
            while street.last == "&" { street.removeLast() }
        } else if let name = address.streetName {
            street = Self.escape(name)
        } else if !hasOthers, let text = address.text {
            street = Self.escape(text)
        } else {
            street = ""
        }
        let type: String? =
            switch address.use {
            case .home?: "H"
            case .work?: "B"
            case .birthPlace?: "BR"
            case .registeredResidence?: "L"
            default: nil
            }
        return Self.components(
            [
                street, Self.escape(address.township), Self.escape(address.city), Self.escape(address.province),
                Self.escape(address.postalCode), Self.escape(address.country), Self.escape(type),
                Self.escape(address.county), Self.escape(address.regionCode),
            ])
    }

    func xtn(_ point: ContactPoint) -> String {
        let use =
            switch point.use {
            case .work?: "WPN"
            default: "PRN"
            }
        switch point.system {
        case .email:
            return Self.components(["", use, "Internet", Self.escape(point.value)])
        case .fax:
            return Self.components(["", use, "FX", "", "", "", "", "", "", "", "", Self.escape(point.value)])
        default:
            let equipment = point.use == .mobile ? "CP" : "PH"
            return Self.components(["", use, equipment, "", "", "", "", "", "", "", "", Self.escape(point.value)])
        }
    }

    func xcn(_ practitioner: Practitioner?) -> String {
        guard let practitioner else { return "" }
        let id = practitioner.identifiers.first
        let name = practitioner.name
        let given = name?.given ?? []
        return Self.components(
            [
                Self.escape(id?.value), Self.escape(name?.family ?? name?.text), Self.escape(given.first),
                Self.escape(given.count > 1 ? given[1] : nil), "", "", Self.escape(practitioner.role?.code), "",
                Self.escape(id?.authority),
            ])
    }

    func ndl(_ practitioner: Practitioner?) -> String {
        guard let practitioner else { return "" }
        let id = Self.escape(practitioner.identifiers.first?.value)
        let family = Self.escape(practitioner.name?.family ?? practitioner.name?.text)
        let given = Self.escape(practitioner.name?.given.first)
        var subs = [id, family, given]
        while subs.last == "" { subs.removeLast() }
        return subs.joined(separator: "&")
    }

    func ts(_ time: Timestamp?) -> String { time.map { Self.escape(TimeText.v2($0.text)) } ?? "" }

    // MARK: Segments

    mutating func pid(_ resident: Resident) {
        for (path, present) in [
            ("Resident.employer", resident.employer != nil),
            ("Resident.householdRegistered", resident.householdRegistered != nil),
        ] where present {
            report.unmapped.append(UnmappedItem(path: path, reason: "no v2 field in this mapping"))
        }
        var fields: [Int: String] = [1: "1"]
        fields[3] = resident.identifiers.map(cx).joined(separator: "~")
        fields[5] = resident.names.map(xpn).joined(separator: "~")
        fields[7] = resident.birthDate?.compact ?? ""
        if let sex = translated(resident.sex, to: "hl7-0001", path: "Resident.sex") {
            fields[8] = Self.escape(sex.code)
        }
        fields[11] = resident.addresses.map(xad).joined(separator: "~")
        fields[13] = resident.telecom.map(xtn).joined(separator: "~")
        if let marital = translated(resident.maritalStatus, to: "hl7-0002", path: "Resident.maritalStatus") {
            fields[16] = Self.escape(marital.code)
        }
        fields[28] = ce(resident.nationality)
        segment("PID", sparse: fields)
        for (index, contact) in resident.contacts.enumerated() {
            segment(
                "NK1",
                sparse: [
                    1: String(index + 1), 2: contact.name.map(xpn) ?? "", 3: ce(contact.relationship),
                    4: contact.address.map(xad) ?? "", 5: contact.telecom.map(xtn).joined(separator: "~"),
                ])
        }
        for (index, insurance) in resident.insurance.enumerated() {
            segment(
                "IN1", sparse: [1: String(index + 1), 2: ce(insurance.type), 36: Self.escape(insurance.number?.value)])
            if insurance.paymentMethod != nil {
                report.unmapped.append(UnmappedItem(path: "Resident.insurance.paymentMethod", reason: "no v2 field"))
            }
        }
        for (path, present) in [
            ("Resident.ethnicity", resident.ethnicity != nil), ("Resident.occupation", resident.occupation != nil),
            ("Resident.education", resident.education != nil),
            ("Resident.aboBloodGroup", resident.aboBloodGroup != nil),
            ("Resident.rhBloodGroup", resident.rhBloodGroup != nil),
        ] where present {
            report.unmapped.append(UnmappedItem(path: path, reason: "no v2 field in this mapping"))
        }
    }

    mutating func pv1(_ encounter: Encounter) {
        var fields: [Int: String] = [1: "1"]
        let classCode = translated(encounter.classCode, to: "hl7-0004", path: "Encounter.classCode")?.code
        if let classCode {
            fields[2] = Self.escape(classCode)
        } else if encounter.kind != .outpatient {
            fields[2] = encounter.kind == .inpatient ? "I" : encounter.kind == .emergency ? "E" : "O"
        }
        let facility = encounter.organization?.identifiers.first?.value
        if encounter.department != nil || facility != nil {
            fields[3] = Self.components([Self.escape(encounter.department?.code), "", "", Self.escape(facility)])
        }
        fields[7] = encounter.practitioners.map(xcn).joined(separator: "~")
        fields[19] = Self.escape(encounter.identifiers.first?.value)
        fields[44] = ts(encounter.start)
        fields[45] = ts(encounter.end)
        segment("PV1", sparse: fields)
    }

    mutating func dg1(_ diagnoses: [Diagnosis]) {
        for (index, diagnosis) in diagnoses.enumerated() {
            segment(
                "DG1",
                sparse: [
                    1: String(index + 1), 3: ce(diagnosis.code), 5: ts(diagnosis.date),
                    6: Self.escape(diagnosis.type?.code), 15: diagnosis.isPrimary ? "1" : "",
                ])
        }
    }

    mutating func lab(_ lab: LabReport, index: Int, isOrder: Bool) {
        func id(_ type: String) -> String? { lab.identifiers.first { $0.type?.code == type }?.value }
        let numbers = OrderNumbers.placerAndFiller(lab)
        let placer = OrderNumbers.entityIdentifier(numbers.placer, escape: Self.escape)
        let filler = OrderNumbers.entityIdentifier(numbers.filler, escape: Self.escape)
        segment(
            "ORC",
            sparse: [
                1: isOrder ? "NW" : "RE", 2: placer, 3: filler, 4: Self.escape(id("PGN")), 9: ts(lab.orderedAt),
            ])
        var obr: [Int: String] = [1: String(index), 2: placer, 3: filler, 4: ce(lab.order)]
        let specimen = lab.specimen
        let useSPM = !(specimen?.identifiers.isEmpty ?? true)
        if let specimen, !useSPM {
            obr[7] = ts(specimen.collectedAt)
            obr[14] = ts(specimen.receivedAt)
            obr[15] = ce(specimen.type)
        }
        obr[16] = xcn(lab.orderedBy)
        obr[22] = ts(lab.reportedAt)
        if let status = translated(lab.status, to: "hl7-0085", path: "LabReport.status") {
            obr[25] = Self.escape(status.code)
        }
        obr[32] = ndl(lab.reviewer)
        obr[34] = ndl(lab.performer)
        segment("OBR", sparse: obr)
        for (number, note) in lab.notes.enumerated() { segment("NTE", [String(number + 1), "", Self.escape(note)]) }
        for (number, result) in lab.results.enumerated() { obx(result, index: number + 1) }
        if let specimen, useSPM {
            segment(
                "SPM",
                sparse: [
                    1: "1", 2: Self.escape(specimen.identifiers.first?.value), 4: ce(specimen.type),
                    17: ts(specimen.collectedAt), 18: ts(specimen.receivedAt),
                ])
        }
        let known = ["PLAC", "FILL", "PGN"]
        for identifier in lab.identifiers
        where !known.contains(identifier.type?.code ?? "") && identifier != numbers.placer
            && identifier != numbers.filler
        {
            report.unmapped.append(
                UnmappedItem(path: "LabReport.identifiers", reason: "no v2 field for this identifier"))
        }
        if lab.laboratory != nil {
            report.unmapped.append(UnmappedItem(path: "LabReport.laboratory", reason: "no v2 field in this mapping"))
        }
    }

    mutating func obx(_ result: LabResult, index: Int) {
        var fields: [Int: String] = [1: String(index), 3: ce(result.code)]
        switch result.value {
        case .quantity(let quantity)?:
            if let comparator = quantity.comparator {
                fields[2] = "SN"
                fields[5] = Self.components([Self.escape(comparator), Self.escape(quantity.value)])
            } else {
                fields[2] = "NM"
                fields[5] = Self.escape(quantity.value)
            }
            if let unit = quantity.unit {
                fields[6] =
                    quantity.ucum == unit
                    ? Self.components([Self.escape(unit), Self.escape(unit), "UCUM"]) : Self.escape(unit)
                if let ucum = quantity.ucum, ucum != unit {
                    report.unmapped.append(
                        UnmappedItem(path: "LabResult.value.ucum", reason: "the unit text and UCUM code differ"))
                }
            } else if let ucum = quantity.ucum {
                fields[6] = Self.components([Self.escape(ucum), Self.escape(ucum), "UCUM"])
            }
        case .coded(let coded)?:
            fields[2] = "CWE"
            fields[5] = ce(coded)
        case .text(let text)?:
            fields[2] = text.contains("\n") ? "TX" : "ST"
            fields[5] = Self.escape(text)
        case nil:
            fields[2] = "ST"
        }
        if let range = result.referenceRange {
            if let low = range.low, let high = range.high {
                fields[7] = Self.escape(low + "-" + high)
            } else {
                fields[7] = Self.escape(range.text)
            }
        }
        if let flag = translated(result.abnormalFlag, to: "hl7-0078", path: "LabResult.abnormalFlag") {
            fields[8] = Self.escape(flag.code)
        }
        if let status = translated(result.status, to: "hl7-0085", path: "LabResult.status") {
            fields[11] = Self.escape(status.code)
        }
        fields[14] = ts(result.observedAt)
        fields[17] = ce(result.method)
        segment("OBX", sparse: fields)
        for (number, note) in result.notes.enumerated() { segment("NTE", [String(number + 1), "", Self.escape(note)]) }
    }

    mutating func referral(_ referral: Referral) {
        let id = referral.identifiers.first
        segment(
            "RF1",
            sparse: [
                6: id.map { Self.components([Self.escape($0.value), Self.escape($0.authority)]) } ?? "",
                7: ts(referral.date), 10: Self.escape(referral.reason),
            ])
        for (role, organization) in [("RP", referral.fromOrganization), ("RT", referral.toOrganization)] {
            guard let organization else { continue }
            var location = [Self.escape(organization.identifiers.first?.value)]
            if let name = organization.name {
                location += ["", "", "", "", "", Self.escape(name)]
            }
            segment(
                "PRD",
                sparse: [
                    1: role, 3: organization.addresses.first.map(xad) ?? "", 4: Self.components(location),
                ])
        }
        if let resident = referral.resident { pid(resident) }
        dg1(referral.diagnoses)
    }
}
