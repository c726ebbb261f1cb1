import Foundation
import HICore
import HIFHIR
import HITestSupport
import Testing

@Suite struct NDJSONTests {
    @Test func readsSampleAsStreamWithLineNumbers() throws {
        let path = SampleFiles.samplesRoot.appendingPathComponent("fhir/valid/observations.ndjson").path
        var reader = NDJSONReader(source: try ByteSource(path: path))
        var records: [NDJSONRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records.count == 5)
        #expect(records.map(\.line) == [1, 2, 3, 4, 5])
        let values = records.compactMap { $0.resource.typed(as: Observation.self)?.value?.quantity }
        #expect(values.map { $0.value?.text ?? "" } == ["5.6", "4.82", "128", "6.30", "72"])
        #expect(values.map { $0.unit ?? "" } == ["mmol/L", "mmol/L", "g/L", "10*9/L", "umol/L"])
        #expect(reader.warnings.isEmpty)
        // Written back line by line gives the same bytes.
        var output: [UInt8] = []
        NDJSONWriter.write(records.map(\.resource)) { output += $0 }
        #expect(output == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        // Tiny chunks: every line spans many reads and still comes out whole.
        var chunked = NDJSONReader(source: try ByteSource(path: path))
        chunked.chunkSize = 7
        var ids: [String] = []
        while let record = try chunked.next() { ids.append(record.resource.id ?? "") }
        #expect(ids == ["bulk-1", "bulk-2", "bulk-3", "bulk-4", "bulk-5"])
    }

    @Test func blankLinesWarnAndBadLinesAreLocated() throws {
        let text =
            "{\"resourceType\":\"Patient\",\"id\":\"a\"}\r\n\n   \n{\"resourceType\":\"Patient\",\"id\":01}\n"
            + "{\"resourceType\":\"Patient\",\"id\":\"c\"}"
        var reader = NDJSONReader(bytes: Array(text.utf8))
        #expect(try reader.next()?.resource.id == "a")
        do {
            _ = try reader.next()
            Issue.record("line 4 should not parse")
        } catch {
            #expect(error.code == .invalidNumber)
            #expect(error.location.record == 4)
            #expect(error.location.path == "Patient.id")
        }
        let last = try #require(try reader.next())
        #expect(last.line == 5)
        #expect(last.resource.id == "c")
        #expect(try reader.next() == nil)
        #expect(reader.warnings.map(\.location.line) == [2, 3])
        #expect(reader.warnings.allSatisfy { $0.code == FHIRIssueCode.blankLine && $0.severity == .warning })
    }

    @Test func memoryIsBoundedByTheLongestLine() throws {
        // Many lines through a small chunk size; a line over the limit is rejected and skipped.
        var options = FHIRDecodingOptions()
        options.maximumInputBytes = 200
        let line = #"{"resourceType":"Observation","status":"final","code":{"text":"x"}}"#
        let long = #"{"resourceType":"Observation","note":[{"text":""# + String(repeating: "y", count: 500) + "\"}]}"
        let text = Array(repeating: line, count: 50).joined(separator: "\n") + "\n" + long + "\n" + line + "\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hifhir-\(UUID().uuidString).ndjson")
        try Data(text.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        var reader = NDJSONReader(source: try ByteSource(path: path.path), options: options)
        reader.chunkSize = 64
        var count = 0
        var tooLong = 0
        var largestBuffer = 0
        while true {
            defer { largestBuffer = max(largestBuffer, reader.bufferedByteCount) }
            do {
                guard try reader.next() != nil else { break }
                count += 1
            } catch {
                #expect(error.code == .lineTooLong || error.code == .tooLarge)
                tooLong += 1
            }
        }
        #expect(count == 51)
        #expect(tooLong == 1)
        #expect(largestBuffer <= options.maximumInputBytes + 64)
        #expect(text.utf8.count > 10 * largestBuffer)
    }
}

