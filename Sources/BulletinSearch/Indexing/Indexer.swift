import Foundation
internal import Xapian

/// Options of an indexing run.
public struct IndexOptions: Sendable {
    public var indexPath: String
    /// Commit after this many changed documents (and at the end).
    public var commitEvery: Int = 1000
    /// Commit after this much changed text, in bytes (and at the end).
    public var commitBytes: Int = 64 * 1024 * 1024
    /// Files (and feed lines) larger than this are rejected.
    public var maxBytes: Int = IndexOptions.defaultMaxBytes
    public static let defaultMaxBytes = 10 * 1024 * 1024
    /// Remove documents whose files no longer exist under the directory arguments.
    public var prune = false
    /// Prune even a directory argument that holds no bulletin files (else refused: an
    /// unmounted disk would empty the index).
    public var force = false
    /// Read and hash every file, also those whose size and modification time are unchanged
    /// (an edit that kept both is otherwise not seen).
    public var checkContent = false
    /// Report what would change; open the index read-only and write nothing.
    public var dryRun = false
    /// Polled between documents: when set, commit what is done and return.
    public var stop: StopSignal?
    /// Write one database per publication year under the index directory, listed by a stub
    /// (`YearShards`). An index that already has year shards is always written that way.
    public var shardByYear = false
    /// Threads that read, decode, analyse and prepare files while one thread writes them in
    /// order (1: everything on the calling thread). Feeds are indexed on the calling thread.
    public var jobs = IndexOptions.defaultJobs
    /// The number of active processors.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    public init(indexPath: String) { self.indexPath = indexPath }
}

/// What an indexing run did (or, with `dryRun`, would do).
public struct IndexSummary: Sendable, Equatable {
    public var indexed = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    public var failures: [FileFailure] = []
    public var seconds: Double = 0
    /// Bytes of text read from files and feeds.
    public var bytesRead = 0
    public var dryRun = false
    /// The signal that stopped the run early (everything done before it is committed).
    public var interruptedBy: Int32?

    public init() {}

    public var failed: Int { failures.count }

    /// `indexed N, updated U, unchanged K, removed R, failed F in T s`
    public var line: String {
        let time = String(format: "%.2f", seconds)
        if dryRun {
            return "dry run: would index \(indexed), update \(updated), remove \(removed); unchanged \(unchanged), failed \(failed) in \(time) s"
        }
        return "indexed \(indexed), updated \(updated), unchanged \(unchanged), removed \(removed), failed \(failed) in \(time) s"
    }
}

/// How far a run has got.
public struct IndexProgress: Sendable, Equatable {
    /// Files and feed lines handled.
    public var done = 0
    /// Files collected (feed lines are not counted in advance: nil while reading feeds).
    public var total: Int?
    /// Bytes of text read.
    public var bytes = 0
    /// Documents added or replaced.
    public var documents = 0
}

/// Progress reports from an indexing run.
public enum IndexEvent: Sendable {
    /// Collected `total` files; indexing starts.
    case started(total: Int)
    /// One file or feed line handled; `note` says e.g. which encoding it was in.
    case file(path: String, outcome: FileOutcome, note: String?, progress: IndexProgress)
    /// A document removed by `--prune` (its file is gone).
    case removed(id: String, path: String?)
    /// Changes made durable: `documents` changed so far in this run.
    case committed(documents: Int)
}

public enum FileOutcome: Sendable, Equatable {
    case indexed, updated, unchanged
    case failed(String)
}

/// Writes bulletins into the index. One Indexer holds the index's write lock while it lives
/// (none in a dry run).
///
/// Incremental: each document's value slot `IndexSchema.signatureSlot` holds
/// `size:mtimeMillis:hash`; a file whose size and mtime match is skipped after a `stat`,
/// one whose bytes hash the same only gets its signature refreshed. Crash-safe: changes are
/// committed in batches (Xapian commits are atomic), every document is written with
/// `replace_document` on its unique `Q` term, so a run killed at any point leaves the last
/// commit and the next run completes the work without duplicates.
public final class Indexer {
    let options: IndexOptions
    /// The index for reading (the writer itself, or a read-only handle in a dry run; nil
    /// for a dry run on an index that does not exist yet).
    let reader: Database?
    let writer: WritableDatabase?
    let builder: DocumentBuilder?
    /// Year shards (nil for one database): documents go there; `writer` is then the
    /// metadata shard.
    let shards: YearShards?
    /// How stored data is deflated: the index's dictionary, or one trained from this run's
    /// first documents (`StoredCompression`); nil in a dry run.
    let compression: StoredCompression?

    /// Unique term → document and signature, loaded at the start of a run.
    var known: [String: KnownDocument] = [:]
    /// Root → the documents indexed from it when the run started.
    /// The real path file ids are relative to (`IndexSchema.baseRootKey`); nil until the
    /// first run that indexes files records it.
    var baseRoot: String?
    var pendingDocuments = 0
    /// Documents of this run made durable so far (for the disk-full message).
    var committedDocuments = 0
    var pendingBytes = 0
    var summary = IndexSummary()
    var progress = IndexProgress()

    struct KnownDocument {
        var documentID: UInt32
        var signature: String
    }

