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

/// From raw text to what the index stores: normalisation, metadata extraction, the text to
/// index (lookalike letters repaired) and the text to keep for snippets (as written).
public enum BulletinAnalyzer {
    /// - Parameters:
    ///   - id: the unique id (path relative to the root, or the feed's id)
    ///   - path: absolute path of the file (nil for feed input)
    ///   - root: absolute path of the indexed root (nil for feed input)
    ///   - feed: what a JSONL line said besides the text
    public static func analyze(text: String, id: String, path: String?, root: String?, feed: FeedFields? = nil) -> StoredDocument {
        let normalized = TextNormalizer.normalize(text)
        // The id is the path relative to the root: its year folder dates a dateline.
        let meta = MetadataExtractor.extract(text: normalized, path: feed == nil ? id : nil, feedDate: feed?.date, feedSource: feed?.source)
        let body = textAfterHeader(normalized)
        var counts: [String: Int] = [:]
        for mention in meta.countryMentions { counts[mention.code, default: 0] += 1 }
        var stored = StoredDocument(
            id: id, path: path, root: root, url: feed?.url,
            date: meta.date, dateSource: meta.dateSource,
            source: meta.source ?? feed?.source, origin: meta.origin,
            title: feed?.title.flatMap { $0.isEmpty ? nil : TextNormalizer.normalize($0) } ?? meta.title,
            countries: meta.countries, venue: meta.venue, types: meta.types,
            persons: meta.persons.map(\.name), organisations: meta.organisations, weapons: meta.weapons,
            text: body)
        stored.indexText = TextRepair.repair(body)
        stored.countryMentionCounts = counts
        return stored
    }

    /// The text after the ` date YYYY-MM-DD` crawl header, dateline included.
    static func textAfterHeader(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let (_, end) = DateExtractor.parseHeader(scalars) else {
            return String(text.drop(while: { $0.isWhitespace }))
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[min(end, scalars.count)...])
        return String(String(view).drop(while: { $0.isWhitespace }))
    }
}
