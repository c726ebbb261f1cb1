import HICore
public import HIHL7v2
import HIModels
import HITerminology

/// Reads an HL7 v2 message into models: ADT (A01/A04/A08 → encounter with its resident, A28/A31 and others
/// → resident), ORU^R01 (one lab report per OBR group; an exam report when OBR-24 names an imaging or
/// functional-exam section or the OBX carry findings/impression), ORM^O01 / OML^O21 (orders as lab reports
/// without results), REF^I12–I14 (referral) and SIU^S12–S15 (appointment). Every non-empty field it has no place for is reported (path such
/// as `PV1[1]-10`) and kept in the model's `unmappedFragments`.
///
/// ```swift
/// let (records, report) = try HL7v2ModelReader().read(bytes, options: ConversionOptions())
/// for item in report.unmapped { print(item) }   // PID[1]-30: no place in the model
/// ```
public struct HL7v2ModelReader: RecordReader {
    public var format: RecordFormat { .hl7v2 }

    /// Creates a reader.
    public init() {}

    public func read(_ bytes: [UInt8], options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        let message: HL7v2Message
        do {
            message = try HL7v2Message(parsing: bytes)
        } catch {
            throw ConversionError(
                .unreadableInput, "not a readable HL7 v2 message: \(error.reason)", at: error.location)
        }
        return try read(message, options: options)
    }

    /// Reads a parsed message.
    /// - Throws: ``ConversionError`` `.unsupportedRecord` for message types without a model, `.unmappedContent`
    ///   in strict mode.
    public func read(_ message: HL7v2Message, options: ConversionOptions) throws(ConversionError) -> (
        records: [ModelRecord], report: ConversionReport
    ) {
        var state = V2ReadState(message: message, options: options)
        let records = try state.readRecords()
        state.collectUnmapped()
        var report = ConversionReport()
        report.issues = state.issues
        report.unmapped = state.unmapped.map { UnmappedItem(path: $0.path, reason: "no place in the model") }
        if options.strict, let first = report.unmapped.first {
            throw ConversionError(
                .unmappedContent, "\(report.unmapped.count) source element(s) have no place in the model",
                at: SourceLocation(path: first.path))
        }
        let fragments = state.unmapped
        let withFragments = records.enumerated().map { index, record in
            index == 0 ? Self.attach(fragments, to: record) : record
        }
        return (withFragments, report)
    }

    static func attach(_ fragments: [UnmappedFragment], to record: ModelRecord) -> ModelRecord {
        guard !fragments.isEmpty else { return record }
        switch record {
        case .resident(var value):
            value.unmappedFragments += fragments
            return .resident(value)
        case .encounter(var value):
            value.unmappedFragments += fragments
            return .encounter(value)
        case .labReport(var value):
            value.unmappedFragments += fragments
            return .labReport(value)
        case .examReport(var value):
            value.unmappedFragments += fragments
            return .examReport(value)
        case .referral(var value):
            value.unmappedFragments += fragments
            return .referral(value)
        case .medicationOrder(var value):
            value.unmappedFragments += fragments
            return .medicationOrder(value)
        case .followUp(var value):
            value.unmappedFragments += fragments
            return .followUp(value)
        case .practitioner:
            return record  // Practitioner has no unmapped-fragment store; the report keeps them.
        case .organization(var value):
            value.unmappedFragments += fragments
            return .organization(value)
        case .contract(var value):
            value.unmappedFragments += fragments
            return .contract(value)
        case .appointment(var value):
            value.unmappedFragments += fragments
            return .appointment(value)
        }
    }
}

/// One pass over a message: readers mark the fields they consume; the rest is reported.
struct V2ReadState {
    let message: HL7v2Message
    let options: ConversionOptions
    let systems: IdentifierSystems
    let segments: [HL7v2Segment]
    /// Byte-level value reads (see ``V2ByteReader``).
    let reader: V2ByteReader
    /// Occurrence number (1-based among segments of the same ID) of each segment.
    let occurrence: [Int]
    /// Segment IDs, decoded once.
    let ids: [String]
    /// Fields 0–63 read by the mapping, one bit each per segment; higher field numbers in `consumedHigh`.
    var consumedBits: [UInt64]
    var consumedHigh: Set<Int> = []  // segmentIndex << 16 | field
    var consumedSegments: Set<Int> = []
    var issues: [Issue] = []
    var unmapped: [UnmappedFragment] = []

