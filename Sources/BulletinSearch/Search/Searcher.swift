import Foundation
internal import Xapian

/// Runs searches against an index. Holds a read-only handle; one Searcher per thread.
public final class Searcher {
    public let indexPath: String
    let database: Database
    let pipeline: TextPipeline
    let parser: QueryParser
    /// The snippets' background model: term frequencies read once per index revision by a
    /// long-lived Searcher (the server), not once per query as Xapian's own snippets do.
    let termFrequencies: TermFreqCache
    let decoder = JSONDecoder()
    var facetValues: FacetValues
    var capitalKeyCache: [String: String]?
    var typeKeyCache: [String: DocumentType?] = [:]
    /// Newest-first pages of at least this many matches are found year by year
    /// (`newestFirstPage`); tests lower it to compare both ways on a small index.
    var slicingFrom = Searcher.exactTotalUpTo
    /// A one-word query leaves out the all-words boost, which is the same for every match
    /// (`makePlan`); tests turn it off to compare both ways.
    var omitsConstantBoost = true
    /// Facets of a query estimated to match more than this share of the index are counted
    /// over the documents it does not match (`countFacets`); tests set 0 and 2 to compare.
    var complementFrom = 0.5
    /// A second read-only handle on the index, for the facet count that runs on another thread
    /// while this one ranks (`startFacetCount`); opened by the first search with facets,
    /// reopened with `database` (`refresh`). Only the counting thread uses it, and only while
    /// a search waits for it.
    var countingDatabase: Database?
    /// Counts facets on another thread beside the ranking pass, over a second handle of the
    /// index. Off by default: a short process pays the second handle's opening (about a
    /// millisecond) and, on a busy machine, waits for a core; `bulletin serve` turns it on for
    /// its long-lived Searchers (`--parallel-facets`).
    public var countsFacetsInParallel = false
    /// Facet columns shared by long-lived Searchers (`bulletin serve`): counts read from the
    /// column of the handle's revision when there is one. Nil (a short process): counted from
    /// the matches' values.
    public var facetColumns: FacetColumns?

    /// Snippet highlight markers: control characters no text contains after decoding.
    static let highlightStart = "\u{2}"
    static let highlightEnd = "\u{3}"
    /// Added to the weight of documents containing every word, so they rank first; larger
    /// than any BM25 sum a query reaches.
    static let allWordsBoost = 10_000.0
    /// Added on top for documents containing every word as written, when a type word could also
    /// be met by the document's type: they rank above those that have the type but not the word.
    /// Boosts are multiples of it, so a hit's BM25 score is its weight modulo it.
    static let literalBoost = 5_000.0
    static let exactTotalUpTo = 1000
    /// Longer queries are refused (exit 2): no analyst types them, and thousands of words
    /// make Xapian (and spelling lookups) take seconds.
    static let maxQueryWords = 256
    static let maxQueryBytes = 8192
    static let snippetFlags: MSet.SnippetFlags = [.backgroundModel]
    static let queryFlags: QueryParser.Flags = [.boolean, .phrase, .loveHate, .wildcard, .pureNot, .autoSynonyms]

    /// Opens the index at `indexPath`; a missing, unreadable, locked-out or damaged one is
    /// `.index…` / `.notAnIndex` (exit 3), each saying which.
    public init(indexPath: String) throws(BulletinError) {
        self.indexPath = indexPath
        try IndexDirectory.checkReadable(indexPath)
        (database, pipeline, parser, termFrequencies) = try BulletinError.mapping(indexPath: indexPath) { () throws -> (Database, TextPipeline, QueryParser, TermFreqCache) in
            let database = try Database(path: indexPath)
            let pipeline = try TextPipeline()
            let parser = try Self.retryingOnModification(database) { () throws -> QueryParser in
                try IndexSchema.checkVersion(of: database, path: indexPath)
                return try pipeline.makeQueryParser(database: database)
            }
            return (database, pipeline, parser, try TermFreqCache(tableKey: IndexSchema.frequencyTableKey))
        }
        facetValues = FacetValues(database: database)
    }

    /// Number of documents in the index.
    public func documentCount() throws(BulletinError) -> Int {
        do { return try database.documentCount() } catch { throw BulletinError.from(error, indexPath: indexPath) }
    }

