import HICore
import HIHL7v2
import Synchronization
import Testing

@testable import HIMLLP

struct HandlerFailure: Error {}

@Suite("MLLP listener and sender", .timeLimit(.minutes(1)))
struct MLLPListenerTests {
    @Test func thousandMessagesOverTenConnectionsAreStoredOnceAndAcknowledged() async throws {
        let inbox = Inbox()
        let listener = MLLPListener(options: listenerOptions()) { received in
            inbox.add(received)
            return .accepted
        }
        let port = try listener.start()
        let results = await withTaskGroup(of: [(String, Result<MLLPDelivery, MLLPError>)].self) { group in
            for client in 0..<10 {
                group.addTask {
                    let sender = MLLPSender(host: "127.0.0.1", port: port)
                    let ids = (0..<100).map { "C\(client)-\($0)" }
                    let acks = await sender.send(ids.map { TestMessages.oru($0) })
                    await sender.close()
                    return Array(zip(ids, acks))
                }
            }
            var all: [(String, Result<MLLPDelivery, MLLPError>)] = []
            for await part in group { all += part }
            return all
        }
        await listener.stop()
        #expect(results.count == 1000)
        for (id, result) in results {
            let ack = try result.get()
            #expect(ack.code == .applicationAccept)
            #expect(ack.acknowledgedControlID == id)
        }
        let counts = inbox.counts
        #expect(counts.count == 1000)
        #expect(counts.values.allSatisfy { $0 == 1 })
        #expect(listener.statistics.messages == 1000)
        #expect(listener.statistics.acceptedConnections == 10)
        #expect(listener.statistics.openConnections == 0)
    }

    @Test func handlerOutcomesMapToAcknowledgementCodes() async throws {
        let listener = MLLPListener(options: listenerOptions()) { received in
            switch received.header.controlID {
            case "ERR1":
                return MLLPHandlerResult(issues: [
                    Issue(.error, code: "HI-TEST-0001", "PID-3 missing", at: SourceLocation(path: "PID-3"))
                ])
            case "REJ1": return MLLPHandlerResult(rejected: true, text: "not for us")
            case "THROW1": throw HandlerFailure()
            default: return .accepted
            }
        }
        let port = try listener.start()
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        let messages = ["OK1", "ERR1", "REJ1", "THROW1", "OK2"].map { TestMessages.oru($0) }
        let results = await sender.send(messages)
        await sender.close()
        await listener.stop()
        #expect(try results[0].get().code == .applicationAccept)
        #expect(try results[4].get().code == .applicationAccept)
        let expected: [(Int, String, String)] = [(1, "ERR1", "AE"), (2, "REJ1", "AR"), (3, "THROW1", "AE")]
        for (index, id, code) in expected {
            guard case .failure(let error) = results[index] else {
                Issue.record("message \(index) should be negatively acknowledged")
                continue
            }
            #expect(error.code == .negativeAcknowledgement)
            #expect(error.messageIndex == index)
            #expect(error.controlID == id)
            #expect(error.acknowledgementCode == code)
            #expect(error.description.contains("control id \(id)"))
        }
    }

    @Test func errIssuesReachTheSenderAsErrSegments() async throws {
        let listener = MLLPListener(options: listenerOptions()) { _ in
            MLLPHandlerResult(issues: [
                Issue(.error, code: "HI-TEST-0001", "required", at: SourceLocation(path: "PID-3")),
                Issue(.warning, code: "HI-TEST-0002", "odd", at: SourceLocation(path: "OBX[2]-6")),
            ])
        }
        let port = try listener.start()
        let client = try await RawClient.connect(port: port)
        await client.write(try MLLPFrameEncoder.encode(TestMessages.oru("E1")))
        let frames = await client.readFrames(1).frames
        client.close()
        await listener.stop()
        let ack = try #require(frames.first.flatMap { HL7v2Acknowledgement(parsing: $0) })
        #expect(ack.code == .applicationError)
        #expect(ack.acknowledgedControlID == "E1")
        #expect(ack.errorSegmentCount == 2)
        let text = String(decoding: frames[0], as: UTF8.self)
        #expect(text.contains("\rERR||PID^1^3^1|207^Application internal error^HL70357|E|HI-TEST-0001|"))
        #expect(text.contains("\rERR||OBX^2^6^1|0^Message accepted^HL70357|W|HI-TEST-0002|"))
        #expect(text.hasPrefix("MSH|^~\\&|HIS|HOSP|LIS|LAB|"))
        #expect(text.contains("|ACK^R01^ACK|"))
    }

