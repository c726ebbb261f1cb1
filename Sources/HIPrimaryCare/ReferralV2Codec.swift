import Foundation
public import HIConvert
import HICore
import HIHL7v2
public import HIModels

/// Reads and writes a ``Referral`` as an HL7 v2.5.1 `REF^I12` (referral request) or `RRI^I12` (return referral
/// information) message.
///
/// Layout (local tables are named in `docs/primary-care.md`):
/// - `RF1-1` status (table 0283: `P` requested, `A` accepted, `R` rejected, plus local `C` completed and `X`
///   cancelled), `RF1-2` priority (table 0280: `R` routine, `A` urgent, `S` stat), `RF1-3` direction (local table
///   `99HIRD`: `UP` 上转, `DOWN` 下转; table 0281 is user-defined, so the local values extend it), `RF1-5` green channel (local table `99HIRC`: `GC` 绿色通道),
///   `RF1-6` referral number, `RF1-7` date, `RF1-10` reason (text in component 2);
/// - `PRD` per role (`RP` sending, `RT` receiving): `PRD-2` practitioner name, `PRD-3` organisation address,
///   `PRD-4` organisation code and name (PL components 1 and 7), `PRD-7` practitioner identifier;
/// - `PID` and `DG1` as ``HL7v2ModelWriter`` writes them;
/// - one `OBR` per result reference (`OBR-3` report number and authority, `OBR-4` title, `OBR-7` date, `OBR-24`
///   `LAB` or `RAD`) with an `RP` `OBX` holding the link.
///
/// ```swift
/// let codec = ReferralV2Codec()
/// let er7 = try codec.write(referral)
/// let (again, report) = try codec.read(er7)
/// print(again.status == referral.status, report.unmapped.count)
/// ```
public struct ReferralV2Codec: Sendable {
    /// The message written.
    ///
    /// ```swift
    /// let kind: ReferralV2Codec.MessageKind = .response
    /// ```
    public enum MessageKind: String, Hashable, Sendable {
        /// `REF^I12^REF_I12`: the referral request.
        case request
        /// `RRI^I12^RRI_I12`: the answer (accepted, rejected, completed) with an `MSA`.
        case response
    }

    /// Conversion options (terminology, sending application, leniency).
    public var options: ConversionOptions

    /// Creates a codec.
    public init(options: ConversionOptions = ConversionOptions()) { self.options = options }

    static let statusCodes: [(Referral.Status, String, String)] = [
        (.requested, "P", "Pending"), (.accepted, "A", "Accepted"), (.rejected, "R", "Rejected"),
        (.completed, "C", "Completed"), (.cancelled, "X", "Cancelled"),
    ]
    static let priorityCodes: [(Referral.Urgency, String, String)] = [
        (.routine, "R", "Routine"), (.urgent, "A", "ASAP"), (.stat, "S", "STAT"),
    ]

    /// Writes `referral` as one ER7 message (UTF-8, segments ending in CR).
    ///
    /// - Parameters:
    ///   - referral: the referral.
    ///   - kind: `REF^I12` (default) or `RRI^I12`.
    ///   - acknowledging: for a response, the control id of the request it answers (`MSA-2`).
    /// - Throws: ``ConversionError`` when the base message cannot be built.
    public func write(_ referral: Referral, as kind: MessageKind = .request, acknowledging: String? = nil)
        throws(ConversionError) -> [UInt8]
    {
        var base = referral
        base.unmappedFragments = options.carryUnmapped ? referral.unmappedFragments : []
        if base.provenance.documentID == nil, let number = referral.identifiers.first?.value {
            // MSH-10 from the referral number, so two referrals never share a control id.
            base.provenance.documentID = (kind == .request ? "REF" : "RRI") + number
        }
        var report = ConversionReport()
        let baseBytes = try HL7v2ModelWriter().write([.referral(base)], options: options, report: &report)
        let message: HL7v2Message
        do {
            message = try HL7v2Message(parsing: baseBytes)
        } catch {
            throw ConversionError(.unreadableInput, "the base message did not parse: \(error.reason)")
        }
        var lines: [String] = []
        var msh = String(decoding: message.segments.first?.rawBytes ?? [], as: UTF8.self)
        if kind == .response {
            msh = msh.replacingFirst("|REF^I12^REF_I12|", with: "|RRI^I12^RRI_I12|")
        }
        lines.append(msh)
        if kind == .response {
            let code = referral.status == .rejected ? "AR" : "AA"
            lines.append(ER7.segment("MSA", [1: code, 2: ER7.escape(acknowledging ?? message.controlID)]))
        }
        lines.append(rf1(referral))
        for (role, organization, practitioner) in [
            ("RP", referral.fromOrganization, referral.fromPractitioner),
            ("RT", referral.toOrganization, referral.toPractitioner),
        ] where organization != nil || practitioner != nil {
            lines.append(prd(role: role, organization: organization, practitioner: practitioner))
        }
        for segment in message.segments.dropFirst() where ["PID", "DG1"].contains(segment.id) {
            lines.append(String(decoding: segment.rawBytes, as: UTF8.self))
        }
        for (index, result) in referral.results.enumerated() {
            lines += obr(result, index: index + 1)
        }
        for segment in message.segments.dropFirst() where segment.id == "ZUN" {
            lines.append(String(decoding: segment.rawBytes, as: UTF8.self))
        }
        return Array((lines.joined(separator: "\r") + "\r").utf8)
    }

