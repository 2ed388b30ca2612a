import Foundation

/// A file to index: where it is, the id it gets, and what `stat` said about it.
public struct SourceFile: Sendable, Equatable {
    /// Real path (symbolic links resolved): one path per file however it was reached.
    public var path: String
    /// Real path of the root it was found under (a directory argument, or a file's folder).
    public var root: String
    /// The document's unique id: `path` relative to the index's base root (with `../` when
    /// the file lies outside it). It does not depend on which folder the user named.
    public var id: String
    /// Size in bytes when collected.
    public var size: Int = 0
    /// Modification time when collected, in milliseconds since 1970.
    public var mtimeMillis: Int64 = 0
    /// True when `root` is a directory argument (only those are pruned).
    public var fromDirectory: Bool = false

    /// `size:mtimeMillis`, the part of the signature a `stat` gives.
    var statSignature: String { "\(size):\(mtimeMillis)" }
}

/// Expands the `bulletin index` arguments into files: directories recursively (`*.txt`,
/// sorted by id, hidden entries skipped), files as given. Symbolic links are followed only
/// when they lead to a place inside the directory argument they were found in (a link to
/// `/` or elsewhere is reported, not walked); loops through ancestors are reported too.
/// Works on raw bytes (POSIX `opendir`/`lstat`), so names that are not valid UTF-8, broken
/// links, FIFOs and unreadable directories are each reported as a failure instead of being
/// skipped silently or hanging the run.
public enum FileCollector {
    public struct Result: Sendable {
        public var files: [SourceFile] = []
        /// Arguments or entries that could not be used, with the reason.
        public var failures: [FileFailure] = []
        /// Real paths of the directory arguments.
        public var directoryRoots: [String] = []
        /// The real path ids are relative to (the one given, or the first argument's folder).
        public var baseRoot: String?
    }

    /// Collects the files of `arguments`; ids are relative to `baseRoot` (the index's, when
    /// it has one), else to the first directory argument (or the first file's folder).
    public static func collect(_ arguments: [String], baseRoot: String? = nil) -> Result {
        var resolved: [(argument: String, path: String, st: stat)] = []
        var failures: [FileFailure] = []
        for argument in arguments {
            var st = stat()
            guard stat(argument, &st) == 0, let real = realPath(argument) else {
                failures.append(FileFailure(path: argument, reason: errnoReason(errno, missing: "no such file or directory")))
                continue
            }
            resolved.append((argument, real, st))
        }
        let base = baseRoot ?? resolved.first.map { isDirectory($0.st) ? $0.path : parent(of: $0.path) }
        var walker = Walker(base: Array((base ?? "/").utf8))
        walker.result.failures = failures
        walker.result.baseRoot = base
        for (argument, path, st) in resolved {
            if isDirectory(st) {
                if !walker.result.directoryRoots.contains(path) { walker.result.directoryRoots.append(path) }
                walker.walkRoot(path)
            } else if isRegular(st) {
                walker.add(SourceFile(path: path, root: parent(of: path), id: walker.id(for: Array(path.utf8)),
                                      size: Int(st.st_size), mtimeMillis: modificationMillis(st)), identity: FileIdentity(st))
            } else {
                walker.fail(path: argument, reason: FileContent.notRegularReason(st))
            }
        }
        return walker.result
    }

