import Foundation
import HICore
import HITestSupport
import Testing

@testable import HITerminology

/// The `Mappings/*.tsv` files of the checkout.
private let mappingFiles: [SampleFile] =
    (try? SampleFiles.listFiles(
        under: SampleFiles.packageRoot.appendingPathComponent("Mappings"), extensions: ["tsv"])) ?? []

@Test func mappingsFolderHasTheTables() {
    #expect(mappingFiles.count >= 17)
    #expect(mappingFiles.count == BuiltInTableText.all.count)
}

@Test(arguments: mappingFiles)
func generatedSwiftMatchesTheTSV(_ file: SampleFile) throws {
    let bytes = try file.bytes()
    let name = String(file.name.dropLast(4))
    let embedded = try #require(
        BuiltInTableText.all.first { $0.name == name },
        "no generated Swift for \(file.name): run python3 scripts/generate-mappings.py")
    #expect(Array(embedded.text.utf8) == bytes, "\(file.name) differs from its generated Swift file")
}

@Test(arguments: mappingFiles)
func everyTableIsWellFormed(_ file: SampleFile) throws {
    let bytes = try file.bytes()
    #expect(!bytes.contains(0x0D), "\(file.name): LF line ends only")
    #expect(bytes.last == 0x0A, "\(file.name): ends with a newline")
    #expect(Charset.firstInvalidUTF8Offset(bytes) == nil)
    let name = String(file.name.dropLast(4))
    if name == TerminologyTables.codeSystemsTableName {
        let systems = try TerminologyTables.parseCodeSystems(bytes, file: file.name)
        #expect(systems.count >= 20)
        return
    }
    let table = try #require(TerminologyTables.builtIn.table(named: name))
    #expect(!table.rows.isEmpty)
    #expect(table.rows.allSatisfy { $0.count == table.header.count })
    for system in table.codeColumns {
        #expect(TerminologyTables.builtIn.codeSystem(named: system) != nil, "\(file.name): \(system) not registered")
    }
}

/// Every crosswalk pair whose rows pair codes one to one translates there and back to the same code.
@Test func bijectiveCrosswalksRoundTrip() throws {
    let tables = TerminologyTables.builtIn
    var checkedPairs = 0
    for table in tables.tables where table.codeColumns.count >= 2 {
        for source in table.codeColumns {
            for target in table.codeColumns where target != source {
                let sourceIndex = try #require(table.column(source))
                let targetIndex = try #require(table.column(target))
                let pairs = table.rows.map { ($0[sourceIndex], $0[targetIndex]) }.filter {
                    !$0.0.isEmpty && !$0.1.isEmpty
                }
                let sources = Dictionary(grouping: pairs, by: { $0.0 })
                let targets = Dictionary(grouping: pairs, by: { $0.1 })
                for (sourceCode, targetCode) in pairs
                where sources[sourceCode]?.count == 1 && targets[targetCode]?.count == 1 {
                    let there = try tables.translate(sourceCode, from: source, to: target, policy: .fail)
                    #expect(there.code.code == targetCode)
                    let back = try tables.translate(targetCode, from: target, to: source, policy: .fail)
                    #expect(back.code.code == sourceCode, "\(table.name): \(source) \(sourceCode) ↔ \(target)")
                    checkedPairs += 1
                }
            }
        }
    }
    #expect(checkedPairs > 100)
}

@Test func sexCrosswalks() throws {
    let tables = TerminologyTables.builtIn
    let female = try tables.translate("F", from: "hl7-0001", to: "gb-t-2261.1")
    #expect(female.code == Concept(code: "2", display: "女"))
    #expect(female.isMapped && female.issues.isEmpty)
    let male = try tables.translate("1", from: "gb-t-2261.1", to: "fhir-administrative-gender")
    #expect(male.code.code == "male")
    let unknown = try tables.translate("U", from: "http://terminology.hl7.org/CodeSystem/v2-0001", to: "gb-t-2261.1")
    #expect(unknown.code.code == "0")
    let other = try tables.translate("O", from: "hl7-0001", to: "2.16.156.10011.2.3.3.4")
    #expect(other.code.code == "9")
    #expect(other.issues.map(\.code) == ["HI-TERM-0006"])  // not exact: reported
}

