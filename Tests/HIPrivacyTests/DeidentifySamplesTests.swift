import HICore
import HIFHIR
import HIHL7v2
import HIPrivacy
import HITabular
import HITestSupport
import Testing

/// De-identified samples still parse (and validate), and contain none of the original identifiers:
/// the originals are collected from the samples through the parsers and searched for in the output bytes.
@Suite struct DeidentifySamplesTests {
    static let deidentifier = Deidentifier(options: DeidentificationOptions(key: Array("sample key 2026".utf8)))

    /// Every occurrence of `needle` in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    // MARK: HL7 v2

    /// Resident IDs and other person IDs, names, phones and streets of PID/NK1/PV1, read through the parser.
    static func hl7v2Originals(_ message: HL7v2Message) -> [String] {
        var originals: [String] = []
        func add(_ value: String?) {
            guard let value, value.trimmingCharacters(in: .whitespaces).count >= 2, value != "\"\"" else { return }
            originals.append(value)
        }
        for segment in message.segments {
            let id = segment.id
            func reps(_ number: Int) -> [HL7v2Element] { segment.field(number)?.repetitions ?? [] }
            func component(_ repetition: HL7v2Element, _ number: Int) -> String? {
                let components = repetition.components
                guard number <= components.count else { return nil }
                return components[number - 1].subcomponents.first?.value
            }
            switch id {
            case "PID", "NK1", "MRG", "IN1":
                let idFields =
                    id == "PID" ? [2, 3, 4, 19, 20] : id == "NK1" ? [33, 37] : id == "IN1" ? [36, 49] : [1]
                for number in idFields { for repetition in reps(number) { add(component(repetition, 1)) } }
                let nameFields = id == "PID" ? [5, 6, 9] : id == "NK1" ? [2, 30] : id == "IN1" ? [16] : [7]
                for number in nameFields {
                    for repetition in reps(number) {
                        let family = component(repetition, 1) ?? ""
                        let given = component(repetition, 2) ?? ""
                        add(family + given)
                        add(given)
                    }
                }
                let phoneFields = id == "PID" ? [13, 14] : id == "NK1" ? [5, 6] : []
                for number in phoneFields {
                    for repetition in reps(number) { for c in [1, 4, 7, 12] { add(component(repetition, c)) } }
                }
                for number in id == "PID" ? [11] : id == "NK1" ? [4] : [] {
                    for repetition in reps(number) { add(component(repetition, 1)) }
                }
            case "PV1":
                for number in [7, 8, 9, 17] {
                    for repetition in reps(number) {
                        add((component(repetition, 2) ?? "") + (component(repetition, 3) ?? ""))
                    }
                }
            default: break
            }
        }
        return originals
    }

    static func messages(_ bytes: [UInt8]) throws -> [HL7v2Message] {
        var reader = HL7v2MessageReader(bytes: bytes)
        var messages: [HL7v2Message] = []
        while let message = try reader.next() { messages.append(message) }
        return messages
    }

    @Test(arguments: try SampleFiles.list("hl7v2/valid"))
    func hl7v2(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let result = try Self.deidentifier.deidentify(bytes, format: .hl7v2)
        let before = try Self.messages(bytes)
        let after = try Self.messages(result.bytes)
        #expect(after.count == before.count, "\(sample.name)")
        for (original, edited) in zip(before, after) {
            #expect(edited.segmentCount == original.segmentCount, "\(sample.name)")
            for value in Self.hl7v2Originals(original) {
                let encoded = (try? original.charset.encode(value)) ?? Array(value.utf8)
                let present = Self.contains(edited.serializedBytes(), encoded)
                #expect(!present, "\(sample.name): an original (\(value.count) characters) is still present")
            }
        }
        if sample.name.contains("adt") || sample.name.contains("oru") {
            #expect(result.report.counts[.name, default: 0] > 0, "\(sample.name)")
        }
        // Repeatable.
        #expect(try Self.deidentifier.deidentify(bytes, format: .hl7v2).bytes == result.bytes)
    }

    @Test func hl7v2KeepsUntouchedBytes() throws {
        let text =
            "MSH|^~\\&|A|B|C|D|20240310091500||ADT^A04|1|P|2.5.1\rPID|1||11010519491231002X^^^^RRN||张^三||19491231|M"
            + "|||路1号^^北京市^北京市^100000^CHN^H^^110105||13812345678\rZXX|keep^me\r"
        let result = try Self.deidentifier.deidentify(Array(text.utf8), format: .hl7v2)
        let message = try HL7v2Message(parsing: result.bytes)
        #expect(message.segments[2].rawBytes.elementsEqual(Array("ZXX|keep^me".utf8)))
        let id = try #require(message.value(at: "PID-3.1"))
        #expect(id.prefix(6) == "110105" && id != "11010519491231002X")
        #expect(message.value(at: "PID-11.9") == "110105")
        #expect(message.value(at: "PID-11.3") == "北京市")
        #expect(message.value(at: "PID-13.1")?.hasPrefix("138") == true)
        // The birth date moved by the same offset as the ID's birth date.
        #expect(message.value(at: "PID-7").map { String(id.dropFirst(6).prefix(8)) == $0 } == true)
        #expect(!result.report.jsonText.contains("张"))
        #expect(!result.report.jsonText.contains("11010519491231002X"))
    }

