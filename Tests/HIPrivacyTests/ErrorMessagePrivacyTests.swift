import Foundation
import HICore
import HIFHIR
import HIHL7v2
import HIModels
import HIPrivacy
import HITabular
import HITestSupport
import Testing

/// Every error message and issue text produced over the invalid samples and the corpus's negative files
/// is scanned for unmasked resident IDs (18 digits with a valid check character), mobile numbers
/// (`1[3-9]` and nine more digits, not inside a longer run of digits) and the names found in the samples.
@Suite struct ErrorMessagePrivacyTests {
    /// Resident ID numbers with a valid check character in `text`.
    static func residentIDs(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var found: [String] = []
        var index = 0
        while index + 18 <= bytes.count {
            let window = bytes[index..<(index + 18)]
            let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
            let before = index > 0 ? bytes[index - 1] : 0x20
            if !isDigit(before), window.prefix(17).allSatisfy(isDigit),
                isDigit(window.last ?? 0) || window.last == 0x58 || window.last == 0x78
            {
                let candidate = String(decoding: window, as: UTF8.self)
                if ResidentIDNumber.checkCharacter(forPrefixOf: String(candidate.prefix(17)))
                    == String(candidate.suffix(1)).uppercased()
                {
                    found.append(candidate)
                }
            }
            index += 1
        }
        return found
    }

    /// Mobile numbers (`1[3-9]\d{9}` not inside a longer digit run) in `text`.
    static func phones(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        var found: [String] = []
        var index = 0
        while index + 11 <= bytes.count {
            let before = index > 0 ? bytes[index - 1] : 0x20
            let after = index + 11 < bytes.count ? bytes[index + 11] : 0x20
            if !isDigit(before), !isDigit(after), bytes[index] == 0x31, bytes[index + 1] >= 0x33,
                bytes[index..<(index + 11)].allSatisfy(isDigit)
            {
                found.append(String(decoding: bytes[index..<(index + 11)], as: UTF8.self))
            }
            index += 1
        }
        return found
    }

    /// Names (two characters or more) of the people in the samples, read through the parsers.
    static let sampleNames: [String] = {
        var names: Set<String> = []
        for folder in ["hl7v2/valid", "hl7v2/invalid"] {
            for sample in (try? SampleFiles.list(folder)) ?? [] {
                guard let bytes = try? sample.bytes() else { continue }
                var reader = HL7v2MessageReader(bytes: bytes)
                while let message = try? reader.next() {
                    for path in ["PID-5", "NK1-2", "PID-5[2]"] {
                        let family = message.value(at: path + ".1") ?? ""
                        let given = message.value(at: path + ".2") ?? ""
                        if (family + given).count >= 2 { names.insert(family + given) }
                        if given.count >= 2 { names.insert(given) }
                    }
                }
            }
        }
        for sample in (try? SampleFiles.list("fhir/valid")) ?? [] where sample.name.hasSuffix(".json") {
            guard let bytes = try? sample.bytes(), let value = try? JSONReader.read(bytes) else { continue }
            var originals: [String] = []
            DeidentifySamplesTests.fhirOriginals(value, into: &originals)
            for name in originals where name.count >= 2 && !name.unicodeScalars.allSatisfy(\.isASCII) {
                names.insert(name)
            }
        }
        for sample in (try? SampleFiles.list("tables")) ?? [] where sample.name.hasSuffix(".csv") {
            guard let bytes = try? sample.bytes(), let table = try? TableReader.readAll(bytes: bytes),
                let column = table.header?.names.firstIndex(where: { $0.contains("姓名") })
            else { continue }
            for row in table.rows { if let name = row[column], name.count >= 2 { names.insert(name) } }
        }
        return names.sorted()
    }()

    /// The error and issue texts the parsers and validators produce for `bytes`.
    static func messages(hl7v2 bytes: [UInt8]) -> [String] {
        var texts: [String] = []
        for options in [HL7v2ParseOptions(), HL7v2ParseOptions.strict] {
            do {
                let message = try HL7v2Message(parsing: bytes, options: options)
                texts += message.issues.map { $0.jsonText + $0.message + $0.location.description }
                // Resident IDs in the message go through the model parser; its errors are scanned too.
                for value in (try? message.values(at: "PID-3[*].1")) ?? [] {
                    do { _ = try ResidentIDNumber(parsing: value) } catch { texts.append(error.description) }
                }
                for value in [message.value(at: "PID-13.1"), message.value(at: "PID-13.12")].compactMap({ $0 }) {
                    do { _ = try PhoneNumber(parsing: value) } catch { texts.append(error.description) }
                }
            } catch {
                texts.append(error.description)
                texts.append(error.issue(.error).jsonText)
            }
            var reader = HL7v2MessageReader(bytes: bytes, options: options)
            var rounds = 0
            while rounds < 1000 {
                rounds += 1
                do throws(HL7v2Error) {
                    guard try reader.nextRecord() != nil else { break }
                } catch {
                    texts.append(error.description)
                }
            }
            texts += reader.issues.map(\.jsonText)
        }
        return texts
    }