    init(message: HL7v2Message, options: ConversionOptions) {
        self.message = message
        self.options = options
        self.systems = options.identifierSystems
        self.segments = message.segments
        self.reader = V2ByteReader(message)
        var counts: [String: Int] = [:]
        var occurrence: [Int] = []
        var ids: [String] = []
        occurrence.reserveCapacity(segments.count)
        ids.reserveCapacity(segments.count)
        for segment in segments {
            let id = segment.id
            ids.append(id)
            counts[id, default: 0] += 1
            occurrence.append(counts[id] ?? 1)
        }
        self.occurrence = occurrence
        self.ids = ids
        self.consumedBits = [UInt64](repeating: 0, count: segments.count)
    }

    // MARK: Field access

    func path(_ segment: Int, _ field: Int) -> String {
        "\(ids[segment])[\(occurrence[segment])]-\(field)"
    }

    /// The field, marked consumed; nil when empty.
    mutating func field(_ segment: Int, _ number: Int) -> HL7v2Element? {
        if number >= 0, number < 64, consumedBits.indices.contains(segment) {
            consumedBits[segment] |= 1 << UInt64(number)
        } else {
            consumedHigh.insert(segment << 16 | number)
        }
        guard let element = segments[segment].field(number), !element.isEmpty else { return nil }
        return element
    }

    mutating func string(_ segment: Int, _ number: Int) -> String? {
        guard let element = field(segment, number) else { return nil }
        return component(element, 1)
    }

    /// The whole first repetition's text (components joined as written) — for free-text fields.
    mutating func text(_ segment: Int, _ number: Int) -> String? {
        guard let element = field(segment, number) else { return nil }
        let value = firstRepetitionText(element)
        return value.isEmpty ? nil : value
    }

    /// ``component(_:_:)`` through HIHL7v2's element accessors (escapes, GB18030, invalid bytes).
    static func component(_ element: HL7v2Element, _ number: Int) -> String? {
        let components = element.components
        guard number >= 1, number <= components.count else { return nil }
        let subs = components[number - 1].subcomponents
        let value = subs.count > 1 ? (subs.first?.text.plainText ?? "") : components[number - 1].text.plainText
        return value.isEmpty ? nil : value
    }

    /// ``components(_:)`` through HIHL7v2's element accessors.
    static func components(_ element: HL7v2Element) -> [String?] {
        element.components.map { component in
            let value = component.text.plainText
            return value.isEmpty ? nil : value
        }
    }

    func indices(of id: String) -> [Int] { ids.indices.filter { ids[$0] == id } }

    /// Whether the mapping read field `number` of segment `segment`.
    func isConsumed(_ segment: Int, _ number: Int) -> Bool {
        if number >= 0, number < 64, consumedBits.indices.contains(segment) {
            return consumedBits[segment] & (1 << UInt64(number)) != 0
        }
        return consumedHigh.contains(segment << 16 | number)
    }

    // MARK: Records

    mutating func readRecords() throws(ConversionError) -> [ModelRecord] {
        guard let msh = segments.first, msh.id == "MSH" else {
            throw ConversionError(.unreadableInput, "the message does not start with MSH")
        }
        consumedSegments.insert(0)
        guard let typeField = msh.field(9) else {
            throw ConversionError(
                .unreadableInput, "MSH-9 (message type) is missing", at: SourceLocation(path: "MSH-9"))
        }
        let type = components(typeField.repetitions.first ?? typeField)
        let code = (type.first ?? nil) ?? ""
        let event = type.count > 1 ? (type[1] ?? "") : ""
        consumeEnvelope()
        switch code {
        case "ADT":
            let resident = try readResident()
            if ["A01", "A04", "A08", "A02", "A03", "A05", "A06", "A07", "A11", "A12", "A13"].contains(event),
                let pv1 = indices(of: "PV1").first
            {
                var encounter = readEncounter(pv1)
                encounter.resident = resident
                encounter.provenance = provenance
                return [.encounter(encounter)]
            }
            return [.resident(resident)]
        case "ORU":
            return try readLabReports(order: false)
        case "ORM", "OML":
            return try readLabReports(order: true)
        case "REF", "RRI":
            return [.referral(try readReferral())]
        case "SIU":
            return [.appointment(try readAppointment(event: event))]
        default:
            throw ConversionError(
                .unsupportedRecord,
                "message type \(code)^\(event) has no model (supported: ADT, ORU, ORM, OML, REF, SIU)",
                at: SourceLocation(path: "MSH-9"))
        }
    }

