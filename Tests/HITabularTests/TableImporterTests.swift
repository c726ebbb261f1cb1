import Foundation
import HICore
import HITabular
import HITestSupport
import Testing

@Suite struct TableImporterTests {
    @Test func followUpRegisterImportSummary() throws {
        let path = SampleFiles.samplesRoot.appendingPathComponent("tables/followup-register.tsv").path
        var importer = try TableImporter(reader: TableReader(path: path), mapping: BuiltInMappings.followUpRegister)
        #expect(importer.fileIssues.isEmpty)
        #expect(importer.dialect.delimiter == .tab)
        var rows: [ImportedRow] = []
        while let row = try importer.next() { rows.append(row) }
        #expect(rows.map(\.rowNumber) == [2, 3, 4, 5, 6])
        #expect(rows.allSatisfy { !$0.isRejected })
        #expect(rows[3].issues.map(\.code) == ["HI-TAB-0101"])
        #expect(rows[3].issues.first?.location.file == path)
        #expect(
            importer.summary
                == {
                    var s = ImportSummary()
                    s.rows = 5
                    s.accepted = 5
                    s.warnings = 1
                    s.byCode = ["HI-TAB-0101": 1]
                    return s
                }())
        #expect(importer.summary.description == "rows 5, accepted 5, rejected 0, warnings 1")
    }

    static let nameAndSex = TableMapping(
        name: "name-and-sex",
        columns: [
            {
                var c = ColumnMapping(column: "姓名", target: .residentName)
                c.required = true
                return c
            }(),
            ColumnMapping(column: "联系电话", target: .residentPhone),
        ])

    @Test func strictReadingRejectsBadRowsWithTheirNumbers() throws {
        let bytes = try sampleBytes("invalid/ragged-row.csv")
        var importer = try TableImporter(reader: TableReader(bytes: bytes, options: .strict), mapping: Self.nameAndSex)
        var rows: [ImportedRow] = []
        while let row = try importer.next() { rows.append(row) }
        #expect(rows.map(\.rowNumber) == [2, 3, 4])
        #expect(rows.map(\.isRejected) == [false, true, true])
        #expect(rows[1].record == nil)
        #expect(rows[1].issues.map(\.code) == ["HI-TAB-0004"])
        #expect(rows[1].issues.first?.severity == .error)
        #expect(importer.summary.rejected == 2)
        #expect(importer.summary.accepted == 1)

        // Lenient: the same rows are accepted with warnings, the short one without a phone.
        var lenient = try TableImporter(reader: TableReader(bytes: bytes), mapping: Self.nameAndSex)
        var kept: [ImportedRow] = []
        while let row = try lenient.next() { kept.append(row) }
        #expect(kept.map(\.isRejected) == [false, false, false])
        #expect(kept[1].record?[.residentPhone] == nil)
        #expect(
            kept[2].record?.otherCells == [
                MappedRecord.Cell(column: "性别", text: "男"), MappedRecord.Cell(column: "column 4", text: "多余"),
            ])
        #expect(lenient.summary.warnings == 2)
    }

    @Test func missingRequiredColumnStopsTheFile() throws {
        let error = #expect(throws: TabularError.self) {
            _ = try TableImporter(
                reader: TableReader(bytes: try sampleBytes("invalid/ragged-row.csv")),
                mapping: BuiltInMappings.contractList)
        }
        #expect(error?.code == .missingColumn)
        #expect(error?.columnName == "身份证号")
    }
}

@Suite struct MappedRecordJSONTests {
    @Test func jsonMasksPersonalDataByDefault() throws {
        let (_, results) = try mapSample("contract-list-utf8.csv", BuiltInMappings.contractList)
        let record = results[0].record
        let masked = record.jsonText()
        #expect(masked.hasPrefix(#"{"row":2,"values":[{"target":"resident.name","column":"姓名","text":"张**"}"#))
        #expect(
            masked.contains(
                #"{"target":"resident.sex","column":"性别","system":"GB/T 2261.1","code":"1","display":"男性"}"#))
        #expect(masked.contains(#""text":"3301**********0114""#))
        #expect(masked.contains(#""text":"138****0001""#))
        #expect(masked.contains(#""date":"1956-**-**""#))
        #expect(masked.contains(#""date":"2026-01-15""#))
        #expect(!masked.contains("330102195603120114"))
        #expect(!masked.contains("清波街道1号"))
        let open = record.jsonText(maskingPersonalData: false)
        #expect(open.contains(#""text":"330102195603120114""#))
        #expect(open.contains(#""text":"浙江省杭州市上城区,清波街道1号""#))
        // Both are valid JSON.
        for text in [masked, open] {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect((object?["values"] as? [Any])?.count == record.entries.count)
        }
        let (_, followUps) = try mapSample("followup-register.tsv", BuiltInMappings.followUpRegister)
        #expect(followUps[0].record.jsonText().contains(#""value":"138","unit":"mm[Hg]""#))
    }
}
