import HealthInterchange

/// `hix inspect` for HL7 v2 (ER7) input: every message of the input as an indented tree (personal data
/// masked unless `--show`), as canonical JSON (one object per message per line) or written back as ER7.
enum InspectHL7v2 {
    /// How a field holding personal data is masked in trees.
    enum MaskKind {
        case identifier, name, address, phone
    }

    /// Fields masked in trees unless `--show` is given.
    static let masked: [String: [Int: MaskKind]] = [
        "PID": [
            2: .identifier, 3: .identifier, 4: .identifier, 5: .name, 6: .name, 9: .name, 11: .address,
            13: .phone, 14: .phone, 19: .identifier, 20: .identifier,
        ],
        "NK1": [2: .name, 4: .address, 5: .phone, 6: .phone, 33: .identifier],
        "MRG": [1: .identifier, 7: .name],
    ]

    static func inspect(_ input: InspectInput, options: InspectCommand.Options) -> Int32 {
        var parseOptions = HL7v2ParseOptions()
        parseOptions.strict = !options.lenient
        var reader = HL7v2MessageReader(bytes: input.bytes, options: parseOptions)
        var status = ExitCode.ok
        var output: [UInt8] = []
        // At most `shownPerCode` warnings of each code are printed; the rest are counted.
        let shownPerCode = 20
        var warningCounts: [IssueCode: Int] = [:]
        func warn(_ issue: Issue) {
            let seen = warningCounts[issue.code, default: 0]
            warningCounts[issue.code] = seen + 1
            if seen < shownPerCode {
                Console.error("warning: \(issue.code) \(issue.message) (\(issue.location.with(file: input.name)))")
            }
        }
        func flush() {
            if !output.isEmpty {
                Console.outputBytes(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        while true {
            let record: HL7v2Record
            do {
                guard let next = try reader.nextRecord() else { break }
                record = next
            } catch {
                flush()
                Console.error("error: \(error.issueCode) \(error.reason) (\(error.location.with(file: input.name)))")
                status = ExitCode.inputError
                continue
            }
            for issue in record.message.issues { warn(issue) }
            switch options.format {
            case "er7":
                output += record.bytes
            case "canonical-json", "json":
                if record.kind == .message {
                    output += Array(record.message.canonicalJSON().utf8)
                    output.append(0x0A)
                }
            default:
                output += Array(tree(record, show: options.show).utf8)
            }
            if output.count >= 1 << 20 { flush() }
        }
        flush()
        for issue in reader.issues { warn(issue) }
        for (code, count) in warningCounts.sorted(by: { $0.key < $1.key }) where count > shownPerCode {
            Console.error("warning: \(input.name): \(count - shownPerCode) more \(code) warnings not shown")
        }
        return status
    }

    /// The indented tree of one record: segments, field numbers and values.
    static func tree(_ record: HL7v2Record, show: Bool) -> String {
        let message = record.message
        var text: String
        switch record.kind {
        case .message:
            text = "message \(record.messageIndex ?? 0) (byte \(record.byteOffset)): \(message.messageType ?? "?"), "
            text += "\(message.segmentCount) segments, \(message.charset)\n"
        default:
            text = "\(record.kind) (byte \(record.byteOffset))\n"
        }
        for segment in message.segments {
            let id = segment.id
            text += "  \(id)\n"
            let rules = show ? [:] : (masked[id] ?? [:])
            for (offset, field) in segment.fields.enumerated() where !field.isEmpty {
                let number = offset + 1
                let value = rules[number].map { mask(field, $0, message.encodingCharacters) } ?? field.er7
                text += "    \(id)-\(number)  \(value)\n"
            }
        }
        return text
    }

    /// The field with every personal-data sub-component masked, delimiters kept.
    static func mask(_ field: HL7v2Element, _ kind: MaskKind, _ encoding: HL7v2EncodingCharacters) -> String {
        func character(_ byte: UInt8?) -> String { byte.map { String(decoding: [$0], as: UTF8.self) } ?? "" }
        return field.repetitions.map { repetition in
            repetition.components.enumerated().map { position, component in
                component.subcomponents.map { subcomponent -> String in
                    let value = subcomponent.value
                    guard !value.isEmpty else { return value }
                    switch kind {
                    case .identifier: return position == 0 ? PrivacyMask.identifier(value) : value
                    case .name:
                        // The family name keeps its first character; given and middle names, suffix, prefix
                        // and degree are hidden completely; the name type code and later stay.
                        if position == 0 { return PrivacyMask.name(value) }
                        return position < 6 ? String(repeating: "*", count: value.count) : value
                    case .address: return [0, 1, 2, 4].contains(position) ? PrivacyMask.text(value) : value
                    case .phone: return [0, 5, 6, 11].contains(position) ? PrivacyMask.phone(value) : value
                    }
                }.joined(separator: character(encoding.subcomponent))
            }.joined(separator: character(encoding.component))
        }.joined(separator: character(encoding.repetition))
    }
}
