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
/// above `threshold` lends its key (value slot `IndexSchema.duplicateKeySlot`).
///
/// The candidate query reads a read-only `Database` of the index (the last commit), never the
/// WritableDatabase: Xapian 1.4 flushes every buffered posting and position of the writer
/// whenever a postlist of it is opened, which made each document's search for copies cost a
/// flush (docs/indexing.md). The documents written since that commit (`recent`: told by
/// `written`, forgotten by `committed`) are searched in memory with the same terms and day
/// window, so copies within one batch still find each other.
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

    /// The index as of its last commit (nil until it can be opened), for the candidate query
    /// and unique-id look-ups, which would flush the writer if they read `database`.
    private var reader: Database?
    /// A document written since the reader's commit, with what its copies are searched by.
    private struct Recent {
        var id: String
        var key: String
        var fingerprint: Fingerprint
        var uniqueTerm: String
        /// `YYYYMMDD` of its publication date, nil when undated.
        var day: String?
        /// Hashes of its lead terms (`Lead.terms`).
        var terms: Set<UInt64>
    }
    /// Documents written since the reader's commit, by document id.
    private var recent: [UInt32: Recent] = [:]
    /// Lead-term hash → the recent documents holding it (may name a rewritten document whose
    /// new version lacks the term: checked against `Recent.terms`).
    private var recentByTerm: [UInt64: [UInt32]] = [:]
    /// Unique term → document id, of the recent documents.
    private var recentByUniqueTerm: [String: UInt32] = [:]
    /// `YYYYMMDD` → the recent documents of that day (may name a rewritten document whose
    /// new version has another date: checked against `Recent.day`).
    private var recentByDay: [String: [UInt32]] = [:]
    /// Keys lent since the reader's commit to documents written before it (the reader still
    /// shows them without).
    private var lentKeys: [UInt32: String] = [:]

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
        let old = try existingDocument(DocumentBuilder.uniqueTerm(of: stored))
        if let match = try bestMatch(for: stored, lead: lead, old: old) {
            if let documentID = match.keyless { try lend(match.key, to: documentID) }
            return match.key
        }
        if let old, !(try database.document(old).value(slot: IndexSchema.duplicateKeySlot)).isEmpty {
            return Self.ownKey(for: stored.id)
        }
        return ""
    }

    /// The id of the document `uniqueTerm` names in the writer, found without opening a
    /// postlist of the writer: among this batch's documents, else through the reader (and
    /// then confirmed in the writer, which may have deleted it since).
    private func existingDocument(_ uniqueTerm: String) throws -> UInt32? {
        var found = recentByUniqueTerm[uniqueTerm]
        if found == nil { found = try readingCommitted { try $0.documentID(withTerm: uniqueTerm) } ?? nil }
        guard let documentID = found else { return nil }
        return try exists(documentID) ? documentID : nil
    }

    /// True when the writer holds document `documentID` (Xapian never reuses a deleted id).
    private func exists(_ documentID: UInt32) throws -> Bool {
        do {
            _ = try database.document(documentID)
            return true
        } catch where error.kind == .docNotFound {
            return false
        }
    }

    /// Writes `key` into the (uncommitted or committed) document `documentID`, which had none:
    /// the original of a story whose first copy is being written. Committed with that copy.
    /// Replaced by document id: a look-up by unique term would flush the writer.
    private func lend(_ key: String, to documentID: UInt32) throws {
        let document = try database.document(documentID)
        try document.setValue(key, slot: IndexSchema.duplicateKeySlot)
        try database.replace(documentID: documentID, with: document)
        candidateCache[documentID]?.key = key
        if recent[documentID] != nil { recent[documentID]?.key = key } else { lentKeys[documentID] = key }
    }

    /// Remembers a document just written as `documentID` with `key`: a later copy finds it
    /// as a candidate without reading and fingerprinting its stored text again, and, until
    /// `committed`, without the reader (which does not hold it yet).
    func written(_ stored: StoredDocument, documentID: UInt32, key: String, lead: Lead) {
        if candidateCache.count >= Self.cachedCandidates { candidateCache.removeAll(keepingCapacity: true) }
        candidateCache[documentID] = (stored.id, key, lead.fingerprint)
        let uniqueTerm = DocumentBuilder.uniqueTerm(of: stored)
        let day = stored.date.flatMap { SimpleDate(iso: $0)?.compact }
        let terms = Set(lead.terms.map(\.hash))
        let previous = recent[documentID]
        let listed = previous?.terms ?? []
        if let day, previous?.day != day { recentByDay[day, default: []].append(documentID) }
        recent[documentID] = Recent(id: stored.id, key: key, fingerprint: lead.fingerprint, uniqueTerm: uniqueTerm, day: day, terms: terms)
        recentByUniqueTerm[uniqueTerm] = documentID
        for hash in terms where !listed.contains(hash) { recentByTerm[hash, default: []].append(documentID) }
        lentKeys[documentID] = nil
    }

    /// The writer has committed: the reader moves to that commit, which holds every document
    /// written so far, and the batch in memory is forgotten.
    func committed() throws {
        if let reader { try reader.reopen() } else { openReader() }
        // Without a reader the batch stays the only view of what was written.
        guard reader != nil else { return }
        recent.removeAll(keepingCapacity: true)
        recentByTerm.removeAll(keepingCapacity: true)
        recentByUniqueTerm.removeAll(keepingCapacity: true)
        recentByDay.removeAll(keepingCapacity: true)
        lentKeys.removeAll(keepingCapacity: true)
    }

    /// Forgets what is kept to speed up the next documents (cached candidates, term
    /// frequencies, the reader): for a year shard no longer written. Nothing read from the
    /// index is lost; it is read again if needed. Call right after `committed`.
    func releaseCaches() {
        candidateCache = [:]
        frequencies = [:]
        reader = nil
    }

    /// Runs `body` on the reader (opened on first use; nil when the index has no commit a
    /// reader can open yet), reopening it and retrying, as every reader does
    /// (`Searcher.retryingOnModification`), if a later commit of the writer has recycled the
    /// blocks of the one it reads.
    private func readingCommitted<T>(_ body: (Database) throws -> T) throws -> T? {
        if reader == nil { openReader() }
        guard let reader else { return nil }
        return try Searcher.retryingOnModification(reader) { try body(reader) }
    }

    /// Opens the reader on the writer's directory; leaves it nil while the index has no
    /// commit a reader can open.
    private func openReader() {
        reader = try? Database(path: database.path)
    }

    /// The key of a document that copies nothing: its unique id, hashed (16 hex digits).
    static func ownKey(for id: String) -> String {
        FNV1a.hex(id.utf8)
    }

    /// The most similar indexed copy of `stored` at or above `threshold`, with its key (its
    /// `ownKey` when it has none yet: `keyless` is then its document id).
    /// `stored` is about to be written (its old version, if any, is forgotten).
    func bestMatch(for stored: StoredDocument, threshold: Double = threshold, lead: Lead? = nil) throws -> (id: String, key: String, similarity: Double, keyless: UInt32?)? {
        try bestMatch(for: stored, threshold: threshold, lead: lead, old: try existingDocument(DocumentBuilder.uniqueTerm(of: stored)))
    }

    /// `bestMatch`, with `old` the document `stored` replaces (looked up by the caller).
    private func bestMatch(for stored: StoredDocument, threshold: Double = threshold, lead: Lead?, old: UInt32?) throws -> (id: String, key: String, similarity: Double, keyless: UInt32?)? {
        let uniqueTerm = DocumentBuilder.uniqueTerm(of: stored)
        if let old { candidateCache[old] = nil }
        let lead = try lead ?? Self.lead(for: stored, pipeline: pipeline)
        let fingerprint = lead.fingerprint
        guard !fingerprint.shingles.isEmpty, let terms = try queryTerms(lead.terms) else { return nil }
        let days = Self.window(around: stored.date)
        // The best few of the last commit (skipping documents rewritten since, whose new
        // version is among the recent ones), then the best few of the recent documents.
        var candidates: [(documentID: UInt32, candidate: (id: String, key: String, fingerprint: Fingerprint))] = []
        let query = try candidateQuery(terms, days: days, uniqueTerm: uniqueTerm)
        _ = try readingCommitted { reader in
            candidates = []
            let enquire = try Enquire(database: reader)
            try enquire.setQuery(query)
            for item in try enquire.mset(first: 0, count: Self.candidates) where recent[item.documentID] == nil {
                candidates.append((item.documentID, try cachedCandidate(item)))
            }
        }
        for documentID in try recentCandidates(terms, days: days, uniqueTerm: uniqueTerm) {
            let entry = recent[documentID]!
            candidates.append((documentID, (entry.id, entry.key, entry.fingerprint)))
        }
        var best: (id: String, key: String, similarity: Double, keyless: UInt32?)?
        for (documentID, candidate) in candidates {
            var similarity = fingerprint.similarity(to: candidate.fingerprint)
            // A retelling in other words counts as just reaching the threshold.
            if similarity < threshold && fingerprint.retells(candidate.fingerprint) { similarity = threshold }
            guard similarity >= threshold, similarity > (best?.similarity ?? -1) else { continue }
            // The reader's commit (or this batch) may hold a document the writer has deleted since.
            guard try exists(documentID) else { continue }
            let key = lentKeys[documentID] ?? candidate.key
            best = key.isEmpty ? (candidate.id, Self.ownKey(for: candidate.id), similarity, documentID)
                : (candidate.id, key, similarity, nil)
        }
        return best
    }

    private func cachedCandidate(_ item: MSet.Item) throws -> (id: String, key: String, fingerprint: Fingerprint) {
        if let known = candidateCache[item.documentID] { return known }
        let stored = try StoredDocument.decode(StoredDocument.TextOnly.self, from: try item.document, documentID: item.documentID, indexPath: indexPath,
                                              database: database)
        let key = try item.document.value(slot: IndexSchema.duplicateKeySlot)
        let candidate = (id: stored.id, key: key, fingerprint: Fingerprint(text: stored.text))
        if candidateCache.count >= Self.cachedCandidates { candidateCache.removeAll(keepingCapacity: true) }
        candidateCache[item.documentID] = candidate
        return candidate
    }

    /// The best `candidates` recent documents for the query `terms` within `days` (any day
    /// when nil), other than `uniqueTerm`'s: ranked by the summed rarity (log of documents
    /// over term frequency) of the query terms they hold, as the query ranks the committed
    /// ones; ties by document id.
    private func recentCandidates(_ terms: [(term: String, hash: UInt64, frequency: Int)], days: [String]?, uniqueTerm: String) throws -> [UInt32] {
        guard !recent.isEmpty else { return [] }
        let documents = Double(max(try database.documentCount(), 1))
        var scores: [UInt32: Double] = [:]
        let rarities = terms.map { log(1 + documents / Double(max($0.frequency, 1))) }
        if let days {
            // Dated: the documents of the window's days (few), scored by the terms they hold.
            for day in days {
                for documentID in recentByDay[day] ?? [] {
                    guard let entry = recent[documentID], entry.day == day, entry.uniqueTerm != uniqueTerm else { continue }
                    var score = 0.0
                    for (term, rarity) in zip(terms, rarities) where entry.terms.contains(term.hash) { score += rarity }
                    if score > 0 { scores[documentID] = score }
                }
            }
        } else {
            for (term, rarity) in zip(terms, rarities) {
                for documentID in recentByTerm[term.hash] ?? [] {
                    guard let entry = recent[documentID], entry.terms.contains(term.hash), entry.uniqueTerm != uniqueTerm else { continue }
                    scores[documentID, default: 0] += rarity
                }
            }
        }
        return scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.candidates).map(\.key)
    }

    // MARK: - Candidates

    /// The rarest `queryTerms` indexed stems of the lead words (frequencies from the writer,
    /// which counts its uncommitted documents without flushing), or nil when none is indexed.
    private func queryTerms(_ terms: [(term: String, hash: UInt64)]) throws -> [(term: String, hash: UInt64, frequency: Int)]? {
        let documents = try database.documentCount()
        var scored: [(term: String, hash: UInt64, frequency: Int)] = []
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
            if frequency > 0 { scored.append((term, termHash, frequency)) }
        }
        guard !scored.isEmpty else { return nil }
        scored.sort { $0.frequency != $1.frequency ? $0.frequency < $1.frequency : $0.term < $1.term }
        return Array(scored.prefix(Self.queryTerms))
    }

    /// OR of the query terms, within the date window (`days`, nil: any), not itself.
    private func candidateQuery(_ terms: [(term: String, hash: UInt64, frequency: Int)], days: [String]?, uniqueTerm: String) throws -> Query {
        var query = try Query.combine(.or, try terms.map { try Query.term($0.term) })
        if let days {
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