    @Test func enhancedModeSendsCommitAndApplicationAcknowledgements() async throws {
        let listener = MLLPListener(options: listenerOptions()) { received in
            if received.header.controlID == "THROW" { throw HandlerFailure() }
            return received.header.controlID == "BAD" ? MLLPHandlerResult(rejected: true) : .accepted
        }
        let port = try listener.start()
        let client = try await RawClient.connect(port: port)
        // AL/NE: only CA. AL/AL: CA then AA. NE/NE: nothing. AL/AL rejected: CR. ER/NE and a throwing handler: CE.
        await client.write(try MLLPFrameEncoder.encode(TestMessages.oru("E1", accept: "AL", application: "NE")))
        await client.write(try MLLPFrameEncoder.encode(TestMessages.oru("E2", accept: "AL", application: "AL")))
        await client.write(try MLLPFrameEncoder.encode(TestMessages.oru("E3", accept: "NE", application: "NE")))
        await client.write(try MLLPFrameEncoder.encode(TestMessages.oru("BAD", accept: "AL", application: "AL")))
        await client.write(try MLLPFrameEncoder.encode(TestMessages.oru("THROW", accept: "ER", application: "NE")))
        let frames = await client.readFrames(5).frames
        client.close()
        let acks = frames.compactMap { HL7v2Acknowledgement(parsing: $0) }
        #expect(acks.map(\.code.rawValue) == ["CA", "CA", "AA", "CR", "CE"])
        #expect(acks.map(\.acknowledgedControlID) == ["E1", "E2", "E2", "BAD", "THROW"])
        #expect(acks.last?.errorSegmentCount == 1)
        // The sender waits for the application acknowledgement after CA when MSH-16 is AL.
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        let ack = try await sender.send(TestMessages.oru("E4", accept: "AL", application: "AL"))
        #expect(ack.code == .applicationAccept)
        let commitOnly = try await sender.send(TestMessages.oru("E5", accept: "AL", application: "NE"))
        #expect(commitOnly.code == .commitAccept)
        let none = try await sender.send(TestMessages.oru("E6", accept: "NE", application: "NE"))
        #expect(none.acknowledgement == nil)
        #expect(none.controlID == "E6")
        await sender.close()
        await listener.stop()
    }

    @Test func badFramesAreAnsweredAndTheConnectionCarriesOn() async throws {
        let inbox = Inbox()
        let listener = MLLPListener(
            options: listenerOptions { $0.frame.maximumFrameBytes = 1024 }
        ) { received in
            inbox.add(received)
            return .accepted
        }
        let port = try listener.start()
        let client = try await RawClient.connect(port: port)
        let oversize = TestMessages.oru("BIG1", results: 40)  // about 2 KB
        #expect(oversize.count > 1024)
        var stream = Array("junk before\r\n".utf8)
        stream += try MLLPFrameEncoder.encode(oversize)
        stream += Array("more junk".utf8)
        stream += try MLLPFrameEncoder.encode(Array("not an HL7 message".utf8))
        stream += try MLLPFrameEncoder.encode(TestMessages.oru("OK1"))
        await client.write(stream)
        let frames = await client.readFrames(3).frames
        client.close()
        await listener.stop()
        let acks = frames.compactMap { HL7v2Acknowledgement(parsing: $0) }
        #expect(acks.map(\.code.rawValue) == ["AR", "AR", "AA"])
        #expect(acks.map(\.acknowledgedControlID) == ["BIG1", "", "OK1"])
        #expect(inbox.counts == ["OK1": 1])
        #expect(listener.statistics.droppedFrames == 1)
    }

