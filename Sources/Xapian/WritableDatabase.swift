internal import CXapian

/// A Xapian database opened for writing (created when missing). Only one writer may hold a
/// database: a second one gets `.databaseLock`.
///
/// Always `commit()` explicitly: the destructor commits too, but swallows errors.
public final class WritableDatabase: Database {
    /// Opens or creates the database at `path`.
    /// Throws `.databaseLock` when another writer has it, `.databaseCreate`, `.databaseOpening`.
    public init(path: String) throws(XapianError) {
        let handle = try withBytes(path) { p, n throws(XapianError) in
            try callHandle { CXapian_writable_database_open(p, n, $0) }
        }
        super.init(handle: handle, path: path)
    }

    /// Makes all changes so far durable and visible to readers.
    public func commit() throws(XapianError) {
        _ = try call { CXapian_database_commit(handle, $0) }
    }

    /// Starts a transaction; `flushed` commits it as a unit.
    public func beginTransaction(flushed: Bool = true) throws(XapianError) {
        _ = try call { CXapian_database_begin_transaction(handle, flushed, $0) }
    }

    public func commitTransaction() throws(XapianError) {
        _ = try call { CXapian_database_commit_transaction(handle, $0) }
    }

    public func cancelTransaction() throws(XapianError) {
        _ = try call { CXapian_database_cancel_transaction(handle, $0) }
    }

    /// Runs `body` inside a transaction: committed when it returns, cancelled when it throws.
    public func transaction<R>(flushed: Bool = true, _ body: () throws -> R) throws -> R {
        try beginTransaction(flushed: flushed)
        do {
            let result = try body()
            try commitTransaction()
            return result
        } catch {
            try? cancelTransaction()
            throw error
        }
    }

    /// Adds a document; returns its id.
    @discardableResult
    public func add(_ document: Document) throws(XapianError) -> UInt32 {
        try call { CXapian_database_add_document(handle, document.handle, $0) }
    }

    /// Replaces the document(s) indexed by `uniqueTerm`, or adds it; returns its id.
    @discardableResult
    public func replace(uniqueTerm: String, with document: Document) throws(XapianError) -> UInt32 {
        try withBytes(uniqueTerm) { p, n throws(XapianError) in
            try call { CXapian_database_replace_document_by_term(handle, p, n, document.handle, $0) }
        }
    }

    /// Replaces document `documentID` (or adds it with that id). Unlike `replace(uniqueTerm:with:)`
    /// it looks up no term, so it does not make Xapian flush the postings and positions it
    /// buffers between commits (Xapian 1.4 flushes them whenever a postlist is opened).
    public func replace(documentID: UInt32, with document: Document) throws(XapianError) {
        _ = try call { CXapian_database_replace_document(handle, documentID, document.handle, $0) }
    }

    /// Deletes every document indexed by `uniqueTerm`.
    public func delete(uniqueTerm: String) throws(XapianError) {
        _ = try withBytes(uniqueTerm) { p, n throws(XapianError) in
            try call { CXapian_database_delete_document_by_term(handle, p, n, $0) }
        }
    }

    /// Deletes a document by id. Throws `.docNotFound`.
    public func delete(documentID: UInt32) throws(XapianError) {
        _ = try call { CXapian_database_delete_document(handle, documentID, $0) }
    }

    /// Writes the frequencies of up to `maxTerms` of the database's commonest unprefixed terms
    /// into its metadata at `key`, as they will be after the next commit, the only revision the
    /// table is valid for (`TermFreqCache(tableKey:)` checks). The terms are chosen once, when
    /// the database holds `minimumDocuments` documents, and kept. Call just before a commit.
    /// Returns how many terms it wrote (0: none yet).
    @discardableResult
    public func writeTermFrequencyTable(key: String, maxTerms: Int, minimumDocuments: Int) throws(XapianError) -> Int {
        Int(try withBytes(key) { k, kn throws(XapianError) in
            try call { CXapian_termfreq_table_write(handle, k, kn, UInt32(clamping: maxTerms), UInt32(clamping: minimumDocuments), $0) }
        })
    }

    /// `setMetadata(_:_:)` with a value of any bytes.
    public func setMetadata(_ key: String, bytes value: [UInt8]) throws(XapianError) {
        _ = try withBytes(key) { k, kn throws(XapianError) in
            try withBytes(value) { v, vn throws(XapianError) in try call { CXapian_database_set_metadata(handle, k, kn, v, vn, $0) } }
        }
    }

    public func setMetadata(_ key: String, _ value: String) throws(XapianError) {
        _ = try withBytes(key) { k, kn throws(XapianError) in
            try withBytes(value) { v, vn throws(XapianError) in
                try call { CXapian_database_set_metadata(handle, k, kn, v, vn, $0) }
            }
        }
    }

    /// Adds `count` to the spelling frequency of `word` (what TermGenerator's `.spelling`
    /// flag does once per occurrence of an unprefixed word).
    public func addSpelling(_ word: String, count: Int = 1) throws(XapianError) {
        guard let increment = UInt32(exactly: count), increment > 0 else {
            throw XapianError(kind: .invalidArgument, message: "spelling increment must be 1...\(UInt32.max), got \(count)")
        }
        _ = try withBytes(word) { w, wn throws(XapianError) in
            try call { CXapian_database_add_spelling(handle, w, wn, increment, $0) }
        }
    }

    /// Adds `synonym` as a synonym of `term` (QueryParser's FLAG_SYNONYM/AUTO_SYNONYMS use it).
    public func addSynonym(_ term: String, _ synonym: String) throws(XapianError) {
        _ = try withBytes(term) { t, tn throws(XapianError) in
            try withBytes(synonym) { s, sn throws(XapianError) in
                try call { CXapian_database_add_synonym(handle, t, tn, s, sn, $0) }
            }
        }
    }

}

/// Words gathered for the spelling table, each with its summed count, to be added in one pass
/// (`WritableDatabase.addSpellings`): Xapian looks every added word up in the batch of changes
/// it keeps until the commit, so adding each document's words one call at a time costs more
/// than adding each distinct word once. Not shared between threads; may move between them.
public final class SpellingBatch {
    let handle: OpaquePointer

    public init() throws(XapianError) {
        handle = try callHandle { CXapian_spelling_batch_new($0) }
    }

    deinit { CXapian_spelling_batch_free(handle) }

    /// Words held (0: none): distinct words once merged into this batch; a word of several
    /// documents added by `addUnprefixedTerms` and not merged counts once per document.
    public var count: Int { CXapian_spelling_batch_count(handle) }

    /// Adds every term of `document` without a prefix (one that does not start with an ASCII
    /// capital) with its wdf: what TermGenerator's `.spelling` flag adds for unprefixed text.
    public func addUnprefixedTerms(of document: Document) throws(XapianError) {
        _ = try call { CXapian_spelling_batch_add_unprefixed_terms(handle, document.handle, $0) }
    }

    /// Adds `other`'s words and counts to this batch.
    public func merge(_ other: SpellingBatch) throws(XapianError) {
        _ = try call { CXapian_spelling_batch_merge(handle, other.handle, $0) }
    }
}

extension WritableDatabase {
    /// Adds each word of `batch` to the spelling table with its count (as `addSpelling` would,
    /// once per word) and empties `batch`.
    public func addSpellings(_ batch: SpellingBatch) throws(XapianError) {
        _ = try call { CXapian_database_add_spelling_batch(handle, batch.handle, $0) }
    }
}