    /// The real path (links resolved), or nil with `errno` set.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func parent(of path: String) -> String {
        let url = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return url.isEmpty ? "/" : url
    }

    /// `path` relative to `base` (both real, absolute), with `..` where `path` lies outside.
    static func relative(_ path: [UInt8], to base: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/")
        let p = path.split(separator: slash).map(Array.init)
        let b = base.split(separator: slash).map(Array.init)
        var common = 0
        while common < p.count, common < b.count, p[common] == b[common] { common += 1 }
        let parts = Array(repeating: Array("..".utf8), count: b.count - common) + p[common...]
        return Array(parts.joined(separator: [slash]))
    }

    private struct Found {
        var file: SourceFile
        var identity: FileIdentity
    }

    /// One pass over the arguments: keeps each distinct file (device and inode) once.
    private struct Walker {
        var result = Result()
        let base: [UInt8]
        private var seenFiles: Set<FileIdentity> = []
        private var ancestors: [FileIdentity] = []
        private var visitedDirectories: Set<FileIdentity> = []

        init(base: [UInt8]) { self.base = base }

        mutating func fail(path: String, reason: String) {
            result.failures.append(FileFailure(path: path, reason: reason))
        }

        func id(for path: [UInt8]) -> String {
            let bytes = FileCollector.relative(path, to: base)
            return String(validating: bytes, as: UTF8.self) ?? display(bytes)
        }

        mutating func add(_ file: SourceFile, identity: FileIdentity) {
            // The same file reached twice (overlapping arguments, links) is indexed once.
            guard seenFiles.insert(identity).inserted else { return }
            result.files.append(file)
        }

        mutating func walkRoot(_ root: String) {
            var st = stat()
            guard stat(root, &st) == 0 else { return }
            let identity = FileIdentity(st)
            guard !visitedDirectories.contains(identity) else { return }
            visitedDirectories.insert(identity)
            var found: [Found] = []
            ancestors = [identity]
            walk(Array(root.utf8), root: Array(root.utf8), into: &found)
            ancestors = []
            for entry in found.sorted(by: { $0.file.id < $1.file.id }) { add(entry.file, identity: entry.identity) }
        }

        /// True when the real path `target` is `root` or inside it.
        private func isInside(_ target: [UInt8], _ root: [UInt8]) -> Bool {
            target == root || (target.count > root.count && target.starts(with: root) && target[root.count] == UInt8(ascii: "/"))
                || root == [UInt8(ascii: "/")]
        }

        /// Walks `directory` (a real path, links already resolved) under the argument `root`.
        private mutating func walk(_ directory: [UInt8], root: [UInt8], into found: inout [Found]) {
            let names: [[UInt8]]
            switch listDirectory(directory) {
            case .success(let list): names = list
            case .failure(let rejection):
                fail(path: display(directory), reason: rejection.reason)
                return
            }
            for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                var path = directory + [UInt8(ascii: "/")] + name
                let isText = hasTextExtension(name)
                var st = stat()
                guard lstat(path.cString, &st) == 0 else {
                    if isText { fail(path: display(path), reason: errnoReason(errno)) }
                    continue
                }
                var isLink = false
                if (st.st_mode & S_IFMT) == S_IFLNK {
                    isLink = true
                    guard stat(path.cString, &st) == 0 else {
                        let code = errno
                        if isText || code == ELOOP {
                            fail(path: display(path), reason: code == ELOOP ? "symbolic link loop"
                                 : code == ENOENT ? "broken symbolic link" : errnoReason(code))
                        }
                        continue
                    }
                    guard isText || isDirectory(st) else { continue }
                    guard let target = realPath(String(decoding: path, as: UTF8.self)).map({ Array($0.utf8) }) else {
                        fail(path: display(path), reason: errnoReason(errno))
                        continue
                    }
                    if isDirectory(st), ancestors.contains(FileIdentity(st)) {
                        fail(path: display(path), reason: "symbolic link loop (points to a directory that contains it)")
                        continue
                    }
                    guard isInside(target, root) else {
                        fail(path: display(path), reason: "symbolic link leads outside \(display(root)) (to \(display(target))): not followed")
                        continue
                    }
                    path = target
                }
                let identity = FileIdentity(st)
                if isDirectory(st) {
                    guard String(validating: name, as: UTF8.self) != nil else {
                        fail(path: display(path), reason: "directory name is not valid UTF-8 (rename it)")
                        continue
                    }
                    if ancestors.contains(identity) {
                        fail(path: display(path), reason: "symbolic link loop (points to a directory that contains it)")
                        continue
                    }
                    // A second way into a directory already walked: its files are indexed once.
                    guard visitedDirectories.insert(identity).inserted else { continue }
                    ancestors.append(identity)
                    walk(path, root: root, into: &found)
                    ancestors.removeLast()
                    continue
                }
                guard isText else { continue }
                guard let full = String(validating: path, as: UTF8.self) else {
                    fail(path: display(path), reason: "file name is not valid UTF-8 (rename it)")
                    continue
                }
                guard isRegular(st) else {
                    fail(path: full, reason: isLink ? "symbolic link to something that is not a regular file" : FileContent.notRegularReason(st))
                    continue
                }
                found.append(Found(file: SourceFile(path: full, root: String(decoding: root, as: UTF8.self), id: id(for: path),
                                                    size: Int(st.st_size), mtimeMillis: modificationMillis(st), fromDirectory: true),
                                   identity: identity))
            }
        }
    }

    /// The names in `directory`, hidden ones (`.…`) left out.
    private static func listDirectory(_ directory: [UInt8]) -> Swift.Result<[[UInt8]], Rejection> {
        guard let handle = opendir(directory.cString) else {
            return .failure(Rejection("cannot read directory: \(errnoReason(errno))"))
        }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name.isEmpty || name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        return .success(names)
    }

    static func hasTextExtension(_ name: [UInt8]) -> Bool {
        guard name.count > 4 else { return false }
        let tail = name.suffix(4).map { $0 | 0x20 }   // ASCII lowercase (harmless for '.')
        return tail == Array(".txt".utf8).map { $0 | 0x20 }
    }

    /// A path for messages: UTF-8 where valid, `\xNN` for the bytes that are not.
    static func display(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var out = ""
        var i = 0
        while i < bytes.count {
            // Take the longest valid UTF-8 sequence starting here (1–4 bytes).
            var taken = false
            for length in 1...4 where i + length <= bytes.count {
                if let s = String(validating: bytes[i..<i + length], as: UTF8.self) {
                    out += s
                    i += length
                    taken = true
                    break
                }
            }
            if !taken {
                out += String(format: "\\x%02X", bytes[i])
                i += 1
            }
        }
        return out
    }

    static func errnoReason(_ code: Int32, missing: String = "no such file") -> String {
        switch code {
        case ENOENT: return missing
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "symbolic link loop"
        case ENAMETOOLONG: return "name too long"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
