import Foundation
internal import Xapian

/// The part of a Xapian document that does not depend on the index: stored data, boolean
/// ids, text terms with positions, joined compounds, lexicon concepts, facet terms and
/// values. Built by a `DocumentPreparer` on any thread; `DocumentBuilder.finish` adds what
/// needs the database on the writer's thread.
struct PreparedDocument: @unchecked Sendable {
    // @unchecked: a Document is handed from the thread that built it to the writer's thread
    // and from then on used by that thread only (Xapian objects are never used by two threads
    // at once).
    let document: Document
    /// The words TermGenerator's `.spelling` flag would have added to the spelling table
    /// with their number of occurrences: every unprefixed term `index_text` wrote for the
    /// body, once per occurrence (Xapian 1.4 termgenerator_internal.cc: `add_spelling(term)`
    /// for each word of at most 64 bytes that is not dropped by STOP_ALL, when the prefix
    /// is empty), i.e. the body's unprefixed terms with their wdf.
    let spellings: SpellingBatch
    /// What the near-duplicate search needs from the text alone.
    let lead: DuplicateDetector.Lead
    /// The dictionary the stored data is deflated with, which must be in the index with it.
    let dictionary: StoredDictionary?
}

/// Builds `PreparedDocument`s. One per thread: it owns a TermGenerator and a text pipeline.
final class DocumentPreparer {
    let pipeline: TextPipeline
    private let termGenerator: TermGenerator
    /// How stored data is deflated (the run's shared sampler and dictionary); nil: plain.
    var compression: StoredCompression?

    init(pipeline: TextPipeline) throws {
        self.pipeline = pipeline
        termGenerator = try pipeline.makeTermGenerator()
    }

    /// Everything of `stored`'s document that does not read the index. `position`: the
    /// document's place in the run (`StoredCompression`); nil: after every other.
    func prepare(_ stored: StoredDocument, position: Int? = nil) throws -> PreparedDocument {
        let doc = try Document()
        // The date and facet values, set below; the stored data leaves out what they hold.
        var slotValues: [UInt32: String] = [:]
        let compactDate = stored.date.flatMap { $0.count == 10 ? $0.replacingOccurrences(of: "-", with: "") : nil }
        if let compactDate { slotValues[IndexSchema.dateSlot] = compactDate }
        for (slot, value) in IndexSchema.facetSlotValues(stored) { slotValues[slot] = value }
        let plain = StoredData.encode(stored, slotValues: slotValues)
        let (data, dictionary) = compression?.store(plain, position: position) ?? (plain, nil)
        try doc.setData(bytes: data)
        try termGenerator.setDocument(doc)
        try termGenerator.indexText(stored.title, prefix: IndexSchema.titlePrefix, positions: false)
        let text = stored.indexText ?? stored.text
        try termGenerator.indexText(text)
        try termGenerator.increaseTermPosition()
        // Read before anything else adds unprefixed terms: the title's terms are prefixed
        // (`S`), stems start with `Z`, so the unprefixed terms are exactly the body's words.
        let spellings = try SpellingBatch()
        try spellings.addUnprefixedTerms(of: doc)
        try doc.addBooleanTerm(DocumentBuilder.uniqueTerm(of: stored))
        // Whole hyphenated tokens (`су30мки`, and its stem) beside TermGenerator's parts.
        for joined in Set(Compounds.joinedTokens(in: text)) {
            try doc.addTerm(joined)
            if let stemTerm = try pipeline.stemTerm(joined) { try doc.addTerm(stemTerm) }
        }

        // Lexicon concepts in any of their forms (`ПВО`, `противовоздушной обороны`).
        for (id, count) in try pipeline.lexicon().conceptCounts(in: stored.title + "\n" + text) {
            try doc.addTerm(DocumentBuilder.boundedTerm(prefix: IndexSchema.lexiconPrefix, id), wdfIncrement: min(count, 10))
        }

        func facet(_ term: String) throws {
            try doc.addBooleanTerm(DocumentBuilder.boundedTerm(prefix: "", term))
        }
        if let compact = compactDate {
            try doc.setValue(compact, slot: IndexSchema.dateSlot)
            try doc.addBooleanTerm(IndexSchema.dayPrefix + compact)
            try doc.addBooleanTerm(IndexSchema.monthPrefix + compact.prefix(6))
            try facet(IndexSchema.yearPrefix + compact.prefix(4))
        }
        for code in stored.countries {
            // Weighted by mentions: a country query word meets this term through the synonym
            // table, so documents about the country outrank passing mentions.
            let term = IndexSchema.countryPrefix + code
            try doc.addTerm(term, wdfIncrement: min(max(stored.countryMentionCounts[code] ?? 1, 1), 10))
        }
        if let venue = stored.venue { try facet(IndexSchema.venuePrefix + venue) }
        for (i, type) in stored.types.enumerated() {
            // Weighted (primary 2, others 1): type words in a query meet it through synonyms.
            let term = IndexSchema.typePrefix + type
            try doc.addTerm(term, wdfIncrement: i == 0 ? 2 : 1)
        }
        if let source = stored.source { try facet(IndexSchema.sourcePrefix + source) }
        for person in stored.persons { try facet(IndexSchema.personPrefix + person) }
        for weapon in stored.weapons { try facet(IndexSchema.weaponPrefix + weapon) }
        for pair in DocumentBuilder.pairs(of: stored.countries) { try facet(IndexSchema.pairPrefix + pair) }
        for organisation in stored.organisations {
            try doc.addTerm(DocumentBuilder.boundedTerm(prefix: IndexSchema.organisationPrefix, organisation))
        }
        // Facet values for counting, tagged and packed per slot (IndexSchema.facets).
        for slot in IndexSchema.facetSlots { if let value = slotValues[slot] { try doc.setValue(value, slot: slot) } }
        return PreparedDocument(document: doc, spellings: spellings, lead: try DuplicateDetector.lead(for: stored, pipeline: pipeline),
                                dictionary: dictionary)
    }
}

