internal import CXapian

/// Runs a query against a database (Xapian::Enquire).
public final class Enquire {
    let handle: OpaquePointer
    private let database: Database
    private var spies: [ValueCountMatchSpy] = []

    public init(database: Database) throws(XapianError) {
        self.database = database
        handle = try callHandle { CXapian_enquire_new(database.handle, $0) }
    }

    deinit { CXapian_enquire_free(handle) }

    /// Result ordering.
    public enum Sort: Sendable, Equatable {
        case relevance
        /// By the value in `slot`; `descending` puts the largest first; ties by relevance.
        case value(slot: UInt32, descending: Bool)
    }

    public func setQuery(_ query: Query) throws(XapianError) {
        _ = try call { CXapian_enquire_set_query(handle, query.handle, $0) }
    }

    public func setSort(_ sort: Sort) throws(XapianError) {
        switch sort {
        case .relevance:
            _ = try call { CXapian_enquire_set_sort_by_relevance(handle, $0) }
        case let .value(slot, descending):
            // Xapian's `reverse` = true sorts descending.
            _ = try call { CXapian_enquire_set_sort_by_value(handle, slot, descending, true, $0) }
        }
    }

    /// Keeps at most `max` hits per distinct non-empty value of `slot`.
    public func setCollapseKey(slot: UInt32, max: Int = 1) throws(XapianError) {
        _ = try call { CXapian_enquire_set_collapse_key(handle, slot, UInt32(clamping: max), $0) }
    }

    /// Every match weighs 0 (Xapian's BoolWeight): for a pass that counts and ranks nothing.
    public func setBooleanWeighting() throws(XapianError) {
        _ = try call { CXapian_enquire_set_weighting_bool(handle, $0) }
    }

    /// Order of equally ranked documents by id.
    public enum DocumentOrder: Int32, Sendable { case ascending = 0, descending = 1, dontCare = 2 }

    public func setDocumentOrder(_ order: DocumentOrder) throws(XapianError) {
        _ = try call { CXapian_enquire_set_docid_order(handle, order.rawValue, $0) }
    }

    /// Adds a value counter; it sees every document considered by the next `mset` calls
    /// (on every shard, remote ones included: the spy is one Xapian's servers know).
    public func add(_ spy: ValueCountMatchSpy) throws(XapianError) {
        _ = try call { CXapian_enquire_add_valuecountspy(handle, spy.handle, $0) }
        spies.append(spy)
    }

    /// Counts, over the matches of the query (a pass returning no hits, `checkAtLeast` as in
    /// `mset`), the parts of the values in `slots` split at `separator`: a slot that holds
    /// several values of a document. Parts are grouped by their first byte (a tag the caller
    /// gives them); each group keeps its `limitPerGroup` most frequent parts (nil: all), most
    /// frequent first, ties in byte order. Local shards are counted by one spy of the shim's
    /// that reads each slot once per match; with a remote shard (a stock `xapian-tcpsrv` runs
    /// only Xapian's built-in spies) the same counts come from a `ValueCountMatchSpy` per slot,
    /// and `builtinSpies` is true. `matches`: the pass's lower bound on the match count (exact
    /// when every document was checked).
    public func countValueParts(slots: [UInt32], separator: UInt8, checkAtLeast: Int, limitPerGroup: Int? = nil) throws(XapianError)
        -> (parts: [(value: String, count: Int)], matches: Int, builtinSpies: Bool) {
        var matches: UInt32 = 0
        var builtin = false
        let list = try slots.withUnsafeBufferPointer { buffer throws(XapianError) in
            try call {
                CXapian_enquire_count_value_parts(handle, buffer.baseAddress, buffer.count, CChar(bitPattern: separator),
                                                  UInt32(clamping: checkAtLeast), UInt32(clamping: max(limitPerGroup ?? 0, 0)),
                                                  &matches, &builtin, $0)
            }
        }
        let parts = takeTermList(list).map { (value: $0.term, count: $0.frequency) }
        return (limitPerGroup == 0 ? [] : parts, Int(matches), builtin)
    }

