import Foundation
import Xapian

/// Finds the near-duplicate key of a bulletin at index time: the same story reported by
/// several agencies or reposted (lightly reworded, another dateline, a date within ±3 days)
/// gets the key of the copy already in the index; any other story gets a key of its own.
///
/// How: the document's rarest words (by the index's term frequencies) among its first
/// `leadWords` words form an OR query, filtered to the ±`dayWindow` publication days (`D`
/// terms) and excluding the document's own unique id. The best few candidates are verified
/// by the overlap of word-shingle sets on their stored text; a candidate above the threshold
/// lends its key (value slot `IndexSchema.duplicateKeySlot`). A WritableDatabase sees its own
/// uncommitted documents, so copies within one indexing run find each other.
final class DuplicateDetector {
    // MARK: Tuning (measured on eval/corpus, see docs/similar-and-duplicates.md)

    /// Words at the start of the text whose rarest stems make the candidate query.
    static let leadWords = 80
    /// Terms in the candidate query.
    static let queryTerms = 12
    /// Candidates verified per document.
    static let candidates = 4
    /// Publication dates at most this many days apart can be copies.
    static let dayWindow = 3
    /// Words per shingle.
    static let shingleSize = 3
    /// Shingles compared per text (the start of the story tells it).
    static let maxShingles = 400
    /// A candidate is a copy when this share of the smaller shingle set is in the other…
    static let containmentThreshold = 0.5
    /// …and the shingle sets are not of wildly different size (a digest quoting one story).
    static let minSizeRatio = 0.3

    private let database: WritableDatabase
    private let pipeline: TextPipeline
    private let decoder = JSONDecoder()

    init(database: WritableDatabase, pipeline: TextPipeline) throws {
        self.database = database
        self.pipeline = pipeline
    }

    /// The near-duplicate key for `stored`: an existing copy's key, else one of its own.
    func key(for stored: StoredDocument) throws -> String {
        if let match = try bestMatch(for: stored) { return match.key }
        return Self.ownKey(for: stored.id)
    }

    /// The key of a document that copies nothing: its unique id, hashed.
    static func ownKey(for id: String) -> String {
        let hex = String(ContentHash.fnv1a64(Array(id.utf8)), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The most similar indexed copy of `stored` at or above `threshold`, with its key.
    func bestMatch(for stored: StoredDocument, threshold: Double = containmentThreshold) throws -> (id: String, key: String, similarity: Double)? {
        let words = Self.words(of: stored.text)
        guard words.count >= Self.shingleSize else { return nil }
        guard let query = try candidateQuery(words: words, stored: stored) else { return nil }
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        let mset = try enquire.mset(first: 0, count: Self.candidates)
        if mset.isEmpty { return nil }
        let shingles = Self.shingles(of: words)
        var best: (id: String, key: String, similarity: Double)?
        for item in mset {
            let candidate = try decoder.decode(StoredDocument.self, from: Data(try item.document.data().utf8))
            let similarity = Self.similarity(shingles, Self.shingles(of: Self.words(of: candidate.text)))
            guard similarity >= threshold, similarity > (best?.similarity ?? -1) else { continue }
            var key = try item.document.value(slot: IndexSchema.duplicateKeySlot)
            if key.isEmpty { key = Self.ownKey(for: candidate.id) }
            best = (candidate.id, key, similarity)
        }
        return best
    }

    // MARK: - Candidates

    /// OR of the rarest indexed stems of the lead words, within the date window, not itself.
    private func candidateQuery(words: [Substring], stored: StoredDocument) throws -> Query? {
        var seen = Set<String>()
        var scored: [(term: String, frequency: Int)] = []
        for word in words.prefix(Self.leadWords) where word.count >= 3 {
            let text = String(word)
            guard !seen.contains(text), !pipeline.stopper.contains(text) else { continue }
            seen.insert(text)
            // TermGenerator gives digits-first words no stem term; the word itself is indexed.
            let term = word.first!.isNumber ? text : "Z" + (try pipeline.stem(text))
            guard term.utf8.count <= Document.maxTermBytes else { continue }
            let frequency = try database.termFrequency(term)
            if frequency > 0 { scored.append((term, frequency)) }
        }
        guard !scored.isEmpty else { return nil }
        scored.sort { $0.frequency != $1.frequency ? $0.frequency < $1.frequency : $0.term < $1.term }
        var unique = Set<String>()
        let terms = scored.filter { unique.insert($0.term).inserted }.prefix(Self.queryTerms)
        var query = try Query.combine(.or, try terms.map { try Query.term($0.term) })
        if let days = Self.window(around: stored.date) {
            let dayFilter = try Query.combine(.or, try days.map { try Query.term(IndexSchema.dayPrefix + $0) })
            query = try Query.combine(.filter, [query, dayFilter])
        }
        return try Query.combine(.andNot, [query, try Query.term(DocumentBuilder.uniqueTerm(for: stored.id))])
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `YYYYMMDD` of the days within `dayWindow` of `date` (`YYYY-MM-DD`), or nil without one.
    static func window(around date: String?) -> [String]? {
        guard let date, date.count == 10 else { return nil }
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
              let day = utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
        return (-dayWindow...dayWindow).compactMap { offset in
            guard let other = utc.date(byAdding: .day, value: offset, to: day) else { return nil }
            let c = utc.dateComponents([.year, .month, .day], from: other)
            return String(format: "%04d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
    }

    // MARK: - Similarity

    /// Lowercased letter-and-digit runs of `text`.
    static func words(of text: String) -> [Substring] {
        let lower = text.lowercased()
        return lower.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// Hashes of the first `maxShingles` runs of `shingleSize` consecutive words.
    static func shingles(of words: [Substring]) -> Set<UInt64> {
        guard words.count >= shingleSize else { return [] }
        let hashes = words.prefix(maxShingles + shingleSize - 1).map { ContentHash.fnv1a64($0.utf8) }
        var result = Set<UInt64>(minimumCapacity: hashes.count)
        for start in 0...(hashes.count - shingleSize) {
            var h: UInt64 = 0
            for offset in 0..<shingleSize { h = (h &* 0x9E37_79B9_7F4A_7C15) ^ hashes[start + offset] }
            result.insert(h)
        }
        return result
    }

    /// Share of the smaller set found in the larger (containment), or 0 when the sizes differ
    /// by more than `minSizeRatio`.
    static func similarity(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        guard !small.isEmpty, Double(small.count) >= minSizeRatio * Double(large.count) else { return 0 }
        let shared = small.reduce(0) { large.contains($1) ? $0 + 1 : $0 }
        return Double(shared) / Double(small.count)
    }
}
