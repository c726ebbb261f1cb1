/// The column names of a table, decoded from its first row.
///
/// ```swift
/// let header = TableHeader(names: ["姓名", "性别", "身份证号"])
/// print(header.index(of: "性别") ?? -1)   // 1
/// print(header.count)                     // 3
/// ```
public struct TableHeader: Hashable, Sendable {
    /// The names in column order, exactly as in the input.
    public let names: [String]
    private let indexByName: [String: Int]

    /// Creates a header; when a name repeats, lookups find its first column.
    public init(names: [String]) {
        self.names = names
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if indexByName[name] == nil { indexByName[name] = index }
            let trimmed = TableHeader.trimmed(name)
            if indexByName[trimmed] == nil { indexByName[trimmed] = index }
        }
        self.indexByName = indexByName
    }

    /// The number of columns.
    public var count: Int { names.count }

    /// The index of the column called `name` (surrounding spaces ignored), or `nil`.
    public func index(of name: String) -> Int? {
        indexByName[name] ?? indexByName[TableHeader.trimmed(name)]
    }

    /// The name of the column at `index`, or `nil`.
    public func name(at index: Int) -> String? {
        index >= 0 && index < names.count ? names[index] : nil
    }

    static func trimmed(_ text: String) -> String {
        let scalars0 = text.unicodeScalars
        guard let first = scalars0.first, let last = scalars0.last else { return text }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\u{3000}" }
        if !isSpace(first), !isSpace(last) { return text }
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" || first == "\u{3000}" {
            scalars.removeFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\u{3000}" { scalars.removeLast() }
        return String(scalars)
    }
}
