import Foundation
import Xapian

/// Finds the near-duplicate key of a bulletin at index time: the same story reported by
/// several agencies or reposted (lightly reworded, another dateline, a date within ±3 days)
/// gets the key of the copy already in the index; any other story gets a key of its own.
///
/// How: the document's rarest words (by the index's term frequencies) among its first
/// `leadWords` words form an OR query, filtered to the ±`dayWindow` publication days (`D`
/// terms) and excluding the document's own unique id. The best few candidates are verified on
/// their stored text (`Fingerprint.similarity`: shared word triples, plus agreement of names
/// and numbers so that another meeting written from the same phrases does not pass); one at or
/// above `threshold` lends its key (value slot `IndexSchema.duplicateKeySlot`). A
/// WritableDatabase sees its own uncommitted documents, so copies within one run find each other.
final class DuplicateDetector {
    // MARK: Tuning (measured on generated corpora, see docs/similar-and-duplicates.md)

    /// Words at the start of the text whose rarest stems make the candidate query.
    static let leadWords = 80
    /// Terms in the candidate query.
    static let queryTerms = 12
    /// Candidates verified per document.
    static let candidates = 4
    /// Publication dates at most this many days apart can be copies.
    static let dayWindow = 3
    /// `Fingerprint.similarity` from which two texts tell the same story.
    static let threshold = 1.0

    /// Compared candidates remembered (by Xapian document id), so a story met again as a
    /// candidate of the next bulletins is not read and scanned again.
    static let cachedCandidates = 2048
    /// Term frequencies are reused until the index has grown by this share.
    static let frequencyRefresh = 0.1

    private let database: WritableDatabase
    private let pipeline: TextPipeline
    /// Named in errors about the index's stored data.
    private let indexPath: String
    /// Document id → (unique id, duplicate key, fingerprint) of documents seen as candidates.
    private var candidateCache: [UInt32: (id: String, key: String, fingerprint: Fingerprint)] = [:]
    /// Word hash → its term (stem with `Z`, or the word when digits-first) and the term's hash.
    private var terms: [UInt64: (term: String, hash: UInt64)] = [:]
    /// Term hash → (term frequency, document count when looked up); never a frequency of 0.
    private var frequencies: [UInt64: (frequency: Int, atCount: Int)] = [:]

    /// The detector must see every document written to `database` while it lives (call
    /// `key(for:)` before each write): it remembers what it has read of the index.
    init(database: WritableDatabase, pipeline: TextPipeline, indexPath: String = "") throws {
        self.database = database
        self.pipeline = pipeline
        self.indexPath = indexPath
    }

    /// The near-duplicate key for `stored`: an existing copy's key, else one of its own.
    func key(for stored: StoredDocument) throws -> String {
        if let match = try bestMatch(for: stored) { return match.key }
        return Self.ownKey(for: stored.id)
    }

    /// The key of a document that copies nothing: its unique id, hashed (16 hex digits).
    static func ownKey(for id: String) -> String {
        FNV1a.hex(id.utf8)
    }

    /// The most similar indexed copy of `stored` at or above `threshold`, with its key.
    /// `stored` is about to be written (its old version, if any, is forgotten).
    func bestMatch(for stored: StoredDocument, threshold: Double = threshold) throws -> (id: String, key: String, similarity: Double)? {
        let uniqueTerm = DocumentBuilder.uniqueTerm(of: stored)
        if let old = try database.documentID(withTerm: uniqueTerm) { candidateCache[old] = nil }
        let fingerprint = Fingerprint(text: stored.text, leadWords: Self.leadWords)
        guard !fingerprint.shingles.isEmpty,
              let query = try candidateQuery(fingerprint.words, date: stored.date, uniqueTerm: uniqueTerm) else { return nil }
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        var best: (id: String, key: String, similarity: Double)?
        for item in try enquire.mset(first: 0, count: Self.candidates) {
            let candidate = try cachedCandidate(item)
            let similarity = fingerprint.similarity(to: candidate.fingerprint)
            guard similarity >= threshold, similarity > (best?.similarity ?? -1) else { continue }
            best = (candidate.id, candidate.key, similarity)
        }
        return best
    }

    private func cachedCandidate(_ item: MSet.Item) throws -> (id: String, key: String, fingerprint: Fingerprint) {
        if let known = candidateCache[item.documentID] { return known }
        let stored = try StoredDocument.decode(StoredDocument.TextOnly.self, from: try item.document, documentID: item.documentID, indexPath: indexPath)
        var key = try item.document.value(slot: IndexSchema.duplicateKeySlot)
        if key.isEmpty { key = Self.ownKey(for: stored.id) }
        let candidate = (id: stored.id, key: key, fingerprint: Fingerprint(text: stored.text))
        if candidateCache.count >= Self.cachedCandidates { candidateCache.removeAll(keepingCapacity: true) }
        candidateCache[item.documentID] = candidate
        return candidate
    }

