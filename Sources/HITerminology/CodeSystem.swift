/// A code system: a name used by the `Mappings/` tables (`hl7-0001`), its OID (`2.16.840.1.113883.12.1`)
/// and its FHIR URI (`http://terminology.hl7.org/CodeSystem/v2-0001`).
///
/// A validated value type: the failable initialiser checks the name (letters, digits, `-`, `.`, `_`), the
/// OID (dot-separated numbers) and the URI (`scheme:…`). Well-known systems are static constants; tables in
/// `Mappings/code-systems.tsv` (or a user directory) add more, and ``TerminologyTables`` looks them up by
/// name, OID or URI.
///
/// ```swift
/// let sex = CodeSystem.gbT2261_1
/// print(sex.oid ?? "")          // 2.16.156.10011.2.3.3.4
/// print(sex.fhirSystem ?? "")   // urn:oid:2.16.156.10011.2.3.3.4
/// let custom = CodeSystem(name: "my-lab-codes", title: "Site lab codes")
/// ```
public struct CodeSystem: Hashable, Sendable, CustomStringConvertible {
    /// The short name used as a column header in the tables, e.g. `gb-t-2261.1`.
    public let name: String
    /// The ISO OID, e.g. `2.16.156.10011.2.3.3.4` (as used in CDA `codeSystem` and HL7 v2 CWE.3 `ISO`).
    public let oid: String?
    /// The canonical FHIR URI, e.g. `http://hl7.org/fhir/administrative-gender`.
    public let uri: String?
    /// A human title naming the standard.
    public let title: String
    /// The version of the standard the tables follow.
    public let version: String?

    /// Creates a code system after checking its name, OID and URI; `nil` when one is malformed.
    /// - Parameters:
    ///   - name: letters, digits and `-._`, 1 to 64 characters.
    ///   - oid: dot-separated decimal numbers, or `nil`.
    ///   - uri: an absolute URI (`scheme:` followed by text without spaces), or `nil`.
    ///   - title: a human title.
    ///   - version: the version of the standard, or `nil`.
    public init?(name: String, oid: String? = nil, uri: String? = nil, title: String = "", version: String? = nil) {
        guard Self.isValidName(name) else { return nil }
        if let oid, !Self.isValidOID(oid) { return nil }
        if let uri, !Self.isValidURI(uri) { return nil }
        self.name = name
        self.oid = oid
        self.uri = uri
        self.title = title
        self.version = version
    }

    private init(known name: String, oid: String?, uri: String?, title: String, version: String?) {
        self.name = name
        self.oid = oid
        self.uri = uri
        self.title = title
        self.version = version
    }

    /// The `system` a FHIR Coding uses: the URI, or `urn:oid:` and the OID when there is no URI.
    public var fhirSystem: String? {
        if let uri { return uri }
        if let oid { return "urn:oid:" + oid }
        return nil
    }

    public var description: String { name }

    /// `true` for 1–64 characters of ASCII letters, digits, `-`, `.` and `_`.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        return bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F
        }
    }

    /// `true` for dot-separated decimal arcs such as `2.16.156.10011.2.3.3.4`.
    public static func isValidOID(_ oid: String) -> Bool {
        let bytes = Array(oid.utf8)
        guard !bytes.isEmpty, bytes.count <= 128, bytes.first != 0x2E, bytes.last != 0x2E else { return false }
        var previousDot = false
        for byte in bytes {
            if byte == 0x2E {
                if previousDot { return false }
                previousDot = true
            } else if byte >= 0x30 && byte <= 0x39 {
                previousDot = false
            } else {
                return false
            }
        }
        return true
    }

    /// `true` for `scheme:rest` with an ASCII-letter scheme and no spaces.
    public static func isValidURI(_ uri: String) -> Bool {
        let bytes = Array(uri.utf8)
        guard let colon = bytes.firstIndex(of: 0x3A), colon > 0, colon < bytes.count - 1 else { return false }
        guard bytes.count <= 512, !bytes.contains(where: { $0 <= 0x20 }) else { return false }
        return bytes[0..<colon].allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2B }
    }
}

