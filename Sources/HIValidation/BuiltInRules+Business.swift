import HICore
import HIModels
import HITerminology

extension BuiltInRules {
    static func firstValidID(_ resident: Resident, _ context: RuleContext) -> ResidentIDNumber? {
        guard let identifier = resident.identifier(.residentIDCard) else { return nil }
        return try? parseID(identifier.value, context)
    }

    /// Parses a resident ID number; over-long input (hostile or garbage) is refused before the parser sees it.
    static func parseID(_ text: String, _ context: RuleContext) throws(ModelError) -> ResidentIDNumber {
        guard text.utf8.count <= maximumIDLength else {
            throw ModelError(.wrongLength, "a resident ID number has 18 characters (or 15 digits before 1999)")
        }
        return try ResidentIDNumber(parsing: text, tables: context.tables, options: context.residentIDOptions)
    }

    /// Longest identifier or phone text parsed (longer ones are reported by length, never echoed).
    static let maximumIDLength = 64

    /// `'text'` for `found`, or its length when it is too long to show.
    static func quoted(_ text: String) -> String {
        text.utf8.count > maximumIDLength ? "\(text.utf8.count) bytes" : "'" + text + "'"
    }

    /// A masked value for `found`, or its length when it is too long to show.
    static func maskedOrLength(_ text: String, _ mask: (String) -> String) -> String {
        text.utf8.count > maximumIDLength ? "\(text.utf8.count) bytes" : mask(text)
    }

    static func time(_ timestamp: Timestamp?, _ context: RuleContext) -> TimePoint? {
        guard let timestamp else { return nil }
        return TimePoint(timestamp.text, defaultZoneMinutes: context.options.defaultTimeZoneMinutes)
    }

    /// Reports when `later` is before `earlier` (both parsed; unparsable times are HI-VAL-0202's business).
    static func order(
        _ earlier: Timestamp?, _ later: Timestamp?, path: String, message: String, expected: String,
        chinese: String = "时间先后顺序有误，请更正", _ context: inout RuleContext
    ) {
        guard let first = time(earlier, context), let second = time(later, context), second.isBefore(first) else {
            return
        }
        context.report(path, message, chinese: chinese, expected: expected, found: "earlier")
    }

    /// The LOINC code of a test code: a LOINC coding, a LOINC translation, or a local code the lab-test
    /// crosswalk maps.
    static func loinc(of code: CodedValue, _ context: RuleContext) -> String? {
        let name = context.resources.systemName(code.system)
        if name == "loinc" { return code.code }
        for candidate in code.translations where context.resources.systemName(candidate.system) == "loinc" {
            return candidate.code
        }
        return name == "cn-lab-test" ? context.resources.labCodeToLOINC[code.code] : nil
    }

    static func ucum(_ quantity: Quantity, _ context: RuleContext) -> String? {
        if let ucum = quantity.ucum, !ucum.isEmpty { return ucum }
        return quantity.unit.flatMap { context.resources.unitToUCUM[$0] }
    }

