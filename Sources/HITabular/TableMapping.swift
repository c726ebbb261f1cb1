import Foundation
import HICore

/// A column-mapping file: which table column feeds which ``TargetPath``, with value maps for local codes,
/// date formats, units, defaults and required columns. Users write their own as JSON and load them at run
/// time (``init(contentsOfFile:)``); the built-in ones (``BuiltInMappings``) use the same format.
///
/// The JSON format:
/// ```json
/// {
///   "name": "contract-list",
///   "title": "签约居民名单",
///   "columns": [
///     { "column": "姓名", "aliases": ["居民姓名"], "target": "resident.name", "required": true },
///     { "column": "性别", "target": "resident.sex", "type": "code", "system": "GB/T 2261.1",
///       "values": { "男": "1", "女": "2" }, "displays": { "1": "男性", "2": "女性" } },
///     { "column": "签约日期", "target": "contract.date", "type": "date", "formats": ["yyyy/MM/dd"] },
///     { "column": "收缩压", "target": "followUp.bloodPressure.systolic", "unit": "mm[Hg]" },
///     { "column": "结果", "target": "labResult.value", "unitColumn": "单位", "units": { "μmol/L": "umol/L" },
///       "textIfNotNumeric": true },
///     { "column": "是否高血压", "target": "extension.hypertension", "type": "boolean",
///       "true": ["是"], "false": ["否"] },
///     { "column": "人群分类", "target": "contract.populationCategory", "separator": "、", "default": "一般人群" }
///   ]
/// }
/// ```
/// `type` defaults to the target's ``TargetPath/defaultKind``. `values` may also be an array of
/// `{ "local": "男", "code": "1", "display": "男性" }` objects, which fixes the label written back on export
/// (with the object form, the shortest label of a code is written back).
///
/// ```swift
/// let mapping = try TableMapping(contentsOfFile: "/etc/hix/my-contract-list.json")
/// let builtIn = BuiltInMappings.contractList
/// ```
public struct TableMapping: Hashable, Sendable {
    /// A short identifier, e.g. `contract-list`.
    public var name: String
    /// A human-readable title.
    public var title: String?
    /// The columns, in the order an export writes them.
    public var columns: [ColumnMapping]

    /// Creates a mapping from its parts.
    public init(name: String, title: String? = nil, columns: [ColumnMapping]) {
        self.name = name
        self.title = title
        self.columns = columns
    }

    /// Parses a mapping from JSON bytes.
    ///
    /// - Throws: ``TabularError`` `invalidMapping` (bad JSON or a bad column) or `unknownTarget`.
    public init(json: [UInt8], fileName: String? = nil) throws(TabularError) {
        let file: MappingFile
        do {
            file = try JSONDecoder().decode(MappingFile.self, from: Data(json))
        } catch {
            throw TabularError(.invalidMapping, "the mapping is not valid JSON of the expected shape", file: fileName)
        }
        var columns: [ColumnMapping] = []
        for (index, column) in file.columns.enumerated() {
            columns.append(try ColumnMapping(file: column, index: index, fileName: fileName))
        }
        guard !columns.isEmpty else {
            throw TabularError(.invalidMapping, "the mapping has no columns", file: fileName)
        }
        self.init(name: file.name ?? "mapping", title: file.title, columns: columns)
    }

    /// Loads a mapping file.
    ///
    /// - Throws: ``TabularError`` `readFailed`, `invalidMapping` or `unknownTarget`.
    public init(contentsOfFile path: String) throws(TabularError) {
        let bytes: [UInt8]
        do {
            bytes = try ByteSource.readFile(path)
        } catch {
            throw TabularError(.readFailed, error.reason, file: path)
        }
        try self.init(json: bytes, fileName: path)
    }
}

/// One column of a ``TableMapping``.
///
/// ```swift
/// let column = BuiltInMappings.contractList.columns[1]
/// print(column.column, column.target, column.kind)   // 性别 resident.sex code
/// ```
public struct ColumnMapping: Hashable, Sendable {
    /// The header name.
    public var column: String
    /// Other header names the same column goes by in other exports.
    public var aliases: [String]
    /// Where the value goes.
    public var target: TargetPath
    /// The kind of value produced.
    public var kind: ValueKind
    /// A missing column or an empty cell (without ``defaultValue``) is an error.
    public var required: Bool
    /// Text used when the cell is empty.
    public var defaultValue: String?
    /// The code system of `code` columns (a standard number or an OID).
    public var system: String?
    /// Local value → code, for `code` columns, in file order where the file gives one.
    public var values: [(local: String, code: String)] {
        get { valuePairs.map { ($0.local, $0.code) } }
        set { valuePairs = newValue.map { ValuePair(local: $0.local, code: $0.code) } }
    }
    /// Code → display.
    public var displays: [String: String]
    /// Accepted date/date-time formats, tried in order (the first is used on export).
    public var formats: [DatePattern]
    /// The fixed unit of a `quantity` column.
    public var unit: String?
    /// The column holding each row's unit, for a `quantity` column.
    public var unitColumn: String?
    /// Unit as written → unit to record (e.g. `μmol/L` → `umol/L`).
    public var units: [String: String]
    /// Texts meaning true (`boolean` columns).
    public var trueValues: [String]
    /// Texts meaning false (`boolean` columns).
    public var falseValues: [String]
    /// Splits a cell into several values (e.g. `、` in 人群分类 `老年人、高血压`).
    public var separator: String?
    /// For `decimal`/`quantity` columns: keep a non-numeric cell (e.g. 阴性) as text without an issue.
    public var textIfNotNumeric: Bool

