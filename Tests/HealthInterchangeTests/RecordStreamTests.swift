import Foundation
import HITestSupport
import HealthInterchange
import Testing

@Suite("RecordStream")
struct RecordStreamTests {
    static func message(_ number: Int, terminator: String = "\r") -> String {
        "MSH|^~\\&|LIS||HIS||20240315103045+0800||ORU^R01^ORU_R01|T\(number)|P|2.5.1" + terminator
            + "PID|1||A\(number)^^^H^MR||测试^\(number)||19800101|F" + terminator
            + "OBX|1|NM|GLU^葡萄糖^L||5.6|mmol/L|3.9-6.1|N|||F" + terminator
    }

    /// All records of `bytes`, read with the given chunk size.
    static func records(
        _ bytes: [UInt8], chunk: Int, layout: RecordLayout? = nil, maximum: Int = 1 << 20
    ) throws -> (records: [StreamedRecord], stream: RecordStream) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rs-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = RecordStreamOptions()
        options.chunkSize = chunk
        options.detectionBytes = 64
        options.layout = layout
        options.maximumRecordBytes = maximum
        options.computesDigest = true
        let stream = try RecordStream(path: url.path, name: "in", options: options)
        var result: [StreamedRecord] = []
        while let record = stream.next() { result.append(record) }
        return (result, stream)
    }

    static let chunks = [1, 3, 7, 64, 1 << 16]

    @Test("ER7: messages split at MSH, FHS/BHS/BTS/FTS skipped, offsets exact, any chunk size", arguments: chunks)
    func er7(chunk: Int) throws {
        let messages = (1...5).map { Self.message($0, terminator: $0 == 3 ? "\r\n" : "\r") }
        let text =
            "\u{FEFF}FHS|^~\\&|LIS\rBHS|^~\\&|LIS\r" + messages[0] + messages[1] + "BTS|2\rBHS|^~\\&\r"
            + messages[2] + messages[3] + messages[4] + "BTS|3\rFTS|2"
        let bytes = Array(text.utf8)
        let (records, stream) = try Self.records(bytes, chunk: chunk)
        #expect(records.count == 5)
        #expect(stream.layout == .er7)
        for (index, record) in records.enumerated() {
            #expect(record.index == index + 1)
            #expect(record.bytes == Array(messages[index].utf8))
            #expect(Array(bytes[record.byteOffset..<(record.byteOffset + record.bytes.count)]) == record.bytes)
            #expect(record.format == .hl7v2)
        }
        #expect(stream.contentDigest == SHA256.hex(SHA256.hash(bytes)))
        #expect(stream.bytesRead == bytes.count)
    }

    @Test("a segment ID starting like MSH (MSHX) does not start a record")
    func notARecordStart() throws {
        let text = Self.message(1) + "MSHX|1\r" + Self.message(2)
        let (records, _) = try Self.records(Array(text.utf8), chunk: 5)
        #expect(records.count == 2)
        #expect(String(decoding: records[0].bytes, as: UTF8.self).hasSuffix("MSHX|1\r"))
    }

    @Test("NDJSON: one record per non-blank line", arguments: chunks)
    func ndjson(chunk: Int) throws {
        let lines = [#"{"resourceType":"Patient","id":"a"}"#, #"{"resourceType":"Patient","id":"b\n"}"#]
        let text = lines[0] + "\n\n  \r\n" + lines[1] + "\r\n"
        let (records, stream) = try Self.records(Array(text.utf8), chunk: chunk)
        #expect(stream.layout == .ndjson)
        #expect(records.map { String(decoding: $0.bytes, as: UTF8.self) } == [lines[0], lines[1] + "\r"])
        #expect(records.allSatisfy { $0.format == .fhir })
    }

    @Test("XML: concatenated documents split at the root's end (comments, CDATA, quoted >, DOCTYPE)", arguments: chunks)
    func xml(chunk: Int) throws {
        let first = """
            <?xml version="1.0"?>
            <!DOCTYPE ClinicalDocument [ <!ENTITY x "y"> ]>
            <!-- a > comment </ClinicalDocument> -->
            <ClinicalDocument a="1 > 0" b='</x>'><title><![CDATA[</ClinicalDocument>]]></title><e/></ClinicalDocument>

            """
        let second = "<?xml version=\"1.0\"?><ClinicalDocument><x/></ClinicalDocument>\n"
        let third = "<Empty/>"
        let bytes = Array((first + "\n  " + second + third).utf8)
        let (records, stream) = try Self.records(bytes, chunk: chunk)
        #expect(stream.layout == .xml)
        #expect(records.count == 3)
        #expect(records.map { String(decoding: $0.bytes, as: UTF8.self) } == [first + "\n  ", second, third])
        #expect(records.allSatisfy { $0.format == .cda })
    }

    @Test("a forced layout (--from) reads from the first byte: XML, V3 and ER7", arguments: chunks)
    func forcedLayout(chunk: Int) throws {
        let xml = Array("<?xml version=\"1.0\"?><ClinicalDocument><x/></ClinicalDocument>\n".utf8)
        for layout in [RecordLayout.xml, .v3] {
            let (records, _) = try Self.records(xml, chunk: chunk, layout: layout)
            #expect(records.count == 1, "\(layout)")
            #expect(records.first?.bytes == xml)
            #expect(records.first?.format == (layout == .v3 ? .v3 : .cda))
        }
        let er7 = Array("MSH|^~\\&|A|B\rPID|1\rMSH|^~\\&|A|B\rPID|2\r".utf8)
        let (messages, _) = try Self.records(er7, chunk: chunk, layout: .er7)
        #expect(messages.count == 2)
    }

    @Test("one JSON document and unrecognised input are each one record")
    func wholeInputs() throws {
        let json = Array("{\n  \"resourceType\": \"Patient\"\n}\n".utf8)
        let (records, _) = try Self.records(json, chunk: 4)
        #expect(records.count == 1)
        #expect(records.first?.bytes == json)
        let junk = Array("hello, not a record".utf8)
        let (other, stream) = try Self.records(junk, chunk: 4)
        #expect(stream.layout == .opaque)
        #expect(other.first?.format == nil)
        #expect(other.first?.bytes == junk)
    }

    @Test("a record over the limit is reported without its bytes and the next one still read")
    func oversized() throws {
        let big =
            "MSH|^~\\&|A\r" + String(repeating: "OBX|1|TX|||" + String(repeating: "x", count: 90) + "\r", count: 50)
        let text = Self.message(1) + big + Self.message(2)
        let (records, _) = try Self.records(Array(text.utf8), chunk: 256, maximum: 1024)
        #expect(records.count == 3)
        #expect(records[1].problem != nil)
        #expect(records[1].bytes.isEmpty)
        #expect(records[2].bytes == Array(Self.message(2).utf8))
        #expect(records[2].index == 3)
    }

    @Test("in-memory bytes give the same records as a file")
    func inMemory() throws {
        let bytes = Array((Self.message(1) + Self.message(2)).utf8)
        let stream = RecordStream(bytes: bytes, name: "mem")
        var count = 0
        while let record = stream.next() {
            count += 1
            #expect(record.inputName == "mem")
        }
        #expect(count == 2)
    }

    @Test("shards: a stable hash; every name in exactly one shard")
    func shards() throws {
        #expect(BatchShard.stableHash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(BatchShard(parsing: "3/3") == nil)
        #expect(BatchShard(parsing: "x/2") == nil)
        let names = (0..<200).map { "dir/file-\($0).hl7" }
        for name in names {
            let owners = (0..<4).filter { BatchShard(index: $0, count: 4)?.contains(name) == true }
            #expect(owners.count == 1)
        }
    }

    @Test("inputs: directories recursive and sorted, include/exclude globs, hidden and .md skipped, missing listed")
    func inputs() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ri-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["b.hl7", "a.json", "sub/c.hl7", "sub/d.xml", ".hidden/e.hl7", "README.md", "old/f.hl7"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let all = RecordInputs.enumerate([root.path, "/nonexistent/x", "-"])
        #expect(all.inputs.map(\.name) == ["a.json", "b.hl7", "old/f.hl7", "sub/c.hl7", "sub/d.xml", "stdin"])
        #expect(all.missing == ["/nonexistent/x"])
        #expect(all.totalSize == nil)
        var selection = RecordInputSelection()
        selection.include = ["*.hl7"]
        selection.exclude = ["old/*"]
        let some = RecordInputs.enumerate([root.path], selection: selection)
        #expect(some.inputs.map(\.name) == ["b.hl7", "sub/c.hl7"])
        #expect(some.totalSize == 2)
    }
}