    static func plausibility(
        _ path: ModelPath, loinc: String, value: Double, unit: String?, _ context: inout RuleContext
    ) {
        guard let limit = context.resources.limits.limit(loinc: loinc), unit == nil || unit == limit.unit else {
            return
        }
        guard value < limit.low || value > limit.high else { return }
        context.report(
            path.text, "check the number and its unit: \(limit.name) cannot take this value",
            chinese: "数值超出生理可能范围，请核对数值及单位",
            expected: "\(format(limit.low))–\(format(limit.high)) \(limit.unit)",
            found: "\(format(value)) \(unit ?? limit.unit)")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Flags that state where a value lies against the reference range.
    static let highFlags: Set<String> = ["H", "HH", ">", "HU"]
    static let lowFlags: Set<String> = ["L", "LL", "<", "LU"]
    static let rangeFlags: Set<String> = ["N", "H", "HH", ">", "HU", "L", "LL", "<", "LU", "A", "AA"]

    static let businessRules: [ValidationRule] = [
        ValidationRule(
            id: "HI-VAL-0501", level: .businessRule, severity: .error,
            title: "Birth date agrees with the resident ID number", chineseTitle: "出生日期与身份证号码一致"
        ) { subject, context in
            guard let (resident, path) = context.record.resident, let birthDate = resident.birthDate,
                let number = firstValidID(resident, context), number.birthDate != birthDate
            else { return }
            context.report(
                path + ".birthDate", "correct the birth date or the resident ID number: they disagree",
                chinese: "出生日期与身份证号码不一致，请更正",
                expected: "the date of digits 7–14 of the ID number", found: "a different date")
        },
        ValidationRule(
            id: "HI-VAL-0502", level: .businessRule, severity: .error, title: "Sex agrees with the resident ID number",
            chineseTitle: "性别与身份证号码一致"
        ) { subject, context in
            guard let (resident, path) = context.record.resident, let sex = resident.sex,
                let number = firstValidID(resident, context),
                let code = CodeBinding.gbSexCode(sex, tables: context.tables, resources: context.resources)
            else { return }
            let expected = number.sex == .male ? "1" : "2"
            guard code == "1" || code == "2", code != expected else { return }
            context.report(
                path + ".sex", "correct the sex or the resident ID number: digit 17 is odd for men, even for women",
                chinese: "性别与身份证号码第17位不一致（奇数为男，偶数为女），请更正",
                expected: "GB/T 2261.1 code \(expected) (from digit 17)", found: "GB/T 2261.1 code \(code)")
        },
        ValidationRule(
            id: "HI-VAL-0503", level: .businessRule, severity: .error,
            title: "Report time not before specimen collection", chineseTitle: "报告时间不早于标本采集时间",
            appliesTo: [.labReport]
        ) { subject, context in
            let record = context.record
            guard record.isLabReport else { return }
            let report = record.labReport
            order(
                report.specimen?.collectedAt, report.reportedAt, path: "labReport.reportedAt",
                message: "correct the report time or the collection time: the report cannot precede the specimen",
                expected: "at or after labReport.specimen.collectedAt", chinese: "报告时间早于标本采集时间，请更正", &context)
            guard context.findings.isEmpty else { return }  // one finding for the report time is enough
            order(
                report.specimen?.receivedAt, report.reportedAt, path: "labReport.reportedAt",
                message: "correct the report time or the receipt time: the report cannot precede the receipt",
                expected: "at or after labReport.specimen.receivedAt", chinese: "报告时间早于标本接收时间，请更正", &context)
        },
        ValidationRule(
            id: "HI-VAL-0504", level: .businessRule, severity: .error,
            title: "Specimen received not before it was collected", chineseTitle: "标本接收时间不早于采集时间",
            appliesTo: [.labReport]
        ) { subject, context in
            let record = context.record
            guard record.isLabReport else { return }
            order(
                record.labReport.specimen?.collectedAt, record.labReport.specimen?.receivedAt,
                path: "labReport.specimen.receivedAt",
                message: "correct the receipt or the collection time", expected: "at or after collectedAt",
                chinese: "标本接收时间早于采集时间，请更正", &context)
        },
        ValidationRule(
            id: "HI-VAL-0505", level: .businessRule, severity: .error,
            title: "Value inside the physiologically possible range", chineseTitle: "数值在生理可能范围内",
            appliesTo: [.labReport, .followUp]
        ) { subject, context in
            let record = context.record
            switch subject {
            case .labReport:
                for index in record.labReport.results.indices {
                    guard case .quantity(let quantity) = record.labReport.results[index].value,
                        let number = DecimalText(quantity.value), number.comparator == nil, quantity.comparator == nil,
                        let loinc = loinc(of: record.labReport.results[index].code, context)
                    else { continue }
                    let unit = ucum(quantity, context)
                    guard unit != nil || ElementCatalog.isBlank(quantity.unit) else { continue }
                    plausibility(
                        ModelPath("labReport.results", index, "value"), loinc: loinc, value: number.value,
                        unit: unit ?? "",
                        &context)
                }
            case .followUp(let visit):
                if let value = visit.systolic {
                    plausibility(
                        ModelPath("followUp.systolic"), loinc: "8480-6", value: Double(value), unit: nil, &context)
                }
                if let value = visit.diastolic {
                    plausibility(
                        ModelPath("followUp.diastolic"), loinc: "8462-4", value: Double(value), unit: nil, &context)
                }
                if let value = visit.heartRate {
                    plausibility(
                        ModelPath("followUp.heartRate"), loinc: "8867-4", value: Double(value), unit: nil, &context)
                }
                if let quantity = visit.weight, let number = DecimalText(quantity.value), number.comparator == nil {
                    plausibility(
                        ModelPath("followUp.weight"), loinc: "29463-7", value: number.value,
                        unit: ucum(quantity, context),
                        &context)
                }
                if let quantity = visit.fastingGlucose, let number = DecimalText(quantity.value),
                    number.comparator == nil
                {
                    plausibility(
                        ModelPath("followUp.fastingGlucose"), loinc: "14771-0", value: number.value,
                        unit: ucum(quantity, context), &context)
                }
            default:
                break
            }
        },
        ValidationRule(
            id: "HI-VAL-0506", level: .businessRule, severity: .warning,
            title: "Abnormal flag agrees with the reference range", chineseTitle: "异常标志与参考范围一致",
            appliesTo: [.labReport]
        ) { subject, context in
            let record = context.record
            guard record.isLabReport else { return }
            for index in record.labReport.results.indices {
                guard case .quantity(let quantity) = record.labReport.results[index].value, quantity.comparator == nil,
                    let number = DecimalText(quantity.value), number.comparator == nil,
                    let range = record.labReport.results[index].referenceRange,
                    let flagValue = record.labReport.results[index].abnormalFlag,
                    let flag = CodeBinding.interpretationCode(flagValue, resources: context.resources),
                    rangeFlags.contains(flag)
                else { continue }
                if let rangeUnit = range.unit, !ElementCatalog.isBlank(rangeUnit),
                    let valueUnit = ucum(quantity, context),
                    let normalized = context.resources.unitToUCUM[rangeUnit], normalized != valueUnit
                {
                    continue
                }
                let low = range.low.flatMap { DecimalText($0) }.map(\.value)
                let high = range.high.flatMap { DecimalText($0) }.map(\.value)
                guard low != nil || high != nil else { continue }
                let expected: Set<String>
                let position: String
                if let high, number.value > high {
                    expected = highFlags.union(["A", "AA"])
                    position = "above the high limit"
                } else if let low, number.value < low {
                    expected = lowFlags.union(["A", "AA"])
                    position = "below the low limit"
                } else {
                    expected = ["N"]
                    position = "inside the range"
                }
                guard !expected.contains(flag) else { continue }
                let wanted =
                    position == "inside the range" ? "N" : (position.hasPrefix("above") ? "H or HH" : "L or LL")
                context.report(
                    "labReport.results[\(index)].abnormalFlag",
                    "correct the abnormal flag, the value or the range: the value is \(position)",
                    chinese: "异常标志与参考范围不一致，请核对异常标志、结果或参考范围",
                    expected: wanted, found: flag)
            }
        },
        ValidationRule(
            id: "HI-VAL-0507", level: .businessRule, severity: .error,
            title: "Referral names sending and receiving organisations and a reason", chineseTitle: "转诊记录有转出、转入机构及转诊原因",
            appliesTo: [.referral]
        ) { subject, context in
            guard case .referral(let referral) = subject else { return }
            if !ElementCatalog.hasOrganization(referral.fromOrganization) {
                context.report(
                    "referral.fromOrganization", "name the sending organisation (转出机构)", chinese: "请填写转出机构",
                    expected: "name or code",
                    found: "absent")
            }
            if !ElementCatalog.hasOrganization(referral.toOrganization) {
                context.report(
                    "referral.toOrganization", "name the receiving organisation (转入机构)", chinese: "请填写转入机构",
                    expected: "name or code",
                    found: "absent")
            }
            if ElementCatalog.isBlank(referral.reason) {
                context.report(
                    "referral.reason", "state the referral reason (转诊原因)", chinese: "请填写转诊原因", expected: "text",
                    found: "absent")
            }
            if let from = referral.fromOrganization, let to = referral.toOrganization,
                ElementCatalog.hasOrganization(from), ElementCatalog.hasOrganization(to),
                organizationKey(from) == organizationKey(to)
            {
                context.report(
                    "referral.toOrganization", "refer to another organisation", chinese: "转出机构与转入机构不能相同",
                    expected: "differs from the sender",
                    found: "same organisation")
            }
        },
        ValidationRule(
            id: "HI-VAL-0508", level: .businessRule, severity: .error,
            title: "Systolic pressure above diastolic", chineseTitle: "收缩压高于舒张压", appliesTo: [.followUp]
        ) { subject, context in
            guard case .followUp(let visit) = subject, let systolic = visit.systolic, let diastolic = visit.diastolic,
                systolic <= diastolic
            else { return }
            context.report(
                "followUp.systolic", "check the blood pressure: systolic must exceed diastolic (swapped?)",
                chinese: "收缩压应高于舒张压，请核对（是否填反）",
                expected: "systolic > diastolic", found: "\(systolic)/\(diastolic) mmHg")
        },
        ValidationRule(
            id: "HI-VAL-0509", level: .businessRule, severity: .error, title: "Follow-up date not in the future",
            chineseTitle: "随访日期不晚于当前日期", appliesTo: [.followUp]
        ) { subject, context in
            guard case .followUp(let visit) = subject, let date = visit.date, date > context.options.today else {
                return
            }
            context.report(
                "followUp.date", "correct the follow-up date: it lies in the future", chinese: "随访日期晚于当前日期，请更正",
                expected: "on or before \(context.options.today)", found: "a later date")
        },
        ValidationRule(
            id: "HI-VAL-0510", level: .businessRule, severity: .warning,
            title: "Next follow-up date after this visit", chineseTitle: "下次随访日期晚于本次随访日期", appliesTo: [.followUp]
        ) { subject, context in
            guard case .followUp(let visit) = subject, let date = visit.date, let next = visit.nextDate, next <= date
            else { return }
            context.report(
                "followUp.nextDate", "set the next follow-up after this visit", chinese: "下次随访日期应晚于本次随访日期",
                expected: "after followUp.date",
                found: "on or before it")
        },
        ValidationRule(
            id: "HI-VAL-0511", level: .businessRule, severity: .error,
            title: "Contract period: positive length, end after start, end agrees with the length",
            chineseTitle: "签约周期：结束日期晚于开始日期，默认一年", appliesTo: [.contract]
        ) { subject, context in
            guard case .contract(let contract) = subject else { return }
            if let years = contract.years, years <= 0 {
                context.report(
                    "contract.years", "give the contract length in whole years (one by default)",
                    chinese: "签约年限应为正整数（默认一年）",
                    expected: "1 or more", found: "\(years)")
            }
            guard let start = contract.start, let end = contract.end else { return }
            if end <= start {
                context.report(
                    "contract.end", "the contract must end after it starts", chinese: "签约结束日期应晚于开始日期",
                    expected: "after contract.start",
                    found: "on or before it")
            } else if let years = contract.years, years > 0,
                let expected = ContractPeriod.end(start: start, years: years),
                end != expected, end != ContractPeriod.addingYears(years, to: start)
            {
                context.report(
                    "contract.end", "make the end date agree with the length in years (or drop one of them)",
                    chinese: "签约结束日期与签约年限不一致",
                    expected: "\(expected) (\(years) year\(years == 1 ? "" : "s") from the start)", found: "\(end)")
            }
        },
        ValidationRule(
            id: "HI-VAL-0512", level: .businessRule, severity: .error,
            title: "No overlapping active contracts of one resident with different teams",
            chineseTitle: "同一居民不得与不同团队同时存在有效签约", appliesTo: [.contract],
            evaluating: .collection(ContractPeriod.checkOverlaps)
        ),
        ValidationRule(
            id: "HI-VAL-0513", level: .businessRule, severity: .error,
            title: "End not before start (encounters, exams)", chineseTitle: "结束或报告时间不早于开始时间",
            appliesTo: [.encounter, .examReport]
        ) { subject, context in
            switch subject {
            case .encounter(let encounter):
                order(
                    encounter.start, encounter.end, path: "encounter.end",
                    message: "correct the end or the start of the encounter", expected: "at or after encounter.start",
                    chinese: "就诊结束时间早于开始时间，请更正",
                    &context)
            case .examReport(let report):
                order(
                    report.performedAt, report.reportedAt, path: "examReport.reportedAt",
                    message: "correct the report time or the exam time: the report cannot precede the exam",
                    expected: "at or after examReport.performedAt", chinese: "报告时间早于检查时间，请更正", &context)
            default:
                break
            }
        },
    ]

    static func organizationKey(_ organization: Organization) -> String {
        if let identifier = organization.identifiers.first(where: { ElementCatalog.hasText($0.value) }) {
            return "id:" + identifier.value
        }
        return "name:" + (organization.name ?? "")
    }
}

/// Contract periods: one year by default; `end` is the last day.
enum ContractPeriod {
    static func addingYears(_ years: Int, to date: CalendarDate) -> CalendarDate? {
        CalendarDate(year: date.year + years, month: date.month, day: date.day)
            ?? CalendarDate(year: date.year + years, month: date.month, day: date.day - 1)
    }

