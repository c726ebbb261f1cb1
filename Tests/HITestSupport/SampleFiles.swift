public import Foundation

/// One file under `Samples/` (or under `../shared/corpus`), as a test argument.
public struct SampleFile: Sendable, CustomStringConvertible, Hashable {
    /// The path relative to the folder it was listed from, e.g. `hl7v2/valid/oru-r01-lab.hl7`.
    public let name: String
    /// The absolute URL.
    public let url: URL

    public init(name: String, url: URL) {
        self.name = name
        self.url = url
    }

    /// The file's bytes, exactly as stored.
    public func bytes() throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    public var description: String { name }
}

/// Finds the project's `Samples/` folder and the optional `../shared/corpus` beside the checkout.
public enum SampleFiles {
    /// The package root (this file is `<root>/Tests/HITestSupport/SampleFiles.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<root>/Samples`.
    public static let samplesRoot: URL = packageRoot.appendingPathComponent("Samples")

    /// Lists the regular files under `Samples/<folder>` (recursively, sorted), optionally only those with
    /// one of `extensions`. Throws when the folder is missing or empty, so no test passes with zero cases.
    public static func list(_ folder: String, extensions: Set<String> = []) throws -> [SampleFile] {
        try listFiles(under: samplesRoot.appendingPathComponent(folder), extensions: extensions)
    }

    /// Lists the regular files under `root` (recursively, sorted by relative path).
    public static func listFiles(under root: URL, extensions: Set<String> = []) throws -> [SampleFile] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw SampleFilesError.missingFolder(root.path)
        }
        var files: [SampleFile] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            if url.lastPathComponent.hasPrefix(".") || url.lastPathComponent == "README.md" { continue }
            if !extensions.isEmpty, !extensions.contains(url.pathExtension.lowercased()) { continue }
            let path = url.standardizedFileURL.path
            let name = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent
            files.append(SampleFile(name: name, url: url))
        }
        guard !files.isEmpty else { throw SampleFilesError.noFiles(root.path) }
        return files.sorted { $0.name < $1.name }
    }
}

/// Why a sample listing failed.
public enum SampleFilesError: Error, CustomStringConvertible {
    case missingFolder(String)
    case noFiles(String)

    public var description: String {
        switch self {
        case .missingFolder(let path): "sample folder not found: \(path)"
        case .noFiles(let path): "no sample files under \(path)"
        }
    }
}

/// `../shared/corpus` beside the package root, when it is there.
public enum SharedCorpus {
    /// The corpus root, or `nil` when it is absent (tests that need it are then skipped with a message).
    public static let root: URL? = {
        let url = SampleFiles.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("README.md").path) ? url : nil
    }()

    /// `true` when the corpus is present.
    public static var isPresent: Bool { root != nil }

    /// The message used to skip corpus tests.
    public static let skipMessage = "../shared/corpus not found beside the checkout: shared-corpus tests skipped"

    /// A URL inside the corpus (only call when ``isPresent``).
    public static func url(_ relativePath: String) -> URL {
        (root ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent(relativePath)
    }

    /// Reads a TSV index (`INDEX.tsv`) into rows keyed by the header names. Empty when the corpus is absent.
    public static func index(_ relativePath: String) throws -> [[String: String]] {
        guard root != nil else { return [] }
        let text = try String(contentsOf: url(relativePath), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() { row[name] = index < cells.count ? cells[index] : "" }
            return row
        }
    }

    /// Files under a corpus folder as test arguments; empty (not throwing) when the corpus is absent.
    public static func files(_ folder: String, extensions: Set<String> = []) -> [SampleFile] {
        guard let root else { return [] }
        return (try? SampleFiles.listFiles(under: root.appendingPathComponent(folder), extensions: extensions)) ?? []
    }
}
