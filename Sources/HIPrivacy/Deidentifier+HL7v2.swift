import HICore
import HIHL7v2

/// Which fields of which segments hold what, in HL7 v2.5–2.8 (chapter 2–7 field definitions).
enum HL7v2Fields {
    /// CX (component 1) or ST identifiers of a person.
    static let identifiers: [String: [Int]] = [
        "PID": [2, 3, 4, 18, 19, 20, 21], "NK1": [33, 37], "IN1": [36, 49], "IN2": [1, 2, 8], "GT1": [2, 12, 19],
        "MRG": [1, 2, 3, 4], "PD1": [],
    ]
    /// XPN names (component 1 family, 2 given, 3 middle).
    static let personNames: [String: [Int]] = [
        "PID": [5, 6, 9], "NK1": [2, 30], "IN1": [16], "GT1": [3, 4], "MRG": [7], "PRD": [2],
    ]
    /// XCN practitioners (component 2 family, 3 given).
    static let practitionerNames: [String: [Int]] = [
        "PV1": [7, 8, 9, 17, 52], "EVN": [5], "ORC": [10, 11, 12, 19], "OBR": [10, 16, 28], "OBX": [16, 25],
        "TXA": [5, 9, 10, 22, 23], "ROL": [4], "PD1": [4], "RXE": [13], "RXO": [14], "SPM": [], "AL1": [],
        "PV2": [13], "DG1": [16], "PR1": [11, 12], "IN2": [], "IAM": [14],
    ]
    /// XAD addresses (component 1 street, 2 other designation; city, province, code and county kept).
    static let addresses: [String: [Int]] = ["PID": [11], "NK1": [4], "IN1": [19], "GT1": [5], "PRD": [3]]
    /// XTN telephone numbers (components 1, 4 e-mail, 7 local number, 12 unformatted).
    static let phones: [String: [Int]] = [
        "PID": [13, 14, 40], "NK1": [5, 6, 31, 40, 41], "IN1": [6], "GT1": [6, 7], "ORC": [14, 23], "OBR": [17],
        "PRD": [5], "PD1": [],
    ]
    /// Dates and date-times (every component that reads as a date is shifted).
    static let dates: [String: [Int]] = [
        "MSH": [7], "EVN": [2, 3, 6], "PID": [7, 29, 33], "PD1": [13], "NK1": [8, 9, 16], "PV1": [44, 45],
        "PV2": [8, 9, 26, 33], "ORC": [9, 15, 27], "OBR": [6, 7, 8, 14, 22, 36], "OBX": [12, 14, 19],
        "SPM": [17, 18, 19], "TQ1": [7, 8], "RXE": [], "IN1": [12, 13, 18, 24, 26, 29], "GT1": [8], "AL1": [6],
        "DG1": [5, 19], "PR1": [5], "TXA": [4, 6, 7, 8], "NTE": [], "RF1": [7, 8], "IAM": [11, 13],
    ]
    /// Free text (whole fields).
    static let freeText: [String: [Int]] = ["NTE": [3], "TXA": [], "RF1": [], "PID": [], "AL1": [5]]
}