    func rf1(_ referral: Referral) -> String {
        var fields: [Int: String] = [:]
        if let status = referral.status, let entry = Self.statusCodes.first(where: { $0.0 == status }) {
            fields[1] = ER7.components([entry.1, entry.2, "HL70283"])
        }
        if let urgency = referral.urgency, let entry = Self.priorityCodes.first(where: { $0.0 == urgency }) {
            fields[2] = ER7.components([entry.1, entry.2, "HL70280"])
        }
        switch referral.direction {
        case .upward?: fields[3] = "UP^上转^99HIRD"
        case .downward?: fields[3] = "DOWN^下转^99HIRD"
        case nil: break
        }
        if referral.isGreenChannel { fields[5] = "GC^绿色通道^99HIRC" }
        if let id = referral.identifiers.first {
            fields[6] = ER7.components([ER7.escape(id.value), ER7.escape(id.authority)])
        }
        if let date = referral.date { fields[7] = ER7.escape(date.text) }
        if let reason = referral.reason { fields[10] = "^" + ER7.escape(reason) }
        return ER7.segment("RF1", fields)
    }

    func prd(role: String, organization: Organization?, practitioner: Practitioner?) -> String {
        var fields: [Int: String] = [1: role]
        if let name = practitioner?.name {
            if let family = name.family {
                fields[2] = ER7.components([ER7.escape(family), ER7.escape(name.given.first)])
            } else {
                fields[2] = ER7.escape(name.text)
            }
        }
        if let address = organization?.addresses.first {
            fields[3] = ER7.components(
                [ER7.escape(address.text ?? address.parts.joined()), "", "", "", ER7.escape(address.postalCode)])
        }
        if let organization {
            fields[4] = ER7.components(
                [ER7.escape(organization.identifiers.first?.value), "", "", "", "", "", ER7.escape(organization.name)])
        }
        if let id = practitioner?.identifiers.first {
            fields[7] = ER7.components([ER7.escape(id.value), "", ER7.escape(id.authority)])
        }
        return ER7.segment("PRD", fields)
    }

    func obr(_ result: Referral.ResultReference, index: Int) -> [String] {
        var fields: [Int: String] = [1: String(index)]
        if let id = result.identifier {
            fields[3] = ER7.components([ER7.escape(id.value), ER7.escape(id.authority)])
        }
        fields[4] = ER7.components(["", ER7.escape(result.title ?? (result.kind == .lab ? "检验报告" : "检查报告"))])
        if let date = result.date { fields[7] = ER7.escape(date.text) }
        fields[24] = result.kind == .lab ? "LAB" : "RAD"
        var lines = [ER7.segment("OBR", fields)]
        if let link = result.link {
            lines.append(
                ER7.segment("OBX", [1: "1", 2: "RP", 3: "REPORT-LINK^报告链接^99HIRR", 5: ER7.escape(link), 11: "F"]))
        }
        return lines
    }

    /// The direction in `RF1-3` (Referral Type, HL7 user-defined table 0281, which sites extend with local
    /// values): the local codes `UP` / `DOWN` of table `99HIRD` in any letter case, or, for a code of another local
    /// table, its text 上转 / 下转. `nil` for the HL7 suggested values (`Lab`, `Rad`, `Med` …), which say nothing
    /// of the direction.
    static func direction(code: String?, text: String?) -> Referral.Direction? {
        switch code?.uppercased() {
        case "UP": return .upward
        case "DOWN": return .downward
        default: break
        }
        switch text {
        case "上转": return .upward
        case "下转": return .downward
        default: return nil
        }
    }

