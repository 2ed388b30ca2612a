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
/// | `XR` | root directory an id belongs to (for pruning) | `XR/home/a/bulletins` |
public enum IndexSchema {
    /// Stored in the database metadata key `bulletin.schema`; bump on incompatible changes.
    /// 2: file ids relative to one base root recorded in `bulletin.root` (real paths, so a
    /// file has one id whichever folder was named), feed ids in their own `Q/` namespace.
    /// 3: lexicon concept terms (`XL`), a larger stop-word list (`lexicons/stopwords.txt`).
    /// 3: partner-pair terms (`XB`), indexing sequence number and time (slots 5, 6).
    public static let version = "3"
    public static let versionKey = "bulletin.schema"
    /// The base root: the real path every file id is relative to, recorded by the first run.
    public static let baseRootKey = "bulletin.root"
    /// The last indexing sequence number handed out (decimal); each added or replaced
    /// document takes the next one, committed with it.
    public static let sequenceKey = "bulletin.sequence"
    /// What follows the unique-id prefix in a feed record's term.
    public static let feedIDMarker = "/"

    /// Refuses an index written with another schema version (an unset version is a first
    /// run killed before it committed anything but documents: it is this version).
    static func checkVersion(of database: Database, path: String) throws(BulletinError) {
        let found = try BulletinError.mapping(indexPath: path) { try database.metadata(versionKey) }
        guard !found.isEmpty, found != version else { return }
        let why = found == "1" ? " (ids relative to whichever folder was named, so one file could have two)" : ""
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
    public static let rootPrefix = "XR"
    public static let lexiconPrefix = "XL"
    public static let pairPrefix = "XB"
    /// First bytes of every non-word term: skipped when expanding a document into a query.
    public static let nonWordPrefixBytes = "QDMYXSZ"

    // MARK: Value slots
    /// Publication date as YYYYMMDD (sorts as a string); empty when unknown.
    public static let dateSlot: UInt32 = 0
    /// Primary document type.
    public static let primaryTypeSlot: UInt32 = 1
    /// Near-duplicate key: documents sharing it tell the same story.
    public static let duplicateKeySlot: UInt32 = 2
    /// File signature `size:mtime:hash` for incremental indexing.
    public static let signatureSlot: UInt32 = 3
    /// Facet terms joined by "\n", read by the facet MatchSpy.
    public static let facetsSlot: UInt32 = 4
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

    // MARK: Stopwords
    /// Function words (`lexicons/stopwords.txt`): dropped from ranking among other words,
    /// kept for phrases and for a query of nothing else. Free of words that are also names.
    public static var stopwords: [String] { Lexicon.stopwords }
}