    var provenance: Provenance {
        Provenance(format: .hl7v2, documentID: message.controlID, location: SourceLocation(path: "MSH-10"))
    }

    mutating func consumeEnvelope() {
        for index in segments.indices where ["EVN", "SFT", "UAC"].contains(ids[index]) {
            consumedSegments.insert(index)
        }
    }

    // MARK: Patient

    mutating func readResident() throws(ConversionError) -> Resident {
        guard let pid = indices(of: "PID").first else {
            throw ConversionError(.missingData, "the message has no PID segment", at: SourceLocation(path: "PID"))
        }
        consumedSegments.insert(pid)
        var resident = Resident(provenance: provenance)
        _ = field(pid, 1)
        if let ids = field(pid, 3) {
            resident.identifiers = ids.repetitions.compactMap { readCX($0) }
        }
        if let old = field(pid, 2) {
            for rep in old.repetitions {
                if let id = readCX(rep), !resident.identifiers.contains(where: { $0.value == id.value }) {
                    resident.identifiers.append(id)
                }
            }
        }
        if let names = field(pid, 5) { resident.names = names.repetitions.compactMap { readXPN($0) } }
        if let birth = string(pid, 7) {
            resident.birthDate = CalendarDate(String(birth.prefix(8)))
            if birth.utf8.count > 8 {
                unmapped.append(UnmappedFragment(path: path(pid, 7), text: birth))
            }
        }
        if let sex = string(pid, 8) {
            resident.sex = translate(sex, display: nil, from: "hl7-0001", to: "gb-t-2261.1", at: path(pid, 8))
        }
        if let addresses = field(pid, 11) { resident.addresses = addresses.repetitions.compactMap { readXAD($0) } }
        var telecom: [ContactPoint] = []
        if let home = field(pid, 13) { telecom += home.repetitions.compactMap { readXTN($0, defaultUse: .home) } }
        if let work = field(pid, 14) { telecom += work.repetitions.compactMap { readXTN($0, defaultUse: .work) } }
        resident.telecom = telecom
        if let marital = string(pid, 16) {
            resident.maritalStatus = translate(
                marital, display: nil, from: "hl7-0002", to: "gb-t-2261.2", at: path(pid, 16))
        }
        if let ssn = string(pid, 19) {
            if !resident.identifiers.contains(where: { $0.value == ssn }) {
                resident.identifiers.append(
                    Identifier(kind: .other, value: ssn, type: CodedValue(system: "hl7-0203", code: "SS")))
            }
        }
        if let license = field(pid, 20)?.repetitions.first, let value = component(license, 1) {
            resident.identifiers.append(
                Identifier(
                    kind: .other, value: value, authority: component(license, 2),
                    type: CodedValue(system: "hl7-0203", code: "DL")))
        }
        if let nationality = field(pid, 28), let coded = readCE(nationality.repetitions.first) {
            resident.nationality = coded
        }
        for nk1 in indices(of: "NK1") {
            consumedSegments.insert(nk1)
            _ = field(nk1, 1)
            var contact = Contact()
            contact.name = field(nk1, 2).flatMap { $0.repetitions.first }.flatMap { readXPN($0) }
            contact.relationship = readCE(field(nk1, 3))
            contact.address = field(nk1, 4).flatMap { $0.repetitions.first }.flatMap { readXAD($0) }
            contact.telecom = field(nk1, 5)?.repetitions.compactMap { readXTN($0, defaultUse: .home) } ?? []
            resident.contacts.append(contact)
        }
        for in1 in indices(of: "IN1") {
            consumedSegments.insert(in1)
            _ = field(in1, 1)
            var insurance = Insurance()
            insurance.type = readCE(field(in1, 2))
            if let number = string(in1, 36) {
                insurance.number = Identifier(kind: .medicalInsuranceNumber, value: number)
            }
            resident.insurance.append(insurance)
        }
        for pd1 in indices(of: "PD1") { consumedSegments.insert(pd1) }
        return resident
    }

