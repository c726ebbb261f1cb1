/// Masks personal data before it reaches a log, an error message or a terminal.
///
/// Resident ID numbers keep their first four and last four characters (`1101**********002X`), phone
/// numbers their first three and last four (`138****5678`), names their first character (`张*`, `欧阳**`
/// keeps `欧`). Everything the library prints about a person goes through these functions.
///
/// ```swift
/// PrivacyMask.identifier("11010519491231002X")  // "1101**********002X"
/// PrivacyMask.phone("13812345678")              // "138****5678"
/// PrivacyMask.name("张三丰")                     // "张**"
/// ```
public enum PrivacyMask {
    /// Masks an identifier (resident ID, passport, insurance number): keeps 4 + 4 characters when it is
    /// long enough (12 or more), otherwise only the last two.
    public static func identifier(_ value: String) -> String {
        keep(value, prefix: 4, suffix: 4, whenAtLeast: 12)
    }

    /// Masks a phone number: keeps the first three and the last four digits of 11 or more characters,
    /// otherwise the last two.
    public static func phone(_ value: String) -> String {
        keep(value, prefix: 3, suffix: 4, whenAtLeast: 11)
    }

    /// Keeps `prefix` and `suffix` characters of values with at least `minimum` characters; shorter values
    /// keep only their last two (nothing when they have two or fewer).
    private static func keep(_ value: String, prefix: Int, suffix: Int, whenAtLeast minimum: Int) -> String {
        let characters = Array(value)
        let (head, tail) = characters.count >= minimum ? (prefix, suffix) : (0, characters.count > 2 ? 2 : 0)
        return String(characters.prefix(head)) + String(repeating: "*", count: characters.count - head - tail)
            + String(characters.suffix(tail))
    }

    /// Masks a personal name: keeps the first character (the family name in most Chinese names).
    public static func name(_ value: String) -> String {
        let characters = Array(value)
        guard let first = characters.first else { return "" }
        return String(first) + String(repeating: "*", count: characters.count - 1)
    }

    /// Masks any free text that might hold personal data: keeps only its length.
    public static func text(_ value: String) -> String { "<\(value.count) characters>" }
}