    public func search(_ request: SearchRequest) throws(BulletinError) -> SearchResponse {
        try Self.checkPage(offset: request.offset, limit: request.limit)
        try request.filters.checkValues()
        let words = request.query.split(whereSeparator: { $0.isWhitespace })
            .filter { QueryOperator.named($0) == nil }.count
        if words > Self.maxQueryWords || request.query.utf8.count > Self.maxQueryBytes {
            throw .querySyntax("query too long (\(words) words, \(request.query.utf8.count) bytes): at most \(Self.maxQueryWords) words and \(Self.maxQueryBytes) bytes")
        }
        return try mapErrors(query: request.query) { () throws -> SearchResponse in
            try withReopenOnModification { () throws -> SearchResponse in try run(request) }
        }
    }

    // MARK: - Running a search

    /// A parsed request: the Xapian query and what the response needs to know about it.
    struct Plan {
        var query: Query
        var hasWords: Bool
        var correctedQuery: String?
        var corrections: [SpellingCorrection] = []
        var compoundStems: Set<String>
        /// The weight from which a hit has every word as written (nil: every hit has).
        var matchedAllFrom: Double?
    }

    private func run(_ request: SearchRequest) throws -> SearchResponse {
        let plan = try makePlan(request)
        let facetCount = request.facets ? try startFacetCount(plan.query, kinds: request.facetKinds, limit: request.facetLimit) : nil
        // The counting thread must be done with `countingDatabase` before anything else runs.
        defer { facetCount?.finish() }
        let enquire = try Enquire(database: database)
        try enquire.setQuery(plan.query)
        let sort = request.sort ?? (plan.hasWords ? .relevance : .newest)
        switch sort {
        case .relevance: try enquire.setSort(.relevance)
        case .date: try enquire.setSort(.value(slot: IndexSchema.dateSlot, descending: false))
        case .newest: try enquire.setSort(.value(slot: IndexSchema.dateSlot, descending: true))
        }
        if request.collapse { try enquire.setCollapseKey(slot: IndexSchema.duplicateKeySlot) }
        // Checking this many matches makes `total` exact for result sets up to that size
        // (Xapian's estimate is rough, and rougher with collapsing) at a bounded cost.
        let checkAtLeast = Self.exactTotalUpTo
        let mset: MSet, counted: MSet
        var sliced = false
        if sort == .newest, let page = try newestFirstPage(enquire, query: plan.query, collapse: request.collapse,
                                                            offset: request.offset, limit: request.limit) {
            (mset, counted) = page
            sliced = true
        } else {
            mset = try enquire.mset(first: request.offset, count: request.limit, checkAtLeast: checkAtLeast)
            counted = mset
        }
        // Xapian looked at every match when there cannot be more than it was asked to check
        // (with collapsing, the lower bound alone does not tell).
        var exhaustive = counted.matchesUpperBound <= checkAtLeast
        var total = Self.total(counted, exhaustive: exhaustive)
        var facets: FacetCounts?
        var matches: Int?
        if request.facets {
            // Facets come from a second pass over every match that ranks and collapses
            // nothing (see `count`): ranking and collapsing every match made facets slow.
            // It ran on another thread while this one ranked, when it could.
            let estimate = counted.matchesEstimated
            let (counted, values) = try facetCount?.result()
                ?? countFacets(plan.query, collapse: false, kinds: request.facetKinds, limit: request.facetLimit, estimatedMatches: estimate)
            matches = counted
            if !request.collapse {
                (total, exhaustive) = (counted, true)
            } else if !exhaustive {
                // Xapian's estimate of the collapsed total can exceed the exact uncollapsed count.
                total = min(total, counted)
            }
            facets = facetCounts(values)
        }
        var hits: [SearchHit] = []
        hits.reserveCapacity(mset.count)
        for item in mset {
            var hit = try makeHit(item, in: mset, plan: plan, snippetChars: request.snippetChars)
            // In a slice, a story's copies may be older than the slice (a year's turn).
            if item.collapseCount > 0 || (sliced && request.collapse) {
                hit.duplicates = try duplicates(of: item, matching: plan.query)
            }
            hits.append(hit)
        }
        return SearchResponse(
            query: request.query, total: total,
            totalIsExact: exhaustive || counted.matchesLowerBound == counted.matchesUpperBound, matches: matches, offset: request.offset, limit: request.limit,
            hits: hits, correctedQuery: plan.correctedQuery, corrections: plan.corrections,
            facets: facets)
    }