    mutating func readCX(_ element: HL7v2Element) -> Identifier? {
        guard let value = component(element, 1) else { return nil }
        let authority = component(element, 4)
        let type = component(element, 5)
        var kind: Identifier.Kind = .other
        if let authority, let byOID = systems.kind(forOID: authority) {
            kind = byOID
        } else if let type, let byType = systems.kind(forV2Type: type) {
            kind = byType
        } else if type == "NI", authority == "CHN" {
            kind = .residentIDCard
        }
        return Identifier(
            kind: kind, value: value, authority: authority, type: type.map { CodedValue(system: "hl7-0203", code: $0) })
    }

    func readXPN(_ element: HL7v2Element) -> PersonName? {
        let parts = components(element)
        guard let first = parts.first ?? nil else { return nil }
        let family = first
        let given = [parts.count > 1 ? parts[1] : nil, parts.count > 2 ? parts[2] : nil].compactMap { $0 }
        let use = parts.count > 6 ? parts[6] : nil
        if given.isEmpty { return PersonName(text: family, use: use) }
        return PersonName(text: family + given.joined(), family: family, given: given, use: use)
    }

    /// XAD → Address: XAD-1 street (1.1 line, 1.2 street name, 1.3 dwelling number; 1.1 alone is the street
    /// name, or the whole address text when no other component is given), XAD-2 township, XAD-3 city,
    /// XAD-4 province, XAD-5 postal code, XAD-6 country, XAD-7 type, XAD-8 county, XAD-9 GB/T 2260 code.
    /// `text` is the named parts joined in the Chinese order (XAD has no full-text component).
    func readXAD(_ element: HL7v2Element) -> Address? {
        let parts = components(element)
        func part(_ n: Int) -> String? { n <= parts.count ? parts[n - 1] : nil }
        guard parts.contains(where: { $0 != nil }) else { return nil }
        var address = Address()
        let street: [String?] =
            element.components.first.map { first in
                first.subcomponents.map { sub in
                    let value = sub.text.plainText
                    return value.isEmpty ? nil : value
                }
            } ?? []
        func streetPart(_ n: Int) -> String? { n <= street.count ? street[n - 1] : nil }
        address.township = part(2)
        address.city = part(3)
        address.province = part(4)
        address.postalCode = part(5)
        address.country = part(6)
        address.county = part(8)
        address.regionCode = part(9)
        if streetPart(2) != nil || streetPart(3) != nil {
            address.streetName = streetPart(2)
            address.houseNumber = streetPart(3)
            if let line = streetPart(1) { address.lines = [line] }
        } else if let line = streetPart(1) {
            let others = [part(2), part(3), part(4), part(6), part(8)]
            if others.allSatisfy({ $0 == nil }) { address.text = line } else { address.streetName = line }
        }
        if address.text == nil {
            // The whole address as one text, as WS 364 DE02.01.009 writes it (province down to house number).
            let named = [
                address.province, address.city, address.county, address.township, address.streetName,
                address.houseNumber,
            ]
            let text = named.compactMap { $0 }.joined()
            if !text.isEmpty { address.text = text }
        }
        switch part(7) {
        case "H": address.use = .home
        case "B", "O": address.use = .work
        case "BR": address.use = .birthPlace
        case "P", "L": address.use = .registeredResidence
        default: address.use = nil
        }
        return address
    }

    func readXTN(_ element: HL7v2Element, defaultUse: ContactPoint.Use) -> ContactPoint? {
        let parts = components(element)
        func part(_ n: Int) -> String? { n <= parts.count ? parts[n - 1] : nil }
        let equipment = part(3)
        var system: ContactPoint.System = .phone
        switch equipment {
        case "FX": system = .fax
        case "Internet", "X.400": system = .email
        default: system = .phone
        }
        let local = [part(6), part(7)].compactMap { $0 }.joined(separator: "-")
        guard let value = part(12) ?? part(4) ?? (local.isEmpty ? nil : local) ?? part(1) else { return nil }
        var use: ContactPoint.Use? = defaultUse
        switch part(2) {
        case "WPN": use = .work
        case "PRN", "ORN": use = .home
        default: use = defaultUse
        }
        if equipment == "CP" { use = .mobile }
        return ContactPoint(system: system, value: value, use: use)
    }