/// Turns a `StoredDocument` into a Xapian document following `IndexSchema`, for one
/// writable database: a `DocumentPreparer`'s document plus what reads or writes the index
/// (near-duplicate key, spelling table, sequence number). Used by the writer's thread only.
final class DocumentBuilder {
    private let pipeline: TextPipeline
    /// Prepares documents on the writer's own thread (feeds, year shards, `--jobs 1`).
    let preparer: DocumentPreparer

    private let database: WritableDatabase
    /// The near-duplicate search of this database (read by the tests' evaluation).
    let duplicates: DuplicateDetector
    /// The last indexing sequence number handed out (`IndexSchema.sequenceKey`); year
    /// shards share one counter across their builders (`YearShards`).
    var sequence: Int
    /// This run's start, UTC `YYYYMMDDHHMMSS`: every document it writes is stamped with it.
    private let indexedAt: String
    /// The document `finish` made last, until `written` is told its id.
    private var finished: (stored: StoredDocument, key: String, lead: DuplicateDetector.Lead)?
    /// The spelling additions of the documents finished since the last commit
    /// (`prepareCommit` adds them to the database).
    private let spellings: SpellingBatch
    /// How stored data is deflated (`DocumentPreparer.compression`).
    var compression: StoredCompression? {
        get { preparer.compression }
        set { preparer.compression = newValue }
    }
    /// The index's first database, when it is not `database` (a year shard's builder): the
    /// one a stub reads metadata from, so dictionaries go there too.
    var firstDatabase: WritableDatabase?
    /// Whether a document was finished since the last commit (`committed`).
    private(set) var pending = false
    /// Dictionaries known to be in `database` (and `firstDatabase`).
    private var recordedDictionaries: Set<UInt32> = []

