import Foundation

// The models of `show`, `stats` and `timeline`: what the CLI renders and what a web front
// end encodes (Codable, snake_case keys, the same names as the CLI's `--json`).

/// A code with its Russian display name (`BY` · `Беларусь`, `meeting` · `встреча`).
public struct NamedValue: Codable, Sendable, Equatable {
    public var value: String
    public var name: String

    public init(value: String, name: String) {
        self.value = value
        self.name = name
    }
}

/// One whole document with everything extracted from it (`bulletin show`).
public struct DocumentView: Codable, Sendable, Equatable {
    public var id: String
    public var path: String?
    public var url: String?
    public var date: String?
    public var dateSource: String
    public var title: String
    public var source: String?
    /// The agency a retold story names as its origin.
    public var origin: String?
    public var countries: [NamedValue]
    public var venue: NamedValue?
    public var types: [NamedValue]
    /// Unordered partner-country pairs, as in the `pair` facet (`BY–CN`).
    public var pairs: [String]
    public var persons: [String]
    public var organisations: [String]
    public var weapons: [String]
    /// Ids of the other documents telling the same story.
    public var duplicates: [String]
    /// Indexing sequence number (which run of `index` added this version); nil for an
    /// index written before sequence numbers existed.
    public var sequence: Int?
    /// The query whose words are highlighted, when one was given.
    public var query: String?
    /// The whole stored text; with a query, its matching words wrapped in `**`, one
    /// paragraph a line.
    public var text: String
    /// How many words were highlighted.
    public var highlights: Int

    enum CodingKeys: String, CodingKey {
        case id, path, url, date, dateSource = "date_source", title, source, origin, countries, venue, types, pairs
        case persons, organisations, weapons, duplicates, sequence, query, text, highlights
    }
}

/// What the index holds (`bulletin stats`).
public struct IndexStats: Codable, Sendable, Equatable {
    public var indexPath: String
    public var documents: Int
    /// Earliest and latest publication date (`YYYY-MM-DD`); nil when no document has one.
    public var firstDate: String?
    public var lastDate: String?
    /// Documents per year, oldest year first.
    public var years: [FacetCount]
    public var undated: Int
    /// The most frequent values of each facet, most documents first.
    public var facets: FacetCounts
    /// Bytes of the index directory's files.
    public var sizeBytes: Int64
    /// When the index was last written (its version file's modification time), ISO 8601 UTC.
    public var lastIndexed: String?
    public var schemaVersion: String
    /// The highest indexing sequence number handed out (0 before any).
    public var lastSequence: Int

    enum CodingKeys: String, CodingKey {
        case indexPath = "index", documents, firstDate = "first_date", lastDate = "last_date", years, undated, facets
        case sizeBytes = "size_bytes", lastIndexed = "last_indexed", schemaVersion = "schema_version", lastSequence = "last_sequence"
    }
}

/// Periods of a timeline.
public enum TimelinePeriod: String, Codable, Sendable, CaseIterable {
    case month, quarter, year
}

/// What a timeline splits its counts by.
public enum TimelineSplit: String, Codable, Sendable, CaseIterable {
    case country, type, source
}

/// Counts of matching documents over time (`bulletin timeline`).
public struct TimelineRequest: Sendable {
    /// Words and fields as in `search`; may be empty when filters are given, or both empty
    /// for the whole index.
    public var query: String = ""
    public var filters = SearchFilters()
    public var by: TimelinePeriod = .year
    public var split: TimelineSplit?
    /// Series for the `top` most frequent values of `split`.
    public var top: Int = 5
    /// Count one document per near-duplicate group, as search's totals do.
    public var collapse = false
    public var allWords = false

    public init(query: String = "") { self.query = query }
}

/// One series: a count per period (aligned with `Timeline.periods`).
public struct TimelineSeries: Codable, Sendable, Equatable {
    /// The split value (`BY`, `contract`, `ТАСС`), or `all` without a split.
    public var value: String
    public var name: String
    public var counts: [Int]
    public var total: Int
}

public struct Timeline: Codable, Sendable, Equatable {
    public var query: String
    public var by: TimelinePeriod
    public var split: TimelineSplit?
    /// Every period from the first to the last matching one, empty ones included
    /// (`2019`, `2019-Q3`, `2019-07`).
    public var periods: [String]
    /// Matching documents per period (with a split, a document counts once here but in
    /// every series it belongs to).
    public var totals: [Int]
    /// Without a split: one series `all`. With one: a series per top value, then `other`
    /// when documents fall outside them.
    public var series: [TimelineSeries]
    /// Matching documents, and those among them without a date (in no period).
    public var total: Int
    public var undated: Int
}