    mutating func readCE(_ element: HL7v2Element?) -> CodedValue? {
        guard let element else { return nil }
        let parts = components(element)
        func part(_ n: Int) -> String? { n <= parts.count ? parts[n - 1] : nil }
        guard let code = part(1) ?? part(2) else { return nil }
        var value = CodedValue(system: part(3) ?? "", code: code, display: part(2))
        if let alternate = part(4) {
            value.translations = [CodedValue(system: part(6) ?? "", code: alternate, display: part(5))]
        }
        if let text = part(9) { value.originalText = text }
        return value
    }

    mutating func readXCN(_ element: HL7v2Element?) -> Practitioner? {
        guard let element else { return nil }
        let parts = components(element)
        func part(_ n: Int) -> String? { n <= parts.count ? parts[n - 1] : nil }
        var practitioner = Practitioner(provenance: provenance)
        if let id = part(1) {
            practitioner.identifiers = [Identifier(kind: .other, value: id, authority: part(9))]
        }
        if let family = part(2) {
            let given = [part(3), part(4)].compactMap { $0 }
            practitioner.name =
                given.isEmpty
                ? PersonName(text: family) : PersonName(text: family + given.joined(), family: family, given: given)
        }
        if let degree = part(7) ?? part(21) { practitioner.role = CodedValue(system: "hl7-0360", code: degree) }
        guard !practitioner.identifiers.isEmpty || practitioner.name != nil else { return nil }
        return practitioner
    }

    mutating func translate(_ code: String, display: String?, from: String, to: String, at path: String) -> CodedValue {
        let source = CodedValue(system: from, code: code, display: display)
        do {
            let result = try source.translated(
                to: to, with: options.terminology, policy: options.translation.policy(from: from, to: to),
                at: SourceLocation(path: path))
            issues += result.issues
            return result.value
        } catch {
            issues.append(error.issue)
            return source
        }
    }

    // MARK: Visit

    mutating func readEncounter(_ pv1: Int) -> Encounter {
        consumedSegments.insert(pv1)
        _ = field(pv1, 1)
        let patientClass = string(pv1, 2) ?? ""
        let kind: Encounter.Kind =
            switch patientClass {
            case "I": .inpatient
            case "E": .emergency
            default: .outpatient
            }
        var encounter = Encounter(kind: kind)
        if !patientClass.isEmpty {
            encounter.classCode = CodedValue(system: "hl7-0004", code: patientClass)
        }
        if let location = field(pv1, 3)?.repetitions.first {
            let parts = components(location)
            if let unit = parts.first ?? nil {
                encounter.department = CodedValue(system: "", code: unit, display: unit)
            }
            if parts.count >= 4, let facility = parts[3] {
                encounter.organization = Organization(identifiers: [
                    Identifier(kind: .organizationCode, value: facility)
                ])
            }
        }
        for number in [7, 8, 9, 17] {
            if let element = field(pv1, number) {
                for rep in element.repetitions {
                    if let practitioner = readXCN(rep), !encounter.practitioners.contains(practitioner) {
                        encounter.practitioners.append(practitioner)
                    }
                }
            }
        }
        if let visit = string(pv1, 19) {
            encounter.identifiers.append(
                Identifier(kind: kind == .inpatient ? .inpatientNumber : .outpatientNumber, value: visit))
        }
        if let start = string(pv1, 44) { encounter.start = Timestamp(start) }
        if let end = string(pv1, 45) { encounter.end = Timestamp(end) }
        for pv2 in indices(of: "PV2") { _ = pv2 }
        for dg1 in indices(of: "DG1") {
            if let diagnosis = readDG1(dg1) { encounter.diagnoses.append(diagnosis) }
        }
        return encounter
    }

    mutating func readDG1(_ dg1: Int) -> Diagnosis? {
        consumedSegments.insert(dg1)
        _ = field(dg1, 1)
        guard let code = readCE(field(dg1, 3)) else { return nil }
        let type = string(dg1, 6)
        var diagnosis = Diagnosis(
            code: code, isPrimary: false, type: type.map { CodedValue(system: "hl7-0052", code: $0) },
            date: string(dg1, 5).map(Timestamp.init))
        if let priority = string(dg1, 15) { diagnosis.isPrimary = priority == "1" }
        return diagnosis
    }

    // MARK: Lab

