import Foundation
import HICore
import HIHL7v2
import HITestSupport
import Testing

@testable import HIMLLP

/// The messages of every ../shared/corpus/hl7v2 file not marked NEGATIVE, read with the v2 reader.
enum CorpusMessages {
    static let files: [SampleFile] = ((try? SharedCorpus.index("hl7v2/INDEX.tsv")) ?? []).filter {
        !($0["note"] ?? "").hasPrefix("NEGATIVE")
    }.compactMap { row in
        row["file"].map { SampleFile(name: $0, url: SharedCorpus.url("hl7v2/" + $0)) }
    }

    static func messages(in file: SampleFile) throws -> [HL7v2Message] {
        var reader = HL7v2MessageReader(bytes: try file.bytes())
        var messages: [HL7v2Message] = []
        while let message = try reader.next() { messages.append(message) }
        return messages
    }
}

@Suite("MLLP over ../shared/corpus", .timeLimit(.minutes(1)))
struct MLLPCorpusTests {
    /// Every corpus message crosses a real listener byte for byte and is acknowledged with its control id;
    /// each acknowledgement parses with the v2 parser in the message's charset.
    @Test(.enabled(if: SharedCorpus.isPresent, "\(SharedCorpus.skipMessage)"))
    func corpusMessagesCrossTheListenerIntact() async throws {
        var messages: [(name: String, bytes: [UInt8], controlID: String?)] = []
        for file in CorpusMessages.files {
            let read: [HL7v2Message]
            do {
                read = try CorpusMessages.messages(in: file)
            } catch {
                Issue.record("\(file.name): \(error)")
                continue
            }
            for message in read {
                #expect(HL7v2MessageHeader(message: message) != nil, "\(file.name)")
                messages.append((file.name, message.serializedBytes(), message.controlID))
            }
        }
        #expect(messages.count > 100)
        let inbox = Inbox()
        let listener = MLLPListener(options: listenerOptions()) { received in
            inbox.add(received)
            return .accepted
        }
        let port = try listener.start()
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        let results = await sender.send(messages.map(\.bytes))
        await sender.close()
        await listener.stop()
        #expect(inbox.all == messages.map(\.bytes))
        for (message, result) in zip(messages, results) {
            let delivery = try result.get()
            guard let ack = delivery.acknowledgement else { continue }  // MSH-15/16 NE: none asked for
            #expect(ack.code.isPositive, "\(message.name)")
            #expect(ack.acknowledgedControlID == (message.controlID ?? ""), "\(message.name)")
            let parsed = try HL7v2Message(parsing: ack.bytes)
            let original = try HL7v2Message(parsing: message.bytes)
            #expect(parsed.charset == original.charset, "\(message.name)")
            #expect(parsed.value(at: "MSA-2") == original.controlID, "\(message.name)")
            #expect(parsed.value(at: "MSH-3") == original.value(at: "MSH-5"), "\(message.name)")
            #expect(parsed.value(at: "MSH-12") == original.value(at: "MSH-12"), "\(message.name)")
        }
    }
}
