import HICore
import HIModels

extension BuiltInRules {
    static let dataTypeRules: [ValidationRule] = [
        ValidationRule(
            id: "HI-VAL-0201", level: .dataType, severity: .error,
            title: "Resident ID number well-formed with a correct check character (GB 11643)",
            chineseTitle: "居民身份证号码格式及校验码正确 (GB 11643)"
        ) { subject, context in
            guard let (resident, path) = context.record.resident else { return }
            for (index, identifier) in resident.identifiers.enumerated() where identifier.kind == .residentIDCard {
                do throws(ModelError) {
                    _ = try parseID(identifier.value, context)
                } catch {
                    context.report(
                        path + ".identifiers[\(index)]", "correct the resident ID number: \(error.reason)",
                        chinese: "身份证号码有误（长度、字符或校验码），请更正",
                        expected: "18 characters with a valid GB 11643 check character",
                        found: "\(error.code) (\(maskedOrLength(identifier.value, PrivacyMask.identifier)))")
                }
            }
        },
        ValidationRule(
            id: "HI-VAL-0202", level: .dataType, severity: .error, title: "Timestamps well-formed (DTM, TS, dateTime)",
            chineseTitle: "日期时间格式正确"
        ) { subject, context in
            for (path, timestamp) in Timestamps.all(in: subject, context.record)
            where TimePoint(timestamp.text, defaultZoneMinutes: context.options.defaultTimeZoneMinutes) == nil {
                context.report(
                    path.text, "write the time as YYYYMMDD[HHMM[SS]][+ZZZZ] or YYYY-MM-DDThh:mm:ss+08:00",
                    chinese: "日期时间格式有误，应为 YYYYMMDD[HHMM[SS]][+ZZZZ] 或 YYYY-MM-DDThh:mm:ss+08:00",
                    expected: "a valid date/time", found: quoted(timestamp.text))
            }
        },
        ValidationRule(
            id: "HI-VAL-0203", level: .dataType, severity: .error, title: "Numeric values are decimals",
            chineseTitle: "数值型结果为十进制数"
        ) { subject, context in
            for (path, quantity) in Quantities.all(in: subject, context.record) where DecimalText(quantity.value) == nil
            {
                context.report(
                    path.text, "write the value as a decimal number (move text results to a text value)",
                    chinese: "数值型结果应为十进制数（文字结果请用文本值）",
                    expected: "a decimal such as 5.6 or <0.5", found: "text of \(quantity.value.count) characters")
            }
        },
        ValidationRule(
            id: "HI-VAL-0204", level: .dataType, severity: .error, title: "Phone numbers in mainland formats",
            chineseTitle: "联系电话格式正确"
        ) { subject, context in
            guard let (resident, path) = context.record.resident else { return }
            func check(_ telecom: [ContactPoint], _ base: String, _ context: inout RuleContext) {
                for (index, point) in telecom.enumerated() where point.system == .phone || point.system == .fax {
                    do throws(ModelError) {
                        guard point.value.utf8.count <= maximumIDLength else {
                            throw ModelError(
                                .invalidPhoneNumber, "a phone number has at most 20 digits and an extension")
                        }
                        do throws(ModelError) {
                            _ = try PhoneNumber(parsing: point.value)
                        } catch {
                            // An HL7 v2 XTN (or a form) gives the area code without its trunk prefix 0
                            // (`593-6231234`, country code 86 in its own component): accept it with the 0.
                            guard isLandlineWithoutTrunkPrefix(point.value) else { throw error }
                            _ = try PhoneNumber(parsing: "0" + point.value)
                        }
                    } catch {
                        context.report(
                            base + ".telecom[\(index)]", "correct the phone number: \(error.reason)",
                            chinese: "联系电话格式有误，请更正",
                            expected: "mobile 1[3-9]xxxxxxxxx or landline 0xx(x)-xxxxxxx(x)",
                            found: maskedOrLength(point.value, PrivacyMask.phone))
                    }
                }
            }
            check(resident.telecom, path, &context)
            for (index, contact) in resident.contacts.enumerated() {
                check(contact.telecom, path + ".contacts[\(index)]", &context)
            }
        },
        ValidationRule(
            id: "HI-VAL-0205", level: .dataType, severity: .error,
            title: "Reference range limits are decimals, low not above high", chineseTitle: "参考范围上下限为数值且下限不大于上限",
            appliesTo: [.labReport]
        ) { subject, context in
            let record = context.record
            guard record.isLabReport else { return }
            for index in record.labReport.results.indices {
                guard let range = record.labReport.results[index].referenceRange else { continue }
                let path = "labReport.results[\(index)].referenceRange"
                let low = range.low.flatMap { ElementCatalog.isBlank($0) ? nil : $0 }
                let high = range.high.flatMap { ElementCatalog.isBlank($0) ? nil : $0 }
                let lowValue = low.flatMap { DecimalText($0) }
                let highValue = high.flatMap { DecimalText($0) }
                if let low, lowValue == nil {
                    context.report(
                        path + ".low", "write the low limit as a decimal", chinese: "参考范围下限应为数值", expected: "a decimal",
                        found: quoted(low))
                }
                if let high, highValue == nil {
                    context.report(
                        path + ".high", "write the high limit as a decimal", chinese: "参考范围上限应为数值",
                        expected: "a decimal",
                        found: quoted(high))
                }
                if let lowValue, let highValue, lowValue.value > highValue.value {
                    context.report(
                        path, "swap or correct the limits", chinese: "参考范围下限大于上限，请更正", expected: "low <= high",
                        found: "low \(lowValue.value) > high \(highValue.value)")
                }
            }
        },
    ]
}

