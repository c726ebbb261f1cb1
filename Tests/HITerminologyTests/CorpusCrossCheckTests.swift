import Foundation
import HITestSupport
import Testing

@testable import HITerminology

/// The project's region table agrees with the GB/T 2260 lists in ../shared/corpus/cn/mappings.
@Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
func regionTableMatchesTheCorpusLists() throws {
    let tables = TerminologyTables.builtIn
    let union = try corpusRows("cn/mappings/gb2260-all-revisions-union.tsv")
    #expect(union.count == 7396)
    var codes: Set<String> = []
    var mismatches: [String] = []
    for row in union {
        let code = row["code"] ?? ""
        codes.insert(code)
        let entry = tables.regions(code: code).first { $0.name == row["name"] }
        if entry?.firstRevision != row["first_revision"] || entry?.lastRevision != row["last_revision"] {
            mismatches.append(code)
        }
    }
    #expect(mismatches.isEmpty, "differ: \(mismatches.prefix(10))")
    let current = try corpusRows("cn/mappings/gb2260-mca-201904.tsv")
    #expect(current.count == 3219)
    let notCurrent = current.compactMap { row -> String? in
        let code = row["Code"] ?? ""
        return tables.regions(code: code).contains { $0.isCurrent && $0.name == row["Name"] } ? nil : code
    }
    #expect(notCurrent.isEmpty, "not current: \(notCurrent.prefix(10))")
    let currentCount = tables.table(named: TerminologyTables.regionsTableName)?.rows.filter { $0.last == "yes" }.count
    #expect(currentCount == current.count)
    #expect(codes.count == 7042)
}

/// Document types agree with the corpus WS/T 500 list; the vendor OIDs of the WS 364 tables used here
/// appear in the template code-system list under a matching name.
@Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
func documentTypesAndOIDsMatchTheCorpus() throws {
    let tables = TerminologyTables.builtIn
    let documents = try SharedCorpus.index("cn/mappings/wst500-documents.tsv")
    #expect(documents.count == 53)
    let valueSet = try #require(tables.valueSet(for: "cn-shared-document-type"))
    for row in documents {
        #expect(valueSet.concept(code: row["document_type_code"] ?? "")?.display == row["title"])
    }
    let oids = try SharedCorpus.index("cn/mappings/wst500-template-codesystem-oids.tsv")
    var seen: [String: String] = [:]
    for row in oids { seen[row["codeSystem_oid"] ?? ""] = row["codeSystemName_seen(count)"] ?? "" }
    let expectations = [
        ("cv04.50.005", "ABO血型"), ("cv04.50.020", "Rh"), ("ws364-follow-up-method", "随访方式"),
        ("gb-t-2261.1", "性别"), ("gb-t-2261.2", "婚姻状况"), ("gb-3304", "民族"),
    ]
    for (system, word) in expectations {
        let oid = try #require(tables.codeSystem(named: system)?.oid)
        #expect(seen[oid]?.contains(word) == true, "\(system) \(oid)")
    }
}

/// Reads a corpus TSV with the library's own byte-level table reader (faster than string splitting).
private func corpusRows(_ path: String) throws -> [[String: String]] {
    let bytes = [UInt8](try Data(contentsOf: SharedCorpus.url(path)))
    let table = try TerminologyTable(name: "corpus", bytes: bytes, knownSystems: ["code", "Code"])
    return table.rows.map { row in
        var values: [String: String] = [:]
        for (index, name) in table.header.enumerated() { values[name] = row[index] }
        return values
    }
}
