public import HICore
public import HIHL7v2
public import HIValidation

/// Checks a parsed HL7 v2 message against its abstract message structure (segment order, groups, required
/// segments, cardinality) for its version, from ``HL7v2StructureTable``, and the data types and lengths of
/// the fields in ``HL7v2FieldTable``. Z-segments are allowed anywhere and reported as information.
///
/// Issues are located by segment (`OBX[3]`, the third OBX; a field as `OBX[3]-5`, the form ERR-2 is built
/// from) and byte offset in the file. Codes:
///
/// | code | level | severity | finding |
/// |---|---|---|---|
/// | `HI-VAL-0110` | structure | error | a required segment (or group) is missing |
/// | `HI-VAL-0111` | structure | error | a segment of the structure is out of order |
/// | `HI-VAL-0112` | structure | error | a segment repeats that may appear once |
/// | `HI-VAL-0113` | structure | warning | a segment the structure does not define |
/// | `HI-VAL-0114` | structure | information | a Z-segment (site-defined) |
/// | `HI-VAL-0115` | structure | information | no structure known for the message type or version |
/// | `HI-VAL-0210` | data type | error | a field not in the format of its type (DT, DTM/TS, NM, SI, ID, IS, CWE/CE, XPN); a warning for `<0.5` in NM |
/// | `HI-VAL-0211` | data type | warning | a field longer than its maximum length |
///
/// ```swift
/// let message = try HL7v2Message(parsing: Array("MSH|^~\\&|A|B|C|D|20240101||ADT^A04^ADT_A01|1|P|2.5.1\rPID|1\r".utf8))
/// let issues = HL7v2StructureValidator().validate(message)
/// print(issues.map(\.code))   // [HI-VAL-0110, HI-VAL-0110] (EVN and PV1 missing)
/// ```
public struct HL7v2StructureValidator: Sendable {
    /// The message structures.
    public let table: HL7v2StructureTable
    /// The field types.
    public let fields: HL7v2FieldTable
    private let compiled: [String: [HL7v2StructureNode]]

    /// Issue codes of the structure and field checks.
    public static let missingSegment: IssueCode = "HI-VAL-0110"
    /// A segment out of order.
    public static let segmentOutOfOrder: IssueCode = "HI-VAL-0111"
    /// A segment repeated beyond its cardinality.
    public static let segmentRepeated: IssueCode = "HI-VAL-0112"
    /// A segment the structure does not define.
    public static let unknownSegment: IssueCode = "HI-VAL-0113"
    /// A Z-segment.
    public static let zSegment: IssueCode = "HI-VAL-0114"
    /// No structure known.
    public static let unknownStructure: IssueCode = "HI-VAL-0115"
    /// A field not in its type's format.
    public static let fieldFormat: IssueCode = "HI-VAL-0210"
    /// A field longer than its maximum.
    public static let fieldLength: IssueCode = "HI-VAL-0211"

    /// Most issues returned for one message.
    public static let maximumIssues = 1000

    /// Creates a validator; notations that do not parse are left out (``HL7v2StructureTable/standard`` parses
    /// entirely, which a test checks).
    public init(table: HL7v2StructureTable = .standard, fields: HL7v2FieldTable = .standard) {
        self.table = table
        self.fields = fields
        var compiled: [String: [HL7v2StructureNode]] = [:]
        for entry in table.entries {
            if let nodes = try? HL7v2StructureNode.parse(entry.notation) {
                compiled[entry.structure + "@" + entry.version] = nodes
            }
        }
        self.compiled = compiled
    }

    /// The parsed structure that applies to a message of `structure` in `version`.
    public func structure(_ structure: String, version: String) -> [HL7v2StructureNode]? {
        guard let entry = table.definition(structure, version: version) else { return nil }
        return compiled[entry.structure + "@" + entry.version]
    }

