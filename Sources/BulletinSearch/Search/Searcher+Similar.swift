import Foundation
internal import Xapian

/// `bulletin similar`: more-like-this through Xapian's relevance-set expansion.
extension Searcher {
    /// Terms of the more-like-this query.
    static let similarQueryTerms = 25

    /// Documents like the one named by `target` (its unique id, or the path of an indexed
    /// file), best first, the document itself excluded. The response's query is `similar:ID`.
    /// Unknown id or path → `.usage` (exit 2) naming the closest ids.
    public func similar(to target: String, limit: Int = 10, offset: Int = 0,
                        snippetChars: Int? = SearchRequest.defaultSnippetChars) throws(BulletinError) -> SearchResponse {
        try Self.checkPage(offset: offset, limit: limit)
        return try mapErrors(query: "similar:\(target)") { () throws -> SearchResponse in
            try withReopenOnModification { () throws -> SearchResponse in
                guard let (documentID, id) = try resolve(target) else {
                    throw BulletinError.usage("no document with id or path «\(target.oneLine)» in the index \(indexPath)")
                }
                let query = try similarQuery(to: documentID)
                let enquire = try Enquire(database: database)
                try enquire.setQuery(query)
                let mset = try enquire.mset(first: offset, count: limit, checkAtLeast: Self.exactTotalUpTo)
                let exhaustive = mset.matchesUpperBound <= Self.exactTotalUpTo
                // No words of the analyst's: every hit counts as matching "all" of them.
                let plan = Plan(query: query, hasWords: false, correctedQuery: nil, compoundStems: [])
                return SearchResponse(query: "similar:\(id)", total: Self.total(mset, exhaustive: exhaustive),
                                      totalIsExact: exhaustive || mset.matchesLowerBound == mset.matchesUpperBound, offset: offset, limit: limit,
                                      hits: try mset.map { try makeHit($0, in: mset, plan: plan, snippetChars: snippetChars) },
                                      correctedQuery: nil, facets: nil)
            }
        }
    }

    /// Words looked at for the more-like-this query (best first), of which the first
    /// `similarQueryTerms` that some other document shares are kept.
    static let similarCandidateTerms = 300
    /// How much more a retelling of the document (same near-duplicate key) weighs than its words.
    static let retellingBoost = 1000.0

    /// OR of the stems of the document's most characteristic words (Xapian's ESet over the
    /// document alone; non-word prefixes and stopwords skipped) that at least one other
    /// document shares, minus the document itself. Its retellings (same near-duplicate key)
    /// weigh `retellingBoost` times more, so they come first.
    ///
    /// Only shared terms: the ESet ranks the words found in this document alone highest, and a
    /// short text in a small index could fill the whole query with them and match nothing.
    /// Stems: a retelling writes the same words in other forms.
    func similarQuery(to documentID: UInt32) throws -> Query {
        let enquire = try Enquire(database: database)
        let expanded = try enquire.expand(documents: [documentID], count: Self.similarCandidateTerms,
                                          skippingPrefixes: IndexSchema.nonWordPrefixBytes)
        var seen = Set<String>()
        var terms: [String] = []
        for (word, _) in expanded where !pipeline.stopper.contains(word) {
            // Words starting with a digit are indexed as written, without a stem term.
            let term = word.first?.isNumber == true ? word : "Z" + (try pipeline.stem(word))
            guard term.utf8.count <= Document.maxTermBytes, seen.insert(term).inserted,
                  try database.termFrequency(term) >= 2 else { continue }
            terms.append(term)
            if terms.count == Self.similarQueryTerms { break }
        }
        guard !terms.isEmpty else { return try Query.empty() }
        let document = try database.document(documentID)
        var words = try Query.combine(.or, try terms.map { try Query.term($0) })
        let key = try document.value(slot: IndexSchema.duplicateKeySlot)
        if !key.isEmpty {
            let retellings = try Query.combine(.filter, [words, try Query.valueRange(slot: IndexSchema.duplicateKeySlot, key, key)])
            words = try Query.combine(.or, [words, try Query.scaled(retellings, by: Self.retellingBoost)])
        }
        let stored = try StoredDocument.decode(document, documentID: documentID, in: database, indexPath: indexPath)
        return try Query.combine(.andNot, [words, try Query.term(DocumentBuilder.uniqueTerm(of: stored))])
    }

    /// The Xapian document id and unique id of `target`: a file's id as shown in hits, a
    /// feed record's id, or the path of an indexed file (its real path relative to the
    /// index's base root, as the indexer computes ids).
    func resolve(_ target: String) throws -> (UInt32, String)? {
        if let documentID = try documentID(forID: target) { return (documentID, target) }
        let base = try database.metadata(IndexSchema.baseRootKey)
        guard !base.isEmpty, let real = FileCollector.realPath(target) else { return nil }
        let bytes = FileCollector.relative(Array(real.utf8), to: Array(base.utf8))
        guard let id = String(validating: bytes, as: UTF8.self), !id.isEmpty,
              let documentID = try database.documentID(withTerm: DocumentBuilder.uniqueTerm(for: id)) else { return nil }
        return (documentID, id)
    }
}
