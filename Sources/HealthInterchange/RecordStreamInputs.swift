import Foundation

/// One input of a batch: a file, a file found under a directory, or standard input.
///
/// ```swift
/// let list = RecordInputs.enumerate(["night/", "extra.hl7", "-"])
/// for input in list.inputs { print(input.name, input.path, input.size ?? -1) }
/// ```
public struct RecordInput: Sendable, Hashable {
    /// The command-line argument the input came from.
    public var argument: String
    /// The stable name: the path relative to the directory argument, the file name for a file argument,
    /// or `stdin`. Output names, shards and the resume journal use it.
    public var name: String
    /// The path to open (`-` for standard input).
    public var path: String
    /// The size in bytes, when known (not for standard input).
    public var size: Int?

    /// An input.
    public init(argument: String, name: String, path: String, size: Int? = nil) {
        self.argument = argument
        self.name = name
        self.path = path
        self.size = size
    }

    /// `true` for standard input.
    public var isStandardInput: Bool { path == "-" }
}

/// A shard of a batch: the inputs whose stable hash of ``RecordInput/name``, modulo ``count``, is ``index``.
///
/// ```swift
/// let shard = BatchShard(parsing: "2/8")!      // shard 2 of 8 (0-based)
/// let mine = shard.contains("2026/11/lab.hl7")
/// ```
public struct BatchShard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based shard index, below ``count``.
    public let index: Int
    /// Number of shards (at least 1).
    public let count: Int

    /// A shard; `nil` unless `0 <= index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `i/n` (as in `--shard 3/8`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the input named `name` belongs to this shard.
    public func contains(_ name: String) -> Bool {
        Int(Self.stableHash(name) % UInt64(count)) == index
    }

    /// FNV-1a (64-bit) of the UTF-8 bytes of `name`: the same on every machine and run.
    public static func stableHash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// Which files a batch takes from its arguments.
///
/// ```swift
/// var selection = RecordInputSelection()
/// selection.include = ["*.hl7"]
/// selection.exclude = ["archive/*"]
/// selection.shard = BatchShard(parsing: "0/4")
/// ```
public struct RecordInputSelection: Sendable {
    /// Globs (`fnmatch`) a file found under a directory must match (any of them); empty takes all.
    /// A glob with a `/` is matched against the relative path (`*` crosses `/`), otherwise against the file name.
    public var include: [String] = []
    /// Globs that drop a file found under a directory (same matching as ``include``).
    public var exclude: [String] = []
    /// Skips hidden files and directories (names starting with `.`) under directories.
    public var skipsHidden = true
    /// File extensions skipped under directories (documentation kept beside data).
    public var skippedExtensions: Set<String> = ["md", "txt"]
    /// Only the inputs of this shard; `nil` takes all.
    public var shard: BatchShard? = nil

    public init() {}

    /// Whether a file found under a directory, at `relative` path, is taken (shards aside).
    public func accepts(relative: String) -> Bool {
        let fileName = relative.split(separator: "/").last.map(String.init) ?? relative
        if skipsHidden, relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return false }
        if let dot = fileName.lastIndex(of: "."),
            skippedExtensions.contains(String(fileName[fileName.index(after: dot)...]))
        {
            return false
        }
        func matches(_ glob: String) -> Bool {
            fnmatch(glob, glob.contains("/") ? relative : fileName, 0) == 0
        }
        if !include.isEmpty, !include.contains(where: matches) { return false }
        return !exclude.contains(where: matches)
    }
}

/// The inputs of a batch, in a stable order, and the arguments that named nothing.
///
/// ```swift
/// let list = RecordInputs.enumerate(["night/"], selection: RecordInputSelection())
/// print(list.inputs.count, list.missing)
/// ```
public struct RecordInputs: Sendable {
    /// The inputs, in argument order; files under a directory sorted by relative path.
    public var inputs: [RecordInput]
    /// Arguments that are neither a file, a directory nor `-`.
    public var missing: [String]
    /// The total size of the inputs, when every size is known (no standard input).
    public var totalSize: Int? {
        var total = 0
        for input in inputs {
            guard let size = input.size else { return nil }
            total += size
        }
        return total
    }

    /// Lists the inputs named by `arguments`: files, directories (searched recursively) and `-`.
    public static func enumerate(
        _ arguments: [String], selection: RecordInputSelection = RecordInputSelection()
    ) -> RecordInputs {
        var inputs: [RecordInput] = []
        var missing: [String] = []
        let manager = FileManager.default
        for argument in arguments {
            if argument == "-" {
                inputs.append(RecordInput(argument: "-", name: "stdin", path: "-"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                missing.append(argument)
                continue
            }
            guard isDirectory.boolValue else {
                let name = argument.split(separator: "/").last.map(String.init) ?? argument
                inputs.append(RecordInput(argument: argument, name: name, path: argument, size: fileSize(argument)))
                continue
            }
            var found: [RecordInput] = []
            if let enumerator = manager.enumerator(atPath: argument) {
                while let relative = enumerator.nextObject() as? String {
                    let path = argument.hasSuffix("/") ? argument + relative : argument + "/" + relative
                    var isSubdirectory: ObjCBool = false
                    guard manager.fileExists(atPath: path, isDirectory: &isSubdirectory), !isSubdirectory.boolValue,
                        selection.accepts(relative: relative)
                    else { continue }
                    found.append(RecordInput(argument: argument, name: relative, path: path, size: fileSize(path)))
                }
            }
            inputs += found.sorted { $0.name < $1.name }
        }
        if let shard = selection.shard { inputs = inputs.filter { shard.contains($0.name) } }
        return RecordInputs(inputs: inputs, missing: missing)
    }

    /// The size of a regular file, or `nil`.
    static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }
}