    /// Checks `message`; never throws.
    /// - Parameter file: the file name put in each issue's location.
    public func validate(_ message: HL7v2Message, file: String? = nil) -> [ValidationIssue] {
        let segments = message.segments
        let ids = segments.map(\.id)
        var occurrences: [Int] = []
        occurrences.reserveCapacity(ids.count)
        var seen: [String: Int] = [:]
        for id in ids {
            let count = (seen[id] ?? 0) + 1
            seen[id] = count
            occurrences.append(count)
        }
        let base = message.byteOffset
        func location(segment index: Int?, field: Int? = nil, missing: String? = nil) -> SourceLocation {
            var path: String?
            var offset: Int?
            if let missing {
                path = missing
            }
            if let index, index < segments.count {
                if missing == nil {
                    path = ids[index] + "[\(occurrences[index])]" + (field.map { "-\($0)" } ?? "")
                }
                offset = base + segments[index].byteRange.lowerBound
            } else if missing != nil {
                offset = base + (segments.last?.byteRange.upperBound ?? 0)
            }
            return SourceLocation(file: file, record: message.index, path: path, byteOffset: offset)
        }
        var issues: [ValidationIssue] = []
        let version = message.value(at: "MSH-12") ?? ""
        let code = message.value(at: "MSH-9.1") ?? ""
        let event = message.value(at: "MSH-9.2") ?? ""
        let declared = message.value(at: "MSH-9.3")
        if let id = table.structureID(messageCode: code, event: event, declared: declared),
            let nodes = structure(id, version: version)
        {
            var matcher = StructureMatcher(ids: ids)
            matcher.run(nodes)
            for finding in matcher.findings {
                issues.append(
                    Self.issue(
                        finding, structure: id,
                        location: location(
                            segment: finding.segment, missing: finding.kind == .missing ? finding.id : nil)))
            }
        } else {
            issues.append(
                ValidationIssue(
                    code: Self.unknownStructure, level: .structure, severity: .information,
                    message: "no message structure is defined here for this message type and version; segment order "
                        + "is not checked",
                    chineseTitle: "消息结构未定义", expected: "a structure of the library's table",
                    found: "\(code)^\(event) v\(version)", modelPath: "MSH-9", location: location(segment: 0, field: 9))
            )
            // Z-segments are still reported.
            for (index, id) in ids.enumerated() where id.hasPrefix("Z") {
                issues.append(
                    Self.issue(
                        .init(kind: .zSegment, id: id, segment: index), structure: "",
                        location: location(segment: index)))
            }
        }
        issues += checkFields(segments, ids: ids, version: version, location: { location(segment: $0, field: $1) })
        if issues.count > Self.maximumIssues { issues.removeLast(issues.count - Self.maximumIssues) }
        return issues
    }

