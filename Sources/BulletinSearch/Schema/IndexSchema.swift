internal import Xapian

/// The index schema: every term prefix, value slot and text-processing choice that the
/// indexer writes and the searcher reads. Change it only together with `version`.
///
/// Term prefixes follow Omega's conventions (Q unique id, D/M/Y dates, S title, X… custom):
///
/// | prefix | meaning | example |
/// |---|---|---|
/// | (none) | words of the text, unstemmed, with positions | `сотрудничества` |
/// | `Z` | stemmed words (Xapian's STEM_SOME) | `Zсотрудничеств` |
/// | `S` | words of the title | `Sзаседание` |
/// | `Q` | unique id of a file: its real path relative to the index's base root (`bulletin.root`) | `Q2019/2019-03-14-ctamto-0007.txt` |
/// | `Q/` | unique id of a feed record: `/` (which no relative path starts with), then the feed's id | `Q/tg-1234` |
/// | `D` / `M` / `Y` | publication date YYYYMMDD / YYYYMM / YYYY | `D20251118`, `M202511`, `Y2025` |
/// | `XC` | partner country, ISO 3166-1 alpha-2 | `XCBY` |
/// | `XV` | venue country | `XVVE` |
/// | `XT` | document type | `XTmeeting` |
/// | `XS` | source agency, as written in the dateline | `XSЦАМТО` |
/// | `XP` | person, nominative full name | `XPОлег Мищенко` |
/// | `XW` | weapon designation, canonical | `XWСу-30МКИ` |
/// | `XO` | organisation, canonical (weighted; its short names are synonyms) | `XOФСВТС` |
/// | `XL` | lexicon concept (`lexicons/*.tsv`) the text names in any of its forms, weighted by count | `XLпво` |
/// | `XB` | unordered pair of partner countries, codes in byte order (schema 3) | `XBBY-CN` |
///
/// Up to schema 5 every file's document also had an `XR` term (its root directory), which
/// nothing read.
public enum IndexSchema {
    /// Stored in the database metadata key `bulletin.schema`; bump on incompatible changes.
    /// 2: file ids relative to one base root recorded in `bulletin.root` (real paths, so a
    /// file has one id whichever folder was named), feed ids in their own `Q/` namespace.
    /// 3: lexicon concept terms (`XL`), a larger stop-word list (`lexicons/stopwords.txt`).
    /// 3: partner-pair terms (`XB`), indexing sequence number and time (slots 5, 6).
    /// 4: facet values spread over value slots (`facets`) for Xapian's built-in
    /// ValueCountMatchSpy, instead of '\n'-packed terms in slot 4 read by a custom spy.
    /// 5: a document's facet values tagged and packed into two slots (`facetSlots`), counted
    /// by one spy reading each slot once per match; slot 1 (primary type) no longer written.
    /// 6: document data in `StoredData`'s compact format instead of JSON (the date and facet
    /// fields read from the value slots, Cyrillic one byte a letter), no `XR` root terms.
    public static let version = "7"
    /// Older schemas whose indexes this one reads and extends as they are: schema 7 added
    /// stored data deflated with a trained dictionary (`StoredDictionary`) beside schema 6's.
    public static let extendedVersions: Set<String> = ["6"]
    public static let versionKey = "bulletin.schema"
    /// The base root: the real path every file id is relative to, recorded by the first run.
    public static let baseRootKey = "bulletin.root"
    /// The last indexing sequence number handed out (decimal); each added or replaced
    /// document takes the next one, committed with it.
    public static let sequenceKey = "bulletin.sequence"
    /// The id (8 hex digits) of the dictionary new documents are deflated with.
    public static let dictionaryKey = "bulletin.dictionary"
    /// The frequencies of the index's commonest words, as of the commit that wrote them
    /// (`DocumentBuilder.prepareCommit`): a search process's snippets read them instead of
    /// looking each word up (`TermFreqCache`).
    public static let frequencyTableKey = "bulletin.frequencies"
    /// How many words that table holds, and from how many documents it is first chosen.
    static let frequencyTableTerms = 4096
    static let frequencyTableFrom = 200
    /// + a dictionary's id: its bytes (`StoredDictionary`).
    public static let dictionaryKeyPrefix = "bulletin.dictionary."
    /// What follows the unique-id prefix in a feed record's term.
    public static let feedIDMarker = "/"

