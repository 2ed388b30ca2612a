import Foundation

/// A saved search: a query and filters, and how far into the index's indexing sequence its
/// last run reached (documents added or replaced after that are new to it).
public struct Watch: Codable, Sendable, Equatable {
    public var name: String
    public var query: String
    public var filters: SearchFilters
    public var allWords: Bool
    /// When it was saved, ISO 8601 UTC.
    public var created: String
    /// When it last ran (not counting dry runs), ISO 8601 UTC; nil before its first run.
    public var lastRun: String?
    /// The highest indexing sequence number its last run (or its creation) had seen.
    public var seenSequence: Int

    public init(name: String, query: String, filters: SearchFilters = SearchFilters(), allWords: Bool = false,
                created: Date = Date(), seenSequence: Int = 0) {
        self.name = name
        self.query = query
        self.filters = filters
        self.allWords = allWords
        self.created = Searcher.isoDate(created)
        self.seenSequence = seenSequence
    }

    enum CodingKeys: String, CodingKey {
        case name, query, filters, allWords = "all_words", created, lastRun = "last_run", seenSequence = "seen_sequence"
    }

    /// The search it stands for (everything that matches, before the "new" window).
    public var request: SearchRequest {
        var request = SearchRequest(query: query)
        request.filters = filters
        request.allWords = allWords
        return request
    }
}

/// One run of a watch: the new documents, and the sequence number it saw up to.
public struct WatchRun: Sendable {
    public var watch: Watch
    public var response: SearchResponse
    /// The index's last sequence number when the run started: the new `seenSequence`.
    public var throughSequence: Int
}

/// The saved searches of one index: `bulletin-watches.json` in the index directory, beside
/// Xapian's files (which re-indexing, compaction and checks leave alone). Every change is a
/// read-modify-write under an exclusive `flock` on `bulletin-watches.lock`, written to a
/// temporary file, fsynced and renamed over the old one (then the directory fsynced): a
/// crash leaves the old file or the new one, never half of one. A file that cannot be read
/// as watches is an error naming it (exit 3), never silently replaced.
public struct WatchStore {
    public let indexPath: String
    public static let fileName = "bulletin-watches.json"
    static let lockName = "bulletin-watches.lock"
    static let formatVersion = 1

    public init(indexPath: String) { self.indexPath = indexPath }

    public var filePath: String { indexPath + "/" + Self.fileName }

    struct File: Codable {
        var version: Int
        var watches: [Watch]
    }

    /// The saved watches, in the order they were added.
    public func list() throws(BulletinError) -> [Watch] {
        try read()
    }

    public func watch(named name: String) throws(BulletinError) -> Watch {
        let watches = try read()
        guard let watch = watches.first(where: { $0.name == name }) else { throw Self.unknown(name, among: watches) }
        return watch
    }

    public func add(_ watch: Watch) throws(BulletinError) {
        try Self.checkName(watch.name)
        try modify { watches throws(BulletinError) in
            if watches.contains(where: { $0.name == watch.name }) {
                throw .usage("a watch named «\(watch.name)» exists already; remove it first")
            }
            watches.append(watch)
        }
    }

    public func remove(_ name: String) throws(BulletinError) {
        try modify { watches throws(BulletinError) in
            guard let i = watches.firstIndex(where: { $0.name == name }) else { throw Self.unknown(name, among: watches) }
            watches.remove(at: i)
        }
    }

    /// Records that `name` has seen everything up to `sequence`.
    public func markSeen(_ name: String, through sequence: Int, at date: Date = Date()) throws(BulletinError) {
        try modify { watches throws(BulletinError) in
            guard let i = watches.firstIndex(where: { $0.name == name }) else { throw Self.unknown(name, among: watches) }
            watches[i].seenSequence = max(watches[i].seenSequence, sequence)
            watches[i].lastRun = Searcher.isoDate(date)
        }
    }

