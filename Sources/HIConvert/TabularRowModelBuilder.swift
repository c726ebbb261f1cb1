import HICore
import HIModels
import HITabular

/// Collects the entries of one mapped row into a resident and, when the row has such targets, a contract, a
/// follow-up and a lab report (one result). See ``TabularModelMapper``.
struct RowModelBuilder {
    let mapper: TabularModelMapper
    let location: SourceLocation
    var resident: Resident
    var contract: FamilyDoctorContract?
    var visit: FollowUp?
    var lab: LabReport?
    var result: LabResult?
    var rawUnit: String?
    var fragments: [UnmappedFragment] = []
    var report = ConversionReport()
    var diseaseGiven = false

    init(mapper: TabularModelMapper, location: SourceLocation) {
        self.mapper = mapper
        self.location = location
        self.resident = Resident(
            provenance: Provenance(format: TabularModelMapper.provenanceFormat, location: location))
    }

    var provenance: Provenance { Provenance(format: TabularModelMapper.provenanceFormat, location: location) }

    mutating func keep(_ target: TargetPath, _ value: MappedValue) {
        fragments.append(UnmappedFragment(path: target.rawValue, text: value.description))
    }

    mutating func warn(_ target: TargetPath, _ expected: String) {
        var at = location
        at.path = target.rawValue
        report.issues.append(
            Issue(
                .warning, code: "HI-TAB-0301",
                "the value of \(target) is not \(expected); kept as an unmapped fragment",
                at: at))
    }

    func coded(_ value: MappedValue) -> CodedValue? {
        guard let code = value.code else { return nil }
        return CodedValue(system: mapper.modelSystem(code.system), code: code.code, display: code.display)
    }

    static func date(_ value: MappedValue) -> CalendarDate? {
        if let date = value.date { return CalendarDate(year: date.year, month: date.month, day: date.day) }
        if let time = value.dateTime {
            return CalendarDate(year: time.date.year, month: time.date.month, day: time.date.day)
        }
        return nil
    }

    static func quantity(_ value: MappedValue) -> Quantity? {
        if let quantity = value.quantity {
            return Quantity(value: quantity.value.text, unit: quantity.unit, ucum: quantity.unit)
        }
        if let decimal = value.decimal { return Quantity(value: decimal.text) }
        return nil
    }

    static func integer(_ value: MappedValue) -> Int? {
        let text = value.quantity?.value.text ?? value.decimal?.text
        return text.flatMap { Int($0) }
    }

    mutating func withContract(_ body: (inout FamilyDoctorContract) -> Void) {
        var value = contract ?? FamilyDoctorContract(provenance: provenance)
        body(&value)
        contract = value
    }

    mutating func withVisit(_ body: (inout FollowUp) -> Void) {
        var value = visit ?? FollowUp(disease: .hypertension, provenance: provenance)
        body(&value)
        visit = value
    }

    mutating func withResult(_ body: (inout LabResult) -> Void) {
        if lab == nil { lab = LabReport(provenance: provenance) }
        var value = result ?? LabResult(code: CodedValue(system: "local", code: ""))
        body(&value)
        result = value
    }

    mutating func add(_ entry: MappedRecord.Entry) {
        let target = entry.target
        let value = entry.value
        let root = target.rawValue.prefix { $0 != "." }
        switch root {
        case "resident": addResident(target, value)
        case "contract": addContract(target, value)
        case "followUp": addFollowUp(target, value)
        case "labResult": addLab(target, value)
        default: keep(target, value)
        }
    }