    struct ValuePair: Hashable, Sendable {
        var local: String
        var code: String
    }
    var valuePairs: [ValuePair]

    /// A column with defaults for everything but its name and target.
    public init(column: String, target: TargetPath, kind: ValueKind? = nil) {
        self.column = column
        self.aliases = []
        self.target = target
        self.kind = kind ?? target.defaultKind
        self.required = false
        self.defaultValue = nil
        self.system = nil
        self.valuePairs = []
        self.displays = [:]
        self.formats = []
        self.unit = nil
        self.unitColumn = nil
        self.units = [:]
        self.trueValues = ["是", "有", "Y", "y", "true", "1"]
        self.falseValues = ["否", "无", "N", "n", "false", "0"]
        self.separator = nil
        self.textIfNotNumeric = false
    }

    /// The formats in force: the column's own, else the defaults for its kind.
    public var effectiveFormats: [DatePattern] {
        if !formats.isEmpty { return formats }
        return kind == .dateTime ? DatePattern.defaultDateTimePatterns : DatePattern.defaultDatePatterns
    }

    /// The label written back on export for a code: the first local value in file order (array form) or
    /// the shortest (object form, sorted at load), else the code itself.
    func local(for code: String) -> String {
        for pair in valuePairs where pair.code == code { return pair.local }
        return code
    }

    init(file: MappingFile.Column, index: Int, fileName: String?) throws(TabularError) {
        func fail(_ code: TabularError.Code, _ reason: String) -> TabularError {
            TabularError(code, "mapping column \(index + 1): " + reason, file: fileName)
        }
        guard let name = file.column, !name.isEmpty else { throw fail(.invalidMapping, "no column name") }
        guard let targetText = file.target else { throw fail(.invalidMapping, "no target") }
        guard let target = TargetPath(rawValue: targetText) else {
            throw fail(.unknownTarget, "target \(targetText) is not in the TargetPath vocabulary")
        }
        var kind = target.defaultKind
        if let type = file.type {
            guard let given = ValueKind(rawValue: type) else {
                throw fail(
                    .invalidMapping, "type \(type) is not one of text, code, date, dateTime, decimal, quantity, boolean"
                )
            }
            kind = given
        }
        self.init(column: name, target: target, kind: kind)
        aliases = file.aliases ?? []
        required = file.required ?? false
        defaultValue = file.default
        system = file.system
        displays = file.displays ?? [:]
        switch file.values {
        case .none: break
        case .some(.pairs(let pairs)):
            valuePairs = pairs.map { ValuePair(local: $0.local, code: $0.code) }
            for pair in pairs {
                if let display = pair.display, displays[pair.code] == nil { displays[pair.code] = display }
            }
        case .some(.object(let object)):
            valuePairs = object.map { ValuePair(local: $0.key, code: $0.value) }.sorted {
                ($0.local.count, $0.local) < ($1.local.count, $1.local)
            }
        }
        if let texts = file.formats {
            for text in texts {
                guard let pattern = DatePattern(text) else {
                    throw fail(.invalidMapping, "date format \(text) is not valid")
                }
                formats.append(pattern)
            }
        }
        unit = file.unit
        unitColumn = file.unitColumn
        units = file.units ?? [:]
        if let values = file.trueValues { trueValues = values }
        if let values = file.falseValues { falseValues = values }
        separator = file.separator.flatMap { $0.isEmpty ? nil : $0 }
        textIfNotNumeric = file.textIfNotNumeric ?? false
    }

    public static func == (lhs: ColumnMapping, rhs: ColumnMapping) -> Bool {
        lhs.column == rhs.column && lhs.aliases == rhs.aliases && lhs.target == rhs.target && lhs.kind == rhs.kind
            && lhs.required == rhs.required && lhs.defaultValue == rhs.defaultValue && lhs.system == rhs.system
            && lhs.valuePairs == rhs.valuePairs && lhs.displays == rhs.displays && lhs.formats == rhs.formats
            && lhs.unit == rhs.unit && lhs.unitColumn == rhs.unitColumn && lhs.units == rhs.units
            && lhs.trueValues == rhs.trueValues && lhs.falseValues == rhs.falseValues
            && lhs.separator == rhs.separator && lhs.textIfNotNumeric == rhs.textIfNotNumeric
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(column)
        hasher.combine(target)
    }
}

/// The JSON shape of a mapping file (decoded with Foundation; loading is not a hot path).
struct MappingFile: Decodable {
    struct Pair: Decodable {
        var local: String
        var code: String
        var display: String?
    }
    enum Values: Decodable {
        case object([String: String])
        case pairs([Pair])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let object = try? container.decode([String: String].self) {
                self = .object(object)
            } else {
                self = .pairs(try container.decode([Pair].self))
            }
        }
    }
    struct Column: Decodable {
        var column: String?
        var aliases: [String]?
        var target: String?
        var type: String?
        var required: Bool?
        var `default`: String?
        var system: String?
        var values: Values?
        var displays: [String: String]?
        var formats: [String]?
        var unit: String?
        var unitColumn: String?
        var units: [String: String]?
        var trueValues: [String]?
        var falseValues: [String]?
        var separator: String?
        var textIfNotNumeric: Bool?

        enum CodingKeys: String, CodingKey {
            case column, aliases, target, type, required, `default`, system, values, displays, formats, unit
            case unitColumn, units, separator, textIfNotNumeric
            case trueValues = "true"
            case falseValues = "false"
        }
    }
    var name: String?
    var title: String?
    var columns: [Column]
}