    static func unknown(_ name: String, among watches: [Watch]) -> BulletinError {
        .usage("no watch named «\(name.oneLine)»" + (watches.isEmpty ? "; there are none (add one with `watch add`)" : "; there are: \(watches.map(\.name).joined(separator: ", "))"))
    }

    static func checkName(_ name: String) throws(BulletinError) {
        if name.isEmpty || name.count > 100 || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) || name.hasPrefix("-") {
            throw .usage("a watch name must be 1 to 100 characters, not start with '-' and have no control characters")
        }
    }

    // MARK: - The file

    private func read() throws(BulletinError) -> [Watch] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: filePath))
        } catch {
            if !FileManager.default.fileExists(atPath: filePath) { return [] }
            throw .indexAccess(path: indexPath, detail: "cannot read the watch file \(filePath): \((error as NSError).localizedDescription)")
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.version == Self.formatVersion else {
                throw BulletinError.indexCorrupt(path: indexPath, detail: "the watch file \(filePath) has format version \(file.version), this bulletin reads \(Self.formatVersion)")
            }
            return file.watches
        } catch let error as BulletinError {
            throw error
        } catch {
            throw .indexCorrupt(path: indexPath, detail: "the watch file \(filePath) is not valid watch JSON (\(Self.describe(error))); fix or remove it")
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription.oneLine
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)".oneLine
        }
    }

    /// Read, change and write back under the lock.
    private func modify(_ change: (inout [Watch]) throws(BulletinError) -> Void) throws(BulletinError) {
        let lockPath = indexPath + "/" + Self.lockName
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw Self.systemError(errno, doing: "create \(lockPath)", indexPath: indexPath) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            if errno != EINTR { throw Self.systemError(errno, doing: "lock \(lockPath)", indexPath: indexPath) }
        }
        var watches = try read()
        try change(&watches)
        try write(watches)
    }

    private func write(_ watches: [Watch]) throws(BulletinError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(File(version: Self.formatVersion, watches: watches)) } catch {
            throw .runtime("cannot encode the watches: \(error)")
        }
        let temporary = filePath + ".new"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.systemError(errno, doing: "create \(temporary)", indexPath: indexPath) }
        var ok = true
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false; failure = errno; return }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false; failure = errno }
        close(fd)
        guard ok else {
            unlink(temporary)
            throw Self.systemError(failure, doing: "write \(temporary)", indexPath: indexPath)
        }
        guard rename(temporary, filePath) == 0 else {
            let code = errno
            unlink(temporary)
            throw Self.systemError(code, doing: "replace \(filePath)", indexPath: indexPath)
        }
        let directory = open(indexPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    static func systemError(_ code: Int32, doing what: String, indexPath: String) -> BulletinError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT: return .runtime("cannot \(what): the disk is full (\(reason))")
        case EACCES, EPERM, EROFS: return .indexAccess(path: indexPath, detail: "cannot \(what): \(reason)")
        default: return .runtime("cannot \(what): \(reason)")
        }
    }
}

extension Searcher {
    /// The index's last indexing sequence number (0 before any document).
    public func lastSequence() throws(BulletinError) -> Int {
        try BulletinError.mapping(indexPath: indexPath) { () throws -> Int in
            try withReopenOnModification { () throws -> Int in Int(try database.metadata(IndexSchema.sequenceKey)) ?? 0 }
        }
    }

    /// Runs `watch` over the documents added since it last ran (or, with `since`, indexed on
    /// or after that day). Marking them seen is the caller's (`WatchStore.markSeen` with
    /// `throughSequence`), so a dry run is just not marking.
    public func run(_ watch: Watch, since: String? = nil, limit: Int = 100, snippetChars: Int? = SearchRequest.defaultSnippetChars) throws(BulletinError) -> WatchRun {
        let through = try lastSequence()
        var request = watch.request
        request.limit = limit
        request.snippetChars = snippetChars
        request.added.throughSequence = through
        if let since { request.added.since = since } else { request.added.afterSequence = watch.seenSequence }
        return WatchRun(watch: watch, response: try search(request), throughSequence: through)
    }
}
