import Foundation
internal import Xapian

/// Finds the near-duplicate key of a bulletin at index time: the same story reported by
/// several agencies or reposted (lightly reworded, another dateline, a date within ±3 days)
/// gets the key of the copy already in the index; a story with no copy has no key (an empty
/// value: Xapian never collapses it and skips it at once, so collapsing every match of a
/// date-sorted list costs only for the stories that have copies). When the first copy of a
/// story arrives, the story gets its key (`ownKey` of its id) too, in the same batch.
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
    /// Term hash → (term frequency, document count when looked up); never a frequency of 0.
    private var frequencies: [UInt64: (frequency: Int, atCount: Int)] = [:]

    /// The detector must see every document written to `database` while it lives (call
    /// `key(for:)` before each write): it remembers what it has read of the index.
    init(database: WritableDatabase, pipeline: TextPipeline, indexPath: String = "") throws {
        self.database = database
        self.pipeline = pipeline
        self.indexPath = indexPath
    }

    /// What the search for copies of a document needs from its text alone: its fingerprint
    /// and the terms of its lead words. Computed on any thread (with a pipeline of its own).
    struct Lead: @unchecked Sendable {
        // @unchecked: plain values (Strings, Sets of hashes).
        var fingerprint: Fingerprint
        /// The indexed term (stem with `Z`, or the word when digits-first) of each distinct
        /// lead word of 3+ letters that is not a stopword, in text order, with its hash;
        /// two forms of one stem count once.
        var terms: [(term: String, hash: UInt64)]
    }

    /// The lead of `stored`'s text (see `Lead`).
    static func lead(for stored: StoredDocument, pipeline: TextPipeline) throws -> Lead {
        let fingerprint = Fingerprint(text: stored.text, leadWords: leadWords)
        // Sets of hashes: Swift's String hashing normalises Unicode, which costs more.
        var seen = Set<UInt64>()
        var terms: [(term: String, hash: UInt64)] = []
        for word in fingerprint.words.prefix(leadWords) where word.unicodeScalars.count >= 3 {
            let wordHash = FNV1a.hash(word.utf8)
            guard seen.insert(wordHash).inserted, !pipeline.stopper.contains(word) else { continue }
            // TermGenerator gives digits-first words no stem term; the word itself is indexed.
            let term = try pipeline.stemTerm(word) ?? word
            guard term.utf8.count <= Document.maxTermBytes else { continue }
            let termHash = FNV1a.hash(term.utf8)
            if termHash != wordHash { guard seen.insert(termHash).inserted else { continue } }
            terms.append((term, termHash))
        }
        return Lead(fingerprint: fingerprint, terms: terms)
    }

    /// The near-duplicate key for `stored`: an existing copy's key (given to the copy as well
    /// when it had none), else none (""); an updated document that had a key keeps its own,
    /// which its copies may hold. `lead` is `Self.lead(for: stored)` when a worker computed it.
    func key(for stored: StoredDocument, lead: Lead? = nil) throws -> String {
        let old = try database.documentID(withTerm: DocumentBuilder.uniqueTerm(of: stored))
        if let match = try bestMatch(for: stored, lead: lead, old: old) {
            if let documentID = match.keyless { try lend(match.key, to: documentID, id: match.id) }
            return match.key
        }
        if let old, !(try database.document(old).value(slot: IndexSchema.duplicateKeySlot)).isEmpty {
            return Self.ownKey(for: stored.id)
        }
        return ""
    }

    /// Writes `key` into the (uncommitted or committed) document `documentID`, which had none:
    /// the original of a story whose first copy is being written. Committed with that copy.
    private func lend(_ key: String, to documentID: UInt32, id: String) throws {
        let document = try database.document(documentID)
        try document.setValue(key, slot: IndexSchema.duplicateKeySlot)
        for term in [DocumentBuilder.uniqueTerm(for: id), DocumentBuilder.uniqueTerm(forFeedRecord: id)]
        where try database.documentID(withTerm: term) == documentID {
            _ = try database.replace(uniqueTerm: term, with: document)
            candidateCache[documentID]?.key = key
            return
        }
        throw BulletinError.indexCorrupt(path: indexPath, detail: "document \(documentID) («\(id.oneLine)») is not found by its unique id")
    }

    /// Remembers a document just written as `documentID` with `key`: a later copy finds it
    /// as a candidate without reading and fingerprinting its stored text again.
    func written(_ stored: StoredDocument, documentID: UInt32, key: String, lead: Lead) {
        if candidateCache.count >= Self.cachedCandidates { candidateCache.removeAll(keepingCapacity: true) }
        candidateCache[documentID] = (stored.id, key, lead.fingerprint)
    }

    /// The key of a document that copies nothing: its unique id, hashed (16 hex digits).
    static func ownKey(for id: String) -> String {
        FNV1a.hex(id.utf8)
    }

    /// The most similar indexed copy of `stored` at or above `threshold`, with its key (its
    /// `ownKey` when it has none yet: `keyless` is then its document id).
    /// `stored` is about to be written (its old version, if any, is forgotten).
    func bestMatch(for stored: StoredDocument, threshold: Double = threshold, lead: Lead? = nil) throws -> (id: String, key: String, similarity: Double, keyless: UInt32?)? {
        try bestMatch(for: stored, threshold: threshold, lead: lead, old: try database.documentID(withTerm: DocumentBuilder.uniqueTerm(of: stored)))
    }

    /// `bestMatch`, with `old` the document `stored` replaces (looked up by the caller).
    private func bestMatch(for stored: StoredDocument, threshold: Double = threshold, lead: Lead?, old: UInt32?) throws -> (id: String, key: String, similarity: Double, keyless: UInt32?)? {
        let uniqueTerm = DocumentBuilder.uniqueTerm(of: stored)
        if let old { candidateCache[old] = nil }
        let lead = try lead ?? Self.lead(for: stored, pipeline: pipeline)
        let fingerprint = lead.fingerprint
        guard !fingerprint.shingles.isEmpty,
              let query = try candidateQuery(lead.terms, date: stored.date, uniqueTerm: uniqueTerm) else { return nil }
        let enquire = try Enquire(database: database)
        try enquire.setQuery(query)
        var best: (id: String, key: String, similarity: Double, keyless: UInt32?)?
        for item in try enquire.mset(first: 0, count: Self.candidates) {
            let candidate = try cachedCandidate(item)
            var similarity = fingerprint.similarity(to: candidate.fingerprint)
            // A retelling in other words counts as just reaching the threshold.
            if similarity < threshold && fingerprint.retells(candidate.fingerprint) { similarity = threshold }
            guard similarity >= threshold, similarity > (best?.similarity ?? -1) else { continue }
            best = candidate.key.isEmpty ? (candidate.id, Self.ownKey(for: candidate.id), similarity, item.documentID)
                : (candidate.id, candidate.key, similarity, nil)
        }
        return best
    }

    private func cachedCandidate(_ item: MSet.Item) throws -> (id: String, key: String, fingerprint: Fingerprint) {
        if let known = candidateCache[item.documentID] { return known }
        let stored = try StoredDocument.decode(StoredDocument.TextOnly.self, from: try item.document, documentID: item.documentID, indexPath: indexPath)
        let key = try item.document.value(slot: IndexSchema.duplicateKeySlot)
        let candidate = (id: stored.id, key: key, fingerprint: Fingerprint(text: stored.text))
        if candidateCache.count >= Self.cachedCandidates { candidateCache.removeAll(keepingCapacity: true) }
        candidateCache[item.documentID] = candidate
        return candidate
    }

    // MARK: - Candidates

    /// OR of the rarest indexed stems of the lead words, within the date window, not itself.
    private func candidateQuery(_ terms: [(term: String, hash: UInt64)], date: String?, uniqueTerm: String) throws -> Query? {
        let documents = try database.documentCount()
        var scored: [(term: String, frequency: Int)] = []
        for (term, termHash) in terms {
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
