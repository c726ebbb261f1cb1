import HIFHIR
import HIModels

/// Lab requests and their status in FHIR R4: a lab report without results is a request (`ServiceRequest`, with
/// its `Specimen`); one that also has a status that is no FHIR report status (a V3 POLB_IN224000UV01 检验状态
/// code, for instance) is a request being fulfilled, written as a `Task`:
///
/// | Task | models (``HIModels/LabReport``) |
/// |---|---|
/// | `focus` → the ServiceRequest | the request itself (identifiers, item, specimen, orderer, time) |
/// | `businessStatus` | ``HIModels/LabReport/status`` as coded (V3 `processStep/code`) |
/// | `status` | derived from the status (``taskStatus(_:)``); a FHIR task status read back is kept as the status |
/// | `for` → Patient, `encounter` | resident, encounter |
/// | `authoredOn` / `lastModified` | ``HIModels/LabReport/orderedAt`` / ``HIModels/LabReport/reportedAt`` |
/// | `requester` → Practitioner | ``HIModels/LabReport/orderedBy`` |
/// | `owner` → Practitioner or Organization | ``HIModels/LabReport/performer``, else ``HIModels/LabReport/laboratory`` |
enum FHIRLabTask {
    /// The status systems a FHIR DiagnosticReport (or v2 OBR-25) carries: such a report stays a report.
    static let reportStatusSystems: Set<String> = ["fhir-observation-status", "hl7-0085"]
    /// The model system of a FHIR task status read back without a business status.
    static let taskStatusSystem = "fhir-task-status"

    /// The FHIR R4 Task.status codes.
    static let taskStatuses: Set<String> = [
        "draft", "requested", "received", "accepted", "rejected", "ready", "cancelled", "in-progress", "on-hold",
        "failed", "completed", "entered-in-error",
    ]

    /// `true` when `lab` is a request with a fulfilment status (written as ServiceRequest + Task).
    static func carries(_ lab: LabReport) -> Bool {
        guard lab.results.isEmpty, let status = lab.status else { return false }
        return !reportStatusSystems.contains(status.system)
    }

    /// The Task.status for a lab status: a FHIR task status as it is; otherwise from the words of the status
    /// (the 互联互通 status tables name the step: 已申请, 已采集, 标本已接收, 检验中, 已审核, 已取消 …), else
    /// `in-progress` (the exact code stays in `businessStatus`).
    static func taskStatus(_ status: CodedValue) -> String {
        if taskStatuses.contains(status.code), status.system == taskStatusSystem || status.system.isEmpty {
            return status.code
        }
        let words = (status.display ?? "") + (status.originalText ?? "")
        let table: [(String, [String])] = [
            ("cancelled", ["取消", "作废", "撤销", "撤回", "停止"]),
            ("rejected", ["拒", "退回", "不合格"]),
            ("completed", ["报告", "审核", "完成", "发布", "已出"]),
            ("received", ["接收", "签收", "送达"]),
            ("requested", ["申请", "开单", "开立", "登记"]),
            ("in-progress", ["采集", "采样", "检验中", "执行", "上机", "检测"]),
        ]
        for (code, keys) in table where keys.contains(where: { words.contains($0) }) { return code }
        return "in-progress"
    }
}

extension FHIRWriteContext {
    /// Adds the Task of a lab request with a fulfilment status (the request is already written at `focus`).
    mutating func addLabTask(
        _ lab: LabReport, focus: String, subject: String?, encounter: String?, requester: String?
    ) {
        guard let status = lab.status else { return }
        let performer = addPractitioner(lab.performer)
        let laboratory = performer == nil ? addOrganization(lab.laboratory) : nil
        let id = nextID("Task")
        var (out, root) = resourceWriter("Task", id: id)
        unmappedExtensions(lab.unmappedFragments, into: &out)
        out.field("status", FHIRLabTask.taskStatus(status))
        if status.system != FHIRLabTask.taskStatusSystem {
            codeableConcept("businessStatus", status, into: &out)
        }
        out.field("intent", literal: "order")
        let code = out.openObject("code")
        let codings = out.openArray("coding")
        let coding = out.openElement()
        out.field("system", literal: "http://hl7.org/fhir/CodeSystem/task-code")
        out.field("code", literal: "fulfill")
        out.closeObject(coding)
        out.closeArray(codings)
        out.closeObject(code)
        out.reference("focus", focus)
        out.reference("for", subject)
        out.reference("encounter", encounter)
        out.field("authoredOn", dt(lab.orderedAt, "LabReport.orderedAt"))
        out.field("lastModified", dt(lab.reportedAt, "LabReport.reportedAt"))
        out.reference("requester", requester)
        out.reference("owner", performer ?? laboratory)
        if performer != nil, lab.laboratory != nil {
            report.unmapped.append(
                UnmappedItem(
                    path: "LabReport.laboratory", reason: "a Task has one owner; the performing practitioner is it"))
        }
        notMapped("LabReport.reviewer", lab.reviewer != nil)
        let notes = out.openArray("note")
        for note in lab.notes {
            let annotation = out.openElement()
            out.field("text", note)
            out.closeObject(annotation)
        }
        out.closeArray(notes)
        _ = add(out, root, id: id)
    }
}