    private func checkFields(
        _ segments: [HL7v2Segment], ids: [String], version: String,
        location: (Int, Int) -> SourceLocation
    ) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var definitions: [String: [HL7v2FieldTable.Field]] = [:]
        for (index, segment) in segments.enumerated() {
            let id = ids[index]
            let defined: [HL7v2FieldTable.Field]
            if let cached = definitions[id] {
                defined = cached
            } else {
                defined = fields.fields(of: id, version: version)
                definitions[id] = defined
            }
            guard !defined.isEmpty else { continue }
            for definition in defined {
                guard let field = segment.field(definition.number), !field.isEmpty else { continue }
                var type = definition.type
                if type == "VARIES" {
                    type = segment.field(2)?.components.first.map { String(decoding: $0.rawBytes, as: UTF8.self) } ?? ""
                }
                if let maximum = definition.maximumLength {
                    for repetition in field.repetitions where repetition.rawBytes.count > maximum {
                        issues.append(
                            ValidationIssue(
                                code: Self.fieldLength, level: .dataType, severity: .warning,
                                message: "the field is longer than the \(maximum) bytes its type allows in v\(version)",
                                chineseTitle: "字段长度超限", expected: "at most \(maximum) bytes",
                                found: "\(repetition.rawBytes.count) bytes", modelPath: "\(id)-\(definition.number)",
                                location: location(index, definition.number)))
                        break
                    }
                }
                if let problem = Self.formatProblem(field, type: type) {
                    // `<0.5` in an NM field: common for results below a limit (SN is the right type); a warning.
                    let comparator = type == "NM" && Self.isComparatorNumber(field)
                    issues.append(
                        ValidationIssue(
                            code: Self.fieldFormat, level: .dataType, severity: comparator ? .warning : .error,
                            message: "the field is not a valid \(type): \(problem)", chineseTitle: "字段数据类型格式错误",
                            expected: Self.expectedFormat(type), found: "a value not in that format",
                            modelPath: "\(id)-\(definition.number)", location: location(index, definition.number)))
                }
            }
        }
        return issues
    }

    /// What is wrong with `field` as `type` (first problem of any repetition), or `nil`.
    static func formatProblem(_ field: HL7v2Element, type: String) -> String? {
        for repetition in field.repetitions where !repetition.isEmpty {
            let components = repetition.components
            let first = components.first?.rawBytes ?? []
            // `""` (explicit null) is allowed everywhere.
            if first.count == 2, first.first == 0x22, first.last == 0x22, components.count == 1 { continue }
            switch type {
            case "DT":
                if !HL7v2TypeFormat.isDate(first) { return "expected YYYY[MM[DD]]" }
            case "DTM", "TS":
                if !HL7v2TypeFormat.isDateTime(first) { return "expected YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]" }
            case "NM":
                if !HL7v2TypeFormat.isNumber(first) || components.count > 1 { return "expected a decimal number" }
            case "SI":
                if !HL7v2TypeFormat.isSequenceID(first) || components.count > 1 {
                    return "expected a non-negative integer"
                }
            case "ID", "IS":
                if !HL7v2TypeFormat.isCode(first) { return "expected a code of printable characters" }
            case "CE", "CWE":
                let text = components.count > 1 ? components[1].rawBytes : []
                if first.isEmpty, text.isEmpty { return "expected an identifier or a text (component 1 or 2)" }
            case "XPN":
                let given = components.count > 1 ? components[1].rawBytes : []
                let family = components.first?.subcomponents.first?.rawBytes ?? []
                if family.isEmpty, given.isEmpty { return "expected a family or given name (component 1 or 2)" }
            default:
                return nil
            }
        }
        return nil
    }

    /// `<0.5`, `>=10`: a comparator and a decimal (the SN type's form) in the first repetition.
    static func isComparatorNumber(_ field: HL7v2Element) -> Bool {
        guard let first = field.repetitions.first?.components.first?.rawBytes, let head = first.first,
            head == 0x3C || head == 0x3E
        else { return false }
        var rest = first.dropFirst()
        if rest.first == 0x3D { rest = rest.dropFirst() }
        return HL7v2TypeFormat.isNumber(rest)
    }

    static func expectedFormat(_ type: String) -> String {
        switch type {
        case "DT": "DT (YYYY[MM[DD]])"
        case "DTM", "TS": "\(type) (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ])"
        case "NM": "NM (decimal)"
        case "SI": "SI (non-negative integer)"
        case "ID", "IS": "\(type) (a code)"
        case "CE", "CWE": "\(type) (identifier^text^coding system)"
        case "XPN": "XPN (family^given^…)"
        default: type
        }
    }

    static func issue(_ finding: StructureMatcher.Finding, structure: String, location: SourceLocation)
        -> ValidationIssue
    {
        switch finding.kind {
        case .missing:
            return ValidationIssue(
                code: missingSegment, level: .structure, severity: .error,
                message: "required segment \(finding.id) is missing\(finding.group.map { " (group \($0))" } ?? "")",
                chineseTitle: "必需段缺失", expected: "\(finding.id) in \(structure)", found: "absent",
                modelPath: finding.id, location: location)
        case .outOfOrder:
            return ValidationIssue(
                code: segmentOutOfOrder, level: .structure, severity: .error,
                message: "segment \(finding.id) is not allowed at this position of \(structure)",
                chineseTitle: "段顺序错误", expected: "the segment order of \(structure)", found: "\(finding.id) here",
                modelPath: location.path ?? finding.id, location: location)
        case .repeated:
            return ValidationIssue(
                code: segmentRepeated, level: .structure, severity: .error,
                message: "segment \(finding.id) may appear only once here in \(structure)",
                chineseTitle: "段重复次数超限", expected: "at most one \(finding.id)", found: "another \(finding.id)",
                modelPath: location.path ?? finding.id, location: location)
        case .undefined:
            return ValidationIssue(
                code: unknownSegment, level: .structure, severity: .warning,
                message: "segment \(finding.id) is not defined in \(structure); it is kept but not interpreted",
                chineseTitle: "未定义的段", expected: "a segment of \(structure)", found: finding.id,
                modelPath: location.path ?? finding.id, location: location)
        case .zSegment:
            return ValidationIssue(
                code: zSegment, level: .structure, severity: .information,
                message: "site-defined segment \(finding.id) (Z-segment); kept as is",
                chineseTitle: "自定义Z段", found: finding.id, modelPath: location.path ?? finding.id,
                location: location)
        }
    }
}

