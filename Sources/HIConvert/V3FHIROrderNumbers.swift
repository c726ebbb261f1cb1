import HIModels

/// Which of a lab request's identifiers are its placer (申请方, ORC-2/OBR-2, FHIR `ServiceRequest.identifier`)
/// and filler (执行方, ORC-3/OBR-3) order numbers.
///
/// v2 marks them with an identifier type (`PLAC`, `FILL` from table 0203). HL7 V3 and FHIR orders carry bare ids
/// (`observationRequest/id`, root `2.16.156.10011.1.24` 电子申请单编号 or `.1.28` 医嘱号): for a request without
/// results the first untyped id is the placer number and, when no id is typed `PLAC`, the second untyped one the
/// filler number. Reports with results keep their untyped ids (report numbers) out of the order fields.
enum OrderNumbers {
    /// The placer and filler identifiers of `lab`.
    static func placerAndFiller(_ lab: LabReport) -> (placer: Identifier?, filler: Identifier?) {
        let typedPlacer = lab.identifiers.first { $0.type?.code == "PLAC" }
        let typedFiller = lab.identifiers.first { $0.type?.code == "FILL" }
        guard lab.results.isEmpty else { return (typedPlacer, typedFiller) }
        let bare = lab.identifiers.filter { $0.type == nil }
        let placer = typedPlacer ?? bare.first
        var filler = typedFiller
        if filler == nil, typedPlacer == nil, bare.count > 1 { filler = bare[1] }
        return (placer, filler)
    }

    /// The identifiers a FHIR `ServiceRequest` carries: those typed `PLAC` and, for a request without results,
    /// the untyped ones (the V3 / FHIR order numbers).
    static func requestIdentifiers(_ lab: LabReport) -> [Identifier] {
        lab.identifiers.filter { $0.type?.code == "PLAC" || (lab.results.isEmpty && $0.type == nil) }
    }

    /// An order number as a v2 EI (`value^^OID^ISO` when the authority is an OID, else the value alone), before
    /// escaping of the value and the OID (done by `escape`).
    static func entityIdentifier(_ identifier: Identifier?, escape: (String?) -> String) -> String {
        guard let identifier else { return "" }
        let value = escape(identifier.value)
        guard var authority = identifier.authority else { return value }
        if authority.hasPrefix("urn:oid:") { authority.removeFirst(8) }
        guard isOID(authority) else { return value }
        return value + "^^" + escape(authority) + "^ISO"
    }

    /// `true` for a dotted-decimal OID.
    static func isOID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "."), last != UInt8(ascii: "."),
            bytes.contains(UInt8(ascii: "."))
        else { return false }
        return bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }
    }
}

extension V2ReadState {
    /// The universal id (component 3) of an EI field whose id type (component 4) is `ISO`: the OID the writer put
    /// there for a V3 / FHIR order number; `nil` otherwise (a namespace id alone stays unread, as before).
    mutating func entityAuthority(_ segment: Int, _ number: Int) -> String? {
        guard let element = field(segment, number), let first = element.repetitions.first,
            Self.component(first, 4) == "ISO", let oid = Self.component(first, 3), OrderNumbers.isOID(oid)
        else { return nil }
        return oid
    }
}