@Suite struct ValidationTests {
    private func issues(_ text: String) throws -> [HICore.Issue] {
        let bytes = Array(text.utf8)
        return FHIRValidator().validate(try FHIRResource(parsing: bytes), source: bytes)
    }

    private func has(_ issues: [HICore.Issue], _ code: IssueCode, _ path: String) -> Bool {
        issues.contains { $0.code == code && $0.location.path == path }
    }

    @Test(arguments: [
        ("date", "2024", true), ("date", "2024-02", true), ("date", "2024-02-29", true), ("date", "2024-2-1", false),
        ("date", "2024-02-30T10:00:00Z", false), ("dateTime", "2024-02-01T10:00:00+08:00", true),
        ("dateTime", "2024-02-01T10:00:00", false), ("dateTime", "2024-02-01T25:00:00Z", false),
        ("instant", "2024-02-01T10:00:00.123Z", true), ("instant", "2024-02-01", false),
        ("time", "08:30:00", true), ("time", "8:30", false), ("id", "abc-1.2", true), ("id", "a_b", false),
        ("code", "in-progress", true), ("code", " x", false), ("oid", "urn:oid:2.16.156.10011.1.3", true),
        ("oid", "urn:oid:2.016", false), ("uuid", "urn:uuid:6f1d2c3a-0b4e-4c5d-8e9f-a1b2c3d4e5f6", true),
        ("uri", "http://a b", false), ("base64Binary", "SGVsbG8=", true), ("base64Binary", "SGVsbG8", false),
    ])
    func primitiveFormats(_ type: String, _ value: String, _ valid: Bool) throws {
        // Exercise each format through an element of that type.
        let element: [String: (String, String)] = [
            "date": ("Patient", "birthDate"), "dateTime": ("Condition", "recordedDate"),
            "instant": ("Observation", "issued"), "time": ("Observation", "valueTime"), "id": ("Patient", "id"),
            "code": ("Patient", "gender"), "oid": ("Patient", "identifier"), "uuid": ("Patient", "identifier"),
            "uri": ("Patient", "implicitRules"), "base64Binary": ("Patient", "photo"),
        ]
        let (resource, name) = try #require(element[type])
        var json = "{\"resourceType\":\"\(resource)\",\"\(name)\":\"\(value)\"}"
        var path = "\(resource).\(name)"
        if type == "oid" || type == "uuid" {
            // Identifier.system is a uri; check the reference syntax instead for these two.
            json = "{\"resourceType\":\"Patient\",\"managingOrganization\":{\"reference\":\"\(value)\"}}"
            path = "Patient.managingOrganization.reference"
        } else if type == "base64Binary" {
            json = "{\"resourceType\":\"Patient\",\"photo\":[{\"data\":\"\(value)\"}]}"
            path = "Patient.photo[0].data"
        }
        let found = try issues(json).filter { $0.severity >= .error && $0.location.path == path }
        if type == "code" && valid {
            #expect(found.map(\.code) == [FHIRIssueCode.codeNotInValueSet])  // valid code, not a gender
        } else {
            #expect(found.isEmpty == valid, "\(type) \(value): \(found)")
        }
    }

