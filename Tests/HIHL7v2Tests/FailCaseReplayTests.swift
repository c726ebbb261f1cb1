import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

/// Replays `FailCases/*.bin` through the checks of the ER7 fuzz targets (FuzzER7, FuzzER7RoundTrip,
/// FuzzER7Reader, FuzzHL7v2Path): never a trap; what parses re-serializes to the same bytes and re-parses
/// to the same tree; the streaming reader yields what the in-memory reader yields; a path that parses
/// can be read and set.
@Suite struct HL7v2FailCaseReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FailCases")
    static let cases: [SampleFile] = (try? SampleFiles.listFiles(under: folder)) ?? []

    @Test func folderIsThere() {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
    }

    @Test(arguments: cases)
    func replay(_ failCase: SampleFile) throws {
        let bytes = try failCase.bytes()
        let clock = ContinuousClock()
        let start = clock.now
        for options in [HL7v2ParseOptions(), HL7v2ParseOptions.strict] {
            do {
                let message = try HL7v2Message(parsing: bytes, options: options)
                #expect(message.serializedBytes() == bytes, "\(failCase.name)")
                let again = try HL7v2Message(parsing: message.serializedBytes(), options: options)
                #expect(again.canonicalJSON() == message.canonicalJSON(), "\(failCase.name)")
                for segment in message.segments { for field in segment.fields { _ = field.value } }
            } catch {
                #expect(!error.reason.isEmpty, "\(failCase.name)")
            }
        }
        try Self.compareReaders(bytes, name: failCase.name)
        Self.paths(bytes)
        #expect(clock.now - start < .seconds(5), "\(failCase.name)")
    }

    /// The streaming reader (chunk size from the first byte, as FuzzER7Reader) and the in-memory reader agree.
    static func compareReaders(_ input: [UInt8], name: String) throws {
        guard let first = input.first else { return }
        let bytes = Array(input.dropFirst())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("failcase-\(UUID().uuidString)")
        try Data(bytes).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        var memory = HL7v2MessageReader(bytes: bytes)
        var streaming = HL7v2MessageReader(source: try ByteSource(path: path.path))
        streaming.chunkSize = Int(first) + 1
        for _ in 0..<100_000 {
            let left = Result { () throws(HL7v2Error) in try memory.nextRecord() }
            let right = Result { () throws(HL7v2Error) in try streaming.nextRecord() }
            switch (left, right) {
            case (.success(let a), .success(let b)):
                guard let a, let b else {
                    #expect(a == nil && b == nil, "\(name): one reader ended early")
                    return
                }
                #expect(a.kind == b.kind && a.bytes == b.bytes && a.byteOffset == b.byteOffset, "\(name)")
            case (.failure(let a), .failure(let b)):
                #expect(a.code == b.code, "\(name)")
            default:
                Issue.record("\(name): one reader failed, the other did not")
                return
            }
        }
    }

    /// As FuzzHL7v2Path: the input up to `=` is a path, the rest a value, applied to a fixed message.
    static func paths(_ bytes: [UInt8]) {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let split = text.firstIndex(of: "=") ?? text.endIndex
        let pathText = String(text[..<split])
        let value = split < text.endIndex ? String(text[text.index(after: split)...]) : "v"
        guard (try? HL7v2Path(pathText)) != nil,
            var message = try? HL7v2Message(
                parsing: Array("MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5.1\rPID|1||X^^^^MR~Y||张^三\r".utf8))
        else { return }
        _ = message.value(at: pathText)
        if (try? message.setValue(value, at: pathText)) != nil {
            let written = message.serializedBytes()
            #expect((try? HL7v2Message(parsing: written))?.serializedBytes() == written)
        }
    }
}