    mutating func readLabReports(order: Bool) throws(ConversionError) -> [ModelRecord] {
        let resident = indices(of: "PID").isEmpty ? nil : try readResident()
        var encounter: Encounter? = nil
        if let pv1 = indices(of: "PV1").first {
            var value = readEncounter(pv1)
            value.provenance = provenance
            encounter = value
        }
        var reports: [LabReport] = []
        // The report being read, mutated in place (an optional large struct would be copied on each change).
        var current = LabReport(provenance: provenance)
        var hasCurrent = false
        var lastORC: Int? = nil
        var inResult = false
        var obrs: [Int?] = []
        for index in segments.indices {
            switch ids[index] {
            case "ORC":
                lastORC = index
            case "OBR":
                if hasCurrent { reports.append(current) }
                current = LabReport(resident: resident, provenance: provenance)
                current.encounter = encounter
                readOBR(index, orc: lastORC, into: &current)
                hasCurrent = true
                obrs.append(index)
                inResult = false
            case "OBX":
                if !hasCurrent {
                    // An ORU without OBR: the results form one report without an order.
                    current = LabReport(resident: resident, provenance: provenance)
                    current.encounter = encounter
                    hasCurrent = true
                    obrs.append(nil)
                }
                if let result = readOBX(index) { current.results.append(result) }
                inResult = true
            case "NTE":
                guard hasCurrent else { continue }
                consumedSegments.insert(index)
                _ = field(index, 1)
                _ = field(index, 2)
                let note = field(index, 3)?.repetitions.map { $0.text.plainText }.joined(separator: "\n") ?? ""
                if inResult, let last = current.results.indices.last {
                    current.results[last].notes.append(note)
                } else {
                    current.notes.append(note)
                }
            case "SPM":
                guard hasCurrent else { continue }
                current.specimen = readSPM(index, base: current.specimen)
            case "TQ1", "TQ2":
                consumedSegments.insert(index)
                if let start = string(index, 7), !hasCurrent || current.orderedAt == nil {
                    unmapped.append(UnmappedFragment(path: path(index, 7), text: start))
                }
            default:
                continue
            }
        }
        if hasCurrent { reports.append(current) }
        guard !reports.isEmpty else {
            throw ConversionError(.missingData, "the message has no OBR segment", at: SourceLocation(path: "OBR"))
        }
        _ = order
        var records: [ModelRecord] = []
        for (index, report) in reports.enumerated() {
            records.append(examOrLab(report, obr: index < obrs.count ? obrs[index] : nil))
        }
        return records
    }

    mutating func readOBR(_ obr: Int, orc: Int?, into report: inout LabReport) {
        consumedSegments.insert(obr)
        _ = field(obr, 1)
        var placer = string(obr, 2)
        var filler = string(obr, 3)
        var placerAuthority = entityAuthority(obr, 2)
        var fillerAuthority = entityAuthority(obr, 3)
        if let orc {
            consumedSegments.insert(orc)
            _ = field(orc, 1)
            _ = field(orc, 5)
            if placer == nil {
                placer = string(orc, 2)
                placerAuthority = entityAuthority(orc, 2)
            } else {
                _ = field(orc, 2)
            }
            if filler == nil {
                filler = string(orc, 3)
                fillerAuthority = entityAuthority(orc, 3)
            } else {
                _ = field(orc, 3)
            }
            if let group = string(orc, 4) {
                report.identifiers.append(
                    Identifier(kind: .other, value: group, type: CodedValue(system: "hl7-0203", code: "PGN")))
            }
            if let time = string(orc, 9) { report.orderedAt = Timestamp(time) }
            if report.orderedBy == nil { report.orderedBy = readXCN(field(orc, 12)) }
            _ = field(orc, 10)
            if let entered = field(orc, 10), report.orderedBy != nil { _ = entered }
        }
        if let placer {
            report.identifiers.insert(
                Identifier(
                    kind: .other, value: placer, authority: placerAuthority,
                    type: CodedValue(system: "hl7-0203", code: "PLAC")), at: 0)
        }
        if let filler {
            report.identifiers.append(
                Identifier(
                    kind: .other, value: filler, authority: fillerAuthority,
                    type: CodedValue(system: "hl7-0203", code: "FILL")))
        }
        report.order = readCE(field(obr, 4))
        if let requested = string(obr, 6), report.orderedAt == nil { report.orderedAt = Timestamp(requested) }
        var specimen = Specimen()
        var hasSpecimen = false
        if let collected = string(obr, 7) {
            specimen.collectedAt = Timestamp(collected)
            hasSpecimen = true
        }
        if let received = string(obr, 14) {
            specimen.receivedAt = Timestamp(received)
            hasSpecimen = true
        }
        if let source = readCE(field(obr, 15)) {
            specimen.type = source
            hasSpecimen = true
        }
        if hasSpecimen { report.specimen = specimen }
        if let ordering = readXCN(field(obr, 16)) { report.orderedBy = ordering }
        if let reported = string(obr, 22) { report.reportedAt = Timestamp(reported) }
        if let status = string(obr, 25) { report.status = CodedValue(system: "hl7-0085", code: status) }
        if let interpreter = field(obr, 32)?.repetitions.first { report.reviewer = readNDL(interpreter) }
        if let technician = field(obr, 34)?.repetitions.first { report.performer = readNDL(technician) }
    }