extension Deidentifier {
    /// De-identifies HL7 v2: every message of the input (batch envelopes kept), each edited in place with
    /// `HL7v2Message.setValue` so bytes outside the changed values stay as they were.
    func deidentifyHL7v2(_ bytes: [UInt8]) throws(PrivacyError) -> Result {
        var report = DeidentificationReport(format: .hl7v2)
        var reader = HL7v2MessageReader(bytes: bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var copied = 0
        var record = 0
        while true {
            let next: HL7v2Record?
            do throws(HL7v2Error) {
                next = try reader.nextRecord()
            } catch {
                throw PrivacyError(
                    .unreadableInput, expected: "an HL7 v2 message (\(error.issueCode) \(error.reason))",
                    at: error.location)
            }
            guard let next else { break }
            guard next.kind == .message else { continue }
            record += 1
            let original = next.bytes
            let start = next.byteOffset
            guard start >= copied, start + original.count <= bytes.count,
                bytes[start..<(start + original.count)].elementsEqual(original)
            else {
                throw PrivacyError(.unreadableInput, expected: "messages at known byte offsets")
            }
            output += bytes[copied..<start]
            var message = next.message
            try deidentify(&message, record: record, report: &report)
            output += message.serializedBytes()
            copied = start + original.count
        }
        guard record > 0 else { throw PrivacyError(.unreadableInput, expected: "at least one HL7 v2 message") }
        output += bytes[copied...]
        return Result(bytes: output, report: report)
    }

    /// De-identifies one parsed message in place.
    func deidentify(_ message: inout HL7v2Message, record: Int, report: inout DeidentificationReport)
        throws(PrivacyError)
    {
        var editor = HL7v2Editor(deidentifier: self, message: message, record: record)
        editor.personKey = editor.findPersonKey()
        editor.offset = dateOffset(forPerson: editor.personKey)
        try editor.run()
        message = editor.message
        report.changes += editor.changes
        report.issues += editor.issues
    }
}

/// Walks a message's segments and replaces what the field tables name.
struct HL7v2Editor {
    let deidentifier: Deidentifier
    var message: HL7v2Message
    let record: Int
    var personKey = ""
    var offset = 0
    var changes: [DeidentificationReport.Change] = []
    var issues: [Issue] = []
    /// Originals (as decoded values) and their pseudonyms, for a last sweep over fields the tables miss.
    var replaced: [(String, String)] = []
    /// Values recorded by ``set(_:at:kind:)`` and not yet written (see ``flush()``).
    var pending: [(path: String, value: String)] = []
    /// The segment the table phase is on and its path prefix (`PID[3]-`): paths under it are read from the
    /// segment itself, not looked up among all the message's segments (which made long messages quadratic).
    /// The table phase reads the message as parsed (its values are written at the end), so the segment's
    /// elements are the ones the path names.
    var current: (prefix: String, segment: HL7v2Segment)? = nil

    /// The element a path names, as ``HL7v2Message/element(at:)`` gives it.
    func element(_ path: String) -> HL7v2Element? {
        guard let current, path.hasPrefix(current.prefix), let parsed = try? HL7v2Path(path) else {
            return message.element(at: path)
        }
        return current.segment.elements(at: parsed).first
    }

    /// The leaf value at a path (the first repetition, component and sub-component unless the path goes
    /// deeper), as ``HL7v2Message/value(at:)`` gives it.
    func leafValue(_ path: String) -> String? {
        guard let current, path.hasPrefix(current.prefix), var parsed = try? HL7v2Path(path) else {
            return message.value(at: path)
        }
        if parsed.repetition == nil { parsed.repetition = .number(1) }
        if parsed.component == nil { parsed.component = 1 }
        if parsed.subcomponent == nil { parsed.subcomponent = 1 }
        return current.segment.elements(at: parsed).first?.value
    }

    init(deidentifier: Deidentifier, message: HL7v2Message, record: Int) {
        self.deidentifier = deidentifier
        self.message = message
        self.record = record
    }

    var options: DeidentificationOptions { deidentifier.options }

    /// The person's key: the first valid resident ID in PID-3 (or PID-19), else the first PID-3 ID, else
    /// the name, else the message control ID.
    func findPersonKey() -> String {
        var candidates: [String] = []
        if let pid = message.segments(withID: "PID").first {
            for number in [3, 19, 2, 4] {
                for repetition in pid.field(number)?.repetitions ?? [] {
                    let value = repetition.components.first?.subcomponents.first?.value ?? ""
                    if !value.isEmpty { candidates.append(value) }
                }
            }
            if let valid = candidates.first(where: Deidentifier.isValidResidentID) { return valid }
            if let first = candidates.first { return first }
            if let name = pid.field(5)?.repetitions.first?.value, !name.isEmpty { return name }
        }
        return message.controlID ?? ""
    }

