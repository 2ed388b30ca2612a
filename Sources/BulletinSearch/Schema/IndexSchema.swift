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
/// | `Q` | unique id: path relative to the indexed root, or the feed id | `Q2019/2019-03-14-ctamto-0007.txt` |
/// | `D` / `M` / `Y` | publication date YYYYMMDD / YYYYMM / YYYY | `D20251118`, `M202511`, `Y2025` |
/// | `XC` | partner country, ISO 3166-1 alpha-2 | `XCBY` |
/// | `XV` | venue country | `XVVE` |
/// | `XT` | document type | `XTmeeting` |
/// | `XS` | source agency, as written in the dateline | `XSЦАМТО` |
/// | `XP` | person, nominative full name | `XPОлег Мищенко` |
/// | `XW` | weapon designation, canonical | `XWСу-30МКИ` |
/// | `XO` | organisation, canonical (weighted; its short names are synonyms) | `XOФСВТС` |
/// | `XR` | root directory an id belongs to (for pruning) | `XR/home/a/bulletins` |
public enum IndexSchema {
    /// Stored in the database metadata key `bulletin.schema`; bump on incompatible changes.
    public static let version = "1"
    public static let versionKey = "bulletin.schema"

    // MARK: Text
    public static let stemLanguage = "russian"

    // MARK: Term prefixes
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

    // MARK: Stopwords
    /// Prepositions, conjunctions and particles: dropped from ranking, kept for phrases.
    /// Deliberately small, and free of words that are also names (`того`, `мали`).
    public static let stopwords: [String] = [
        "а", "без", "бы", "в", "во", "для", "до", "же", "за", "и", "из", "изо", "или", "к", "ко",
        "как", "ли", "либо", "лишь", "между", "на", "над", "не", "ни", "но", "о", "об", "обо",
        "от", "ото", "перед", "по", "под", "при", "про", "с", "со", "также", "то", "у", "через",
        "что", "чтобы", "это", "уже", "ещё", "еще",
    ]
}
