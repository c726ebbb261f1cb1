public import HIModels

/// What a V3 message carries, in model terms: the single entry point a converter or inspector calls
/// after ``V3Message/init(parsing:options:)``, dispatching on the interaction.
///
/// ```swift
/// let message = try V3Message(parsing: bytes)
/// switch try V3Content(message) {
/// case .residents(let residents): print(residents.count)
/// case .order(let order): print(order.labRequests.count)
/// default: break
/// }
/// ```
public enum V3Content: Sendable, Equatable {
    /// Registration, update or query response (PRPA_IN201311/201314/201306UV02).
    case residents([Resident])
    /// A merge (PRPA_IN201304UV02).
    case residentMerge(V3ResidentMerge)
    /// A query's identifiers (PRPA_IN201305UV02).
    case residentQuery([Identifier])
    /// An organisation registration (PRPM_IN401030UV01).
    case organization(Organization)
    /// A practitioner registration (PRPM_IN301010UV01).
    case practitioner(Practitioner)
    /// An encounter registration, update or cancellation (PRPA_IN40000nUV) with its status code.
    case encounter(Encounter, status: String?)
    /// An order group (POOR_IN20090nUV).
    case order(V3Order)
    /// A lab status (POLB_IN224000UV01).
    case labStatus(LabReport)
    /// CDA documents (ProvideAndRegisterDocumentSetRequest, RetrieveDocumentSetResponse).
    case documents([V3DocumentEntry])
    /// The (repository, document) ids of a RetrieveDocumentSetRequest.
    case documentRequests([String])
    /// An acknowledgement (MCCI_IN000002UV01).
    case acknowledgement(V3Acknowledgement)
    /// An interaction the library does not type; the message is still readable as a ``V3Message``.
    case other(V3Interaction)

    /// Reads the content of `message`.
    ///
    /// - Throws: ``V3Error`` when a typed interaction lacks its payload or carries an unreadable document.
    public init(_ message: V3Message) throws(V3Error) {
        switch message.interaction {
        case .patientRegistration, .patientUpdate, .patientQueryResponse:
            self = .residents(try V3PatientRegistry.residents(from: message))
            if case .residents(let list) = self, list.isEmpty, message.interaction != .patientQueryResponse {
                throw V3Map.missing("patient below controlActProcess/subject", in: message)
            }
        case .patientMerge: self = .residentMerge(try V3PatientRegistry.merge(from: message))
        case .patientQuery: self = .residentQuery(try V3PatientRegistry.queryIdentifiers(from: message))
        case .organizationRegistration: self = .organization(try V3ProviderRegistry.organization(from: message))
        case .practitionerRegistration: self = .practitioner(try V3ProviderRegistry.practitioner(from: message))
        case .encounterNew, .encounterUpdate, .encounterCancel:
            self = .encounter(
                try V3EncounterMessages.encounter(from: message), status: V3EncounterMessages.status(from: message))
        case .orderNew, .orderUpdate: self = .order(try V3OrderMessages.order(from: message))
        case .labStatus: self = .labStatus(try V3OrderMessages.labStatus(from: message))
        case .provideAndRegisterDocumentSet, .retrieveDocumentSetResponse:
            self = .documents(try V3DocumentExchange.documents(from: message))
        case .retrieveDocumentSet:
            self = .documentRequests(try V3DocumentExchange.requestedDocuments(from: message).map(\.documentID))
        case .acknowledgement: self = .acknowledgement(try V3Acknowledgement(reading: message))
        default: self = .other(message.interaction)
        }
    }
}