extension FHIRReadState {
    /// Lab requests no DiagnosticReport names: each lab `Task` whose `focus` is a ServiceRequest (a request with
    /// its fulfilment status), then each remaining ServiceRequest that is no referral and whose subject Patient is
    /// in the record (a lab or exam order, in a Bundle with its Patient). Each becomes a lab report without
    /// results.
    mutating func readLabOrders(claimedEncounters: inout Set<Int>, claimedPatients: inout Set<Int>) -> [ModelRecord] {
        var records: [ModelRecord] = []
        for index in entries.indices where entries[index].type == "Task" && !entries[index].used {
            guard let focus = resolve(entries[index].json["focus"]), entries[focus].type == "ServiceRequest",
                !entries[focus].used, !isReferral(entries[focus].json)
            else { continue }
            var lab = readLabRequest(focus, claimedEncounters: &claimedEncounters, claimedPatients: &claimedPatients)
            readLabTask(index, into: &lab, claimedPatients: &claimedPatients)
            records.append(.labReport(lab))
        }
        for index in entries.indices where entries[index].type == "ServiceRequest" && !entries[index].used {
            // FHIR requires the subject: a request whose Patient is not in the record stays unread (reported).
            guard !isReferral(entries[index].json), let subject = resolve(entries[index].json["subject"]),
                entries[subject].type == "Patient"
            else { continue }
            let lab = readLabRequest(index, claimedEncounters: &claimedEncounters, claimedPatients: &claimedPatients)
            records.append(.labReport(lab))
        }
        return records
    }

    /// A standalone lab/exam ServiceRequest as a lab report without results.
    mutating func readLabRequest(
        _ index: Int, claimedEncounters: inout Set<Int>, claimedPatients: inout Set<Int>
    ) -> LabReport {
        use(
            index,
            [
                "identifier", "status", "intent", "category", "code", "subject", "encounter", "authoredOn",
                "requester", "specimen", "extension",
            ])
        let json = entries[index].json
        var lab = LabReport(provenance: provenance)
        lab.identifiers = identifiers(json["identifier"])
        lab.order = coded(json["code"])
        lab.orderedAt = time(json["authoredOn"])
        if let subject = resolve(json["subject"]), entries[subject].type == "Patient" {
            lab.resident = readPatient(subject)
            claimedPatients.insert(subject)
        } else if json["subject"] != nil {
            unmapped.append((entries[index].path + ".subject", "the reference does not resolve in this record"))
        }
        if let encounter = resolve(json["encounter"]), entries[encounter].type == "Encounter" {
            var value = readEncounter(encounter)
            value.resident = nil
            lab.encounter = value
            claimedEncounters.insert(encounter)
        } else if json["encounter"] != nil {
            unmapped.append((entries[index].path + ".encounter", "the reference does not resolve in this record"))
        }
        lab.orderedBy = readPractitioner(json["requester"])
        if json["requester"] != nil, lab.orderedBy == nil {
            unmapped.append((entries[index].path + ".requester", "the reference does not resolve to a Practitioner"))
        }
        lab.specimen = readSpecimen(json["specimen"]?[0])
        if (json["specimen"]?.arrayValue?.count ?? 0) > 1 {
            unmapped.append((entries[index].path + ".specimen", "the models keep one specimen per request"))
        }
        lab.unmappedFragments = carriedFragments(index)
        return lab
    }

    /// The fulfilment status of a lab Task into `lab`.
    mutating func readLabTask(_ index: Int, into lab: inout LabReport, claimedPatients: inout Set<Int>) {
        use(
            index,
            [
                "status", "businessStatus", "intent", "code", "focus", "for", "encounter", "authoredOn",
                "lastModified", "requester", "owner", "note", "extension",
            ])
        let json = entries[index].json
        lab.status =
            coded(json["businessStatus"])
            ?? json["status"]?.stringValue.map { CodedValue(system: FHIRLabTask.taskStatusSystem, code: $0) }
        if lab.orderedAt == nil { lab.orderedAt = time(json["authoredOn"]) }
        lab.reportedAt = time(json["lastModified"])
        if lab.orderedBy == nil { lab.orderedBy = readPractitioner(json["requester"]) }
        if lab.resident == nil, let subject = resolve(json["for"]), entries[subject].type == "Patient" {
            lab.resident = readPatient(subject)
            claimedPatients.insert(subject)
        }
        if let owner = json["owner"] {
            if let practitioner = readPractitioner(owner) {
                lab.performer = practitioner
            } else if let organization = readOrganization(owner) {
                lab.laboratory = organization
            } else {
                unmapped.append((entries[index].path + ".owner", "the reference does not resolve in this record"))
            }
        }
        for note in json["note"]?.arrayValue ?? [] {
            if let text = note["text"]?.stringValue { lab.notes.append(text) }
        }
        lab.unmappedFragments += carriedFragments(index)
    }
}
