// The R4 (4.0.1) element lists of the modelled resources and data types, as compact tables.
// Grammar of one element: `name[card]:Type1,Type2[=binding]`, where card is nothing (0..1), `!` (1..1),
// `*` (0..*) or `+` (1..*); a name ending in `[x]` is a choice; Type `*` means any R4 data type; a type
// containing `.` names a backbone element defined in the same table; `=binding` names a required value set.

extension R4Definitions {
    /// Resource and type → (base, element list).
    static let tables: [(String, Base, String)] = [
        // Data types
        (
            "Identifier", .element,
            "use:code=identifier-use type:CodeableConcept system:uri value:string period:Period assigner:Reference"
        ),
        (
            "HumanName", .element,
            "use:code=name-use text:string family:string given*:string prefix*:string suffix*:string period:Period"
        ),
        (
            "Address", .element,
            "use:code=address-use type:code=address-type text:string line*:string city:string district:string "
                + "state:string postalCode:string country:string period:Period"
        ),
        (
            "ContactPoint", .element,
            "system:code=contact-point-system value:string use:code=contact-point-use rank:positiveInt period:Period"
        ),
        ("CodeableConcept", .element, "coding*:Coding text:string"),
        ("Coding", .element, "system:uri version:string code:code display:string userSelected:boolean"),
        ("Quantity", .element, "value:decimal comparator:code=quantity-comparator unit:string system:uri code:code"),
        ("Money", .element, "value:decimal currency:code"),
        ("Range", .element, "low:Quantity high:Quantity"),
        ("Ratio", .element, "numerator:Quantity denominator:Quantity"),
        ("Reference", .element, "reference:string type:uri identifier:Identifier display:string"),
        ("Period", .element, "start:dateTime end:dateTime"),
        ("Extension", .element, "url!:uri value[x]:*"),
        ("Narrative", .element, "status!:code=narrative-status div!:xhtml"),
        (
            "Meta", .element,
            "versionId:id lastUpdated:instant source:uri profile*:canonical security*:Coding tag*:Coding"
        ),
        ("Annotation", .element, "author[x]:Reference,string time:dateTime text!:markdown"),
        (
            "Attachment", .element,
            "contentType:code language:code data:base64Binary url:url size:unsignedInt hash:base64Binary "
                + "title:string creation:dateTime"
        ),
        (
            "Dosage", .backbone,
            "sequence:integer text:string additionalInstruction*:CodeableConcept patientInstruction:string "
                + "timing:Timing asNeeded[x]:boolean,CodeableConcept site:CodeableConcept route:CodeableConcept "
                + "method:CodeableConcept doseAndRate*:Dosage.doseAndRate maxDosePerPeriod:Ratio "
                + "maxDosePerAdministration:Quantity maxDosePerLifetime:Quantity"
        ),
        ("Dosage.doseAndRate", .element, "type:CodeableConcept dose[x]:Range,Quantity rate[x]:Ratio,Range,Quantity"),
        ("Timing", .backbone, "event*:dateTime repeat:Timing.repeat code:CodeableConcept"),
        (
            "Timing.repeat", .element,
            "bounds[x]:Duration,Range,Period count:positiveInt countMax:positiveInt duration:decimal "
                + "durationMax:decimal durationUnit:code=units-of-time frequency:positiveInt "
                + "frequencyMax:positiveInt period:decimal periodMax:decimal periodUnit:code=units-of-time "
                + "dayOfWeek*:code=days-of-week timeOfDay*:time when*:code offset:unsignedInt"
        ),

        // Resources
        (
            "Patient", .domainResource,
            "identifier*:Identifier active:boolean name*:HumanName telecom*:ContactPoint gender:code=administrative-gender "
                + "birthDate:date deceased[x]:boolean,dateTime address*:Address maritalStatus:CodeableConcept "
                + "multipleBirth[x]:boolean,integer photo*:Attachment contact*:Patient.contact "
                + "communication*:Patient.communication generalPractitioner*:Reference "
                + "managingOrganization:Reference link*:Patient.link"
        ),
        (
            "Patient.contact", .backbone,
            "relationship*:CodeableConcept name:HumanName telecom*:ContactPoint address:Address "
                + "gender:code=administrative-gender organization:Reference period:Period"
        ),
        ("Patient.communication", .backbone, "language!:CodeableConcept preferred:boolean"),
        ("Patient.link", .backbone, "other!:Reference type!:code=link-type"),

        (
            "Practitioner", .domainResource,
            "identifier*:Identifier active:boolean name*:HumanName telecom*:ContactPoint address*:Address "
                + "gender:code=administrative-gender birthDate:date photo*:Attachment "
                + "qualification*:Practitioner.qualification communication*:CodeableConcept"
        ),
        (
            "Practitioner.qualification", .backbone,
            "identifier*:Identifier code!:CodeableConcept period:Period issuer:Reference"
        ),

        (
            "PractitionerRole", .domainResource,
            "identifier*:Identifier active:boolean period:Period practitioner:Reference organization:Reference "
                + "code*:CodeableConcept specialty*:CodeableConcept location*:Reference "
                + "healthcareService*:Reference telecom*:ContactPoint availableTime*:PractitionerRole.availableTime "
                + "notAvailable*:PractitionerRole.notAvailable availabilityExceptions:string endpoint*:Reference"
        ),
        (
            "PractitionerRole.availableTime", .backbone,
            "daysOfWeek*:code=days-of-week allDay:boolean availableStartTime:time availableEndTime:time"
        ),
        ("PractitionerRole.notAvailable", .backbone, "description!:string during:Period"),

        (
            "Organization", .domainResource,
            "identifier*:Identifier active:boolean type*:CodeableConcept name:string alias*:string "
                + "telecom*:ContactPoint address*:Address partOf:Reference contact*:Organization.contact "
                + "endpoint*:Reference"
        ),
        (
            "Organization.contact", .backbone,
            "purpose:CodeableConcept name:HumanName telecom*:ContactPoint address:Address"
        ),

        (
            "Encounter", .domainResource,
            "identifier*:Identifier status!:code=encounter-status statusHistory*:Encounter.statusHistory "
                + "class!:Coding classHistory*:Encounter.classHistory type*:CodeableConcept "
                + "serviceType:CodeableConcept priority:CodeableConcept subject:Reference episodeOfCare*:Reference "
                + "basedOn*:Reference participant*:Encounter.participant appointment*:Reference period:Period "
                + "length:Duration reasonCode*:CodeableConcept reasonReference*:Reference "
                + "diagnosis*:Encounter.diagnosis account*:Reference hospitalization:Encounter.hospitalization "
                + "location*:Encounter.location serviceProvider:Reference partOf:Reference"
        ),
        ("Encounter.statusHistory", .backbone, "status!:code=encounter-status period!:Period"),
        ("Encounter.classHistory", .backbone, "class!:Coding period!:Period"),
        ("Encounter.participant", .backbone, "type*:CodeableConcept period:Period individual:Reference"),
        ("Encounter.diagnosis", .backbone, "condition!:Reference use:CodeableConcept rank:positiveInt"),
        (
            "Encounter.hospitalization", .backbone,
            "preAdmissionIdentifier:Identifier origin:Reference admitSource:CodeableConcept "
                + "reAdmission:CodeableConcept dietPreference*:CodeableConcept specialCourtesy*:CodeableConcept "
                + "specialArrangement*:CodeableConcept destination:Reference dischargeDisposition:CodeableConcept"
        ),
        (
            "Encounter.location", .backbone,
            "location!:Reference status:code=encounter-location-status physicalType:CodeableConcept period:Period"
        ),

        (
            "Observation", .domainResource,
            "identifier*:Identifier basedOn*:Reference partOf*:Reference status!:code=observation-status "
                + "category*:CodeableConcept code!:CodeableConcept subject:Reference focus*:Reference "
                + "encounter:Reference effective[x]:dateTime,Period,Timing,instant issued:instant "
                + "performer*:Reference " + observationValue + " dataAbsentReason:CodeableConcept "
                + "interpretation*:CodeableConcept note*:Annotation bodySite:CodeableConcept method:CodeableConcept "
                + "specimen:Reference device:Reference referenceRange*:Observation.referenceRange "
                + "hasMember*:Reference derivedFrom*:Reference component*:Observation.component"
        ),
        (
            "Observation.referenceRange", .backbone,
            "low:Quantity high:Quantity type:CodeableConcept appliesTo*:CodeableConcept age:Range text:string"
        ),
        (
            "Observation.component", .backbone,
            "code!:CodeableConcept " + observationValue + " dataAbsentReason:CodeableConcept "
                + "interpretation*:CodeableConcept referenceRange*:Observation.referenceRange"
        ),

        (
            "DiagnosticReport", .domainResource,
            "identifier*:Identifier basedOn*:Reference status!:code=diagnostic-report-status "
                + "category*:CodeableConcept code!:CodeableConcept subject:Reference encounter:Reference "
                + "effective[x]:dateTime,Period issued:instant performer*:Reference resultsInterpreter*:Reference "
                + "specimen*:Reference result*:Reference imagingStudy*:Reference media*:DiagnosticReport.media "
                + "conclusion:string conclusionCode*:CodeableConcept presentedForm*:Attachment"
        ),
        ("DiagnosticReport.media", .backbone, "comment:string link!:Reference"),

        (
            "ServiceRequest", .domainResource,
            "identifier*:Identifier instantiatesCanonical*:canonical instantiatesUri*:uri basedOn*:Reference "
                + "replaces*:Reference requisition:Identifier status!:code=request-status "
                + "intent!:code=request-intent category*:CodeableConcept priority:code=request-priority "
                + "doNotPerform:boolean code:CodeableConcept orderDetail*:CodeableConcept "
                + "quantity[x]:Quantity,Ratio,Range subject!:Reference encounter:Reference "
                + "occurrence[x]:dateTime,Period,Timing asNeeded[x]:boolean,CodeableConcept authoredOn:dateTime "
                + "requester:Reference performerType:CodeableConcept performer*:Reference "
                + "locationCode*:CodeableConcept locationReference*:Reference reasonCode*:CodeableConcept "
                + "reasonReference*:Reference insurance*:Reference supportingInfo*:Reference specimen*:Reference "
                + "bodySite*:CodeableConcept note*:Annotation patientInstruction:string relevantHistory*:Reference"
        ),

        (
            "Specimen", .domainResource,
            "identifier*:Identifier accessionIdentifier:Identifier status:code=specimen-status "
                + "type:CodeableConcept subject:Reference receivedTime:dateTime parent*:Reference request*:Reference "
                + "collection:Specimen.collection processing*:Specimen.processing container*:Specimen.container "
                + "condition*:CodeableConcept note*:Annotation"
        ),
        (
            "Specimen.collection", .backbone,
            "collector:Reference collected[x]:dateTime,Period duration:Duration quantity:Quantity "
                + "method:CodeableConcept bodySite:CodeableConcept fastingStatus[x]:CodeableConcept,Duration"
        ),
        (
            "Specimen.processing", .backbone,
            "description:string procedure:CodeableConcept additive*:Reference time[x]:dateTime,Period"
        ),
        (
            "Specimen.container", .backbone,
            "identifier*:Identifier description:string type:CodeableConcept capacity:Quantity "
                + "specimenQuantity:Quantity additive[x]:CodeableConcept,Reference"
        ),

        (
            "Condition", .domainResource,
            "identifier*:Identifier clinicalStatus:CodeableConcept=condition-clinical "
                + "verificationStatus:CodeableConcept=condition-ver-status category*:CodeableConcept "
                + "severity:CodeableConcept code:CodeableConcept bodySite*:CodeableConcept subject!:Reference "
                + "encounter:Reference onset[x]:dateTime,Age,Period,Range,string "
                + "abatement[x]:dateTime,Age,Period,Range,string recordedDate:dateTime recorder:Reference "
                + "asserter:Reference stage*:Condition.stage evidence*:Condition.evidence note*:Annotation"
        ),
        ("Condition.stage", .backbone, "summary:CodeableConcept assessment*:Reference type:CodeableConcept"),
        ("Condition.evidence", .backbone, "code*:CodeableConcept detail*:Reference"),

        (
            "MedicationRequest", .domainResource,
            "identifier*:Identifier status!:code=medicationrequest-status statusReason:CodeableConcept "
                + "intent!:code=medicationrequest-intent category*:CodeableConcept priority:code=request-priority "
                + "doNotPerform:boolean reported[x]:boolean,Reference medication[x]!:CodeableConcept,Reference "
                + "subject!:Reference encounter:Reference supportingInformation*:Reference authoredOn:dateTime "
                + "requester:Reference performer:Reference performerType:CodeableConcept recorder:Reference "
                + "reasonCode*:CodeableConcept reasonReference*:Reference instantiatesCanonical*:canonical "
                + "instantiatesUri*:uri basedOn*:Reference groupIdentifier:Identifier "
                + "courseOfTherapyType:CodeableConcept insurance*:Reference note*:Annotation "
                + "dosageInstruction*:Dosage dispenseRequest:MedicationRequest.dispenseRequest "
                + "substitution:MedicationRequest.substitution priorPrescription:Reference "
                + "detectedIssue*:Reference eventHistory*:Reference"
        ),
        (
            "MedicationRequest.dispenseRequest", .backbone,
            "initialFill:MedicationRequest.dispenseRequest.initialFill dispenseInterval:Duration "
                + "validityPeriod:Period numberOfRepeatsAllowed:unsignedInt quantity:Quantity "
                + "expectedSupplyDuration:Duration performer:Reference"
        ),
        ("MedicationRequest.dispenseRequest.initialFill", .backbone, "quantity:Quantity duration:Duration"),
        (
            "MedicationRequest.substitution", .backbone,
            "allowed[x]!:boolean,CodeableConcept reason:CodeableConcept"
        ),

        (
            "Immunization", .domainResource,
            "identifier*:Identifier status!:code=immunization-status statusReason:CodeableConcept "
                + "vaccineCode!:CodeableConcept patient!:Reference encounter:Reference "
                + "occurrence[x]!:dateTime,string recorded:dateTime primarySource:boolean "
                + "reportOrigin:CodeableConcept location:Reference manufacturer:Reference lotNumber:string "
                + "expirationDate:date site:CodeableConcept route:CodeableConcept doseQuantity:Quantity "
                + "performer*:Immunization.performer note*:Annotation reasonCode*:CodeableConcept "
                + "reasonReference*:Reference isSubpotent:boolean subpotentReason*:CodeableConcept "
                + "education*:Immunization.education programEligibility*:CodeableConcept "
                + "fundingSource:CodeableConcept reaction*:Immunization.reaction "
                + "protocolApplied*:Immunization.protocolApplied"
        ),
        ("Immunization.performer", .backbone, "function:CodeableConcept actor!:Reference"),
        (
            "Immunization.education", .backbone,
            "documentType:string reference:uri publicationDate:dateTime presentationDate:dateTime"
        ),
        ("Immunization.reaction", .backbone, "date:dateTime detail:Reference reported:boolean"),
        (
            "Immunization.protocolApplied", .backbone,
            "series:string authority:Reference targetDisease*:CodeableConcept doseNumber[x]!:positiveInt,string "
                + "seriesDoses[x]:positiveInt,string"
        ),

        (
            "CarePlan", .domainResource,
            "identifier*:Identifier instantiatesCanonical*:canonical instantiatesUri*:uri basedOn*:Reference "
                + "replaces*:Reference partOf*:Reference status!:code=request-status intent!:code=careplan-intent "
                + "category*:CodeableConcept title:string description:string subject!:Reference "
                + "encounter:Reference period:Period created:dateTime author:Reference contributor*:Reference "
                + "careTeam*:Reference addresses*:Reference supportingInfo*:Reference goal*:Reference "
                + "activity*:CarePlan.activity note*:Annotation"
        ),
        (
            "CarePlan.activity", .backbone,
            "outcomeCodeableConcept*:CodeableConcept outcomeReference*:Reference progress*:Annotation "
                + "reference:Reference detail:CarePlan.activity.detail"
        ),
        (
            "CarePlan.activity.detail", .backbone,
            "kind:code=careplan-activity-kind instantiatesCanonical*:canonical instantiatesUri*:uri "
                + "code:CodeableConcept reasonCode*:CodeableConcept reasonReference*:Reference goal*:Reference "
                + "status!:code=careplan-activity-status statusReason:CodeableConcept doNotPerform:boolean "
                + "scheduled[x]:Timing,Period,string location:Reference performer*:Reference "
                + "product[x]:CodeableConcept,Reference dailyAmount:Quantity quantity:Quantity description:string"
        ),

        (
            "CareTeam", .domainResource,
            "identifier*:Identifier status:code=careteam-status category*:CodeableConcept name:string "
                + "subject:Reference encounter:Reference period:Period participant*:CareTeam.participant "
                + "reasonCode*:CodeableConcept reasonReference*:Reference managingOrganization*:Reference "
                + "telecom*:ContactPoint note*:Annotation"
        ),
        (
            "CareTeam.participant", .backbone,
            "role*:CodeableConcept member:Reference onBehalfOf:Reference period:Period"
        ),

        (
            "Consent", .domainResource,
            "identifier*:Identifier status!:code=consent-status scope!:CodeableConcept category+:CodeableConcept "
                + "patient:Reference dateTime:dateTime performer*:Reference organization*:Reference "
                + "source[x]:Attachment,Reference policy*:Consent.policy policyRule:CodeableConcept "
                + "verification*:Consent.verification provision:Consent.provision"
        ),
        ("Consent.policy", .backbone, "authority:uri uri:uri"),
        ("Consent.verification", .backbone, "verified!:boolean verifiedWith:Reference verificationDate:dateTime"),
        (
            "Consent.provision", .backbone,
            "type:code=consent-provision-type period:Period actor*:Consent.provision.actor action*:CodeableConcept "
                + "securityLabel*:Coding purpose*:Coding class*:Coding code*:CodeableConcept dataPeriod:Period "
                + "data*:Consent.provision.data provision*:Consent.provision"
        ),
        ("Consent.provision.actor", .backbone, "role!:CodeableConcept reference!:Reference"),
        ("Consent.provision.data", .backbone, "meaning!:code=consent-data-meaning reference!:Reference"),

        (
            "Composition", .domainResource,
            "identifier:Identifier status!:code=composition-status type!:CodeableConcept category*:CodeableConcept "
                + "subject:Reference encounter:Reference date!:dateTime author+:Reference title!:string "
                + "confidentiality:code attester*:Composition.attester custodian:Reference "
                + "relatesTo*:Composition.relatesTo event*:Composition.event section*:Composition.section"
        ),
        (
            "Composition.attester", .backbone,
            "mode!:code=composition-attestation-mode time:dateTime party:Reference"
        ),
        (
            "Composition.relatesTo", .backbone,
            "code!:code=document-relationship-type target[x]!:Identifier,Reference"
        ),
        ("Composition.event", .backbone, "code*:CodeableConcept period:Period detail*:Reference"),
        (
            "Composition.section", .backbone,
            "title:string code:CodeableConcept author*:Reference focus:Reference text:Narrative "
                + "mode:code=list-mode orderedBy:CodeableConcept entry*:Reference emptyReason:CodeableConcept "
                + "section*:Composition.section"
        ),

        (
            "DocumentReference", .domainResource,
            "masterIdentifier:Identifier identifier*:Identifier status!:code=document-reference-status "
                + "docStatus:code=composition-status type:CodeableConcept category*:CodeableConcept "
                + "subject:Reference date:instant author*:Reference authenticator:Reference custodian:Reference "
                + "relatesTo*:DocumentReference.relatesTo description:string securityLabel*:CodeableConcept "
                + "content+:DocumentReference.content context:DocumentReference.context"
        ),
        ("DocumentReference.relatesTo", .backbone, "code!:code=document-relationship-type target!:Reference"),
        ("DocumentReference.content", .backbone, "attachment!:Attachment format:Coding"),
        (
            "DocumentReference.context", .backbone,
            "encounter*:Reference event*:CodeableConcept period:Period facilityType:CodeableConcept "
                + "practiceSetting:CodeableConcept sourcePatientInfo:Reference related*:Reference"
        ),

        (
            "Bundle", .resource,
            "identifier:Identifier type!:code=bundle-type timestamp:instant total:unsignedInt link*:Bundle.link "
                + "entry*:Bundle.entry signature:Signature"
        ),
        ("Bundle.link", .backbone, "relation!:string url!:uri"),
        (
            "Bundle.entry", .backbone,
            "link*:Bundle.link fullUrl:uri resource:Resource search:Bundle.entry.search "
                + "request:Bundle.entry.request response:Bundle.entry.response"
        ),
        ("Bundle.entry.search", .backbone, "mode:code=search-entry-mode score:decimal"),
        (
            "Bundle.entry.request", .backbone,
            "method!:code=http-verb url!:uri ifNoneMatch:string ifModifiedSince:instant ifMatch:string "
                + "ifNoneExist:string"
        ),
        (
            "Bundle.entry.response", .backbone,
            "status!:string location:uri etag:string lastModified:instant outcome:Resource"
        ),

        ("OperationOutcome", .domainResource, "issue+:OperationOutcome.issue"),
        (
            "OperationOutcome.issue", .backbone,
            "severity!:code=issue-severity code!:code=issue-type details:CodeableConcept diagnostics:string "
                + "location*:string expression*:string"
        ),

        (
            "ConceptMap", .domainResource,
            "url:uri identifier:Identifier version:string name:string title:string status!:code=publication-status "
                + "experimental:boolean date:dateTime publisher:string contact*:ContactDetail description:markdown "
                + "useContext*:UsageContext jurisdiction*:CodeableConcept purpose:markdown copyright:markdown "
                + "source[x]:uri,canonical target[x]:uri,canonical group*:ConceptMap.group"
        ),
        (
            "ConceptMap.group", .backbone,
            "source:uri sourceVersion:string target:uri targetVersion:string element+:ConceptMap.group.element "
                + "unmapped:ConceptMap.group.unmapped"
        ),
        (
            "ConceptMap.group.element", .backbone,
            "code:code display:string target*:ConceptMap.group.element.target"
        ),
        (
            "ConceptMap.group.element.target", .backbone,
            "code:code display:string equivalence!:code=concept-map-equivalence comment:string "
                + "dependsOn*:ConceptMap.group.element.target.dependsOn "
                + "product*:ConceptMap.group.element.target.dependsOn"
        ),
        (
            "ConceptMap.group.element.target.dependsOn", .backbone,
            "property!:uri system:canonical value!:string display:string"
        ),
        (
            "ConceptMap.group.unmapped", .backbone,
            "mode!:code=conceptmap-unmapped-mode code:code display:string url:canonical"
        ),
    ]