    mutating func run() throws(PrivacyError) {
        let d = deidentifier
        let offset = offset
        var occurrence: [String: Int] = [:]
        for segment in message.segments {
            let id = segment.id
            occurrence[id, default: 0] += 1
            let prefix = "\(id)[\(occurrence[id] ?? 1)]"
            current = (prefix + "-", segment)
            defer { current = nil }
            let fieldCount = segment.fieldCount
            func fields(_ table: [String: [Int]]) -> [Int] { (table[id] ?? []).filter { $0 <= fieldCount } }
            if options.identifiers {
                for number in fields(HL7v2Fields.identifiers) {
                    try eachRepetition(prefix, number) { editor, base throws(PrivacyError) in
                        try editor.replace("\(base).1.1", kind: .identifier) { value in
                            d.pseudonymousIdentifier(value, dateOffset: offset)
                        }
                    }
                }
            }
            if options.names {
                for number in fields(HL7v2Fields.personNames) {
                    try eachRepetition(prefix, number) { editor, base throws(PrivacyError) in
                        try editor.replaceName(family: "\(base).1.1", given: "\(base).2.1", middle: "\(base).3.1")
                    }
                }
                for number in fields(HL7v2Fields.practitionerNames) {
                    try eachRepetition(prefix, number) { editor, base throws(PrivacyError) in
                        try editor.replaceName(family: "\(base).2.1", given: "\(base).3.1", middle: "\(base).4.1")
                    }
                }
            }
            if options.addresses {
                for number in fields(HL7v2Fields.addresses) {
                    try eachRepetition(prefix, number) { editor, base throws(PrivacyError) in
                        try editor.replace("\(base).1.1", kind: .address) { value in
                            d.pseudonymousStreet(value)
                        }
                        try editor.replace("\(base).2.1", kind: .address) { _ in "" }
                        for component in [1, 2] {
                            for sub in 2...3 {
                                try editor.replace("\(base).\(component).\(sub)", kind: .address) { _ in "" }
                            }
                        }
                    }
                }
            }
            if options.phones {
                for number in fields(HL7v2Fields.phones) {
                    try eachRepetition(prefix, number) { editor, base throws(PrivacyError) in
                        for component in [1, 4, 7, 12] {
                            try editor.replace("\(base).\(component).1", kind: .phone) { value in
                                d.pseudonymousPhone(value)
                            }
                        }
                    }
                }
            }
            if options.dates {
                var dateFields = fields(HL7v2Fields.dates)
                if id == "OBX", ["DT", "TS", "DTM"].contains(leafValue("\(prefix)-2") ?? "") {
                    dateFields.append(5)
                }
                for number in dateFields { try shiftDates(prefix, number) }
            }
            if let replacement = deidentifier.freeTextReplacement {
                var textFields = fields(HL7v2Fields.freeText)
                if id == "OBX", ["TX", "FT"].contains(leafValue("\(prefix)-2") ?? "") { textFields.append(5) }
                for number in textFields where !(element("\(prefix)-\(number)")?.isEmpty ?? true) {
                    try set(replacement, at: "\(prefix)-\(number)", kind: .freeText)
                }
            }
        }
        try sweep()
        try flush()
    }

    /// Calls `body` with the path of every repetition of a field.
    mutating func eachRepetition(
        _ prefix: String, _ number: Int, _ body: (inout HL7v2Editor, String) throws(PrivacyError) -> Void
    ) throws(PrivacyError) {
        let count = element("\(prefix)-\(number)")?.repetitions.count ?? 0
        for repetition in 0..<count {
            try body(&self, "\(prefix)-\(number)[\(repetition + 1)]")
        }
    }

    /// The decoded value at a path, when present and not empty.
    func value(_ path: String) -> String? {
        guard let value = leafValue(path), !value.isEmpty, value != "\"\"" else { return nil }
        return value
    }

    /// Replaces the value at `path` (when present) by `pseudonym(value)`.
    mutating func replace(_ path: String, kind: DeidentificationKind, _ pseudonym: (String) -> String)
        throws(PrivacyError)
    {
        guard let original = value(path) else { return }
        let new = pseudonym(original)
        guard new != original else { return }
        try set(new, at: path, kind: kind)
        replaced.append((original, new))
    }

