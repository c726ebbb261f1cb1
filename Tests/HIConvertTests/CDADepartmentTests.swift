import Foundation
import HICDA
import HIConvert
import HIModels
import HITestSupport
import Testing

/// The 科室 (department) of a WS/T 500 门(急)诊病历: read from the encounter's location chain or the patient's
/// provider organisation (科室编码 root `2.16.156.10011.1.26`, 科室名称 DE08.10.026.00), and written back.
@Suite("WS/T 500 outpatient record: department")
struct CDADepartmentTests {
    static func sampleText() throws -> String {
        let sample = try #require(
            try SampleFiles.list("cda", extensions: ["xml"]).first { $0.name == "wst500-22-outpatient-record.xml" })
        return String(decoding: try sample.bytes(), as: UTF8.self)
    }

    static func encounter(_ text: String) throws -> Encounter {
        let (records, _) = try CDAModelReader().read(Array(text.utf8), options: ConversionOptions())
        guard case .encounter(let encounter)? = records.first else {
            Issue.record("not an encounter")
            return Encounter(kind: .outpatient)
        }
        return encounter
    }

    @Test("the sample's department comes from componentOf/encompassingEncounter/location (the 1.26 organisation)")
    func fromLocation() throws {
        let encounter = try Self.encounter(try Self.sampleText())
        #expect(encounter.department == CodedValue(system: "2.16.156.10011.1.26", code: "0204", display: "呼吸内科门诊"))
        #expect(encounter.organization?.name == "德清县人民医院")
    }

    @Test("a department in recordTarget/patientRole/providerOrganization (WS/T 500 template header) is read")
    func fromProviderOrganization() throws {
        var text = try Self.sampleText()
        let start = try #require(text.range(of: "<componentOf>"))
        let end = try #require(text.range(of: "</componentOf>"))
        text.removeSubrange(start.lowerBound..<end.upperBound)
        let provider =
            "<providerOrganization><id root=\"2.16.156.10011.1.26\" extension=\"0301\"/><name>心血管内科</name>"
            + "</providerOrganization></patientRole>"
        text = text.replacingOccurrences(of: "</patientRole>", with: provider)
        let encounter = try Self.encounter(text)
        #expect(encounter.department == CodedValue(system: "2.16.156.10011.1.26", code: "0301", display: "心血管内科"))
    }

    @Test("organisations without the department root give no department")
    func noDepartment() throws {
        let text = try Self.sampleText().replacingOccurrences(
            of: "root=\"2.16.156.10011.1.26\"", with: "root=\"2.16.156.10011.1.5\"")
        #expect(try Self.encounter(text).department == nil)
    }

    @Test("the department is written back (providerOrganization) and read again")
    func roundTrip() throws {
        let encounter = try Self.encounter(try Self.sampleText())
        var report = ConversionReport()
        let bytes = try CDAModelWriter().write([.encounter(encounter)], options: ConversionOptions(), report: &report)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<providerOrganization>"))
        let again = try Self.encounter(text)
        #expect(again.department == encounter.department)
    }
}