    /// Refuses an index written with another schema version (an unset version is a first
    /// run killed before it committed anything but documents: it is this version).
    static func checkVersion(of database: Database, path: String) throws(BulletinError) {
        let found = try BulletinError.mapping(indexPath: path) { try database.metadata(versionKey) }
        guard !found.isEmpty, found != version, !extendedVersions.contains(found) else { return }
        let why = found == "1" ? " (ids relative to whichever folder was named, so one file could have two)"
            : found == "2" || found == "3" ? " (facet values packed for a counter remote shards cannot run)"
            : found == "4" || found == "5" ? " (document data stored as JSON, a larger format)" : ""
        throw .indexCorrupt(path: path, detail: "written with schema version \(found)\(why), this bulletin uses \(version); re-index into a new directory")
    }

    // MARK: Text
    public static let stemLanguage = "russian"

    // MARK: Term prefixes
    /// Stemmed words, as TermGenerator's STEM_SOME writes them (see `TextPipeline.stemTerm`).
    public static let stemPrefix = "Z"
    public static let uniqueIDPrefix = "Q"
    public static let titlePrefix = "S"
    public static let dayPrefix = "D"
    public static let monthPrefix = "M"
    public static let yearPrefix = "Y"
    public static let countryPrefix = "XC"
    public static let venuePrefix = "XV"
    public static let typePrefix = "XT"
    public static let sourcePrefix = "XS"
    public static let personPrefix = "XP"
    public static let weaponPrefix = "XW"
    public static let organisationPrefix = "XO"
    public static let lexiconPrefix = "XL"
    public static let pairPrefix = "XB"
    /// First bytes of every non-word term: skipped when expanding a document into a query.
    public static let nonWordPrefixBytes = "QDMYXSZ"

    // MARK: Value slots
    /// Publication date as YYYYMMDD (sorts as a string); empty when unknown.
    public static let dateSlot: UInt32 = 0
    // Slot 1 held the primary document type up to schema 4 (nothing read it).
    /// Near-duplicate key: documents sharing it tell the same story.
    public static let duplicateKeySlot: UInt32 = 2
    /// File signature `size:mtime:hash` for incremental indexing.
    public static let signatureSlot: UInt32 = 3
    /// Indexing sequence number of this version of the document, zero-padded to 12 digits
    /// (sorts as a string): which documents are new since a saved search last ran.
    public static let sequenceSlot: UInt32 = 5
    /// When this version was indexed, UTC `YYYYMMDDHHMMSS`.
    public static let indexedAtSlot: UInt32 = 6

