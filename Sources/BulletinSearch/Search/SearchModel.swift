/// How hits are ordered.
public enum SearchSort: String, Sendable, CaseIterable {
    case relevance
    /// Oldest first.
    case date
    /// Newest first.
    case newest = "-date"
}

/// One search.
public struct SearchRequest: Sendable {
    public var query: String
    public var limit: Int = 10
    public var offset: Int = 0
    public var sort: SearchSort = .relevance

    public init(query: String) { self.query = query }
}

/// One hit, as shown to the analyst and in `--json`.
public struct SearchHit: Codable, Sendable, Equatable {
    public var id: String
    /// 1-based rank over the whole result.
    public var rank: Int
    public var score: Double
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

    enum CodingKeys: String, CodingKey {
        case id, rank, score, path, url, date, dateSource = "date_source", title, source, countries, venue, types
        case persons, weapons, snippet
    }
}

/// A page of results.
public struct SearchResponse: Codable, Sendable, Equatable {
    public var query: String
    /// Xapian's estimate of the number of matching documents.
    public var total: Int
    public var offset: Int
    public var limit: Int
    public var hits: [SearchHit]
}
