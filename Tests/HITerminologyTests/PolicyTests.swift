import Foundation
import HICore
import Testing

@testable import HITerminology

@Test func unmappedCodeFailsWithTypedError() {
    #expect(throws: TerminologyError(.unmappedCode, "")) {
        try TerminologyTables.builtIn.translate("R", from: "hl7-0004", to: "v3-ActCode", policy: .fail)
    }
    do {
        _ = try TerminologyTables.builtIn.translate("R", from: "hl7-0004", to: "v3-ActCode", policy: .fail)
    } catch {
        #expect(error.issueCode == "HI-TERM-0005")
        #expect(error.issue.severity == .fatal)
    }
}

@Test func unmappedCodeKeptAndReported() throws {
    let location = SourceLocation(file: "a.hl7", record: 1, path: "PV1-2")
    let result = try TerminologyTables.builtIn.translate("R", from: "hl7-0004", to: "v3-ActCode", at: location)
    #expect(result.outcome == .keptSource)
    #expect(result.code.code == "R" && result.system == "hl7-0004")
    #expect(result.source.display == "Recurring patient")
    #expect(result.issues.map(\.code) == ["HI-TERM-0003"])
    #expect(result.issues.first?.location == location)
}

@Test func unmappedCodeDefaultedAndReported() throws {
    var options = TranslationOptions()
    options.setPolicy(.useDefault(Concept(code: "99", display: "其他")), from: "hl7-0203", to: "cv02.01.101")
    let result = try TerminologyTables.builtIn.translate("MR", from: "hl7-0203", to: "cv02.01.101", options: options)
    #expect(result.outcome == .defaulted && result.code.code == "99")
    // MR is not listed at all: reported as unknown and as defaulted.
    #expect(result.issues.map(\.code) == ["HI-TERM-0007", "HI-TERM-0004"])
    // Another crosswalk keeps the default policy.
    #expect(options.policy(from: "hl7-0001", to: "gb-t-2261.1") == .keepSource)
}

@Test func missingCrosswalkThrows() {
    #expect(throws: TerminologyError(.noCrosswalk, "")) {
        try TerminologyTables.builtIn.translate("1", from: "gb-3304", to: "loinc")
    }
}

@Test func tablesAddedThroughTheAPI() throws {
    let table = try TerminologyTable(
        name: "site-sex", text: "site-sex\tsite-sex.display\tgb-t-2261.1\nX\tmale\t1\nY\tfemale\t2\n")
    let tables = TerminologyTables.builtIn.adding(table)
    #expect(try tables.translate("Y", from: "site-sex", to: "gb-t-2261.1").code.code == "2")
    #expect(try tables.translate("1", from: "gb-t-2261.1", to: "site-sex").code.code == "X")
    #expect(tables.valueSet(for: "site-sex")?.concept(code: "X")?.display == "male")
    // The built-in value is unchanged.
    #expect(TerminologyTables.builtIn.table(named: "site-sex") == nil)
}

@Test func userDirectoryOverridesAndAdds() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hi-term-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Override: this site sends U for "not stated" (9) and N for 0.
    try Data(
        "hl7-0001\thl7-0001.display\tgb-t-2261.1\tgb-t-2261.1.display\r\nM\tMale\t1\t男\r\nF\tFemale\t2\t女\r\nU\tUnknown\t9\t未说明的性别\r\n"
            .utf8
    ).write(to: directory.appendingPathComponent("sex.tsv"))
    try Data("name\toid\turi\ttitle\tversion\nsite-ward\t1.2.156.999.1\t\tSite wards\t1\n".utf8)
        .write(to: directory.appendingPathComponent("code-systems.tsv"))
    try Data("site-ward\tv3-ActCode\nW1\tIMP\n".utf8).write(to: directory.appendingPathComponent("wards.tsv"))
    let tables = try TerminologyTables(loadingDirectory: directory.path)
    #expect(try tables.translate("U", from: "hl7-0001", to: "gb-t-2261.1").code.code == "9")
    // The override replaced the whole built-in sex table: FHIR columns are gone from it.
    #expect(tables.crosswalk(from: "hl7-0001", to: "fhir-administrative-gender") == nil)
    #expect(tables.codeSystem(oid: "1.2.156.999.1")?.name == "site-ward")
    #expect(try tables.translate("W1", from: "1.2.156.999.1", to: "v3-ActCode").code.code == "IMP")
    // Other built-ins stay.
    #expect(tables.region(code: "420106")?.name == "武昌区")
}

@Test func malformedTablesAreLocated() throws {
    do {
        _ = try TerminologyTable(name: "bad", text: "hl7-0001\thl7-0001.display\nM\tMale\nF\n", file: "bad.tsv")
        Issue.record("expected an error")
    } catch {
        #expect(error.code == .malformedTable)
        #expect(error.location.line == 3 && error.location.file == "bad.tsv")
    }
    #expect(throws: TerminologyError(.malformedTable, "")) {
        try TerminologyTable(name: "no-codes", text: "a\tb\n1\t2\n")
    }
    #expect(throws: TerminologyError(.unreadableTable, "")) {
        try TerminologyTable(name: "latin1", bytes: [0x61, 0x0A, 0xE9, 0x0A])
    }
    #expect(throws: TerminologyError(.unreadableTable, "")) {
        try TerminologyTables(loadingDirectory: "/nonexistent/hix-mappings")
    }
}

/// Random bytes as a table never trap: they parse or throw a located table error.
@Test func randomTableBytesNeverTrap() {
    var state: UInt64 = 99
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
    let pieces: [[UInt8]] = [
        [0x09], [0x0A], [0x0D, 0x0A], Array("hl7-0001".utf8), Array(".display".utf8), [0xE4, 0xB8], [0xFF],
        Array("a".utf8),
    ]
    for _ in 0..<2_000 {
        var bytes: [UInt8] = []
        for _ in 0..<Int(next() % 20) { bytes += pieces[Int(next() % UInt64(pieces.count))] }
        do {
            let table = try TerminologyTable(name: "random", bytes: bytes)
            #expect(table.rows.allSatisfy { $0.count == table.header.count })
            _ = TerminologyTables.builtIn.adding(table)
        } catch {
            #expect(error.code == .malformedTable || error.code == .unreadableTable)
        }
    }
}
