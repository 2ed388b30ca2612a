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

/// The one path from a document to what the index stores, in four steps that indexing,
/// `bulletin extract` and the extraction evaluator all take through these functions:
///
/// 1. read: `FileContent.read` (a regular file, within the size limit),
/// 2. decode: `TextDecoder.decodeDetectingEncoding` (UTF-8/16, Windows-1251, KOI8-R; binary refused),
/// 3. normalise: `TextNormalizer.normalize`,
/// 4. extract: `MetadataExtractor.extract`,
///
/// then `analyze` adds the text to index (lookalike letters repaired) and the text to keep for
/// snippets (as written). Indexing runs steps 1 and 2 itself, because it compares the bytes'
/// hash with the index between them; feeds start at step 3.
public enum BulletinAnalyzer {
    /// Steps 1–4 for one file, without an index. `datingPath` is the path whose year folder can
    /// date a dateline (`2019/…`): the id when indexing, the path as given by `extract`.
    public static func extract(file path: String, datingPath: String? = nil, maxBytes: Int = IndexOptions.defaultMaxBytes) -> Result<BulletinMetadata, FileFailure> {
        let text: String
        switch FileContent.read(path, maxBytes: maxBytes).flatMap({ TextDecoder.decodeDetectingEncoding($0.bytes) }) {
        case .success(let decoded): text = decoded.text
        case .failure(let rejection): return .failure(FileFailure(path: path, reason: rejection.reason))
        }
        return .success(extract(text: text, datingPath: datingPath ?? path).metadata)
    }

    /// Steps 3 and 4: the normalised text and its metadata.
    static func extract(text: String, datingPath: String?, feed: FeedFields? = nil) -> (normalized: String, metadata: BulletinMetadata) {
        let normalized = TextNormalizer.normalize(text)
        return (normalized, MetadataExtractor.extract(text: normalized, path: datingPath, feedDate: feed?.date, feedSource: feed?.source))
    }

    /// - Parameters:
    ///   - id: the unique id (path relative to the root, or the feed's id)
    ///   - path: absolute path of the file (nil for feed input)
    ///   - root: absolute path of the indexed root (nil for feed input)
    ///   - feed: what a JSONL line said besides the text
    public static func analyze(text: String, id: String, path: String?, root: String?, feed: FeedFields? = nil) -> StoredDocument {
        // The id is the path relative to the root: its year folder dates a dateline.
        let (normalized, meta) = extract(text: text, datingPath: feed == nil ? id : nil, feed: feed)
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
