import Foundation
internal import Xapian

/// The index directory as the file system sees it, checked before Xapian opens it so that
/// each failure gets its true name: missing, permission denied, read-only, not an index,
/// a writer in progress, a table gone.
enum IndexDirectory {
    /// Xapian's own files in a glass database directory.
    static func isXapianFile(_ name: String) -> Bool {
        name == "flintlock" || name == "iamglass" || name.hasSuffix(".glass") || name.hasSuffix(".tmp")
    }

    /// The tables a bulletin index with documents always has (every document has data,
    /// terms and positions). The others (spelling, synonym) exist once some document fed
    /// them: each run records the tables present after its commit (`tablesKey`), and later
    /// opens demand those too. Xapian treats a missing optional table as empty, which would
    /// silently break phrases, spelling or country synonyms.
    static let requiredTables = ["postlist", "termlist", "docdata", "position"]
    static let tablesKey = "bulletin.tables"

    /// The tables the index will have after the commit about to be made: those present,
    /// the required ones once there are documents (every document's words feed the spelling
    /// table), and the synonym table once a country is indexed (its names become synonyms).
    /// Recorded in the same commit: no second commit, no window without the record.
    /// `synonyms` false: a year shard, whose synonyms are kept in the metadata shard.
    static func expectedTables(_ database: Database, path: String, synonyms: Bool = true) throws -> String {
        var tables = Set(presentTables(path).split(separator: ",").map(String.init))
        if try database.documentCount() > 0 { tables.formUnion(requiredTables + ["spelling"]) }
        if synonyms, try !database.allTerms(prefix: IndexSchema.countryPrefix).isEmpty { tables.insert("synonym") }
        return tables.sorted().joined(separator: ",")
    }

