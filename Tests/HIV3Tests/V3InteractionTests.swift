import HICDA
import HICore
import HIModels
import HITestSupport
import HIV3
import HIXML
import Testing

/// Typed interactions: read into the models with values asserted, written back from the models and read
/// again to the same values.
struct V3InteractionTests {
    static let header = V3Header(
        messageID: "MSG-TEST-0001", creationTime: "20240316100000", interaction: .patientRegistration,
        sender: "HIS001", receiver: "HIP001")

    func checkResident(_ resident: Resident) {
        #expect(resident.residentIDNumber?.value == "11010519491231002X")
        #expect(resident.identifier(.residentIDCard)?.authority == "2.16.156.10011.1.3")
        #expect(resident.identifier(.healthCardNumber)?.value == "HC1101050001")
        #expect(resident.identifier(.outpatientNumber)?.value == "MZ20240315001")
        #expect(resident.identifiers.contains { $0.value == "EMPI0000123" && $0.authority == "2.16.156.10011.1.10" })
        #expect(resident.names.first?.text == "王淑芬")
        #expect(resident.sex?.system == "gb-t-2261.1")
        #expect(resident.sex?.code == "2")
        #expect(resident.birthDate == CalendarDate(year: 1949, month: 12, day: 31))
        #expect(resident.maritalStatus?.code == "20")
        #expect(resident.ethnicity?.system == "gb-3304")
        #expect(resident.ethnicity?.code == "01")
        #expect(resident.occupation?.code == "80")
        #expect(resident.telecom.first?.value == "13900000001")
        #expect(resident.addresses.first?.parts == ["北京市", "北京市", "朝阳区", "示例街道1号"])
        #expect(resident.addresses.first?.postalCode == "100020")
    }

    @Test func residentRegistrationMapsBothWays() throws {
        let message = try V3Message(parsing: try sample("valid/PRPA_IN201311UV02-resident-registration.xml"))
        let resident = try V3PatientRegistry.resident(from: message)
        checkResident(resident)
        #expect(resident.provenance.format == .hl7v3)
        #expect(resident.provenance.documentID == "MSG-201311-0001")
        let written = V3PatientRegistry.registration(resident, header: Self.header)
        let reread = try V3Message(parsing: written.serialized())
        #expect(reread.issues.isEmpty, "\(reread.issues)")
        #expect(reread.interaction == .patientRegistration)
        var again = try V3PatientRegistry.resident(from: reread)
        checkResident(again)
        again.provenance = resident.provenance
        #expect(again.identifiers == resident.identifiers)
        #expect(again.names == resident.names)
    }

    @Test func residentUpdateAndMerge() throws {
        let update = try V3Message(parsing: try sample("valid/PRPA_IN201314UV02-resident-update.xml"))
        #expect(try V3PatientRegistry.resident(from: update).addresses.first?.parts.last == "示例街道8号")
        var header = Self.header
        header.interaction = .patientUpdate
        let written = V3PatientRegistry.registration(try V3PatientRegistry.resident(from: update), header: header)
        #expect(written.rootName == "PRPA_IN201314UV02")

        let mergeMessage = try V3Message(parsing: try sample("valid/PRPA_IN201304UV02-resident-merge.xml"))
        let merge = try V3PatientRegistry.merge(from: mergeMessage)
        checkResident(merge.surviving)
        #expect(merge.replaced.map(\.value) == ["EMPI0000999"])
        let rewritten = try V3Message(parsing: V3PatientRegistry.merge(merge, header: Self.header).serialized())
        #expect(rewritten.interaction == .patientMerge)
        #expect(try V3PatientRegistry.merge(from: rewritten).replaced == merge.replaced)
        #expect(throws: V3Error(.wrongInteraction, "")) { try V3PatientRegistry.merge(from: update) }
    }

