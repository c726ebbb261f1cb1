/// The HL7 v2 abstract message structures the library reads, per version, as data: one line of the
/// notation of the standard's chapters (segments, `[ ]` optional, `{ }` repeating, `<A | B>` a choice,
/// `NAME:` after an opening bracket names a group) for each structure and the first version it applies to.
///
/// A version not listed uses the nearest earlier one (2.5.1 → 2.5). Sources: HL7 v2.3.1, 2.4, 2.5, 2.5.1, 2.6,
/// 2.7 and 2.8 chapters 2 (ACK), 3 (ADT), 4 (ORM, OML), 7 (ORU), 10 (SIU) and 11 (REF, RRI).
///
/// ```swift
/// let table = HL7v2StructureTable.standard
/// print(table.structureID(messageCode: "ADT", event: "A04", declared: nil))   // ADT_A01
/// print(table.definition("ADT_A01", version: "2.5.1")?.version ?? "-")          // 2.5
/// ```
public struct HL7v2StructureTable: Sendable {
    /// One structure definition in one version.
    ///
    /// ```swift
    /// let ack = HL7v2StructureTable.Entry(structure: "ACK", version: "2.5", notation: "MSH [{SFT}] MSA [{ERR}]")
    /// ```
    public struct Entry: Sendable, Hashable {
        /// The structure id (MSH-9.3), e.g. `ORU_R01`.
        public var structure: String
        /// The first version this definition applies to (`2.3.1`, `2.4`, `2.5`, `2.5.1`, `2.6`, `2.7`, `2.8`).
        public var version: String
        /// The definition in the chapters' notation.
        public var notation: String

        /// Creates an entry.
        public init(structure: String, version: String, notation: String) {
            self.structure = structure
            self.version = version
            self.notation = notation
        }
    }

    /// The entries, any order.
    public var entries: [Entry]
    /// Message code and trigger event (`ADT^A04`) → structure id, for messages whose MSH-9.3 is empty.
    public var structureByEvent: [String: String]

    /// Creates a table.
    public init(entries: [Entry], structureByEvent: [String: String]) {
        self.entries = entries
        self.structureByEvent = structureByEvent
    }

    /// The structure id for a message: MSH-9.3 when given and known, else the event map.
    public func structureID(messageCode: String, event: String, declared: String?) -> String? {
        if let declared, !declared.isEmpty, entries.contains(where: { $0.structure == declared }) { return declared }
        if messageCode == "ACK" { return "ACK" }
        return structureByEvent[messageCode + "^" + event]
    }

    /// The definition of `structure` that applies to `version` (the latest entry whose version is not after it;
    /// the earliest entry when the version is older than all of them or unreadable).
    public func definition(_ structure: String, version: String) -> Entry? {
        let candidates = entries.filter { $0.structure == structure }
            .sorted { Self.versionKey($0.version) < Self.versionKey($1.version) }
        guard let first = candidates.first else { return nil }
        let key = Self.versionKey(version)
        guard key >= 0 else { return candidates.last }
        return candidates.last { Self.versionKey($0.version) <= key } ?? first
    }