    mutating func addResident(_ target: TargetPath, _ value: MappedValue) {
        switch target {
        case .residentName:
            resident.names.append(PersonName(text: value.description))
        case .residentSex:
            if let code = coded(value) { resident.sex = code } else { keep(target, value) }
        case .residentBirthDate:
            if let date = Self.date(value) { resident.birthDate = date } else { keep(target, value) }
        case .residentID:
            resident.identifiers.append(Identifier(kind: .residentIDCard, value: value.description))
        case .healthRecordNumber:
            resident.identifiers.append(Identifier(kind: .healthRecordNumber, value: value.description))
        case .medicalInsuranceNumber:
            resident.identifiers.append(Identifier(kind: .medicalInsuranceNumber, value: value.description))
        case .healthCardNumber:
            resident.identifiers.append(Identifier(kind: .healthCardNumber, value: value.description))
        case .residentPhone:
            resident.telecom.append(ContactPoint(system: .phone, value: value.description))
        case .residentAddress:
            if resident.addresses.isEmpty { resident.addresses.append(Address(use: .home)) }
            resident.addresses[0].text = value.description
        case .residentRegion:
            if resident.addresses.isEmpty { resident.addresses.append(Address(use: .home)) }
            resident.addresses[0].regionCode = value.code?.code ?? value.description
        case .residentEthnicity:
            if let code = coded(value) { resident.ethnicity = code } else { keep(target, value) }
        case .residentMaritalStatus:
            if let code = coded(value) { resident.maritalStatus = code } else { keep(target, value) }
        default:
            keep(target, value)
        }
    }

    mutating func addContract(_ target: TargetPath, _ value: MappedValue) {
        withContract { _ in }
        switch target {
        case .contractIdentifier:
            withContract {
                $0.identifiers.append(Identifier(kind: TabularModelMapper.contractNumberKind, value: value.description))
            }
        case .contractDate:
            if let date = Self.date(value) { withContract { $0.start = date } } else { keep(target, value) }
        case .contractEndDate:
            if let date = Self.date(value) { withContract { $0.end = date } } else { keep(target, value) }
        case .contractStatus:
            let status = coded(value) ?? CodedValue(system: "local", code: value.description)
            withContract { $0.status = status }
        case .contractTeam:
            withContract {
                var team = $0.team ?? CareTeam()
                team.name = value.description
                $0.team = team
            }
        case .contractDoctor:
            withContract {
                var team = $0.team ?? CareTeam()
                team.members.append(Practitioner(name: PersonName(text: value.description)))
                $0.team = team
            }
        case .contractOrganization:
            withContract {
                var team = $0.team ?? CareTeam()
                team.organization = Organization(name: value.description)
                $0.team = team
            }
        case .contractServicePackage:
            let text = value.description
            withContract {
                $0.servicePackage = CodedValue(
                    system: TabularModelMapper.servicePackageSystem, code: text, display: text)
            }
        case .contractPopulationCategory:
            if let code = value.code?.code {
                if let flag = TabularModelMapper.keyPopulationCodes.first(where: { $0.code == code })?.flag {
                    resident.keyPopulations.insert(flag)
                } else if code != TabularModelMapper.generalPopulationCode {
                    keep(target, value)
                }
            } else {
                keep(target, value)
            }
        default:
            keep(target, value)
        }
    }

    mutating func addFollowUp(_ target: TargetPath, _ value: MappedValue) {
        withVisit { _ in }
        switch target {
        case .followUpDisease:
            let code = value.code?.code ?? ""
            if code.hasPrefix("I1") {
                diseaseGiven = true
                withVisit { $0.disease = .hypertension }
            } else if code.hasPrefix("E1") {
                diseaseGiven = true
                withVisit { $0.disease = .diabetes }
            } else {
                keep(target, value)
            }
        case .followUpDate:
            if let date = Self.date(value) { withVisit { $0.date = date } } else { keep(target, value) }
        case .followUpMethod:
            if let code = coded(value) { withVisit { $0.method = code } } else { keep(target, value) }
        case .followUpClassification:
            if let code = coded(value) { withVisit { $0.classification = code } } else { keep(target, value) }
        case .medicationAdherence:
            if let code = coded(value) { withVisit { $0.medicationAdherence = code } } else { keep(target, value) }
        case .systolicPressure:
            if let number = Self.integer(value) { withVisit { $0.systolic = number } } else { notWhole(target, value) }
        case .diastolicPressure:
            if let number = Self.integer(value) { withVisit { $0.diastolic = number } } else { notWhole(target, value) }
        case .heartRate:
            if let number = Self.integer(value) { withVisit { $0.heartRate = number } } else { notWhole(target, value) }
        case .fastingGlucose:
            if let quantity = Self.quantity(value) {
                withVisit { $0.fastingGlucose = quantity }
            } else {
                keep(target, value)
            }
        case .weight:
            if let quantity = Self.quantity(value) { withVisit { $0.weight = quantity } } else { keep(target, value) }
        case .followUpNextDate:
            if let date = Self.date(value) { withVisit { $0.nextDate = date } } else { keep(target, value) }
        case .followUpDoctor:
            withVisit { $0.doctor = Practitioner(name: PersonName(text: value.description)) }
        default:
            keep(target, value)
        }
    }

