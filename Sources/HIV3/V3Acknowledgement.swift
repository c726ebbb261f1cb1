public import HICDA
import HICore
public import HIXML

/// An application acknowledgement MCCI_IN000002UV01: the code (AA/AE/AR), the acknowledged message id
/// (`acknowledgement/targetMessage/id`) and the detail texts.
///
/// ```swift
/// let received = try V3Message(parsing: bytes)
/// let reply = V3Acknowledgement.responding(to: received)
/// let ack = try V3Acknowledgement(reading: reply)
/// print(ack.code, ack.targetMessageID?.extension ?? "")  // AA <received id>
/// ```
public struct V3Acknowledgement: Sendable, Equatable {
    /// The acknowledgement type code (HL7 AcknowledgementType).
    ///
    /// ```swift
    /// let code = V3Acknowledgement.Code(rawValue: "AE")
    /// print(code == .applicationError)  // true
    /// ```
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = V3Text.trimmed(rawValue) }
        /// AA: application accept.
        public static let accept = Code(rawValue: "AA")
        /// AE: application error.
        public static let applicationError = Code(rawValue: "AE")
        /// AR: application reject.
        public static let reject = Code(rawValue: "AR")
        public var description: String { rawValue }
    }

    /// AA, AE or AR (empty when a skeleton leaves it empty).
    public var code: Code
    /// The id of the acknowledged message.
    public var targetMessageID: II?
    /// `acknowledgementDetail/text` values, in order.
    public var details: [String]

    /// Creates an acknowledgement.
    public init(code: Code, targetMessageID: II?, details: [String] = []) {
        self.code = code
        self.targetMessageID = targetMessageID
        self.details = details
    }

    /// Reads the `acknowledgement` element of a message (MCCI_IN000002UV01 or a response interaction).
    ///
    /// - Throws: ``V3Error/Code/missingElement`` when the message has no `acknowledgement`.
    public init(reading message: V3Message) throws(V3Error) {
        guard let element = message.acknowledgementElement else {
            throw V3Error(
                .missingElement, "the message has no 'acknowledgement' element",
                at: SourceLocation(path: "/" + message.element.qualifiedName, line: message.element.line))
        }
        code = Code(rawValue: element.attribute("typeCode") ?? "")
        targetMessageID = element.descendant("targetMessage", "id").map(II.init(element:))
        details = element.children("acknowledgementDetail").compactMap { $0.firstChild("text")?.textContent }
    }

    /// The `acknowledgement` element.
    public var element: XMLElement {
        var idElement = V3XML.element("id")
        (targetMessageID ?? II.noInformation).write(into: &idElement)
        var children = [V3XML.element("targetMessage", [:], [idElement])]
        for detail in details {
            children.append(
                V3XML.element(
                    "acknowledgementDetail", ["typeCode": code == .accept ? "I" : "E"],
                    [V3XML.element("text", text: detail)]))
        }
        return V3XML.element("acknowledgement", ["typeCode": code.rawValue], children)
    }

    /// The MCCI_IN000002UV01 message carrying this acknowledgement under `header`.
    public func message(header: V3Header) -> V3Message {
        var header = header
        header.interaction = .acknowledgement
        header.rootName = V3Interaction.acknowledgement.rawValue
        return V3Message(header: header, acknowledgement: element)
    }

    /// The acknowledgement a platform returns for `received`: AA when it read cleanly, AE when reading
    /// found errors (strict mode) or the message has no id; message id and time come from `options`, or
    /// are derived from the received message (`ACK-<id>`, its creation time), so the result is
    /// deterministic. Sender and receiver are swapped.
    ///
    /// ```swift
    /// var options = V3AcknowledgementOptions()
    /// options.creationTime = "20240315083005"
    /// let reply = V3Acknowledgement.responding(to: received, options: options)
    /// ```
    public static func responding(
        to received: V3Message, options: V3AcknowledgementOptions = V3AcknowledgementOptions()
    ) -> V3Message {
        let target = received.id
        let targetExtension = V3Text.value(target?.extension)
        var details: [String] = []
        var code = Code.accept
        if targetExtension == nil {
            code = .applicationError
            details.append("the message id (id/@extension) is missing or empty")
        }
        for issue in received.issues where issue.severity >= .error {
            code = .applicationError
            details.append("\(issue.code) \(issue.message) at \(issue.location.path ?? "")")
        }
        if let override = options.code { code = override }
        if let detail = options.detail { details = [detail] }
        if details.isEmpty { details = [code == .accept ? "success" : "error"] }
        var cleanTarget = target ?? II.noInformation
        cleanTarget.root = V3Text.value(cleanTarget.root) ?? cleanTarget.root
        cleanTarget.extension = targetExtension ?? cleanTarget.extension
        let acknowledgement = V3Acknowledgement(code: code, targetMessageID: cleanTarget, details: details)
        return acknowledgement.message(
            header: header(for: received.header, derivedFrom: targetExtension, options: options))
    }

    /// The AR acknowledgement for input that could not be read as a V3 message (no message id to
    /// reference: `targetMessage/id` is `nullFlavor="NI"`). `error` gives the detail text (no values).
    public static func rejecting(_ error: V3Error, options: V3AcknowledgementOptions = V3AcknowledgementOptions())
        -> V3Message
    {
        let acknowledgement = V3Acknowledgement(
            code: options.code ?? .reject, targetMessageID: nil,
            details: [options.detail ?? "\(error.issueCode) \(error.reason)"])
        let empty = V3Header(
            messageID: "", creationTime: "", interaction: .acknowledgement, sender: "", receiver: "")
        return acknowledgement.message(header: header(for: empty, derivedFrom: nil, options: options))
    }

    private static func header(for received: V3Header, derivedFrom target: String?, options: V3AcknowledgementOptions)
        -> V3Header
    {
        let messageID = options.messageID ?? ("ACK-" + (target ?? "UNKNOWN"))
        let time = options.creationTime ?? V3Text.value(received.creationTime) ?? "19700101000000"
        var header = V3Header(
            messageID: II(root: V3Identifiers.message, extension: messageID), creationTime: time,
            interaction: .acknowledgement,
            sender: options.sender ?? cleaned(received.receiver, fallback: V3Identifiers.devicePrefix + "1"),
            receiver: options.receiver ?? cleaned(received.sender, fallback: V3Identifiers.devicePrefix + "2"))
        header.processingCode = V3Text.value(received.processingCode) ?? "P"
        header.processingModeCode = V3Text.value(received.processingModeCode) ?? "T"
        header.acceptAckCode = "NE"
        return header
    }

    private static func cleaned(_ id: II, fallback root: String) -> II {
        II(root: V3Text.value(id.root) ?? root, extension: V3Text.value(id.extension) ?? "")
    }
}

/// Choices for ``V3Acknowledgement/responding(to:options:)``: fixed message id and time (for
/// deterministic output), an override of the code and detail, and the sender/receiver devices.
///
/// ```swift
/// var options = V3AcknowledgementOptions()
/// options.messageID = "ACK0001"
/// options.creationTime = "20240315083005"
/// ```
public struct V3AcknowledgementOptions: Sendable {
    /// The acknowledgement's own message id; `ACK-<received id>` when `nil`.
    public var messageID: String?
    /// The creation time; the received message's creation time when `nil`.
    public var creationTime: String?
    /// A code that replaces the computed one.
    public var code: V3Acknowledgement.Code?
    /// A detail text that replaces the computed ones.
    public var detail: String?
    /// The sending device (this platform); the received message's receiver when `nil`.
    public var sender: II?
    /// The receiving device; the received message's sender when `nil`.
    public var receiver: II?

    /// Everything derived from the received message.
    public init() {}
}