    // MARK: - Candidates

    /// OR of the rarest indexed stems of the lead words, within the date window, not itself.
    private func candidateQuery(_ words: [String], date: String?, uniqueTerm: String) throws -> Query? {
        let documents = try database.documentCount()
        // Sets and maps of hashes: Swift's String hashing normalises Unicode, which costs more.
        var seen = Set<UInt64>()
        var scored: [(term: String, frequency: Int)] = []
        for word in words.prefix(Self.leadWords) where word.unicodeScalars.count >= 3 {
            let wordHash = FNV1a.hash(word.utf8)
            guard seen.insert(wordHash).inserted else { continue }
            let term: String, termHash: UInt64
            if let known = terms[wordHash] {
                (term, termHash) = known
            } else {
                guard !pipeline.stopper.contains(word) else { continue }
                // TermGenerator gives digits-first words no stem term; the word itself is indexed.
                term = try pipeline.stemTerm(word) ?? word
                guard term.utf8.count <= Document.maxTermBytes else { continue }
                termHash = FNV1a.hash(term.utf8)
                if terms.count >= 200_000 { terms.removeAll(keepingCapacity: true) }
                terms[wordHash] = (term, termHash)
            }
            // Two forms of one stem count once.
            if termHash != wordHash { guard seen.insert(termHash).inserted else { continue } }
            let frequency: Int
            if let known = frequencies[termHash], Double(documents) <= Double(known.atCount) * (1 + Self.frequencyRefresh) + 10 {
                frequency = known.frequency
            } else {
                frequency = try database.termFrequency(term)
                // A word new to the index stays uncached: its copy may be next.
                if frequency > 0 {
                    if frequencies.count >= 200_000 { frequencies.removeAll(keepingCapacity: true) }
                    frequencies[termHash] = (frequency, documents)
                }
            }
            if frequency > 0 { scored.append((term, frequency)) }
        }
        guard !scored.isEmpty else { return nil }
        scored.sort { $0.frequency != $1.frequency ? $0.frequency < $1.frequency : $0.term < $1.term }
        var query = try Query.combine(.or, try scored.prefix(Self.queryTerms).map { try Query.term($0.term) })
        if let days = Self.window(around: date) {
            let dayFilter = try Query.combine(.or, try days.map { try Query.term(IndexSchema.dayPrefix + $0) })
            query = try Query.combine(.filter, [query, dayFilter])
        }
        return try Query.combine(.andNot, [query, try Query.term(uniqueTerm)])
    }

    /// `YYYYMMDD` of the days within `dayWindow` of `date` (`YYYY-MM-DD`), or nil without a
    /// valid one. Plain civil-calendar arithmetic: Foundation's Calendar costs more than the
    /// whole search.
    static func window(around date: String?) -> [String]? {
        // SimpleDate checks the calendar (2024-02-31 is no date) and does the day arithmetic.
        guard let date, date.utf8.count == 10, let day = SimpleDate(iso: date) else { return nil }
        return (-dayWindow...dayWindow).map { day.adding(days: $0).compact }
    }
}

// MARK: - Comparing texts

extension DuplicateDetector {
    /// What two bulletin texts are compared by: their word triples, and their names and numbers.
    /// One pass over the text's scalars, hashing as it goes (≈ 20 µs for a 4 KB bulletin).
    struct Fingerprint {
        /// Words per shingle.
        static let shingleSize = 3
        /// Words kept (the start of a story tells it): 400 shingles.
        static let maxWords = 402
        /// Texts whose shingle counts differ more than this ratio never match (a digest
        /// quoting one story is not a copy of it).
        static let minSizeRatio = 0.3
        /// Weight of name and number agreement beside shingle containment (0…1).
        static let entityWeight = 0.3
        /// Letters of a name compared, so that case endings agree (`белоусов`/`белоусова`).
        static let namePrefix = 5

        /// The first `leadWords` words (letter-and-digit runs), lowercased.
        private(set) var words: [String] = []
        /// Hashes of runs of `shingleSize` consecutive words among the first `maxWords`.
        private(set) var shingles: Set<UInt64> = []
        /// Hashes of the names and numbers after the dateline: hyphen-joined tokens holding a
        /// digit (whole: `су-30мки`, `2024`), or capitalised inside a sentence (first
        /// `namePrefix` letters: `рособ`); see `hash(_:)`.
        private(set) var entities: Set<UInt64> = []

