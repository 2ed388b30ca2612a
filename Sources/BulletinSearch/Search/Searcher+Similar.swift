import Foundation
import Xapian

/// `bulletin similar`: more-like-this through Xapian's relevance-set expansion.
extension Searcher {
    /// Terms of the more-like-this query.
    static let similarQueryTerms = 25

    /// Documents like the one named by `target` (its unique id, or the path of an indexed
    /// file), best first, the document itself excluded. The response's query is `similar:ID`.
    /// Unknown id or path → `.usage` (exit 2) naming the closest ids.
    public func similar(to target: String, limit: Int = 10, offset: Int = 0,
                        snippetChars: Int? = SearchRequest.defaultSnippetChars) throws(BulletinError) -> SearchResponse {
        guard limit >= 0, offset >= 0 else { throw .usage("--limit and --offset must not be negative") }
        return try mapErrors(query: "similar:\(target)") { () throws -> SearchResponse in
            try withReopenOnModification { () throws -> SearchResponse in
                guard let (documentID, id) = try resolve(target) else {
                    throw BulletinError.usage("no document with id or path «\(target.oneLine)» in the index \(indexPath)")
                }
                let query = try similarQuery(to: documentID, id: id)
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

    /// OR of the document's most characteristic words (Xapian's ESet over the document
    /// alone, non-word prefixes and stopwords skipped), minus the document itself.
    func similarQuery(to documentID: UInt32, id: String) throws -> Query {
        let enquire = try Enquire(database: database)
        let expanded = try enquire.expand(documents: [documentID], count: Self.similarQueryTerms * 2,
                                          skippingPrefixes: IndexSchema.nonWordPrefixBytes)
        let terms = expanded.map(\.term).filter { !pipeline.stopper.contains($0) }.prefix(Self.similarQueryTerms)
        guard !terms.isEmpty else { return try Query.empty() }
        let words = try Query.combine(.or, try terms.map { try Query.term($0) })
        return try Query.combine(.andNot, [words, try Query.term(DocumentBuilder.uniqueTerm(for: id))])
    }

    /// The Xapian document id and unique id of `target`: an id as shown in hits, or the
    /// path of a file under one of the indexed roots (`XR…` terms).
    func resolve(_ target: String) throws -> (UInt32, String)? {
        if !target.isEmpty, let documentID = try database.documentID(withTerm: DocumentBuilder.uniqueTerm(for: target)) {
            return (documentID, target)
        }
        let url = URL(fileURLWithPath: target).standardizedFileURL
        let paths = Array(Set([url.path, url.resolvingSymlinksInPath().path]))
        var found: [(documentID: UInt32, id: String)] = []
        for (term, _) in try database.allTerms(prefix: IndexSchema.rootPrefix) {
            let root = String(term.dropFirst(IndexSchema.rootPrefix.count))
            let base = root.hasSuffix("/") ? root : root + "/"
            for path in paths where path.hasPrefix(base) && path.count > base.count {
                let id = String(path.dropFirst(base.count))
                if let documentID = try database.documentID(withTerm: DocumentBuilder.uniqueTerm(for: id)) {
                    found.append((documentID, id))
                }
            }
        }
        // Two roots may hold the same relative id: prefer the document stored with this path.
        for candidate in found {
            let stored = try decoder.decode(StoredDocument.self, from: Data(try database.document(candidate.documentID).data().utf8))
            if let path = stored.path, paths.contains(path) { return candidate }
        }
        return found.first
    }
}