    static func messages(fhir bytes: [UInt8]) -> [String] {
        var texts: [String] = []
        do {
            let resource = try FHIRResource(parsing: bytes)
            texts += FHIRValidator().validate(resource, source: bytes).map { $0.jsonText + $0.message }
        } catch {
            texts.append(error.description)
        }
        var reader = NDJSONReader(bytes: bytes)
        var rounds = 0
        while rounds < 1000 {
            rounds += 1
            do throws(FHIRError) {
                guard let record = try reader.next() else { break }
                texts += FHIRValidator().validate(record.resource).map(\.jsonText)
            } catch {
                texts.append(error.description)
            }
        }
        return texts
    }

    static func messages(table bytes: [UInt8]) -> [String] {
        var texts: [String] = []
        for options in [TableReadingOptions(), TableReadingOptions.strict] {
            do {
                var reader = try TableReader(bytes: bytes, options: options)
                var rounds = 0
                while rounds < 10_000 {
                    rounds += 1
                    do throws(TabularError) {
                        guard try reader.next() != nil else { break }
                    } catch {
                        texts.append(error.description)
                        if !options.lenient { break }
                    }
                }
                texts += reader.issues.map(\.jsonText)
            } catch {
                texts.append(error.description)
            }
        }
        return texts
    }

    static func check(_ texts: [String], source: String) {
        for text in texts {
            #expect(residentIDs(in: text).isEmpty, "\(source): an unmasked resident ID in an error or issue")
            #expect(phones(in: text).isEmpty, "\(source): an unmasked phone number in an error or issue")
            for name in sampleNames where text.contains(name) {
                Issue.record("\(source): a sample name (\(name.count) characters) in an error or issue")
            }
        }
    }

    @Test func scannersFindWhatTheyShould() {
        #expect(Self.residentIDs(in: "id 11010519491231002X here") == ["11010519491231002X"])
        #expect(Self.residentIDs(in: "1101**********002X 110105194912310021").isEmpty)
        #expect(Self.phones(in: "call 13812345678, not 138****5678 or 213812345678") == ["13812345678"])
        #expect(Self.sampleNames.count >= 5)
    }

    @Test(arguments: try SampleFiles.list("hl7v2/invalid") + SampleFiles.list("hl7v2/valid"))
    func hl7v2(_ sample: SampleFile) throws {
        Self.check(Self.messages(hl7v2: try sample.bytes()), source: sample.name)
    }

    @Test(arguments: try SampleFiles.list("fhir/invalid") + SampleFiles.list("fhir/valid"))
    func fhir(_ sample: SampleFile) throws {
        Self.check(Self.messages(fhir: try sample.bytes()), source: sample.name)
    }

    @Test(arguments: try SampleFiles.list("tables/invalid"))
    func table(_ sample: SampleFile) throws {
        Self.check(Self.messages(table: try sample.bytes()), source: sample.name)
    }

    /// Errors about personal data itself (a wrong check character, a malformed phone) stay masked.
    @Test func modelErrorsAreMasked() {
        var texts: [String] = []
        for value in ["110105194912310021", "11010519491231002X1", "350922201608032148", "1381234567", "23812345678"] {
            do { _ = try ResidentIDNumber(parsing: value) } catch { texts.append(error.description) }
            do { _ = try PhoneNumber(parsing: value) } catch { texts.append(error.description) }
        }
        #expect(!texts.isEmpty)
        for text in texts {
            for value in ["110105194912310021", "350922201608032148", "1381234567"] {
                #expect(!text.contains(value), "an error repeats the value it rejects")
            }
        }
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusNegativeFiles() throws {
        var count = 0
        for row in try SharedCorpus.index("hl7v2/INDEX.tsv") where (row["note"] ?? "").contains("NEGATIVE") {
            guard let file = row["file"] else { continue }
            let bytes = [UInt8](try Data(contentsOf: SharedCorpus.url("hl7v2/" + file)))
            Self.check(Self.messages(hl7v2: bytes), source: file)
            count += 1
        }
        for file in SharedCorpus.files("fhir/invalid") {
            Self.check(Self.messages(fhir: try file.bytes()), source: file.name)
            count += 1
        }
        #expect(count >= 10)
    }
}
