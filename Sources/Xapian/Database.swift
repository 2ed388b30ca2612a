internal import CXapian

/// A Xapian database opened for reading. One object per thread or task: Xapian does no
/// locking for you.
public class Database {
    let handle: OpaquePointer
    /// The path the database was opened from.
    public let path: String

    init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    /// Opens the database at `path` read-only.
    /// Throws `.databaseNotFound`/`.databaseOpening` when there is none, `.databaseCorrupt`,
    /// `.databaseVersion`.
    public convenience init(path: String) throws(XapianError) {
        let handle = try withBytes(path) { p, n throws(XapianError) in
            try callHandle { CXapian_database_open(p, n, $0) }
        }
        self.init(handle: handle, path: path)
    }

    deinit { CXapian_database_free(handle) }

    /// Number of documents.
    public func documentCount() throws(XapianError) -> Int {
        Int(try call { CXapian_database_doccount(handle, $0) })
    }

    /// The revision (commit number) the database is open at; `.invalidOperation` for a
    /// database of several shards.
    public func revision() throws(XapianError) -> UInt64 {
        try call { CXapian_database_revision(handle, $0) }
    }

    /// Number of documents indexed by `term`.
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        try withBytes(term) { p, n throws(XapianError) in Int(try call { CXapian_database_termfreq(handle, p, n, $0) }) }
    }

    /// The first document indexed by `term` (a unique-id term), or nil.
    public func documentID(withTerm term: String) throws(XapianError) -> UInt32? {
        let id = try withBytes(term) { p, n throws(XapianError) in
            try call { CXapian_database_first_docid_with_term(handle, p, n, $0) }
        }
        return id == 0 ? nil : id
    }

    /// The stored document. Throws `.docNotFound`.
    public func document(_ id: UInt32) throws(XapianError) -> Document {
        Document(handle: try callHandle { CXapian_database_get_document(handle, id, $0) })
    }

    /// User metadata stored under `key` ("" when absent).
    public func metadata(_ key: String) throws(XapianError) -> String {
        try withBytes(key) { p, n throws(XapianError) in takeString(try call { CXapian_database_get_metadata(handle, p, n, $0) }) }
    }

    /// `metadata(_:)` as bytes (a value need not be UTF-8).
    public func metadataBytes(_ key: String) throws(XapianError) -> [UInt8] {
        try withBytes(key) { p, n throws(XapianError) in takeBytes(try call { CXapian_database_get_metadata(handle, p, n, $0) }) }
    }

    /// All terms starting with `prefix`, in byte order, with their document frequencies.
    public func allTerms(prefix: String) throws(XapianError) -> [(term: String, frequency: Int)] {
        try withBytes(prefix) { p, n throws(XapianError) in takeTermList(try call { CXapian_database_allterms(handle, p, n, $0) }) }
    }

    /// The first `limit` terms starting with `prefix`, in byte order, with their document
    /// frequencies (stops early: cheap on a large index).
    public func allTerms(prefix: String, limit: Int) throws(XapianError) -> [(term: String, frequency: Int)] {
        let bounded = UInt32(clamping: max(0, limit))
        return try withBytes(prefix) { p, n throws(XapianError) in takeTermList(try call { CXapian_database_allterms_limited(handle, p, n, bounded, $0) }) }
    }

    /// Every word of the spelling table with its frequency, in byte order.
    public func spellings() throws(XapianError) -> [(word: String, frequency: Int)] {
        takeTermList(try call { CXapian_database_spellings(handle, $0) }).map { ($0.term, $0.frequency) }
    }

    /// The synonyms the synonym table holds for `term`, in byte order (empty when none).
    public func synonyms(of term: String) throws(XapianError) -> [String] {
        try withBytes(term) { p, n throws(XapianError) in takeTermList(try call { CXapian_database_synonyms(handle, p, n, $0) }) }
            .map(\.term)
    }

    /// The closest word in the spelling table, or nil.
    public func spellingSuggestion(for word: String, maxEditDistance: Int = 2) throws(XapianError) -> String? {
        let s = try withBytes(word) { p, n throws(XapianError) in
            takeString(try call { CXapian_database_spelling_suggestion(handle, p, n, UInt32(clamping: maxEditDistance), $0) })
        }
        return s.isEmpty ? nil : s
    }

    /// Moves to the latest commit (after `.databaseModified`).
    public func reopen() throws(XapianError) {
        _ = try call { CXapian_database_reopen(handle, $0) }
    }

    /// Closes the files (and releases the write lock of a writable database) now.
    public func close() throws(XapianError) {
        _ = try call { CXapian_database_close(handle, $0) }
    }

    /// The block sizes Xapian's glass backend accepts.
    public static let validBlockSizes: Set<Int> = [2048, 4096, 8192, 16384, 32768, 65536]

    /// How hard `compact` packs the tables (Xapian::Compactor's levels).
    public enum Compaction: UInt32, Sendable {
        /// Leave some free space in blocks (cheap later updates).
        case standard = 0
        /// Fill blocks (smaller; the database stays writable).
        case full = 1
        /// Also allow oversize items (smallest; slow to update afterwards).
        case fuller = 2
    }

    /// Compacts the database, or every local shard a stub at `path` lists (merged into one,
    /// documents renumbered), into a new database at `output`. Metadata found in several
    /// shards keeps the first shard's value. Throws `.invalidOperation` for remote shards,
    /// `.databaseCreate` when `output` already holds a database. `blockSize` is the output's
    /// block size in bytes (a power of two, 2048...65536; nil for Xapian's default, 8192): larger
    /// blocks waste less space at their ends but cost more to read.
    public static func compact(path: String, into output: String, level: Compaction = .full, multipass: Bool = false, blockSize: Int? = nil) throws(XapianError) {
        if let blockSize, !validBlockSizes.contains(blockSize) {
            throw XapianError(kind: .invalidArgument, message: "block size must be a power of two from 2048 to 65536, got \(blockSize)")
        }
        try withBytes(path) { p, n throws(XapianError) in
            try withBytes(output) { o, on throws(XapianError) in
                _ = try call { CXapian_database_compact(p, n, o, on, level.rawValue | (multipass ? 8 : 0), UInt32(blockSize ?? 0), $0) }
            }
        }
    }

    /// Reads every entry of every table (read-only) and cross-checks the counts: a check
    /// for where `check(path:)` cannot run, such as a read-only file system (Xapian's
    /// checker opens the tables for writing).
    public func readEverything() throws(XapianError) -> (errors: Int, report: String) {
        var report = CXapianString(data: nil, length: 0)
        let errors = try call { CXapian_database_read_all(handle, &report, $0) }
        return (Int(errors), takeString(report))
    }

    /// Runs Xapian's consistency checker over the database at `path`.
    public static func check(path: String) throws(XapianError) -> (errors: Int, report: String) {
        try withBytes(path) { p, n throws(XapianError) in
            var report = CXapianString(data: nil, length: 0)
            let errors = try call { CXapian_database_check(p, n, &report, $0) }
            return (Int(errors), takeString(report))
        }
    }
}
