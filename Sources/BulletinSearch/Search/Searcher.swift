import Foundation
import Xapian

/// Runs searches against an index. Holds a read-only handle; one Searcher per thread.
public final class Searcher {
    public let indexPath: String
    let database: Database
    let pipeline: TextPipeline
    private let parser: QueryParser
    let decoder = JSONDecoder()

    /// Snippet highlight markers: control characters no text contains after decoding.
    static let highlightStart = "\u{2}"
    static let highlightEnd = "\u{3}"

    /// Opens the index at `indexPath`; a missing, locked-out or unreadable one is `.index…`.
    public init(indexPath: String) throws(BulletinError) {
        self.indexPath = indexPath
        do {
            database = try Database(path: indexPath)
            pipeline = try TextPipeline()
            parser = try pipeline.makeQueryParser(database: database)
        } catch {
            throw BulletinError.from(error, indexPath: indexPath)
        }
    }

    /// Number of documents in the index.
    public func documentCount() throws(BulletinError) -> Int {
        do { return try database.documentCount() } catch { throw BulletinError.from(error, indexPath: indexPath) }
    }

    public func search(_ request: SearchRequest) throws(BulletinError) -> SearchResponse {
        guard request.limit >= 0, request.offset >= 0 else { throw .usage("--limit and --offset must not be negative") }
        do {
            return try withReopenOnModification { () throws -> SearchResponse in try run(request) }
        } catch let error as XapianError {
            if error.kind == .queryParser {
                throw .querySyntax("\(error.message.oneLine) in «\(request.query.oneLine)»; check AND/OR/NOT have words on both sides")
            }
            throw BulletinError.from(error, indexPath: indexPath)
        } catch let error as BulletinError {
            throw error
        } catch {
            throw .runtime("\(error)")
        }
    }

    private func run(_ request: SearchRequest) throws -> SearchResponse {
        let query = try parseQuery(request.query)
        let compoundStems = Set(try QueryRewriter.compounds(in: request.query).map { try pipeline.stem($0) })
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        switch request.sort {
        case .relevance: try enquire.setSort(.relevance)
        case .date: try enquire.setSort(.value(slot: IndexSchema.dateSlot, descending: false))
        case .newest: try enquire.setSort(.value(slot: IndexSchema.dateSlot, descending: true))
        }
        let mset = try enquire.mset(first: request.offset, count: request.limit)
        var hits: [SearchHit] = []
        hits.reserveCapacity(mset.count)
        for item in mset {
            let stored = try decoder.decode(StoredDocument.self, from: Data(try item.document.data().utf8))
            var raw = try mset.snippet(of: stored.text, length: 320, stemmer: pipeline.stemmer,
                                       highlightStart: Self.highlightStart, highlightEnd: Self.highlightEnd)
            if !compoundStems.isEmpty, !raw.contains(Self.highlightStart),
               let window = try Snippet.window(in: stored.text, compoundStems: compoundStems, stem: pipeline.stem) {
                raw = window
            }
            hits.append(SearchHit(
                id: stored.id, rank: item.rank + 1, score: (item.weight * 1000).rounded() / 1000,
                path: stored.path, url: stored.url, date: stored.date, dateSource: stored.dateSource,
                title: stored.title, source: stored.source, countries: stored.countries, venue: stored.venue,
                types: stored.types, persons: stored.persons, weapons: stored.weapons,
                snippet: try Snippet.clean(raw, compoundStems: compoundStems, stem: pipeline.stem)))
        }
        return SearchResponse(query: request.query, total: mset.matchesEstimated, offset: request.offset,
                              limit: request.limit, hits: hits)
    }

    /// The Xapian query for an analyst's query string.
    func parseQuery(_ text: String) throws -> Query {
        let rewritten = QueryRewriter.rewrite(text)
        if rewritten.trimmingCharacters(in: .whitespaces).isEmpty { throw BulletinError.usage("empty query: give words to search for") }
        let flags: QueryParser.Flags = [.boolean, .phrase, .loveHate, .wildcard, .pureNot]
        return try parser.parse(rewritten, flags: flags)
    }

    /// Readers see the last commit; when a writer moves on underneath, reopen and retry.
    func withReopenOnModification<R>(_ body: () throws -> R) throws -> R {
        var attempts = 0
        while true {
            do { return try body() } catch let error as XapianError where error.kind == .databaseModified && attempts < 3 {
                attempts += 1
                try database.reopen()
            }
        }
    }
}

/// Turns Xapian's snippet output into plain text with `**` highlights.
enum Snippet {
    /// About 30 words of `text` around the first hyphenated word matching `compoundStems`:
    /// Xapian picks snippets by the terms it can see, and a joined compound is not one of them.
    static func window(in text: String, compoundStems: Set<String>, stem: (String) throws -> String) throws -> String? {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        for (i, word) in words.enumerated() where word.contains("-") {
            let core = word.trimmingCharacters(in: .punctuationCharacters.subtracting(CharacterSet(charactersIn: "-")))
            guard let joined = Compounds.joined(core), compoundStems.contains(try stem(joined)) else { continue }
            let lower = max(0, i - 10), upper = min(words.count, i + 22)
            return (lower > 0 ? "…" : "") + words[lower..<upper].joined(separator: " ") + (upper < words.count ? "…" : "")
        }
        return nil
    }

    /// `compoundStems`: stems of the joined hyphenated words of the query (`военнотехническ`);
    /// Xapian cannot highlight those (it sees only the parts), so they are marked here.
    static func clean(_ raw: String, compoundStems: Set<String>, stem: (String) throws -> String) throws -> String {
        var text = raw
        // MSet::snippet escapes text for HTML; undo it (ampersand last).
        for (entity, plain) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: plain)
        }
        text = text.replacingOccurrences(of: "\n", with: " ")
        text = text.replacingOccurrences(of: Searcher.highlightEnd + " " + Searcher.highlightStart, with: " ")
        text = text.replacingOccurrences(of: Searcher.highlightStart, with: "**")
        text = text.replacingOccurrences(of: Searcher.highlightEnd, with: "**")
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if !compoundStems.isEmpty {
            for (i, word) in words.enumerated() where word.contains("-") && !word.hasPrefix("**") {
                let core = word.trimmingCharacters(in: .punctuationCharacters.subtracting(CharacterSet(charactersIn: "-")))
                guard let joined = Compounds.joined(core), compoundStems.contains(try stem(joined)),
                      let range = word.range(of: core) else { continue }
                words[i] = word.replacingCharacters(in: range, with: "**\(core)**")
            }
        }
        return words.joined(separator: " ")
    }
}