    /// The last day of a period of `years` from `start` (start + years − 1 day).
    static func end(start: CalendarDate, years: Int) -> CalendarDate? {
        guard let next = addingYears(years, to: start) else { return nil }
        return CalendarDate(
            daysSince1970: TimePoint.daysSince1970(year: next.year, month: next.month, day: next.day) - 1)
    }

    /// The effective period: `end` when given, otherwise `years` (default 1) from the start.
    static func period(_ contract: FamilyDoctorContract) -> ClosedRange<CalendarDate>? {
        guard let start = contract.start else { return nil }
        let last = contract.end ?? end(start: start, years: max(1, contract.years ?? 1))
        guard let last, last >= start else { return nil }
        return start...last
    }

    static let inactiveStatuses: Set<String> = ["terminated", "expired", "cancelled", "解约", "已解约", "到期", "已到期", "终止"]

    static func isActive(_ contract: FamilyDoctorContract) -> Bool {
        guard let status = contract.status else { return true }
        return !inactiveStatuses.contains(status.code.lowercased())
            && !inactiveStatuses.contains(status.display?.lowercased() ?? "")
    }

    static func residentKey(_ contract: FamilyDoctorContract) -> String? {
        guard let resident = contract.resident else { return nil }
        if let identifier = resident.identifier(.residentIDCard),
            identifier.value.utf8.count <= BuiltInRules.maximumIDLength, let number = resident.residentIDNumber
        {
            return "id:" + number.value
        }
        for kind in [Identifier.Kind.residentIDCard, .healthRecordNumber, .healthCardNumber] {
            if let identifier = resident.identifier(kind), ElementCatalog.hasText(identifier.value) {
                return kind.rawValue + ":" + identifier.value.uppercased()
            }
        }
        return nil
    }