    mutating func readNDL(_ element: HL7v2Element) -> Practitioner? {
        guard let first = element.components.first else { return nil }
        let subs = first.subcomponents.map { $0.text.plainText }
        func sub(_ n: Int) -> String? { n <= subs.count && !subs[n - 1].isEmpty ? subs[n - 1] : nil }
        var practitioner = Practitioner(provenance: provenance)
        if let id = sub(1) { practitioner.identifiers = [Identifier(kind: .other, value: id)] }
        if let family = sub(2) {
            let given = [sub(3)].compactMap { $0 }
            practitioner.name =
                given.isEmpty
                ? PersonName(text: family) : PersonName(text: family + given.joined(), family: family, given: given)
        }
        return practitioner.name == nil && practitioner.identifiers.isEmpty ? nil : practitioner
    }

    mutating func readSPM(_ spm: Int, base: Specimen?) -> Specimen {
        consumedSegments.insert(spm)
        _ = field(spm, 1)
        var specimen = base ?? Specimen()
        if let id = field(spm, 2)?.repetitions.first, let value = component(id, 1) {
            specimen.identifiers = [Identifier(kind: .other, value: value)]
        }
        if let type = readCE(field(spm, 4)) { specimen.type = type }
        if let collected = string(spm, 17) { specimen.collectedAt = Timestamp(collected) }
        if let received = string(spm, 18) { specimen.receivedAt = Timestamp(received) }
        return specimen
    }

    mutating func readOBX(_ obx: Int) -> LabResult? {
        consumedSegments.insert(obx)
        _ = field(obx, 1)
        let valueType = string(obx, 2) ?? "ST"
        guard let code = readCE(field(obx, 3)) else {
            unmapped.append(UnmappedFragment(path: path(obx, 3), text: ""))
            return nil
        }
        var result = LabResult(code: code)
        _ = field(obx, 4)
        let unitParts = field(obx, 6).map { components($0) } ?? []
        let unit = unitParts.first ?? nil
        let ucum = unitParts.count >= 3 && (unitParts[2] == "UCUM" || unitParts[2] == "ISO+") ? unitParts[0] : nil
        if let value = field(obx, 5) {
            switch valueType {
            case "NM":
                let text = firstRepetitionText(value)
                result.value = .quantity(Self.quantity(text, unit: unit, ucum: ucum))
            case "SN":
                let parts = components(value)
                let comparator = parts.first ?? nil
                let number = parts.count > 1 ? (parts[1] ?? "") : ""
                if parts.count > 2 {
                    result.value = .text(firstRepetitionText(value))
                } else {
                    result.value = .quantity(Quantity(value: number, unit: unit, ucum: ucum, comparator: comparator))
                }
            case "CE", "CWE", "CNE", "CF":
                if let coded = readCE(value) { result.value = .coded(coded) }
            case "ED", "RP":
                result.value = .text(value.repetitions.first?.er7 ?? "")
                issues.append(
                    Issue(
                        .information, code: "HI-CONV-0101", "an \(valueType) value is kept as its ER7 text",
                        at: SourceLocation(path: path(obx, 5))))
            default:
                result.value = .text(allRepetitionsText(value))
            }
            if valueType != "NM" && valueType != "SN" && unit != nil {
                unmapped.append(UnmappedFragment(path: path(obx, 6), text: unit ?? ""))
            }
        }
        if let range = text(obx, 7) {
            var reference = ReferenceRange(text: range)
            let bytes = Array(range.utf8)
            if let dash = bytes.dropFirst().firstIndex(of: 0x2D) {
                let low = String(decoding: bytes[..<dash], as: UTF8.self)
                let high = String(decoding: bytes[(dash + 1)...], as: UTF8.self)
                if Double(low) != nil, Double(high) != nil {
                    reference.low = low
                    reference.high = high
                    reference.text = nil
                    reference.unit = valueType == "NM" || valueType == "SN" ? unit : nil
                }
            }
            result.referenceRange = reference
        }
        if let flag = string(obx, 8) { result.abnormalFlag = CodedValue(system: "hl7-0078", code: flag) }
        if let status = string(obx, 11) { result.status = CodedValue(system: "hl7-0085", code: status) }
        if let observed = string(obx, 14) { result.observedAt = Timestamp(observed) }
        if let method = readCE(field(obx, 17)) { result.method = method }
        return result
    }

