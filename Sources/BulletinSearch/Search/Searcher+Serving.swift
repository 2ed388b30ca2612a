internal import Xapian

/// What a long-running front end (`bulletin serve`) needs beyond one search: moving to the
/// latest commit between requests, and fetching a stored document by its id alone.
extension Searcher {
    /// Moves this reader to the index's latest commit (a no-op when nothing was committed
    /// since): an indexing run that committed is visible to the next request without a
    /// restart. Cheap: Xapian compares the revision in the version file.
    public func refresh() throws(BulletinError) {
        do {
            try database.reopen()
            try countingDatabase?.reopen()
        } catch {
            throw BulletinError.from(error, indexPath: indexPath)
        }
        // Facet values typed by the analyst resolve against the index's own terms (sources,
        // persons, weapons); forget them so new ones are found.
        facetValues = FacetValues(database: database)
    }

    /// The stored document whose unique id is `id` (a file's id as hits show it, or a feed
    /// record's id); nil when the index has none. Never reads a file or resolves a path.
    public func document(id: String) throws(BulletinError) -> StoredDocument? {
        try mapErrors(query: id) { () throws -> StoredDocument? in
            try withReopenOnModification { () throws -> StoredDocument? in
                guard let documentID = try documentID(forID: id) else { return nil }
                return try StoredDocument.decode(try database.document(documentID), documentID: documentID, in: database, indexPath: indexPath)
            }
        }
    }

    /// The Xapian document id of the unique id `id`, through the index's id terms only.
    func documentID(forID id: String) throws -> UInt32? {
        guard !id.isEmpty else { return nil }
        for term in [DocumentBuilder.uniqueTerm(for: id), DocumentBuilder.uniqueTerm(forFeedRecord: id)] {
            if let documentID = try database.documentID(withTerm: term) { return documentID }
        }
        return nil
    }
}