    /// `2.5.1` → 2_05_01_00, comparable; -1 when unreadable.
    static func versionKey(_ version: String) -> Int {
        var parts: [Int] = []
        var current = 0
        var digits = 0
        for byte in version.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                guard digits < 2 else { return -1 }
                current = current * 10 + Int(byte - 0x30)
                digits += 1
            } else if byte == 0x2E, digits > 0 {
                parts.append(current)
                current = 0
                digits = 0
            } else {
                break
            }
        }
        if digits > 0 { parts.append(current) }
        guard parts.count >= 2, parts.count <= 4 else { return -1 }
        return parts.enumerated().reduce(0) { $0 + $1.element * [1_000_000, 10_000, 100, 1][$1.offset] }
    }

    /// The structures of the messages the library reads (ADT A01/A04/A08/A28/A31, ORU^R01, ORM^O01, OML^O21,
    /// REF^I12–I14, RRI^I12, SIU^S12–S15, ACK) in v2.3.1–2.8.
    public static let standard = HL7v2StructureTable(
        entries: [
            // Chapter 2: general acknowledgement.
            Entry(structure: "ACK", version: "2.3.1", notation: "MSH MSA [ERR]"),
            Entry(structure: "ACK", version: "2.5", notation: "MSH [{SFT}] MSA [{ERR}]"),
            Entry(structure: "ACK", version: "2.6", notation: "MSH [{SFT}] [UAC] MSA [{ERR}]"),
            // Chapter 3: ADT_A01 (A01, A04, A08, A13) and ADT_A05 (A05, A14, A28, A31).
            Entry(
                structure: "ADT_A01", version: "2.3.1",
                notation:
                    "MSH EVN PID [PD1] [{NK1}] PV1 [PV2] [{DB1}] [{OBX}] [{AL1}] [{DG1}] [DRG] "
                    + "[{PROCEDURE: PR1 [{ROL}]}] [{GT1}] [{INSURANCE: IN1 [IN2] [{IN3}]}] [ACC] [UB1] [UB2]"),
            Entry(
                structure: "ADT_A01", version: "2.4",
                notation:
                    "MSH EVN PID [PD1] [{ROL}] [{NK1}] PV1 [PV2] [{ROL}] [{DB1}] [{OBX}] [{AL1}] [{DG1}] [DRG] "
                    + "[{PROCEDURE: PR1 [{ROL}]}] [{GT1}] [{INSURANCE: IN1 [IN2] [{IN3}] [{ROL}]}] [ACC] [UB1] [UB2] "
                    + "[PDA]"),
            Entry(
                structure: "ADT_A01", version: "2.5",
                notation:
                    "MSH [{SFT}] EVN PID [PD1] [{ROL}] [{NK1}] PV1 [PV2] [{ROL}] [{DB1}] [{OBX}] [{AL1}] [{DG1}] "
                    + "[DRG] [{PROCEDURE: PR1 [{ROL}]}] [{GT1}] [{INSURANCE: IN1 [IN2] [{IN3}] [{ROL}]}] [ACC] [UB1] "
                    + "[UB2] [PDA]"),
            Entry(
                structure: "ADT_A01", version: "2.6",
                notation:
                    "MSH [{SFT}] [UAC] EVN PID [PD1] [{ROL}] [{NK1}] PV1 [PV2] [{ROL}] [{DB1}] [{OBX}] [{AL1}] "
                    + "[{DG1}] [DRG] [{PROCEDURE: PR1 [{ROL}]}] [{GT1}] [{INSURANCE: IN1 [IN2] [{IN3}] [{ROL}]}] [ACC] "
                    + "[UB1] [UB2] [PDA]"),
            Entry(
                structure: "ADT_A01", version: "2.7",
                notation:
                    "MSH [{SFT}] [UAC] EVN PID [PD1] [{ARV}] [{ROL}] [{NK1}] PV1 [PV2] [{ARV}] [{ROL}] [{DB1}] "
                    + "[{OBSERVATION: OBX [{PRT}]}] [{AL1}] [{DG1}] [DRG] [{PROCEDURE: PR1 [{ROL}]}] [{GT1}] "
                    + "[{INSURANCE: IN1 [IN2] [{IN3}] [{ROL}]}] [ACC] [UB1] [UB2] [PDA]"),
            Entry(
                structure: "ADT_A05", version: "2.3.1",
                notation:
                    "MSH EVN PID [PD1] [{NK1}] PV1 [PV2] [{DB1}] [{OBX}] [{AL1}] [{DG1}] [DRG] "
                    + "[{PROCEDURE: PR1 [{ROL}]}] [{GT1}] [{INSURANCE: IN1 [IN2] [{IN3}]}] [ACC] [UB1] [UB2]"),
            Entry(
                structure: "ADT_A05", version: "2.4",
                notation:
                    "MSH EVN PID [PD1] [{ROL}] [{NK1}] PV1 [PV2] [{ROL}] [{DB1}] [{OBX}] [{AL1}] [{DG1}] [DRG] "
                    + "[{PROCEDURE: PR1 [{ROL}]}] [{GT1}] [{INSURANCE: IN1 [IN2] [{IN3}] [{ROL}]}] [ACC] [UB1] [UB2]"),
            Entry(
                structure: "ADT_A05", version: "2.5",
                notation:
                    "MSH [{SFT}] EVN PID [PD1] [{ROL}] [{NK1}] PV1 [PV2] [{ROL}] [{DB1}] [{OBX}] [{AL1}] [{DG1}] "
                    + "[DRG] [{PROCEDURE: PR1 [{ROL}]}] [{GT1}] [{INSURANCE: IN1 [IN2] [{IN3}] [{ROL}]}] [ACC] [UB1] "
                    + "[UB2]"),
            Entry(
                structure: "ADT_A05", version: "2.6",
                notation:
                    "MSH [{SFT}] [UAC] EVN PID [PD1] [{ROL}] [{NK1}] PV1 [PV2] [{ROL}] [{DB1}] [{OBX}] [{AL1}] "
                    + "[{DG1}] [DRG] [{PROCEDURE: PR1 [{ROL}]}] [{GT1}] [{INSURANCE: IN1 [IN2] [{IN3}] [{ROL}]}] [ACC] "
                    + "[UB1] [UB2]"),
            Entry(
                structure: "ADT_A05", version: "2.7",
                notation:
                    "MSH [{SFT}] [UAC] EVN PID [PD1] [{ARV}] [{ROL}] [{NK1}] PV1 [PV2] [{ARV}] [{ROL}] [{DB1}] "
                    + "[{OBSERVATION: OBX [{PRT}]}] [{AL1}] [{DG1}] [DRG] [{PROCEDURE: PR1 [{ROL}]}] [{GT1}] "
                    + "[{INSURANCE: IN1 [IN2] [{IN3}] [{ROL}]}] [ACC] [UB1] [UB2]"),
            // Chapter 7: unsolicited observation.
            Entry(
                structure: "ORU_R01", version: "2.3.1",
                notation:
                    "MSH {PATIENT_RESULT: [PATIENT: PID [PD1] [{NK1}] [{NTE}] [VISIT: PV1 [PV2]]] "
                    + "{ORDER_OBSERVATION: [ORC] OBR [{NTE}] {OBSERVATION: [OBX] [{NTE}]} [{FT1}] [{CTI}]}} [DSC]"),
            Entry(
                structure: "ORU_R01", version: "2.4",
                notation:
                    "MSH {PATIENT_RESULT: [PATIENT: PID [PD1] [{NK1}] [{NTE}] [VISIT: PV1 [PV2]]] "
                    + "{ORDER_OBSERVATION: [ORC] OBR [{NTE}] [CTD] {OBSERVATION: [OBX] [{NTE}]} [{FT1}] [{CTI}]}} "
                    + "[DSC]"),
            Entry(
                structure: "ORU_R01", version: "2.5",
                notation:
                    "MSH [{SFT}] {PATIENT_RESULT: [PATIENT: PID [PD1] [{NTE}] [{NK1}] [VISIT: PV1 [PV2]]] "
                    + "{ORDER_OBSERVATION: [ORC] OBR [{NTE}] [{TIMING_QTY: TQ1 [{TQ2}]}] [CTD] "
                    + "[{OBSERVATION: OBX [{NTE}]}] [{FT1}] [{CTI}] [{SPECIMEN: SPM [{OBX}]}]}} [DSC]"),
            Entry(
                structure: "ORU_R01", version: "2.6",
                notation:
                    "MSH [{SFT}] [UAC] {PATIENT_RESULT: [PATIENT: PID [PD1] [{NTE}] [{NK1}] [VISIT: PV1 [PV2]]] "
                    + "{ORDER_OBSERVATION: [ORC] OBR [{NTE}] [{TIMING_QTY: TQ1 [{TQ2}]}] [CTD] "
                    + "[{OBSERVATION: OBX [{NTE}]}] [{FT1}] [{CTI}] [{SPECIMEN: SPM [{OBX}]}]}} [DSC]"),
            Entry(
                structure: "ORU_R01", version: "2.7",
                notation:
                    "MSH [{SFT}] [UAC] {PATIENT_RESULT: [PATIENT: PID [PD1] [{PRT}] [{NTE}] [{NK1}] "
                    + "[{PATIENT_OBSERVATION: OBX [{PRT}]}] [VISIT: PV1 [PV2] [{PRT}]]] "
                    + "{ORDER_OBSERVATION: [ORC] OBR [{NTE}] [{PRT}] [{TIMING_QTY: TQ1 [{TQ2}]}] [CTD] "
                    + "[{OBSERVATION: OBX [{PRT}] [{NTE}]}] [{FT1}] [{CTI}] [{SPECIMEN: SPM [{OBX}]}]}} [DSC]"),
            // v2.8 chapter 7.3.1: ARV in the PATIENT group; the ORC of an order becomes the COMMON_ORDER group
            // (ORC with its PRTs and an optional ORDER_DOCUMENT: OBX, PRTs, TXA); specimen OBXs take PRTs
            // (SPECIMEN_OBSERVATION). Cross-checked against HAPI's structures generated from the 2.7 and 2.8
            // databases (ADT_A01's top level is the same in both, so ADT keeps its 2.7 entry).
            Entry(
                structure: "ORU_R01", version: "2.8",
                notation:
                    "MSH [{SFT}] [UAC] {PATIENT_RESULT: [PATIENT: PID [PD1] [{PRT}] [{NTE}] [{NK1}] [{ARV}] "
                    + "[{PATIENT_OBSERVATION: OBX [{PRT}]}] [VISIT: PV1 [PV2] [{PRT}]]] "
                    + "{ORDER_OBSERVATION: [COMMON_ORDER: ORC [{PRT}] [ORDER_DOCUMENT: OBX [{PRT}] TXA]] OBR [{NTE}] "
                    + "[{PRT}] [{TIMING_QTY: TQ1 [{TQ2}]}] [CTD] [{OBSERVATION: OBX [{PRT}] [{NTE}]}] [{FT1}] [{CTI}] "
                    + "[{SPECIMEN: SPM [{SPECIMEN_OBSERVATION: OBX [{PRT}]}]}]}} [DSC]"),
            // Chapter 4: general order (ORM withdrawn after 2.6) and laboratory order.
            Entry(
                structure: "ORM_O01", version: "2.3.1",
                notation:
                    "MSH [{NTE}] [PATIENT: PID [PD1] [{NTE}] [PATIENT_VISIT: PV1 [PV2]] "
                    + "[{INSURANCE: IN1 [IN2] [IN3]}] [GT1] [{AL1}]] {ORDER: ORC "
                    + "[ORDER_DETAIL: <OBR | RQD | RQ1 | RXO | ODS | ODT> [{NTE}] [CTD] [{DG1}] "
                    + "[{OBSERVATION: OBX [{NTE}]}]] [{FT1}] [{CTI}] [BLG]}"),
            Entry(
                structure: "ORM_O01", version: "2.5",
                notation:
                    "MSH [{SFT}] [{NTE}] [PATIENT: PID [PD1] [{NTE}] [PATIENT_VISIT: PV1 [PV2]] "
                    + "[{INSURANCE: IN1 [IN2] [IN3]}] [GT1] [{AL1}]] {ORDER: ORC "
                    + "[ORDER_DETAIL: <OBR | RQD | RQ1 | RXO | ODS | ODT> [{NTE}] [CTD] [{DG1}] "
                    + "[{OBSERVATION: OBX [{NTE}]}]] [{FT1}] [{CTI}] [BLG]}"),
            Entry(
                structure: "OML_O21", version: "2.4",
                notation:
                    "MSH [{NTE}] [PATIENT: PID [PD1] [{NTE}] [PATIENT_VISIT: PV1 [PV2]] "
                    + "[{INSURANCE: IN1 [IN2] [IN3]}] [GT1] [{AL1}]] {ORDER_GENERAL: [{CONTAINER: SAC [{OBX}]}] "
                    + "{ORDER: ORC [OBSERVATION_REQUEST: OBR [{TCD}] [{NTE}] [{DG1}] "
                    + "[{OBSERVATION: OBX [TCD] [{NTE}]}] [{PRIOR_RESULT: [PID [PD1]] [PV1 [PV2]] [{AL1}] "
                    + "{ORC OBR [{NTE}] [CTD] {OBX [{NTE}]}}}]] [{FT1}] [{CTI}] [BLG]}}"),
            Entry(
                structure: "OML_O21", version: "2.5",
                notation:
                    "MSH [{SFT}] [{NTE}] [PATIENT: PID [PD1] [{NTE}] [{NK1}] [PATIENT_VISIT: PV1 [PV2]] "
                    + "[{INSURANCE: IN1 [IN2] [IN3]}] [GT1] [{AL1}]] {ORDER: ORC [{TIMING: TQ1 [{TQ2}]}] "
                    + "[OBSERVATION_REQUEST: OBR [{TCD}] [{NTE}] [CTD] [{DG1}] [{OBSERVATION: OBX [TCD] [{NTE}]}] "
                    + "[{SPECIMEN: SPM [{OBX}] [{CONTAINER: SAC [{OBX}]}]}] [{PRIOR_RESULT: [PID [PD1]] "
                    + "[PV1 [PV2]] [{AL1}] {ORC OBR [{NTE}] [{TQ1 [{TQ2}]}] [CTD] {OBX [{NTE}]}}}]] [{FT1}] [{CTI}] "
                    + "[BLG]}"),
            Entry(
                structure: "OML_O21", version: "2.6",
                notation:
                    "MSH [{SFT}] [UAC] [{NTE}] [PATIENT: PID [PD1] [{NTE}] [{NK1}] [PATIENT_VISIT: PV1 [PV2]] "
                    + "[{INSURANCE: IN1 [IN2] [IN3]}] [GT1] [{AL1}]] {ORDER: ORC [{TIMING: TQ1 [{TQ2}]}] "
                    + "[OBSERVATION_REQUEST: OBR [{TCD}] [{NTE}] [CTD] [{DG1}] [{OBSERVATION: OBX [TCD] [{NTE}]}] "
                    + "[{SPECIMEN: SPM [{OBX}] [{CONTAINER: SAC [{OBX}]}]}] [{PRIOR_RESULT: [PID [PD1]] "
                    + "[PV1 [PV2]] [{AL1}] {ORC OBR [{NTE}] [{TQ1 [{TQ2}]}] [CTD] {OBX [{NTE}]}}}]] [{FT1}] [{CTI}] "
                    + "[BLG]}"),
            Entry(
                structure: "OML_O21", version: "2.7",
                notation:
                    "MSH [{SFT}] [UAC] [{NTE}] [PATIENT: PID [PD1] [{PRT}] [{NTE}] [{NK1}] [{ARV}] "
                    + "[PATIENT_VISIT: PV1 [PV2] [{PRT}]] [{INSURANCE: IN1 [IN2] [IN3]}] [GT1] [{AL1}]] "
                    + "{ORDER: ORC [{PRT}] [{TIMING: TQ1 [{TQ2}]}] [OBSERVATION_REQUEST: OBR [{PRT}] [{TCD}] "
                    + "[{NTE}] [CTD] [{DG1}] [{OBSERVATION: OBX [{PRT}] [TCD] [{NTE}]}] "
                    + "[{SPECIMEN: SPM [{OBX}] [{CONTAINER: SAC [{OBX}]}]}] [{PRIOR_RESULT: [PID [PD1]] "
                    + "[PV1 [PV2]] [{AL1}] {ORC OBR [{NTE}] [{TQ1 [{TQ2}]}] [CTD] {OBX [{NTE}]}}}]] [{FT1}] [{CTI}] "
                    + "[BLG]}"),
            // Chapter 11: patient referral (REF_I12 for I12–I15) and its response.
            Entry(
                structure: "REF_I12", version: "2.3.1",
                notation:
                    "MSH [RF1] [AUTHORIZATION_CONTACT: AUT [CTD]] {PROVIDER_CONTACT: PRD [{CTD}]} PID [{NK1}] "
                    + "[{GT1}] [{INSURANCE: IN1 [IN2] [IN3]}] [ACC] [{DG1}] [{DRG}] [{AL1}] "
                    + "[{PROCEDURE: PR1 [AUTHORIZATION_CONTACT: AUT [CTD]]}] "
                    + "[{OBSERVATION: OBR [{NTE}] [{RESULTS_NOTES: OBX [{NTE}]}]}] [PATIENT_VISIT: PV1 [PV2]] [{NTE}]"),
            Entry(
                structure: "REF_I12", version: "2.5",
                notation:
                    "MSH [{SFT}] [RF1] [AUTHORIZATION_CONTACT: AUT [CTD]] {PROVIDER_CONTACT: PRD [{CTD}]} PID "
                    + "[{NK1}] [{GT1}] [{INSURANCE: IN1 [IN2] [IN3]}] [ACC] [{DG1}] [{DRG}] [{AL1}] "
                    + "[{PROCEDURE: PR1 [AUTHORIZATION_CONTACT: AUT [CTD]]}] "
                    + "[{OBSERVATION: OBR [{NTE}] [{RESULTS_NOTES: OBX [{NTE}]}]}] [PATIENT_VISIT: PV1 [PV2]] [{NTE}]"),
            Entry(
                structure: "REF_I12", version: "2.6",
                notation:
                    "MSH [{SFT}] [UAC] [RF1] [AUTHORIZATION_CONTACT: AUT [CTD]] {PROVIDER_CONTACT: PRD [{CTD}]} PID "
                    + "[{NK1}] [{GT1}] [{INSURANCE: IN1 [IN2] [IN3]}] [ACC] [{DG1}] [{DRG}] [{AL1}] "
                    + "[{PROCEDURE: PR1 [AUTHORIZATION_CONTACT: AUT [CTD]]}] "
                    + "[{OBSERVATION: OBR [{NTE}] [{RESULTS_NOTES: OBX [{NTE}]}]}] [PATIENT_VISIT: PV1 [PV2]] [{NTE}]"),
            Entry(
                structure: "RRI_I12", version: "2.3.1",
                notation:
                    "MSH [MSA] [RF1] [AUTHORIZATION_CONTACT: AUT [CTD]] {PROVIDER_CONTACT: PRD [{CTD}]} PID [ACC] "
                    + "[{DG1}] [{DRG}] [{AL1}] [{PROCEDURE: PR1 [AUTHORIZATION_CONTACT: AUT [CTD]]}] "
                    + "[{OBSERVATION: OBR [{NTE}] [{RESULTS_NOTES: OBX [{NTE}]}]}] [PATIENT_VISIT: PV1 [PV2]] [{NTE}]"),
            Entry(
                structure: "RRI_I12", version: "2.5",
                notation:
                    "MSH [{SFT}] [MSA] [RF1] [AUTHORIZATION_CONTACT: AUT [CTD]] {PROVIDER_CONTACT: PRD [{CTD}]} PID "
                    + "[ACC] [{DG1}] [{DRG}] [{AL1}] [{PROCEDURE: PR1 [AUTHORIZATION_CONTACT: AUT [CTD]]}] "
                    + "[{OBSERVATION: OBR [{NTE}] [{RESULTS_NOTES: OBX [{NTE}]}]}] [PATIENT_VISIT: PV1 [PV2]] [{NTE}]"),
            Entry(
                structure: "RRI_I12", version: "2.6",
                notation:
                    "MSH [{SFT}] [UAC] [MSA] [RF1] [AUTHORIZATION_CONTACT: AUT [CTD]] {PROVIDER_CONTACT: PRD [{CTD}]} "
                    + "PID [ACC] [{DG1}] [{DRG}] [{AL1}] [{PROCEDURE: PR1 [AUTHORIZATION_CONTACT: AUT [CTD]]}] "
                    + "[{OBSERVATION: OBR [{NTE}] [{RESULTS_NOTES: OBX [{NTE}]}]}] [PATIENT_VISIT: PV1 [PV2]] [{NTE}]"),
            // Chapter 10: scheduling (SIU_S12 for S12–S26).
            Entry(
                structure: "SIU_S12", version: "2.3.1",
                notation:
                    "MSH SCH [{NTE}] [{PATIENT: PID [PD1] [PV1] [PV2] [{OBX}] [{DG1}]}] {RESOURCES: RGS "
                    + "[{SERVICE: AIS [{NTE}]}] [{GENERAL_RESOURCE: AIG [{NTE}]}] [{LOCATION_RESOURCE: AIL [{NTE}]}] "
                    + "[{PERSONNEL_RESOURCE: AIP [{NTE}]}]}"),
            Entry(
                structure: "SIU_S12", version: "2.5",
                notation:
                    "MSH [{SFT}] SCH [{TQ1}] [{NTE}] [{PATIENT: PID [PD1] [PV1] [PV2] [{OBX}] [{DG1}]}] "
                    + "{RESOURCES: RGS [{SERVICE: AIS [{NTE}]}] [{GENERAL_RESOURCE: AIG [{NTE}]}] "
                    + "[{LOCATION_RESOURCE: AIL [{NTE}]}] [{PERSONNEL_RESOURCE: AIP [{NTE}]}]}"),
            Entry(
                structure: "SIU_S12", version: "2.6",
                notation:
                    "MSH [{SFT}] [UAC] SCH [{TQ1}] [{NTE}] [{PATIENT: PID [PD1] [PV1] [PV2] [{OBX}] [{DG1}]}] "
                    + "{RESOURCES: RGS [{SERVICE: AIS [{NTE}]}] [{GENERAL_RESOURCE: AIG [{NTE}]}] "
                    + "[{LOCATION_RESOURCE: AIL [{NTE}]}] [{PERSONNEL_RESOURCE: AIP [{NTE}]}]}"),
            Entry(
                structure: "SIU_S12", version: "2.7",
                notation:
                    "MSH [{SFT}] [UAC] SCH [{TQ1}] [{NTE}] [{PATIENT: PID [PD1] [{PRT}] [PV1] [PV2] [{PRT}] [{OBX}] "
                    + "[{DG1}]}] {RESOURCES: RGS [{SERVICE: AIS [{NTE}]}] [{GENERAL_RESOURCE: AIG [{NTE}]}] "
                    + "[{LOCATION_RESOURCE: AIL [{NTE}]}] [{PERSONNEL_RESOURCE: AIP [{NTE}]}]}"),
        ],
        structureByEvent: [
            "ADT^A01": "ADT_A01", "ADT^A04": "ADT_A01", "ADT^A08": "ADT_A01", "ADT^A13": "ADT_A01",
            "ADT^A05": "ADT_A05", "ADT^A14": "ADT_A05", "ADT^A28": "ADT_A05", "ADT^A31": "ADT_A05",
            "ORU^R01": "ORU_R01", "ORM^O01": "ORM_O01", "OML^O21": "OML_O21",
            "REF^I12": "REF_I12", "REF^I13": "REF_I12", "REF^I14": "REF_I12", "REF^I15": "REF_I12",
            "RRI^I12": "RRI_I12", "RRI^I13": "RRI_I12", "RRI^I14": "RRI_I12", "RRI^I15": "RRI_I12",
            "SIU^S12": "SIU_S12", "SIU^S13": "SIU_S12", "SIU^S14": "SIU_S12", "SIU^S15": "SIU_S12",
        ])
}