    // MARK: FHIR

    static func fhirOriginals(_ value: JSONValue, person: Bool = false, into originals: inout [String]) {
        switch value {
        case .object(let object):
            let type = object["resourceType"]?.stringValue
            let isPerson = type.map { ["Patient", "Practitioner", "RelatedPerson"].contains($0) } ?? person
            if isPerson {
                for identifier in object["identifier"]?.arrayValue ?? [] {
                    if let v = identifier["value"]?.stringValue { originals.append(v) }
                }
                for name in object["name"]?.arrayValue ?? [] {
                    let family = name["family"]?.stringValue ?? ""
                    let given = (name["given"]?.arrayValue ?? []).compactMap(\.stringValue).joined()
                    if (family + given).count >= 2 { originals.append(family + given) }
                    if let text = name["text"]?.stringValue { originals.append(text) }
                }
                for telecom in object["telecom"]?.arrayValue ?? [] {
                    if let v = telecom["value"]?.stringValue { originals.append(v) }
                }
                for address in object["address"]?.arrayValue ?? [] {
                    for line in address["line"]?.arrayValue ?? [] {
                        if let v = line.stringValue { originals.append(v) }
                    }
                }
            }
            for member in object.members { fhirOriginals(member.value, person: false, into: &originals) }
        case .array(let elements):
            for element in elements { fhirOriginals(element, person: person, into: &originals) }
        default: break
        }
    }

    @Test(arguments: try SampleFiles.list("fhir/valid").filter { $0.name.hasSuffix(".json") })
    func fhir(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let result = try Self.deidentifier.deidentify(bytes, format: .fhirJSON)
        let original = try FHIRResource(parsing: bytes)
        let edited = try FHIRResource(parsing: result.bytes)
        let validator = FHIRValidator()
        let errorsBefore = validator.validate(original, source: bytes).filter { $0.severity >= .error }.count
        let errorsAfter = validator.validate(edited, source: result.bytes).filter { $0.severity >= .error }
        #expect(errorsAfter.count <= errorsBefore, "\(sample.name): \(errorsAfter.map(\.code))")
        var originals: [String] = []
        Self.fhirOriginals(.object(original.json), into: &originals)
        for value in originals where value.count >= 2 {
            let present = Self.contains(result.bytes, Array(value.utf8))
            #expect(!present, "\(sample.name): an original (\(value.count) characters) is still present")
        }
        #expect(edited.resourceType == original.resourceType)
    }

    @Test func ndjson() throws {
        let sample = try #require(try SampleFiles.list("fhir/valid").first { $0.name.hasSuffix(".ndjson") })
        let bytes = try sample.bytes()
        let result = try Self.deidentifier.deidentify(bytes, format: .ndjson)
        var reader = NDJSONReader(bytes: result.bytes)
        var count = 0
        while try reader.next() != nil { count += 1 }
        #expect(count > 0)
        #expect(result.bytes.filter { $0 == 0x0A }.count == bytes.filter { $0 == 0x0A }.count)
    }

    @Test func patientDetails() throws {
        let sample = try #require(try SampleFiles.list("fhir/valid").first { $0.name == "patient-zhangsan.json" })
        let result = try Self.deidentifier.deidentify(try sample.bytes(), format: .fhirJSON)
        let patient = try #require(try FHIRResource(parsing: result.bytes).typed(as: FHIR.Patient.self))
        let id = try #require(patient.identifier.first?.value)
        #expect(id.hasPrefix("110105") && id.count == 18)
        #expect(patient.address.first?.district == "朝阳区")
        #expect(patient.address.first?.text?.hasPrefix("北京市朝阳区") == true)
        #expect(patient.telecom.first?.value?.hasPrefix("138") == true)
        #expect(patient.birthDate != "1985-03-12")
        #expect(patient.birthDate.map { id.dropFirst(6).prefix(8) == $0.filter { $0 != "-" } } == true)
        #expect(result.report.changes.contains { $0.kind == .residentID })
    }

    // MARK: Tables

    @Test(
        arguments: try SampleFiles.list("tables").filter {
            !$0.url.path.contains("/invalid/") && !$0.name.hasSuffix(".md") && !$0.url.path.contains("/mappings/")
        })
    func table(_ sample: SampleFile) throws {
        let bytes = try sample.bytes()
        let result = try Self.deidentifier.deidentify(bytes, format: .table)
        let before = try TableReader.readAll(bytes: bytes)
        let after = try TableReader.readAll(bytes: result.bytes)
        #expect(after.rows.count == before.rows.count, "\(sample.name)")
        #expect(after.header == before.header)
        let names = before.header?.names ?? []
        var text = ""
        for row in after.rows { text += (try row.strings()).joined(separator: "\u{1F}") + "\n" }
        for row in before.rows {
            let fields = try row.strings()
            for (index, field) in fields.enumerated() where index < names.count && field.count >= 2 {
                guard let kind = Self.deidentifier.columnKind(names[index]),
                    [.residentID, .name, .phone, .identifier].contains(kind)
                else { continue }
                #expect(!text.contains(field), "\(sample.name): an original \(kind) is still present")
            }
        }
        #expect(after.dialect.charset == before.dialect.charset)
    }
}
