import Dispatch
import HealthInterchange
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hix mllp listen …` and `hix mllp send …`: a thin layer over ``MLLPListener`` and ``MLLPSender``.
enum MLLPCommand {
    static let usage = """
        usage: hix mllp listen --port P [--host 127.0.0.1] [--out DIR] [--max-connections N]
                               [--idle-timeout S] [--read-timeout S] [--max-frame-bytes N] [--strict]
                               [--validate syntax|PROFILE] [--quiet]
               hix mllp send --host H --port P [--timeout S] [--connect-timeout S] [--attempts N] FILE…|-

        listen  accepts HL7 v2 messages over MLLP and answers each with an ACK (AA/AE/AR, or CA/CE/CR when the
                message asks for enhanced mode). With --out, each message is stored in DIR (written to a temporary
                file, then renamed) as <receipt number>-<control id>.hl7. --port 0 picks a free port. The first
                line on standard output is `listening on HOST:PORT`; SIGINT or SIGTERM stops gracefully.
                --strict rejects (AR) messages with recoverable syntax problems. --validate syntax answers AE
                with ERR segments when MSH-9.1, MSH-9.2, MSH-10, MSH-11 or MSH-12 is empty, and reports parser
                warnings as ERR (W); --validate PROFILE (a built-in profile such as
                hl7v2-oru-r01, or a profile file) also reads each message into models and answers AE with one
                ERR segment per finding of the profile's rules (see hix validate --list-profiles). Connections and
                messages are logged on standard error (--quiet: problems only).
        send    sends every message in the files (multi-message and FHS/BHS batch files are split) and prints
                one line per message: its ACK code, file, number in the file and control id. Exits 1 when any
                message is not positively acknowledged (AE/AR/CE/CR, timeout, connection failure). Defaults:
                --timeout 30 (seconds per acknowledgement), --connect-timeout 5, --attempts 3 (a lost
                connection is retried with backoff; the message may then arrive twice).
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let subcommand = arguments.first else {
            Console.error(usage)
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        switch subcommand {
        case "listen": return listen(rest)
        case "send": return send(rest)
        case "help", "--help", "-h":
            Console.output(usage)
            return ExitCode.ok
        default:
            Console.error("hix mllp: unknown subcommand '\(subcommand)'\n\n\(usage)")
            return ExitCode.usage
        }
    }

    // MARK: - listen

    static func listen(_ rawArguments: [String]) -> Int32 {
        var options = MLLPListenerOptions(port: 0)
        let directory: String?
        var validates = false
        var validation: RecordValidation? = nil
        var quiet = false
        do {
            let arguments = try Arguments(
                rawArguments,
                valued: [
                    "port", "host", "out", "max-connections", "idle-timeout", "read-timeout", "max-frame-bytes",
                    "validate",
                ],
                boolean: ["strict", "quiet"])
            guard arguments.positional.isEmpty else { throw UsageError("listen takes no file arguments") }
            guard let port = arguments.value("port") else { throw UsageError("--port is required") }
            options.port = try integer(port, "port", range: 0...65535)
            options.host = arguments.value("host") ?? "127.0.0.1"
            if let value = arguments.value("max-connections") {
                options.maximumConnections = try integer(value, "max-connections", range: 1...100_000)
            }
            if let value = arguments.value("idle-timeout") { options.idleTimeout = try seconds(value, "idle-timeout") }
            if let value = arguments.value("read-timeout") { options.readTimeout = try seconds(value, "read-timeout") }
            if let value = arguments.value("max-frame-bytes") {
                options.frame.maximumFrameBytes = try integer(value, "max-frame-bytes", range: 16...(1 << 30))
            }
            if arguments.flag("strict") { options.parsing = .strict }
            if let profile = arguments.value("validate") {
                validates = true
                if profile != "syntax" {
                    do {
                        let (loaded, library) = try ValidateCommand.loadProfile(profile)
                        validation = try RecordValidation(profile: Validator(profile: loaded, library: library))
                    } catch {
                        throw UsageError("--validate \(profile): \(error)")
                    }
                }
                options.acknowledgement.errorCondition = { MLLPCommand.condition(for: $0) }
            }
            directory = arguments.value("out")
            quiet = arguments.flag("quiet")
        } catch {
            Console.error("hix mllp listen: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if let directory {
            var status = stat()
            if stat(directory, &status) != 0 { _ = mkdir(directory, 0o755) }
            guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                Console.error("hix mllp listen: cannot use output directory \(directory)")
                return ExitCode.inputError
            }
        }
        let logsEverything = !quiet
        options.onEvent = { event in log(event, everything: logsEverything) }
        // Block the stop signals before any thread starts, so that every thread inherits the mask and the
        // main thread alone receives them with sigwait.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        let store = directory.map { MessageStore(directory: $0) }
        let check = validates
        let profileCheck = validation
        let listener = MLLPListener(options: options) { received in
            var issues = check ? MLLPSyntaxCheck.issues(in: received.message) : []
            if let profileCheck {
                for report in profileCheck.validate(received.message.serializedBytes(), as: .hl7v2) {
                    issues += report.issues.map(\.issue)
                }
            }
            try store?.save(received)
            return MLLPHandlerResult(issues: issues)
        }
        let port: Int
        do {
            port = try listener.start()
        } catch {
            Console.error("hix mllp listen: \(error)")
            return ExitCode.inputError
        }
        Console.output("listening on \(options.host):\(port)")
        var received: Int32 = 0
        sigwait(&signals, &received)
        Console.error("hix mllp listen: stopping (signal \(received))")
        blocking { await listener.stop() }
        let statistics = listener.statistics
        Console.error(
            "hix mllp listen: stopped; \(statistics.messages) message(s), \(statistics.acceptedConnections) "
                + "connection(s), \(statistics.refusedConnections) refused, \(statistics.droppedFrames) dropped frame(s)"
        )
        return ExitCode.ok
    }

    /// ERR-3 (table 0357) for an issue: the syntax check's mapping, and for profile findings the level of
    /// their rule (HI-VAL-01xx required elements → 101, 02xx data types → 102, 03xx/04xx value domains → 103,
    /// 05xx business rules → 207).
    static func condition(for issue: HICore.Issue) -> HL7v2ErrorCondition {
        let code = issue.code.rawValue
        guard code.hasPrefix("HI-VAL-0"), code.count == 11 else { return MLLPSyntaxCheck.condition(for: issue) }
        switch code.dropFirst(8).first {
        case "1": return .requiredFieldMissing
        case "2": return .dataTypeError
        case "3", "4": return .tableValueNotFound
        default: return .applicationInternalError
        }
    }

    private static func log(_ event: MLLPListenerEvent, everything: Bool) {
        switch event {
        case .opened(let connection, let peer):
            if everything { Console.error("connection \(connection) opened from \(peer)") }
        case .refused(let peer): Console.error("connection from \(peer) refused (limit reached)")
        case .closed(let connection, let reason):
            if everything { Console.error("connection \(connection) closed: \(reason)") }
        case .answered(let connection, let index, let controlID, let codes):
            guard everything || !codes.allSatisfy(\.isPositive) else { return }
            let codes = codes.map(\.rawValue).joined(separator: ",")
            let number = index >= 0 ? "message \(index + 1)" : "unreadable message"
            Console.error(
                "connection \(connection): \(number) control id \(controlID ?? "-"): \(codes.isEmpty ? "no ACK" : codes)"
            )
        case .issue(let connection, let issue): Console.error("connection \(connection): \(issue)")
        }
    }

    // MARK: - send

    static func send(_ rawArguments: [String]) -> Int32 {
        let host: String
        let port: Int
        var options = MLLPSenderOptions()
        let files: [String]
        do {
            let arguments = try Arguments(
                rawArguments, valued: ["host", "port", "timeout", "attempts", "connect-timeout"], boolean: [])
            guard let hostValue = arguments.value("host") else { throw UsageError("--host is required") }
            guard let portValue = arguments.value("port") else { throw UsageError("--port is required") }
            host = hostValue
            port = try integer(portValue, "port", range: 1...65535)
            if let value = arguments.value("timeout") { options.acknowledgementTimeout = try seconds(value, "timeout") }
            if let value = arguments.value("connect-timeout") {
                options.connectTimeout = try seconds(value, "connect-timeout")
            }
            if let value = arguments.value("attempts") {
                options.maximumAttempts = try integer(value, "attempts", range: 1...100)
            }
            guard !arguments.positional.isEmpty else { throw UsageError("no input files") }
            files = arguments.positional
        } catch {
            Console.error("hix mllp send: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        // Files are streamed and sent in batches over one connection, so memory stays bounded by a batch.
        let sender = MLLPSender(host: host, port: port, options: options)
        var status = ExitCode.ok
        var pending: [(name: String, number: Int, controlID: String, bytes: [UInt8])] = []
        func flush() {
            guard !pending.isEmpty else { return }
            let payloads = pending.map(\.bytes)
            let results = blocking { await sender.send(payloads) }
            var lines: [String] = []
            for (message, result) in zip(pending, results) {
                let where_ = "\(message.name) #\(message.number) control id \(message.controlID)"
                switch result {
                case .success(let delivery):
                    if let code = delivery.code {
                        lines.append("\(code.rawValue)  \(where_)")
                    } else {
                        lines.append("--  \(where_): sent; no acknowledgement requested (MSH-15/16 NE)")
                    }
                case .failure(let error):
                    status = ExitCode.inputError
                    if error.code == .negativeAcknowledgement {
                        lines.append("\(error.acknowledgementCode ?? "??")  \(where_)")
                    } else {
                        var shown = error  // the line already names the message
                        shown.messageIndex = nil
                        shown.controlID = nil
                        lines.append("--  \(where_): \(shown.reason)")
                    }
                }
            }
            Console.output(lines.joined(separator: "\n"))
            pending = []
        }
        for file in files {
            var reader: HL7v2MessageReader
            do {
                reader = HL7v2MessageReader(source: file == "-" ? .standardInput() : try ByteSource(path: file))
            } catch {
                Console.error("hix mllp send: \(error)")
                status = ExitCode.inputError
                continue
            }
            var number = 0
            var failuresInARow = 0
            while failuresInARow < 100 {  // the reader skips a bad record; never loop on a stuck input
                do {
                    guard let message = try reader.next() else { break }
                    failuresInARow = 0
                    number += 1
                    pending.append((file, number, message.controlID ?? "-", message.serializedBytes()))
                    if pending.count >= 256 { flush() }
                } catch {
                    failuresInARow += 1
                    Console.error("hix mllp send: \(file): \(error)")
                    status = ExitCode.inputError
                }
            }
            if number == 0 {
                Console.error("hix mllp send: \(file): no HL7 v2 message found")
                status = ExitCode.inputError
            }
        }
        flush()
        blocking { await sender.close() }
        return status
    }

    // MARK: - helpers

    private static func integer(_ text: String, _ name: String, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("--\(name) needs a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    private static func seconds(_ text: String, _ name: String) throws(UsageError) -> Duration {
        guard let value = Double(text), value > 0, value <= 86_400 else {
            throw UsageError("--\(name) needs a number of seconds (0 < S <= 86400)")
        }
        return .milliseconds(Int64(value * 1000))
    }

    /// Runs async work from the synchronous command (the main thread is not part of the concurrency pool).
    private static func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        Task {
            let value = await work()
            box.value.withLock { $0 = value }
            box.done.signal()
        }
        box.done.wait()
        return box.value.withLock { $0 }!
    }
}

private final class ResultBox<T: Sendable>: Sendable {
    let done = DispatchSemaphore(value: 0)
    let value = Mutex<T?>(nil)
}

/// Stores received messages atomically: written to a hidden temporary file, synced, then renamed to
/// `<receipt number, 6 digits>-<control id>.hl7` (the control id reduced to letters, digits, `.`, `-`, `_`).
struct MessageStore: Sendable {
    let directory: String

    struct StoreError: LocatedError {
        let file: String
        let code: Int32
        var issueCode: IssueCode { "HI-MLLP-0301" }
        var location: SourceLocation { SourceLocation(file: file) }
        var reason: String { "cannot store the message: \(String(cString: strerror(code)))" }
        var description: String { reason }
    }

    static func fileName(receiptIndex: Int, controlID: String?) -> String {
        var number = String(receiptIndex + 1)
        if number.count < 6 { number = String(repeating: "0", count: 6 - number.count) + number }
        let safe = (controlID ?? "").unicodeScalars.prefix(64).map { scalar -> Character in
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            return ok || scalar == "." || scalar == "-" || scalar == "_" ? Character(scalar) : "_"
        }
        return safe.isEmpty ? "\(number).hl7" : "\(number)-\(String(safe)).hl7"
    }

    func save(_ received: MLLPReceivedMessage) throws(StoreError) {
        let name = Self.fileName(receiptIndex: received.receiptIndex, controlID: received.header.controlID)
        let final = directory + "/" + name
        let temporary = directory + "/.incoming-" + name
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError(file: name, code: errno) }
        let failure: Int32? = received.bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return fsync(descriptor) == 0 ? nil : errno
        }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw StoreError(file: name, code: failure)
        }
        guard rename(temporary, final) == 0 else {
            let code = errno
            unlink(temporary)
            throw StoreError(file: name, code: code)
        }
    }
}
