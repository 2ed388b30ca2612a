/// How hits are ordered.
public enum SearchSort: String, Sendable, CaseIterable {
    case relevance
    /// Oldest first.
    case date
    /// Newest first.
    case newest = "-date"
}

/// Facet filters: OR within one facet, AND across facets. Values are as the analyst typed
/// them (`BY`, `Беларусь`, `белорусский`, `контракт`, `ТАСС`); the searcher resolves them.
public struct SearchFilters: Codable, Sendable, Equatable {
    public var countries: [String] = []
    public var types: [String] = []
    public var sources: [String] = []
    public var persons: [String] = []
    public var weapons: [String] = []
    /// Inclusive bounds: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var from: String?
    public var to: String?

    public init() {}

    public var isEmpty: Bool {
        countries.isEmpty && types.isEmpty && sources.isEmpty && persons.isEmpty && weapons.isEmpty && from == nil && to == nil
    }

    /// Refuses a filter given an empty value (`""`, `" "`, `","`): dropping it silently would
    /// search without the filter the analyst asked for. (The CLI names its flag first.)
    public func checkValues() throws(BulletinError) {
        for (name, values) in [("country", countries), ("type", types), ("source", sources), ("person", persons), ("weapon", weapons)] {
            if values.contains(where: { Searcher.splitList($0).isEmpty }) {
                throw .usage("the \(name) filter needs a value (it was given an empty one)")
            }
        }
        for (name, value) in [("start date", from), ("end date", to)] where value?.trimmingWhitespace().isEmpty == true {
            throw .usage("the \(name) filter needs a date (it was given an empty one)")
        }
    }

    /// Adds `other`'s values (the query's own `country:…` fields to the command line's).
    mutating func merge(_ other: SearchFilters) {
        countries += other.countries
        types += other.types
        sources += other.sources
        persons += other.persons
        weapons += other.weapons
        if let f = other.from { from = max(from ?? f, f) }
        if let t = other.to { to = min(to ?? t, t) }
    }
}

/// One search.
public struct SearchRequest: Sendable {
    /// Most hits one page may ask for (CLI, library and web alike).
    public static let maxLimit = 10_000

    public var query: String
    public var limit: Int = 10
    public var offset: Int = 0
    /// nil: relevance when there are words, newest first for filters alone.
    public var sort: SearchSort?
    public var filters = SearchFilters()
    /// Require every word (strict AND) instead of ranking all-word matches first.
    public var allWords = false
    /// Compute facet counts over all matches.
    public var facets = false
    public var facetLimit = 20
    /// Which facets to count (`FacetKind.standard` by default).
    public var facetKinds: [FacetKind] = FacetKind.standard
    /// Show one hit per near-duplicate group.
    public var collapse = true
    /// Run the spelling-corrected query instead of the original.
    public var autoCorrect = false
    /// Expand query words through the index's synonym table (country forms, designations).
    public var synonyms = true
    /// Longest snippet, in characters; nil leaves snippets out (hits carry "").
    public var snippetChars: Int? = SearchRequest.defaultSnippetChars

    public static let defaultSnippetChars = 160

    /// Only documents added to the index in this window (saved searches).
    public var added = AddedWindow()

    public init(query: String) { self.query = query }
}

/// Which versions of documents the index received when: by indexing sequence number (each
/// added or replaced document takes the next) and by indexing date.
public struct AddedWindow: Sendable, Equatable {
    /// Sequence numbers above this one.
    public var afterSequence: Int?
    /// Sequence numbers up to this one.
    public var throughSequence: Int?
    /// Indexed on or after this day, `YYYY-MM-DD` (UTC).
    public var since: String?

    public init() {}

    public var isEmpty: Bool { afterSequence == nil && throughSequence == nil && since == nil }
}

/// One hit, as shown to the analyst and in `--json`.
public struct SearchHit: Codable, Sendable, Equatable {
    public var id: String
    /// 1-based rank over the whole result.
    public var rank: Int
    public var score: Double
    /// True when the document contains every word of the query.
    public var matchedAll: Bool
    public var path: String?
    public var url: String?
    public var date: String?
    public var dateSource: String
    public var title: String
    public var source: String?
    public var countries: [String]
    public var venue: String?
    public var types: [String]
    public var persons: [String]
    public var weapons: [String]
    /// Best-matching extract, matches wrapped in `**`.
    public var snippet: String
    /// Ids of near-duplicates collapsed into this hit.
    public var duplicates: [String] = []
}

/// One value of a facet with its count over all matches.
public struct FacetCount: Codable, Sendable, Equatable {
    public var value: String
    public var name: String
    public var count: Int
}

/// Counts of the facets over every matching document (a facet not asked for is empty).
public struct FacetCounts: Codable, Sendable, Equatable {
    public var country: [FacetCount] = []
    public var type: [FacetCount] = []
    public var year: [FacetCount] = []
    public var source: [FacetCount] = []
    public var person: [FacetCount] = []
    public var weapon: [FacetCount] = []
    public var venue: [FacetCount] = []
    /// Unordered partner-country pairs, value `BY–CN`, name `Беларусь – Китай`.
    public var pair: [FacetCount] = []

    public init() {}
}

/// A page of results.
public struct SearchResponse: Codable, Sendable, Equatable {
    public var query: String
    /// Matching documents, near-duplicates collapsed: exact up to `Searcher.exactTotalUpTo`
    /// matches (and whenever every match was counted without collapsing), else Xapian's estimate.
    public var total: Int
    /// False when `total` is Xapian's estimate.
    public var totalIsExact: Bool = true
    /// When facets were counted: every matching document, near-duplicates included, exactly
    /// (the set the facet counts are over); nil otherwise.
    public var matches: Int?
    public var offset: Int
    public var limit: Int
    public var hits: [SearchHit]
    /// The query with misspelt words corrected, when the index suggests one.
    public var correctedQuery: String?
    /// Which words `correctedQuery` replaced, in query order.
    public var corrections: [SpellingCorrection] = []
    public var facets: FacetCounts?
}

/// One word the spelling corrector replaced: the word as typed (lowercased) and its replacement.
public struct SpellingCorrection: Codable, Sendable, Equatable {
    public var word: String
    public var suggestion: String

    public init(word: String, suggestion: String) {
        self.word = word
        self.suggestion = suggestion
    }
}