    @Test func clientDisconnectingMidFrameDoesNotDisturbOthers() async throws {
        let inbox = Inbox()
        let events = Mutex<[MLLPListenerEvent]>([])
        let listener = MLLPListener(
            options: listenerOptions { $0.onEvent = { event in events.withLock { $0.append(event) } } }
        ) {
            received in
            inbox.add(received)
            return .accepted
        }
        let port = try listener.start()
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        #expect(try await sender.send(TestMessages.oru("A1")).code == .applicationAccept)
        let quitter = try await RawClient.connect(port: port)
        let half = try MLLPFrameEncoder.encode(TestMessages.oru("HALF"))
        await quitter.write(Array(half.prefix(40)))
        quitter.close()
        #expect(await eventually { listener.statistics.droppedFrames == 1 })
        #expect(try await sender.send(TestMessages.oru("A2")).code == .applicationAccept)
        await sender.close()
        await listener.stop()
        #expect(inbox.counts == ["A1": 1, "A2": 1])
        let dropped = events.withLock { events in
            events.contains { event in
                if case .issue(_, let issue) = event { return issue.code == "HI-MLLP-0003" }
                return false
            }
        }
        #expect(dropped)
    }

    @Test func connectionsOverTheLimitAreClosed() async throws {
        let listener = MLLPListener(options: listenerOptions { $0.maximumConnections = 2 }) { _ in .accepted }
        let port = try listener.start()
        let first = try await RawClient.connect(port: port)
        let second = try await RawClient.connect(port: port)
        #expect(await eventually { listener.statistics.openConnections == 2 })
        let third = try await RawClient.connect(port: port)
        #expect(await third.waitForClose(timeout: .seconds(2)))
        #expect(listener.statistics.refusedConnections == 1)
        // The admitted connections still work.
        await first.write(try MLLPFrameEncoder.encode(TestMessages.oru("L1")))
        #expect(await first.readFrames(1).frames.count == 1)
        for client in [first, second, third] { client.close() }
        await listener.stop()
    }

    @Test func idleAndReadTimeoutsCloseConnections() async throws {
        let listener = MLLPListener(
            options: listenerOptions {
                $0.idleTimeout = .milliseconds(200)
                $0.readTimeout = .milliseconds(300)
            }
        ) { _ in .accepted }
        let port = try listener.start()
        let idle = try await RawClient.connect(port: port)
        let started = ContinuousClock.now
        #expect(await idle.waitForClose(timeout: .seconds(3)))
        #expect(ContinuousClock.now - started < .seconds(2))
        let slow = try await RawClient.connect(port: port)
        await slow.write([0x0B] + Array("MSH|^~\\&|".utf8))  // a frame that never ends
        #expect(await slow.waitForClose(timeout: .seconds(3)))
        idle.close()
        slow.close()
        await listener.stop()
        #expect(listener.statistics.openConnections == 0)
    }

    @Test func stuckHandlersAreCancelledAndAnsweredAE() async throws {
        let cancelled = Mutex(false)
        // The timeout leaves a loaded machine (CI on 2 cores) time to answer the second message.
        let listener = MLLPListener(options: listenerOptions { $0.handlerTimeout = .seconds(3) }) { received in
            if received.header.controlID == "STUCK" {
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
            }
            return .accepted
        }
        let port = try listener.start()
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        let results = await sender.send([TestMessages.oru("STUCK"), TestMessages.oru("NEXT")])
        await sender.close()
        await listener.stop()
        guard case .failure(let error) = results[0] else {
            Issue.record("the stuck message should be answered AE")
            return
        }
        #expect(error.acknowledgementCode == "AE")
        #expect(try results[1].get().code == .applicationAccept)
        #expect(await eventually { cancelled.withLock { $0 } })
    }

    @Test func gracefulStopFinishesInFlightMessages() async throws {
        let listener = MLLPListener(options: listenerOptions()) { _ in
            try await Task.sleep(for: .milliseconds(300))
            return .accepted
        }
        let port = try listener.start()
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        async let ack = sender.send(TestMessages.oru("SLOW"))
        #expect(await eventually { listener.statistics.openConnections == 1 })
        try await Task.sleep(for: .milliseconds(50))
        await listener.stop()
        #expect(try await ack.code == .applicationAccept)
        await sender.close()
        var options = MLLPSenderOptions()
        options.maximumAttempts = 1
        let late = MLLPSender(host: "127.0.0.1", port: port, options: options)
        await #expect(throws: MLLPError(.connectFailed)) { try await late.send(TestMessages.oru("LATE")) }
    }

