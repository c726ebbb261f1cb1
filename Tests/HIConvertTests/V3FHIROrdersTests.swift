import Foundation
import HIConvert
import HICore
import HIModels
import HITestSupport
import HIV3
import Testing

/// V3 lab orders and lab status through FHIR (ServiceRequest + Task) and HL7 v2 (ORC-2/3, OBR-2/3), with the
/// values compared on the way back.
struct V3FHIROrdersTests {
    static let converter = RecordConverter.allFormats

    static func sample(_ path: String) throws -> [UInt8] {
        try SampleFile(name: path, url: SampleFiles.samplesRoot.appendingPathComponent(path)).bytes()
    }

    static func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func entries(_ bundle: [String: Any]) -> [(url: String, resource: [String: Any])] {
        (bundle["entry"] as? [[String: Any]] ?? []).compactMap { entry in
            guard let resource = entry["resource"] as? [String: Any] else { return nil }
            return (entry["fullUrl"] as? String ?? "", resource)
        }
    }

    static func resources(_ bundle: [String: Any], _ type: String) -> [[String: Any]] {
        entries(bundle).map(\.resource).filter { $0["resourceType"] as? String == type }
    }

    static func url(_ bundle: [String: Any], _ type: String) -> String? {
        entries(bundle).first { $0.resource["resourceType"] as? String == type }?.url
    }

    static func reference(_ value: Any?) -> String? { (value as? [String: Any])?["reference"] as? String }

    static func firstCode(_ concept: Any?) -> String? {
        ((concept as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String
    }

    static func labs(_ records: [ModelRecord]) -> [LabReport] {
        records.compactMap { record in
            if case .labReport(let lab) = record { return lab }
            return nil
        }
    }

    // MARK: 1. lab status ↔ ServiceRequest + Task

    @Test func labStatusBecomesServiceRequestAndTask() throws {
        let source = try Self.sample("v3/valid/POLB_IN224000UV01-lab-status.xml")
        let result = try Self.converter.convert(source, from: .v3, to: .fhir)
        let bundle = try Self.json(result.output)
        #expect(try validationErrors(result.output).isEmpty)
        let tasks = Self.resources(bundle, "Task")
        try #require(tasks.count == 1)
        let task = tasks[0]
        #expect(Self.resources(bundle, "DiagnosticReport").isEmpty)
        #expect(Self.reference(task["focus"]) == Self.url(bundle, "ServiceRequest"))
        #expect(Self.reference(task["for"]) == Self.url(bundle, "Patient"))
        #expect(task["status"] as? String == "received")  // 标本已接收
        #expect(task["intent"] as? String == "order")
        let business = try #require(task["businessStatus"] as? [String: Any])
        #expect(Self.firstCode(business) == "3")
        let businessCoding = (business["coding"] as? [[String: Any]])?.first
        #expect(businessCoding?["display"] as? String == "标本已接收")
        #expect((task["lastModified"] as? String)?.hasPrefix("2024-03-15T10:15:00") == true)
        let owner = try #require(Self.reference(task["owner"]))
        let ownerResource = Self.entries(bundle).first { $0.url == owner }?.resource
        #expect(ownerResource?["resourceType"] as? String == "Practitioner")
        #expect(
            (ownerResource?["identifier"] as? [[String: Any]])?.contains { $0["value"] as? String == "L0007" } == true)
        let request = try #require(Self.resources(bundle, "ServiceRequest").first)
        #expect(request["status"] as? String == "active")
        #expect(Self.firstCode(request["code"]) == "CBC")
        #expect(
            (request["identifier"] as? [[String: Any]])?.map { $0["value"] as? String } == ["SQ20240315001"])
        #expect(Self.reference((request["specimen"] as? [Any])?.first) == Self.url(bundle, "Specimen"))
    }