    static func encodeSequence(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    static func decodeSequence(_ value: String) -> Int? { value.isEmpty ? nil : Int(value) }

    // Slot 4 held '\n'-packed facet terms up to schema 3; it is unused now.

    // MARK: Facets
    /// The facets counted over a search's matches: one line each. A facet's value is what
    /// follows its term prefix (`BY` for `XCBY`). Each facet has a one-byte tag and a value
    /// slot; a document's values of every facet kept in one slot are stored there as
    /// tag + value parts joined by '\n' (`cBY\ncRU\ntcontract\ny2019\nsЦАМТО`), so a count
    /// reads the slot once per match (see `Facet`). Slots 10 and 11; slots 12–26 held the
    /// schema-4 layout and are unused.
    public static let facets: [Facet] = [
        Facet(name: "country", prefix: countryPrefix, tag: "c", slot: standardFacetSlot) { $0.countries },
        Facet(name: "type", prefix: typePrefix, tag: "t", slot: standardFacetSlot) { $0.types },
        Facet(name: "year", prefix: yearPrefix, tag: "y", slot: standardFacetSlot) { $0.date.flatMap { $0.count == 10 ? [String($0.prefix(4))] : nil } ?? [] },
        Facet(name: "source", prefix: sourcePrefix, tag: "s", slot: standardFacetSlot) { $0.source.map { [$0] } ?? [] },
        Facet(name: "person", prefix: personPrefix, tag: "p", slot: moreFacetSlot) { $0.persons },
        Facet(name: "weapon", prefix: weaponPrefix, tag: "w", slot: moreFacetSlot) { $0.weapons },
        Facet(name: "venue", prefix: venuePrefix, tag: "v", slot: moreFacetSlot) { $0.venue.map { [$0] } ?? [] },
        Facet(name: "pair", prefix: pairPrefix, tag: "x", slot: moreFacetSlot) { DocumentBuilder.pairs(of: $0.countries) },
    ]
    /// The facets `--facets` counts (country, type, year, source).
    static let standardFacetSlot: UInt32 = 10
    /// The facets counted when named (person, weapon, venue, pair): a second slot, so a
    /// standard count does not read them.
    static let moreFacetSlot: UInt32 = 11
    /// Every facet slot.
    public static var facetSlots: [UInt32] { [standardFacetSlot, moreFacetSlot] }
    /// Separates the parts of a facet slot.
    static let facetSeparator: UInt8 = 0x0A

    /// One facet: its name (the JSON key), term prefix, tag byte and value slot.
    ///
    /// Counting (`FacetCounter`) reads each needed slot once per match and counts its parts;
    /// a part's tag says its facet. Each value is one part of one document, so counts are
    /// exact however many values a document has (a generated bulletin names 6–10
    /// countries). On a remote shard Xapian's built-in `ValueCountMatchSpy` counts the whole
    /// slot values and the shim splits them: the same counts.
    public struct Facet: Sendable {
        public let name: String
        public let prefix: String
        /// The byte each of this facet's parts starts with.
        public let tag: UInt8
        public let slot: UInt32
        /// The document's values for this facet (without the prefix), most important first.
        let values: @Sendable (StoredDocument) -> [String]

        init(name: String, prefix: String, tag: Unicode.Scalar, slot: UInt32, values: @escaping @Sendable (StoredDocument) -> [String]) {
            precondition(tag.isASCII && tag != "\n")
            self.name = name
            self.prefix = prefix
            self.tag = UInt8(tag.value)
            self.slot = slot
            self.values = values
        }

        /// The parts to store for `values`: tag + value for each distinct, non-empty value
        /// whose term fits Xapian's limit (the term is what filters match), a line break in a
        /// value turned into a space.
        func parts(_ values: [String]) -> [String] {
            var seen = Set<String>()
            let tagString = String(UnicodeScalar(tag))
            return values.compactMap { raw in
                let value = raw.contains("\n") ? raw.replacingOccurrences(of: "\n", with: " ") : raw
                guard !value.isEmpty, (prefix + value).utf8.count <= Document.maxTermBytes, seen.insert(value).inserted else { return nil }
                return tagString + value
            }
        }
    }

    /// The value of each facet slot for `stored` (slots without parts are left out).
    static func facetSlotValues(_ stored: StoredDocument) -> [(slot: UInt32, value: String)] {
        facetSlots.compactMap { slot in
            let parts = facets.filter { $0.slot == slot }.flatMap { $0.parts($0.values(stored)) }
            return parts.isEmpty ? nil : (slot, parts.joined(separator: "\n"))
        }
    }

    // MARK: Stopwords
    /// Function words (`lexicons/stopwords.txt`): dropped from ranking among other words,
    /// kept for phrases and for a query of nothing else. Free of words that are also names.
    public static var stopwords: [String] { Lexicon.stopwords }
}