    mutating func notWhole(_ target: TargetPath, _ value: MappedValue) {
        if value.quantity != nil || value.decimal != nil { warn(target, "a whole number") }
        keep(target, value)
    }

    mutating func addLab(_ target: TargetPath, _ value: MappedValue) {
        withResult { _ in }
        switch target {
        case .labOrderNumber:
            lab?.identifiers.append(
                Identifier(kind: .other, value: value.description, type: CodedValue(system: "hl7-0203", code: "FILL")))
        case .labItemCode:
            let code = value.code?.code ?? value.description
            let system = mapper.modelSystem(value.code?.system)
            withResult {
                $0.code.code = code
                $0.code.system = system
            }
        case .labItemName:
            withResult { $0.code.display = value.description }
        case .labValue:
            if let quantity = Self.quantity(value) {
                withResult { $0.value = .quantity(quantity) }
            } else {
                withResult { $0.value = .text(value.description) }
            }
        case .labUnit:
            rawUnit = value.description
        case .labReferenceRange:
            withResult { $0.referenceRange = ReferenceRange(text: value.description) }
        case .labAbnormalFlag:
            if let code = coded(value) { withResult { $0.abnormalFlag = code } } else { keep(target, value) }
        case .labReportTime:
            if let time = value.dateTime {
                lab?.reportedAt = TabularModelMapper.timestamp(time)
            } else if let date = value.date, let time = MappedDateTime(date: date, hour: 0, minute: 0) {
                lab?.reportedAt = Timestamp(String(TabularModelMapper.timestamp(time).text.prefix(8)))
            } else {
                keep(target, value)
            }
        case .labSpecimen:
            lab?.specimen = Specimen(
                type: CodedValue(system: "local", code: value.description, display: value.description))
        case .labPerformer:
            lab?.performer = Practitioner(name: PersonName(text: value.description))
        case .labOrganization:
            lab?.laboratory = Organization(name: value.description)
        default:
            keep(target, value)
        }
    }

    mutating func finish() -> (records: [ModelRecord], report: ConversionReport) {
        if visit != nil, !diseaseGiven {
            // No 疾病类型: a row with a glucose value and no blood pressure is a diabetes visit.
            if visit?.fastingGlucose != nil, visit?.systolic == nil { visit?.disease = .diabetes }
            var at = location
            at.path = TargetPath.followUpDisease.rawValue
            report.issues.append(
                Issue(
                    .warning, code: "HI-TAB-0302", "the row names no disease; \(visit?.disease.rawValue ?? "") assumed",
                    at: at))
        }
        if var value = result, let unit = rawUnit {
            if case .quantity(var quantity) = value.value {
                quantity.unit = unit
                value.value = .quantity(quantity)
            } else if value.value == nil {
                fragments.append(UnmappedFragment(path: TargetPath.labUnit.rawValue, text: unit))
            }
            result = value
        }
        for fragment in fragments {
            report.unmapped.append(UnmappedItem(path: fragment.path, reason: "no place in the models"))
        }
        var records: [ModelRecord] = []
        if var contract {
            contract.resident = resident
            if lab == nil, visit == nil { contract.unmappedFragments = fragments }
            records.append(.resident(resident))
            records.append(.contract(contract))
        }
        if var visit {
            visit.resident = resident
            if lab == nil { visit.unmappedFragments = fragments }
            records.append(.followUp(visit))
        }
        if var lab {
            lab.resident = resident
            if let result { lab.results = [result] }
            lab.unmappedFragments = fragments
            records.append(.labReport(lab))
        }
        if records.isEmpty {
            resident.unmappedFragments = fragments
            records.append(.resident(resident))
        }
        return (records, report)
    }
}