    @Test func residentQueryAndResponse() throws {
        let query = try V3Message(parsing: try sample("valid/PRPA_IN201305UV02-resident-query.xml"))
        let asked = try V3PatientRegistry.queryIdentifiers(from: query)
        #expect(asked.map(\.value) == ["11010519491231002X"])
        #expect(asked.first?.kind == .residentIDCard)

        let response = try V3Message(parsing: try sample("valid/PRPA_IN201306UV02-resident-query-response.xml"))
        let residents = try V3PatientRegistry.residents(from: response)
        #expect(residents.count == 1)
        checkResident(residents[0])
        #expect(try V3Acknowledgement(reading: response).targetMessageID?.extension == "MSG-201305-0001")

        let built = V3PatientRegistry.queryResponse(residents, to: query, header: Self.header)
        let reread = try V3Message(parsing: built.serialized())
        #expect(reread.interaction == .patientQueryResponse)
        #expect(try V3Acknowledgement(reading: reread).targetMessageID?.extension == "MSG-201305-0001")
        checkResident(try V3PatientRegistry.resident(from: reread))
        let text = String(decoding: reread.serialized(), as: UTF8.self)
        #expect(text.contains("extension=\"Q-0001\""))

        let newQuery = V3PatientRegistry.query(asked, queryID: "Q-0002", header: Self.header)
        #expect(try V3PatientRegistry.queryIdentifiers(from: V3Message(parsing: newQuery.serialized())) == asked)
    }

    @Test func organizationAndPractitionerRegistration() throws {
        let orgMessage = try V3Message(parsing: try sample("valid/PRPM_IN401030UV01-organization-registration.xml"))
        let organization = try V3ProviderRegistry.organization(from: orgMessage)
        #expect(organization.name == "示例市第一人民医院")
        #expect(organization.identifiers.first?.value == "45600001-1")
        #expect(organization.identifiers.first?.kind == .organizationCode)
        #expect(organization.type?.code == "A100")
        #expect(organization.partOf?.value == "45600000-0")
        #expect(organization.telecom.first?.value == "010-60000000")
        let orgAgain = try V3ProviderRegistry.organization(
            from: V3Message(parsing: V3ProviderRegistry.registration(organization, header: Self.header).serialized()))
        #expect(orgAgain.name == organization.name)
        #expect(orgAgain.identifiers == organization.identifiers)
        #expect(orgAgain.partOf == organization.partOf)

        let practitionerMessage = try V3Message(
            parsing: try sample("valid/PRPM_IN301010UV01-practitioner-registration.xml"))
        let practitioner = try V3ProviderRegistry.practitioner(from: practitionerMessage)
        #expect(practitioner.name?.text == "赵明远")
        #expect(practitioner.identifiers.first?.value == "D0042")
        #expect(practitioner.role?.display == "主治医师")
        #expect(practitioner.organization?.name == "示例市第一人民医院")
        let practitionerAgain = try V3ProviderRegistry.practitioner(
            from: V3Message(parsing: V3ProviderRegistry.registration(practitioner, header: Self.header).serialized()))
        #expect(practitionerAgain.name == practitioner.name)
        #expect(practitionerAgain.identifiers == practitioner.identifiers)
        #expect(practitionerAgain.organization?.identifiers == practitioner.organization?.identifiers)
    }