    @Test func senderRetriesAfterTheListenerRestarts() async throws {
        let inbox = Inbox()
        let first = MLLPListener(options: listenerOptions()) { received in
            inbox.add(received)
            return .accepted
        }
        let port = try first.start()
        var options = MLLPSenderOptions()
        options.initialBackoff = .milliseconds(100)
        options.maximumAttempts = 6
        let sender = MLLPSender(host: "127.0.0.1", port: port, options: options)
        #expect(try await sender.send(TestMessages.oru("R1")).code == .applicationAccept)
        await first.stop()
        let second = MLLPListener(options: listenerOptions { $0.port = port }) { received in
            inbox.add(received)
            return .accepted
        }
        let restart = Task {
            try await Task.sleep(for: .milliseconds(250))
            try second.start()
        }
        let ack = try await sender.send(TestMessages.oru("R2"))
        #expect(ack.code == .applicationAccept)
        #expect(ack.acknowledgedControlID == "R2")
        try await restart.value
        await sender.close()
        await second.stop()
        #expect(inbox.counts == ["R1": 1, "R2": 1])
    }

    @Test func acknowledgementsAreMatchedByControlIDAndTimeoutsNameTheMessage() async throws {
        // A fake receiver: answers the first message with a stale ACK, then the right one; ignores the second.
        let server = try #require(try? Socket.listen(host: "127.0.0.1", port: 0, backlog: 4).get())
        let port = try #require(server.localPort)
        let serverDescriptor = server.descriptor
        let fake = Task {
            await Threads.run {
                let listening = Socket(descriptor: serverDescriptor)
                guard listening.wait(for: 1, until: .now + .seconds(5), wake: nil) == .ready,
                    let (socket, _) = listening.accept()
                else { return }
                let client = RawClient(descriptor: socket.descriptor)
                Threads.wait {
                    let frames = await client.readFrames(1).frames
                    guard let first = frames.first, let header = HL7v2MessageHeader(bytes: first) else { return }
                    let stale = HL7v2Acknowledgement.build(
                        for: HL7v2MessageHeader(bytes: TestMessages.oru("OLD"))!, code: .applicationAccept,
                        controlID: "X1")
                    let right = HL7v2Acknowledgement.build(for: header, code: .applicationAccept, controlID: "X2")
                    var out: [UInt8] = []
                    try? MLLPFrameEncoder.encode(stale.bytes, into: &out)
                    try? MLLPFrameEncoder.encode(right.bytes, into: &out)
                    await client.write(out)
                    _ = await client.readFrames(2, timeout: .seconds(3))
                    client.close()
                }
            }
        }
        var options = MLLPSenderOptions()
        options.acknowledgementTimeout = .milliseconds(1500)
        let sender = MLLPSender(host: "127.0.0.1", port: port, options: options)
        let results = await sender.send([TestMessages.oru("M1"), TestMessages.oru("M2")])
        await sender.close()
        await fake.value
        server.close()
        let ack = try results[0].get()
        #expect(ack.acknowledgedControlID == "M1")
        #expect(ack.acknowledgement?.controlID == "X2")
        guard case .failure(let error) = results[1] else {
            Issue.record("the second message should time out")
            return
        }
        #expect(error.code == .acknowledgementTimeout)
        #expect(error.messageIndex == 1)
        #expect(error.controlID == "M2")
        #expect(error.description.contains("message 2 (control id M2)"))
    }