    @Test func labStatusRoundTripsThroughFHIRTask() throws {
        let source = try Self.sample("v3/valid/POLB_IN224000UV01-lab-status.xml")
        let (original, _) = try V3ModelReader().read(source, options: ConversionOptions())
        let fhir = try Self.converter.convert(source, from: .v3, to: .fhir)
        let (fromFHIR, _) = try FHIRModelReader().read(fhir.output, options: ConversionOptions())
        let before = try #require(Self.labs(original).first)
        let after = try #require(Self.labs(fromFHIR).first)
        #expect(Self.labs(fromFHIR).count == 1)
        #expect(after.status?.code == before.status?.code)
        #expect(after.status?.display == "标本已接收")
        #expect(after.order?.code == before.order?.code)
        #expect(after.identifiers.map(\.value) == before.identifiers.map(\.value))
        #expect(after.specimen?.identifiers.map(\.value) == before.specimen?.identifiers.map(\.value))
        #expect(after.specimen?.type?.code == before.specimen?.type?.code)
        #expect(after.resident?.residentIDNumber?.value == before.resident?.residentIDNumber?.value)
        #expect(after.performer?.identifiers.map(\.value) == before.performer?.identifiers.map(\.value))
        #expect(after.results.isEmpty)

        let back = try Self.converter.convert(fhir.output, from: .fhir, to: .v3)
        let message = try V3Message(parsing: back.output)
        #expect(message.rootName == "POLB_IN224000UV01")
        let lab = try V3OrderMessages.labStatus(from: message)
        #expect(lab.status?.code == "3")
        #expect(lab.status?.system == "2.16.156.10011.2.5.1.9")
        #expect(lab.order?.code == "CBC")
        #expect(lab.identifiers.map(\.value) == ["SQ20240315001"])
        #expect(lab.identifiers.first?.authority == "2.16.156.10011.1.24")
        #expect(lab.specimen?.identifiers.map(\.value) == ["TM240315001"])
        #expect(lab.specimen?.type?.code == "BLD")
        #expect(lab.resident?.residentIDNumber?.value == "11010519491231002X")
        #expect(lab.resident?.names.first?.text == "王淑芬")
        #expect(lab.performer?.identifiers.first?.value == "L0007")
        #expect(lab.reportedAt?.text.hasPrefix("20240315101500") == true)
    }

    struct StatusCase: Sendable, CustomTestStringConvertible {
        var code: String
        var display: String?
        var expected: String
        var testDescription: String { code + " → " + expected }
    }

    @Test(arguments: [
        StatusCase(code: "3", display: "标本已接收", expected: "received"),
        StatusCase(code: "1", display: "已申请", expected: "requested"),
        StatusCase(code: "5", display: "报告已审核", expected: "completed"),
        StatusCase(code: "9", display: "已取消", expected: "cancelled"),
        StatusCase(code: "7", display: "标本不合格拒收", expected: "rejected"),
        StatusCase(code: "2", display: "标本已采集", expected: "in-progress"),
        StatusCase(code: "X", display: nil, expected: "in-progress"),
    ])
    func taskStatusFromTheV3StatusWords(_ item: StatusCase) throws {
        let (code, display, expected) = (item.code, item.display, item.expected)
        var lab = LabReport(provenance: Provenance(format: .hl7v3))
        lab.resident = Resident(name: PersonName(text: "张三"))
        lab.order = CodedValue(system: "2.16.156.10011.2.3.2.44", code: "CBC", display: "血常规")
        lab.identifiers = [Identifier(kind: .other, value: "SQ1", authority: "2.16.156.10011.1.24")]
        lab.status = CodedValue(system: "2.16.156.10011.2.5.1.9", code: code, display: display)
        var report = ConversionReport()
        let bundle = try Self.json(FHIRModelWriter().write([.labReport(lab)], options: .init(), report: &report))
        let task = try #require(Self.resources(bundle, "Task").first)
        #expect(task["status"] as? String == expected)
        #expect(Self.firstCode(task["businessStatus"]) == code)
        let (records, _) = try FHIRModelReader().read(
            FHIRModelWriter().write([.labReport(lab)], options: .init(), report: &report), options: .init())
        #expect(Self.labs(records).first?.status?.code == code)
    }

