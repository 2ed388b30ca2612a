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