    @Test func rejectWithoutControlIDAnswersTheMessageInFlight() async throws {
        // A fake receiver that cannot read MSH-10 and answers AR with an empty MSA-2.
        let server = try #require(try? Socket.listen(host: "127.0.0.1", port: 0, backlog: 4).get())
        let port = try #require(server.localPort)
        let serverDescriptor = server.descriptor
        let fake = Task {
            await Threads.run {
                let listening = Socket(descriptor: serverDescriptor)
                guard listening.wait(for: 1, until: .now + .seconds(5), wake: nil) == .ready,
                    let (socket, _) = listening.accept()
                else { return }
                let client = RawClient(descriptor: socket.descriptor)
                Threads.wait {
                    _ = await client.readFrames(1)
                    let reject = HL7v2Acknowledgement.build(rejecting: [], issues: [], controlID: "R")
                    await client.write((try? MLLPFrameEncoder.encode(reject.bytes)) ?? [])
                    _ = await client.readFrames(1, timeout: .milliseconds(500))
                    client.close()
                }
            }
        }
        var options = MLLPSenderOptions()
        options.acknowledgementTimeout = .seconds(5)
        let sender = MLLPSender(host: "127.0.0.1", port: port, options: options)
        let started = ContinuousClock.now
        let result = await sender.send([TestMessages.oru("Q1")])
        await sender.close()
        await fake.value
        server.close()
        #expect(ContinuousClock.now - started < .seconds(4))
        guard case .failure(let error) = result[0] else {
            Issue.record("expected a negative acknowledgement")
            return
        }
        #expect(error.code == .negativeAcknowledgement)
        #expect(error.acknowledgementCode == "AR")
        #expect(error.controlID == "Q1")
    }

    @Test func gb18030MessagesArriveIntact() async throws {
        let inbox = Inbox()
        let listener = MLLPListener(options: listenerOptions()) { received in
            inbox.add(received)
            return .accepted
        }
        let port = try listener.start()
        let text =
            "MSH|^~\\&|HIS|瑋琝医院|LIS|检验科|20260101||ADT^A04|GB1|P|2.5||||||GB 18030-2000\r"
            + "PID|1||110101199003071234^^^^ID||欧阳瑋琝||19900307|F|||朝阳区建国路88号\r"
        let bytes = try Charset.gb18030.encode(text)
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        let ack = try await sender.send(bytes)
        await sender.close()
        await listener.stop()
        #expect(ack.code == .applicationAccept)
        #expect(ack.acknowledgedControlID == "GB1")
        #expect(inbox.all == [bytes])
        let ackBytes = try #require(ack.acknowledgement?.bytes)
        #expect(try Charset.gb18030.decode(ackBytes).contains("|LIS|检验科|HIS|瑋琝医院|"))
    }

    @Test func startTwiceAndBadAddressesAreTypedErrors() async throws {
        let listener = MLLPListener(options: listenerOptions()) { _ in .accepted }
        let port = try listener.start()
        #expect(throws: MLLPError(.alreadyStarted)) { try listener.start() }
        let clash = MLLPListener(options: listenerOptions { $0.port = port }) { _ in .accepted }
        #expect(throws: MLLPError(.bindFailed)) { try clash.start() }
        await listener.stop()
        await clash.stop()
        let invalid = MLLPSender(host: "127.0.0.1", port: port)
        await #expect(throws: MLLPError(.invalidMessage)) { try await invalid.send(Array("PID|1\r".utf8)) }
    }
}

@Suite("MLLP listener: parsing", .timeLimit(.minutes(1)))
struct MLLPListenerParsingTests {
    @Test func misbehavingClientsDoNotDisturbConcurrentSenders() async throws {
        let inbox = Inbox()
        let listener = MLLPListener(options: listenerOptions { $0.frame.maximumFrameBytes = 1024 }) { received in
            if received.header.controlID == "BOOM" { throw HandlerFailure() }
            inbox.add(received)
            return .accepted
        }
        let port = try listener.start()
        async let good = withTaskGroup(of: [Result<MLLPDelivery, MLLPError>].self) { group in
            for client in 0..<5 {
                group.addTask {
                    let sender = MLLPSender(host: "127.0.0.1", port: port)
                    let results = await sender.send((0..<50).map { TestMessages.oru("G\(client)-\($0)") })
                    await sender.close()
                    return results
                }
            }
            var all: [Result<MLLPDelivery, MLLPError>] = []
            for await part in group { all += part }
            return all
        }
        for round in 0..<5 {
            let bad = try await RawClient.connect(port: port)
            var stream = Array("garbage".utf8)
            stream += try MLLPFrameEncoder.encode(TestMessages.oru("BIG\(round)", results: 40))
            stream += try MLLPFrameEncoder.encode(TestMessages.oru("BOOM"))
            stream += Array(try MLLPFrameEncoder.encode(TestMessages.oru("CUT")).prefix(30))
            await bad.write(stream)
            let answers = await bad.readFrames(2).frames.compactMap { HL7v2Acknowledgement(parsing: $0) }
            #expect(answers.map(\.code.rawValue) == ["AR", "AE"])
            bad.close()
        }
        let results = await good
        await listener.stop()
        #expect(results.count == 250)
        #expect(results.allSatisfy { (try? $0.get().code) == .applicationAccept })
        #expect(inbox.counts.count == 250)
        #expect(inbox.counts.values.allSatisfy { $0 == 1 })
        #expect(listener.statistics.droppedFrames == 10)
    }