    /// Hits `first..<first+count`; `checkAtLeast` makes Xapian look at (and count, and show
    /// to spies) at least that many matches. Throws `.databaseModified` (reopen and retry),
    /// `.wildcard` (expansion limit reached).
    /// `first` and `count` must fit Xapian's 32-bit counts (`.invalidArgument` otherwise).
    public func mset(first: Int, count: Int, checkAtLeast: Int = 0) throws(XapianError) -> MSet {
        guard let first32 = UInt32(exactly: first), let count32 = UInt32(exactly: count), first32 <= UInt32.max - count32 else {
            throw XapianError(kind: .invalidArgument, message: "MSet range \(first)+\(count) does not fit Xapian's 32-bit document counts")
        }
        return MSet(handle: try callHandle { CXapian_enquire_get_mset(handle, first32, count32, UInt32(clamping: checkAtLeast), $0) }, owner: self)
    }

    /// The terms that best characterise `documents` (relevance-set expansion), skipping terms
    /// whose first byte is in `skippingPrefixes`.
    public func expand(documents: [UInt32], count: Int, skippingPrefixes: String = "") throws(XapianError) -> [(term: String, weight: Double)] {
        let eset: OpaquePointer = try documents.withUnsafeBufferPointer { ids throws(XapianError) in
            try withBytes(skippingPrefixes) { p, n throws(XapianError) in
                try callHandle { CXapian_enquire_get_eset(handle, ids.baseAddress, ids.count, UInt32(clamping: count), p, n, $0) }
            }
        }
        defer { CXapian_eset_free(eset) }
        return (0..<CXapian_eset_size(eset)).map { (takeString(CXapian_eset_term(eset, $0)), CXapian_eset_weight(eset, $0)) }
    }
}

/// A page of results, in rank order.
public final class MSet: RandomAccessCollection {
    let handle: OpaquePointer
    private let owner: Enquire

    init(handle: OpaquePointer, owner: Enquire) {
        self.handle = handle
        self.owner = owner
    }

    deinit { CXapian_mset_free(handle) }

    /// One hit.
    public struct Item {
        public let documentID: UInt32
        /// 0-based rank over the whole result, not the page.
        public let rank: Int
        public let weight: Double
        public let percent: Int
        /// How many further documents were collapsed into this one (at least).
        public let collapseCount: Int
        private let mset: MSet
        private let index: UInt32

        /// The hit's document (Xapian's `MSetIterator::get_document`), read when asked: it can
        /// fail (the database was modified meanwhile, or closed), so it throws.
        public var document: Document {
            get throws(XapianError) {
                let (handle, index) = (mset.handle, index)
                return Document(handle: try callHandle { CXapian_mset_document(handle, index, $0) })
            }
        }

        init(mset: MSet, index: UInt32) {
            let handle = mset.handle
            self.mset = mset
            self.index = index
            // The shim fails these only for an index out of range, which the collection checks.
            documentID = (try? call { CXapian_mset_docid(handle, index, $0) }) ?? 0
            rank = Int((try? call { CXapian_mset_rank(handle, index, $0) }) ?? 0)
            weight = (try? call { CXapian_mset_weight(handle, index, $0) }) ?? 0
            percent = Int((try? call { CXapian_mset_percent(handle, index, $0) }) ?? 0)
            collapseCount = Int((try? call { CXapian_mset_collapse_count(handle, index, $0) }) ?? 0)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(CXapian_mset_size(handle)) }

    public subscript(position: Int) -> Item {
        Item(mset: self, index: UInt32(position))
    }

    /// Xapian's estimate of the number of matches.
    public var matchesEstimated: Int { Int(CXapian_mset_matches_estimated(handle)) }
    public var matchesLowerBound: Int { Int(CXapian_mset_matches_lower_bound(handle)) }
    public var matchesUpperBound: Int { Int(CXapian_mset_matches_upper_bound(handle)) }

    /// Snippet flags (Xapian::MSet::SNIPPET_*).
    public struct SnippetFlags: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let backgroundModel = SnippetFlags(rawValue: 1)
        public static let exhaustive = SnippetFlags(rawValue: 2)
        public static let emptyWithoutMatch = SnippetFlags(rawValue: 4)
    }