    /// Segment paths this codec reads beyond what ``HL7v2ModelReader`` maps.
    static let consumedPaths = ["RF1-1", "RF1-2", "RF1-3", "RF1-5", "PRD", "OBR", "OBX", "MSA"]

    /// Reads a `REF^I12`, `RRI^I12` (or another `REF`/`RRI` event) into a referral.
    ///
    /// - Returns: the referral and what had no place in it.
    /// - Throws: ``ConversionError`` `.unreadableInput` for bytes that do not parse, `.unsupportedRecord` for
    ///   other message types.
    public func read(_ bytes: [UInt8]) throws(ConversionError) -> (referral: Referral, report: ConversionReport) {
        let message: HL7v2Message
        do {
            message = try HL7v2Message(parsing: bytes)
        } catch {
            throw ConversionError(.unreadableInput, "not readable HL7 v2: \(error.reason)", at: error.location)
        }
        let type = message.segments.first.flatMap { ER7.value($0, 9) } ?? ""
        guard type == "REF" || type == "RRI" else {
            throw ConversionError(
                .unsupportedRecord, "the message is not a referral (REF or RRI)", at: SourceLocation(path: "MSH-9"))
        }
        var (records, report) = try HL7v2ModelReader().read(bytes, options: readOptions)
        guard case .referral(var referral)? = records.first else {
            throw ConversionError(
                .unsupportedRecord, "the message is not a referral (REF or RRI)", at: SourceLocation(path: "MSH-9"))
        }
        if let rf1 = message.segments(withID: "RF1").first {
            let status = ER7.value(rf1, 1)
            referral.status = Self.statusCodes.first { $0.1 == status }?.0
            let priority = ER7.value(rf1, 2)
            referral.urgency = Self.priorityCodes.first { $0.1 == priority }?.0
            referral.direction = Self.direction(code: ER7.value(rf1, 3), text: ER7.value(rf1, 3, 2))
            referral.isGreenChannel = ER7.value(rf1, 5) == "GC"
        }
        if let organization = referral.fromOrganization, organization.isBlank { referral.fromOrganization = nil }
        if let organization = referral.toOrganization, organization.isBlank { referral.toOrganization = nil }
        for segment in message.segments(withID: "PRD") {
            let role = ER7.value(segment, 1)
            var practitioner = Practitioner(provenance: referral.provenance)
            if let family = ER7.value(segment, 2, 1) {
                if let given = ER7.value(segment, 2, 2) {
                    practitioner.name = PersonName(text: family + given, family: family, given: [given])
                } else {
                    practitioner.name = PersonName(text: family)
                }
            }
            if let id = ER7.value(segment, 7) {
                practitioner.identifiers = [Identifier(kind: .other, value: id, authority: ER7.value(segment, 7, 3))]
            }
            guard practitioner.name != nil || !practitioner.identifiers.isEmpty else { continue }
            if role == "RP" { referral.fromPractitioner = practitioner }
            if role == "RT" { referral.toPractitioner = practitioner }
        }
        let segments = message.segments
        for (index, segment) in segments.enumerated() where segment.id == "OBR" {
            let section = ER7.value(segment, 24)
            var result = Referral.ResultReference(kind: section == "LAB" ? .lab : .exam)
            if let id = ER7.value(segment, 3) {
                result.identifier = Identifier(kind: .other, value: id, authority: ER7.value(segment, 3, 2))
            }
            result.title = ER7.value(segment, 4, 2)
            result.date = ER7.value(segment, 7).map(Timestamp.init)
            var next = index + 1
            while next < segments.count, segments[next].id == "OBX" {
                if ER7.value(segments[next], 3) == "REPORT-LINK" { result.link = ER7.value(segments[next], 5) }
                next += 1
            }
            referral.results.append(result)
        }
        report.unmapped.removeAll { Self.isConsumed($0.path) }
        referral.unmappedFragments.removeAll { Self.isConsumed($0.path) }
        try options.checkStrict(report)
        return (referral, report)
    }

    /// `true` for a path (`RF1[1]-2`, `PRD[2]-7.1`, `OBR[1]`) of an element this codec reads itself.
    static func isConsumed(_ path: String) -> Bool {
        let general = ConversionReport.generalPath(path)
        return consumedPaths.contains { prefix in
            general == prefix || general.hasPrefix(prefix + ".") || general.hasPrefix(prefix + "-")
                || general.hasPrefix(prefix + "(") || general.hasPrefix(prefix + ":")
        }
    }

    var readOptions: ConversionOptions {
        var options = options
        options.strict = false
        return options
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
