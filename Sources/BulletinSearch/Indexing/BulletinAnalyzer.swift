/// Fields a JSONL feed line may give beside the text.
public struct FeedFields: Sendable, Equatable {
    public var date: String?
    public var source: String?
    public var url: String?
    public var title: String?

    public init(date: String? = nil, source: String? = nil, url: String? = nil, title: String? = nil) {
        self.date = date
        self.source = source
        self.url = url
        self.title = title
    }
}

/// From raw text to what the index stores: normalisation, parsing, metadata.
public enum BulletinAnalyzer {
    /// - Parameters:
    ///   - id: the unique id (path relative to the root, or the feed's id)
    ///   - path: absolute path of the file (nil for feed input)
    ///   - root: absolute path of the indexed root (nil for feed input)
    ///   - feed: what a JSONL line said besides the text
    public static func analyze(text: String, id: String, path: String?, root: String?, feed: FeedFields? = nil) -> StoredDocument {
        let normalized = TextNormalizer.normalize(text)
        let parsed = BulletinParser.parse(normalized)
        var date = parsed.headerDate
        var dateSource = date == nil ? "none" : "header"
        if date == nil, let feedDate = feed?.date, feedDate.count >= 10 {
            date = String(feedDate.prefix(10))
            dateSource = "feed"
        }
        return StoredDocument(
            id: id, path: path, root: root, url: feed?.url,
            date: date, dateSource: dateSource,
            source: parsed.source ?? feed?.source, origin: nil, title: feed?.title ?? parsed.title,
            countries: [], venue: nil, types: [], persons: [], organisations: [], weapons: [],
            text: parsed.body)
    }
}
