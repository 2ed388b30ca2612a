import Foundation
internal import Xapian

/// Turns a `StoredDocument` into a Xapian document following `IndexSchema`.
final class DocumentBuilder {
    private let pipeline: TextPipeline
    private let termGenerator: TermGenerator
    private let encoder: JSONEncoder

    private let database: WritableDatabase
    private let duplicates: DuplicateDetector
    /// The last indexing sequence number handed out (`IndexSchema.sequenceKey`); year
    /// shards share one counter across their builders (`YearShards`).
    var sequence: Int
    /// This run's start, UTC `YYYYMMDDHHMMSS`: every document it writes is stamped with it.
    private let indexedAt: String

    /// Builds documents for `database` (its spelling and synonym tables are fed too), which
    /// errors name as `indexPath`.
    init(pipeline: TextPipeline, database: WritableDatabase, indexPath: String = "") throws {
        self.pipeline = pipeline
        self.database = database
        duplicates = try DuplicateDetector(database: database, pipeline: pipeline, indexPath: indexPath)
        termGenerator = try pipeline.makeTermGenerator()
        // Every indexed word also feeds the spelling table ("did you mean").
        try termGenerator.setDatabase(database)
        try termGenerator.setFlags(.spelling)
        encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
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

    static func rootTerm(for root: String) -> String {
        boundedTerm(prefix: IndexSchema.rootPrefix, root)
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
        let duplicateKey = try duplicates.key(for: stored)
        let doc = try Document()
        try doc.setData(String(decoding: try encoder.encode(stored), as: UTF8.self))
        try doc.addBooleanTerm(Self.uniqueTerm(of: stored))
        if let root = stored.root { try doc.addBooleanTerm(Self.rootTerm(for: root)) }

        try termGenerator.setDocument(doc)
        try termGenerator.indexText(stored.title, prefix: IndexSchema.titlePrefix, positions: false)
        let text = stored.indexText ?? stored.text
        try termGenerator.indexText(text)
        try termGenerator.increaseTermPosition()
        // Whole hyphenated tokens (`су30мки`, and its stem) beside TermGenerator's parts.
        for joined in Set(Compounds.joinedTokens(in: text)) {
            try doc.addTerm(joined)
            if let stemTerm = try pipeline.stemTerm(joined) { try doc.addTerm(stemTerm) }
        }

        // Lexicon concepts in any of their forms (`ПВО`, `противовоздушной обороны`).
        for (id, count) in try pipeline.lexicon().conceptCounts(in: stored.title + "\n" + text) {
            try doc.addTerm(Self.boundedTerm(prefix: IndexSchema.lexiconPrefix, id), wdfIncrement: min(count, 10))
        }

        func facet(_ term: String) throws {
            try doc.addBooleanTerm(Self.boundedTerm(prefix: "", term))
        }
        if let date = stored.date, date.count == 10 {
            let compact = date.replacingOccurrences(of: "-", with: "")
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
        if let primary = stored.types.first { try doc.setValue(primary, slot: IndexSchema.primaryTypeSlot) }
        if let source = stored.source { try facet(IndexSchema.sourcePrefix + source) }
        for person in stored.persons { try facet(IndexSchema.personPrefix + person) }
        for weapon in stored.weapons { try facet(IndexSchema.weaponPrefix + weapon) }
        for pair in Self.pairs(of: stored.countries) { try facet(IndexSchema.pairPrefix + pair) }
        for organisation in stored.organisations {
            try doc.addTerm(Self.boundedTerm(prefix: IndexSchema.organisationPrefix, organisation))
        }
        // Facet values for counting, spread over each facet's slots (IndexSchema.facets).
        for facet in IndexSchema.facets {
            for (slot, value) in facet.slotValues(facet.values(stored)) { try doc.setValue(value, slot: slot) }
        }
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
}
