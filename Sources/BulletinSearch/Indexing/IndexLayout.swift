import Foundation

/// What an index path holds: one Xapian database directory, a directory of year shards with
/// a stub file `XAPIANDB` listing them (what `bulletin index --shard-by year` writes), or a
/// stub file a user wrote (one shard per line: `auto PATH`, relative to the stub's folder, or
/// `remote HOST:PORT` for a `xapian-tcpsrv`). Xapian opens all three as one database.
struct IndexLayout: Equatable {
    /// The stub's name inside a sharded index directory (Xapian opens a directory holding a
    /// file of this name as that stub).
    static let stubName = "XAPIANDB"
    /// The shard that holds no documents, only the index-wide data: the metadata
    /// (`bulletin.schema`, `bulletin.root`; Xapian reads metadata from the first shard, so it
    /// is listed first) and the synonym table (written once per run, not once per year).
    static let metaShard = "meta"
    /// The shard of documents without a date.
    static let undatedShard = "undated"

    enum Kind: Equatable {
        /// A glass database directory.
        case single
        /// A directory with `XAPIANDB` and its shards.
        case shardedDirectory
        /// A stub file.
        case stubFile
    }

    struct Shard: Equatable {
        /// `auto PATH` (absolute here) or `remote HOST:PORT`.
        enum Location: Equatable {
            case local(String)
            case remote(String)
        }
        var location: Location
        /// The name in the stub (a relative path for local shards).
        var name: String

        var localPath: String? { if case .local(let path) = location { return path } else { return nil } }
    }

    var path: String
    var kind: Kind
    /// In stub order (empty for `.single`).
    var shards: [Shard]

    /// The stub file's path (nil for `.single`).
    var stubPath: String? {
        switch kind {
        case .single: return nil
        case .shardedDirectory: return path + "/" + Self.stubName
        case .stubFile: return path
        }
    }

    /// Every local database directory (the index itself when single).
    var localDatabases: [String] { kind == .single ? [path] : shards.compactMap(\.localPath) }
    var remoteShards: [String] {
        shards.compactMap { if case .remote(let address) = $0.location { return address } else { return nil } }
    }

    /// The layout at `path`, or nil when it is neither a stub nor a directory with one (a
    /// directory without a stub is `.single`; whether a database is there is checked by the
    /// caller).
    static func at(_ path: String) throws(BulletinError) -> IndexLayout {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return IndexLayout(path: path, kind: .single, shards: []) }
        if isDirectory.boolValue {
            let stub = path + "/" + stubName
            guard FileManager.default.fileExists(atPath: stub) else { return IndexLayout(path: path, kind: .single, shards: []) }
            return IndexLayout(path: path, kind: .shardedDirectory, shards: try parseStub(stub, indexPath: path))
        }
        return IndexLayout(path: path, kind: .stubFile, shards: try parseStub(path, indexPath: path))
    }

    /// Xapian's stub format: `auto|glass PATH` (relative to the stub's folder), `remote
    /// HOST:PORT`; `#` comments and blank lines skipped. Anything else is refused here, by
    /// line, before Xapian says only that it cannot open the database.
    static func parseStub(_ stub: String, indexPath: String) throws(BulletinError) -> [Shard] {
        guard let data = FileManager.default.contents(atPath: stub) else {
            throw .indexAccess(path: indexPath, detail: "cannot read stub file \(stub)")
        }
        guard let text = String(data: data, encoding: .utf8), data.count < 1 << 20 else {
            throw .notAnIndex(path: indexPath, detail: Self.notAStub)
        }
        let folder = (stub as NSString).deletingLastPathComponent
        // A file whose first line names no shard type is no stub at all (notes.txt, a bulletin).
        let first = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty && !$0.hasPrefix("#") }
        if let first, !["auto ", "glass ", "remote "].contains(where: first.hasPrefix) {
            throw .notAnIndex(path: indexPath, detail: Self.notAStub)
        }
        var shards: [Shard] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw .notAnIndex(path: indexPath, detail: "stub \(stub) line \(number + 1) «\(line)»: expected `auto PATH` or `remote HOST:PORT`")
            }
            let argument = parts[1].trimmingCharacters(in: .whitespaces)
            switch parts[0] {
            case "auto", "glass":
                let absolute = argument.hasPrefix("/") ? argument : (folder as NSString).appendingPathComponent(argument)
                shards.append(Shard(location: .local((absolute as NSString).standardizingPath), name: argument))
            case "remote":
                let hostPort = argument.split(separator: ":")
                guard hostPort.count == 2, !hostPort[0].isEmpty, let port = Int(hostPort[1]), (1...65535).contains(port) else {
                    throw .notAnIndex(path: indexPath, detail: "stub \(stub) line \(number + 1) «\(line)»: expected `remote HOST:PORT`")
                }
                shards.append(Shard(location: .remote(argument), name: argument))
            default:
                throw .notAnIndex(path: indexPath, detail: "stub \(stub) line \(number + 1) «\(line)»: unknown shard type \(parts[0]) (use auto or remote)")
            }
        }
        if shards.isEmpty { throw .notAnIndex(path: indexPath, detail: "stub \(stub) lists no shards") }
        return shards
    }

    static let notAStub = "it is not a directory, nor a stub file listing shards (`auto PATH`, `remote HOST:PORT`)"

    /// The stub text for local shards named relative to the index directory (meta first).
    static func stubText(shards: [String]) -> String {
        "# bulletin year shards: the first holds the index-wide metadata and synonyms\n" + shards.map { "auto \($0)\n" }.joined()
    }
}

/// Where a command finds the index when `--index` is not given: the same rule for `bulletin`
/// and `bulletin serve`.
public enum IndexLocation {
    /// `--index`, else $BULLETIN_INDEX, else `Index`.
    public static func path(_ index: String?) -> String {
        if let index { return index }
        if let env = ProcessInfo.processInfo.environment["BULLETIN_INDEX"], !env.isEmpty { return env }
        return "Index"
    }
}