    /// Records a new value for `path`; values are written together by ``flush()`` (one re-tokenization of the
    /// message instead of one per value, which made long messages quadratic). The table phase reads original
    /// values only (every path is written once, from what it held), so deferring the writes changes nothing.
    mutating func set(_ value: String, at path: String, kind: DeidentificationKind) throws(PrivacyError) {
        pending.append((path, value))
        changes.append(.init(path: path, kind: kind, record: record))
    }

    /// Writes the recorded values into the message.
    mutating func flush() throws(PrivacyError) {
        guard !pending.isEmpty else { return }
        defer { pending = [] }
        do throws(HL7v2Error) {
            try message.setValues(pending)
        } catch {
            throw PrivacyError(
                .unwritableValue, expected: "a writable value (\(error.issueCode))",
                at: SourceLocation(record: record, path: error.location.path))
        }
    }

    mutating func replaceName(family: String, given: String, middle: String) throws(PrivacyError) {
        let familyValue = value(family)
        let givenValue = value(given)
        if let familyValue, let givenValue {
            let latin = (familyValue + givenValue).unicodeScalars.allSatisfy { $0.isASCII }
            let full = latin ? familyValue + " " + givenValue : familyValue + givenValue
            let pseudonym = Array(deidentifier.pseudonymousName(full))
            let familyCount = familyValue.count + (latin ? 1 : 0)
            let newFamily = String(pseudonym.prefix(familyValue.count))
            let newGiven = String(pseudonym.dropFirst(min(familyCount, pseudonym.count)))
            try set(newFamily, at: family, kind: .name)
            try set(newGiven.isEmpty ? "***" : newGiven, at: given, kind: .name)
            replaced.append((full, String(pseudonym)))
            if givenValue.count >= 2, !newGiven.isEmpty { replaced.append((givenValue, newGiven)) }
            if !latin { replaced.append((familyValue + " " + givenValue, newFamily + " " + newGiven)) }
        } else {
            let d = deidentifier
            try replace(family, kind: .name) { d.pseudonymousName($0) }
            try replace(given, kind: .name) { d.pseudonymousNamePart($0, family: false) }
        }
        let d = deidentifier
        try replace(middle, kind: .name) { d.pseudonymousNamePart($0, family: false) }
    }

    mutating func shiftDates(_ prefix: String, _ number: Int) throws(PrivacyError) {
        guard let field = element("\(prefix)-\(number)") else { return }
        for (r, repetition) in field.repetitions.enumerated() {
            for (c, component) in repetition.components.enumerated() {
                for (s, sub) in component.subcomponents.enumerated() {
                    let original = sub.value
                    guard let shifted = Deidentifier.shiftDate(original, by: offset), shifted != original else {
                        continue
                    }
                    try set(shifted, at: "\(prefix)-\(number)[\(r + 1)].\(c + 1).\(s + 1)", kind: .date)
                }
            }
        }
    }

    /// Replaces originals still present anywhere in the message (Z-segments, free text the tables do not
    /// name) by their pseudonyms, value by value.
    mutating func sweep() throws(PrivacyError) {
        try flush()  // the sweep reads the message with the tables' values written
        let originals = PseudonymSweep(replaced.filter { $0.0.count >= 2 })
        guard !originals.isEmpty else { return }
        var occurrence: [String: Int] = [:]
        for segment in message.segments {
            let id = segment.id
            occurrence[id, default: 0] += 1
            let prefix = "\(id)[\(occurrence[id] ?? 1)]"
            guard segment.fieldCount >= 1 else { continue }
            for number in 1...segment.fieldCount {
                if id == "MSH" && number <= 2 { continue }
                guard let field = segment.field(number) else { continue }
                for (r, repetition) in field.repetitions.enumerated() {
                    for (c, component) in repetition.components.enumerated() {
                        for (s, sub) in component.subcomponents.enumerated() {
                            if let text = originals.apply(to: sub.value) {
                                let path = "\(prefix)-\(number)[\(r + 1)].\(c + 1).\(s + 1)"
                                try set(text, at: path, kind: .freeText)
                            }
                        }
                    }
                }
            }
        }
    }
}