        /// - Parameter leadWords: how many words to keep as strings (for the candidate query).
        init(text: String, leadWords: Int = 0) {
            let datelineEnd = Self.datelineLength(text)
            var wordHashes: [UInt64] = []
            wordHashes.reserveCapacity(Self.maxWords)
            var word = String.UnicodeScalarView()
            var wordHash = Self.seed
            var inWord = false, pendingHyphen = false, sentenceStart = true
            // The hyphen-joined token being read.
            var fullHash = Self.seed, prefixHash = Self.seed, prefixCount = 0
            var hasDigit = false, capital = false, counts = false

            func flushToken() {
                guard counts else { return }
                if hasDigit { entities.insert(fullHash) } else if capital { entities.insert(prefixHash) }
            }
            func addToToken(_ v: UInt32) {
                fullHash = Self.mix(fullHash, v)
                if prefixCount < Self.namePrefix { prefixHash = Self.mix(prefixHash, v); prefixCount += 1 }
            }
            func endWord() {
                if wordHashes.count < Self.maxWords { wordHashes.append(wordHash) }
                if words.count < leadWords { words.append(String(word)); word = String.UnicodeScalarView() }
                sentenceStart = false
                inWord = false
            }

            var position = 0
            for scalar in text.unicodeScalars {
                defer { position += 1 }
                guard WordScalar.isWord(scalar) else {
                    if inWord { endWord(); pendingHyphen = scalar == "-" } else { pendingHyphen = false }
                    if scalar == "." || scalar == "!" || scalar == "?" { sentenceStart = true }
                    continue
                }
                if !inWord {
                    inWord = true
                    wordHash = Self.seed
                    if pendingHyphen {
                        addToToken(0x2D)  // `Су-30МКИ`: one token
                    } else {
                        flushToken()
                        fullHash = Self.seed; prefixHash = Self.seed; prefixCount = 0
                        hasDigit = false
                        capital = !sentenceStart && Self.isUppercase(scalar)
                        counts = position >= datelineEnd
                    }
                    pendingHyphen = false
                }
                if WordScalar.isDigit(scalar) { hasDigit = true }
                let lower = Self.lowercased(scalar)
                wordHash = Self.mix(wordHash, lower.value)
                addToToken(lower.value)
                if words.count < leadWords { word.append(lower) }
            }
            if inWord { endWord() }
            flushToken()

            if wordHashes.count >= Self.shingleSize {
                shingles.reserveCapacity(wordHashes.count)
                for start in 0...(wordHashes.count - Self.shingleSize) {
                    var h: UInt64 = 0
                    for offset in 0..<Self.shingleSize { h = (h &* 0x9E37_79B9_7F4A_7C15) ^ wordHashes[start + offset] }
                    shingles.insert(h)
                }
            }
        }

        /// Share of the smaller shingle set found in the larger (0 when the sizes differ too
        /// much), plus `entityWeight` × the share of the smaller entity set found in the
        /// larger (1 when one has none). Same story: ≥ `DuplicateDetector.threshold`; at most 1.3.
        func similarity(to other: Fingerprint) -> Double {
            let (small, large) = shingles.count <= other.shingles.count ? (shingles, other.shingles) : (other.shingles, shingles)
            guard !small.isEmpty, Double(small.count) >= Self.minSizeRatio * Double(large.count) else { return 0 }
            let shared = small.reduce(0) { large.contains($1) ? $0 + 1 : $0 }
            let (fewer, more) = entities.count <= other.entities.count ? (entities, other.entities) : (other.entities, entities)
            let agreement = fewer.isEmpty ? 1 : Double(fewer.reduce(0) { more.contains($1) ? $0 + 1 : $0 }) / Double(fewer.count)
            return Double(shared) / Double(small.count) + Self.entityWeight * agreement
        }

        /// The entity hash of a lowercased token (`hash("су-30мки")`, `hash("рособ")`).
        static func hash(_ token: String) -> UInt64 {
            token.unicodeScalars.reduce(seed) { mix($0, $1.value) }
        }

        // MARK: Scanning

        private static let seed = FNV1a.offsetBasis

        /// FNV-1a over whole scalar values (one step per scalar, not per byte).
        @inline(__always)
        private static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
            FNV1a.mix(hash, UInt64(value))
        }

        /// Scalars taken by a leading dateline (`ЦАМТО, 6 мая. `, `Москва, 7 мая. /ТАСС/. `):
        /// agency and city are not the story. 0 when there is none.
        static func datelineLength(_ text: String) -> Int {
            DateExtractor.parseDateline(Array(text.unicodeScalars.prefix(240)), from: 0)?.bodyStart ?? 0
        }

        @inline(__always)
        static func isUppercase(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x41...0x5A, 0x410...0x42F, 0x401: return true
            case 0...0x7F, 0x430...0x44F, 0x451: return false
            default: return s.properties.isUppercase
            }
        }

        /// Lowercase of one scalar (the first scalar of its mapping outside Latin and Cyrillic).
        @inline(__always)
        static func lowercased(_ s: Unicode.Scalar) -> Unicode.Scalar {
            switch s.value {
            case 0x41...0x5A, 0x410...0x42F: return Unicode.Scalar(s.value + 0x20)!
            case 0x401: return "ё"
            case 0...0x7F, 0x430...0x44F, 0x451: return s
            default: return s.properties.lowercaseMapping.unicodeScalars.first ?? s
            }
        }
    }
}