    @Test func aFHIRTaskWithoutBusinessStatusKeepsItsStatus() throws {
        let bundle = """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p1","name":[{"text":"李四"}]}},
             {"fullUrl":"urn:uuid:s1","resource":{"resourceType":"ServiceRequest","id":"s1","status":"active",
              "intent":"order","identifier":[{"system":"urn:oid:2.16.156.10011.1.24","value":"SQ77"}],
              "code":{"coding":[{"system":"urn:oid:2.16.156.10011.2.3.2.44","code":"GLU"}]},
              "subject":{"reference":"urn:uuid:p1"},"authoredOn":"2024-03-15T09:30:00+08:00"}},
             {"fullUrl":"urn:uuid:t1","resource":{"resourceType":"Task","id":"t1","status":"completed",
              "intent":"order","focus":{"reference":"urn:uuid:s1"},"for":{"reference":"urn:uuid:p1"},
              "lastModified":"2024-03-15T11:00:00+08:00"}}]}
            """
        let result = try Self.converter.convert(Array(bundle.utf8), from: .fhir, to: .v3)
        let message = try V3Message(parsing: result.output)
        #expect(message.rootName == "POLB_IN224000UV01")
        let lab = try V3OrderMessages.labStatus(from: message)
        #expect(lab.status?.code == "completed")
        #expect(lab.order?.code == "GLU")
        #expect(lab.identifiers.map(\.value) == ["SQ77"])
        #expect(lab.resident?.names.first?.text == "李四")
        #expect(!result.report.unmapped.contains { $0.path.contains("Task") || $0.path.contains("ServiceRequest") })
    }

    @Test func taskCarriesRequesterOwnerAndTimes() throws {
        var lab = LabReport(provenance: Provenance(format: .hl7v3))
        lab.resident = Resident(name: PersonName(text: "张三"))
        lab.order = CodedValue(system: "2.16.156.10011.2.3.2.44", code: "CBC", display: "血常规")
        lab.identifiers = [Identifier(kind: .other, value: "SQ2", authority: "2.16.156.10011.1.24")]
        lab.status = CodedValue(system: "2.16.156.10011.2.5.1.9", code: "5", display: "报告已审核")
        lab.orderedBy = Practitioner(
            name: PersonName(text: "孙医生"), identifiers: [Identifier(kind: .other, value: "D01")])
        lab.laboratory = Organization(name: "示例检验科", identifiers: [Identifier(kind: .other, value: "LAB1")])
        lab.orderedAt = Timestamp("20240315093000")
        lab.reportedAt = Timestamp("20240315140000")
        var report = ConversionReport()
        let output = try FHIRModelWriter().write([.labReport(lab)], options: .init(), report: &report)
        #expect(try validationErrors(output).isEmpty)
        let bundle = try Self.json(output)
        let task = try #require(Self.resources(bundle, "Task").first)
        #expect(task["status"] as? String == "completed")
        #expect(task["authoredOn"] as? String == "2024-03-15T09:30:00+08:00")
        #expect(task["lastModified"] as? String == "2024-03-15T14:00:00+08:00")
        #expect(Self.reference(task["owner"]) == Self.url(bundle, "Organization"))
        #expect(Self.reference(task["requester"]) == Self.url(bundle, "Practitioner"))

        let (records, _) = try FHIRModelReader().read(output, options: .init())
        let read = try #require(Self.labs(records).first)
        #expect(Self.labs(records).count == 1)
        #expect(read.laboratory?.name == "示例检验科")
        #expect(read.orderedBy?.name?.text == "孙医生")
        #expect(read.status?.code == "5")
        #expect(read.orderedAt?.text == "2024-03-15T09:30:00+08:00")
        #expect(read.reportedAt?.text == "2024-03-15T14:00:00+08:00")
        #expect(!records.contains { if case .organization = $0 { true } else { false } })
    }

