import Foundation
import HICore
import HIModels
import HIValidation
import Testing

/// Every built-in rule has a failing test (its id asserted in this folder's tests) and a passing one (the
/// typical fixture of each kind it applies to validates without any issue under that kind's profile).
@Suite struct RuleCoverageTests {
    static let testSources: String = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".swift") && $0 != "RuleCoverageTests.swift" }.sorted().compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }()

    static let ruleIDs = RuleRegistry.builtIn.rules.map(\.id.rawValue)

    @Test("each built-in rule is asserted by a failing test", arguments: ruleIDs)
    func failingTestExists(_ id: String) {
        // The failing side: an assertion naming the rule's code (paths, issues or codes of a report).
        let asserted =
            Self.testSources.contains("(\"\(id)\")") || Self.testSources.contains("\"\(id)\"]")
            || Self.testSources.contains("[\"\(id)\"") || Self.testSources.contains("\"\(id)\",")
        #expect(asserted, "no test asserts \(id)")
    }

    /// The typical record of each kind, validated with its built-in profile.
    static func typical() throws -> [(kind: ValidationSubject.Kind, report: ValidationReport)] {
        [
            (.labReport, try Fixtures.validator("cn-lab-report").validate(.labReport(Fixtures.labReport()))),
            (
                .followUp,
                try Fixtures.validator("cn-wst483-hypertension-followup").validate(.followUp(Fixtures.followUp()))
            ),
            (.referral, try Fixtures.validator("cn-wst483-referral").validate(.referral(Fixtures.referral()))),
            (
                .contract,
                try Fixtures.validator("cn-contract").validate(
                    .contract(Fixtures.contract(team: "A", start: Fixtures.date(2026, 1, 1))))
            ),
            (.resident, try Fixtures.validator("cn-resident-registration").validate(.resident(Fixtures.resident()))),
        ]
    }

    @Test("each built-in rule passes on a typical record of a kind it applies to")
    func passingSideForEveryRule() throws {
        let typical = try Self.typical()
        for entry in typical {
            // The referral fixture has a recommendation warning (HI-VAL-0102); no rule errs on any of them.
            #expect(
                entry.report.issues.filter { $0.severity >= .error }.isEmpty, "\(entry.kind): \(entry.report.textLines)"
            )
        }
        let kinds = Set(typical.map(\.kind))
        for rule in RuleRegistry.builtIn.rules where !rule.appliesTo.isEmpty {
            // Rules for encounters and exam reports only are covered by their own passing tests (HI-VAL-0513).
            guard rule.appliesTo.isDisjoint(with: [.encounter, .examReport, .healthRecord]) else { continue }
            #expect(!rule.appliesTo.isDisjoint(with: kinds), "\(rule.id) has no typical record to pass on")
        }
    }
}