    /// Opens (or creates) the index for writing; in a dry run, opens it read-only if it
    /// exists. A second writer gets `.indexLocked`. An existing index is verified first (it
    /// opens, has every table, is of this schema): writing into a damaged one is refused,
    /// since it would report success and lose what the damage hid.
    public init(options: IndexOptions) throws(BulletinError) {
        self.options = options
        let opened = try Self.open(options)
        reader = opened.reader
        writer = opened.writer
        builder = opened.builder
        shards = opened.shards
        compression = try BulletinError.mapping(indexPath: options.indexPath) {
            try opened.writer.map { StoredCompression(existing: try StoredCompression.current(in: $0)) }
        }
        builder?.compression = compression
        shards?.compression = compression
        baseRoot = try BulletinError.mapping(indexPath: options.indexPath) {
            try opened.reader.map { try $0.metadata(IndexSchema.baseRootKey) }.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    private typealias Handles = (reader: Database?, writer: WritableDatabase?, builder: DocumentBuilder?, shards: YearShards?)

    private static func open(_ options: IndexOptions) throws(BulletinError) -> Handles {
        let path = options.indexPath
        if options.dryRun {
            do { try IndexDirectory.checkReadable(path) } catch .indexMissing { return (nil, nil, nil, nil) }
        } else if try YearShards.applies(to: path, requested: options.shardByYear) {
            return try openShards(path)
        } else if try !IndexDirectory.prepareForWriting(path) {
            return try BulletinError.mapping(indexPath: path) { try openWritable(path) }
        }
        try IndexDirectory.requirePostlist(path)
        try BulletinError.mapping(indexPath: path) {
            let existing = try Database(path: path)
            try IndexDirectory.verifyOpened(existing, path: path)
        }
        if options.dryRun {
            return try BulletinError.mapping(indexPath: path) { (try Database(path: path), nil, nil, nil) }
        }
        return try BulletinError.mapping(indexPath: path) { try openWritable(path) }
    }

    /// Year shards: every shard opened for writing (repaired if a run was killed moving a
    /// document between years), verified, and read through the stub.
    private static func openShards(_ path: String) throws(BulletinError) -> Handles {
        try BulletinError.mapping(indexPath: path) { () throws -> Handles in
            let shards = try YearShards(path: path, pipeline: try TextPipeline())
            let reader = try Database(path: path)
            try IndexDirectory.verifyOpened(reader, path: path)
            return (reader, shards.meta, nil, shards)
        }
    }

    private static func openWritable(_ path: String) throws -> Handles {
        let database = try WritableDatabase(path: path)
        try IndexSchema.checkVersion(of: database, path: path)
        // In the first commit, whenever it comes: a run killed early leaves a versioned index.
        try database.setMetadata(IndexSchema.versionKey, IndexSchema.version)
        return (database, database, try DocumentBuilder(pipeline: try TextPipeline(), database: database, indexPath: path), nil)
    }

    /// Releases the write lock now (it is released when the Indexer is freed, too).
    public func close() {
        shards?.close()
        // Closing a WritableDatabase commits what it holds: with the words of its documents.
        if shards == nil, builder?.pending == true { try? builder?.prepareCommit() }
        try? reader?.close()
    }

    /// Indexes the files and directories in `arguments`.
    public func index(_ arguments: [String], report: (IndexEvent) -> Void = { _ in }) throws(BulletinError) -> IndexSummary {
        try index(paths: arguments, feeds: [], report: report)
    }

    /// Indexes files and directories, then JSON-lines feeds (`-` is stdin), then prunes
    /// (with `options.prune`). Files that cannot be indexed are reported in the summary and
    /// never stop the others; errors of the index itself end the run (the index stays at
    /// its last commit).
    public func index(paths: [String], feeds: [String], report: (IndexEvent) -> Void = { _ in }) throws(BulletinError) -> IndexSummary {
        let start = Date()
        summary = IndexSummary()
        summary.dryRun = options.dryRun
        progress = IndexProgress()
        do {
            try BulletinError.mapping(indexPath: options.indexPath) { try run(paths: paths, feeds: feeds, report: report) }
        } catch .diskFull(let path, _) {
            throw .diskFull(path: path, committed: committedDocuments)
        }
        summary.interruptedBy = options.stop?.signal
        summary.seconds = Date().timeIntervalSince(start)
        summary.bytesRead = progress.bytes
        return summary
    }

    private func run(paths: [String], feeds: [String], report: (IndexEvent) -> Void) throws {
        let collected = FileCollector.collect(paths, baseRoot: baseRoot)
        if options.prune, !options.force {
            for root in collected.directoryRoots where !collected.files.contains(where: { $0.root == root }) {
                throw BulletinError.emptyPruneRoot(root: root)
            }
        }
        if baseRoot == nil, let base = collected.baseRoot, !collected.files.isEmpty {
            baseRoot = base
            try writer?.setMetadata(IndexSchema.baseRootKey, base)
        }
        summary.failures = collected.failures
        try loadKnownDocuments()
        progress.total = collected.files.count
        report(.started(total: collected.files.count))
        try indexFiles(collected.files, report: report)
        if !feeds.isEmpty { progress.total = nil }
        for feed in feeds where !stopRequested() {
            try indexFeed(feed, report: report)
        }
        if options.prune, !stopRequested() {
            try prune(roots: collected.directoryRoots, keeping: Set(collected.files.map { DocumentBuilder.uniqueTerm(for: $0.id) }), report: report)
        }
        if let shards {
            try shards.finish()
            committedDocuments = progress.documents
            report(.committed(documents: progress.documents))
        } else if let writer, let builder {
            try builder.writeIndexWideData()
            try builder.prepareCommit()
            try writer.setMetadata(IndexDirectory.tablesKey, try IndexDirectory.expectedTables(writer, path: options.indexPath))
            try writer.commit()
            try builder.committed()
            committedDocuments = progress.documents
            report(.committed(documents: progress.documents))
        }
    }
}