extension CodeSystem {
    /// GB/T 2261.1-2003 生理性别代码 (WS 364 OID `2.16.156.10011.2.3.3.4`).
    public static let gbT2261_1 = CodeSystem(
        known: "gb-t-2261.1", oid: "2.16.156.10011.2.3.3.4", uri: nil, title: "生理性别代码 (GB/T 2261.1)",
        version: "2003")
    /// GB/T 2261.2-2003 婚姻状况代码 (`2.16.156.10011.2.3.3.5`).
    public static let gbT2261_2 = CodeSystem(
        known: "gb-t-2261.2", oid: "2.16.156.10011.2.3.3.5", uri: nil, title: "婚姻状况代码 (GB/T 2261.2)",
        version: "2003")
    /// GB 3304-1991 民族代码 (`2.16.156.10011.2.3.3.3`).
    public static let gb3304 = CodeSystem(
        known: "gb-3304", oid: "2.16.156.10011.2.3.3.3", uri: nil, title: "中国各民族名称的罗马字母拼写法和代码 (GB 3304)",
        version: "1991")
    /// GB/T 2260 行政区划代码.
    public static let gbT2260 = CodeSystem(
        known: "gb-t-2260", oid: nil, uri: nil, title: "中华人民共和国行政区划代码 (GB/T 2260)", version: "2007, MCA 2019-04")
    /// WS 364.3 CV02.01.101 身份证件类别代码.
    public static let cv02_01_101 = CodeSystem(
        known: "cv02.01.101", oid: nil, uri: nil, title: "身份证件类别代码 (WS 364.3 CV02.01.101)", version: "2011")
    /// HL7 v2 table 0001, Administrative Sex.
    public static let hl7_0001 = CodeSystem(
        known: "hl7-0001", oid: "2.16.840.1.113883.12.1", uri: "http://terminology.hl7.org/CodeSystem/v2-0001",
        title: "HL7 v2 table 0001 Administrative Sex", version: "2.5.1")
    /// HL7 v2 table 0002, Marital Status.
    public static let hl7_0002 = CodeSystem(
        known: "hl7-0002", oid: "2.16.840.1.113883.12.2", uri: "http://terminology.hl7.org/CodeSystem/v2-0002",
        title: "HL7 v2 table 0002 Marital Status", version: "2.5.1")
    /// HL7 v2 table 0004, Patient Class.
    public static let hl7_0004 = CodeSystem(
        known: "hl7-0004", oid: "2.16.840.1.113883.12.4", uri: "http://terminology.hl7.org/CodeSystem/v2-0004",
        title: "HL7 v2 table 0004 Patient Class", version: "2.5.1")
    /// HL7 v2 table 0078, Interpretation Codes (abnormal flags).
    public static let hl7_0078 = CodeSystem(
        known: "hl7-0078", oid: "2.16.840.1.113883.12.78", uri: "http://terminology.hl7.org/CodeSystem/v2-0078",
        title: "HL7 v2 table 0078 Interpretation Codes", version: "2.5.1")
    /// HL7 v2 table 0085, Observation Result Status.
    public static let hl7_0085 = CodeSystem(
        known: "hl7-0085", oid: "2.16.840.1.113883.12.85", uri: "http://terminology.hl7.org/CodeSystem/v2-0085",
        title: "HL7 v2 table 0085 Observation Result Status", version: "2.5.1")
    /// FHIR AdministrativeGender.
    public static let fhirAdministrativeGender = CodeSystem(
        known: "fhir-administrative-gender", oid: "2.16.840.1.113883.4.642.4.2",
        uri: "http://hl7.org/fhir/administrative-gender", title: "FHIR AdministrativeGender", version: "R4 4.0.1")
    /// HL7 v3 MaritalStatus, as used by FHIR `Patient.maritalStatus`.
    public static let v3MaritalStatus = CodeSystem(
        known: "v3-MaritalStatus", oid: "2.16.840.1.113883.5.2",
        uri: "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", title: "HL7 v3 MaritalStatus", version: "R4")
    /// HL7 v3 ActCode, as used by FHIR `Encounter.class`.
    public static let v3ActCode = CodeSystem(
        known: "v3-ActCode", oid: "2.16.840.1.113883.5.4", uri: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
        title: "HL7 v3 ActCode", version: "R4")
    /// HL7 v3 ObservationInterpretation, as used by FHIR `Observation.interpretation`.
    public static let v3ObservationInterpretation = CodeSystem(
        known: "v3-ObservationInterpretation", oid: "2.16.840.1.113883.5.83",
        uri: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
        title: "HL7 v3 ObservationInterpretation", version: "R4")
    /// FHIR ObservationStatus.
    public static let fhirObservationStatus = CodeSystem(
        known: "fhir-observation-status", oid: "2.16.840.1.113883.4.642.4.401",
        uri: "http://hl7.org/fhir/observation-status", title: "FHIR ObservationStatus", version: "R4 4.0.1")
    /// UCUM, the Unified Code for Units of Measure.
    public static let ucum = CodeSystem(
        known: "ucum", oid: "2.16.840.1.113883.6.8", uri: "http://unitsofmeasure.org",
        title: "Unified Code for Units of Measure", version: "2.1")
    /// LOINC.
    public static let loinc = CodeSystem(
        known: "loinc", oid: "2.16.840.1.113883.6.1", uri: "http://loinc.org", title: "LOINC", version: "2.7x")

    /// The well-known systems above (the built-in `code-systems.tsv` has these and more).
    public static let wellKnown: [CodeSystem] = [
        .gbT2261_1, .gbT2261_2, .gb3304, .gbT2260, .cv02_01_101, .hl7_0001, .hl7_0002, .hl7_0004, .hl7_0078,
        .hl7_0085, .fhirAdministrativeGender, .v3MaritalStatus, .v3ActCode, .v3ObservationInterpretation,
        .fhirObservationStatus, .ucum, .loinc,
    ]
}