    // MARK: 2. standalone ServiceRequests

    @Test func orderThroughFHIRKeepsItemsSpecimensAndOrderNumbers() throws {
        let source = try Self.sample("v3/valid/POOR_IN200901UV-order-new.xml")
        let fhir = try Self.converter.convert(source, from: .v3, to: .fhir)
        let bundle = try Self.json(fhir.output)
        #expect(try validationErrors(fhir.output).isEmpty)
        #expect(Self.resources(bundle, "Task").isEmpty)
        #expect(Self.resources(bundle, "DiagnosticReport").isEmpty)
        let identifiers = Self.resources(bundle, "ServiceRequest").map { request in
            (request["identifier"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        }
        #expect(identifiers == [["YZ0001"], ["YZ0002"]])

        let back = try Self.converter.convert(fhir.output, from: .fhir, to: .v3)
        #expect(!back.report.unmapped.contains { $0.path.contains("ServiceRequest") })
        let message = try V3Message(parsing: back.output)
        #expect(message.rootName == "POOR_IN200901UV")
        let order = try V3OrderMessages.order(from: message)
        let original = try V3OrderMessages.order(from: V3Message(parsing: source))
        #expect(order.labRequests.compactMap(\.order?.code) == ["CBC", "GLU"])
        #expect(order.labRequests.compactMap(\.specimen?.type?.code) == ["BLD", "SER"])
        #expect(
            order.labRequests.map { $0.specimen?.identifiers.map(\.value) ?? [] } == [["TM240315001"], ["TM240315002"]])
        #expect(order.labRequests.map { $0.identifiers.map(\.value) } == [["YZ0001"], ["YZ0002"]])
        #expect(
            order.labRequests.map { $0.identifiers.map(\.authority) } == [
                ["2.16.156.10011.1.28"], ["2.16.156.10011.1.28"],
            ])
        #expect(order.labRequests.map(\.order) == original.labRequests.map(\.order))
        #expect(order.medicationOrders.map(\.medication.code) == ["X-C08CA01"])
        #expect(order.resident?.residentIDNumber?.value == "11010519491231002X")
        #expect(order.orderedBy?.name?.text == original.orderedBy?.name?.text)
    }

    @Test func aServiceRequestAloneReadsAsAnOrder() throws {
        let request = """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p1","name":[{"text":"李四"}]}},
             {"fullUrl":"urn:uuid:s1","resource":{"resourceType":"ServiceRequest","id":"sr1","status":"active",
              "intent":"order","identifier":[{"system":"urn:oid:2.16.156.10011.1.28","value":"YZ9"}],
              "code":{"coding":[{"system":"urn:oid:2.16.156.10011.2.3.2.44","code":"ALT","display":"谷丙转氨酶"}]},
              "subject":{"reference":"urn:uuid:p1"},"authoredOn":"2024-03-15T09:30:00+08:00"}}]}
            """
        let (records, report) = try FHIRModelReader().read(Array(request.utf8), options: ConversionOptions())
        let lab = try #require(Self.labs(records).first)
        #expect(records.count == 1)
        #expect(lab.resident?.names.first?.text == "李四")
        #expect(lab.order?.code == "ALT")
        #expect(lab.identifiers.map(\.value) == ["YZ9"])
        #expect(lab.orderedAt?.text == "2024-03-15T09:30:00+08:00")
        #expect(lab.results.isEmpty && lab.status == nil)
        #expect(report.unmapped.isEmpty, "\(report.unmapped)")
    }

    @Test func referralServiceRequestsStayReferrals() throws {
        let request = """
            {"resourceType":"ServiceRequest","id":"r1","status":"active","intent":"order",
             "category":[{"coding":[{"system":"http://snomed.info/sct","code":"3457005"}]}]}
            """
        let (records, _) = try FHIRModelReader().read(Array(request.utf8), options: ConversionOptions())
        #expect(Self.labs(records).isEmpty)
        #expect(records.contains { if case .referral = $0 { true } else { false } })
    }

