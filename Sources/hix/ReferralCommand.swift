import Foundation
import HealthInterchange

/// `hix referral --to v2|cda|fhir SOURCE… -o OUT`: builds a two-way referral (转诊) from source records and writes
/// it.
enum ReferralCommand {
    static let usage = """
        usage: hix referral --to v2|cda|fhir [options] SOURCE… [-o OUT]

        Builds one referral from the source records (a follow-up, a lab or exam report, an encounter, a
        patient record or an earlier referral, in HL7 v2, CDA or FHIR; the format is detected) and writes it
        as an HL7 v2.5.1 REF^I12 (or RRI^I12 with --response), a WS/T 483.20 转诊记录 CDA document, or a
        FHIR Bundle with a ServiceRequest and its Task. The resident, diagnoses, results to recognise and the
        referring doctor come from the sources; a follow-up's referral advice gives the reason and the
        receiving organisation unless the options do.

        options:
          --to F             output format: v2, cda or fhir (required)
          --direction D      up (default) or down
          --to-org NAME      receiving organisation; --to-org-code CODE its code
          --from-org NAME    sending organisation; --from-org-code CODE its code
          --reason TEXT      the reason for the referral
          --urgency U        routine, urgent or stat
          --green-channel    mark the referral for the green channel (绿色通道)
          --status S         requested (default), accepted, rejected, completed or cancelled
          --number ID        the referral number; --date YYYYMMDD the referral date
          --response         write RRI^I12 (answering a referral) instead of REF^I12 (v2 only)
          --from F           read every SOURCE as v2, cda or fhir instead of detecting
          -o, --output OUT   write to OUT (default: standard output)

        exit codes: 0 written, 1 unreadable source or nothing to refer, 2 usage error
        """

    static func run(_ rawArguments: [String]) -> Int32 {
        let parsed: Arguments
        do {
            let expanded = rawArguments.map { $0 == "-o" ? "--output" : $0 }
            parsed = try Arguments(
                expanded,
                valued: [
                    "to", "from", "direction", "to-org", "to-org-code", "from-org", "from-org-code", "reason",
                    "urgency",
                    "status", "number", "date", "output",
                ],
                boolean: ["green-channel", "response", "help"])
        } catch {
            Console.error("hix referral: \(error)\n\n\(usage)")
            return ExitCode.usage
        }
        if parsed.flag("help") {
            Console.output(usage)
            return ExitCode.ok
        }
        guard let target = parsed.value("to").flatMap(RecordFormat.init(name:)),
            [RecordFormat.hl7v2, .cda, .fhir].contains(target)
        else {
            Console.error("hix referral: --to must be v2, cda or fhir\n\n\(usage)")
            return ExitCode.usage
        }
        var forced: RecordFormat?
        if let name = parsed.value("from") {
            guard let format = RecordFormat(name: name) else {
                Console.error("hix referral: --from must be v2, cda or fhir\n\n\(usage)")
                return ExitCode.usage
            }
            forced = format
        }
        var builder: ReferralBuilder
        switch parsed.value("direction") ?? "up" {
        case "up", "upward": builder = ReferralBuilder(direction: .upward)
        case "down", "downward": builder = ReferralBuilder(direction: .downward)
        default:
            Console.error("hix referral: --direction must be up or down\n\n\(usage)")
            return ExitCode.usage
        }
        if let urgency = parsed.value("urgency") {
            guard let value = Referral.Urgency(rawValue: urgency) else {
                Console.error("hix referral: --urgency must be routine, urgent or stat\n\n\(usage)")
                return ExitCode.usage
            }
            builder.urgency = value
        }
        if let status = parsed.value("status") {
            guard let value = Referral.Status(rawValue: status) else {
                Console.error(
                    "hix referral: --status must be requested, accepted, rejected, completed or cancelled\n\n\(usage)")
                return ExitCode.usage
            }
            builder.status = value
        }
        if parsed.flag("response") && target != .hl7v2 {
            Console.error("hix referral: --response applies to --to v2 only\n\n\(usage)")
            return ExitCode.usage
        }
        builder.isGreenChannel = parsed.flag("green-channel")
        builder.reason = parsed.value("reason")
        builder.toOrganization = organization(parsed.value("to-org"), parsed.value("to-org-code"))
        builder.fromOrganization = organization(parsed.value("from-org"), parsed.value("from-org-code"))
        builder.identifier = parsed.value("number").map { Identifier(kind: .other, value: $0) }
        builder.date = parsed.value("date").map(Timestamp.init)
        guard !parsed.positional.isEmpty else {
            Console.error("hix referral: give one or more SOURCE files (or - for standard input)\n\n\(usage)")
            return ExitCode.usage
        }

        var records: [ModelRecord] = []
        let reader = PrimaryCareReader()
        for source in parsed.positional {
            let bytes: [UInt8]
            do {
                bytes = try ByteSource.readInput(source)
            } catch {
                Console.error("hix referral: \(error)")
                return ExitCode.inputError
            }
            guard let format = forced ?? detect(bytes) else {
                Console.error("hix referral: \(source): not HL7 v2, CDA or FHIR JSON")
                return ExitCode.inputError
            }
            do {
                records += try reader.read(bytes, format: format).records
            } catch {
                Console.error("hix referral: \(source): \(error.issueCode) \(error.reason) (\(error.location))")
                return ExitCode.inputError
            }
        }
        guard records.contains(where: { $0.resident != nil }) else {
            Console.error("hix referral: the sources name no resident to refer")
            return ExitCode.inputError
        }
        let referral = builder.referral(from: records)
        let output: [UInt8]
        do {
            if target == .hl7v2, parsed.flag("response") {
                // MSA-2 names the message of the referral being answered, when a source is one.
                let answered = records.lazy.compactMap { record -> String? in
                    if case .referral(let earlier) = record { return earlier.provenance.documentID }
                    return nil
                }.first
                output = try ReferralV2Codec().write(referral, as: .response, acknowledging: answered)
            } else {
                output = try reader.write(referral, to: target)
            }
        } catch {
            Console.error("hix referral: \(error.issueCode) \(error.reason)")
            return ExitCode.inputError
        }
        guard let path = parsed.value("output"), path != "-" else {
            Console.outputBytes(output)
            return ExitCode.ok
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(output)) else {
            Console.error("hix referral: cannot write \(path)")
            return ExitCode.inputError
        }
        return ExitCode.ok
    }

    static func organization(_ name: String?, _ code: String?) -> Organization? {
        guard name != nil || code != nil else { return nil }
        return Organization(
            name: name, identifiers: code.map { [Identifier(kind: .organizationCode, value: $0)] } ?? [])
    }

    static func detect(_ bytes: [UInt8]) -> RecordFormat? {
        switch DocumentFormat.detect(bytes) {
        case .hl7v2?: .hl7v2
        case .xml?: .cda
        case .fhirJSON?: .fhir
        default: nil
        }
    }
}
