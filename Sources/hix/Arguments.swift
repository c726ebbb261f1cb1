/// A small flag parser for `hix` (the root package takes no dependencies, so no ArgumentParser).
///
/// Flags are `--name value`, `--name=value` or boolean `--name`; everything else is positional;
/// `--` ends flags; a lone `-` is the positional "standard input".
struct Arguments {
    var positional: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments`; `valued` lists the flags that take a value, `boolean` those that do not.
    /// - Throws: ``UsageError`` for an unknown flag or a missing value.
    init(_ arguments: [String], valued: Set<String>, boolean: Set<String>) throws(UsageError) {
        var index = 0
        var onlyPositional = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositional || !argument.hasPrefix("--") {
                if argument.count > 1 && argument.hasPrefix("-") && !onlyPositional && argument != "-" {
                    throw UsageError("unknown option '\(argument)'")
                }
                positional.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositional = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String? = nil
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valued.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else {
                    guard index < arguments.count else { throw UsageError("option --\(name) needs a value") }
                    values[name, default: []].append(arguments[index])
                    index += 1
                }
            } else if boolean.contains(name), inlineValue == nil {
                flags.insert(name)
            } else {
                throw UsageError("unknown option '--\(name)'")
            }
        }
    }

    /// The last value given for `name`.
    func value(_ name: String) -> String? { values[name]?.last }
    /// All values given for `name`, in order.
    func values(_ name: String) -> [String] { values[name] ?? [] }
    /// Whether the boolean flag `name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A command-line usage error (exit code 2).
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
