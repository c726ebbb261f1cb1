import Foundation
import HITestSupport
import Testing

/// `hix convert --from csv`, `hix export` and `hix stats`, run as the built binary.
@Suite struct TabularCommandTests {
    static func sample(_ name: String) -> String {
        SampleFiles.samplesRoot.appendingPathComponent("tables/" + name).path
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "hix-tables-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func convertsAContractListToFHIRRowByRow() throws {
        let output = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try HixRunner.run([
            "convert", "--from", "csv", "--mapping", Self.sample("mappings/contract-list.json"), "--to", "fhir",
            Self.sample("contract-list-gb18030.csv"), "-o", output,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(files == (2...7).map { "contract-list-gb18030-\($0).json" }.sorted())
        let first = try String(contentsOfFile: output + "/contract-list-gb18030-2.json", encoding: .utf8)
        #expect(first.contains("\"text\": \"张伟明\""))
        #expect(first.contains("\"birthDate\": \"1956-03-12\""))
        #expect(result.standardError.contains("\"converted\": 6"))
    }

    @Test func convertsAFollowUpRegisterToCDA() throws {
        let output = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try HixRunner.run([
            "convert", "--from", "tsv", "--mapping", "followup-register", "--to", "cda",
            Self.sample("followup-register.tsv"), "-o", output, "--summary", output + "/summary.json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let document = try String(contentsOfFile: output + "/followup-register-2.xml", encoding: .utf8)
        #expect(document.contains("2.16.156.10011.2.1.1"))
        #expect(document.contains("138"))
        let summary = try String(contentsOfFile: output + "/summary.json", encoding: .utf8)
        #expect(summary.contains("\"followUp.method\": 1"))  // 微信 has no code: reported, not dropped silently
    }

    @Test func badRowsAreRejectedWithTheirRowNumbers() throws {
        let output = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try HixRunner.run([
            "convert", "--from", "csv", "--mapping", "contract-list", "--to", "v2",
            Self.sample("rejects/contract-list-bad-rows.csv"), "-o", output + "/out", "--rejects", output + "/rejects",
        ])
        #expect(result.status == 1)
        let written = try FileManager.default.contentsOfDirectory(atPath: output + "/out").sorted()
        #expect(written == ["contract-list-bad-rows-2.hl7", "contract-list-bad-rows-6.hl7"])
        let rejects = try FileManager.default.contentsOfDirectory(atPath: output + "/rejects").sorted()
        #expect(rejects == (3...5).map { "contract-list-bad-rows-\($0).error.json" })
        let error = try String(contentsOfFile: output + "/rejects/contract-list-bad-rows-3.error.json", encoding: .utf8)
        #expect(error.contains("HI-TAB-0102"))
        #expect(error.contains("column 出生日期"))
        #expect(!error.contains("1975/13/02"))  // the value itself never appears
        #expect(result.standardError.contains("\"record\": 4, \"code\": \"HI-TAB-0105\", \"column\": \"身份证号\""))
    }

    @Test func validationRejectsRowsThatBreakTheProfile() throws {
        let output = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try HixRunner.run([
            "convert", "--from", "csv", "--mapping", "contract-list", "--to", "fhir", "--validate",
            Self.sample("contract-list-utf8.csv"), "-o", output,
        ])
        // 刘建国 (row 6) has no phone, which the resident registration profile requires.
        #expect(result.status == 1)
        #expect(result.standardError.contains("\"record\": 6, \"code\": \"HI-VAL-0101\""))
        #expect(!FileManager.default.fileExists(atPath: output + "/contract-list-utf8-6.json"))
        #expect(FileManager.default.fileExists(atPath: output + "/contract-list-utf8-2.json"))
    }

    @Test func exportsTablesAndOtherFormatsAsGB18030() throws {
        let output = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let v2 = output + "/adt.hl7"
        let er7 =
            "MSH|^~\\&|HIS|H|EMPI|P|20260301||ADT^A28^ADT_A05|1|P|2.5.1\rEVN|A28\r"
            + "PID|1||330102195603120114^^^&2.16.156.10011.1.3&ISO^NNCHN||孙志强||19580421|M\r"
        try Data(er7.utf8).write(to: URL(fileURLWithPath: v2))
        let result = try HixRunner.run([
            "export", "--to", "csv", "--mapping", "contract-list", "--encoding", "gb18030",
            Self.sample("contract-list-utf8.csv"), v2,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let bytes = result.standardOutput
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(bytes.starts(with: [0xD0, 0xD5, 0xC3, 0xFB]))  // 姓名 in GB18030
        let text = try #require(decodeGB18030(bytes))
        #expect(text.contains("孙志强,男,1958/04/21,330102195603120114"))
        #expect(text.contains("张伟明,男,1956/03/12"))
    }

    @Test func statsAsCSVAndHTMLHoldTheSameFigures() throws {
        let output = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let common = [
            "stats", Self.sample("contract-list-utf8.csv"), Self.sample("followup-register.tsv"), "--as-of",
            "2026-07-01", "--population", "120", "--population-group", "老年人=10",
        ]
        let csv = try HixRunner.run(common)
        #expect(csv.status == 0, "\(csv.standardError)")
        let lines = csv.output.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
        #expect(lines[0] == "类别,分组,人数,分母,比例")
        #expect(lines.contains("签约率,签约居民,6,120,5.00%"))
        #expect(lines.contains("重点人群覆盖率,老年人,2,10,20.00%"))
        #expect(lines.contains("随访逾期,高血压,2,3,66.67%"))
        let html = try HixRunner.run(common + ["--format", "html", "-o", output + "/stats.html"])
        #expect(html.status == 0)
        let page = try String(contentsOfFile: output + "/stats.html", encoding: .utf8)
        #expect(page.contains("<svg"))
        #expect(!page.contains("<script"))
        #expect(Self.figures(inPage: page) == Self.figures(inCSV: lines))
    }

    /// The HTML report rendered by a headless Chromium: the DOM it builds holds the CSV report's figures.
    @Test(.enabled(if: Self.chromium != nil, "chromium is not on PATH (apt-get install chromium); skipped"))
    func statsHTMLRendersInHeadlessChromium() throws {
        let output = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let common = [
            "stats", Self.sample("contract-list-gb18030.csv"), Self.sample("followup-register.tsv"), "--as-of",
            "2026-07-01", "--population", "120",
        ]
        let csv = try HixRunner.run(common)
        let lines = csv.output.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
        _ = try HixRunner.run(common + ["--format", "html", "-o", output + "/stats.html"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.chromium))
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + output + "/profile", "--dump-dom",
            "file://" + output + "/stats.html",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(dom.contains("<svg"))
        #expect(dom.contains("<rect"))
        #expect(!Self.figures(inPage: dom).isEmpty)
        #expect(Self.figures(inPage: dom) == Self.figures(inCSV: lines))
    }

    static let chromium: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = String(directory) + "/chromium"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// `section|group|count|ratio` of each CSV data line.
    static func figures(inCSV lines: [String]) -> [String] {
        lines.dropFirst().filter { !$0.isEmpty }.map { line in
            let cells = line.components(separatedBy: ",")
            return [cells[0], cells[1], cells[2], cells[4]].joined(separator: "|")
        }
    }

    /// `section|group|count|ratio` of each figure row of the page (its `data-` attributes).
    static func figures(inPage page: String) -> [String] {
        var result: [String] = []
        for part in page.components(separatedBy: "<tr class=\"figure\"").dropFirst() {
            func attribute(_ name: String) -> String {
                guard let start = part.range(of: name + "=\"") else { return "?" }
                let rest = part[start.upperBound...]
                return String(rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)])
            }
            result.append(
                [attribute("data-section"), attribute("data-group"), attribute("data-count"), attribute("data-ratio")]
                    .joined(separator: "|"))
        }
        return result
    }
}

/// GB18030 bytes as text (iconv through Foundation is not available on every Linux build).
func decodeGB18030(_ bytes: [UInt8]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    process.arguments = ["-f", "GB18030", "-t", "UTF-8"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    guard (try? process.run()) != nil else { return nil }
    input.fileHandleForWriting.write(Data(bytes))
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(data: data, encoding: .utf8)
}