    // MARK: 3. order numbers through HL7 v2

    @Test func orderNumbersSurviveV3ToV2AndBack() throws {
        let source = try Self.sample("v3/valid/POOR_IN200901UV-order-new.xml")
        let v2 = try Self.converter.convert(source, from: .v3, to: .hl7v2)
        let er7 = String(decoding: v2.output, as: UTF8.self)
        #expect(er7.contains("ORC|NW|YZ0001^^2.16.156.10011.1.28^ISO|"))
        #expect(er7.contains("OBR|2|YZ0002^^2.16.156.10011.1.28^ISO||GLU"))
        #expect(!v2.report.unmapped.contains { $0.path == "LabReport.identifiers" })
        let back = try Self.converter.convert(v2.output, from: .hl7v2, to: .v3)
        let order = try V3OrderMessages.order(from: V3Message(parsing: back.output))
        #expect(order.labRequests.map { $0.identifiers.map(\.value) } == [["YZ0001"], ["YZ0002"]])
        #expect(
            order.labRequests.map { $0.identifiers.map(\.authority) } == [
                ["2.16.156.10011.1.28"], ["2.16.156.10011.1.28"],
            ])
        #expect(order.labRequests.compactMap(\.order?.code) == ["CBC", "GLU"])
        #expect(
            order.labRequests.compactMap { $0.specimen?.identifiers.first?.value } == ["TM240315001", "TM240315002"])
    }

    @Test func placerAndFillerNumbersGoToORC2AndORC3() throws {
        var lab = LabReport(provenance: Provenance(format: .hl7v3))
        lab.resident = Resident(name: PersonName(text: "张三"))
        lab.order = CodedValue(system: "2.16.156.10011.2.3.2.44", code: "CBC", display: "血常规")
        lab.identifiers = [
            Identifier(kind: .other, value: "SQ100", authority: "2.16.156.10011.1.24"),
            Identifier(kind: .other, value: "YZ100", authority: "2.16.156.10011.1.28"),
        ]
        var report = ConversionReport()
        let er7 = String(
            decoding: try HL7v2ModelWriter().write([.labReport(lab)], options: .init(), report: &report), as: UTF8.self)
        #expect(er7.contains("ORC|NW|SQ100^^2.16.156.10011.1.24^ISO|YZ100^^2.16.156.10011.1.28^ISO"))
        #expect(er7.contains("OBR|1|SQ100^^2.16.156.10011.1.24^ISO|YZ100^^2.16.156.10011.1.28^ISO|CBC"))
        let (records, _) = try HL7v2ModelReader().read(Array(er7.utf8), options: .init())
        let read = try #require(Self.labs(records).first)
        #expect(read.identifiers.map(\.value) == ["SQ100", "YZ100"])
        #expect(read.identifiers.map(\.type?.code) == ["PLAC", "FILL"])
        #expect(read.identifiers.map(\.authority) == ["2.16.156.10011.1.24", "2.16.156.10011.1.28"])
    }

    @Test func ormO01OrderNumbersSurviveV2ToV3AndBack() throws {
        let v3 = try Self.converter.convert(Self.sample("v3/from-v2/orm-o01-lab-order.hl7"), from: .hl7v2, to: .v3)
        let v2 = try Self.converter.convert(v3.output, from: .v3, to: .hl7v2)
        let er7 = String(decoding: v2.output, as: UTF8.self)
        #expect(er7.contains("ORC|NW|ORD9001"))
        #expect(er7.contains("OBR|2|ORD9002"))
        let (records, _) = try HL7v2ModelReader().read(v2.output, options: .init())
        #expect(Self.labs(records).map { $0.identifiers.first?.value } == ["ORD9001", "ORD9002"])
    }
}