    /// A newest-first page without sorting every match: sorting reads the date of each match
    /// (a country filter alone at 100 000 bulletins: 20–30 ms). The query is limited to the
    /// latest year, then to the latest two, …, by the boolean year terms; the first such slice
    /// that fills the page holds the page of the whole query, since every document newer than
    /// those on it is in the slice (undated documents sort last). `counted` is a pass that only
    /// counts, up to `exactTotalUpTo` matches, for the total. Nil when slicing does not pay:
    /// a deep page, fewer matches than `exactTotalUpTo`, fewer than two years.
    func newestFirstPage(_ enquire: Enquire, query: Query, collapse: Bool, offset: Int, limit: Int) throws -> (page: MSet, counted: MSet)? {
        guard limit > 0, offset + limit <= Self.exactTotalUpTo / 4 else { return nil }
        let counted = try countingEnquire(query, collapse: collapse).mset(first: 0, count: 0, checkAtLeast: Self.exactTotalUpTo)
        guard counted.matchesLowerBound >= slicingFrom else { return nil }
        let years = try database.allTerms(prefix: IndexSchema.yearPrefix).map(\.term).sorted(by: >)
        var slice: [Query] = []
        for year in years.dropLast() {
            slice.append(try Query.term(year))
            try enquire.setQuery(try Query.combine(.filter, [query, try Query.combine(.or, slice)]))
            let page = try enquire.mset(first: offset, count: limit)
            if page.count == limit { return (page, counted) }
        }
        try enquire.setQuery(query)
        return nil
    }

    /// An Enquire that only counts the matches of `query`: its weights scaled to 0 and Xapian's
    /// BoolWeight (no BM25 per match), document order "don't care", near-duplicates collapsed
    /// when `collapse`. The one setup of every counting pass (`count`, `newestFirstPage`).
    private func countingEnquire(_ query: Query, collapse: Bool) throws -> Enquire {
        try Self.countingEnquire(query, database: database, collapse: collapse)
    }

