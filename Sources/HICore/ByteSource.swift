#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads bytes from a file or standard input in chunks, so batch readers keep memory bounded by the
/// largest record rather than by the input.
///
/// Not `Sendable`: one reader belongs to one task. It owns its file descriptor and closes it when done.
///
/// ```swift
/// let source = try ByteSource(path: "batch.hl7")     // or ByteSource.standardInput()
/// while let chunk = try source.read(maximumCount: 1 << 16) { process(chunk) }
/// ```
public final class ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// The name to report in locations: the path, or `-` for standard input.
    public let name: String

    /// Opens a file for reading.
    ///
    /// - Throws: ``IOError`` when the file cannot be opened.
    public init(path: String) throws(IOError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IOError(path: path, operation: "open", code: errno) }
        self.descriptor = fd
        self.ownsDescriptor = true
        self.name = path
    }

    private init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.ownsDescriptor = false
        self.name = name
    }

    /// A reader over standard input (named `-`).
    public static func standardInput() -> ByteSource { ByteSource(descriptor: 0, name: "-") }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// Reads up to `maximumCount` bytes; `nil` at the end of the input.
    ///
    /// - Throws: ``IOError`` when reading fails.
    public func read(maximumCount: Int) throws(IOError) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: maximumCount)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, maximumCount) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IOError(path: name, operation: "read", code: errno)
            }
            if count == 0 { return nil }
            buffer.removeSubrange(count...)
            return buffer
        }
    }

    /// Reads everything that is left.
    ///
    /// - Throws: ``IOError`` when reading fails.
    public func readAll() throws(IOError) -> [UInt8] {
        var all: [UInt8] = []
        var stats = stat()
        if fstat(descriptor, &stats) == 0, stats.st_size > 0 { all.reserveCapacity(Int(stats.st_size)) }
        while let chunk = try read(maximumCount: 1 << 20) { all.append(contentsOf: chunk) }
        return all
    }

    /// Reads a whole file.
    ///
    /// - Throws: ``IOError`` when the file cannot be opened or read.
    public static func readFile(_ path: String) throws(IOError) -> [UInt8] {
        try ByteSource(path: path).readAll()
    }

    /// Reads a whole file, or all of standard input when `path` is `-` (the command-line convention).
    ///
    /// - Throws: ``IOError`` when the file cannot be opened or read.
    public static func readInput(_ path: String) throws(IOError) -> [UInt8] {
        path == "-" ? try standardInput().readAll() : try readFile(path)
    }
}

/// A file could not be opened, read or written.
///
/// ```swift
/// do { _ = try ByteSource.readFile("/no/such/file") } catch { print(error) }
/// // cannot open /no/such/file: No such file or directory
/// ```
public struct IOError: LocatedError, Hashable {
    /// The path involved.
    public let path: String
    /// What was attempted: `open`, `read`, `write`, `rename`.
    public let operation: String
    /// The `errno` value.
    public let code: Int32

    /// Creates the error.
    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    public var issueCode: IssueCode { "HI-IO-0001" }
    public var location: SourceLocation { SourceLocation(file: path) }
    public var reason: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
    public var description: String { reason }
}
