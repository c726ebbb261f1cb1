import HICore
public import HIHL7v2
public import HIValidation

extension ValidationReport {
    /// The MSA-1 code for a validated message: `AA` when shareable, `AR` when an issue is fatal (the message
    /// could not be read) or its type is not supported (`HI-VAL-0002`, `HI-VAL-0004`), `AE` otherwise.
    ///
    /// ```swift
    /// print(report.acknowledgementCode)   // AE
    /// ```
    public var acknowledgementCode: HL7v2AcknowledgementCode {
        if issues.contains(where: { $0.severity == .fatal || $0.code == "HI-VAL-0002" || $0.code == "HI-VAL-0004" }) {
            return .applicationReject
        }
        return isShareable ? .applicationAccept : .applicationError
    }

    /// The ERR-3 condition (HL7 table 0357) of an issue by its level: structure → `100` segment sequence error
    /// for segment order and missing segments, `101` required field missing for required elements, `200`
    /// unsupported message type for a record no profile applies to; syntax and data type → `102`; value
    /// domain → `103`; business rules → `207`.
    public static func errorCondition(for issue: ValidationIssue) -> HL7v2ErrorCondition {
        switch issue.level {
        case .syntax, .dataType: return .dataTypeError
        case .valueDomain: return .tableValueNotFound
        case .businessRule: return .applicationInternalError
        case .structure:
            switch issue.code {
            case "HI-VAL-0002", "HI-VAL-0004", HL7v2StructureValidator.unknownStructure:
                return .unsupportedMessageType
            case HL7v2StructureValidator.segmentOutOfOrder, HL7v2StructureValidator.segmentRepeated,
                HL7v2StructureValidator.missingSegment, HL7v2StructureValidator.unknownSegment,
                HL7v2StructureValidator.zSegment:
                return .segmentSequenceError
            default: return .requiredFieldMissing
            }
        }
    }

    /// The HL7 v2 application acknowledgement (ACK) of `message` for this report: MSA-1 ``acknowledgementCode``,
    /// MSA-2 the message's control id, and one ERR segment per issue: ERR-2 the location when the issue has an
    /// HL7 v2 path (`PID[1]-8`, `OBX[3]-5`, a segment id for a missing segment), ERR-3 the condition
    /// (``errorCondition(for:)``), ERR-4 the severity (`E`/`W`/`I`), ERR-5 the rule code, ERR-7 the location as
    /// text, ERR-8 what to fix (no personal data). Written in the message's delimiters and charset; versions
    /// before 2.5 get the ERR-1 layout.
    ///
    /// ```swift
    /// let message = try HL7v2Message(parsing: bytes)
    /// let report = try RecordValidation().validate(bytes, as: .hl7v2)[0]
    /// let ack = report.acknowledgement(for: message, controlID: "ACK0001")
    /// let read = try HL7v2Message(parsing: ack)
    /// print(read.value(at: "MSA-1") ?? "", read.value(at: "ERR-3.1") ?? "")   // AE 101
    /// ```
    /// - Parameters:
    ///   - message: the received message.
    ///   - controlID: MSH-10 of the acknowledgement.
    ///   - timestamp: MSH-7; `nil` for now.
    ///   - maximumErrorSegments: at most this many ERR segments (errors first).
    /// - Returns: the acknowledgement's ER7 bytes (segments end in CR).
    public func acknowledgement(
        for message: HL7v2Message, controlID: String, timestamp: String? = nil, maximumErrorSegments: Int = 100
    ) -> [UInt8] {
        acknowledgement(
            forMessageBytes: message.serializedBytes(), controlID: controlID, timestamp: timestamp,
            maximumErrorSegments: maximumErrorSegments)
    }

    /// ``acknowledgement(for:controlID:timestamp:maximumErrorSegments:)`` for the raw bytes of a received
    /// message, also when they do not parse (the MSH is read leniently; a minimal v2.5 header otherwise).
    public func acknowledgement(
        forMessageBytes bytes: [UInt8], controlID: String, timestamp: String? = nil, maximumErrorSegments: Int = 100
    ) -> [UInt8] {
        // Errors first, so that the cut at `maximumErrorSegments` keeps what must be fixed.
        let ordered = issues.enumerated().sorted { ($1.element.severity, $0.offset) < ($0.element.severity, $1.offset) }
            .map(\.element)
        var conditions: [IssueCode: HL7v2ErrorCondition] = [:]
        for issue in ordered where conditions[issue.code] == nil {
            conditions[issue.code] = Self.errorCondition(for: issue)
        }
        let table = conditions
        var options = HL7v2AcknowledgementOptions()
        options.maximumErrorSegments = maximumErrorSegments
        options.errorCondition = { table[$0.code] ?? HL7v2ErrorCondition.default(for: $0) }
        let converted = ordered.map { issue in
            var location = issue.location
            location.path = Self.hl7v2Path(issue)
            return Issue(issue.severity, code: issue.code, issue.fullMessage, at: location)
        }
        let built = HL7v2Acknowledgement.build(
            rejecting: bytes, code: acknowledgementCode, issues: converted, controlID: controlID,
            timestamp: timestamp, options: options)
        return built.bytes
    }

    /// The HL7 v2 path of an issue for ERR-2: its location path or model path when that is one (`PID-8`,
    /// `OBX[3]-5`, `EVN`), else `nil`.
    static func hl7v2Path(_ issue: ValidationIssue) -> String? {
        for candidate in [issue.location.path, issue.modelPath] {
            guard let candidate, candidate.utf8.count >= 3 else { continue }
            let head = Array(candidate.utf8.prefix(4))
            let isID = head.prefix(3).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
            let next = head.count > 3 ? head[3] : nil
            if isID, next == nil || next == 0x2D || next == 0x5B || next == 0x28 {
                return String(candidate.map { $0 == "(" ? "[" : $0 == ")" ? "]" : $0 })
            }
        }
        return nil
    }
}