    /// Builds documents for `database` (its spelling and synonym tables are fed too), which
    /// errors name as `indexPath`.
    init(pipeline: TextPipeline, database: WritableDatabase, indexPath: String = "") throws {
        self.pipeline = pipeline
        self.database = database
        duplicates = try DuplicateDetector(database: database, pipeline: pipeline, indexPath: indexPath)
        preparer = try DocumentPreparer(pipeline: pipeline)
        spellings = try SpellingBatch()
        sequence = Int(try database.metadata(IndexSchema.sequenceKey)) ?? 0
        indexedAt = Self.timestamp(Date())
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: date)
    }

    /// Partner countries a pair facet is built from: the first few, most relevant first (a
    /// bulletin naming a dozen countries in passing is about none of their pairs).
    static let pairCountries = 6

    /// Unordered pairs of the first `pairCountries` countries, codes in byte order joined
    /// by `-` (`BY-CN`), each once.
    static func pairs(of countries: [String]) -> [String] {
        var seen: [String] = []
        for code in countries.prefix(pairCountries) where !seen.contains(code) { seen.append(code) }
        var out: [String] = []
        for i in seen.indices {
            for j in seen.indices where j > i {
                out.append(min(seen[i], seen[j]) + "-" + max(seen[i], seen[j]))
            }
        }
        return out
    }

    /// The unique-id term for a file's `id` (hashed when the id is too long for a Xapian term).
    static func uniqueTerm(for id: String) -> String {
        boundedTerm(prefix: IndexSchema.uniqueIDPrefix, id)
    }

    /// The unique-id term for a feed record's `id`: its own namespace, so that a record can
    /// never replace a file's document (no relative path starts with `/`).
    static func uniqueTerm(forFeedRecord id: String) -> String {
        boundedTerm(prefix: IndexSchema.uniqueIDPrefix, IndexSchema.feedIDMarker + id)
    }

    /// The unique-id term of a stored document (feed records have no path).
    static func uniqueTerm(of stored: StoredDocument) -> String {
        stored.path == nil ? uniqueTerm(forFeedRecord: stored.id) : uniqueTerm(for: stored.id)
    }

    /// `prefix + value`, or `prefix + "#" + hash` when that would exceed Xapian's term limit.
    static func boundedTerm(prefix: String, _ value: String) -> String {
        let term = prefix + value
        if term.utf8.count <= Document.maxTermBytes { return term }
        return prefix + "#" + String(FNV1a.hash(value.utf8), radix: 16)
    }

    /// Writes what belongs to the whole index rather than one document (call once per run,
    /// before the final commit).
    func writeIndexWideData() throws {
        try SynonymWriter(database: database, pipeline: pipeline).write()
    }

    /// The Xapian document for `stored`; `signature` is the file's `size:mtime:hash`.
    func build(_ stored: StoredDocument, signature: String) throws -> Document {
        try finish(try preparer.prepare(stored), for: stored, signature: signature)
    }

    /// Completes a prepared document of `stored` for this database, in the order documents
    /// are written: its near-duplicate key (read from the index, which must already hold the
    /// documents written before it), its words for the spelling table ("did you mean"; added
    /// by `prepareCommit`), its signature, sequence number and indexing time.
    func finish(_ prepared: PreparedDocument, for stored: StoredDocument, signature: String) throws -> Document {
        let duplicateKey = try duplicates.key(for: stored, lead: prepared.lead)
        finished = (stored, duplicateKey, prepared.lead)
        let doc = prepared.document
        pending = true
        if let dictionary = prepared.dictionary, !recordedDictionaries.contains(dictionary.id) {
            // In the commit of the first document that needs it.
            try StoredCompression.record(dictionary, in: database)
            if let firstDatabase { try StoredCompression.record(dictionary, in: firstDatabase) }
            recordedDictionaries.insert(dictionary.id)
        }
        try spellings.merge(prepared.spellings)
        try doc.setValue(signature, slot: IndexSchema.signatureSlot)
        try doc.setValue(duplicateKey, slot: IndexSchema.duplicateKeySlot)
        // Every version written takes the next sequence number (an updated file is new to a
        // saved search); the counter is committed with the document.
        sequence += 1
        try doc.setValue(IndexSchema.encodeSequence(sequence), slot: IndexSchema.sequenceSlot)
        try doc.setValue(indexedAt, slot: IndexSchema.indexedAtSlot)
        try database.setMetadata(IndexSchema.sequenceKey, String(sequence))
        return doc
    }

    /// Adds what the builder gathered for the database as a whole (the spelling table's words
    /// of the documents finished so far) and the frequency table of the commit to come
    /// (`IndexSchema.frequencyTableKey`). Call just before every commit, and before a close
    /// when documents are `pending` (a close commits them), so that they, their words and the
    /// table are committed together.
    func prepareCommit() throws {
        if spellings.count > 0 { try database.addSpellings(spellings) }
        // Last: it records the frequencies the commit will have.
        try database.writeTermFrequencyTable(key: IndexSchema.frequencyTableKey, maxTerms: IndexSchema.frequencyTableTerms,
                                             minimumDocuments: IndexSchema.frequencyTableFrom)
    }

    /// Frees the near-duplicate search's caches and reader (a year shard no longer written).
    func releaseCaches() {
        duplicates.releaseCaches()
    }

    /// Tells the builder that the database has committed (the near-duplicate search then
    /// reads that commit instead of the batch it kept in memory). Call after every commit.
    func committed() throws {
        pending = false
        try duplicates.committed()
    }

    /// Tells the builder that the document it finished last was stored as `documentID`
    /// (a later copy of it then finds it without reading it back).
    func written(documentID: UInt32) {
        guard let finished else { return }
        duplicates.written(finished.stored, documentID: documentID, key: finished.key, lead: finished.lead)
        self.finished = nil
    }
}