    @Test func kindsCardinalityAndChoices() throws {
        let found = try issues(
            #"{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":"5"},"#
                + #""valueString":"a","category":{"text":"c"},"identifier":[],"subject":[{"reference":"Patient/1"}],"#
                + #""issued":true,"_status":{"extension":[{"url":"u","valueCode":"x"}]},"foo":1}"#)
        #expect(has(found, FHIRIssueCode.wrongJSONKind, "Observation.valueQuantity.value"))
        #expect(has(found, FHIRIssueCode.choiceConflict, "Observation.valueString"))
        #expect(has(found, FHIRIssueCode.wrongJSONKind, "Observation.category"))
        #expect(has(found, FHIRIssueCode.emptyValue, "Observation.identifier"))
        #expect(has(found, FHIRIssueCode.wrongJSONKind, "Observation.subject"))
        #expect(has(found, FHIRIssueCode.wrongJSONKind, "Observation.issued"))
        #expect(has(found, FHIRIssueCode.unknownElement, "Observation.foo"))
        #expect(!found.contains { $0.location.path == "Observation._status" })
    }

    @Test func requiredBindingsAndNarrative() throws {
        let found = try issues(
            #"{"resourceType":"Bundle","type":"bag","entry":[{"resource":{"resourceType":"Patient","gender":"M","#
                + #""text":{"status":"generated"}}},{"resource":{"resourceType":"DiagnosticReport","status":"final"}}]}"#
        )
        #expect(has(found, FHIRIssueCode.codeNotInValueSet, "Bundle.type"))
        #expect(has(found, FHIRIssueCode.codeNotInValueSet, "Bundle.entry[0].resource.gender"))
        #expect(has(found, FHIRIssueCode.requiredElementMissing, "Bundle.entry[0].resource.text.div"))
        #expect(has(found, FHIRIssueCode.requiredElementMissing, "Bundle.entry[1].resource.code"))
        // A Patient needs nothing.
        #expect(try issues(#"{"resourceType":"Patient"}"#).isEmpty)
    }

    @Test func extensionHasValueOrExtensionsNotBoth() throws {
        let found = try issues(
            #"{"resourceType":"Patient","extension":[{"url":"u","valueCode":"a","extension":[{"url":"v","valueCode":"b"}]}]}"#
        )
        #expect(has(found, FHIRIssueCode.choiceConflict, "Patient.extension[0]"))
        #expect(try issues(#"{"resourceType":"Patient","extension":[{"valueCode":"a"}]}"#).count == 1)
    }

    @Test func containedAndGenericResources() throws {
        let found = try issues(
            #"{"resourceType":"MedicationRequest","contained":[{"resourceType":"Medication","id":"m","code":{"text":"x"}}],"#
                + ##""status":"active","intent":"order","medicationReference":{"reference":"#m"},"##
                + #""subject":{"reference":"Patient/p"}}"#)
        #expect(!found.containsErrors, "\(found)")
        #expect(found.contains { $0.code == FHIRIssueCode.resourceNotModelled })
        let unknownType = try FHIRResource(parsing: Array(#"{"resourceType":"Endpoint","id":"e","x":1}"#.utf8))
        #expect(unknownType.serialized(style: .compact) == Array(#"{"resourceType":"Endpoint","id":"e","x":1}"#.utf8))
    }

    @Test func typedReadWithValidation() throws {
        let bytes = Array(
            #"{"resourceType":"Observation","status":"final","code":{"text":"x"},"interpretation":{"text":"H"}}"#.utf8)
        let (observation, found) = try Observation.validated(parsing: bytes)
        #expect(observation.interpretation.isEmpty)  // wrong shape: the accessor finds nothing …
        #expect(has(found, FHIRIssueCode.wrongJSONKind, "Observation.interpretation"))  // … and it is reported
        #expect(found.first?.location.column == 68)  // the opening quote of the member name
        #expect(throws: FHIRError.self) { try Patient(parsing: bytes) }
    }

    @Test func operationOutcomeFromIssues() throws {
        let bytes = Array(#"{"resourceType":"Observation","status":"done"}"#.utf8)
        let found = FHIRValidator().validate(try FHIRResource(parsing: bytes), source: bytes)
        let outcome = OperationOutcome(issues: found)
        #expect(outcome.issue.count == 2)
        #expect(outcome.issue.map { $0.code ?? "" } == ["code-invalid", "required"])
        #expect(outcome.issue.first?.expression == ["Observation.status"])
        #expect(outcome.issue.first?.details?.coding.first?.code == "HI-FHIR-0105")
        #expect(FHIRValidator().validate(outcome).isEmpty)
        let parsed = try OperationOutcome(parsing: outcome.serialized())
        #expect(parsed.issue.first?.severity == "error")
    }
}
