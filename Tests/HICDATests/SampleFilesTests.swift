import Foundation
import HICDA
import HITestSupport
import Testing

/// Checks on the synthetic documents in `Samples/cda` that need no XML parser: each one is there, names its
/// national template, and its resident IDs carry valid GB 11643 check digits. Parsing and schema tests live with
/// the XML layer.
@Suite("Samples/cda")
struct SampleFilesTests {
    /// The typed templates that must each have a sample, by file name.
    static let expected: [String: String] = [
        "wst500-27-lab-report.xml": "2.16.156.10011.2.1.1.27",
        "wst500-26-exam-report.xml": "2.16.156.10011.2.1.1.26",
        "wst500-22-outpatient-record.xml": "2.16.156.10011.2.1.1.22",
        "wst483-01-personal-basic-info.xml": "2.16.156.10011.2.1.1.1",
        "wst483-12-hypertension-followup.xml": "2.16.156.10011.2.1.1.12",
        "wst483-13-diabetes-followup.xml": "2.16.156.10011.2.1.1.13",
        "wst483-16-adult-health-checkup.xml": "2.16.156.10011.2.1.1.16",
        "wst483-20-referral.xml": "2.16.156.10011.2.1.1.20",
    ]

    static let invalidNames: Set<String> = [
        "invalid/doctype-entity-expansion.xml", "invalid/doctype-external-entity.xml", "invalid/not-well-formed.xml",
        "invalid/truncated.xml", "invalid/undeclared-prefix.xml",
    ]

    /// The valid samples (everything under `Samples/cda` except `invalid/`).
    static func validSamples() throws -> [SampleFile] {
        try SampleFiles.list("cda", extensions: ["xml"]).filter { !$0.name.hasPrefix("invalid/") }
    }

    @Test func everyTypedTemplateHasASample() throws {
        let names = Set(try Self.validSamples().map(\.name))
        #expect(names == Set(Self.expected.keys))
        #expect(Set(Self.expected.values) == Set(CDADocumentTemplate.typed.map(\.templateId)))
    }

    @Test func invalidSamplesArePresent() throws {
        let names = Set(try SampleFiles.list("cda/invalid", extensions: ["xml"]).map { "invalid/" + $0.name })
        #expect(names == Self.invalidNames)
    }

    @Test(arguments: try SampleFilesTests.validSamples())
    func sampleNamesItsTemplate(_ sample: SampleFile) throws {
        let text = try Self.text(of: sample)
        let templateId = try #require(Self.expected[sample.name], "unexpected sample \(sample.name)")
        let template = try #require(CDATemplateRegistry.template(forId: templateId))
        #expect(text.contains(#"xmlns="urn:hl7-org:v3""#), "\(sample.name)")
        #expect(text.contains(#"<templateId root="\#(templateId)"/>"#), "\(sample.name)")
        #expect(text.contains(#"<realmCode code="CN"/>"#), "\(sample.name)")
        #expect(text.contains(#"<typeId root="2.16.840.1.113883.1.3" extension="POCD_MT000040"/>"#), "\(sample.name)")
        #expect(text.contains(#"<languageCode code="zh-CN"/>"#), "\(sample.name)")
        #expect(
            text.contains(#"<code code="\#(template.documentTypeCode)" codeSystem="2.16.156.10011.2.4""#),
            "\(sample.name)")
        #expect(text.contains("<title>\(template.title)</title>"), "\(sample.name)")
        #expect(!text.contains("<!DOCTYPE"), "\(sample.name)")
    }

    @Test(arguments: try SampleFilesTests.validSamples())
    func residentIdsHaveValidCheckDigits(_ sample: SampleFile) throws {
        let prefix = #"<id root="2.16.156.10011.1.3" extension=""#
        let ids = Self.attributeValues(after: prefix, in: try Self.text(of: sample))
        #expect(!ids.isEmpty, "\(sample.name) has no resident ID")
        for id in ids {
            #expect(Self.hasValidGB11643CheckDigit(id), "\(sample.name): resident ID check digit")
        }
    }

    @Test(arguments: try SampleFilesTests.validSamples())
    func residentIdAgreesWithBirthDateAndSex(_ sample: SampleFile) throws {
        let text = try Self.text(of: sample)
        let prefix = #"<id root="2.16.156.10011.1.3" extension=""#
        let id = try #require(Self.attributeValues(after: prefix, in: text).first)
        let birthTime = try #require(Self.attributeValues(after: #"<birthTime value=""#, in: text).first)
        let sex = try #require(Self.attributeValues(after: #"<administrativeGenderCode code=""#, in: text).first)
        let digits = Array(id)
        try #require(digits.count == 18, "\(sample.name): resident ID length")
        #expect(String(digits[6..<14]) == birthTime, "\(sample.name): birth date inside the resident ID")
        let sequenceIsOdd = (digits[16].wholeNumberValue ?? 0) % 2 == 1
        #expect(sequenceIsOdd == (sex == "1"), "\(sample.name): sex digit of the resident ID")
    }

    @Test func checkDigitHelperRejectsAWrongDigit() {
        #expect(Self.hasValidGB11643CheckDigit("341525195804172032"))
        #expect(!Self.hasValidGB11643CheckDigit("341525195804172031"))
        #expect(Self.hasValidGB11643CheckDigit("11010519491231002X"))
        #expect(!Self.hasValidGB11643CheckDigit("1101051949123100"))
    }

    // MARK: - Helpers

    static func text(of sample: SampleFile) throws -> String {
        String(decoding: try sample.bytes(), as: UTF8.self)
    }

    /// The values that follow `prefix` up to the next `"`.
    static func attributeValues(after prefix: String, in text: String) -> [String] {
        var values: [String] = []
        var rest = text[...]
        while let range = rest.range(of: prefix) {
            let tail = rest[range.upperBound...]
            guard let end = tail.firstIndex(of: "\"") else { break }
            values.append(String(tail[..<end]))
            rest = tail[end...]
        }
        return values
    }

    /// GB 11643 check digit (ISO 7064 MOD 11-2) of an 18-character resident ID number.
    static func hasValidGB11643CheckDigit(_ id: String) -> Bool {
        let characters = Array(id)
        guard characters.count == 18 else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (character, weight) in zip(characters.prefix(17), weights) {
            guard let digit = character.wholeNumberValue else { return false }
            sum += digit * weight
        }
        let checks = Array("10X98765432")
        return characters[17] == checks[sum % 11]
    }
}