    static func quantity(_ text: String, unit: String?, ucum: String?) -> Quantity {
        for comparator in ["<=", ">=", "<", ">"] where text.hasPrefix(comparator) {
            return Quantity(
                value: String(text.dropFirst(comparator.count)), unit: unit, ucum: ucum, comparator: comparator)
        }
        return Quantity(value: text, unit: unit, ucum: ucum)
    }

    // MARK: Referral

    mutating func readReferral() throws(ConversionError) -> Referral {
        var referral = Referral(provenance: provenance)
        referral.resident = try readResident()
        if let rf1 = indices(of: "RF1").first {
            consumedSegments.insert(rf1)
            if let id = field(rf1, 6)?.repetitions.first, let value = component(id, 1) {
                referral.identifiers.append(Identifier(kind: .other, value: value, authority: component(id, 2)))
            }
            if let date = string(rf1, 7) { referral.date = Timestamp(date) }
            if let reason = field(rf1, 10)?.repetitions.first {
                let parts = components(reason)
                referral.reason = parts.count > 1 ? (parts[1] ?? parts[0]) : parts.first ?? nil
                if parts.count > 1, let code = parts[0] {
                    unmapped.append(UnmappedFragment(path: path(rf1, 10) + ".1", text: code))
                }
            }
        }
        for prd in indices(of: "PRD") {
            consumedSegments.insert(prd)
            let role = component(field(prd, 1)?.repetitions.first ?? segments[prd].field(0)!, 1) ?? ""
            var organization = Organization(provenance: provenance)
            if let location = field(prd, 4)?.repetitions.first {
                let parts = components(location)
                if let id = parts.first ?? nil {
                    organization.identifiers = [Identifier(kind: .organizationCode, value: id)]
                }
                organization.name = parts.count > 1 ? (parts.last ?? nil) : nil
            }
            if let address = field(prd, 3)?.repetitions.first.flatMap({ readXAD($0) }) {
                organization.addresses = [address]
            }
            if role == "RP" {
                referral.fromOrganization = organization
            } else if role == "RT" {
                referral.toOrganization = organization
            }
            if let name = field(prd, 2) {
                unmapped.append(UnmappedFragment(path: path(prd, 2), text: name.er7))
            }
        }
        for dg1 in indices(of: "DG1") {
            if let diagnosis = readDG1(dg1) { referral.diagnoses.append(diagnosis) }
        }
        return referral
    }

    // MARK: Unmapped

    mutating func collectUnmapped() {
        for index in segments.indices.dropFirst() {
            let segment = segments[index]
            // EVN, like MSH, is the envelope of the event, not data about the resident.
            if segment.id == "EVN" { continue }
            if !consumedSegments.contains(index) {
                if segment.fieldCount > 0 {
                    unmapped.append(
                        UnmappedFragment(
                            path: "\(segment.id)[\(occurrence[index])]",
                            text: String(decoding: segment.rawBytes, as: UTF8.self)))
                }
                continue
            }
            let count = segment.fieldCount
            guard count > 0 else { continue }
            for number in 1...count where !isConsumed(index, number) {
                if let element = segment.field(number), !element.isEmpty {
                    unmapped.append(UnmappedFragment(path: path(index, number), text: element.er7))
                }
            }
        }
    }
}