/// Greedy matching of segment ids against a structure, with recovery: a missing required element is reported
/// and skipped; Z-segments and segments the structure does not define are consumed anywhere; a segment of the
/// structure that cannot be placed is reported (out of order, or repeated) and skipped.
struct StructureMatcher {
    struct Finding: Hashable {
        enum Kind: Hashable { case missing, outOfOrder, repeated, undefined, zSegment }
        var kind: Kind
        var id: String
        /// The segment index the finding is at (for a missing segment: the segment where it was expected).
        var segment: Int?
        var group: String? = nil
    }

    let ids: [String]
    var position = 0
    var findings: [Finding] = []
    private var known: Set<String> = []
    /// Segment ids matched by a non-repeating element (to tell a repetition from a misplaced segment).
    private var matchedOnce: Set<String> = []
    private var depth = 0

    init(ids: [String]) { self.ids = ids }

    /// Most findings kept for one message (hostile input with thousands of stray segments).
    static let maximumFindings = 500

    /// The sequences being matched around the current group and the index of the element entered in each.
    private var enclosing: [(nodes: [HL7v2StructureNode], index: Int)] = []

    /// `true` when `id` can start another repetition of an enclosing group or an element after it, so that a
    /// group that cannot place it must leave it to them.
    private func canContinueOutside(_ id: String) -> Bool {
        for (nodes, index) in enclosing.reversed() {
            let node = nodes[index]
            if node.isRepeating, node.firstIDs.contains(id) { return true }
            if index + 1 < nodes.count, HL7v2StructureNode.firstIDs(of: Array(nodes[(index + 1)...])).contains(id) {
                return true
            }
        }
        return false
    }

    /// How many required elements were found missing (counted past the findings limit too).
    private(set) var missingCount = 0

    mutating func add(_ finding: Finding) {
        if finding.kind == .missing { missingCount += 1 }
        if findings.count < Self.maximumFindings { findings.append(finding) }
    }

    mutating func run(_ nodes: [HL7v2StructureNode]) {
        known = nodes.reduce(into: Set<String>()) { $0.formUnion($1.segmentIDs) }
        var resumeAt = 0
        var reportMissing = true
        while true {
            let last = sequence(nodes, from: resumeAt, reportMissing: reportMissing, group: nil)
            skipExtras()
            guard position < ids.count else { break }
            // Nothing can take this segment where the matcher stands: report it and go on after it.
            let id = ids[position]
            add(Finding(kind: matchedOnce.contains(id) ? .repeated : .outOfOrder, id: id, segment: position))
            position += 1
            resumeAt = last
            reportMissing = false
        }
    }

