import Foundation

/// A file to index: where it is and the id it gets.
public struct SourceFile: Sendable, Equatable {
    /// Absolute path.
    public var path: String
    /// Absolute path of the root it was found under (a directory argument, or a file's folder).
    public var root: String
    /// Path relative to `root`: the document's unique id.
    public var id: String
}

/// Expands the `bulletin index` arguments into files: directories recursively (`*.txt`,
/// sorted, hidden entries skipped), files as given.
public enum FileCollector {
    public struct Result: Sendable {
        public var files: [SourceFile] = []
        /// Arguments or entries that could not be used, with the reason.
        public var failures: [FileFailure] = []
    }

    public static func collect(_ arguments: [String]) -> Result {
        var result = Result()
        let fm = FileManager.default
        for argument in arguments {
            let url = URL(fileURLWithPath: argument).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                result.failures.append(FileFailure(path: argument, reason: "no such file or directory"))
                continue
            }
            if isDirectory.boolValue {
                collectDirectory(url, into: &result)
            } else {
                result.files.append(SourceFile(path: url.path, root: url.deletingLastPathComponent().path, id: url.lastPathComponent))
            }
        }
        return result
    }

    private static func collectDirectory(_ root: URL, into result: inout Result) {
        let keys: [URLResourceKey] = [.isRegularFileKey, .isDirectoryKey]
        final class Sink: @unchecked Sendable { var failures: [FileFailure] = [] }
        let sink = Sink()
        defer { result.failures.append(contentsOf: sink.failures) }
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles],
            errorHandler: { url, error in
                sink.failures.append(FileFailure(path: url.path, reason: "cannot read directory: \(error.localizedDescription)"))
                return true
            })
        else {
            result.failures.append(FileFailure(path: root.path, reason: "cannot read directory"))
            return
        }
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var found: [SourceFile] = []
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "txt" {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath) else { continue }
            found.append(SourceFile(path: path, root: root.path, id: String(path.dropFirst(rootPath.count))))
        }
        result.files.append(contentsOf: found.sorted { $0.id < $1.id })
    }
}

/// A file or argument that was not indexed, and why.
public struct FileFailure: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    /// `path: reason`, one line.
    public var description: String { "\(path): \(reason.oneLine)" }
}