    static func teamKey(_ contract: FamilyDoctorContract) -> String {
        guard let team = contract.team else { return "" }
        if let identifier = team.identifiers.first(where: { ElementCatalog.hasText($0.value) }) {
            return "id:" + identifier.value
        }
        let organization = team.organization.map(BuiltInRules.organizationKey) ?? ""
        return "name:" + (team.name ?? "") + "@" + organization
    }

    @Sendable static func checkOverlaps(_ subjects: [ValidationSubject], _ context: inout RuleContext) {
        var byResident: [String: [(index: Int, team: String, period: ClosedRange<CalendarDate>)]] = [:]
        for (index, subject) in subjects.enumerated() {
            guard case .contract(let contract) = subject, isActive(contract), let key = residentKey(contract),
                let period = period(contract)
            else { continue }
            byResident[key, default: []].append((index, teamKey(contract), period))
        }
        for key in byResident.keys.sorted() {
            guard let contracts = byResident[key], contracts.count > 1 else { continue }
            let sorted = contracts.sorted { ($0.period.lowerBound, $0.index) < ($1.period.lowerBound, $1.index) }
            // Sweep in start order, keeping the two latest-ending contracts of distinct teams seen so far: the
            // latest-ending earlier contract of another team is the first of them whose team differs.
            var top: [(team: String, end: CalendarDate, index: Int)] = []
            for later in sorted {
                if let other = top.first(where: { $0.team != later.team }), other.end >= later.period.lowerBound {
                    context.report(
                        "contract",
                        "end or terminate one of the contracts: the resident has another active contract"
                            + " (record \(other.index)) with a different team in an overlapping period",
                        chinese: "该居民在重叠期间与其他团队存在有效签约（记录 \(other.index)），请解约或终止其中之一",
                        expected: "one active team at a time", found: "overlap with record \(other.index)",
                        record: later.index)
                }
                let entry = (team: later.team, end: later.period.upperBound, index: later.index)
                if let same = top.firstIndex(where: { $0.team == later.team }) {
                    if top[same].end < entry.end { top[same] = entry }
                } else {
                    top.append(entry)
                }
                top.sort { $0.end > $1.end }
                if top.count > 2 { top.removeLast() }
            }
        }
    }
}
