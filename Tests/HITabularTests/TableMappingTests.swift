import Foundation
import HICore
import HITabular
import HITestSupport
import Testing

/// Reads a sample and maps every row with `mapping`.
func mapSample(_ name: String, _ mapping: TableMapping) throws -> (mapper: TableMapper, results: [MappingResult]) {
    var reader = try TableReader(bytes: try sampleBytes(name), options: .strict)
    let mapper = TableMapper(mapping: mapping, header: try #require(reader.header))
    var results: [MappingResult] = []
    while let row = try reader.next() { results.append(mapper.map(row)) }
    return (mapper, results)
}

@Suite struct TableMappingTests {
    @Test func builtInMappingsLoad() throws {
        #expect(BuiltInMappings.all.map(\.name) == ["contract-list", "followup-register", "lab-extract"])
        #expect(BuiltInMappings.contractList.columns.count == 12)
        #expect(BuiltInMappings.followUpRegister.columns.count == 14)
        #expect(BuiltInMappings.labExtract.columns.count == 11)
        for mapping in BuiltInMappings.all {
            // The JSON text round-trips through the public loader.
            let json = try #require(BuiltInMappings.json(named: mapping.name))
            #expect(try TableMapping(json: Array(json.utf8)) == mapping)
        }
    }

    @Test(arguments: ["contract-list-utf8.csv", "contract-list-gb18030.csv", "contract-list-gb18030-pipe.txt"])
    func contractListMapsToTypedValues(_ name: String) throws {
        let (mapper, results) = try mapSample(name, BuiltInMappings.contractList)
        #expect(mapper.bindingIssues.isEmpty)
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0.issues.isEmpty })
        let first = results[0].record
        #expect(first[.residentName] == .text("张伟明"))
        #expect(first[.residentSex] == .code(MappedCode(system: "GB/T 2261.1", code: "1", display: "男性")))
        #expect(first[.residentBirthDate]?.date == MappedDate(year: 1956, month: 3, day: 12))
        #expect(first[.residentID] == .text("330102195603120114"))
        #expect(first[.residentAddress] == .text("浙江省杭州市上城区,清波街道1号"))
        #expect(first[.contractDate]?.date == MappedDate(year: 2026, month: 1, day: 15))
        #expect(first[.contractTeam] == .text("清波第一团队"))
        #expect(first.values(for: .contractPopulationCategory).compactMap(\.code?.code) == ["elderly", "hypertension"])
        #expect(first[.contractNote] == nil)  // empty cell, no default: no entry
        #expect(first.location.record == 2)
        #expect(results[2].record[.residentName] == .text("王瑋"))
        #expect(results[3].record[.residentSex]?.code?.code == "2")
        #expect(results[4].record[.residentPhone] == nil)
        #expect(results[5].record[.residentSex]?.code?.code == "0")  // 未知 → 0 未知的性别
        #expect(results[1].record[.contractNote] == .text("行动不便\n需上门服务"))
    }

    @Test func followUpRegisterMapsQuantitiesCodesAndIssues() throws {
        let (mapper, results) = try mapSample("followup-register.tsv", BuiltInMappings.followUpRegister)
        #expect(mapper.bindingIssues.isEmpty)
        #expect(results.count == 5)
        let first = results[0].record
        #expect(first[.followUpDate]?.date == MappedDate(year: 2026, month: 3, day: 10))
        #expect(first[.followUpMethod] == .code(MappedCode(system: "CV06.00.207", code: "1")))
        #expect(first[.followUpDisease]?.code?.code == "I10")
        #expect(first[.systolicPressure]?.quantity == MappedQuantity(value: MappedDecimal("138")!, unit: "mm[Hg]"))
        #expect(first[.diastolicPressure]?.quantity?.value.text == "86")
        #expect(first[.fastingGlucose] == nil)
        #expect(first[.weight]?.quantity == MappedQuantity(value: MappedDecimal("68.5")!, unit: "kg"))
        #expect(first[.heartRate]?.quantity?.unit == "/min")
        #expect(first[.medicationAdherence]?.code?.code == "1")
        #expect(first[.followUpClassification]?.code?.code == "1")
        #expect(first[.followUpNextDate]?.date == MappedDate(year: 2026, month: 6, day: 10))  // yyyyMMdd
        let second = results[1].record
        #expect(second[.followUpMethod]?.code?.code == "2")
        #expect(second[.fastingGlucose]?.quantity == MappedQuantity(value: MappedDecimal("7.8")!, unit: "mmol/L"))
        #expect(second[.weight]?.quantity?.value.text == "55.0")  // exact text kept
        #expect(second[.medicationAdherence]?.code?.code == "2")
        #expect(second[.followUpClassification]?.code?.code == "2")
        #expect(results[2].record[.medicationAdherence]?.code?.code == "3")
        #expect(results[2].record[.followUpClassification]?.code?.code == "3")
        #expect(results[2].record[.followUpMethod]?.code?.code == "3")
        // 微信 is not a CV06.00.207 value: kept as text, with a located warning.
        let wechat = results[3]
        #expect(wechat.record[.followUpMethod] == .text("微信"))
        #expect(wechat.record[.followUpClassification]?.code?.code == "4")
        let issue = try #require(wechat.issues.first)
        #expect(wechat.issues.count == 1)
        #expect(issue.code == "HI-TAB-0101")
        #expect(issue.severity == .warning)
        #expect(issue.location.record == 5)
        #expect(issue.location.path == "row 5, column 随访方式")
        // The cell's own offset in the file: the tab before 微信 in row 5, plus one.
        let bytes = try sampleBytes("followup-register.tsv")
        let needle = Array("\t微信\t".utf8)
        let cell = try #require(
            bytes.indices.first { Array(bytes[$0..<min(bytes.count, $0 + needle.count)]) == needle })
        #expect(issue.location.byteOffset == cell + 1)
        #expect(issue.location.line == 5)
        #expect(!issue.message.contains("微信"))
        // 2026年9月10日 in a yyyyMMdd-first column: the other listed formats are tried too.
        #expect(results[4].record[.followUpNextDate]?.date == MappedDate(year: 2026, month: 9, day: 10))
    }

    @Test func labExtractMapsResultsUnitsAndFlags() throws {
        let (mapper, results) = try mapSample("lab-extract.csv", BuiltInMappings.labExtract)
        #expect(mapper.bindingIssues.isEmpty)
        #expect(results.count == 6)
        let glucose = results[0].record
        #expect(glucose[.labItemCode] == .code(MappedCode(system: "local-lab-item", code: "GLU")))
        #expect(glucose[.labValue]?.quantity == MappedQuantity(value: MappedDecimal("6.8")!, unit: "mmol/L"))
        #expect(
            glucose[.labAbnormalFlag]?.code == MappedCode(system: "HL7-0078", code: "H", display: "Above high normal"))
        #expect(glucose[.labReferenceRange] == .text("3.9-6.1"))
        let time = try #require(glucose[.labReportTime]?.dateTime)
        #expect(time.description == "2026-03-10T10:25")
        #expect(results[1].record[.labItemName] == .text("肌酐(Cr),酶法"))
        #expect(results[1].record[.labValue]?.quantity?.unit == "umol/L")  // μmol/L → UCUM
        #expect(results[1].record[.labAbnormalFlag] == nil)
        #expect(results[2].record[.labValue]?.quantity == MappedQuantity(value: MappedDecimal("7.20")!, unit: "%"))
        #expect(results[3].record[.labAbnormalFlag]?.code?.code == "L")
        #expect(results[4].record[.labValue] == .text("阴性"))  // qualitative: text, no issue
        #expect(results[4].issues.isEmpty)
        #expect(results[4].record[.labAbnormalFlag]?.code?.code == "N")
        let unknownFlag = results[5]
        #expect(unknownFlag.record[.labAbnormalFlag] == .text("X"))
        #expect(unknownFlag.issues.map(\.code) == ["HI-TAB-0101"])
        #expect(unknownFlag.issues.first?.location.path == "row 7, column 异常标志")
        #expect(results.prefix(5).allSatisfy { $0.issues.isEmpty })
    }

    @Test func cellsOfUnmappedColumnsAreKept() throws {
        let bytes = Array("姓名,身份证号,随访日期,村医,空列\n张伟明,330102195603120114,2026-03-10,周医生,\n".utf8)
        var reader = try TableReader(bytes: bytes)
        let mapper = TableMapper(mapping: BuiltInMappings.followUpRegister, header: try #require(reader.header))
        #expect(mapper.otherColumns == [3, 4])
        let result = mapper.map(try #require(try reader.next()))
        #expect(result.record.otherCells == [MappedRecord.Cell(column: "村医", text: "周医生")])
    }

    @Test func missingColumnsAndBadValuesAreReported() throws {
        let bytes = Array("姓名,随访日期,收缩压,随访方式\n张伟明,2026/02/30,13x,\n,2026-01-05,120,电话\n".utf8)
        var reader = try TableReader(bytes: bytes)
        let mapper = TableMapper(mapping: BuiltInMappings.followUpRegister, header: try #require(reader.header))
        // 身份证号 is required and missing; the optional ones are information.
        #expect(mapper.bindingIssues.filter { $0.severity == .error }.map(\.location.path) == ["row 1, column 身份证号"])
        #expect(mapper.bindingIssues.contains { $0.severity == .information })
        let bad = mapper.map(try #require(try reader.next()))
        #expect(Set(bad.issues.map(\.code)) == ["HI-TAB-0102", "HI-TAB-0103"])
        #expect(bad.record[.followUpDate] == .text("2026/02/30"))  // kept, not dropped
        #expect(bad.record[.systolicPressure] == .text("13x"))
        #expect(bad.record[.followUpMethod] == nil)
        let empty = mapper.map(try #require(try reader.next()))
        #expect(empty.issues.map(\.code) == ["HI-TAB-0105"])  // required 姓名 is empty
        #expect(empty.issues.first?.severity == .error)
    }

    @Test func userMappingFileLoadsFromATemporaryDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hitabular-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = SampleFiles.samplesRoot.appendingPathComponent("tables/mappings/custom-contract.json")
        let path = directory.appendingPathComponent("my-mapping.json").path
        try FileManager.default.copyItem(atPath: source.path, toPath: path)

        let mapping = try TableMapping(contentsOfFile: path)
        #expect(mapping.name == "county-contract-export")
        #expect(mapping.columns.map(\.target.rawValue).contains("extension.renewed"))
        #expect(mapping.columns[1].kind == .code)  // the target's default kind
        #expect(mapping.columns[3].kind == .date)

        let table =
            Array("姓名|性别|身份证号|签约日期|签约团队|服务包|是否续签\n".utf8)
            + Array("陈琝|女性|330106198202140420|2026年4月1日||孕产妇包|是\n".utf8)
            + Array("王瑋|男|330106197007080317|2026年3月20日|文新第二团队|慢病包|也许\n".utf8)
        // Written out as a GB18030, `|`-delimited export (the names' trail bytes include 0x7C and 0x5C).
        var gb = TableWriter(dialect: TableDialect(delimiter: .pipe, charset: .gb18030, lineEnding: .lf))
        let parsed = try TableReader.readAll(bytes: table)
        try gb.writeRow(try #require(parsed.header).names)
        for row in parsed.rows { try gb.writeRow(try row.strings()) }

        var reader = try TableReader(bytes: gb.bytes)
        #expect(reader.dialect.charset == .gb18030)
        let mapper = TableMapper(mapping: mapping, header: try #require(reader.header), fileName: path)
        #expect(mapper.bindingIssues.map(\.severity) == [.information])  // 村医编号 is absent, optional
        let first = mapper.map(try #require(try reader.next()))
        #expect(first.record[.residentName] == .text("陈琝"))  // found by its alias 姓名
        #expect(first.record[.residentSex]?.code == MappedCode(system: "GB/T 2261.1", code: "2", display: "女性"))
        #expect(first.record[.contractDate]?.date == MappedDate(year: 2026, month: 4, day: 1))
        #expect(first.record[.contractTeam] == .text("未分配团队"))  // the default
        #expect(first.record[TargetPath(rawValue: "extension.renewed")!] == .boolean(true))
        #expect(first.issues.isEmpty)
        #expect(mapper.otherColumns.isEmpty)
        let second = mapper.map(try #require(try reader.next()))
        #expect(second.record[.residentName] == .text("王瑋"))
        #expect(second.record[TargetPath(rawValue: "extension.renewed")!] == .text("也许"))
        #expect(second.issues.map(\.code) == ["HI-TAB-0108"])
        #expect(second.issues.first?.location.file == path)
    }

    @Test func invalidMappingFilesAreRejected() {
        func load(_ json: String) -> TabularError? {
            #expect(throws: TabularError.self) { try TableMapping(json: Array(json.utf8)) }
        }
        #expect(load("{").map(\.code) == .invalidMapping)
        #expect(load(#"{"columns": []}"#).map(\.code) == .invalidMapping)
        #expect(load(#"{"columns": [{"column": "x", "target": "resident.shoeSize"}]}"#).map(\.code) == .unknownTarget)
        #expect(
            load(#"{"columns": [{"column": "x", "target": "resident.name", "type": "blob"}]}"#).map(\.code)
                == .invalidMapping)
        #expect(
            load(#"{"columns": [{"column": "x", "target": "contract.date", "formats": ["MM/dd"]}]}"#).map(\.code)
                == .invalidMapping)
        #expect(load(#"{"columns": [{"target": "resident.name"}]}"#).map(\.code) == .invalidMapping)
        let missing = #expect(throws: TabularError.self) { try TableMapping(contentsOfFile: "/nonexistent/m.json") }
        #expect(missing?.code == .readFailed)
    }

    @Test func targetPathVocabulary() {
        #expect(TargetPath(rawValue: "resident.identifiers[residentID]") == .residentID)
        #expect(TargetPath(rawValue: "followUp.bloodPressure.systolic")?.defaultKind == .quantity)
        #expect(TargetPath(rawValue: "labResult.reportTime")?.defaultKind == .dateTime)
        #expect(TargetPath(rawValue: "resident.shoeSize") == nil)
        #expect(TargetPath(rawValue: "extension.") == nil)
        #expect(TargetPath(rawValue: "extension.村医编号")?.defaultKind == .text)
        #expect(Set(TargetPath.vocabulary).count == TargetPath.vocabulary.count)
        #expect(TargetPath.vocabulary.contains(.labAbnormalFlag))
    }

    @Test func datePatternsParseByHand() throws {
        let slash = try #require(DatePattern("yyyy/MM/dd"))
        #expect(slash.parseDate("2026/11/20") == MappedDate(year: 2026, month: 11, day: 20))
        #expect(slash.parseDate("2026/02/30") == nil)
        #expect(slash.parseDate("2026/1/20") == nil)
        #expect(slash.parseDate("2026/11/20 ") == nil)
        let compact = try #require(DatePattern("yyyyMMdd"))
        #expect(compact.parseDate("20261120") == MappedDate(year: 2026, month: 11, day: 20))
        #expect(compact.parseDate("2026112") == nil)
        let chinese = try #require(DatePattern("yyyy年M月d日"))
        #expect(chinese.parseDate("2026年11月20日") == MappedDate(year: 2026, month: 11, day: 20))
        #expect(chinese.parseDate("2024年2月29日") == MappedDate(year: 2024, month: 2, day: 29))
        #expect(chinese.parseDate("2025年2月29日") == nil)
        #expect(chinese.format(MappedDate(year: 2026, month: 3, day: 5)!) == "2026年3月5日")
        let minutes = try #require(DatePattern("yyyy-MM-dd HH:mm"))
        #expect(minutes.parseDateTime("2026-11-20 08:05")?.description == "2026-11-20T08:05")
        #expect(minutes.parseDateTime("2026-11-20 24:05") == nil)
        #expect(minutes.hasTime && !minutes.hasSeconds)
        #expect(DatePattern("'T'yyyy-MM-dd")?.parseDate("T2026-01-02") == MappedDate(year: 2026, month: 1, day: 2))
        #expect(DatePattern("MM/dd") == nil)
        #expect(DatePattern("yy-MM-dd") == nil)
        #expect(MappedDecimal("-0.5")?.doubleValue == -0.5)
        #expect(MappedDecimal("1.2.3") == nil)
        #expect(MappedDecimal("+") == nil)
        #expect(MappedDecimal("1-2") == nil)
    }

    /// Export: mapped rows written back through the same mapping and read again map to the same values.
    @Test(arguments: [
        ("contract-list-utf8.csv", "contract-list"), ("contract-list-gb18030.csv", "contract-list"),
        ("followup-register.tsv", "followup-register"), ("lab-extract.csv", "lab-extract"),
    ])
    func exportThenImportKeepsTheValues(_ name: String, _ mappingName: String) throws {
        let mapping = try #require(BuiltInMappings.named(mappingName))
        let (_, results) = try mapSample(name, mapping)
        let original = try TableReader.readAll(bytes: try sampleBytes(name))
        var writer = try MappedTableWriter(mapping: mapping, dialect: original.dialect)
        for result in results { try writer.write(result.record) }
        let (_, again) = try {
            var reader = try TableReader(bytes: writer.bytes, options: .strict)
            let mapper = TableMapper(mapping: mapping, header: try #require(reader.header))
            var out: [MappingResult] = []
            while let row = try reader.next() { out.append(mapper.map(row)) }
            return (mapper, out)
        }()
        #expect(again.map(\.record.entries) == results.map(\.record.entries))
        #expect(again.map { $0.issues.map(\.code) } == results.map { $0.issues.map(\.code) })
        if name == "contract-list-utf8.csv" {
            // Local labels, formats and quoting all match the export: byte-exact.
            #expect(writer.bytes == (try sampleBytes(name)))
        }
    }
}

/// The mapping files beside the samples are the built-in mappings, so users can copy them.
@Suite struct SampleMappingFileTests {
    @Test(arguments: ["contract-list", "followup-register", "lab-extract"])
    func sampleMappingFilesAreTheBuiltInOnes(_ name: String) throws {
        let path = SampleFiles.samplesRoot.appendingPathComponent("tables/mappings/\(name).json").path
        let mapping = try TableMapping(contentsOfFile: path)
        #expect(mapping == BuiltInMappings.named(name))
        #expect(mapping.columns.count == BuiltInMappings.named(name)?.columns.count)
    }
}