    /// A best-matching extract of `text` of about `length` bytes with the query's terms
    /// wrapped in `highlightStart`/`highlightEnd`. Give it the text and stemmer used at
    /// index time. Xapian escapes `<`, `>`, `&` in the result as HTML entities.
    ///
    /// With `cache`, the shim's own copy of Xapian's snippet algorithm makes it, reading the
    /// background model's term frequencies through the cache (see `TermFreqCache`); without,
    /// Xapian's `MSet::snippet` does.
    public func snippet(of text: String, length: Int = 300, stemmer: Stem?, flags: SnippetFlags = [.backgroundModel, .exhaustive],
                        highlightStart: String = "<b>", highlightEnd: String = "</b>", omit: String = "…",
                        cache: TermFreqCache? = nil) throws(XapianError) -> String {
        try withBytes(text) { t, tn throws(XapianError) in
            try withBytes(highlightStart) { s, sn throws(XapianError) in
                try withBytes(highlightEnd) { e, en throws(XapianError) in
                    try withBytes(omit) { o, on throws(XapianError) in
                        takeString(try call {
                            if let cache {
                                CXapian_mset_snippet_cached(handle, cache.handle, t, tn, length, stemmer?.handle, flags.rawValue, s, sn, e, en, o, on, $0)
                            } else {
                                CXapian_mset_snippet(handle, t, tn, length, stemmer?.handle, flags.rawValue, s, sn, e, en, o, on, $0)
                            }
                        })
                    }
                }
            }
        }
    }
}

/// Term frequencies for snippets' background model that outlive one MSet. Xapian keeps them
/// per MSet, so each query reads every word of its snippets' text from the database again
/// (ten 4 KB documents: about 1.5 ms). A cache answers for one revision of one database and
/// empties itself when the database moves on; a database of several shards is not cached.
/// With `tableKey`, it first reads the database's frequency table at that metadata key
/// (`WritableDatabase.writeTermFrequencyTable`) when it was committed with the revision read:
/// a short process then looks up only the words the table lacks.
/// Not thread-safe: one per reader (thread) at a time.
public final class TermFreqCache {
    let handle: OpaquePointer

    public init(tableKey: String = "") throws(XapianError) {
        handle = try withBytes(tableKey) { k, kn throws(XapianError) in
            guard let handle = CXapian_termfreq_cache_new(k, kn) else {
                throw XapianError(kind: .outOfMemory, message: "no memory for a term frequency cache")
            }
            return handle
        }
    }

    deinit { CXapian_termfreq_cache_free(handle) }

    /// The frequency of `term` in `database` as snippets read it (the table, the cache, or
    /// the database).
    public func frequency(of term: String, in database: Database) throws(XapianError) -> Int {
        Int(try withBytes(term) { t, tn throws(XapianError) in try call { CXapian_termfreq_cache_frequency(handle, database.handle, t, tn, $0) } })
    }

    /// Lookups asked of it, those it read from the database, words it holds, lookups the
    /// frequency table answered, terms in the table it read (0: none, or not for this revision).
    public var statistics: (lookups: Int, misses: Int, entries: Int, tableHits: Int, tableTerms: Int) {
        var lookups: UInt64 = 0, misses: UInt64 = 0, entries: UInt64 = 0, hits: UInt64 = 0, terms: UInt64 = 0
        CXapian_termfreq_cache_statistics(handle, &lookups, &misses, &entries, &hits, &terms)
        return (Int(lookups), Int(misses), Int(entries), Int(hits), Int(terms))
    }
}

/// Xapian's built-in `ValueCountMatchSpy`: counts the distinct values of one value slot over
/// every document a query considers (one value per document; an empty value is not counted).
/// Being built in, it also runs on remote shards served by a stock `xapian-tcpsrv`, and Xapian
/// adds the shards' counts together.
public final class ValueCountMatchSpy {
    let handle: OpaquePointer
    public let slot: UInt32

    public init(slot: UInt32) throws(XapianError) {
        self.slot = slot
        handle = try callHandle { CXapian_valuecountspy_new(slot, $0) }
    }

    deinit { CXapian_valuecountspy_free(handle) }

    /// Documents the spy has seen.
    public var documentsSeen: Int { Int(CXapian_valuecountspy_total(handle)) }

    /// Every value seen, in byte order, with the number of documents holding it.
    public func counts() throws(XapianError) -> [(value: String, count: Int)] {
        takeTermList(try call { CXapian_valuecountspy_values(handle, $0) }).map { ($0.term, $0.frequency) }
    }
}