/// The timestamps of a record with their model paths.
enum Timestamps {
    static func all(in subject: ValidationSubject, _ record: RecordCache) -> [(ModelPath, Timestamp)] {
        var result: [(ModelPath, Timestamp)] = []
        func add(_ path: ModelPath, _ value: Timestamp?) { if let value { result.append((path, value)) } }
        switch subject {
        case .labReport:
            add(ModelPath("labReport.orderedAt"), record.labReport.orderedAt)
            add(ModelPath("labReport.specimen.collectedAt"), record.labReport.specimen?.collectedAt)
            add(ModelPath("labReport.specimen.receivedAt"), record.labReport.specimen?.receivedAt)
            add(ModelPath("labReport.reportedAt"), record.labReport.reportedAt)
            for index in record.labReport.results.indices {
                add(ModelPath("labReport.results", index, "observedAt"), record.labReport.results[index].observedAt)
            }
        case .examReport(let report):
            add(ModelPath("examReport.performedAt"), report.performedAt)
            add(ModelPath("examReport.reportedAt"), report.reportedAt)
        case .encounter(let encounter):
            add(ModelPath("encounter.start"), encounter.start)
            add(ModelPath("encounter.end"), encounter.end)
            for index in encounter.diagnoses.indices {
                add(ModelPath("encounter.diagnoses", index, "date"), encounter.diagnoses[index].date)
            }
        case .referral(let referral):
            add(ModelPath("referral.date"), referral.date)
            for index in referral.diagnoses.indices {
                add(ModelPath("referral.diagnoses", index, "date"), referral.diagnoses[index].date)
            }
        case .resident, .healthRecord, .followUp, .contract:
            break
        }
        return result
    }
}

/// The quantities of a record with their model paths.
enum Quantities {
    static func all(in subject: ValidationSubject, _ record: RecordCache) -> [(ModelPath, Quantity)] {
        var result: [(ModelPath, Quantity)] = []
        switch subject {
        case .labReport:
            result.reserveCapacity(record.labReport.results.count)
            for index in record.labReport.results.indices {
                if case .quantity(let quantity) = record.labReport.results[index].value {
                    result.append((ModelPath("labReport.results", index, "value"), quantity))
                }
            }
        case .followUp(let visit):
            if let value = visit.fastingGlucose { result.append((ModelPath("followUp.fastingGlucose"), value)) }
            if let value = visit.weight { result.append((ModelPath("followUp.weight"), value)) }
        default:
            break
        }
        return result
    }
}

/// `593-6231234`: a two- or three-digit area code not starting with 0, a hyphen, seven or eight digits.
func isLandlineWithoutTrunkPrefix(_ value: String) -> Bool {
    let bytes = Array(value.utf8)
    guard let hyphen = bytes.firstIndex(of: 0x2D), (2...3).contains(hyphen), bytes[0] != 0x30 else { return false }
    let local = bytes[(hyphen + 1)...]
    return (7...8).contains(local.count) && bytes[..<hyphen].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        && local.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
}