    /// The `*.glass` tables present in the directory, sorted, comma-separated.
    static func presentTables(_ path: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".glass") }.map { String($0.dropLast(6)) }.sorted().joined(separator: ",")
    }

    /// For reading: a directory holding a glass database, a sharded index directory (stub
    /// `XAPIANDB` and its shards) or a stub file, else the error that says why not. Every local
    /// shard a stub lists is checked the same way; remote shards are Xapian's to reach.
    static func checkReadable(_ path: String) throws(BulletinError) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .indexMissing(path: path) }
            throw accessError(path, errno: code)
        }
        if !isDirectory(st) || access(path + "/" + IndexLayout.stubName, F_OK) == 0 {
            if !isDirectory(st), access(path, R_OK) != 0 { throw accessError(path, errno: errno) }
            for shard in try IndexLayout.at(path).localDatabases {
                do { try checkReadable(shard) } catch .indexMissing {
                    throw .indexCorrupt(path: path, detail: "shard \(shard) listed in the stub is missing")
                }
            }
            return
        }
        if access(path, R_OK | X_OK) != 0 { throw accessError(path, errno: errno) }
        let marker = path + "/iamglass"
        if stat(marker, &st) != 0 {
            let code = errno
            if code != ENOENT { throw accessError(path, errno: code) }
            if try foreignEntries(path).isEmpty { throw .indexMissing(path: path) }
            throw .notAnIndex(path: path, detail: "the directory holds other files and no Xapian database")
        }
        if access(marker, R_OK) != 0 { throw accessError(path, errno: errno) }
    }

    /// For writing: creates the directory if needed and refuses a path that is not (and
    /// must not become) an index. Returns true when an index already exists there.
    static func prepareForWriting(_ path: String) throws(BulletinError) -> Bool {
        var st = stat()
        if stat(path, &st) != 0 {
            let code = errno
            guard code == ENOENT else { throw accessError(path, errno: code) }
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                let cause = (error as NSError).userInfo[NSUnderlyingErrorKey].flatMap { ($0 as? NSError)?.code }
                if let cause, let system = SystemCause(errno: Int32(cause)) { throw system.error(indexPath: path, committed: 0) }
                throw .runtime("cannot create index directory \(path): \(error.localizedDescription)")
            }
            return false
        }
        guard isDirectory(st) else { throw .notAnIndex(path: path, detail: "it is a regular file; give a directory for the index") }
        var marker = stat()
        let exists = stat(path + "/iamglass", &marker) == 0
        if !exists {
            let foreign = try foreignEntries(path)
            if !foreign.isEmpty {
                throw .notAnIndex(path: path, detail: "the directory holds \(foreign.count) other entr\(foreign.count == 1 ? "y" : "ies") (\(foreign.prefix(3).joined(separator: ", "))) and no index; give an empty or new directory")
            }
        }
        try probeWritable(path)
        return exists
    }

    /// Creates and removes a file in the directory: the only test of write access that also
    /// holds for root (who passes `access(2)` on a read-only mount's files but not its
    /// `open(O_CREAT)`).
    static func probeWritable(_ path: String) throws(BulletinError) {
        let probe = path + "/.bulletin-write-probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw accessError(path, errno: errno) }
        close(fd)
        unlink(probe)
    }

    /// True while a writer holds the lock of the index or of one of its local shards.
    static func isWriteLocked(_ path: String) -> Bool {
        guard let layout = try? IndexLayout.at(path), layout.kind != .single else { return isDatabaseWriteLocked(path) }
        return layout.localDatabases.contains(where: isDatabaseWriteLocked)
    }

    /// True while a writer holds the database's lock (Xapian's `flintlock`, an fcntl lock).
    static func isDatabaseWriteLocked(_ path: String) -> Bool {
        let fd = open(path + "/flintlock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }

    /// Every table the schema uses is there (when the index has documents), the schema
    /// version is this build's, and every document has its unique id term.
    /// A sharded index: the schema read through the stub (its first shard's metadata), then
    /// each local shard on its own (each records its own tables).
    static func verifyOpened(_ database: Database, path: String) throws(BulletinError) {
        let layout = try IndexLayout.at(path)
        guard layout.kind == .single else {
            try IndexSchema.checkVersion(of: database, path: path)
            for shard in layout.localDatabases {
                let opened = try BulletinError.mapping(indexPath: shard) { try Database(path: shard) }
                try verifyOpened(opened, path: shard)
            }
            return
        }
        try requirePostlist(path)
        try IndexSchema.checkVersion(of: database, path: path)
        let count = try BulletinError.mapping(indexPath: path) { try database.documentCount() }
        guard count > 0 else { return }
        let recorded = try BulletinError.mapping(indexPath: path) { try database.metadata(tablesKey) }
        let expected = Set(requiredTables + recorded.split(separator: ",").map(String.init)).sorted()
        let missing = expected.filter { access(path + "/\($0).glass", F_OK) != 0 }
        if !missing.isEmpty {
            throw .indexCorrupt(path: path, detail: "table\(missing.count == 1 ? "" : "s") \(missing.map { "\($0).glass" }.joined(separator: ", ")) missing; re-index into a new directory")
        }
    }

    /// The postlist holds the metadata and the document count: without it an index looks
    /// empty and healthy (or fails to open with a bare "No such file"). Checked before opening.
    static func requirePostlist(_ path: String) throws(BulletinError) {
        let layout = try IndexLayout.at(path)
        if layout.kind != .single {
            for shard in layout.localDatabases { try requirePostlist(shard) }
            return
        }
        if access(path + "/postlist.glass", F_OK) != 0 {
            throw .indexCorrupt(path: path, detail: "table postlist.glass missing; re-index into a new directory")
        }
    }

    /// Directory entries that are neither Xapian's nor hidden nor the README a checkout's
    /// `Index/` folder keeps.
    private static func foreignEntries(_ path: String) throws(BulletinError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw accessError(path, errno: access(path, R_OK | X_OK) == 0 ? EIO : errno)
        }
        return names.filter { !$0.hasPrefix(".") && !isXapianFile($0) && $0 != "README.md" }.sorted()
    }

    static func accessError(_ path: String, errno code: Int32) -> BulletinError {
        if let cause = SystemCause(errno: code) { return cause.error(indexPath: path, committed: 0) }
        return .indexAccess(path: path, detail: String(cString: strerror(code)).lowercased())
    }
}