    @Test func unparseableMessagesAreRejectedWithTheParserError() async throws {
        let inbox = Inbox()
        let listener = MLLPListener(options: listenerOptions { $0.parsing = .strict }) { received in
            inbox.add(received)
            #expect(received.message.value(at: "OBX[2]-5") == "5.2")
            return .accepted
        }
        let port = try listener.start()
        let client = try await RawClient.connect(port: port)
        // A NUL byte inside PID makes the message unreadable; MSH-10 is still salvaged.
        var broken = TestMessages.oru("NUL1")
        if let pid = broken.firstIndex(of: UInt8(ascii: "T")) { broken[pid] = 0 }
        var stream = try MLLPFrameEncoder.encode(broken)
        stream += try MLLPFrameEncoder.encode(TestMessages.oru("FINE"))
        await client.write(stream)
        let frames = await client.readFrames(2).frames
        client.close()
        await listener.stop()
        let acks = frames.compactMap { HL7v2Acknowledgement(parsing: $0) }
        #expect(acks.map(\.code.rawValue) == ["AR", "AA"])
        #expect(acks.map(\.acknowledgedControlID) == ["NUL1", "FINE"])
        #expect(acks.first?.errorSegmentCount == 1)
        #expect(String(decoding: frames[0], as: UTF8.self).contains("|E|HI-V2-"))
        #expect(inbox.counts == ["FINE": 1])
    }

    @Test func slowHandlersDoNotCountAsIdleness() async throws {
        let listener = MLLPListener(options: listenerOptions { $0.idleTimeout = .milliseconds(300) }) { _ in
            try await Task.sleep(for: .milliseconds(400))
            return .accepted
        }
        let port = try listener.start()
        let sender = MLLPSender(host: "127.0.0.1", port: port)
        let results = await sender.send([TestMessages.oru("S1"), TestMessages.oru("S2")])
        await sender.close()
        await listener.stop()
        #expect(try results.map { try $0.get().code } == [.applicationAccept, .applicationAccept])
        #expect(listener.statistics.acceptedConnections == 1)
    }
}

@Suite("MLLP syntax check")
struct MLLPSyntaxCheckTests {
    @Test func requiredHeaderFieldsAreErrorsWithLocations() throws {
        let bytes = Array("MSH|^~\\&|A|B|C|D|2026||ORU|X1||2.5\rPID|1\r".utf8)
        let message = try HL7v2Message(parsing: bytes)
        let issues = MLLPSyntaxCheck.issues(in: message)
        #expect(issues.map(\.location.path) == ["MSH-9.2", "MSH-11"])
        #expect(issues.allSatisfy { $0.severity == .error && $0.code == "HI-MLLP-0401" })
        #expect(MLLPSyntaxCheck.condition(for: issues[0]) == .requiredFieldMissing)
        let header = try #require(HL7v2MessageHeader(message: message))
        var options = HL7v2AcknowledgementOptions()
        options.errorCondition = { MLLPSyntaxCheck.condition(for: $0) }
        let ack = HL7v2Acknowledgement.build(
            for: header, code: .applicationError, issues: issues, controlID: "A", timestamp: "2026", options: options)
        #expect(
            String(decoding: ack.bytes, as: UTF8.self).contains(
                "\rERR||MSH^1^9^1^2|101^Required field missing^HL70357|E|"))
        #expect(MLLPSyntaxCheck.issues(in: try HL7v2Message(parsing: TestMessages.oru("Z"))).isEmpty)
    }
}
