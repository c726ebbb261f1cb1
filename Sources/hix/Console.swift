#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard output and standard error with plain `write(2)` calls: no shared buffers, so it is
/// safe from any task. Callers build a whole record's output first and write it once.
enum Console {
    /// Writes `text` and a newline to standard output.
    static func output(_ text: String) {
        write(Array(text.utf8) + [0x0A], to: 1)
    }

    /// Writes raw bytes to standard output.
    static func outputBytes(_ bytes: [UInt8]) {
        write(bytes, to: 1)
    }

    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        write(Array(text.utf8) + [0x0A], to: 2)
    }

    /// `true` when standard error is a terminal (progress displays).
    static var errorIsTerminal: Bool { isatty(2) != 0 }

    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Nothing is buffered; kept so callers can mark the end of their output.
    static func flush() {}
}