    /// `countingEnquire` on `database`.
    private static func countingEnquire(_ query: Query, database: Database, collapse: Bool) throws -> Enquire {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query.scaled(query, by: 0))
        try enquire.setBooleanWeighting()
        try enquire.setDocumentOrder(.dontCare)
        if collapse { try enquire.setCollapseKey(slot: IndexSchema.duplicateKeySlot) }
        return enquire
    }

    /// The exact number of matches of `query` and the counts of `kinds` over them (each
    /// facet's `limit` most frequent values; nil: all), in a pass that only counts (see
    /// `countingEnquire`), `check_at_least` = all documents.
    ///
    /// `estimatedMatches` (the ranking pass's estimate, when it ran first): when the query
    /// matches over `complementFrom` of the index and only term-backed facets are asked for,
    /// the counts come from the other side (`FacetCounter.countByComplement`): the same counts.
    func countFacets(_ query: Query, collapse: Bool, kinds: [FacetKind], limit: Int?, estimatedMatches: Int? = nil) throws
        -> (matches: Int, counts: [String: [(value: String, count: Int)]]) {
        let documents = try database.documentCount()
        if facetColumns == nil, !collapse, let estimatedMatches, Double(estimatedMatches) > complementFrom * Double(documents),
           kinds.allSatisfy(FacetCounter.termBacked.contains),
           let counted = try FacetCounter.countByComplement(
               try countingEnquire(try Query.combine(.andNot, [try Query.matchAll(), query]), collapse: false),
               in: database, kinds: kinds, limit: limit, documents: documents) {
            return counted
        }
        return try Self.countFacets(query, in: database, collapse: collapse, kinds: kinds, limit: limit, documents: documents,
                                    columns: facetColumns)
    }

    /// `countFacets` over `database` (`documents` its document count): the one counting pass of
    /// the facets, on this thread or on the counting thread (`startFacetCount`).
    private static func countFacets(_ query: Query, in database: Database, collapse: Bool, kinds: [FacetKind], limit: Int?, documents: Int,
                                    columns: FacetColumns?) throws
        -> (matches: Int, counts: [String: [(value: String, count: Int)]]) {
        try FacetCounter.count(try countingEnquire(query, database: database, collapse: collapse), kinds: kinds, limit: limit, documents: documents,
                               column: columns?.column(for: database))
    }

    /// `countFacets` (uncollapsed) started on another thread over `countingDatabase`, or nil
    /// when it cannot be (one core, or no second handle): the query crosses as Xapian's
    /// serialisation, since a Query's reference counts are not atomic. Both handles were
    /// opened (or reopened by `refresh`) together, so they read the same commit unless an
    /// indexing run commits between the two opens.
    private func startFacetCount(_ query: Query, kinds: [FacetKind], limit: Int?) throws -> BackgroundResult<(matches: Int, counts: [String: [(value: String, count: Int)]])>? {
        guard countsFacetsInParallel else { return nil }
        if countingDatabase == nil { countingDatabase = try? Database(path: indexPath) }
        guard let counting = countingDatabase else { return nil }
        let bytes = try query.serialised()
        let documents = try database.documentCount()
        let handle = UncheckedBox(counting)
        let columns = facetColumns
        return BackgroundResult {
            try Self.retryingOnModification(handle.value) {
                try Self.countFacets(try Query.unserialised(bytes), in: handle.value, collapse: false, kinds: kinds, limit: limit, documents: documents,
                                     columns: columns)
            }
        }
    }

    /// Every match of `query` seen by the spies `addSpies` adds, in a pass that only counts:
    /// the query's weights scaled to 0 and Xapian's BoolWeight (no BM25 per match), in
    /// document-id order, `check_at_least` = all documents. Returns the number of matches
    /// (near-duplicates collapsed when `collapse`), exact.
    func count(_ query: Query, collapse: Bool, addSpies: (Enquire) throws -> Void) throws -> Int {
        let enquire = try countingEnquire(query, collapse: collapse)
        try addSpies(enquire)
        let mset = try enquire.mset(first: 0, count: 0, checkAtLeast: try database.documentCount())
        return mset.matchesLowerBound
    }

    func makePlan(_ request: SearchRequest) throws -> Plan {
        let fields = try QueryFields.extract(request.query)
        var include = request.filters
        include.merge(fields.include)
        let words = fields.words.trimmingWhitespace()
        var plan = Plan(query: try Query.matchAll(), hasWords: false, correctedQuery: nil, compoundStems: [])

        var exceptWords: Query?
        if let excluded = QueryFields.pureExclusion(words) {
            // `-Китай` alone: everything except documents with the word (Xapian would read
            // a lone `-word` as the word).
            try parser.setDefaultOperator(.or)
            let query = try parser.parse(QueryRewriter.rewrite(excluded), flags: Self.queryFlags)
            if !query.isEmpty { exceptWords = query }
        } else if !words.isEmpty {
            let expansion = request.synonyms ? try makeExpansion() : nil
            let rewritten = try QueryRewriter.rewrite(words, expansion: expansion)
            var text = rewritten.text
            var allText = rewritten.allWordsText
            var (boostText, literalText) = (rewritten.boostText, rewritten.literalBoostText)
            var singleWord = rewritten.singleWord
            if let correction = try SpellingCorrector(database: database, pipeline: pipeline).correct(words) {
                plan.correctedQuery = correction.query
                plan.corrections = correction.replaced
                if request.autoCorrect {
                    let corrected = try QueryRewriter.rewrite(correction.query, expansion: expansion)
                    (text, allText) = (corrected.text, corrected.allWordsText)
                    (boostText, literalText) = (corrected.boostText, corrected.literalBoostText)
                    singleWord = corrected.singleWord
                }
            }
            let flags = request.synonyms ? Self.queryFlags : Self.queryFlags.subtracting(.autoSynonyms)
            try parser.setDefaultOperator(.or)
            let any = try parser.parse(text, flags: flags)
            try parser.setDefaultOperator(.and)
            let all = try parser.parse(allText, flags: flags)
            if !all.isEmpty || !any.isEmpty {
                plan.hasWords = true
                let widened = request.synonyms ? try wideningQuery(rewritten.plainWords) : nil
                let widening = widened?.query
                // `all` may let a type word be met by the document's type; `literal` may not.
                // The boosts only test for every word, so they read a hyphenated word as its
                // joined token, without the phrase of its parts (`QueryRewriter.Rewritten`).
                let literal = allText == text ? nil : try parser.parse(literalText, flags: flags)
                let literalBoost = try literal.map { try Query.combine(.filter, [try Query.fixedWeight(Self.literalBoost), $0]) }
                if request.allWords {
                    var parts = [all]
                    if let widening { parts.append(widening) }
                    if let literalBoost { parts.append(literalBoost) }
                    plan.query = parts.count == 1 ? all : try Query.combine(.andMaybe, parts)
                    if literal != nil { plan.matchedAllFrom = Self.literalBoost }
                } else if all.description == any.description && widening == nil && literal == nil {
                    plan.query = all
                } else {
                    // Any word matches; documents with all of them get a constant on top. The
                    // widening (capitals, countries, type words) adds matches and weight, never
                    // the constant: a document has all the words only when it has the words.
                    let anyWidened = try widening.map { try Query.combine(.or, [any, $0]) } ?? any
                    if omitsConstantBoost && singleWord && (widened?.typesOnly ?? true), let literalBoost {
                        // One word, widened at most by its type, which its all-words reading
                        // also accepts: every match has "all the words", so that boost would
                        // add the same constant to every match (and cost a walk of the word's
                        // and the type's postings: `контракт` at 100k, 15.8 → 8.0 ms).
                        plan.query = try Query.combine(.andMaybe, [anyWidened, literalBoost])
                        plan.matchedAllFrom = Self.literalBoost
                    } else {
                        let boostAll = boostText == allText ? all : try parser.parse(boostText, flags: flags)
                        let boost = try Query.combine(.filter, [try Query.fixedWeight(Self.allWordsBoost), boostAll])
                        plan.query = try Query.combine(.andMaybe, [anyWidened, boost] + (literalBoost.map { [$0] } ?? []))
                        plan.matchedAllFrom = Self.allWordsBoost + (literal == nil ? 0 : Self.literalBoost)
                    }
                }
                plan.compoundStems = Set(try QueryRewriter.compounds(in: words).map { try pipeline.stem($0) })
            }
        }
        if let exceptWords {
            plan.query = try Query.combine(.andNot, [plan.query, exceptWords])
        } else if !plan.hasWords && include.isEmpty && fields.exclude.isEmpty && request.added.isEmpty {
            throw BulletinError.usage("empty query: give words to search for, or filters (country, type, source, person, weapon, dates)")
        }
        if let filter = try filterQuery(include) {
            plan.query = try Query.combine(.filter, [plan.query, filter])
        }
        if let excluded = try exclusionQuery(fields.exclude) {
            plan.query = try Query.combine(.andNot, [plan.query, excluded])
        }
        if let added = try addedQuery(request.added) {
            plan.query = try Query.combine(.filter, [plan.query, added])
        }
        return plan
    }

    /// - Parameter snippetChars: longest snippet in characters; nil for none.
    func makeHit(_ item: MSet.Item, in mset: MSet, plan: Plan, snippetChars: Int?) throws -> SearchHit {
        let stored = try StoredDocument.decode(try item.document, documentID: item.documentID, in: database, indexPath: indexPath)
        var snippet = ""
        if let snippetChars, snippetChars > 0 {
            // Xapian's length is in bytes; Russian text is two bytes a letter.
            // With Xapian's background model (the rarity of the text's words, a term lookup
            // each): without it the snippet starts at the first match, with no context before
            // it. Not exhaustive: Xapian stops at a good enough window, so it looks up fewer.
            var raw = try mset.snippet(of: stored.text, length: snippetChars * 2, stemmer: pipeline.stemmer, flags: Self.snippetFlags,
                                       highlightStart: Self.highlightStart, highlightEnd: Self.highlightEnd, cache: termFrequencies)
            if !plan.compoundStems.isEmpty, !raw.contains(Self.highlightStart),
               let window = try Snippet.window(in: stored.text, compoundStems: plan.compoundStems, stem: pipeline.stem) {
                raw = window
            }
            snippet = Snippet.truncate(try Snippet.clean(raw, compoundStems: plan.compoundStems, stem: pipeline.stem), toCharacters: snippetChars)
        }
        let matchedAll = plan.matchedAllFrom.map { item.weight >= $0 } ?? true
        let score = item.weight.truncatingRemainder(dividingBy: Self.literalBoost)
        return SearchHit(
            id: stored.id, rank: item.rank + 1, score: (score * 1000).rounded() / 1000, matchedAll: matchedAll,
            path: stored.path, url: stored.url, date: stored.date, dateSource: stored.dateSource,
            title: stored.title, source: stored.source, countries: stored.countries, venue: stored.venue,
            types: stored.types, persons: stored.persons, weapons: stored.weapons,
            snippet: snippet)
    }

    /// Xapian's estimate of the matches; when every match was checked (facets), the bounds
    /// meet and the count is exact. With collapsing, the estimate can exceed the upper bound.
    static func total(_ mset: MSet, exhaustive: Bool) -> Int {
        if exhaustive || mset.matchesLowerBound == mset.matchesUpperBound { return mset.matchesLowerBound }
        return min(max(mset.matchesEstimated, mset.matchesLowerBound), mset.matchesUpperBound)
    }


    /// The ids collapsed into `item`: other matches sharing its duplicate key.
    private func duplicates(of item: MSet.Item, matching query: Query) throws -> [String] {
        let key = try item.document.value(slot: IndexSchema.duplicateKeySlot)
        guard !key.isEmpty else { return [] }
        let enquire = try Enquire(database: database)
        try enquire.setQuery(try Query.combine(.filter, [query, try Query.valueRange(slot: IndexSchema.duplicateKeySlot, key, key)]))
        return try enquire.mset(first: 0, count: 50).compactMap { other in
            guard other.documentID != item.documentID else { return nil }
            return try StoredDocument.decode(try other.document, documentID: other.documentID, in: database, indexPath: indexPath).id
        }
    }

    // MARK: - Errors and concurrency

    func mapErrors<R>(query: String, _ body: () throws -> R) throws(BulletinError) -> R {
        try BulletinError.mapping(indexPath: indexPath) {
            do {
                return try body()
            } catch let error as XapianError where error.kind == .queryParser {
                let hint = SyntaxHint.locate(query) ?? "check that AND/OR/NOT have words on both sides and quotes are closed"
                throw BulletinError.querySyntax("«\(query.oneLine)» \(hint) [Xapian: \(error.message.oneLine)]")
            }
        }
    }

    /// Readers see the last commit; when a writer moves on underneath, reopen and retry.
    func withReopenOnModification<R>(_ body: () throws -> R) throws -> R {
        try Self.retryingOnModification(database, body)
    }

    /// Xapian readers fail with `DatabaseModifiedError` when a writer has committed twice
    /// since they opened: reopen (to the latest commit) and retry, with a short growing
    /// pause, up to `modificationRetries` times. A writer committing every document beside
    /// many readers needs a few; a reader never fails because a writer committed.
    static let modificationRetries = 50

    static func retryingOnModification<R>(_ database: Database, _ body: () throws -> R) throws -> R {
        var attempts = 0
        while true {
            do { return try body() } catch {
                // Raw from the wrapper, or already mapped by a library step (a stored
                // document's decoding maps its read errors).
                let modified = (error as? XapianError)?.kind == .databaseModified || { if case .indexModified = error as? BulletinError { return true } else { return false } }()
                guard modified, attempts < modificationRetries else { throw error }
                attempts += 1
                try database.reopen()
                if attempts > 2 { usleep(UInt32(min(attempts, 20)) * 1000) }
            }
        }
    }

    /// Offsets and limits Xapian can take (its counts are 32-bit).
    static func checkPage(offset: Int, limit: Int) throws(BulletinError) {
        guard limit >= 0, offset >= 0 else { throw .usage("the limit and offset must not be negative") }
        guard limit <= SearchRequest.maxLimit else { throw .usage("the limit must be at most \(SearchRequest.maxLimit)") }
        guard offset <= Int(UInt32.max) - limit else { throw .usage("the offset must be below \(Int(UInt32.max) - limit)") }
    }
}
