/// From raw text to what the index stores: normalisation, parsing, metadata.
public enum BulletinAnalyzer {
    public static func analyze(text: String, id: String, path: String?, root: String?) -> StoredDocument {
        let normalized = TextNormalizer.normalize(text)
        let parsed = BulletinParser.parse(normalized)
        return StoredDocument(
            id: id, path: path, root: root, url: nil,
            date: parsed.headerDate, dateSource: parsed.headerDate == nil ? "none" : "header",
            source: parsed.source, origin: nil, title: parsed.title,
            countries: [], venue: nil, types: [], persons: [], organisations: [], weapons: [],
            text: parsed.body)
    }
}
