internal import Xapian

/// The query side of the lexicons and of name forms (see docs/relevance.md).
extension Searcher {
    /// How much a widening term (a capital for its country, a country for its capitals, a type
    /// word for its type) weighs beside a word of the query: below the word itself.
    static let wideningScale = 0.3
    /// At most this many other case forms per query word.
    static let maxForms = 4

    /// Lexicon concepts over runs of plain query words; other case forms of each word whose
    /// stems the index holds (`Белоусова` also means `Белоусов`).
    func makeExpansion() throws -> QueryRewriter.Expansion {
        let lexicon = try pipeline.lexicon()
        let database = self.database
        let pipeline = self.pipeline
        return QueryRewriter.Expansion(
            concepts: { try lexicon.matches(in: $0) },
            forms: { word in
                var seen: Set<String> = [try pipeline.stem(word)]
                var forms: [String] = []
                for form in NameForms.forms(of: word) where forms.count < Self.maxForms {
                    let stem = try pipeline.stem(form)
                    guard !stem.isEmpty, seen.insert(stem).inserted else { continue }
                    if try database.termFrequency(IndexSchema.stemPrefix + stem) > 0 { forms.append(form) }
                }
                return forms
            },
            type: { word in
                let stem = try pipeline.stem(word)
                return try self.documentType(forKey: stem.isEmpty ? word : stem)
            })
    }

    /// Capital stem (or joined hyphenated name) → country code, built once per Searcher.
    func capitalKeys() throws -> [String: String] {
        if let cached = capitalKeyCache { return cached }
        var map: [String: String] = [:]
        for entry in Lexicon.capitals {
            for name in entry.names { map[try wideningKey(name.lowercased())] = entry.code }
        }
        capitalKeyCache = map
        return map
    }

    /// A word as widening compares it: a hyphenated name joined, another word by its stem.
    func wideningKey(_ lower: String) throws -> String {
        if let joined = Compounds.joined(lower) { return joined }
        let words = Lexicon.words(lower)
        if words.count > 1 { return words.joined() }
        let stem = try pipeline.stem(lower)
        return stem.isEmpty ? lower : stem
    }

    /// Terms that widen the query below its own words: a capital's country (`Вашингтон` →
    /// `XCUS`), a country's capitals (`США` → `вашингтон`, `пентагон`), a type word's type
    /// (`производства` → `XTproduction`). Nil when no word widens; `typesOnly` when every term
    /// is a type term.
    func wideningQuery(_ words: [String]) throws -> (query: Query, typesOnly: Bool)? {
        let capitals = try capitalKeys()
        var terms: [String] = []
        var seen = Set<String>()
        func add(_ term: String) { if seen.insert(term).inserted { terms.append(term) } }
        for word in words where !QueryRewriter.stopwordSet.contains(word) {
            let key = try wideningKey(word)
            let country = word.contains(where: \.isLetter) ? facetValues.indexedCountryCode(word) : nil
            if let code = capitals[key], country == nil {
                add(IndexSchema.countryPrefix + code)
            } else if let country, let names = Lexicon.capitalsOfCountry[country] {
                for name in names {
                    let lower = name.lowercased()
                    if let joined = Compounds.joined(lower) { add(joined); continue }
                    for form in [lower] + NameForms.forms(of: lower) {
                        let stem = try pipeline.stem(form)
                        if !stem.isEmpty { add(IndexSchema.stemPrefix + stem) }
                    }
                }
            }
            if let type = try documentType(forKey: key) { add(IndexSchema.typePrefix + type.rawValue) }
        }
        guard !terms.isEmpty else { return nil }
        let present = try terms.filter { try database.termFrequency($0) > 0 }
        guard !present.isEmpty else { return nil }
        let union = try Query.combine(.or, try present.map { try Query.term($0) })
        return (try Query.scaled(union, by: Self.wideningScale), present.allSatisfy { $0.hasPrefix(IndexSchema.typePrefix) })
    }

    /// The document type whose type word (`SynonymWriter.typeWords`) has the widening key
    /// `key`, if any. Snowball's Russian stems are prefixes of their words, so only the type
    /// words starting with `key` can have it, and only those are stemmed (building the whole
    /// key table cost every search process ~0.1 ms). Remembered per Searcher.
    func documentType(forKey key: String) throws -> DocumentType? {
        if let known = typeKeyCache[key] { return known }
        var found: DocumentType?
        search: for type in DocumentType.allCases {
            for word in SynonymWriter.typeWords[type] ?? [] where word.hasPrefix(key) {
                if try wideningKey(word) == key { found = type; break search }
            }
        }
        typeKeyCache[key] = .some(found)
        return found
    }
}
