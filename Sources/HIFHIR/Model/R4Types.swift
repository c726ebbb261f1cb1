// Typed views of the modelled R4 types (first generated from a property table; maintained by hand).

// swift-format-ignore-file

/// An identifier (R4 `Identifier`): a system URI and a value, e.g. a resident ID.
///
/// ```swift
/// var value = FHIR.Identifier()
/// print(value.use as Any)
/// ```
extension FHIR {
    public struct Identifier: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `use`.
        public var use: String? { get { string("use") } set { setString("use", newValue) } }
        /// `type`.
        public var type: CodeableConcept? { get { element("type") } set { setElement("type", newValue) } }
        /// `system`.
        public var system: String? { get { string("system") } set { setString("system", newValue) } }
        /// `value`.
        public var value: String? { get { string("value") } set { setString("value", newValue) } }
        /// `period`.
        public var period: Period? { get { element("period") } set { setElement("period", newValue) } }
        /// `assigner`.
        public var assigner: Reference? { get { element("assigner") } set { setElement("assigner", newValue) } }
    }

    /// A person's name (R4 `HumanName`); Chinese names usually in `text` or `family`+`given`.
    ///
    /// ```swift
    /// var value = FHIR.HumanName()
    /// print(value.use as Any)
    /// ```
    public struct HumanName: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `use`.
        public var use: String? { get { string("use") } set { setString("use", newValue) } }
        /// `text`.
        public var text: String? { get { string("text") } set { setString("text", newValue) } }
        /// `family`.
        public var family: String? { get { string("family") } set { setString("family", newValue) } }
        /// `given`.
        public var given: [String] { get { strings("given") } set { setStrings("given", newValue) } }
        /// `prefix`.
        public var prefix: [String] { get { strings("prefix") } set { setStrings("prefix", newValue) } }
        /// `suffix`.
        public var suffix: [String] { get { strings("suffix") } set { setStrings("suffix", newValue) } }
        /// `period`.
        public var period: Period? { get { element("period") } set { setElement("period", newValue) } }
    }

    /// A postal or physical address (R4 `Address`).
    ///
    /// ```swift
    /// var value = FHIR.Address()
    /// print(value.use as Any)
    /// ```
    public struct Address: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `use`.
        public var use: String? { get { string("use") } set { setString("use", newValue) } }
        /// `type`.
        public var type: String? { get { string("type") } set { setString("type", newValue) } }
        /// `text`.
        public var text: String? { get { string("text") } set { setString("text", newValue) } }
        /// `line`.
        public var line: [String] { get { strings("line") } set { setStrings("line", newValue) } }
        /// `city`.
        public var city: String? { get { string("city") } set { setString("city", newValue) } }
        /// `district`.
        public var district: String? { get { string("district") } set { setString("district", newValue) } }
        /// `state`.
        public var state: String? { get { string("state") } set { setString("state", newValue) } }
        /// `postalCode`.
        public var postalCode: String? { get { string("postalCode") } set { setString("postalCode", newValue) } }
        /// `country`.
        public var country: String? { get { string("country") } set { setString("country", newValue) } }
        /// `period`.
        public var period: Period? { get { element("period") } set { setElement("period", newValue) } }
    }

    /// A phone number, e-mail address, … (R4 `ContactPoint`).
    ///
    /// ```swift
    /// var value = FHIR.ContactPoint()
    /// print(value.system as Any)
    /// ```
    public struct ContactPoint: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `system`.
        public var system: String? { get { string("system") } set { setString("system", newValue) } }
        /// `value`.
        public var value: String? { get { string("value") } set { setString("value", newValue) } }
        /// `use`.
        public var use: String? { get { string("use") } set { setString("use", newValue) } }
        /// `rank`.
        public var rank: JSONNumber? { get { number("rank") } set { setNumber("rank", newValue) } }
        /// `period`.
        public var period: Period? { get { element("period") } set { setElement("period", newValue) } }
    }

    /// A concept: codings and/or text (R4 `CodeableConcept`).
    ///
    /// ```swift
    /// var value = FHIR.CodeableConcept()
    /// print(value.coding as Any)
    /// ```
    public struct CodeableConcept: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `coding`.
        public var coding: [Coding] { get { elements("coding") } set { setElements("coding", newValue) } }
        /// `text`.
        public var text: String? { get { string("text") } set { setString("text", newValue) } }
    }

    /// A code from a code system (R4 `Coding`).
    ///
    /// ```swift
    /// var value = FHIR.Coding()
    /// print(value.system as Any)
    /// ```
    public struct Coding: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `system`.
        public var system: String? { get { string("system") } set { setString("system", newValue) } }
        /// `version`.
        public var version: String? { get { string("version") } set { setString("version", newValue) } }
        /// `code`.
        public var code: String? { get { string("code") } set { setString("code", newValue) } }
        /// `display`.
        public var display: String? { get { string("display") } set { setString("display", newValue) } }
        /// `display`.
        public var displayElement: PrimitiveElement? { primitiveExtension("display") }
        /// `userSelected`.
        public var userSelected: Bool? { get { bool("userSelected") } set { setBool("userSelected", newValue) } }
    }

    /// A measured amount (R4 `Quantity`; also Duration, Age, …); `value` keeps its exact digits.
    ///
    /// ```swift
    /// var value = FHIR.Quantity()
    /// print(value.value as Any)
    /// ```
    public struct Quantity: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `value`.
        public var value: JSONNumber? { get { number("value") } set { setNumber("value", newValue) } }
        /// `comparator`.
        public var comparator: String? { get { string("comparator") } set { setString("comparator", newValue) } }
        /// `unit`.
        public var unit: String? { get { string("unit") } set { setString("unit", newValue) } }
        /// `system`.
        public var system: String? { get { string("system") } set { setString("system", newValue) } }
        /// `code`.
        public var code: String? { get { string("code") } set { setString("code", newValue) } }
    }

    /// A range of quantities (R4 `Range`; named Range to avoid Swift.Range).
    ///
    /// ```swift
    /// var value = FHIR.Range()
    /// print(value.low as Any)
    /// ```
    public struct Range: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `low`.
        public var low: Quantity? { get { element("low") } set { setElement("low", newValue) } }
        /// `high`.
        public var high: Quantity? { get { element("high") } set { setElement("high", newValue) } }
    }

    /// A ratio of two quantities (R4 `Ratio`).
    ///
    /// ```swift
    /// var value = FHIR.Ratio()
    /// print(value.numerator as Any)
    /// ```
    public struct Ratio: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `numerator`.
        public var numerator: Quantity? { get { element("numerator") } set { setElement("numerator", newValue) } }
        /// `denominator`.
        public var denominator: Quantity? { get { element("denominator") } set { setElement("denominator", newValue) } }
    }

    /// A reference to another resource (R4 `Reference`): relative, absolute, `urn:uuid:` or `#contained`.
    ///
    /// ```swift
    /// var value = FHIR.Reference()
    /// print(value.reference as Any)
    /// ```
    public struct Reference: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `reference`.
        public var reference: String? { get { string("reference") } set { setString("reference", newValue) } }
        /// `type`.
        public var type: String? { get { string("type") } set { setString("type", newValue) } }
        /// `identifier`.
        public var identifier: Identifier? { get { element("identifier") } set { setElement("identifier", newValue) } }
        /// `display`.
        public var display: String? { get { string("display") } set { setString("display", newValue) } }
    }

    /// A time period (R4 `Period`), start and end as FHIR dateTime text.
    ///
    /// ```swift
    /// var value = FHIR.Period()
    /// print(value.start as Any)
    /// ```
    public struct Period: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `start`.
        public var start: String? { get { string("start") } set { setString("start", newValue) } }
        /// `end`.
        public var end: String? { get { string("end") } set { setString("end", newValue) } }
    }

    /// An extension (R4 `Extension`): a URL and a value[x] or nested extensions.
    ///
    /// ```swift
    /// var value = FHIR.Extension()
    /// print(value.url as Any)
    /// ```
    public struct Extension: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `url`.
        public var url: String? { get { string("url") } set { setString("url", newValue) } }
        /// `value`.
        public var value: FHIRChoice? { get { choice("value") } set { setChoice("value", newValue) } }
    }

    /// The human-readable XHTML of a resource (R4 `Narrative`).
    ///
    /// ```swift
    /// var value = FHIR.Narrative()
    /// print(value.status as Any)
    /// ```
    public struct Narrative: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `div`.
        public var div: String? { get { string("div") } set { setString("div", newValue) } }
    }

    /// Resource metadata (R4 `Meta`).
    ///
    /// ```swift
    /// var value = FHIR.Meta()
    /// print(value.versionId as Any)
    /// ```
    public struct Meta: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `versionId`.
        public var versionId: String? { get { string("versionId") } set { setString("versionId", newValue) } }
        /// `lastUpdated`.
        public var lastUpdated: String? { get { string("lastUpdated") } set { setString("lastUpdated", newValue) } }
        /// `source`.
        public var source: String? { get { string("source") } set { setString("source", newValue) } }
        /// `profile`.
        public var profile: [String] { get { strings("profile") } set { setStrings("profile", newValue) } }
        /// `security`.
        public var security: [Coding] { get { elements("security") } set { setElements("security", newValue) } }
        /// `tag`.
        public var tag: [Coding] { get { elements("tag") } set { setElements("tag", newValue) } }
    }

    /// A note with author and time (R4 `Annotation`).
    ///
    /// ```swift
    /// var value = FHIR.Annotation()
    /// print(value.author as Any)
    /// ```
    public struct Annotation: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `author`.
        public var author: FHIRChoice? { get { choice("author") } set { setChoice("author", newValue) } }
        /// `time`.
        public var time: String? { get { string("time") } set { setString("time", newValue) } }
        /// `text`.
        public var text: String? { get { string("text") } set { setString("text", newValue) } }
    }

    /// Content by value (base64 `data`) or by `url` (R4 `Attachment`).
    ///
    /// ```swift
    /// var value = FHIR.Attachment()
    /// print(value.contentType as Any)
    /// ```
    public struct Attachment: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `contentType`.
        public var contentType: String? { get { string("contentType") } set { setString("contentType", newValue) } }
        /// `language`.
        public var language: String? { get { string("language") } set { setString("language", newValue) } }
        /// `data`.
        public var data: String? { get { string("data") } set { setString("data", newValue) } }
        /// `url`.
        public var url: String? { get { string("url") } set { setString("url", newValue) } }
        /// `size`.
        public var size: JSONNumber? { get { number("size") } set { setNumber("size", newValue) } }
        /// `hash`.
        public var hash: String? { get { string("hash") } set { setString("hash", newValue) } }
        /// `title`.
        public var title: String? { get { string("title") } set { setString("title", newValue) } }
        /// `creation`.
        public var creation: String? { get { string("creation") } set { setString("creation", newValue) } }
    }

    /// How a medication is to be taken (R4 `Dosage`, basic).
    ///
    /// ```swift
    /// var value = FHIR.Dosage()
    /// print(value.sequence as Any)
    /// ```
    public struct Dosage: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `sequence`.
        public var sequence: JSONNumber? { get { number("sequence") } set { setNumber("sequence", newValue) } }
        /// `text`.
        public var text: String? { get { string("text") } set { setString("text", newValue) } }
        /// `patientInstruction`.
        public var patientInstruction: String? { get { string("patientInstruction") } set { setString("patientInstruction", newValue) } }
        /// `timing`.
        public var timing: Timing? { get { element("timing") } set { setElement("timing", newValue) } }
        /// `asNeeded`.
        public var asNeeded: FHIRChoice? { get { choice("asNeeded") } set { setChoice("asNeeded", newValue) } }
        /// `site`.
        public var site: CodeableConcept? { get { element("site") } set { setElement("site", newValue) } }
        /// `route`.
        public var route: CodeableConcept? { get { element("route") } set { setElement("route", newValue) } }
        /// `method`.
        public var method: CodeableConcept? { get { element("method") } set { setElement("method", newValue) } }
        /// `doseAndRate`.
        public var doseAndRate: [DoseAndRate] { get { elements("doseAndRate") } set { setElements("doseAndRate", newValue) } }
    }

    /// One dose and rate of a Dosage (R4 `Dosage.doseAndRate`).
    ///
    /// ```swift
    /// var value = FHIR.DoseAndRate()
    /// print(value.type as Any)
    /// ```
    public struct DoseAndRate: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `type`.
        public var type: CodeableConcept? { get { element("type") } set { setElement("type", newValue) } }
        /// `dose`.
        public var dose: FHIRChoice? { get { choice("dose") } set { setChoice("dose", newValue) } }
        /// `rate`.
        public var rate: FHIRChoice? { get { choice("rate") } set { setChoice("rate", newValue) } }
    }

    /// When something happens (R4 `Timing`, basic): events, a repeat rule or a code.
    ///
    /// ```swift
    /// var value = FHIR.Timing()
    /// print(value.event as Any)
    /// ```
    public struct Timing: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `event`.
        public var event: [String] { get { strings("event") } set { setStrings("event", newValue) } }
        /// `repeat`.
        public var repeatRule: TimingRepeat? { get { element("repeat") } set { setElement("repeat", newValue) } }
        /// `code`.
        public var code: CodeableConcept? { get { element("code") } set { setElement("code", newValue) } }
    }

    /// The repeat rule of a Timing (R4 `Timing.repeat`, basic).
    ///
    /// ```swift
    /// var value = FHIR.TimingRepeat()
    /// print(value.bounds as Any)
    /// ```
    public struct TimingRepeat: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `bounds`.
        public var bounds: FHIRChoice? { get { choice("bounds") } set { setChoice("bounds", newValue) } }
        /// `count`.
        public var count: JSONNumber? { get { number("count") } set { setNumber("count", newValue) } }
        /// `frequency`.
        public var frequency: JSONNumber? { get { number("frequency") } set { setNumber("frequency", newValue) } }
        /// `period`.
        public var period: JSONNumber? { get { number("period") } set { setNumber("period", newValue) } }
        /// `periodUnit`.
        public var periodUnit: String? { get { string("periodUnit") } set { setString("periodUnit", newValue) } }
        /// `dayOfWeek`.
        public var dayOfWeek: [String] { get { strings("dayOfWeek") } set { setStrings("dayOfWeek", newValue) } }
        /// `timeOfDay`.
        public var timeOfDay: [String] { get { strings("timeOfDay") } set { setStrings("timeOfDay", newValue) } }
        /// `when`.
        public var when: [String] { get { strings("when") } set { setStrings("when", newValue) } }
    }

    /// A reference range of an Observation (R4 `Observation.referenceRange`).
    ///
    /// ```swift
    /// var value = FHIR.ReferenceRange()
    /// print(value.low as Any)
    /// ```
    public struct ReferenceRange: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `low`.
        public var low: Quantity? { get { element("low") } set { setElement("low", newValue) } }
        /// `high`.
        public var high: Quantity? { get { element("high") } set { setElement("high", newValue) } }
        /// `type`.
        public var type: CodeableConcept? { get { element("type") } set { setElement("type", newValue) } }
        /// `appliesTo`.
        public var appliesTo: [CodeableConcept] { get { elements("appliesTo") } set { setElements("appliesTo", newValue) } }
        /// `age`.
        public var age: Range? { get { element("age") } set { setElement("age", newValue) } }
        /// `text`.
        public var text: String? { get { string("text") } set { setString("text", newValue) } }
    }

    /// A component result of an Observation (R4 `Observation.component`).
    ///
    /// ```swift
    /// var value = FHIR.ObservationComponent()
    /// print(value.code as Any)
    /// ```
    public struct ObservationComponent: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `code`.
        public var code: CodeableConcept? { get { element("code") } set { setElement("code", newValue) } }
        /// `value`.
        public var value: FHIRChoice? { get { choice("value") } set { setChoice("value", newValue) } }
        /// `dataAbsentReason`.
        public var dataAbsentReason: CodeableConcept? { get { element("dataAbsentReason") } set { setElement("dataAbsentReason", newValue) } }
        /// `interpretation`.
        public var interpretation: [CodeableConcept] { get { elements("interpretation") } set { setElements("interpretation", newValue) } }
        /// `referenceRange`.
        public var referenceRange: [ReferenceRange] { get { elements("referenceRange") } set { setElements("referenceRange", newValue) } }
    }

    /// One entry of a Bundle (R4 `Bundle.entry`): fullUrl, resource, search, request, response.
    ///
    /// ```swift
    /// var value = FHIR.BundleEntry()
    /// print(value.fullUrl as Any)
    /// ```
    public struct BundleEntry: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `fullUrl`.
        public var fullUrl: String? { get { string("fullUrl") } set { setString("fullUrl", newValue) } }
        /// `request`.
        public var request: BundleEntryRequest? { get { element("request") } set { setElement("request", newValue) } }
        /// `response`.
        public var response: BundleEntryResponse? { get { element("response") } set { setElement("response", newValue) } }
        /// `search`.
        public var search: BundleEntrySearch? { get { element("search") } set { setElement("search", newValue) } }
    }

    /// The request of a transaction or batch entry (R4 `Bundle.entry.request`).
    ///
    /// ```swift
    /// var value = FHIR.BundleEntryRequest()
    /// print(value.method as Any)
    /// ```
    public struct BundleEntryRequest: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `method`.
        public var method: String? { get { string("method") } set { setString("method", newValue) } }
        /// `url`.
        public var url: String? { get { string("url") } set { setString("url", newValue) } }
        /// `ifNoneExist`.
        public var ifNoneExist: String? { get { string("ifNoneExist") } set { setString("ifNoneExist", newValue) } }
        /// `ifMatch`.
        public var ifMatch: String? { get { string("ifMatch") } set { setString("ifMatch", newValue) } }
    }

    /// The response of a transaction-response entry (R4 `Bundle.entry.response`).
    ///
    /// ```swift
    /// var value = FHIR.BundleEntryResponse()
    /// print(value.status as Any)
    /// ```
    public struct BundleEntryResponse: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `location`.
        public var location: String? { get { string("location") } set { setString("location", newValue) } }
        /// `etag`.
        public var etag: String? { get { string("etag") } set { setString("etag", newValue) } }
    }

    /// Search information of a searchset entry (R4 `Bundle.entry.search`).
    ///
    /// ```swift
    /// var value = FHIR.BundleEntrySearch()
    /// print(value.mode as Any)
    /// ```
    public struct BundleEntrySearch: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `mode`.
        public var mode: String? { get { string("mode") } set { setString("mode", newValue) } }
        /// `score`.
        public var score: JSONNumber? { get { number("score") } set { setNumber("score", newValue) } }
    }

    /// A section of a Composition (R4 `Composition.section`).
    ///
    /// ```swift
    /// var value = FHIR.CompositionSection()
    /// print(value.title as Any)
    /// ```
    public struct CompositionSection: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `title`.
        public var title: String? { get { string("title") } set { setString("title", newValue) } }
        /// `code`.
        public var code: CodeableConcept? { get { element("code") } set { setElement("code", newValue) } }
        /// `text`.
        public var text: Narrative? { get { element("text") } set { setElement("text", newValue) } }
        /// `entry`.
        public var entry: [Reference] { get { elements("entry") } set { setElements("entry", newValue) } }
        /// `section`.
        public var section: [CompositionSection] { get { elements("section") } set { setElements("section", newValue) } }
    }

    /// One issue of an OperationOutcome (R4 `OperationOutcome.issue`).
    ///
    /// ```swift
    /// var value = FHIR.OperationOutcomeIssue()
    /// print(value.severity as Any)
    /// ```
    public struct OperationOutcomeIssue: FHIRElement {
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `severity`.
        public var severity: String? { get { string("severity") } set { setString("severity", newValue) } }
        /// `code`.
        public var code: String? { get { string("code") } set { setString("code", newValue) } }
        /// `details`.
        public var details: CodeableConcept? { get { element("details") } set { setElement("details", newValue) } }
        /// `diagnostics`.
        public var diagnostics: String? { get { string("diagnostics") } set { setString("diagnostics", newValue) } }
        /// `expression`.
        public var expression: [String] { get { strings("expression") } set { setStrings("expression", newValue) } }
        /// `location`.
        public var location: [String] { get { strings("location") } set { setStrings("location", newValue) } }
    }

    /// R4 `Patient`: demographics of a person receiving care.
    ///
    /// ```swift
    /// var resource = FHIR.Patient.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Patient: FHIRTypedResource {
        public static let resourceType = "Patient"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `active`.
        public var active: Bool? { get { bool("active") } set { setBool("active", newValue) } }
        /// `name`.
        public var name: [HumanName] { get { elements("name") } set { setElements("name", newValue) } }
        /// `telecom`.
        public var telecom: [ContactPoint] { get { elements("telecom") } set { setElements("telecom", newValue) } }
        /// `gender`.
        public var gender: String? { get { string("gender") } set { setString("gender", newValue) } }
        /// `birthDate`.
        public var birthDate: String? { get { string("birthDate") } set { setString("birthDate", newValue) } }
        /// `birthDate`.
        public var birthDateElement: PrimitiveElement? { primitiveExtension("birthDate") }
        /// `deceased`.
        public var deceased: FHIRChoice? { get { choice("deceased") } set { setChoice("deceased", newValue) } }
        /// `address`.
        public var address: [Address] { get { elements("address") } set { setElements("address", newValue) } }
        /// `maritalStatus`.
        public var maritalStatus: CodeableConcept? { get { element("maritalStatus") } set { setElement("maritalStatus", newValue) } }
        /// `multipleBirth`.
        public var multipleBirth: FHIRChoice? { get { choice("multipleBirth") } set { setChoice("multipleBirth", newValue) } }
        /// `generalPractitioner`.
        public var generalPractitioner: [Reference] { get { elements("generalPractitioner") } set { setElements("generalPractitioner", newValue) } }
        /// `managingOrganization`.
        public var managingOrganization: Reference? { get { element("managingOrganization") } set { setElement("managingOrganization", newValue) } }
    }

    /// R4 `Practitioner`: a person who provides care.
    ///
    /// ```swift
    /// var resource = FHIR.Practitioner.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Practitioner: FHIRTypedResource {
        public static let resourceType = "Practitioner"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `active`.
        public var active: Bool? { get { bool("active") } set { setBool("active", newValue) } }
        /// `name`.
        public var name: [HumanName] { get { elements("name") } set { setElements("name", newValue) } }
        /// `telecom`.
        public var telecom: [ContactPoint] { get { elements("telecom") } set { setElements("telecom", newValue) } }
        /// `address`.
        public var address: [Address] { get { elements("address") } set { setElements("address", newValue) } }
        /// `gender`.
        public var gender: String? { get { string("gender") } set { setString("gender", newValue) } }
        /// `birthDate`.
        public var birthDate: String? { get { string("birthDate") } set { setString("birthDate", newValue) } }
    }

    /// R4 `PractitionerRole`: what a practitioner does for an organisation.
    ///
    /// ```swift
    /// var resource = FHIR.PractitionerRole.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct PractitionerRole: FHIRTypedResource {
        public static let resourceType = "PractitionerRole"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `active`.
        public var active: Bool? { get { bool("active") } set { setBool("active", newValue) } }
        /// `period`.
        public var period: Period? { get { element("period") } set { setElement("period", newValue) } }
        /// `practitioner`.
        public var practitioner: Reference? { get { element("practitioner") } set { setElement("practitioner", newValue) } }
        /// `organization`.
        public var organization: Reference? { get { element("organization") } set { setElement("organization", newValue) } }
        /// `code`.
        public var code: [CodeableConcept] { get { elements("code") } set { setElements("code", newValue) } }
        /// `specialty`.
        public var specialty: [CodeableConcept] { get { elements("specialty") } set { setElements("specialty", newValue) } }
        /// `location`.
        public var location: [Reference] { get { elements("location") } set { setElements("location", newValue) } }
        /// `telecom`.
        public var telecom: [ContactPoint] { get { elements("telecom") } set { setElements("telecom", newValue) } }
    }

    /// R4 `Organization`: a hospital, lab, platform or other body.
    ///
    /// ```swift
    /// var resource = FHIR.Organization.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Organization: FHIRTypedResource {
        public static let resourceType = "Organization"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `active`.
        public var active: Bool? { get { bool("active") } set { setBool("active", newValue) } }
        /// `type`.
        public var type: [CodeableConcept] { get { elements("type") } set { setElements("type", newValue) } }
        /// `name`.
        public var name: String? { get { string("name") } set { setString("name", newValue) } }
        /// `alias`.
        public var alias: [String] { get { strings("alias") } set { setStrings("alias", newValue) } }
        /// `telecom`.
        public var telecom: [ContactPoint] { get { elements("telecom") } set { setElements("telecom", newValue) } }
        /// `address`.
        public var address: [Address] { get { elements("address") } set { setElements("address", newValue) } }
        /// `partOf`.
        public var partOf: Reference? { get { element("partOf") } set { setElement("partOf", newValue) } }
    }

    /// R4 `Encounter`: a visit or admission.
    ///
    /// ```swift
    /// var resource = FHIR.Encounter.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Encounter: FHIRTypedResource {
        public static let resourceType = "Encounter"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `class`.
        public var encounterClass: Coding? { get { element("class") } set { setElement("class", newValue) } }
        /// `type`.
        public var type: [CodeableConcept] { get { elements("type") } set { setElements("type", newValue) } }
        /// `priority`.
        public var priority: CodeableConcept? { get { element("priority") } set { setElement("priority", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `period`.
        public var period: Period? { get { element("period") } set { setElement("period", newValue) } }
        /// `reasonCode`.
        public var reasonCode: [CodeableConcept] { get { elements("reasonCode") } set { setElements("reasonCode", newValue) } }
        /// `serviceProvider`.
        public var serviceProvider: Reference? { get { element("serviceProvider") } set { setElement("serviceProvider", newValue) } }
    }

    /// R4 `Observation`: a measurement or finding (lab result, vital sign, …).
    ///
    /// ```swift
    /// var resource = FHIR.Observation.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Observation: FHIRTypedResource {
        public static let resourceType = "Observation"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `basedOn`.
        public var basedOn: [Reference] { get { elements("basedOn") } set { setElements("basedOn", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `code`.
        public var code: CodeableConcept? { get { element("code") } set { setElement("code", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `encounter`.
        public var encounter: Reference? { get { element("encounter") } set { setElement("encounter", newValue) } }
        /// `effective`.
        public var effective: FHIRChoice? { get { choice("effective") } set { setChoice("effective", newValue) } }
        /// `issued`.
        public var issued: String? { get { string("issued") } set { setString("issued", newValue) } }
        /// `performer`.
        public var performer: [Reference] { get { elements("performer") } set { setElements("performer", newValue) } }
        /// `value`.
        public var value: FHIRChoice? { get { choice("value") } set { setChoice("value", newValue) } }
        /// `dataAbsentReason`.
        public var dataAbsentReason: CodeableConcept? { get { element("dataAbsentReason") } set { setElement("dataAbsentReason", newValue) } }
        /// `interpretation`.
        public var interpretation: [CodeableConcept] { get { elements("interpretation") } set { setElements("interpretation", newValue) } }
        /// `note`.
        public var note: [Annotation] { get { elements("note") } set { setElements("note", newValue) } }
        /// `specimen`.
        public var specimen: Reference? { get { element("specimen") } set { setElement("specimen", newValue) } }
        /// `referenceRange`.
        public var referenceRange: [ReferenceRange] { get { elements("referenceRange") } set { setElements("referenceRange", newValue) } }
        /// `hasMember`.
        public var hasMember: [Reference] { get { elements("hasMember") } set { setElements("hasMember", newValue) } }
        /// `component`.
        public var component: [ObservationComponent] { get { elements("component") } set { setElements("component", newValue) } }
    }

    /// R4 `DiagnosticReport`: a lab or imaging report grouping results.
    ///
    /// ```swift
    /// var resource = FHIR.DiagnosticReport.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct DiagnosticReport: FHIRTypedResource {
        public static let resourceType = "DiagnosticReport"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `basedOn`.
        public var basedOn: [Reference] { get { elements("basedOn") } set { setElements("basedOn", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `code`.
        public var code: CodeableConcept? { get { element("code") } set { setElement("code", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `encounter`.
        public var encounter: Reference? { get { element("encounter") } set { setElement("encounter", newValue) } }
        /// `effective`.
        public var effective: FHIRChoice? { get { choice("effective") } set { setChoice("effective", newValue) } }
        /// `issued`.
        public var issued: String? { get { string("issued") } set { setString("issued", newValue) } }
        /// `performer`.
        public var performer: [Reference] { get { elements("performer") } set { setElements("performer", newValue) } }
        /// `resultsInterpreter`.
        public var resultsInterpreter: [Reference] { get { elements("resultsInterpreter") } set { setElements("resultsInterpreter", newValue) } }
        /// `specimen`.
        public var specimen: [Reference] { get { elements("specimen") } set { setElements("specimen", newValue) } }
        /// `result`.
        public var result: [Reference] { get { elements("result") } set { setElements("result", newValue) } }
        /// `conclusion`.
        public var conclusion: String? { get { string("conclusion") } set { setString("conclusion", newValue) } }
        /// `conclusionCode`.
        public var conclusionCode: [CodeableConcept] { get { elements("conclusionCode") } set { setElements("conclusionCode", newValue) } }
        /// `presentedForm`.
        public var presentedForm: [Attachment] { get { elements("presentedForm") } set { setElements("presentedForm", newValue) } }
    }

    /// R4 `ServiceRequest`: an order or referral.
    ///
    /// ```swift
    /// var resource = FHIR.ServiceRequest.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct ServiceRequest: FHIRTypedResource {
        public static let resourceType = "ServiceRequest"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `intent`.
        public var intent: String? { get { string("intent") } set { setString("intent", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `priority`.
        public var priority: String? { get { string("priority") } set { setString("priority", newValue) } }
        /// `code`.
        public var code: CodeableConcept? { get { element("code") } set { setElement("code", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `encounter`.
        public var encounter: Reference? { get { element("encounter") } set { setElement("encounter", newValue) } }
        /// `occurrence`.
        public var occurrence: FHIRChoice? { get { choice("occurrence") } set { setChoice("occurrence", newValue) } }
        /// `authoredOn`.
        public var authoredOn: String? { get { string("authoredOn") } set { setString("authoredOn", newValue) } }
        /// `requester`.
        public var requester: Reference? { get { element("requester") } set { setElement("requester", newValue) } }
        /// `performer`.
        public var performer: [Reference] { get { elements("performer") } set { setElements("performer", newValue) } }
        /// `reasonCode`.
        public var reasonCode: [CodeableConcept] { get { elements("reasonCode") } set { setElements("reasonCode", newValue) } }
        /// `specimen`.
        public var specimen: [Reference] { get { elements("specimen") } set { setElements("specimen", newValue) } }
    }

    /// R4 `Specimen`: a sample for analysis.
    ///
    /// ```swift
    /// var resource = FHIR.Specimen.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Specimen: FHIRTypedResource {
        public static let resourceType = "Specimen"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `accessionIdentifier`.
        public var accessionIdentifier: Identifier? { get { element("accessionIdentifier") } set { setElement("accessionIdentifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `type`.
        public var type: CodeableConcept? { get { element("type") } set { setElement("type", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `receivedTime`.
        public var receivedTime: String? { get { string("receivedTime") } set { setString("receivedTime", newValue) } }
        /// `request`.
        public var request: [Reference] { get { elements("request") } set { setElements("request", newValue) } }
    }

    /// R4 `Condition`: a problem or diagnosis.
    ///
    /// ```swift
    /// var resource = FHIR.Condition.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Condition: FHIRTypedResource {
        public static let resourceType = "Condition"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `clinicalStatus`.
        public var clinicalStatus: CodeableConcept? { get { element("clinicalStatus") } set { setElement("clinicalStatus", newValue) } }
        /// `verificationStatus`.
        public var verificationStatus: CodeableConcept? { get { element("verificationStatus") } set { setElement("verificationStatus", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `severity`.
        public var severity: CodeableConcept? { get { element("severity") } set { setElement("severity", newValue) } }
        /// `code`.
        public var code: CodeableConcept? { get { element("code") } set { setElement("code", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `encounter`.
        public var encounter: Reference? { get { element("encounter") } set { setElement("encounter", newValue) } }
        /// `onset`.
        public var onset: FHIRChoice? { get { choice("onset") } set { setChoice("onset", newValue) } }
        /// `abatement`.
        public var abatement: FHIRChoice? { get { choice("abatement") } set { setChoice("abatement", newValue) } }
        /// `recordedDate`.
        public var recordedDate: String? { get { string("recordedDate") } set { setString("recordedDate", newValue) } }
    }

    /// R4 `MedicationRequest`: a prescription or medication order.
    ///
    /// ```swift
    /// var resource = FHIR.MedicationRequest.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct MedicationRequest: FHIRTypedResource {
        public static let resourceType = "MedicationRequest"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `intent`.
        public var intent: String? { get { string("intent") } set { setString("intent", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `priority`.
        public var priority: String? { get { string("priority") } set { setString("priority", newValue) } }
        /// `medication`.
        public var medication: FHIRChoice? { get { choice("medication") } set { setChoice("medication", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `encounter`.
        public var encounter: Reference? { get { element("encounter") } set { setElement("encounter", newValue) } }
        /// `authoredOn`.
        public var authoredOn: String? { get { string("authoredOn") } set { setString("authoredOn", newValue) } }
        /// `requester`.
        public var requester: Reference? { get { element("requester") } set { setElement("requester", newValue) } }
        /// `reasonCode`.
        public var reasonCode: [CodeableConcept] { get { elements("reasonCode") } set { setElements("reasonCode", newValue) } }
        /// `dosageInstruction`.
        public var dosageInstruction: [Dosage] { get { elements("dosageInstruction") } set { setElements("dosageInstruction", newValue) } }
    }

    /// R4 `Immunization`: a vaccination given or recorded.
    ///
    /// ```swift
    /// var resource = FHIR.Immunization.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Immunization: FHIRTypedResource {
        public static let resourceType = "Immunization"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `vaccineCode`.
        public var vaccineCode: CodeableConcept? { get { element("vaccineCode") } set { setElement("vaccineCode", newValue) } }
        /// `patient`.
        public var patient: Reference? { get { element("patient") } set { setElement("patient", newValue) } }
        /// `encounter`.
        public var encounter: Reference? { get { element("encounter") } set { setElement("encounter", newValue) } }
        /// `occurrence`.
        public var occurrence: FHIRChoice? { get { choice("occurrence") } set { setChoice("occurrence", newValue) } }
        /// `lotNumber`.
        public var lotNumber: String? { get { string("lotNumber") } set { setString("lotNumber", newValue) } }
        /// `doseQuantity`.
        public var doseQuantity: Quantity? { get { element("doseQuantity") } set { setElement("doseQuantity", newValue) } }
    }

    /// R4 `CarePlan`: planned care, e.g. a chronic-disease follow-up plan.
    ///
    /// ```swift
    /// var resource = FHIR.CarePlan.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct CarePlan: FHIRTypedResource {
        public static let resourceType = "CarePlan"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `intent`.
        public var intent: String? { get { string("intent") } set { setString("intent", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `title`.
        public var title: String? { get { string("title") } set { setString("title", newValue) } }
        /// `description`.
        public var description: String? { get { string("description") } set { setString("description", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `period`.
        public var period: Period? { get { element("period") } set { setElement("period", newValue) } }
        /// `author`.
        public var author: Reference? { get { element("author") } set { setElement("author", newValue) } }
    }

    /// R4 `CareTeam`: e.g. a family-doctor team.
    ///
    /// ```swift
    /// var resource = FHIR.CareTeam.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct CareTeam: FHIRTypedResource {
        public static let resourceType = "CareTeam"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `name`.
        public var name: String? { get { string("name") } set { setString("name", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `period`.
        public var period: Period? { get { element("period") } set { setElement("period", newValue) } }
        /// `managingOrganization`.
        public var managingOrganization: [Reference] { get { elements("managingOrganization") } set { setElements("managingOrganization", newValue) } }
    }

    /// R4 `Consent`: a patient's consent (e.g. to share records).
    ///
    /// ```swift
    /// var resource = FHIR.Consent.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Consent: FHIRTypedResource {
        public static let resourceType = "Consent"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `scope`.
        public var scope: CodeableConcept? { get { element("scope") } set { setElement("scope", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `patient`.
        public var patient: Reference? { get { element("patient") } set { setElement("patient", newValue) } }
        /// `dateTime`.
        public var dateTime: String? { get { string("dateTime") } set { setString("dateTime", newValue) } }
        /// `organization`.
        public var organization: [Reference] { get { elements("organization") } set { setElements("organization", newValue) } }
    }

    /// R4 `Composition`: the first resource of a document Bundle.
    ///
    /// ```swift
    /// var resource = FHIR.Composition.make(id: "example")
    /// print(resource.identifier as Any)
    /// ```
    public struct Composition: FHIRTypedResource {
        public static let resourceType = "Composition"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `identifier`.
        public var identifier: Identifier? { get { element("identifier") } set { setElement("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `type`.
        public var type: CodeableConcept? { get { element("type") } set { setElement("type", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `encounter`.
        public var encounter: Reference? { get { element("encounter") } set { setElement("encounter", newValue) } }
        /// `date`.
        public var date: String? { get { string("date") } set { setString("date", newValue) } }
        /// `author`.
        public var author: [Reference] { get { elements("author") } set { setElements("author", newValue) } }
        /// `title`.
        public var title: String? { get { string("title") } set { setString("title", newValue) } }
        /// `confidentiality`.
        public var confidentiality: String? { get { string("confidentiality") } set { setString("confidentiality", newValue) } }
        /// `custodian`.
        public var custodian: Reference? { get { element("custodian") } set { setElement("custodian", newValue) } }
        /// `section`.
        public var section: [CompositionSection] { get { elements("section") } set { setElements("section", newValue) } }
    }

    /// R4 `DocumentReference`: metadata of a document (e.g. a CDA file).
    ///
    /// ```swift
    /// var resource = FHIR.DocumentReference.make(id: "example")
    /// print(resource.masterIdentifier as Any)
    /// ```
    public struct DocumentReference: FHIRTypedResource {
        public static let resourceType = "DocumentReference"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `masterIdentifier`.
        public var masterIdentifier: Identifier? { get { element("masterIdentifier") } set { setElement("masterIdentifier", newValue) } }
        /// `identifier`.
        public var identifier: [Identifier] { get { elements("identifier") } set { setElements("identifier", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `docStatus`.
        public var docStatus: String? { get { string("docStatus") } set { setString("docStatus", newValue) } }
        /// `type`.
        public var type: CodeableConcept? { get { element("type") } set { setElement("type", newValue) } }
        /// `category`.
        public var category: [CodeableConcept] { get { elements("category") } set { setElements("category", newValue) } }
        /// `subject`.
        public var subject: Reference? { get { element("subject") } set { setElement("subject", newValue) } }
        /// `date`.
        public var date: String? { get { string("date") } set { setString("date", newValue) } }
        /// `author`.
        public var author: [Reference] { get { elements("author") } set { setElements("author", newValue) } }
        /// `custodian`.
        public var custodian: Reference? { get { element("custodian") } set { setElement("custodian", newValue) } }
        /// `description`.
        public var description: String? { get { string("description") } set { setString("description", newValue) } }
    }

    /// R4 `OperationOutcome`: issues found processing a request (see FHIRValidator).
    ///
    /// ```swift
    /// var resource = FHIR.OperationOutcome.make(id: "example")
    /// print(resource.issue as Any)
    /// ```
    public struct OperationOutcome: FHIRTypedResource {
        public static let resourceType = "OperationOutcome"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `issue`.
        public var issue: [OperationOutcomeIssue] { get { elements("issue") } set { setElements("issue", newValue) } }
    }

    /// R4 `ConceptMap`: a crosswalk between code systems.
    ///
    /// ```swift
    /// var resource = FHIR.ConceptMap.make(id: "example")
    /// print(resource.url as Any)
    /// ```
    public struct ConceptMap: FHIRTypedResource {
        public static let resourceType = "ConceptMap"
        public var json: JSONObject
        public init(json: JSONObject) { self.json = json }
        /// `url`.
        public var url: String? { get { string("url") } set { setString("url", newValue) } }
        /// `version`.
        public var version: String? { get { string("version") } set { setString("version", newValue) } }
        /// `name`.
        public var name: String? { get { string("name") } set { setString("name", newValue) } }
        /// `title`.
        public var title: String? { get { string("title") } set { setString("title", newValue) } }
        /// `status`.
        public var status: String? { get { string("status") } set { setString("status", newValue) } }
        /// `date`.
        public var date: String? { get { string("date") } set { setString("date", newValue) } }
        /// `publisher`.
        public var publisher: String? { get { string("publisher") } set { setString("publisher", newValue) } }
        /// `source`.
        public var source: FHIRChoice? { get { choice("source") } set { setChoice("source", newValue) } }
        /// `target`.
        public var target: FHIRChoice? { get { choice("target") } set { setChoice("target", newValue) } }
    }
}
