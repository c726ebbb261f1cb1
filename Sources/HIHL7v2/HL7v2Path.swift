/// A terser-style path to a value: `PID-5`, `PID-5.1`, `PID-3[2].1`, `OBX[3]-5`, `OBX[*]-5`, `MSH-9.2`,
/// `PID-3.4.1`.
///
/// Segment occurrence and repetition count from 1 and may be `*` (all). Without a component, reading
/// gives the first component (as HAPI's terser does); ``HL7v2Message/element(at:)`` gives the whole field.
///
/// ```swift
/// let path = try HL7v2Path("OBX[*]-5[1].2")
/// print(path.segmentID, path.field ?? 0, path.component ?? 0)  // OBX 5 2
/// ```
public struct HL7v2Path: Sendable, Hashable, CustomStringConvertible {
    /// Which occurrence(s): one (counting from 1) or all.
    ///
    /// ```swift
    /// let third: HL7v2Path.Occurrence = .number(3)
    /// ```
    public enum Occurrence: Sendable, Hashable {
        /// The n-th occurrence, counting from 1.
        case number(Int)
        /// Every occurrence (`*`).
        case all
    }

    /// The segment ID.
    public var segmentID: String
    /// Which segment(s) with that ID; `.number(1)` when not written.
    public var segment: Occurrence
    /// The field number, or `nil` for the segment itself.
    public var field: Int?
    /// The repetition, or `nil` when not written.
    public var repetition: Occurrence?
    /// The component number, or `nil` when not written.
    public var component: Int?
    /// The sub-component number, or `nil` when not written.
    public var subcomponent: Int?

    /// Parses a path.
    ///
    /// - Throws: ``HL7v2Error`` with code ``HL7v2Error/Code/invalidPath`` naming what was expected.
    public init(_ text: String) throws(HL7v2Error) {
        let bytes = Array(text.utf8)
        var index = 0
        func fail(_ expected: String) -> HL7v2Error {
            HL7v2Error(.invalidPath, expected: expected, location: .init(path: nil, byteOffset: index))
        }
        func number() throws(HL7v2Error) -> Int {
            var value = 0
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index - start < 6 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            guard index > start, value >= 1 else { throw fail("a number from 1") }
            return value
        }
        func occurrence() throws(HL7v2Error) -> Occurrence? {
            guard index < bytes.count, bytes[index] == 0x5B else { return nil }  // [
            index += 1
            let result: Occurrence
            if index < bytes.count, bytes[index] == 0x2A {  // *
                index += 1
                result = .all
            } else {
                result = .number(try number())
            }
            guard index < bytes.count, bytes[index] == 0x5D else { throw fail("']'") }
            index += 1
            return result
        }
        guard bytes.count >= 3,
            bytes[0..<3].allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }),
            bytes[0] >= 0x41
        else { throw fail("a segment ID of three upper-case letters or digits") }
        segmentID = String(decoding: bytes[0..<3], as: UTF8.self)
        index = 3
        segment = try occurrence() ?? .number(1)
        field = nil
        repetition = nil
        component = nil
        subcomponent = nil
        if index < bytes.count {
            guard bytes[index] == 0x2D else { throw fail("'-' and a field number") }  // -
            index += 1
            field = try number()
            repetition = try occurrence()
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                component = try number()
                if index < bytes.count, bytes[index] == 0x2E {
                    index += 1
                    subcomponent = try number()
                }
            }
        }
        guard index == bytes.count else { throw fail("the end of the path") }
    }

    public var description: String {
        var text = segmentID
        if case .all = segment { text += "[*]" } else if case .number(let n) = segment, n != 1 { text += "[\(n)]" }
        guard let field else { return text }
        text += "-\(field)"
        switch repetition {
        case .all: text += "[*]"
        case .number(let n): text += "[\(n)]"
        case nil: break
        }
        if let component { text += ".\(component)" }
        if let subcomponent { text += ".\(subcomponent)" }
        return text
    }
}
