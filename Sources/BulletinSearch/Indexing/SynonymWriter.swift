internal import Xapian

/// Writes the index's synonym table, so a query word meets the index's other spellings:
/// - every form of a country's name, adjective and abbreviation (`Индия`, `Индии`,
///   `индийский`, `РБ`, `Белоруссия`) means its country term `XC…`, weighted by how often the
///   document names the country; this also joins case forms the Snowball stemmer splits
///   (`Вьетнам`→`вьетн` but `Вьетнама`→`вьетнам`);
/// - an organisation's short names (`ФСВТС`, `Минобороны`) mean its `XO` term, which documents
///   naming it in full carry too;
/// - Latin and Cyrillic weapon designations (`Su-30MKI` = `Су-30МКИ`, `S-400` = `С-400`).
///
/// The lexicons (`lexicons/*.tsv`) are not synonyms here: a concept may be a phrase, so both
/// sides match it by stems (`LexiconMatcher`) and meet at its `XL` term.
///
/// Every key is added twice, unstemmed (`su30mki`) and stemmed with the `Z` prefix, the two
/// forms Xapian's QueryParser looks up with FLAG_AUTO_SYNONYMS.
struct SynonymWriter {
    let database: WritableDatabase
    let pipeline: TextPipeline
    /// Where the facet values are read from (default: `database`; a sharded index reads them
    /// through its stub and writes the synonyms into its metadata shard).
    var source: Database? = nil

    /// Rewrites the synonyms derived from the facet values now in the index.
    func write() throws {
        let database: Database = source ?? self.database
        for (term, _) in try database.allTerms(prefix: IndexSchema.countryPrefix) {
            let code = String(term.dropFirst(IndexSchema.countryPrefix.count))
            for form in CountryTable.surfaceForms(of: code) where !form.contains(" ") && form.count > 1 {
                // A hyphenated name (`гвинеи-бисау`) reaches the query side joined.
                try add(Compounds.joined(form) ?? form, meaning: term)
            }
        }
        for (term, _) in try database.allTerms(prefix: IndexSchema.organisationPrefix) {
            let name = String(term.dropFirst(IndexSchema.organisationPrefix.count))
            for alias in OrganisationExtractor.singleWordAliases[name] ?? [] {
                try add(Compounds.joined(alias) ?? alias, meaning: term)
            }
        }
        for (term, _) in try database.allTerms(prefix: IndexSchema.weaponPrefix) {
            let designation = String(term.dropFirst(IndexSchema.weaponPrefix.count)).lowercased()
            let cyrillic = Compounds.joined(designation) ?? designation
            let latin = Transliteration.latin(cyrillic)
            guard latin != cyrillic, !latin.isEmpty else { continue }
            try add(latin, meaning: cyrillic)
            try add(cyrillic, meaning: latin)
        }
    }

    /// Query words that name a document type. They are not synonyms (a document typed
    /// `production` need not say `производства`): the searcher widens a query word among them
    /// toward the type's `XT` term, weighted below the word itself (`Searcher+Lexicon`).
    static let typeWords: [DocumentType: [String]] = [
        .meeting: ["заседание", "заседания", "переговоры", "переговоров", "встреча", "встречи", "консультации", "совещание"],
        .agreement: ["соглашение", "соглашения", "меморандум", "протокол", "договор"],
        .contract: ["контракт", "контракта", "контракты", "контрактов", "сделка", "заказ"],
        .delivery: ["поставка", "поставки", "поставок", "поставку", "передача"],
        .exhibition: ["выставка", "выставки", "выставке", "авиасалон", "салон", "экспозиция"],
        .exercise: ["учения", "учений", "маневры"],
        .visit: ["визит", "визита", "визиты"],
        .test: ["испытания", "испытаний", "испытание", "пуск"],
        .production: ["производство", "производства", "сборка", "локализация", "выпуск"],
        .statement: ["заявление", "заявления", "интервью", "комментарий"],
    ]

    /// `key` (a lowercase word) also means the term `value`.
    func add(_ key: String, meaning value: String) throws {
        let database = self.database
        guard key.utf8.count < Document.maxTermBytes, value.utf8.count < Document.maxTermBytes else { return }
        try database.addSynonym(key, value)
        if let stemTerm = try pipeline.stemTerm(key) { try database.addSynonym(stemTerm, value) }
    }
}

/// Cyrillic to Latin letters as designations are written abroad (`су30мки` → `su30mki`).
enum Transliteration {
    static let table: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya",
    ]

    static func latin(_ lowercased: String) -> String {
        var out = ""
        for c in lowercased { out += table[c] ?? String(c) }
        return out
    }
}