@Test func otherCrosswalksFollowThePublishedMaps() throws {
    let tables = TerminologyTables.builtIn
    #expect(try tables.translate("I", from: "hl7-0004", to: "v3-ActCode").code.code == "IMP")
    #expect(try tables.translate("O", from: "hl7-0004", to: "v3-ActCode").code.code == "AMB")
    #expect(try tables.translate("W", from: "hl7-0085", to: "fhir-observation-status").code.code == "entered-in-error")
    #expect(try tables.translate("HH", from: "hl7-0078", to: "v3-ObservationInterpretation").code.code == "HH")
    #expect(try tables.translate("22", from: "gb-t-2261.2", to: "hl7-0002").code.code == "M")
    #expect(try tables.translate("M", from: "hl7-0002", to: "gb-t-2261.2").code.code == "20")
    #expect(try tables.translate("01", from: "cv02.01.101", to: "hl7-0203").code.code == "NNCHN")
    #expect(try tables.translate("×10^9/L", from: "cn-lab-unit", to: "ucum").code.code == "10*9/L")
    #expect(try tables.translate("μmol/L", from: "cn-lab-unit", to: "ucum").code.code == "umol/L")
    #expect(try tables.translate("HGB", from: "cn-lab-test", to: "loinc").code.code == "718-7")
}

@Test func valueSetsAndCodeSystems() throws {
    let tables = TerminologyTables.builtIn
    let ethnicity = try #require(tables.valueSet(for: "gb-3304"))
    #expect(ethnicity.concepts.count == 58)
    #expect(ethnicity.concept(code: "56")?.display == "基诺族")
    #expect(ethnicity.concept(code: "98")?.display == "外国血统中国籍人士")
    #expect(tables.valueSet(for: "cv04.50.005")?.concept(code: "4")?.display == "AB型")
    #expect(tables.valueSet(for: "cn-shared-document-type")?.concept(code: "C0007")?.display == "检验报告")
    // Code systems both ways.
    #expect(tables.codeSystem(oid: "2.16.840.1.113883.12.1")?.uri == "http://terminology.hl7.org/CodeSystem/v2-0001")
    #expect(tables.codeSystem(uri: "http://loinc.org")?.oid == "2.16.840.1.113883.6.1")
    #expect(tables.codeSystem(uri: "urn:oid:2.16.156.10011.2.3.3.4")?.name == "gb-t-2261.1")
    #expect(CodeSystem.gbT2261_1.fhirSystem == "urn:oid:2.16.156.10011.2.3.3.4")
    // The static well-knowns agree with code-systems.tsv.
    for system in CodeSystem.wellKnown {
        let listed = try #require(tables.codeSystem(named: system.name))
        #expect(listed.oid == system.oid && listed.uri == system.uri, "\(system.name)")
    }
    #expect(CodeSystem(name: "bad name") == nil)
    #expect(CodeSystem(name: "ok", oid: "1..2") == nil)
    #expect(CodeSystem(name: "ok", uri: "no-scheme") == nil)
    #expect(CodeSystem(name: "ok", oid: "1.2.3", uri: "http://example.org/cs") != nil)
}

@Test func regions() throws {
    let tables = TerminologyTables.builtIn
    let wuchang = try #require(tables.region(code: "420106"))
    #expect(wuchang.name == "武昌区" && wuchang.isCurrent && wuchang.level == .county)
    let chongwen = try #require(tables.region(code: "110103"))
    #expect(chongwen.name == "崇文区" && !chongwen.isCurrent && chongwen.lastRevision == "200912")
    #expect(tables.region(code: "420000")?.level == .province)
    #expect(tables.region(code: "999999") == nil)
    #expect(tables.regionHierarchy(code: "420106").map(\.name) == ["湖北省", "武汉市", "武昌区"])
    #expect(tables.regionHierarchy(code: "420000").map(\.name) == ["湖北省"])
}