    @Test func encounters() throws {
        let admission = try V3Message(parsing: try sample("valid/PRPA_IN400001UV-inpatient-admission.xml"))
        let encounter = try V3EncounterMessages.encounter(from: admission)
        #expect(encounter.kind == .inpatient)
        #expect(encounter.identifiers.first?.kind == .inpatientNumber)
        #expect(encounter.identifiers.first?.value == "ZY20240315007")
        #expect(encounter.start?.text == "20240315091500")
        #expect(encounter.end == nil)
        #expect(encounter.department?.display == "心血管内科")
        #expect(encounter.organization?.name == "示例市第一人民医院")
        #expect(encounter.practitioners.first?.name?.text == "赵明远")
        #expect(encounter.diagnoses.first?.code.code == "I10.x00")
        #expect(encounter.diagnoses.first?.isPrimary == true)
        checkResident(try #require(encounter.resident))

        let update = try V3EncounterMessages.encounter(
            from: V3Message(parsing: try sample("valid/PRPA_IN400002UV-encounter-update.xml")))
        #expect(update.end?.text == "20240322100000")
        let cancel = try V3Message(parsing: try sample("valid/PRPA_IN400003UV-encounter-cancel.xml"))
        #expect(try V3EncounterMessages.encounter(from: cancel).kind == .outpatient)
        #expect(V3EncounterMessages.status(from: cancel) == "cancelled")

        var header = Self.header
        header.interaction = .encounterCancel
        let written = try V3Message(parsing: V3EncounterMessages.message(encounter, header: header).serialized())
        #expect(written.rootName == "PRPA_IN400003UV")
        #expect(V3EncounterMessages.status(from: written) == "cancelled")
        let again = try V3EncounterMessages.encounter(from: written)
        #expect(again.kind == encounter.kind)
        #expect(again.identifiers == encounter.identifiers)
        #expect(again.diagnoses == encounter.diagnoses)
        #expect(again.department == encounter.department)
        #expect(again.practitioners.map(\.name) == encounter.practitioners.map(\.name))
        checkResident(try #require(again.resident))
    }

    func checkOrder(_ order: V3Order) {
        #expect(order.identifiers.first?.value == "SQ20240315001")
        #expect(order.labRequests.map { $0.order?.code } == ["CBC", "GLU"])
        #expect(order.labRequests.map { $0.order?.display } == ["血常规", "空腹血糖"])
        #expect(order.labRequests.map { $0.specimen?.type?.code } == ["BLD", "SER"])
        #expect(order.labRequests.first?.specimen?.identifiers.first?.value == "TM240315001")
        #expect(order.labRequests.first?.identifiers.first?.value == "YZ0001")
        #expect(order.labRequests.first?.orderedBy?.name?.text == "赵明远")
        #expect(order.labRequests.first?.resident?.residentIDNumber?.value == "11010519491231002X")
        #expect(order.orderedAt?.text == "20240315093000")
        #expect(order.medicationOrders.map(\.medication.code) == ["X-C08CA01"])
        #expect(order.medicationOrders.first?.dose == Quantity(value: "5", unit: "mg"))
        #expect(order.medicationOrders.first?.route?.display == "口服")
        #expect(order.encounterIdentifiers.first?.value == "MZ20240315001")
    }

    @Test func ordersMapBothWays() throws {
        let message = try V3Message(parsing: try sample("valid/POOR_IN200901UV-order-new.xml"))
        let order = try V3OrderMessages.order(from: message)
        checkOrder(order)
        let written = try V3Message(parsing: V3OrderMessages.message(order, header: Self.header).serialized())
        #expect(written.rootName == "POOR_IN200901UV")
        #expect(written.issues.isEmpty)
        checkOrder(try V3OrderMessages.order(from: written))

        let update = try V3Message(parsing: try sample("valid/POOR_IN200902UV-order-update.xml"))
        checkOrder(try V3OrderMessages.order(from: update))
        var header = Self.header
        header.interaction = .orderUpdate
        #expect(V3OrderMessages.message(order, header: header).rootName == "POOR_IN200902UV")
    }

    @Test func labStatusMapsBothWays() throws {
        let message = try V3Message(parsing: try sample("valid/POLB_IN224000UV01-lab-status.xml"))
        let report = try V3OrderMessages.labStatus(from: message)
        #expect(report.identifiers.first?.value == "SQ20240315001")
        #expect(report.order?.code == "CBC")
        #expect(report.status?.code == "3")
        #expect(report.status?.display == "标本已接收")
        #expect(report.specimen?.type?.code == "BLD")
        #expect(report.reportedAt?.text == "20240315101500")
        #expect(report.performer?.name?.text == "钱检验")
        checkResident(try #require(report.resident))
        let written = try V3Message(parsing: V3OrderMessages.labStatusMessage(report, header: Self.header).serialized())
        let again = try V3OrderMessages.labStatus(from: written)
        #expect(again.status == report.status)
        #expect(again.order == report.order)
        #expect(again.specimen == report.specimen)
        #expect(again.performer?.name == report.performer?.name)
        checkResident(try #require(again.resident))
    }

    @Test func documentRegistrationCarriesTheCDA() throws {
        let message = try V3Message(
            parsing: try sample("valid/ProvideAndRegisterDocumentSetRequest-lab-report.xml"))
        #expect(message.isDocumentExchange)
        #expect(message.interaction == .provideAndRegisterDocumentSet)
        let entries = try V3DocumentExchange.documents(from: message)
        #expect(entries.map(\.id) == ["Document01"])
        let document = try #require(entries.first?.document)
        #expect(document.template?.templateId == "2.16.156.10011.2.1.1.27")
        let cdaBytes = try SampleFile(
            name: "lab", url: SampleFiles.samplesRoot.appendingPathComponent("cda/wst500-27-lab-report.xml")
        ).bytes()
        #expect(document == (try ClinicalDocument(parsing: cdaBytes)))

        let built = V3DocumentExchange.provideAndRegister(entries)
        let reread = try V3Message(parsing: built.serialized())
        #expect(try V3DocumentExchange.documents(from: reread).first?.document == document)
        let text = String(decoding: built.serialized(), as: UTF8.self)
        #expect(text.contains("sourcePatientId"))

        let retrieve = try V3Message(parsing: try sample("valid/RetrieveDocumentSetRequest-lab-report.xml"))
        let requested = try V3DocumentExchange.requestedDocuments(from: retrieve)
        #expect(requested.map(\.documentID) == ["2.16.156.10011.1.1.20240315.0001"])
        #expect(requested.map(\.repositoryID) == ["2.16.156.10011.0.9.1"])
        let response = try V3Message(
            parsing: V3DocumentExchange.retrieveResponse(entries, repositoryID: "2.16.156.10011.0.9.1").serialized())
        #expect(response.interaction == .retrieveDocumentSetResponse)
        #expect(try V3DocumentExchange.documents(from: response).first?.document == document)
        let request = V3DocumentExchange.retrieveRequest(
            documentIDs: ["D1", "D2"], repositoryID: "2.16.156.10011.0.9.1")
        #expect(try V3DocumentExchange.requestedDocuments(from: request).map(\.documentID) == ["D1", "D2"])
    }

    @Test func documentPayloadErrors() throws {
        let bad = Array(
            "<ProvideAndRegisterDocumentSetRequest xmlns='urn:ihe:iti:xds-b:2007'><Document id='d'>@@@</Document></ProvideAndRegisterDocumentSetRequest>"
                .utf8)
        #expect(throws: V3Error(.payload, "")) { try V3DocumentExchange.documents(from: V3Message(parsing: bad)) }
        let inline = Array(
            ("<ProvideAndRegisterDocumentSetRequest xmlns='urn:ihe:iti:xds-b:2007'><Document id='d'>"
                + "<ClinicalDocument xmlns='urn:hl7-org:v3'><realmCode code='CN'/></ClinicalDocument>"
                + "</Document></ProvideAndRegisterDocumentSetRequest>").utf8)
        let message = try V3Message(parsing: inline)
        #expect(message.issues.map(\.code.rawValue) == ["HI-V3-0108"])
        #expect(try V3DocumentExchange.documents(from: message).first?.wasInline == true)
    }
}

@Test(arguments: try SampleFiles.list("v3/valid") + SampleFiles.list("v3/dialect"))
func everySampleHasTypedContent(_ file: SampleFile) throws {
    let message = try V3Message(parsing: try file.bytes())
    let content = try V3Content(message)
    if case .other = content { Issue.record("\(file.name) is not typed") }
    switch content {
    case .residents(let residents):
        #expect(residents.first?.residentIDNumber?.value == "11010519491231002X", "\(file.name)")
    case .encounter(let encounter, _):
        #expect(encounter.resident?.names.first?.text == "王淑芬")
    case .order(let order):
        #expect(order.labRequests.first?.specimen?.type?.code == "BLD")
    default: break
    }
}

@Test func contentOfUntypedInteraction() throws {
    let message = try V3Message(
        parsing: Array(
            "<QUPC_IN043100UV01 xmlns='urn:hl7-org:v3'><interactionId extension='QUPC_IN043100UV01'/></QUPC_IN043100UV01>"
                .utf8))
    #expect(try V3Content(message) == .other(V3Interaction(rawValue: "QUPC_IN043100UV01")))
}

@Test func gb18030MessageReads() throws {
    let text = String(decoding: try sample("valid/PRPA_IN201311UV02-resident-registration.xml"), as: UTF8.self)
    let declared = text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"GB18030\"")
    let bytes = try Charset.gb18030.encode(declared)
    #expect(bytes.count < Array(declared.utf8).count)
    let message = try V3Message(parsing: bytes)
    let resident = try V3PatientRegistry.resident(from: message)
    #expect(resident.names.first?.text == "王淑芬")
    #expect(resident.addresses.first?.parts.last == "示例街道1号")
}