    static let observationValue =
        "value[x]:Quantity,CodeableConcept,string,boolean,integer,Range,Ratio,SampledData,time,dateTime,Period"

    /// Required value sets of the modelled elements (R4 4.0.1).
    static let valueSetTable: [(String, String)] = [
        ("identifier-use", "usual official temp secondary old"),
        ("name-use", "usual official temp nickname anonymous old maiden"),
        ("address-use", "home work temp old billing"),
        ("address-type", "postal physical both"),
        ("contact-point-system", "phone fax email pager url sms other"),
        ("contact-point-use", "home work temp old mobile"),
        ("quantity-comparator", "< <= >= >"),
        ("narrative-status", "generated extensions additional empty"),
        ("units-of-time", "s min h d wk mo a"),
        ("days-of-week", "mon tue wed thu fri sat sun"),
        ("administrative-gender", "male female other unknown"),
        ("link-type", "replaced-by replaces refer seealso"),
        ("encounter-status", "planned arrived triaged in-progress onleave finished cancelled entered-in-error unknown"),
        ("encounter-location-status", "planned active reserved completed"),
        ("observation-status", "registered preliminary final amended corrected cancelled entered-in-error unknown"),
        (
            "diagnostic-report-status",
            "registered partial preliminary final amended corrected appended cancelled entered-in-error unknown"
        ),
        ("request-status", "draft active on-hold revoked completed entered-in-error unknown"),
        (
            "request-intent",
            "proposal plan directive order original-order reflex-order filler-order instance-order option"
        ),
        ("request-priority", "routine urgent asap stat"),
        ("specimen-status", "available unavailable unsatisfactory entered-in-error"),
        ("condition-clinical", "active recurrence relapse inactive remission resolved"),
        ("condition-ver-status", "unconfirmed provisional differential confirmed refuted entered-in-error"),
        ("medicationrequest-status", "active on-hold cancelled completed entered-in-error stopped draft unknown"),
        (
            "medicationrequest-intent",
            "proposal plan order original-order reflex-order filler-order instance-order option"
        ),
        ("immunization-status", "completed entered-in-error not-done"),
        ("careplan-intent", "proposal plan order option"),
        (
            "careplan-activity-kind",
            "Appointment CommunicationRequest DeviceRequest MedicationRequest NutritionOrder Task ServiceRequest "
                + "VisionPrescription"
        ),
        (
            "careplan-activity-status",
            "not-started scheduled in-progress on-hold completed cancelled stopped unknown entered-in-error"
        ),
        ("careteam-status", "proposed active suspended inactive entered-in-error"),
        ("consent-status", "draft proposed active rejected inactive entered-in-error"),
        ("consent-provision-type", "deny permit"),
        ("consent-data-meaning", "instance related dependents authoredby"),
        ("composition-status", "preliminary final amended entered-in-error"),
        ("composition-attestation-mode", "personal professional legal official"),
        ("document-relationship-type", "replaces transforms signs appends"),
        ("list-mode", "working snapshot changes"),
        ("document-reference-status", "current superseded entered-in-error"),
        (
            "bundle-type",
            "document message transaction transaction-response batch batch-response history searchset collection"
        ),
        ("search-entry-mode", "match include outcome"),
        ("http-verb", "GET HEAD POST PUT DELETE PATCH"),
        ("issue-severity", "fatal error warning information"),
        (
            "issue-type",
            "invalid structure required value invariant security login unknown expired forbidden suppressed "
                + "processing not-supported duplicate multiple-matches not-found deleted too-long code-invalid "
                + "extension too-costly business-rule conflict transient lock-loss no-store exception timeout "
                + "incomplete throttled informational"
        ),
        ("publication-status", "draft active retired unknown"),
        (
            "concept-map-equivalence",
            "relatedto equivalent equal wider subsumes narrower specializes inexact unmatched disjoint"
        ),
        ("conceptmap-unmapped-mode", "provided fixed other-map"),
    ]

    /// Code systems of value sets bound to CodeableConcept elements.
    static let codeableConceptSystems: [String: String] = [
        "condition-clinical": "http://terminology.hl7.org/CodeSystem/condition-clinical",
        "condition-ver-status": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
    ]

    /// Every R4 data type name (the choices of `Extension.value[x]`).
    static let allDataTypes =
        "base64Binary boolean canonical code date dateTime decimal id instant integer markdown oid positiveInt "
        + "string time unsignedInt uri url uuid Address Age Annotation Attachment CodeableConcept Coding "
        + "ContactPoint Count Distance Duration HumanName Identifier Money Period Quantity Range Ratio Reference "
        + "SampledData Signature Timing ContactDetail Contributor DataRequirement Expression ParameterDefinition "
        + "RelatedArtifact TriggerDefinition UsageContext Dosage Meta"
}
