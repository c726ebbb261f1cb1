import HICore

extension MappedRecord {
    /// The record as one line of JSON, for `hix`-style output and batch logs. Personal data (names, ID
    /// numbers, phones, addresses, notes, birth dates and cells of unmapped columns) is masked with
    /// ``PrivacyMask`` unless `maskingPersonalData` is `false`. Decimals are strings, to keep their exact
    /// text.
    ///
    /// ```swift
    /// print(result.record.jsonText())
    /// // {"row":2,"values":[{"target":"resident.name","column":"姓名","text":"张**"},
    /// //   {"target":"resident.sex","column":"性别","system":"GB/T 2261.1","code":"1","display":"男性"}, …]}
    /// ```
    public func jsonText(maskingPersonalData: Bool = true) -> String {
        var output: [UInt8] = []
        output.append(contentsOf: Array("{".utf8))
        if let record = location.record { output.append(contentsOf: Array("\"row\":\(record),".utf8)) }
        output.append(contentsOf: Array("\"values\":[".utf8))
        for (index, entry) in entries.enumerated() {
            if index > 0 { output.append(0x2C) }
            append(member: "target", entry.target.rawValue, first: true, to: &output)
            if let column = entry.column { append(member: "column", column, to: &output) }
            let mask = maskingPersonalData ? Self.mask(for: entry.target) : nil
            switch entry.value {
            case .text(let text):
                append(member: "text", mask.map { $0(text) } ?? text, to: &output)
            case .code(let code):
                if let system = code.system { append(member: "system", system, to: &output) }
                append(member: "code", code.code, to: &output)
                if let display = code.display { append(member: "display", display, to: &output) }
            case .date(let date):
                let text = date.description
                append(member: "date", mask == nil ? text : String(text.prefix(4)) + "-**-**", to: &output)
            case .dateTime(let dateTime):
                append(member: "dateTime", dateTime.description, to: &output)
            case .decimal(let decimal):
                append(member: "value", decimal.text, to: &output)
            case .quantity(let quantity):
                append(member: "value", quantity.value.text, to: &output)
                if let unit = quantity.unit { append(member: "unit", unit, to: &output) }
            case .boolean(let flag):
                output.append(contentsOf: Array(",\"boolean\":\(flag)".utf8))
            }
            output.append(0x7D)
        }
        output.append(0x5D)
        if !otherCells.isEmpty {
            output.append(contentsOf: Array(",\"otherCells\":[".utf8))
            for (index, cell) in otherCells.enumerated() {
                if index > 0 { output.append(0x2C) }
                append(member: "column", cell.column, first: true, to: &output)
                append(member: "text", maskingPersonalData ? PrivacyMask.text(cell.text) : cell.text, to: &output)
                output.append(0x7D)
            }
            output.append(0x5D)
        }
        output.append(0x7D)
        return String(decoding: output, as: UTF8.self)
    }

    private func append(member: String, _ value: String, first: Bool = false, to output: inout [UInt8]) {
        output.append(contentsOf: Array((first ? "{\"" : ",\"").utf8))
        output.append(contentsOf: Array(member.utf8))
        output.append(contentsOf: Array("\":".utf8))
        JSONText.appendString(value, to: &output)
    }

    /// How a target's text is masked, or `nil` when it is not personal data.
    static func mask(for target: TargetPath) -> (@Sendable (String) -> String)? {
        if target == .residentName { return { PrivacyMask.name($0) } }
        if target == .residentPhone { return { PrivacyMask.phone($0) } }
        let identifiers: Set<TargetPath> = [
            .residentID, .healthRecordNumber, .medicalInsuranceNumber, .healthCardNumber,
        ]
        if identifiers.contains(target) { return { PrivacyMask.identifier($0) } }
        let texts: Set<TargetPath> = [.residentAddress, .contractNote, .followUpNote, .residentBirthDate]
        if texts.contains(target) || target.rawValue.hasPrefix("extension.") { return { PrivacyMask.text($0) } }
        return nil
    }
}
