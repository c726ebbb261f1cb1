import HealthInterchange

/// `hix v3 ack|check FILE`: HL7 V3 interaction messages (acknowledgements, dialect checks).
enum V3Command {
    static let usage = """
        usage: hix v3 ack [--message-id ID] [--time TS] [--code AA|AE|AR] [--detail TEXT] [--strict] FILE|-
               hix v3 check [--strict] FILE…|-

        ack     prints the MCCI_IN000002UV01 acknowledgement a platform returns for the message in FILE:
                AA when it reads cleanly, AE when it has errors (--strict turns the vendor dialect into
                errors) or no message id, AR when it is not a readable V3 message. The acknowledgement's
                id is ACK-<received id> and its time the received creationTime, unless --message-id and
                --time are given, so the output is deterministic. Sender and receiver are swapped.
        check   prints each file's interaction, message id and the located issues (HI-V3-nnnn, XPath).

        options:
          --message-id ID   the acknowledgement's own message id
          --time TS         the acknowledgement's creationTime (YYYYMMDDHHMMSS)
          --code C          force the acknowledgement code
          --detail TEXT     replace the acknowledgement detail text
          --strict          report the vendor dialect as errors

        exit codes: 0 accepted / no errors, 1 AE/AR or errors, 2 usage error
        """

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try Arguments(
                arguments, valued: ["message-id", "time", "code", "detail"], boolean: ["strict", "help"])
        } catch {
            Console.error("hix v3: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if parsed.flag("help") {
            Console.output(usage)
            return ExitCode.ok
        }
        guard let subcommand = parsed.positional.first else {
            Console.error("hix v3: give a subcommand (ack or check)\n\n\(usage)")
            return ExitCode.usage
        }
        let files = Array(parsed.positional.dropFirst())
        var options = V3ReadingOptions()
        options.strict = parsed.flag("strict")
        switch subcommand {
        case "ack":
            guard files.count == 1 else {
                Console.error("hix v3 ack: give exactly one FILE (or - for standard input)\n\n\(usage)")
                return ExitCode.usage
            }
            var ackOptions = V3AcknowledgementOptions()
            ackOptions.messageID = parsed.value("message-id")
            ackOptions.creationTime = parsed.value("time")
            ackOptions.detail = parsed.value("detail")
            if let code = parsed.value("code") {
                guard ["AA", "AE", "AR"].contains(code) else {
                    Console.error("hix v3 ack: --code must be AA, AE or AR\n\n\(usage)")
                    return ExitCode.usage
                }
                ackOptions.code = V3Acknowledgement.Code(rawValue: code)
            }
            return acknowledge(files[0], options: options, ackOptions: ackOptions)
        case "check":
            guard !files.isEmpty else {
                Console.error("hix v3 check: give one or more FILEs (or - for standard input)\n\n\(usage)")
                return ExitCode.usage
            }
            var status = ExitCode.ok
            for file in files where check(file, options: options) != ExitCode.ok { status = ExitCode.inputError }
            return status
        default:
            Console.error("hix v3: unknown subcommand '\(subcommand)'\n\n\(usage)")
            return ExitCode.usage
        }
    }

    private static func read(_ path: String) -> [UInt8]? {
        do {
            return try ByteSource.readInput(path)
        } catch {
            Console.error("hix v3: \(error)")
            return nil
        }
    }

    private static func acknowledge(
        _ path: String, options: V3ReadingOptions, ackOptions: V3AcknowledgementOptions
    ) -> Int32 {
        guard let bytes = read(path) else { return ExitCode.inputError }
        var options = options
        options.sourceName = path == "-" ? "stdin" : path
        let reply: V3Message
        do {
            let received = try V3Message(parsing: bytes, options: options)
            reply = V3Acknowledgement.responding(to: received, options: ackOptions)
        } catch {
            Console.error("hix v3 ack: \(error)")
            reply = V3Acknowledgement.rejecting(error, options: ackOptions)
        }
        var writing = XMLWritingOptions()
        writing.indentation = .pretty(spaces: 2)
        writing.alwaysWritesDeclaration = true
        let output = (try? reply.serialized(options: writing)) ?? reply.serialized()
        Console.outputBytes(output.last == 0x0A ? output : output + [0x0A])
        let code = (try? V3Acknowledgement(reading: reply))?.code
        return code == .accept ? ExitCode.ok : ExitCode.inputError
    }

    private static func check(_ path: String, options: V3ReadingOptions) -> Int32 {
        guard let bytes = read(path) else { return ExitCode.inputError }
        var options = options
        options.sourceName = path == "-" ? "stdin" : path
        do {
            let message = try V3Message(parsing: bytes, options: options)
            var lines = [
                "\(options.sourceName ?? path): \(message.interaction.rawValue) \(message.interaction.title)"
                    + " id=\(message.id?.extension ?? "-") issues=\(message.issues.count)"
            ]
            lines += message.issues.map { "  \($0)" }
            var failed = message.issues.containsErrors
            do {
                lines.append("  content: " + summary(try V3Content(message)))
            } catch {
                lines.append("  content: \(error)")
                failed = true
            }
            Console.output(lines.joined(separator: "\n"))
            return failed ? ExitCode.inputError : ExitCode.ok
        } catch {
            Console.output("\(options.sourceName ?? path): \(error)")
            return ExitCode.inputError
        }
    }

    /// One line naming what the message carries; personal values masked.
    static func summary(_ content: V3Content) -> String {
        func resident(_ resident: Resident?) -> String {
            guard let resident else { return "no resident" }
            let id = resident.identifier(.residentIDCard).map(\.description) ?? "no resident ID"
            return "\(id), name \(resident.names.first?.description ?? "-")"
        }
        switch content {
        case .residents(let residents):
            return "\(residents.count) resident(s)" + (residents.first.map { ": " + resident($0) } ?? "")
        case .residentMerge(let merge):
            return "merge into \(resident(merge.surviving)), \(merge.replaced.count) replaced"
        case .residentQuery(let identifiers):
            return "query for \(identifiers.map(\.description).joined(separator: ", "))"
        case .organization(let organization): return "organization \(organization.name ?? "-")"
        case .practitioner(let practitioner): return "practitioner \(practitioner.name?.description ?? "-")"
        case .encounter(let encounter, let status):
            return "\(encounter.kind) encounter (\(status ?? "-")) for \(resident(encounter.resident))"
        case .order(let order):
            let items = order.labRequests.compactMap { $0.order?.code } + order.medicationOrders.map(\.medication.code)
            return "order items \(items.joined(separator: ", ")) for \(resident(order.resident))"
        case .labStatus(let report): return "lab status \(report.status?.code ?? "-") of \(report.order?.code ?? "-")"
        case .documents(let entries):
            return "\(entries.count) document(s): "
                + entries.map { "\($0.id) \($0.document.template?.title ?? "CDA")" }.joined(separator: ", ")
        case .documentRequests(let ids): return "request for \(ids.count) document(s)"
        case .acknowledgement(let ack):
            let target = ack.targetMessageID?.extension.flatMap { $0.isEmpty ? nil : $0 } ?? "-"
            return "acknowledgement \(ack.code.rawValue.isEmpty ? "-" : ack.code.rawValue) of \(target)"
        case .other(let interaction): return "untyped interaction \(interaction)"
        }
    }
}