    /// Matches `nodes[start...]`; returns the index of the last node that matched something (or `start`).
    @discardableResult
    mutating func sequence(
        _ nodes: [HL7v2StructureNode], from start: Int, reportMissing: Bool, group: String?,
        owner: HL7v2StructureNode? = nil
    ) -> Int {
        var lastMatched = start
        guard depth < 32 else { return start }
        depth += 1
        defer { depth -= 1 }
        var index = start
        var reportMissing = reportMissing
        var matchedAny = false
        while true {
            index = elements(
                nodes, from: index, reportMissing: reportMissing, group: group, lastMatched: &lastMatched,
                matchedAny: &matchedAny)
            // Local recovery inside a started group: a segment of this group that cannot be placed here (and does
            // not start another repetition of it) is reported and skipped, and matching resumes after the last
            // element matched, so that one misplaced segment does not make the rest of the group out of order.
            guard let owner, matchedAny, position < ids.count else { break }
            let id = ids[position]
            guard owner.segmentIDs.contains(id), !canContinueOutside(id) else { break }
            add(Finding(kind: matchedOnce.contains(id) ? .repeated : .outOfOrder, id: id, segment: position))
            position += 1
            index = nodes[lastMatched].isRepeating ? lastMatched : lastMatched + 1
            reportMissing = false
        }
        return lastMatched
    }

    /// Matches `nodes[start...]` once through; returns the end index (`nodes.count`).
    private mutating func elements(
        _ nodes: [HL7v2StructureNode], from start: Int, reportMissing: Bool, group: String?, lastMatched: inout Int,
        matchedAny: inout Bool
    ) -> Int {
        var index = start
        while index < nodes.count {
            let node = nodes[index]
            var count = 0
            while true {
                skipExtras()
                guard position < ids.count else { break }
                let id = ids[position]
                let starts = node.firstIDs.contains(id)
                // A required element not yet seen may be entered on any of its segments, so that its missing
                // head is reported rather than everything after it.
                let recovers =
                    !starts && count == 0 && !node.isNullable && reportMissing && node.segmentIDs.contains(id)
                    && !node.isSegment
                guard starts || recovers else { break }
                // An optional (or further) repetition of a group is entered only when it completes: otherwise
                // the segment belongs to an element after it (an ORC starting the next ORDER rather than a
                // PRIOR_RESULT inside this one).
                if !node.isSegment, count > 0 || node.isNullable {
                    var trial = self
                    let missingBefore = trial.missingCount
                    trial.enclosing.append((nodes, index))
                    trial.once(node, reportMissing: true, group: group)
                    if trial.missingCount > missingBefore { break }
                }
                let before = position
                if !node.isSegment { enclosing.append((nodes, index)) }
                once(node, reportMissing: reportMissing, group: group)
                if !node.isSegment { enclosing.removeLast() }
                guard position > before else { break }
                count += 1
                lastMatched = index
                matchedAny = true
                if !node.isRepeating {
                    if case .segment(let id) = node.kind { matchedOnce.insert(id) }
                    break
                }
            }
            if count == 0, !node.isNullable, reportMissing, let id = node.firstRequiredID {
                add(
                    Finding(
                        kind: .missing, id: id, segment: position < ids.count ? position : nil,
                        group: node.groupName ?? group))
            }
            index += 1
        }
        return index
    }

    mutating func once(_ node: HL7v2StructureNode, reportMissing: Bool, group: String?) {
        switch node.kind {
        case .segment:
            position += 1
        case .group(let name, let children):
            sequence(children, from: 0, reportMissing: reportMissing, group: name.isEmpty ? group : name, owner: node)
        case .choice(let alternatives):
            guard position < ids.count else { return }
            let id = ids[position]
            if let alternative = alternatives.first(where: { HL7v2StructureNode.firstIDs(of: $0).contains(id) }) {
                sequence(alternative, from: 0, reportMissing: reportMissing, group: group)
            }
        }
    }

    /// Consumes Z-segments and segments the structure does not define (reported once each).
    mutating func skipExtras() {
        while position < ids.count {
            let id = ids[position]
            if id.hasPrefix("Z") {
                add(Finding(kind: .zSegment, id: id, segment: position))
            } else if !known.contains(id) {
                add(Finding(kind: .undefined, id: id, segment: position))
            } else {
                return
            }
            position += 1
        }
    }
}

extension HL7v2StructureNode {
    var isSegment: Bool {
        if case .segment = kind { return true }
        return false
    }

    var groupName: String? {
        if case .group(let name, _) = kind, !name.isEmpty { return name }
        return nil
    }
}
