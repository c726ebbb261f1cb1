import HICore
public import HIFHIR
public import HIModels

/// The platform export shape of contracts: one JSON object per contract (documented in docs/contracts.md),
/// written as a pretty JSON array or as NDJSON (one compact object per line). Every modelled field is kept;
/// members a reader does not know are kept too and written back.
///
/// ```swift
/// let bytes = ContractJSON.encode([contract], layout: .ndjson)
/// let again = try ContractJSON.decode(bytes, file: "contracts.ndjson")
/// assert(again[0].packages == contract.packages)
/// ```
public enum ContractJSON {
    /// How several contracts are laid out.
    ///
    /// ```swift
    /// let layout: ContractJSON.Layout = .array
    /// ```
    public enum Layout: Sendable, Hashable {
        /// A pretty-printed JSON array.
        case array
        /// One compact object per line.
        case ndjson
    }

    /// The JSON tree of one contract.
    public static func value(_ contract: FamilyDoctorContract) -> JSONValue { ContractJSONEncoding.contract(contract) }

    /// Writes contracts.
    public static func encode(_ contracts: [FamilyDoctorContract], layout: Layout = .array) -> [UInt8] {
        switch layout {
        case .array:
            return JSONWriter.write(.array(contracts.map(value)), style: .pretty)
        case .ndjson:
            var output: [UInt8] = []
            for contract in contracts {
                JSONWriter.append(value(contract), style: .compact, to: &output)
                output.append(0x0A)
            }
            return output
        }
    }

    /// Reads one contract object, an array of them, or NDJSON lines of them.
    /// - Parameters:
    ///   - bytes: UTF-8 JSON.
    ///   - file: the file name for locations.
    ///   - options: limits (depth, size).
    /// - Throws: ``ContractError`` `.unreadableInput` for bad JSON, `.notAContract` / `.invalidValue` /
    ///   `.missingElement` with the JSON path for a bad contract.
    public static func decode(_ bytes: [UInt8], file: String? = nil, options: FHIRDecodingOptions = .init())
        throws(ContractError) -> [FamilyDoctorContract]
    {
        guard bytes.count <= options.maximumInputBytes else {
            throw ContractError(.tooLarge, "input larger than the limit", at: SourceLocation(file: file))
        }
        let values: [JSONValue]
        do {
            values = [try JSONReader.read(bytes, options: options)]
        } catch {
            values = try ndjson(bytes, file: file, options: options, whole: error)
        }
        var contracts: [FamilyDoctorContract] = []
        for (line, value) in values.enumerated() {
            let record = values.count > 1 ? line + 1 : nil
            if let items = value.arrayValue {
                for (index, item) in items.enumerated() {
                    let decoder = ContractJSONDecoding(file: file, record: index + 1)
                    contracts.append(try decoder.contract(item, "$[\(index)]"))
                }
            } else {
                contracts.append(try ContractJSONDecoding(file: file, record: record).contract(value))
            }
        }
        return contracts
    }

    private static func ndjson(_ bytes: [UInt8], file: String?, options: FHIRDecodingOptions, whole: FHIRError)
        throws(ContractError) -> [JSONValue]
    {
        var values: [JSONValue] = []
        var start = 0
        var line = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            line += 1
            let slice = Array(bytes[start..<end])
            start = end + 1
            guard slice.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            do {
                values.append(try JSONReader.read(slice, options: options))
            } catch {
                let base = line == 1 ? whole.location : SourceLocation(line: line)
                let location = file.map { base.with(file: $0) } ?? base
                throw ContractError(.unreadableInput, "not JSON: \(error.reason)", at: location)
            }
        }
        guard !values.isEmpty else {
            throw ContractError(.unreadableInput, "no JSON value", at: SourceLocation(file: file))
        }
        return values
    }
}
