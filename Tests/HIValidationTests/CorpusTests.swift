import Foundation
import HICore
import HIModels
import HITestSupport
import HIValidation
import Testing

/// The physical quantities (elements with `value` and `unit` attributes, e.g. `<value xsi:type="PQ" …/>`) of the Chinese CDA documents in
/// ../shared/corpus, run through the decimal and unit rules. The counts of issues by code and found kind are
/// kept in `Golden/corpus-pq-issues.tsv` so that behaviour changes show in review (set `UPDATE_GOLDEN=1` to
/// rewrite it). Until the CDA reader lands the quantities are found with a plain scan of the XML text.
@Suite struct CorpusTests {
    static let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/corpus-pq-issues.tsv")

    static func quantities(in text: String) -> [Quantity] {
        guard let element = try? NSRegularExpression(pattern: "<[A-Za-z:]+\\s[^>]*\\bunit=\"[^\"]*\"[^>]*>") else {
            return []
        }
        let ns = text as NSString
        var result: [Quantity] = []
        for match in element.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let tag = ns.substring(with: match.range)
            func attribute(_ name: String) -> String? {
                guard let regex = try? NSRegularExpression(pattern: "\\s\(name)=\"([^\"]*)\""),
                    let found = regex.firstMatch(in: tag, range: NSRange(location: 0, length: (tag as NSString).length))
                else { return nil }
                return (tag as NSString).substring(with: found.range(at: 1))
            }
            guard let value = attribute("value") else { continue }
            result.append(Quantity(value: value, unit: attribute("unit")))
        }
        return result
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusQuantitiesAgainstTheDecimalAndUnitRules() throws {
        let files = SharedCorpus.files("cn", extensions: ["xml"])
        #expect(files.count >= 3)
        let profile = try ValidationProfile(
            json: #"{"name":"corpus-pq","subject":"labReport","rules":["HI-VAL-0203","HI-VAL-0308"]}"#)
        let validator = try profile.validator(options: Fixtures.options)
        var counts: [String: Int] = [:]
        var total = 0
        for file in files {
            let text = String(decoding: try file.bytes(), as: UTF8.self)
            let quantities = Self.quantities(in: text)
            total += quantities.count
            var report = LabReport()
            report.results = quantities.map {
                LabResult(code: CodedValue(system: "local", code: "corpus"), value: .quantity($0))
            }
            for issue in validator.validate(.labReport(report)).issues {
                counts["\(issue.code)\t\(issue.found ?? "")", default: 0] += 1
            }
        }
        #expect(total > 15)  // PQ elements without a value (empty template slots) are skipped
        let summary =
            "# code\tfound\tcount (quantities scanned: \(total))\n"
            + counts.keys.sorted().map { "\($0)\t\(counts[$0] ?? 0)" }.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(summary.utf8).write(to: Self.goldenURL)
        }
        let golden = try String(contentsOf: Self.goldenURL, encoding: .utf8)
        #expect(summary == golden)
    }

    /// LOINC-coded `valueQuantity` values (and components) of the FHIR Observations in the corpus.
    static func observationResults(_ json: Any) -> [LabResult] {
        var results: [LabResult] = []
        func visit(_ node: Any) {
            if let object = node as? [String: Any] {
                if let quantity = object["valueQuantity"] as? [String: Any],
                    let number = quantity["value"] as? NSNumber,
                    let coding = (object["code"] as? [String: Any])?["coding"] as? [[String: Any]],
                    let loinc = coding.first(where: { ($0["system"] as? String) == "http://loinc.org" })?["code"]
                        as? String
                {
                    let ucum =
                        (quantity["system"] as? String) == "http://unitsofmeasure.org"
                        ? quantity["code"] as? String : nil
                    results.append(
                        LabResult(
                            code: CodedValue(system: "http://loinc.org", code: loinc),
                            value: .quantity(
                                Quantity(value: number.stringValue, unit: quantity["unit"] as? String, ucum: ucum))))
                }
                for value in object.values { visit(value) }
            } else if let array = node as? [Any] {
                for value in array { visit(value) }
            }
        }
        visit(json)
        return results
    }

    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusObservationsAgainstThePlausibilityAndUnitRules() throws {
        let files = SharedCorpus.files("fhir", extensions: ["json"])
        #expect(files.count >= 20)
        let profile = try ValidationProfile(
            json: #"{"name":"corpus-obs","subject":"labReport","rules":["HI-VAL-0203","HI-VAL-0308","HI-VAL-0505"]}"#)
        let validator = try profile.validator(options: Fixtures.options)
        var counts: [String: Int] = [:]
        var total = 0
        for file in files {
            guard let json = try? JSONSerialization.jsonObject(with: Data(try file.bytes())) else { continue }
            var report = LabReport()
            report.results = Self.observationResults(json)
            total += report.results.count
            for issue in validator.validate(.labReport(report)).issues {
                counts["\(file.name)\t\(issue.code)\t\(issue.found ?? "")", default: 0] += 1
            }
        }
        #expect(total >= 5)
        let summary =
            "# file\tcode\tfound\tcount (LOINC-coded quantities: \(total))\n"
            + counts.keys.sorted().map { "\($0)\t\(counts[$0] ?? 0)" }.joined(separator: "\n") + "\n"
        let url = Self.goldenURL.deletingLastPathComponent().appendingPathComponent("corpus-observation-issues.tsv")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" { try Data(summary.utf8).write(to: url) }
        #expect(summary == (try String(contentsOf: url, encoding: .utf8)))
    }
}
