public import HICDA
import HIXML

/// The transmission-wrapper values of a message to build: message id, creation time, interaction,
/// processing codes and the sending and receiving systems.
///
/// ```swift
/// let header = V3Header(
///     messageID: "MSG-20240315-0001", creationTime: "20240315083000",
///     interaction: .patientRegistration, sender: "HIS", receiver: "EMPI")
/// let message = V3Message(header: header)
/// print(message.interactionId?.extension ?? "")  // PRPA_IN201311UV02
/// ```
public struct V3Header: Sendable, Equatable {
    /// The message id (root `2.16.156.10011.0`).
    public var messageID: II
    /// `creationTime/@value` (`YYYYMMDDHHMMSS`); empty writes `creationTime nullFlavor="UNK"`.
    public var creationTime: String
    /// The interaction.
    public var interaction: V3Interaction
    /// The root element name; the interaction id by default.
    public var rootName: String
    /// `interactionId/@extension` when it differs from the interaction (a vendor service code); `nil`
    /// writes the interaction id.
    public var interactionIdExtension: String?
    /// `processingCode/@code` (`P`).
    public var processingCode = "P"
    /// `processingModeCode/@code` (`T`).
    public var processingModeCode = "T"
    /// `acceptAckCode/@code` (`AL`).
    public var acceptAckCode = "AL"
    /// The sending system's device id.
    public var sender: II
    /// The receiving system's device id.
    public var receiver: II

    /// Creates a header from its parts.
    public init(messageID: II, creationTime: String, interaction: V3Interaction, sender: II, receiver: II) {
        self.messageID = messageID
        self.creationTime = creationTime
        self.interaction = interaction
        self.rootName = interaction.rawValue
        self.sender = sender
        self.receiver = receiver
    }

    /// Creates a header with the national roots: message id under `2.16.156.10011.0`, the sender under
    /// `2.16.156.10011.0.1.2` and the receiver under `2.16.156.10011.0.1.1` (as the platforms' samples do).
    public init(messageID: String, creationTime: String, interaction: V3Interaction, sender: String, receiver: String) {
        self.init(
            messageID: II(root: V3Identifiers.message, extension: messageID), creationTime: creationTime,
            interaction: interaction, sender: II(root: V3Identifiers.devicePrefix + "2", extension: sender),
            receiver: II(root: V3Identifiers.devicePrefix + "1", extension: receiver))
    }

    /// The schema order of the transmission wrapper (MCCI_MT000100UV01) and the control act.
    public static let wrapperOrder = [
        "realmCode", "typeId", "templateId", "id", "creationTime", "securityText", "versionCode", "interactionId",
        "profileId", "processingCode", "processingModeCode", "acceptAckCode", "sequenceNumber", "attachmentText",
        "receiver", "respondTo", "sender", "attentionLine", "acknowledgement", "controlActProcess",
    ]

    static func device(_ role: String, _ id: II) -> XMLElement {
        var idElement = V3XML.element("id")
        id.write(into: &idElement)
        let device = V3XML.element("device", ["classCode": "DEV", "determinerCode": "INSTANCE"], [idElement])
        return V3XML.element(role, ["typeCode": role == "sender" ? "SND" : "RCV"], [device])
    }

    func wrapperElements() -> [XMLElement] {
        var idElement = V3XML.element("id")
        messageID.write(into: &idElement)
        return [
            idElement,
            creationTime.isEmpty
                ? V3XML.element("creationTime", ["nullFlavor": "UNK"])
                : V3XML.element("creationTime", ["value": creationTime]),
            V3XML.element(
                "interactionId",
                ["root": V3Identifiers.interaction, "extension": interactionIdExtension ?? interaction.rawValue]),
            V3XML.element("processingCode", ["code": processingCode]),
            V3XML.element("processingModeCode", ["code": processingModeCode]),
            V3XML.element("acceptAckCode", ["code": acceptAckCode]),
            Self.device("receiver", receiver),
            Self.device("sender", sender),
        ]
    }

    /// A control act `controlActProcess classCode="CACT" moodCode="EVN"` around `subjects`.
    static func controlAct(_ subjects: [XMLElement], triggerEvent: String? = nil) -> XMLElement {
        var children: [XMLElement] = []
        if let triggerEvent {
            children.append(V3XML.element("code", ["code": triggerEvent, "codeSystem": "2.16.840.1.113883.1.18"]))
        }
        children += subjects.map { V3XML.element("subject", ["typeCode": "SUBJ"], [$0]) }
        return V3XML.element("controlActProcess", ["classCode": "CACT", "moodCode": "EVN"], children)
    }
}
